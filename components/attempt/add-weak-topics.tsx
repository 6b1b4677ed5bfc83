'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { FormAction, FormState } from '@/lib/form-state';

/** Adds the topics of weak skills the student does not drill yet to their deck. */
export function AddWeakTopics({ topics, addTopics }: { topics: readonly string[]; addTopics: FormAction }) {
  const t = useTranslations('exams.attempt');
  const [state, add, pending] = useActionState<FormState, FormData>(addTopics, { status: 'idle' });
  if (state.status === 'ok') {
    return (
      <p role="status" className="text-good" data-testid="weak-added">
        {t('weakAdded')}
      </p>
    );
  }
  return (
    <form action={add} className="space-y-2">
      {topics.map((topic) => (
        <input key={topic} type="hidden" name="topic" value={topic} />
      ))}
      <button type="submit" className="btn-secondary" disabled={pending} data-testid="add-weak-topics">
        {t('weakAdd')}
      </button>
      {state.status !== 'idle' && (
        <p role="alert" className="text-bad">
          {t('weakAddFailed')}
        </p>
      )}
    </form>
  );
}
