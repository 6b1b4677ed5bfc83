/**
 * From a graded answer to an FSRS rating. The simulator grades, not the learner: a wrong
 * answer is Again and cannot be overruled; a right one offers Hard / Good / Easy, with Hard
 * pre-selected when the answer took much longer than the learner's usual time for the skill.
 */
import { RATING, type RatingValue } from './types';

/** "Much slower" means more than this many times the learner's median for the skill. */
export const SLOW_FACTOR = 2;
/** The median needs at least this many earlier answers to mean anything. */
export const MIN_SAMPLES = 3;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * `score` below 1 on a right answer (a challenge won in more moves than par) means the
 * skill is not fluent yet: Hard.
 */
export function suggestedRating(correct: boolean, durationMs: number, earlierDurationsMs: readonly number[], score = 1): RatingValue {
  if (!correct) return RATING.again;
  if (score < 1) return RATING.hard;
  if (earlierDurationsMs.length < MIN_SAMPLES) return RATING.good;
  const m = median(earlierDurationsMs) as number;
  return durationMs > m * SLOW_FACTOR ? RATING.hard : RATING.good;
}

/** The ratings a learner may pick after an answer. */
export function allowedRatings(correct: boolean): readonly RatingValue[] {
  return correct ? [RATING.hard, RATING.good, RATING.easy] : [RATING.again];
}

/** Keys as in Anki: 1 Again, 2 Hard, 3 Good, 4 Easy; Space is Good. */
export function ratingForKey(key: string, correct: boolean): RatingValue | null {
  const byKey: Record<string, RatingValue> = { '1': RATING.again, '2': RATING.hard, '3': RATING.good, '4': RATING.easy, ' ': correct ? RATING.good : RATING.again };
  const rating = byKey[key];
  return rating !== undefined && allowedRatings(correct).includes(rating) ? rating : null;
}
