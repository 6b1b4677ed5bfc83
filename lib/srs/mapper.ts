/**
 * The one place that converts between stored card rows and ts-fsrs cards, and between
 * card states and the JSON kept in review logs.
 */
import { createEmptyCard, type Card as FsrsCard, type State } from 'ts-fsrs';
import { cardStateFromJson, cardStateToJson, type CardState } from './card-state';

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
export function fromFsrsCard(card: FsrsCard): Omit<CardState, 'tier' | 'reviewCount' | 'consecutiveLapses' | 'replayNext'> {
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

/** A card state as the JSON text kept in review logs. */
export function serializeCardState(card: CardState): string {
  return JSON.stringify(cardStateToJson(card));
}

/** Parses a state written by serializeCardState; throws a TypeError naming the field on anything else. */
export function parseCardState(text: string): CardState {
  const result = cardStateFromJson(JSON.parse(text));
  if (!result.ok) throw new TypeError(`card state: ${result.problem}`);
  return result.state;
}
