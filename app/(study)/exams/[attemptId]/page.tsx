import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { AttemptPlayer } from '@/components/attempt/attempt-player';
import { addTopics } from '@/app/(study)/drill/actions';
import { AttemptResult } from '@/components/attempt/attempt-result';
import { getAttemptView } from '@/lib/attempts/service';
import { requireUser } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { saveAttemptAnswer, submitAttemptAction } from '../actions';
import { currentLang } from '@/lib/i18n/current-lang';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('exams.mock'))('attemptTitle') };
}

type Props = { params: Promise<{ attemptId: string }> };

export default async function MockAttemptPage({ params }: Props) {
  const { attemptId } = await params;
  const user = await requireUser(`/exams/${encodeURIComponent(attemptId)}`);
  const t = await getTranslations('exams.mock');
  const lang = await currentLang();
  const at = await now();
  const view = await getAttemptView(user.id, attemptId, at, lang);
  // Only the student's own mock exams live here; anything else is not found.
  if (!view || view.kind !== 'mock') notFound();
  const remainingMs = view.deadline && !view.submittedAt ? Math.max(0, view.deadline.getTime() - at.getTime()) : null;
  return (
    <div className="space-y-6">
      <Link href="/exams" className="text-sm underline">
        {t('back')}
      </Link>
      <h1 className="text-2xl font-bold">{t('attemptTitle')}</h1>
      <AttemptResult view={view} lang={lang} addTopics={addTopics} />
      <AttemptPlayer
        key={view.submittedAt ? 'submitted' : 'open'}
        attemptId={view.id}
        questions={view.questions}
        lang={lang}
        remainingMs={remainingMs}
        submitted={!!view.submittedAt}
        save={saveAttemptAnswer}
        submit={submitAttemptAction}
      />
    </div>
  );
}
