import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LockdownNotice } from '@/components/attempt/lockdown-notice';
import { currentLockdown } from '@/lib/attempts/lockdown';
import { requireUser } from '@/lib/auth/session';
import { getDrillSettings } from '@/lib/db/drills';
import { now } from '@/lib/clock';
import { nextReview } from '@/lib/drills/service';
import { ProgressBar } from '../progress-bar';
import { DrillSession } from './drill-session';
import { SessionSummaryView } from './session-summary';
import { UndoButton } from './undo-button';
import { currentLang } from '@/lib/i18n/current-lang';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('drill'))('reviewTitle') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReviewPage({ searchParams }: Props) {
  const user = await requireUser('/drill/review');
  const lockdown = await currentLockdown();
  if (lockdown) return <LockdownNotice notice={lockdown} />;
  const t = await getTranslations('drill');
  const lang = await currentLang();
  // After an undo, the undone card comes back first.
  const preferred = (await searchParams).card;
  const next = await nextReview(user.id, await now(), lang, typeof preferred === 'string' ? preferred : undefined);
  const { done, total } = next;
  const timeZone = next.status === 'done' ? (await getDrillSettings(user.id)).timeZone : 'UTC';
  if (next.status === 'done') {
    return (
      <div className="space-y-4" data-testid="session-done">
        <h1 className="text-2xl font-bold">{t('allDoneTitle')}</h1>
        <ProgressBar done={done} total={total} label={t('progress')} />
        <SessionSummaryView summary={next.summary} timeZone={timeZone} />
        <p>{t('allDone')}</p>
        <div className="flex gap-3">
          <Link href="/stats" className="btn-primary">
            {t('statsLink')}
          </Link>
          <Link href="/drill" className="btn-secondary">
            {t('title')}
          </Link>
          {next.canUndo && <UndoButton />}
        </div>
      </div>
    );
  }
  // A fresh session on every server render (the next card, or the same card again after an undo).
  return <DrillSession key={randomUUID()} first={{ item: next.item, done, total }} lang={lang} progressLabel={t('progress')} />;
}
