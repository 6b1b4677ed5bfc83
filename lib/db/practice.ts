/**
 * Extra-practice answers (lib/drills/practice.ts): their own table, so nothing that schedules
 * (the queue, due counts, the forecast, the optimizer, undo) ever reads them, and no card row
 * is written. Every query is scoped by userId.
 */
import 'server-only';
import { prisma } from './client';

/** What choosing and building a practice question needs of a card. */
export interface PracticeCardRow {
  id: string;
  generator: string;
  tier: number;
  reviewCount: number;
  replayNext: boolean;
  stability: number;
}

/** A card with its practice so far: in all (the next question's index) and in this session. */
export interface PracticeCandidate extends PracticeCardRow {
  practiced: number;
  inSession: number;
  correctInSession: number;
}

/** The learner's cards of `generators`, with their practice counts overall and since `since`. */
export async function practiceCandidates(userId: string, generators: readonly string[], since: Date): Promise<PracticeCandidate[]> {
  if (generators.length === 0) return [];
  const cards = await prisma.card.findMany({
    where: { userId, generator: { in: [...generators] } },
    select: { id: true, generator: true, tier: true, reviewCount: true, replayNext: true, stability: true },
  });
  if (cards.length === 0) return [];
  const cardIds = cards.map((c) => c.id);
  const [overall, session] = await Promise.all([
    prisma.practiceAnswer.groupBy({ by: ['cardId'], where: { userId, cardId: { in: cardIds } }, _count: { _all: true } }),
    prisma.practiceAnswer.groupBy({ by: ['cardId', 'correct'], where: { userId, cardId: { in: cardIds }, answeredAt: { gte: since } }, _count: { _all: true } }),
  ]);
  const practiced = new Map(overall.map((g) => [g.cardId, g._count._all]));
  return cards.map((card) => {
    const mine = session.filter((g) => g.cardId === card.id);
    return {
      ...card,
      practiced: practiced.get(card.id) ?? 0,
      inSession: mine.reduce((sum, g) => sum + g._count._all, 0),
      correctInSession: mine.filter((g) => g.correct).reduce((sum, g) => sum + g._count._all, 0),
    };
  });
}

/** How many practice answers a card has had: the index of its next practice question. */
export function practiceCount(userId: string, cardId: string): Promise<number> {
  return prisma.practiceAnswer.count({ where: { userId, cardId } });
}

export const practiceKey = (cardId: string, practiceIndex: number) => `${cardId}:${practiceIndex}`;

export interface NewPracticeAnswer {
  userId: string;
  cardId: string;
  practiceIndex: number;
  generator: string;
  version: number;
  seed: number;
  tier: number;
  response: unknown;
  correct: boolean;
  durationMs: number;
  answeredAt: Date;
}

export type PracticeRecord = { status: 'recorded'; id: string } | { status: 'duplicate' } | { status: 'stale' };

/** Stores one practice answer; a second submission of the same question (double click, two tabs) is a duplicate. */
export async function recordPracticeAnswer(answer: NewPracticeAnswer): Promise<PracticeRecord> {
  const attemptKey = practiceKey(answer.cardId, answer.practiceIndex);
  try {
    const row = await prisma.practiceAnswer.create({
      data: { ...answer, attemptKey, seed: BigInt(answer.seed), response: JSON.stringify(answer.response ?? null) },
      select: { id: true },
    });
    return { status: 'recorded', id: row.id };
  } catch (error) {
    if ((error as { code?: string }).code !== 'P2002') throw error;
    const existing = await prisma.practiceAnswer.findUnique({ where: { attemptKey }, select: { userId: true } });
    return existing?.userId === answer.userId ? { status: 'duplicate' } : { status: 'stale' };
  }
}

/** A practice answer already given to a card's n-th practice question, if any. */
export async function findPracticeAnswer(userId: string, cardId: string, practiceIndex: number) {
  const row = await prisma.practiceAnswer.findUnique({ where: { attemptKey: practiceKey(cardId, practiceIndex) } });
  return row && row.userId === userId ? row : null;
}

/** The stats page's practice figures: answers and right answers, all time. */
export async function practiceTotals(userId: string): Promise<{ answered: number; correct: number }> {
  const groups = await prisma.practiceAnswer.groupBy({ by: ['correct'], where: { userId }, _count: { _all: true } });
  return {
    answered: groups.reduce((sum, g) => sum + g._count._all, 0),
    correct: groups.find((g) => g.correct)?._count._all ?? 0,
  };
}
