import 'server-only';
import { Prisma } from '../../generated/prisma/client';
import { prisma, readRows } from './client';

/** A question fixed at the start of an attempt. */
export interface NewAttemptQuestion {
  position: number;
  generator: string;
  version: number;
  seed: number;
  tier: number;
}

/**
 * The students' attempts at an instructor's class work. The instructor's own attempts there are
 * previews (instructors never join a class, see joinClassByCode): no gradebook figure, export,
 * override or regrade reads them.
 */
export const notPreview = (instructorId: string) => ({ userId: { not: instructorId } });

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/** What starting an attempt reads of an assignment besides its rules: the class's name and the set's items in order. */
const toStart = {
  class: { select: { name: true } },
  set: { select: { items: { orderBy: [{ position: 'asc' as const }, { id: 'asc' as const }] } } },
};

/** The assignment, only if the user is a member of its class; with the set's items in order. */
export async function findAssignmentForMember(userId: string, assignmentId: string) {
  return prisma.assignment.findFirst({ where: { id: assignmentId, class: { members: { some: { userId } } } }, include: toStart });
}

export type MemberAssignment = NonNullable<Awaited<ReturnType<typeof findAssignmentForMember>>>;

/**
 * The assignment for its instructor's preview (the same shape a member's start reads), only if
 * it is in this class of theirs; else null.
 */
export async function findAssignmentForPreview(instructorId: string, classId: string, assignmentId: string): Promise<MemberAssignment | null> {
  return prisma.assignment.findFirst({ where: { id: assignmentId, classId, class: { instructorId } }, include: toStart });
}

/**
 * Takes back the instructor's previews of an assignment (a restart): they never count, so
 * nothing of them is kept. Only the instructor's own attempts are touched.
 */
export async function deletePreviews(instructorId: string, assignmentId: string): Promise<number> {
  const { count } = await prisma.attempt.deleteMany({ where: { userId: instructorId, assignmentId, assignment: { is: { class: { instructorId } } } } });
  return count;
}

/** Every assignment of the user's classes, with the user's own attempts (newest first). */
export async function listMemberAssignments(userId: string) {
  return prisma.assignment.findMany({
    where: { class: { members: { some: { userId } } } },
    include: {
      class: { select: { name: true } },
      attempts: { where: { userId }, orderBy: { number: 'desc' }, select: { id: true, number: true, submittedAt: true, late: true, score: true, deadline: true } },
    },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
  });
}

export async function listAttemptsForAssignment(userId: string, assignmentId: string) {
  return prisma.attempt.findMany({ where: { userId, assignmentId }, orderBy: { number: 'desc' } });
}

/**
 * Creates an attempt with its questions in one transaction. Returns null when the
 * (assignment, user, number) slot is already taken (a concurrent start).
 */
export async function createAttempt(
  data: { userId: string; assignmentId: string | null; number: number; mockConfig: string | null; lockdown?: boolean; startedAt: Date; deadline: Date | null; drillsFedAt?: Date },
  questions: readonly NewAttemptQuestion[] | ((attemptId: string) => readonly NewAttemptQuestion[]),
): Promise<string | null> {
  try {
    return await prisma.$transaction(async (tx) => {
      const attempt = await tx.attempt.create({ data, select: { id: true } });
      const list = typeof questions === 'function' ? questions(attempt.id) : questions;
      await tx.attemptQuestion.createMany({
        data: list.map((q) => ({ attemptId: attempt.id, position: q.position, generator: q.generator, version: q.version, seed: BigInt(q.seed), tier: q.tier })),
      });
      return attempt.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** The user's own attempt with its questions and assignment (null for anyone else's). */
export async function findOwnAttempt(userId: string, attemptId: string) {
  return prisma.attempt.findFirst({
    where: { id: attemptId, userId },
    include: {
      questions: { orderBy: { position: 'asc' } },
      assignment: {
        select: {
          id: true,
          title: true,
          kind: true,
          dueAt: true,
          timeLimitMinutes: true,
          latePolicy: true,
          latePenalty: true,
          showAnswers: true,
          // Empty once the student has been removed from the class (and for the instructor's preview).
          class: { select: { instructorId: true, members: { where: { userId }, select: { userId: true } } } },
        },
      },
    },
  });
}

/**
 * Whether the attempt's owner may still answer it as far as the class goes: mock exams always,
 * class work while a member, and a preview while its owner is the class's instructor.
 */
const stillMember = (userId: string) => ({
  OR: [{ assignmentId: null }, { assignment: { is: { class: { members: { some: { userId } } } } } }, { assignment: { is: { class: { instructorId: userId } } } }],
});

export type OwnAttempt = NonNullable<Awaited<ReturnType<typeof findOwnAttempt>>>;

/**
 * Stores a graded answer, only while the attempt is the user's and still open, and (for class
 * work) the user is still in the class. Returns false otherwise (nothing is written).
 */
export async function storeAnswer(
  userId: string,
  attemptId: string,
  position: number,
  answer: { response: string; correct: boolean; score: number; answeredAt: Date; durationMs: number },
  /** Only if the question has no answer yet (its answer becomes final once given). */
  firstOnly = false,
): Promise<boolean> {
  const result = await prisma.attemptQuestion.updateMany({
    where: { attemptId, position, ...(firstOnly ? { answeredAt: null } : {}), attempt: { is: { userId, submittedAt: null, ...stillMember(userId) } } },
    data: answer,
  });
  return result.count === 1;
}

/** Marks the attempt submitted unless it already is; true only for the call that submitted it. */
export async function markSubmitted(userId: string, attemptId: string, data: { submittedAt: Date; score: number; late: boolean }): Promise<boolean> {
  const result = await prisma.attempt.updateMany({ where: { id: attemptId, userId, submittedAt: null }, data });
  return result.count === 1;
}

/** The user's open attempts whose deadline has passed. */
export async function listExpiredOpenAttempts(userId: string, now: Date) {
  return prisma.attempt.findMany({ where: { userId, submittedAt: null, deadline: { lt: now } }, select: { id: true } });
}

/** Open attempts at one instructor's class whose deadline has passed (nothing for another instructor). */
export async function listExpiredOpenAttemptsInClass(instructorId: string, classId: string, now: Date) {
  return prisma.attempt.findMany({
    where: { submittedAt: null, deadline: { lt: now }, assignment: { is: { classId, class: { instructorId } } } },
    select: { id: true, userId: true },
  });
}

/**
 * The user's running attempt that puts them in exam mode, if any: a class exam with lockdown
 * on (in a class they are still in), or a mock exam they chose to lock, still open and before
 * its deadline. The one that ends last, when there are several.
 */
export async function findLockingAttempt(userId: string, now: Date): Promise<{ id: string; deadline: Date | null; assignmentId: string | null } | null> {
  // Every drill answer and practice page asks: a raw read (client.ts's readRows), not a model
  // query. Unsubmitted and running; a mock exam of the student's own that locks, or a locking
  // class exam of a class the student is (still) in; the latest deadline first.
  const [row] = await readRows<{ id: string; deadline: Date | null; assignmentId: string | null }>(Prisma.sql`
    SELECT a.id, a.deadline, a."assignmentId" FROM "Attempt" a
    LEFT JOIN "Assignment" s ON s.id = a."assignmentId"
    WHERE a."userId" = ${userId} AND a."submittedAt" IS NULL AND a.deadline > ${now}
      AND ((a."assignmentId" IS NULL AND a.lockdown)
        OR (s.kind = 'exam' AND s.lockdown AND EXISTS (SELECT 1 FROM "ClassMember" m WHERE m."classId" = s."classId" AND m."userId" = ${userId})))
    ORDER BY a.deadline DESC
    LIMIT 1`);
  return row ?? null;
}

/** The user's open attempts at one class's assignments. */
export async function listOpenAttemptsInClass(userId: string, classId: string) {
  return prisma.attempt.findMany({ where: { userId, submittedAt: null, assignment: { is: { classId } } }, select: { id: true } });
}

/** The user's mock exams, newest first. */
export async function listMockAttempts(userId: string, take = 20) {
  return prisma.attempt.findMany({
    where: { userId, assignmentId: null },
    orderBy: { startedAt: 'desc' },
    take,
    select: { id: true, mockConfig: true, startedAt: true, deadline: true, submittedAt: true, score: true, _count: { select: { questions: true } } },
  });
}

/** The user's own card tiers for some generators. */
export async function cardTiers(userId: string, generators: readonly string[]): Promise<Map<string, number>> {
  const rows = await prisma.card.findMany({ where: { userId, generator: { in: [...generators] } }, select: { generator: true, tier: true } });
  return new Map(rows.map((r) => [r.generator, r.tier]));
}

/**
 * Claims a handed-in attempt for the drills feed (sets drillsFedAt), once: of two requests
 * racing here one wins. False when it was already claimed (or is not the user's, or not
 * handed in).
 */
export async function claimDrillsFeed(userId: string, attemptId: string, now: Date): Promise<boolean> {
  const claimed = await prisma.attempt.updateMany({ where: { id: attemptId, userId, submittedAt: { not: null }, drillsFedAt: null }, data: { drillsFedAt: now } });
  return claimed.count === 1;
}

/** The user's handed-in attempts not yet fed to the drills, with what deciding that needs. */
export async function listUnfedAttempts(userId: string) {
  return prisma.attempt.findMany({
    where: { userId, submittedAt: { not: null }, drillsFedAt: null },
    select: {
      id: true,
      submittedAt: true,
      questions: { select: { generator: true, correct: true } },
      assignment: { select: { kind: true, dueAt: true, showAnswers: true } },
    },
  });
}

/** Which of these generators the user drills: a card of theirs in a topic of their deck. */
export async function drilledGenerators(userId: string, generators: readonly string[], topicOf: (generator: string) => string | undefined): Promise<Set<string>> {
  if (generators.length === 0) return new Set();
  const [cards, topics] = await Promise.all([
    prisma.card.findMany({ where: { userId, generator: { in: [...generators] } }, select: { generator: true } }),
    prisma.deckTopic.findMany({ where: { userId }, select: { topic: true } }),
  ]);
  const deck = new Set(topics.map((t) => t.topic));
  return new Set(cards.map((c) => c.generator).filter((g) => deck.has(topicOf(g) ?? '')));
}
