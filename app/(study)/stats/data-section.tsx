'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { importProgressFile, type ImportState } from './actions';
import type { ImportIssue } from '@/lib/stats/progress-file';
import { MAX_IMPORT_BYTES } from './import-limit';

export function DataSection() {
  const t = useTranslations('stats.data');
  const issueText = useIssueText();
  const router = useRouter();
  const [state, setState] = useState<ImportState>({ status: 'idle' });
  const [pending, startTransition] = useTransition();
  const fileId = useId();
  const confirmId = useId();
  const helpId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get('file');
    if (file instanceof File && file.size > MAX_IMPORT_BYTES) {
      setState({ status: 'invalid', issues: [{ code: 'too-large', section: 'file' }], more: 0 });
      return;
    }
    startTransition(async () => {
      try {
        const result = await importProgressFile(data);
        setState(result);
        if (result.status === 'ok') {
          form.reset();
          router.refresh();
        }
      } catch {
        // The request itself failed (e.g. the body was over the server's size limit).
        setState({ status: 'invalid', issues: [{ code: 'upload', section: 'file' }], more: 0 });
      }
    });
  }

  return (
    <section aria-labelledby="data-title" className="card space-y-5">
      <h2 id="data-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <div className="space-y-2">
        <p className="text-sm text-muted">{t('exportHelp')}</p>
        <div className="flex flex-wrap gap-2">
          <a href="/api/export/reviews.csv" download className="btn-secondary" data-testid="export-csv">
            {t('exportCsv')}
          </a>
          <a href="/api/export/progress.json" download className="btn-secondary" data-testid="export-json">
            {t('exportJson')}
          </a>
        </div>
      </div>
      <form onSubmit={onSubmit} noValidate className="space-y-3 border-t border-line pt-4" data-testid="import-form" aria-describedby={helpId}>
        <h3 className="font-semibold">{t('importTitle')}</h3>
        <p id={helpId} className="text-sm text-muted">
          {t('importHelp')}
        </p>
        <div>
          <label htmlFor={fileId} className="mb-1 block font-medium">
            {t('file')}
          </label>
          <input id={fileId} name="file" type="file" accept="application/json,.json" required className="field-input" data-testid="import-file" />
        </div>
        <div className="flex items-start gap-2">
          <input id={confirmId} name="confirm" type="checkbox" required className="mt-1 size-4" data-testid="import-confirm" />
          <label htmlFor={confirmId}>{t('confirm')}</label>
        </div>
        <button type="submit" className="btn-primary" disabled={pending} data-testid="import-submit">
          {pending ? t('pending') : t('submit')}
        </button>
        <div role="status" aria-live="polite" data-testid="import-result" data-status={state.status}>
          {state.status === 'ok' && <p className="font-medium text-ok">{t('ok', { cards: state.cards, reviews: state.reviews, topics: state.deckTopics })}</p>}
          {state.status === 'error' && <p className="field-error">{t('error')}</p>}
          {state.status === 'invalid' && (
            <div className="space-y-1">
              <p className="font-medium text-bad">{t('invalid')}</p>
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {state.issues.map((issue, i) => (
                  <li key={i} data-testid="import-issue" data-code={issue.code}>
                    {issueText(issue)}
                  </li>
                ))}
              </ul>
              {state.more > 0 && <p className="text-sm text-muted">{t('more', { count: state.more })}</p>}
            </div>
          )}
        </div>
      </form>
    </section>
  );
}

const KNOWN_TYPES = new Set(['number', 'string', 'boolean', 'object', 'array', 'null']);

/** Turns an import problem into a sentence naming the section, row and field. */
function useIssueText() {
  const t = useTranslations('stats.import');
  return (issue: ImportIssue): string => {
    const { section, row, field } = issue;
    const place = section === 'file' || section === 'settings' || row !== undefined ? t(`sections.${section}`, { row: row ?? 0 }) : t(`lists.${section}`);
    const where = field ? t('where', { place, field }) : place;
    const expected = issue.expected && KNOWN_TYPES.has(issue.expected) ? t(`types.${issue.expected as 'number'}`) : (issue.expected ?? '');
    const key = `issues.${issue.code}`;
    const values = { where, value: issue.value ?? 'none', min: issue.min ?? '', max: issue.max ?? '', expected };
    return t.has(key as 'issues.invalid') ? t(key as 'issues.invalid', values) : t('issues.invalid', values);
  };
}
