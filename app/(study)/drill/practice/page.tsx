import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LockdownNotice } from '@/components/attempt/lockdown-notice';
import { currentLockdown } from '@/lib/attempts/lockdown';
import { requireUser } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { nextPractice } from '@/lib/drills/practice';
import { currentLang } from '@/lib/i18n/current-lang';
import { ProgressBar } from '../progress-bar';
import { practiceParams } from '../schema';
import { PracticePlayer } from './practice-player';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('drill'))('extra.title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The query string of a practice session: its choices, and the instant it began once it has. */
function sessionQuery(p: { topic: readonly string[]; skill: readonly string[]; count: number }, since?: number): string {
  const query = new URLSearchParams();
  for (const topic of p.topic) query.append('topic', topic);
  for (const skill of p.skill) query.append('skill', skill);
  query.set('count', String(p.count));
  if (since !== undefined) query.set('since', String(since));
  return query.toString();
}

/** Extra practice: /drill/practice?topic=lock&skill=deadlock&count=10 starts a session (the page adds `since`). */
export default async function PracticeSessionPage({ searchParams }: Props) {
  const user = await requireUser('/drill/practice');
  const lockdown = await currentLockdown();
  if (lockdown) return <LockdownNotice notice={lockdown} />;
  const t = await getTranslations('drill');
  const parsed = practiceParams.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t('extra.title')}</h1>
        <p role="alert" data-testid="practice-invalid">
          {t('extra.invalid')}
        </p>
        <Link href="/drill" className="btn-secondary">
          {t('title')}
        </Link>
      </div>
    );
  }
  const params = parsed.data;
  if (params.since === undefined) redirect(`/drill/practice?${sessionQuery(params, (await now()).getTime())}`);
  const next = await nextPractice(user.id, { topics: params.topic, skills: params.skill, count: params.count, since: new Date(params.since) });
  if (next.status === 'practice') {
    return (
      <div className="space-y-6">
        <p className="text-sm text-muted" data-testid="schedule-kept">
          {t('extra.scheduleKept')}
        </p>
        <ProgressBar done={next.done} total={next.total} label={t('extra.progress')} />
        <PracticePlayer key={`${next.item.cardId}:${next.item.practiceIndex}`} item={next.item} lang={await currentLang()} />
      </div>
    );
  }
  return (
    <div className="space-y-4" data-testid="practice-done">
      <h1 className="text-2xl font-bold">{next.status === 'done' ? t('extra.doneTitle') : t('extra.title')}</h1>
      {next.status === 'done' ? (
        <>
          <ProgressBar done={next.done} total={next.total} label={t('extra.progress')} />
          <p data-testid="practice-score">{t('extra.done', { correct: next.correct, done: next.done })}</p>
        </>
      ) : (
        <p data-testid="practice-empty">{t('extra.empty')}</p>
      )}
      <div className="flex flex-wrap gap-3">
        {next.status === 'done' && (
          <Link href={`/drill/practice?${sessionQuery(params)}`} className="btn-primary" data-testid="practice-again">
            {t('extra.again')}
          </Link>
        )}
        <Link href="/drill" className="btn-secondary">
          {t('title')}
        </Link>
      </div>
    </div>
  );
}
