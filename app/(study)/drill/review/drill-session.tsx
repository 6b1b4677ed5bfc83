'use client';

import { useState } from 'react';
import type { ReviewItem } from '@/lib/drills/service';
import type { Lang } from '@/lib/questions/types';
import { ProgressBar } from '../progress-bar';
import { DrillPlayer } from './drill-player';

export interface ShownReview {
  item: ReviewItem;
  done: number;
  total: number;
}

/**
 * The reviews of one visit: starts with the one the page rendered and moves on to the review
 * each answer brought back, without reloading the page. A fresh player for every review.
 */
export function DrillSession({ first, lang, progressLabel }: { first: ShownReview; lang: Lang; progressLabel: string }) {
  const [shown, setShown] = useState<{ review: ShownReview; n: number }>({ review: first, n: 0 });
  const { item, done, total } = shown.review;
  return (
    <div className="space-y-6">
      <ProgressBar done={done} total={total} label={progressLabel} />
      <DrillPlayer
        key={`${item.cardId}:${item.reviewIndex}:${shown.n}`}
        item={item}
        lang={lang}
        canUndo={done > 0}
        onAdvance={(review) => setShown((prev) => ({ review, n: prev.n + 1 }))}
      />
    </div>
  );
}
