/**
 * What a form's server action answers, for `useActionState`: `idle` before the first
 * submit, then the outcome. Components take the action as a prop of this type, so they
 * never import from app/.
 */
export type FormState = { status: 'idle' } | { status: 'ok' } | { status: 'invalid' } | { status: 'unauthorized' } | { status: 'error' };

export type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>;
