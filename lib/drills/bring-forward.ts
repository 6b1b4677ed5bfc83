import 'server-only';
import { bringCardsDue } from '@/lib/db/drills';

/**
 * Brings weak skills forward in the learner's drills: their cards of these generators come
 * due at `now` (cards already due stay as they are; skills they have no card for are not
 * added). Graded work calls this once its answers are revealed. Returns how many cards moved.
 */
export async function bringForward(userId: string, generators: readonly string[], now: Date): Promise<number> {
  return bringCardsDue(userId, [...new Set(generators)], now);
}
