'use client';

import { useTranslations } from 'next-intl';
import { ExplanationView } from '@/components/question/explanation-view';
import { VerdictView } from '@/components/question/verdict-view';
import type { Lang } from '@/lib/questions/types';
import { intervalUnit } from '@/lib/srs/interval';
import { RATING, type RatingValue } from '@/lib/srs/types';
import type { AnswerState } from '../answer';

const RATING_KEYS: Record<RatingValue, string> = { 1: '1', 2: '2', 3: '3', 4: '4' };
const RATING_NAMES = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' } as const satisfies Record<RatingValue, string>;

/**
 * What a review shows once its answer is graded: the verdict, the rating buttons with their next
 * intervals, and the explanation. The player fetches it while the answer is graded, not with the
 * page (issue 16's JS budget); the rating keys are the player's.
 */
export function GradedPanel({
  graded,
  lang,
  pending,
  onRate,
  onUndo,
}: {
  graded: Extract<AnswerState, { status: 'graded' }>;
  lang: Lang;
  pending: boolean;
  onRate: (rating: RatingValue) => void;
  onUndo: () => void;
}) {
  const t = useTranslations('drill');
  const ratingLabel: Record<RatingValue, string> = { 1: t('again'), 2: t('hard'), 3: t('good'), 4: t('easy') };
  const intervalText = (ms: number) => {
    const { unit, value } = intervalUnit(ms);
    return t(`interval.${unit}`, { value });
  };
  return (
    <div className="space-y-4">
      <VerdictView verdict={graded} lang={lang} announce />
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t('rateLabel')} data-testid="ratings">
        {graded.allowed.map((rating) => (
          <button
            key={rating}
            type="button"
            onClick={() => onRate(rating)}
            disabled={pending}
            className={rating === graded.rating ? 'btn-primary' : 'btn-secondary'}
            aria-pressed={rating === graded.rating}
            data-testid={`rate-${rating}`}
          >
            {ratingLabel[rating]}{' '}
            <span className="text-sm" data-testid={`interval-${rating}`}>
              {intervalText(graded.intervals[RATING_NAMES[rating]])}
            </span>{' '}
            <kbd className="text-xs opacity-80">{rating === RATING.again ? 'Space' : RATING_KEYS[rating]}</kbd>
          </button>
        ))}
        <button type="button" className="btn-secondary" onClick={onUndo} disabled={pending} data-testid="undo">
          {t('undo')} <kbd className="text-xs text-muted">U</kbd>
        </button>
      </div>
      <p className="text-xs text-muted">{graded.correct ? t('keysAfterRight') : t('keysAfterWrong')}</p>
      <ExplanationView explanation={graded.explanation} lang={lang} />
    </div>
  );
}
