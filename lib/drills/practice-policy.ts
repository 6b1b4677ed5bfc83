/**
 * Extra practice: drill chosen topics or skills now, e.g. the evening before an exam, without
 * touching their schedule. The rules, as constants and small pure functions.
 */

/** How many questions a practice session can ask (the /drill form's choices). */
export const PRACTICE_SIZES = [5, 10, 20] as const;
export const DEFAULT_PRACTICE_SIZE = 10;
/** The most topics plus skills one session can name (a URL stays short; a deck has fewer skills). */
export const MAX_PRACTICE_CHOICES = 64;

/** What picking a session's next question needs of a card. */
export interface PracticePick {
  id: string;
  generator: string;
  stability: number;
  inSession: number;
}

/**
 * The next card to practise: the one asked least in this session, so a session goes round every
 * chosen skill before it repeats one; among those the least stable (the one most likely to be
 * forgotten by the exam), then by generator id so the choice is the same on every reload.
 */
export function nextPracticeCard<T extends PracticePick>(cards: readonly T[]): T | undefined {
  return [...cards].sort((a, b) => a.inSession - b.inSession || a.stability - b.stability || a.generator.localeCompare(b.generator))[0];
}
