'use client';

import { useTranslations } from 'next-intl';
import { ExplanationView } from '@/components/question/explanation-view';
import { VerdictView } from '@/components/question/verdict-view';
import type { Verdict } from '@/lib/questions/verdict';
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
  feedback: Verdict;
  answered: boolean;
  lang: Lang;
  open: boolean;
  onToggle: () => void;
}) {
  const t = useTranslations('exams.attempt');
  return (
    <div className="space-y-3">
      <VerdictView verdict={feedback} lang={lang} answered={answered} />
      <button type="button" className="btn-secondary" aria-expanded={open} onClick={onToggle} data-testid="toggle-explanation">
        {open ? t('hideExplanation') : t('showExplanation')}
      </button>
      {open && <ExplanationView explanation={feedback.explanation} lang={lang} />}
    </div>
  );
}
