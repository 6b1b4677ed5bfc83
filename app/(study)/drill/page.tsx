import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { DEFAULT_PRACTICE_SIZE, PRACTICE_SIZES } from '@/lib/drills/practice-policy';
import { availableTopics, drillOverview } from '@/lib/drills/service';
import { DeckEditor } from './deck-editor';
import { ProgressBar } from './progress-bar';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('drill'))('title') };
}

export default async function DrillHome() {
  const user = await requireUser('/drill');
  const t = await getTranslations('drill');
  const tt = await getTranslations('landing.topics');
  const at = await now();
  const { topics, queue, counts, exam, settings, outlook } = await drillOverview(user.id, at);
  const format = await getFormatter();
  const done = counts.reviewsToday + counts.newToday;
  const remaining = queue.cards.length;
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-muted">{t('intro')}</p>
      </header>
      {exam && settings.examDate && (
        <p className="rounded-md border-l-4 border-warn bg-warn/10 p-3" data-testid="exam-mode">
          {t('examMode', { date: settings.examDate.toISOString().slice(0, 10) })}
        </p>
      )}
      <section className="card space-y-4" aria-labelledby="today-title">
        <h2 id="today-title" className="text-lg font-semibold">
          {t('today')}
        </h2>
        <dl className="grid grid-cols-2 gap-4 text-center sm:grid-cols-4">
          {[
            { label: t('due'), value: queue.dueCount, testId: 'due-count' },
            { label: t('laterToday'), value: outlook.later, testId: 'later-count' },
            { label: t('new'), value: queue.newCount, testId: 'new-count' },
            { label: t('done'), value: done, testId: 'done-count' },
          ].map((figure) => (
            <div key={figure.testId}>
              <dt className="text-sm text-muted">{figure.label}</dt>
              <dd className="text-2xl font-bold" data-testid={figure.testId}>
                {figure.value}
              </dd>
            </div>
          ))}
        </dl>
        {outlook.nextLaterAt && (
          <p className="text-sm text-muted" data-testid="later-hint">
            {t('laterHint', { count: outlook.later, time: format.dateTime(outlook.nextLaterAt, { timeStyle: 'short', timeZone: settings.timeZone }) })}
          </p>
        )}
        <ProgressBar done={done} total={done + remaining} label={t('progress')} />
        {remaining > 0 ? (
          <Link href="/drill/review" className="btn-primary" data-testid="start-review">
            {done > 0 ? t('resume') : t('start')}
          </Link>
        ) : (
          <p data-testid="nothing-due">{topics.length === 0 ? t('emptyDeck') : t('allDone')}</p>
        )}
      </section>
      {topics.length > 0 && (
        <section className="card space-y-4" aria-labelledby="extra-title" data-testid="extra-practice">
          <h2 id="extra-title" className="text-lg font-semibold">
            {t('extra.title')}
          </h2>
          <p className="text-sm text-muted">{t('extra.intro')}</p>
          <form method="get" action="/drill/practice" className="space-y-3">
            <fieldset>
              <legend className="mb-2 text-sm text-muted">{t('extra.topics')}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {topics.map((topic) => (
                  <label key={topic} className="flex items-center gap-2">
                    <input type="checkbox" name="topic" value={topic} defaultChecked data-testid={`extra-topic-${topic}`} />
                    {tt(topic as 'lock')}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="flex flex-wrap items-end gap-3">
              <label className="flex flex-col text-sm">
                {t('extra.count')}
                <select name="count" defaultValue={DEFAULT_PRACTICE_SIZE} className="field-input" data-testid="extra-count">
                  {PRACTICE_SIZES.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="btn-primary" data-testid="extra-start">
                {t('extra.start')}
              </button>
            </div>
          </form>
        </section>
      )}
      <DeckEditor inDeck={topics} available={availableTopics()} />
      <p className="text-sm text-muted">
        <Link href="/settings" className="underline">
          {t('settingsLink')}
        </Link>{' '}
        ·{' '}
        <Link href="/stats" className="underline">
          {t('statsLink')}
        </Link>{' '}
        ·{' '}
        <Link href="/drill/skills" className="underline" data-testid="skills-link">
          {t('skillsLink')}
        </Link>
      </p>
    </div>
  );
}
