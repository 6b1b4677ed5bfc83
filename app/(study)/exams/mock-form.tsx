'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { MOCK_LIMITS } from '@/lib/attempts/limits';
import { startMock, type MockFormState } from './actions';

export function MockForm({ topics }: { topics: readonly string[] }) {
  const t = useTranslations('exams.mock');
  const tt = useTranslations('landing.topics');
  const [state, action, pending] = useActionState<MockFormState, FormData>(startMock, { status: 'idle' });
  return (
    <form action={action} className="card space-y-4" aria-labelledby="mock-new-title" data-testid="mock-form">
      <h2 id="mock-new-title" className="text-lg font-semibold">
        {t('newTitle')}
      </h2>
      <fieldset>
        <legend className="mb-2 text-sm font-medium">{t('topics')}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {topics.map((topic) => (
            <label key={topic} className="flex items-center gap-2">
              <input type="checkbox" name="topic" value={topic} data-testid={`mock-topic-${topic}`} />
              {tt(topic as 'lock')}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap gap-6">
        <div>
          <label htmlFor="mock-count" className="mb-1 block text-sm font-medium">
            {t('count')}
          </label>
          <input id="mock-count" name="count" type="number" required min={MOCK_LIMITS.count.min} max={MOCK_LIMITS.count.max} defaultValue={10} className="field-input w-28" />
        </div>
        <div>
          <label htmlFor="mock-minutes" className="mb-1 block text-sm font-medium">
            {t('minutes')}
          </label>
          <input id="mock-minutes" name="minutes" type="number" required min={MOCK_LIMITS.minutes.min} max={MOCK_LIMITS.minutes.max} defaultValue={20} className="field-input w-28" />
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="lockdown" value="on" data-testid="mock-lockdown" />
        {t('lockdown')}
      </label>
      <button type="submit" className="btn-primary" disabled={pending} data-testid="start-mock">
        {pending ? t('starting') : t('start')}
      </button>
      {state.status === 'invalid' && (
        <p className="field-error" role="alert">
          {t('invalid')}
        </p>
      )}
      {(state.status === 'error' || state.status === 'unauthorized') && (
        <p className="field-error" role="alert">
          {t('error')}
        </p>
      )}
    </form>
  );
}
