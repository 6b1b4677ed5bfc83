'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { startAssignmentAttempt, type StartFormState } from '../actions';

export function StartForm({ assignmentId, number }: { assignmentId: string; number: number }) {
  const t = useTranslations('exams.assignments');
  const [state, action, pending] = useActionState<StartFormState, FormData>(startAssignmentAttempt, { status: 'idle' });
  const problem =
    state.status === 'not-open' || state.status === 'closed' || state.status === 'no-attempts-left' || state.status === 'empty' || state.status === 'not-found'
      ? t(`startStates.${state.status}`)
      : state.status === 'idle'
        ? null
        : t('startStates.error');
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <button type="submit" className="btn-primary" disabled={pending} data-testid="start-attempt">
        {pending ? t('starting') : t('start', { n: number })}
      </button>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
