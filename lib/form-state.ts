/**
 * What a form's server action answers, for `useActionState`: `idle` before the first
 * submit, then the outcome. Components take the action as a prop of this type, so they
 * never import from app/.
 */
export type FormState = { status: 'idle' } | { status: 'ok' } | { status: 'invalid' } | { status: 'unauthorized' } | { status: 'error' };

export type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/**
 * An action for a `<form action>` rendered on the server (no client component, no JavaScript of
 * its own): called from `idle`; its state is not shown, the action re-renders the page instead.
 */
export function plainFormAction(action: FormAction): (formData: FormData) => void {
  return action.bind(null, { status: 'idle' });
}
