import { hashSeed } from '@/lib/sim/rng';

/**
 * The seed of a card's n-th review: derived from data, so the question can be re-rendered
 * and linked later, and different for every review so answers cannot be memorized.
 */
export function reviewSeed(cardId: string, reviewIndex: number): number {
  return hashSeed(`${cardId}#${reviewIndex}`);
}

/** The seed of the worked example shown before a leech's review. */
export function replaySeed(cardId: string, reviewIndex: number): number {
  return hashSeed(`${cardId}#${reviewIndex}#replay`);
}

/**
 * The seed of a card's n-th extra-practice question: a stream of its own, so practice never
 * shows the variant a review will ask, and derived from data like a review's.
 */
export function practiceSeed(cardId: string, practiceIndex: number): number {
  return hashSeed(`${cardId}#practice#${practiceIndex}`);
}
