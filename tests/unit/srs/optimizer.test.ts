import { describe, expect, it } from 'vitest';
import { default_w } from 'ts-fsrs';
import { parseOptimizeReport, parseWeights, reviewHistories, serializeOptimizeReport, shouldAdopt, type OptimizeReport } from '@/lib/srs/optimizer';
import { previewIntervals, reviewCard, weightsOf } from '@/lib/srs/scheduler';
import { newCardState } from '@/lib/srs/mapper';
import { RATING } from '@/lib/srs/types';
import { DAY, MINUTE, NOW, reviewState, settings } from './fixtures';

describe('reviewHistories', () => {
  const row = (card_id: string, review_rating: number, elapsed_days: number) => ({ card_id, review_rating, elapsed_days });
  it('makes one item per review after a gap, each with the card’s reviews so far', () => {
    const items = reviewHistories([row('a', 1, 0), row('a', 3, 0), row('a', 3, 3), row('a', 4, 9), row('b', 4, 0), row('c', 3, 0), row('c', 3, 2)]);
    // a: the same-day second review is no target; b has one review only; c starts afresh.
    expect(items).toEqual([
      [[1, 0], [3, 0], [3, 3]],
      [[1, 0], [3, 0], [3, 3], [4, 9]],
      [[3, 0], [3, 2]],
    ]);
  });

  it('never hands fsrs-rs an item without a gap (its trainer aborts the process on one)', () => {
    expect(reviewHistories([row('a', 3, 0), row('a', 3, 0), row('a', 1, 0)])).toEqual([]);
  });
});

describe('shouldAdopt', () => {
  const current = { logLoss: 0.4, rmseBins: 0.1 };
  it('adopts only weights better on log loss and not worse on RMSE (bins)', () => {
    expect(shouldAdopt(current, { logLoss: 0.35, rmseBins: 0.08 })).toBe(true);
    expect(shouldAdopt(current, { logLoss: 0.35, rmseBins: 0.1 })).toBe(true);
    expect(shouldAdopt(current, { logLoss: 0.35, rmseBins: 0.11 })).toBe(false);
    expect(shouldAdopt(current, { logLoss: 0.4, rmseBins: 0.05 })).toBe(false);
    // Differences within float noise are no gain, and no loss.
    expect(shouldAdopt(current, { logLoss: 0.4 - 1e-7, rmseBins: 0.05 })).toBe(false);
    expect(shouldAdopt(current, { logLoss: 0.35, rmseBins: 0.1 + 1e-7 })).toBe(true);
  });
});

describe('stored weights and reports', () => {
  it('reads back 21 finite weights and refuses anything else', () => {
    expect(parseWeights(JSON.stringify(default_w))).toEqual([...default_w]);
    expect(parseWeights(JSON.stringify(default_w.slice(0, 19)))).toBeNull();
    expect(parseWeights('not json')).toBeNull();
    expect(parseWeights(null)).toBeNull();
  });

  it('round-trips a report', () => {
    const report: OptimizeReport = { at: NOW, reviews: 420, current: { logLoss: 0.5, rmseBins: 0.1 }, fitted: { logLoss: 0.4, rmseBins: 0.05 }, fittedWeights: [...default_w], adopted: true };
    expect(parseOptimizeReport(serializeOptimizeReport(report))).toEqual(report);
    expect(parseOptimizeReport('{"at":1}')).toBeNull();
  });
});

describe('the scheduler uses the learner’s weights', () => {
  it('falls back to the defaults for missing or malformed weights', () => {
    expect(weightsOf(settings())).toBe(default_w);
    expect(weightsOf(settings({ weights: [1, 2, 3] }))).toBe(default_w);
  });

  it('schedules a review differently with different weights', () => {
    const card = reviewState({ stability: 10 });
    const slow = [...default_w];
    slow[8] = 0.5; // w8: how much a successful review grows stability
    const withDefaults = reviewCard(card, NOW, RATING.good, settings());
    const withOwn = reviewCard(card, NOW, RATING.good, settings({ weights: slow }));
    expect(withOwn.stability).toBeLessThan(withDefaults.stability);
  });
});

describe('previewIntervals', () => {
  it('gives the learning steps for a new card and the unfuzzed interval of each rating', () => {
    const preview = previewIntervals(newCardState(NOW), NOW, settings());
    expect(preview.again).toBe(MINUTE);
    expect(preview.hard).toBeGreaterThan(MINUTE);
    expect(preview.good).toBe(10 * MINUTE);
    expect(preview.easy).toBeGreaterThanOrEqual(DAY);
  });

  it('orders a review card’s outcomes and matches what a Good review schedules, up to fuzz', () => {
    const card = reviewState({ stability: 20, elapsedDays: 20 });
    const preview = previewIntervals(card, NOW, settings());
    expect(preview.again).toBeLessThan(preview.hard);
    expect(preview.hard).toBeLessThan(preview.good);
    expect(preview.good).toBeLessThan(preview.easy);
    const good = reviewCard(card, NOW, RATING.good, settings()).due.getTime() - NOW.getTime();
    expect(Math.abs(good - preview.good)).toBeLessThanOrEqual(0.1 * preview.good);
  });
});
