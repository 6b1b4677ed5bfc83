import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { AttemptPlayer } from '@/components/attempt/attempt-player';
import { addTopics } from '@/app/(study)/drill/actions';
import { AttemptResult } from '@/components/attempt/attempt-result';
import { getAssignmentPage } from '@/lib/attempts/service';
import { requireUser } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { viewerTimes } from '@/lib/i18n/viewer-zone';
import { saveAttemptAnswer, submitAttemptAction } from '../../exams/actions';
import { StartForm } from './start-form';
import { currentLang } from '@/lib/i18n/current-lang';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('exams.assignments'))('title') };
}

type Props = { params: Promise<{ id: string }> };

export default async function AssignmentPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/assignments/${encodeURIComponent(id)}`);
  const t = await getTranslations('exams.assignments');
  const lang = await currentLang();
  const at = await now();
  const found = await getAssignmentPage(user.id, id, at, lang);
  // Another class's assignment: not found, never "forbidden" (its existence is not revealed).
  if (!found) notFound();
  const { summary, attempts, view, freshPractice } = found;
  const g = await getTranslations('grading');
  const when = await viewerTimes(at);
  const remainingMs = view && view.deadline && !view.submittedAt ? Math.max(0, view.deadline.getTime() - at.getTime()) : null;
  return (
    <div className="space-y-6">
      <Link href="/assignments" className="text-sm underline">
        {t('back')}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{summary.title}</h1>
        <p className="text-muted">
          {summary.className} · {summary.kind === 'exam' ? t('kindExam') : t('kindAssignment')} ·{' '}
          <span data-testid="assignment-status" data-status={summary.status}>
            {t(`statuses.${summary.status}`)}
          </span>
        </p>
      </div>
      <ul className="card space-y-1 text-sm">
        {summary.status === 'upcoming' && <li>{t('opensAt', { date: when(summary.opensAt) })}</li>}
        <li>{t('dueAt', { date: when(summary.dueAt) })}</li>
        {summary.timeLimitMinutes !== null && <li>{t('timeLimit', { minutes: summary.timeLimitMinutes })}</li>}
        <li>{t('attemptsUsed', { used: summary.attemptsUsed, allowed: summary.attemptsAllowed })}</li>
        <li>{summary.latePolicy === 'penalty' ? t('latePenalty', { penalty: Math.round(summary.latePenalty * 100) }) : t('lateClosed')}</li>
      </ul>
      {summary.canStart && <StartForm assignmentId={summary.id} number={summary.attemptsUsed + 1} />}
      {freshPractice.length > 0 && (
        <section aria-labelledby="practise-again" className="card space-y-2" data-testid="fresh-practice">
          <h2 id="practise-again" className="text-lg font-semibold">
            {g('practiseAgain')}
          </h2>
          <p className="text-sm text-muted">{g('practiseHint')}</p>
          <ul className="space-y-1 text-sm">
            {freshPractice.map((p) => (
              <li key={p.position}>
                <Link href={`/practice/${encodeURIComponent(p.generator)}?tier=${p.tier}`} className="underline">
                  {g('practiseQuestion', { n: p.position + 1 })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {attempts.length > 1 && (
        <section aria-labelledby="past-attempts" className="space-y-2">
          <h2 id="past-attempts" className="text-lg font-semibold">
            {t('pastAttempts')}
          </h2>
          <ul className="space-y-1 text-sm">
            {attempts.map((a) => (
              <li key={a.id}>
                {t('attemptN', { n: a.number })}: {a.submittedAt ? `${Math.round((a.score ?? 0) * 100)}%` : t('statuses.in-progress')}
                {a.late ? ` · ${t('statuses.late')}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {view && (
        <section className="space-y-6" aria-labelledby="current-attempt">
          <h2 id="current-attempt" className="text-xl font-semibold">
            {t('attemptN', { n: view.number })}
          </h2>
          <AttemptResult view={view} lang={lang} addTopics={addTopics} />
          <AttemptPlayer
            key={`${view.id}:${view.submittedAt ? 'submitted' : 'open'}`}
            attemptId={view.id}
            questions={view.questions}
            lang={lang}
            remainingMs={remainingMs}
            submitted={!!view.submittedAt}
            save={saveAttemptAnswer}
            submit={submitAttemptAction}
          />
        </section>
      )}
    </div>
  );
}
