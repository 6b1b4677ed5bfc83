/**
 * Scheduling one review with FSRS (ts-fsrs), plus Lockstep's tier ladder. Pure: the time
 * and the settings are passed in.
 */
import { default_w, fsrs, generatorParameters, Rating, type Grade } from 'ts-fsrs';
import { applyLadder } from './ladder';
import { fromFsrsCard, toFsrsCard } from './mapper';
import { FSRS_WEIGHT_COUNT, type CardState, type DrillSettingsValues, type RatingValue } from './types';

/** Days before an exam date during which drills switch to exam mode. */
export const EXAM_WINDOW_DAYS = 30;
/** Desired retention in exam mode (never lower than the learner's own setting). */
export const EXAM_RETENTION = 0.95;
export const MAXIMUM_INTERVAL_DAYS = 36500;

const DAY_MS = 86_400_000;

/** True while `now` is within EXAM_WINDOW_DAYS before the exam date. */
export function inExamWindow(settings: Pick<DrillSettingsValues, 'examDate'>, now: Date): boolean {
  if (!settings.examDate) return false;
  const left = settings.examDate.getTime() - now.getTime();
  return left > 0 && left <= EXAM_WINDOW_DAYS * DAY_MS;
}

/** The retention FSRS aims for: the setting, raised before an exam. */
export function effectiveRetention(settings: DrillSettingsValues, now: Date): number {
  return inExamWindow(settings, now) ? Math.max(settings.desiredRetention, EXAM_RETENTION) : settings.desiredRetention;
}

/** The weights the scheduler uses: the learner's fitted ones, else ts-fsrs's defaults. */
export function weightsOf(settings: Pick<DrillSettingsValues, 'weights'>): readonly number[] {
  return settings.weights && settings.weights.length === FSRS_WEIGHT_COUNT ? settings.weights : default_w;
}

function scheduler(settings: DrillSettingsValues, now: Date, fuzz = true) {
  return fsrs(
    generatorParameters({
      w: [...weightsOf(settings)],
      request_retention: effectiveRetention(settings, now),
      maximum_interval: MAXIMUM_INTERVAL_DAYS,
      enable_fuzz: fuzz,
      enable_short_term: true,
      learning_steps: ['1m', '10m'],
      relearning_steps: ['10m'],
    }),
  );
}

/**
 * The card after one review. `rating` is Again for a wrong answer (the caller enforces it).
 * The review count moves on, so the next review gets a new seed.
 */
export function reviewCard(card: CardState, now: Date, rating: RatingValue, settings: DrillSettingsValues): CardState {
  const next = scheduler(settings, now).next(toFsrsCard(card), now, rating as Grade).card;
  const fsrsPart = fromFsrsCard(next);
  const ladder = applyLadder(card, { ...card, ...fsrsPart }, rating);
  return { ...card, ...fsrsPart, ...ladder, reviewCount: card.reviewCount + 1 };
}

/** Probability of recall now (0..1); 0 for a card never reviewed. */
export function retrievability(card: CardState, now: Date, settings: DrillSettingsValues): number {
  if (card.state === 0 || !card.lastReview) return 0;
  return scheduler(settings, now).get_retrievability(toFsrsCard(card), now, false);
}

/** What each rating would schedule, as milliseconds from `now` to the next due time. */
export interface IntervalPreview {
  readonly again: number;
  readonly hard: number;
  readonly good: number;
  readonly easy: number;
}

/**
 * The next interval of all four outcomes of a review at `now` (ts-fsrs's `repeat`), without
 * fuzz so that the buttons show what the learner can count on (the stored review adds at most
 * a few percent of fuzz to intervals of three days or more).
 */
export function previewIntervals(card: CardState, now: Date, settings: DrillSettingsValues): IntervalPreview {
  const outcomes = scheduler(settings, now, false).repeat(toFsrsCard(card), now);
  const after = (rating: Grade) => outcomes[rating].card.due.getTime() - now.getTime();
  return { again: after(Rating.Again), hard: after(Rating.Hard), good: after(Rating.Good), easy: after(Rating.Easy) };
}
