'use client';

import { useTranslations } from 'next-intl';
import { ExplanationView } from '@/components/question/explanation-view';
import type { Feedback } from '@/lib/attempts/service';
import type { Lang } from '@/lib/questions/types';

/**
 * The verdict and the answer of one question, once they may be shown. The explanation opens
 * on request, one at a time (the explanation view's heading id is fixed, so two open at once
 * would repeat it).
 */
export function FeedbackView({
  feedback,
  answered,
  lang,
  open,
  onToggle,
}: {
  feedback: Feedback;
  answered: boolean;
  lang: Lang;
  open: boolean;
  onToggle: () => void;
}) {
  const t = useTranslations('exams.attempt');
  const verdict = !answered ? t('unanswered') : feedback.correct ? t('correct') : t('incorrect');
  return (
    <div className="space-y-3">
      <div className={`rounded-md border-l-4 p-4 ${feedback.correct ? 'border-ok bg-ok/10' : 'border-bad bg-bad/10'}`} data-testid="verdict" data-correct={feedback.correct}>
        <p className="font-semibold">{verdict}</p>
        <p>
          {t('answerWas')} <span className="font-mono">{feedback.answerText}</span>
        </p>
        {feedback.misconceptions.map((m) => (
          <p key={m.id} className="mt-2 text-sm">
            <strong>{t('misconception')}:</strong> {m.text[lang]}
          </p>
        ))}
      </div>
      <button type="button" className="btn-secondary" aria-expanded={open} onClick={onToggle} data-testid="toggle-explanation">
        {open ? t('hideExplanation') : t('showExplanation')}
      </button>
      {open && <ExplanationView explanation={feedback.explanation} lang={lang} />}
    </div>
  );
}
