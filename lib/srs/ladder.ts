/**
 * The tier ladder: a skill moves up a tier once it is remembered well (its FSRS stability
 * passes a threshold) and down after repeated lapses. A leech (4 or more lapses) is never
 * suspended: each further lapse drops a tier and the next review opens with a worked example.
 */
import { RATING, type CardState, type RatingValue } from './types';

export const MAX_TIER = 3;
/** Stability (days) needed to move up from tier t: PROMOTE_STABILITY[t]. */
export const PROMOTE_STABILITY: Readonly<Record<number, number>> = { 1: 7, 2: 21 };
export const LEECH_LAPSES = 4;
/** Lapses in a row that drop a tier even before a card is a leech. */
export const DEMOTE_AFTER_CONSECUTIVE = 2;

export type LadderFields = Pick<CardState, 'tier' | 'consecutiveLapses' | 'replayNext'>;

/** `after` already holds the FSRS fields of the review just made. */
export function applyLadder(before: CardState, after: CardState, rating: RatingValue): LadderFields {
  if (rating === RATING.again) {
    const consecutiveLapses = before.consecutiveLapses + 1;
    const leech = after.lapses >= LEECH_LAPSES && after.lapses > before.lapses;
    if (leech || consecutiveLapses >= DEMOTE_AFTER_CONSECUTIVE) {
      return { tier: Math.max(1, before.tier - 1), consecutiveLapses: leech ? consecutiveLapses : 0, replayNext: leech };
    }
    return { tier: before.tier, consecutiveLapses, replayNext: false };
  }
  const threshold = PROMOTE_STABILITY[before.tier];
  const promote = threshold !== undefined && before.tier < MAX_TIER && after.stability >= threshold;
  return { tier: promote ? before.tier + 1 : before.tier, consecutiveLapses: 0, replayNext: false };
}

export function isLeech(card: Pick<CardState, 'lapses'>): boolean {
  return card.lapses >= LEECH_LAPSES;
}
