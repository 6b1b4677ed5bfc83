import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { addTopics } from '@/app/(study)/drill/actions';
import { saveAttemptAnswer, submitAttemptAction } from '@/app/(study)/exams/actions';
import { AttemptPlayer } from '@/components/attempt/attempt-player';
import { AttemptResult } from '@/components/attempt/attempt-result';
import { getPreviewPage } from '@/lib/attempts/service';
import { requireRole } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { currentLang } from '@/lib/i18n/current-lang';
import { viewerTimes } from '@/lib/i18n/viewer-zone';
import { PreviewForm } from '../../../../grading-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('grading'))('preview') };
}

type Props = { params: Promise<{ id: string; assignmentId: string }> };

/** The instructor's preview of one assignment: the student's player on an attempt that never counts. */
export default async function PreviewPage({ params }: Props) {
  const { id, assignmentId } = await params;
  const user = await requireRole('INSTRUCTOR', `/teach/classes/${encodeURIComponent(id)}/preview/${encodeURIComponent(assignmentId)}`);
  const lang = await currentLang();
  const at = await now();
  const found = await getPreviewPage(user.id, id, assignmentId, at, lang);
  // Another instructor's class or assignment: not found, as for every class page (a student is refused above).
  if (!found) notFound();
  const { summary, view } = found;
  const [g, t, when] = await Promise.all([getTranslations('grading'), getTranslations('exams.assignments'), viewerTimes(at)]);
  const remainingMs = view && view.deadline && !view.submittedAt ? Math.max(0, view.deadline.getTime() - at.getTime()) : null;
  return (
    <div className="space-y-6">
      <Link href={`/teach/classes/${encodeURIComponent(id)}`} className="text-sm underline">
        {g('backToClass', { name: summary.className })}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">
          <span className="mr-2 rounded bg-surface-2 px-2 py-0.5 align-middle text-sm font-semibold uppercase" data-testid="preview-badge">
            {g('previewBadge')}
          </span>
          {g('previewTitle', { title: summary.title })}
        </h1>
        <p className="text-muted">
          {summary.className} · {summary.kind === 'exam' ? t('kindExam') : t('kindAssignment')}
        </p>
      </div>
      <p className="card text-sm" role="note" data-testid="preview-notice">
        {g('previewNotice')}
      </p>
      <ul className="card space-y-1 text-sm">
        <li>{t('dueAt', { date: when(summary.dueAt) })}</li>
        {summary.timeLimitMinutes !== null && <li>{t('timeLimit', { minutes: summary.timeLimitMinutes })}</li>}
        <li>{summary.latePolicy === 'penalty' ? t('latePenalty', { penalty: Math.round(summary.latePenalty * 100) }) : t('lateClosed')}</li>
      </ul>
      <PreviewForm classId={id} assignmentId={assignmentId} restart={view !== null} />
      {view && (
        <section className="space-y-6" aria-labelledby="current-attempt">
          <h2 id="current-attempt" className="text-xl font-semibold">
            {g('previewBadge')} · {t('attemptN', { n: view.number })}
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
