import 'server-only';
import { notPreview } from './attempts';
import { prisma } from './client';

const assignmentRules = { id: true, classId: true, kind: true, dueAt: true, timeLimitMinutes: true, latePolicy: true, latePenalty: true } as const;

/**
 * A handed-in attempt at one of the instructor's class's assignments, by a current member, with
 * its questions (and whether each has an override) and the student's terms. Null otherwise.
 */
export async function findGradedAttempt(instructorId: string, classId: string, attemptId: string) {
  const attempt = await prisma.attempt.findFirst({
    where: { id: attemptId, submittedAt: { not: null }, ...notPreview(instructorId), assignment: { is: { classId, class: { instructorId } } } },
    select: {
      id: true,
      userId: true,
      submittedAt: true,
      assignment: { select: { ...assignmentRules, dueExtensions: { select: { userId: true, dueAt: true } }, class: { select: { accommodations: { select: { userId: true, timeMultiplier: true } } } } } },
      questions: { orderBy: { position: 'asc' }, select: { id: true, position: true, score: true, _count: { select: { overrides: true } } } },
    },
  });
  if (!attempt?.assignment || !attempt.submittedAt) return null;
  const { dueExtensions, class: klass, ...assignment } = attempt.assignment;
  return {
    ...attempt,
    submittedAt: attempt.submittedAt,
    assignment,
    terms: {
      timeMultiplier: klass.accommodations.find((a) => a.userId === attempt.userId)?.timeMultiplier ?? 1,
      extendedDueAt: dueExtensions.find((e) => e.userId === attempt.userId)?.dueAt ?? null,
    },
  };
}

export type GradedAttempt = NonNullable<Awaited<ReturnType<typeof findGradedAttempt>>>;

/**
 * Writes an override: the audit row and the question's new score, and the attempt's new total,
 * in one transaction, only if the question still has the score it was read with (else false:
 * someone changed it meanwhile, and nothing is written).
 */
export async function writeOverride(
  override: { questionId: string; instructorId: string; oldScore: number | null; newScore: number; reason: string; at: Date },
  attempt: { id: string; score: number },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.attemptQuestion.updateMany({ where: { id: override.questionId, score: override.oldScore }, data: { score: override.newScore } });
    if (updated.count !== 1) return false;
    await tx.scoreOverride.create({ data: override });
    await tx.attempt.update({ where: { id: attempt.id }, data: { score: attempt.score } });
    return true;
  });
}

/** The override audit trail of one student in the instructor's class, newest first. */
export async function listOverrides(instructorId: string, classId: string, userId: string) {
  return prisma.scoreOverride.findMany({
    where: { question: { attempt: { userId, assignment: { is: { classId, class: { instructorId } } } } } },
    orderBy: { at: 'desc' },
    select: {
      id: true,
      oldScore: true,
      newScore: true,
      reason: true,
      at: true,
      instructor: { select: { name: true } },
      question: { select: { position: true, attempt: { select: { id: true, number: true, assignment: { select: { title: true } } } } } },
    },
  });
}

/** Every handed-in attempt at one of the instructor's assignments, with what a regrade needs. Null when not theirs. */
export async function findAssignmentForRegrade(instructorId: string, classId: string, assignmentId: string) {
  return prisma.assignment.findFirst({
    where: { id: assignmentId, classId, class: { instructorId } },
    select: {
      ...assignmentRules,
      title: true,
      dueExtensions: { select: { userId: true, dueAt: true } },
      class: { select: { accommodations: { select: { userId: true, timeMultiplier: true } } } },
      attempts: {
        where: { submittedAt: { not: null }, ...notPreview(instructorId) },
        select: {
          id: true,
          userId: true,
          user: { select: { name: true } },
          submittedAt: true,
          score: true,
          questions: {
            orderBy: { position: 'asc' },
            select: { id: true, position: true, generator: true, version: true, seed: true, tier: true, response: true, correct: true, score: true, _count: { select: { overrides: true } } },
          },
        },
      },
    },
  });
}

/** Stores a regrade's new question scores and attempt totals in one transaction. */
export async function writeRegrade(questions: readonly { id: string; score: number; correct: boolean }[], attempts: readonly { id: string; score: number }[]) {
  await prisma.$transaction([
    ...questions.map((q) => prisma.attemptQuestion.update({ where: { id: q.id }, data: { score: q.score, correct: q.correct } })),
    ...attempts.map((a) => prisma.attempt.update({ where: { id: a.id }, data: { score: a.score } })),
  ]);
}
