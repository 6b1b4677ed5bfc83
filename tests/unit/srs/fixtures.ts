/** Shared builders for the lib/srs tests. */
import fc from 'fast-check';
import { newCardState } from '@/lib/srs/mapper';
import type { QueueCard } from '@/lib/srs/queue';
import { reviewCard } from '@/lib/srs/scheduler';
import { CARD_STATE, DEFAULT_SETTINGS, RATING, type CardState, type DrillSettingsValues, type RatingValue } from '@/lib/srs/types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const NOW = new Date('2026-11-26T12:00:00Z');

export const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

export function settings(overrides: Partial<DrillSettingsValues> = {}): DrillSettingsValues {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

/** A review-state card reviewed `elapsedDays` days before `now`, with the given stability. */
export function reviewState(overrides: Partial<CardState> = {}, now: Date = NOW): CardState {
  const elapsedDays = overrides.elapsedDays ?? 10;
  return {
    tier: 1,
    due: now,
    stability: 10,
    difficulty: 5,
    elapsedDays,
    scheduledDays: elapsedDays,
    learningSteps: 0,
    reps: 5,
    lapses: 0,
    state: CARD_STATE.review,
    lastReview: at(now, -elapsedDays * DAY),
    reviewCount: 5,
    consecutiveLapses: 0,
    replayNext: false,
    ...overrides,
  };
}

/** Replays a history of (rating, delay since previous review) from a new card. */
export function replay(start: Date, steps: readonly (readonly [RatingValue, number])[], s = settings()): { card: CardState; now: Date } {
  let card = newCardState(start);
  let now = start;
  for (const [rating, delay] of steps) {
    now = at(now, delay);
    card = reviewCard(card, now, rating, s);
  }
  return { card, now };
}

/** A card that graduated to the review state (new → Good → Good 10 minutes later). */
export function graduated(start: Date = at(NOW, -30 * DAY)): CardState {
  return replay(start, [
    [RATING.good, 0],
    [RATING.good, 10 * MINUTE],
  ]).card;
}

export function queueCard(id: string, generator: string, topic: string, overrides: Partial<CardState> = {}): QueueCard {
  return { ...reviewState({ due: at(NOW, -HOUR), ...overrides }), id, generator, topic };
}

export function newQueueCard(id: string, generator: string, topic: string, due: Date = NOW): QueueCard {
  return { ...newCardState(due), id, generator, topic };
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

const ratingArb = fc.constantFrom<RatingValue>(RATING.again, RATING.hard, RATING.good, RATING.easy);
/** Delays between reviews: from seconds to a few months. */
const delayArb = fc.oneof(fc.integer({ min: 0, max: 30 * MINUTE }), fc.integer({ min: 0, max: 120 * DAY }));

/** Review histories: a start time and a list of (rating, delay) steps. */
export const historyArb = fc.record({
  start: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
  steps: fc.array(fc.tuple(ratingArb, delayArb), { maxLength: 12 }),
});

export { ratingArb };
