import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { requireUser } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { getLearnerStats } from '@/lib/stats/service';
import { LazyForecastChart, LazyRetentionChart } from './lazy-charts';
import { DataSection } from './data-section';
import { ReviewHeatmap } from './heatmap';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stats'))('title') };
}

const asDate = (date: string) => new Date(`${date}T00:00:00Z`);

function Section({ id, title, testId, children }: { id: string; title: string; testId: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card space-y-4" data-testid={testId}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A scrolling box that keyboard users can focus and scroll (the table may be wider than a phone). */
function ScrollBox({ label, className = '', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`overflow-x-auto ${className}`} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

function TableDetails({ summary, label, children }: { summary: string; label: string; children: ReactNode }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-accent underline">{summary}</summary>
      <ScrollBox label={label} className="mt-2">
        {children}
      </ScrollBox>
    </details>
  );
}

const th = 'py-1 pr-4 text-left font-medium';
const thNum = 'py-1 pr-4 text-right font-medium';
const td = 'py-1 pr-4';
const tdNum = 'py-1 pr-4 text-right tabular-nums';
const row = 'border-b border-line last:border-0';

export default async function StatsPage() {
  const user = await requireUser('/stats');
  const t = await getTranslations('stats');
  const topicName = await getTranslations('landing.topics');
  const topicShort = await getTranslations('stats.topicShort');
  const format = await getFormatter();
  const stats = await getLearnerStats(user.id, await now());

  const percent = (value: number | null) => (value === null ? t('none') : format.number(value, { style: 'percent', maximumFractionDigits: 0 }));
  const day = (date: string) => format.dateTime(asDate(date), { timeZone: 'UTC', month: 'short', day: 'numeric', weekday: 'short' });
  const shortDay = (date: string) => format.dateTime(asDate(date), { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
  const topic = (id: string) => topicName(id as 'lock');
  const short = (id: string) => topicShort(id as 'lock');

  const { heatmap, streak, retention, forecast, mastery } = stats;
  const target = percent(stats.desiredRetention);
  const hasRetention = retention.overall.reviews > 0;
  const first = forecast.days[0];
  const last = forecast.days.at(-1);

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-muted">{t('intro', { timeZone: stats.timeZone })}</p>
      </header>

      <div className="grid gap-4 sm:grid-cols-3">
        <section aria-labelledby="streak-title" className="card space-y-1" data-testid="stats-streak" data-streak={streak.current}>
          <h2 id="streak-title" className="text-sm font-medium text-muted">
            {t('streak.title')}
          </h2>
          <p className="text-3xl font-bold" data-testid="streak-days">
            {t('streak.days', { count: streak.current })}
          </p>
          <p className="text-sm">{streak.reviewedToday ? t('streak.today') : streak.current > 0 ? t('streak.pending') : t('streak.empty')}</p>
          <p className="text-xs text-muted">{t('streak.help')}</p>
        </section>
        <section aria-labelledby="year-title" className="card space-y-1">
          <h2 id="year-title" className="text-sm font-medium text-muted">
            {t('streak.yearTotal')}
          </h2>
          <p className="text-3xl font-bold">{t('streak.yearReviews', { count: heatmap.total })}</p>
          <p className="text-sm">{t('streak.activeDays', { count: heatmap.activeDays.length })}</p>
        </section>
        <section aria-labelledby="retention-summary-title" className="card space-y-1">
          <h2 id="retention-summary-title" className="text-sm font-medium text-muted">
            {t('streak.retentionTitle')}
          </h2>
          <p className="text-3xl font-bold">{hasRetention ? percent(retention.overall.retention) : t('streak.retentionNone')}</p>
          <p className="text-sm">{t('retention.target', { target })}</p>
        </section>
      </div>

      <Section id="heatmap-title" title={t('heatmap.title')} testId="stats-heatmap">
        <ReviewHeatmap heatmap={heatmap} />
      </Section>

      <Section id="retention-title" title={t('retention.title')} testId="stats-retention">
        <p className="text-sm text-muted">{t('retention.help', { target })}</p>
        {hasRetention ? (
          <LazyRetentionChart
            data={retention.byTopic.map((r) => ({ label: short(r.topic), retention: r.retention === null ? null : Math.round(r.retention * 1000) / 10 }))}
            target={Math.round(stats.desiredRetention * 100)}
            targetLabel={t('retention.target', { target })}
            title={t('retention.title')}
            desc={t('retention.label', { overall: percent(retention.overall.retention) })}
            valueLabel={t('retention.retention')}
          />
        ) : (
          <p className="text-sm">{t('retention.empty')}</p>
        )}
        {retention.byTopic.length > 0 && (
          <TableDetails summary={t('retention.table')} label={t('retention.caption')}>
            <table className="w-full text-left" data-testid="retention-table">
              <caption className="sr-only">{t('retention.caption')}</caption>
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className={th}>
                    {t('retention.topic')}
                  </th>
                  <th scope="col" className={thNum}>
                    {t('retention.retention')}
                  </th>
                  <th scope="col" className={thNum}>
                    {t('retention.passed')}
                  </th>
                  <th scope="col" className={thNum}>
                    {t('retention.reviews')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {retention.byTopic.map((r) => (
                  <tr key={r.topic} className={row}>
                    <th scope="row" className={`${td} font-normal`}>
                      {topic(r.topic)}
                    </th>
                    <td className={tdNum}>{percent(r.retention)}</td>
                    <td className={tdNum}>{r.passed}</td>
                    <td className={tdNum}>{r.reviews}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t border-line font-semibold">
                  <th scope="row" className={td}>
                    {t('retention.overall')}
                  </th>
                  <td className={tdNum}>{percent(retention.overall.retention)}</td>
                  <td className={tdNum}>{retention.overall.passed}</td>
                  <td className={tdNum}>{retention.overall.reviews}</td>
                </tr>
              </tfoot>
            </table>
          </TableDetails>
        )}
      </Section>

      <Section id="forecast-title" title={t('forecast.title')} testId="stats-forecast">
        <p className="text-sm text-muted">{t('forecast.help')}</p>
        {forecast.overdue > 0 && <p className="text-sm font-medium">{t('forecast.overdue', { count: forecast.overdue })}</p>}
        {forecast.total === 0 ? (
          <p className="text-sm">{t('forecast.empty')}</p>
        ) : (
          <>
            <LazyForecastChart
              data={forecast.days.map((d, i) => ({ label: i === 0 ? t('forecast.today') : shortDay(d.date), count: d.count }))}
              title={t('forecast.title')}
              desc={t('forecast.label', { start: first ? day(first.date) : '', end: last ? day(last.date) : '', total: forecast.total, overdue: forecast.overdue })}
              valueLabel={t('forecast.due')}
            />
            <TableDetails summary={t('forecast.table')} label={t('forecast.caption')}>
              <table className="w-full max-w-sm text-left" data-testid="forecast-table">
                <caption className="sr-only">{t('forecast.caption')}</caption>
                <thead>
                  <tr className="border-b border-line">
                    <th scope="col" className={th}>
                      {t('forecast.date')}
                    </th>
                    <th scope="col" className={thNum}>
                      {t('forecast.due')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {forecast.days.map((d, i) => (
                    <tr key={d.date} className={row}>
                      <th scope="row" className={`${td} font-normal`}>
                        <time dateTime={d.date}>{i === 0 ? `${t('forecast.today')} · ${day(d.date)}` : day(d.date)}</time>
                      </th>
                      <td className={tdNum}>{d.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableDetails>
          </>
        )}
      </Section>

      <Section id="mastery-title" title={t('mastery.title')} testId="stats-mastery">
        <p className="text-sm text-muted">{t('mastery.help')}</p>
        {mastery.length === 0 ? (
          <p className="text-sm">
            {t('mastery.empty')}{' '}
            <Link href="/drill" className="text-accent underline">
              {t('mastery.addTopics')}
            </Link>
          </p>
        ) : (
          <ScrollBox label={t('mastery.tableLabel')}>
            <table className="w-full text-left text-sm" data-testid="mastery-table">
              <caption className="sr-only">{t('mastery.caption')}</caption>
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className={th}>
                    {t('mastery.topic')}
                  </th>
                  <th scope="col" className={th}>
                    {t('mastery.mastery')}
                  </th>
                  <th scope="col" className={thNum}>
                    {t('mastery.seen')}
                  </th>
                  <th scope="col" className={thNum}>
                    {t('mastery.tiers')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {mastery.map((m) => (
                  <tr key={m.topic} className={row} data-topic={m.topic}>
                    <th scope="row" className={`${td} font-normal`}>
                      {topic(m.topic)}
                    </th>
                    <td className={td}>
                      <span className="flex items-center gap-2">
                        <span className="h-2 w-24 shrink-0 overflow-hidden rounded bg-surface-2 ring-1 ring-line" aria-hidden="true">
                          <span className="block h-full bg-accent" style={{ width: `${Math.round(m.mastery * 100)}%` }} />
                        </span>
                        <span className="tabular-nums">{percent(m.mastery)}</span>
                      </span>
                    </td>
                    <td className={tdNum}>{t('mastery.seenOf', { seen: m.seen, cards: m.cards })}</td>
                    <td className={tdNum}>{m.tiers.join(' / ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </Section>

      <Section id="practice-title" title={t('practice.title')} testId="stats-practice">
        <p data-testid="practice-answered">{stats.practice.answered > 0 ? t('practice.answered', stats.practice) : t('practice.none')}</p>
        <p className="text-sm text-muted">{t('practice.help')}</p>
      </Section>

      <DataSection />
    </div>
  );
}
