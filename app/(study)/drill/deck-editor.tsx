'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { FormState } from '@/lib/form-state';
import { addTopics, removeTopic } from './actions';

export function DeckEditor({ inDeck, available }: { inDeck: readonly string[]; available: readonly string[] }) {
  const t = useTranslations('drill');
  const tt = useTranslations('landing.topics');
  const [addState, add, adding] = useActionState<FormState, FormData>(addTopics, { status: 'idle' });
  const [, remove, removing] = useActionState<FormState, FormData>(removeTopic, { status: 'idle' });
  const missing = available.filter((topic) => !inDeck.includes(topic));
  return (
    <section className="card space-y-4" aria-labelledby="deck-title" data-testid="deck">
      <h2 id="deck-title" className="text-lg font-semibold">
        {t('deck')}
      </h2>
      {inDeck.length > 0 && (
        <ul className="flex flex-wrap gap-2">
          {inDeck.map((topic) => (
            <li key={topic} className="flex items-center gap-1 rounded-full border border-line px-3 py-1 text-sm" data-testid={`deck-topic-${topic}`}>
              {tt(topic as 'lock')}
              <form action={remove}>
                <button type="submit" name="topic" value={topic} disabled={removing} className="ml-1 rounded px-1 text-muted hover:text-bad" aria-label={t('remove', { topic: tt(topic as 'lock') })}>
                  ×
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {missing.length > 0 && (
        <form action={add} className="space-y-3">
          <fieldset>
            <legend className="mb-2 text-sm text-muted">{t('addTopics')}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {missing.map((topic) => (
                <label key={topic} className="flex items-center gap-2">
                  <input type="checkbox" name="topic" value={topic} data-testid={`add-topic-${topic}`} />
                  {tt(topic as 'lock')}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-wrap gap-2">
            <button type="submit" className="btn-primary" disabled={adding} data-testid="add-selected">
              {t('addSelected')}
            </button>
            <button type="submit" className="btn-secondary" disabled={adding} formAction={add} onClick={(e) => {
              const form = e.currentTarget.form;
              form?.querySelectorAll<HTMLInputElement>('input[name=topic]').forEach((box) => (box.checked = true));
            }} data-testid="add-all">
              {t('addAll')}
            </button>
          </div>
          {addState.status === 'invalid' && <p className="field-error">{t('pickTopic')}</p>}
          {addState.status === 'error' && <p className="field-error">{t('error')}</p>}
        </form>
      )}
    </section>
  );
}
