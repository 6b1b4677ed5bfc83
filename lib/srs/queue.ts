/**
 * Today's queue: due reviews first (weakest first before an exam), then new skills, within
 * the daily limits, topics interleaved, and never the same generator twice in a row when
 * anything else is available.
 */
import type { CardState, DrillSettingsValues } from './types';
import { EXAM_RETENTION, inExamWindow, retrievability } from './scheduler';

export interface QueueCard extends CardState {
  readonly id: string;
  readonly generator: string;
  readonly topic: string;
  /** Suspended in the skill browser: never asked until put back. */
  readonly suspended?: boolean;
  /** Buried in the skill browser: not asked before this instant. */
  readonly buriedUntil?: Date | null;
}

/** Whether the learner left the card in their drills: not suspended, and not buried at `now`. */
export function isAskable(card: Pick<QueueCard, 'suspended' | 'buriedUntil'>, now: Date): boolean {
  return !card.suspended && (!card.buriedUntil || card.buriedUntil.getTime() <= now.getTime());
}

export interface QueueInput {
  readonly cards: readonly QueueCard[];
  readonly now: Date;
  readonly settings: DrillSettingsValues;
  /** Reviews of already-seen cards answered since the day started. */
  readonly reviewsToday: number;
  /** Cards answered for the first time since the day started. */
  readonly newToday: number;
  /** The generator of the review just answered, if any. */
  readonly lastGenerator?: string;
}

export interface Queue {
  readonly cards: readonly QueueCard[];
  readonly dueCount: number;
  readonly newCount: number;
}

/** Before an exam, cards whose recall has dropped below the exam retention come forward even if not yet due. */
export const EXAM_WEAK_RETRIEVABILITY = EXAM_RETENTION;

/** Round-robin over topics, keeping each topic's own order. */
export function interleaveByTopic<T extends { topic: string }>(items: readonly T[]): T[] {
  const byTopic = new Map<string, T[]>();
  for (const item of items) {
    const list = byTopic.get(item.topic) ?? [];
    list.push(item);
    byTopic.set(item.topic, list);
  }
  const lists = [...byTopic.values()];
  const out: T[] = [];
  for (let round = 0; out.length < items.length; round++) {
    for (const list of lists) {
      const item = list[round];
      if (item) out.push(item);
    }
  }
  return out;
}

/** Moves the first card whose generator differs from `last` to the front, if one exists. */
export function avoidRepeat<T extends { generator: string }>(cards: readonly T[], last: string | undefined): T[] {
  if (!last || cards[0]?.generator !== last) return [...cards];
  const index = cards.findIndex((c) => c.generator !== last);
  if (index < 0) return [...cards];
  return [cards[index] as T, ...cards.slice(0, index), ...cards.slice(index + 1)];
}

export function buildQueue(input: QueueInput): Queue {
  const { now, settings } = input;
  const cards = input.cards.filter((c) => isAskable(c, now));
  const exam = inExamWindow(settings, now);
  const seen = cards.filter((c) => c.state !== 0);
  let due = seen.filter((c) => c.due.getTime() <= now.getTime());
  if (exam) {
    const weak = seen.filter(
      (c) => c.due.getTime() > now.getTime() && retrievability(c, now, settings) < EXAM_WEAK_RETRIEVABILITY,
    );
    due = [...due, ...weak].sort((a, b) => retrievability(a, now, settings) - retrievability(b, now, settings));
  } else {
    due = [...due].sort((a, b) => a.due.getTime() - b.due.getTime());
  }
  const reviewRoom = Math.max(0, settings.reviewsPerDay - input.reviewsToday);
  const newRoom = Math.max(0, settings.newPerDay - input.newToday);
  const dueToday = due.slice(0, reviewRoom);
  const fresh = cards
    .filter((c) => c.state === 0)
    .sort((a, b) => a.due.getTime() - b.due.getTime() || a.generator.localeCompare(b.generator))
    .slice(0, newRoom);
  const ordered = [...interleaveByTopic(dueToday), ...interleaveByTopic(fresh)];
  return { cards: avoidRepeat(ordered, input.lastGenerator), dueCount: dueToday.length, newCount: fresh.length };
}
