import { getFormatter, getTranslations } from 'next-intl/server';
import type { SessionSummary } from '@/lib/drills/service';

/** The end of the day's session: reviewed, correct, time, and what is still to come. */
export async function SessionSummaryView({ summary, timeZone }: { summary: SessionSummary; timeZone: string }) {
  const t = await getTranslations('drill.summary');
  const td = await getTranslations('drill');
  const format = await getFormatter();
  const seconds = Math.round(summary.durationMs / 1000);
  const percent = summary.reviewed > 0 ? Math.round((100 * summary.correct) / summary.reviewed) : 0;
  const figures = [
    { key: 'reviewed', label: t('reviewed'), value: String(summary.reviewed) },
    { key: 'correct', label: t('correct'), value: summary.reviewed > 0 ? `${percent}%` : '—' },
    { key: 'time', label: t('time'), value: t('duration', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 }) },
    { key: 'tomorrow', label: t('tomorrow'), value: String(summary.dueTomorrow) },
  ];
  return (
    <section className="card space-y-3" aria-labelledby="summary-title" data-testid="session-summary">
      <h2 id="summary-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <dl className="grid grid-cols-2 gap-4 text-center sm:grid-cols-4">
        {figures.map((f) => (
          <div key={f.key}>
            <dt className="text-sm text-muted">{f.label}</dt>
            <dd className="text-2xl font-bold" data-testid={`summary-${f.key}`}>
              {f.value}
            </dd>
          </div>
        ))}
      </dl>
      {summary.nextLaterAt && (
        <p data-testid="summary-later">{td('laterHint', { count: summary.later, time: format.dateTime(summary.nextLaterAt, { timeStyle: 'short', timeZone }) })}</p>
      )}
    </section>
  );
}
