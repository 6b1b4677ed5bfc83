/**
 * Extra practice (issue 16): questions on chosen topics or skills now, answers recorded for the
 * stats, and the schedule left exactly as it was: no card row is written, no review log, so
 * due counts, the forecast, the optimizer's input and undo never see a practice answer.
 */
import 'server-only';
import { findCard } from '@/lib/db/drills';
import { findPracticeAnswer, practiceCandidates, practiceCount, recordPracticeAnswer } from '@/lib/db/practice';
import { grade } from '@/lib/questions/grade';
import { toPublicQuestion, type PublicQuestion } from '@/lib/questions/public';
import { buildQuestion, listGenerators } from '@/lib/questions/registry';
import type { Lang, Tier } from '@/lib/questions/types';
import { verdictOf, type Verdict } from '@/lib/questions/verdict';
import { practiceSeed } from '@/lib/srs/seed';
import { nextPracticeCard } from './practice-policy';
import { questionFor } from './service';

/** A session: what to practise, how many questions, and when it began (answers since then count). */
export interface PracticeSelection {
  topics: readonly string[];
  skills: readonly string[];
  count: number;
  since: Date;
}

export interface PracticeItem {
  cardId: string;
  practiceIndex: number;
  generator: string;
  tier: Tier;
  seed: number;
  question: PublicQuestion;
}

export type NextPractice =
  | { status: 'practice'; done: number; total: number; item: PracticeItem }
  | { status: 'done'; done: number; total: number; correct: number }
  | { status: 'empty' };

function generatorsOf(selection: Pick<PracticeSelection, 'topics' | 'skills'>): string[] {
  return listGenerators()
    .filter((g) => selection.topics.includes(g.topic) || selection.skills.includes(g.id))
    .map((g) => g.id);
}

/** The session's next question, or its end; `empty` when the learner has no card among the choices. */
export async function nextPractice(userId: string, selection: PracticeSelection): Promise<NextPractice> {
  const cards = await practiceCandidates(userId, generatorsOf(selection), selection.since);
  if (cards.length === 0) return { status: 'empty' };
  const done = cards.reduce((sum, c) => sum + c.inSession, 0);
  const total = Math.max(selection.count, done);
  const card = nextPracticeCard(cards);
  if (done >= selection.count || !card) return { status: 'done', done, total, correct: cards.reduce((sum, c) => sum + c.correctInSession, 0) };
  const seed = practiceSeed(card.id, card.practiced);
  const question = questionFor(card, seed);
  return {
    status: 'practice',
    done,
    total,
    item: { cardId: card.id, practiceIndex: card.practiced, generator: card.generator, tier: question.ref.tier, seed, question: toPublicQuestion(question) },
  };
}

export type PracticeOutcome =
  | ({ status: 'graded'; duplicate: boolean } & Verdict)
  | { status: 'invalid'; reason: string }
  | { status: 'stale' }
  | { status: 'not-found' };

/**
 * Grades and records one practice answer. The card is read, never written: its FSRS state,
 * due date and review count stay byte for byte as they were.
 */
export async function answerPractice(
  userId: string,
  input: { cardId: string; practiceIndex: number; response: unknown; durationMs: number },
  now: Date,
  lang: Lang,
): Promise<PracticeOutcome> {
  const card = await findCard(userId, input.cardId);
  if (!card) return { status: 'not-found' };
  const index = await practiceCount(userId, card.id);
  if (input.practiceIndex !== index) return (await existingOutcome(userId, card.id, input.practiceIndex, lang)) ?? { status: 'stale' };
  const seed = practiceSeed(card.id, index);
  const question = questionFor(card, seed);
  const result = grade(question.response, question.answer, input.response);
  if (result.status === 'invalid') return { status: 'invalid', reason: result.reason };
  const recorded = await recordPracticeAnswer({
    userId,
    cardId: card.id,
    practiceIndex: index,
    generator: card.generator,
    version: question.ref.version,
    seed,
    tier: question.ref.tier,
    response: result.response,
    correct: result.correct,
    durationMs: input.durationMs,
    answeredAt: now,
  });
  if (recorded.status === 'recorded') return { status: 'graded', duplicate: false, ...verdictOf(question, result, lang) };
  if (recorded.status === 'duplicate') return (await existingOutcome(userId, card.id, index, lang)) ?? { status: 'stale' };
  return { status: 'stale' };
}

/** The verdict on a practice answer already recorded (a double submit gets the first answer's verdict). */
async function existingOutcome(userId: string, cardId: string, practiceIndex: number, lang: Lang): Promise<PracticeOutcome | null> {
  const row = await findPracticeAnswer(userId, cardId, practiceIndex);
  if (!row) return null;
  const question = buildQuestion({ generator: row.generator, version: row.version, seed: Number(row.seed), tier: row.tier as Tier });
  const regraded = grade(question.response, question.answer, JSON.parse(row.response));
  const result = regraded.status === 'graded' ? regraded : { correct: row.correct, score: row.correct ? 1 : 0, misconceptions: [] };
  return { status: 'graded', duplicate: true, ...verdictOf(question, { ...result, correct: row.correct }, lang) };
}
