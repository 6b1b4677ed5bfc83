/**
 * The one place that converts between stored card rows and ts-fsrs cards, and between
 * card states and the JSON kept in review logs.
 */
import { createEmptyCard, type Card as FsrsCard, type State } from 'ts-fsrs';
import type { CardState } from './types';

export function toFsrsCard(card: CardState): FsrsCard {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as State,
    last_review: card.lastReview ?? undefined,
  };
}

/** The FSRS part of a card state, from a ts-fsrs card. */
export function fromFsrsCard(card: FsrsCard): Pick<
  CardState,
  'due' | 'stability' | 'difficulty' | 'elapsedDays' | 'scheduledDays' | 'learningSteps' | 'reps' | 'lapses' | 'state' | 'lastReview'
> {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

/** A brand-new card at tier 1, due now. */
export function newCardState(now: Date): CardState {
  return {
    ...fromFsrsCard(createEmptyCard(now)),
    tier: 1,
    reviewCount: 0,
    consecutiveLapses: 0,
    replayNext: false,
  };
}

type Json = Record<string, string | number | boolean | null>;

export function serializeCardState(card: CardState): string {
  const json: Json = {
    tier: card.tier,
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsedDays,
    scheduledDays: card.scheduledDays,
    learningSteps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.lastReview ? card.lastReview.toISOString() : null,
    reviewCount: card.reviewCount,
    consecutiveLapses: card.consecutiveLapses,
    replayNext: card.replayNext,
  };
  return JSON.stringify(json);
}

/** Parses a state written by serializeCardState; throws on anything else. */
export function parseCardState(text: string): CardState {
  const j = JSON.parse(text) as Json;
  const num = (k: string) => {
    const v = j[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`card state: ${k} is not a number`);
    return v;
  };
  const date = (k: string) => {
    const v = j[k];
    const d = typeof v === 'string' ? new Date(v) : null;
    if (!d || Number.isNaN(d.getTime())) throw new TypeError(`card state: ${k} is not a date`);
    return d;
  };
  const bool = (k: string) => {
    const v = j[k];
    if (typeof v !== 'boolean') throw new TypeError(`card state: ${k} is not a boolean`);
    return v;
  };
  return {
    tier: num('tier'),
    due: date('due'),
    stability: num('stability'),
    difficulty: num('difficulty'),
    elapsedDays: num('elapsedDays'),
    scheduledDays: num('scheduledDays'),
    learningSteps: num('learningSteps'),
    reps: num('reps'),
    lapses: num('lapses'),
    state: num('state'),
    lastReview: j.lastReview === null ? null : date('lastReview'),
    reviewCount: num('reviewCount'),
    consecutiveLapses: num('consecutiveLapses'),
    replayNext: bool('replayNext'),
  };
}

/** The fields of a CardState, which are also the stored card's columns of the same names. */
export const CARD_STATE_FIELDS = [
  'tier',
  'due',
  'stability',
  'difficulty',
  'elapsedDays',
  'scheduledDays',
  'learningSteps',
  'reps',
  'lapses',
  'state',
  'lastReview',
  'reviewCount',
  'consecutiveLapses',
  'replayNext',
] as const satisfies readonly (keyof CardState)[];

/** Just the card-state fields of a stored card row (drops ids, timestamps and relations). */
export function pickCardState(row: CardState): CardState {
  return {
    tier: row.tier,
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.lastReview,
    reviewCount: row.reviewCount,
    consecutiveLapses: row.consecutiveLapses,
    replayNext: row.replayNext,
  };
}
