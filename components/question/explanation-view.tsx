'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { Explanation, Lang } from '@/lib/questions/types';
import { DataTable } from './data-table';
import { MemoryView } from './memory-view';
import { TimelineView } from './timeline-view';

export function ExplanationView({ explanation, lang }: { explanation: Explanation; lang: Lang }) {
  const t = useTranslations('practice');
  const titleId = useId();
  return (
    <section className="space-y-4" data-testid="explanation" aria-labelledby={titleId}>
      <h3 id={titleId} className="text-lg font-semibold">
        {t('explanation')}
      </h3>
      {explanation.summary.map((p, i) => (
        <p key={i} className="leading-relaxed whitespace-pre-line">
          {p[lang]}
        </p>
      ))}
      {explanation.rule && (
        <p className="rounded-md border-l-4 border-accent bg-surface-2 p-3 text-sm">
          <strong>{t('rule')}:</strong> {explanation.rule[lang]}
        </p>
      )}
      {explanation.views.map((view, i) => {
        if (view.kind === 'timeline') return <TimelineView key={i} view={view} lang={lang} />;
        if (view.kind === 'memory') return <MemoryView key={i} view={view} lang={lang} />;
        return <DataTable key={i} caption={view.caption} header={view.header} rows={view.rows} lang={lang} />;
      })}
    </section>
  );
}
