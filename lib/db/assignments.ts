import 'server-only';
import type { AssignmentKind, LatePolicy, SeedPolicy, ShowAnswers } from '@/lib/attempts/assignment-options';
import type { StudentTerms } from '@/lib/attempts/policy';
import { notPreview } from './attempts';
import { prisma } from './client';

export interface NewAssignment {
  title: string;
  kind: AssignmentKind;
  opensAt: Date;
  dueAt: Date;
  attemptsAllowed: number;
  seedPolicy: SeedPolicy;
  showAnswers: ShowAnswers;
  latePolicy: LatePolicy;
  latePenalty: number;
  timeLimitMinutes: number | null;
  /** Exams: practice and drills refuse the students while their attempt runs. */
  lockdown: boolean;
}

/** Creates an assignment if the instructor owns both the class and the set. */
export async function createAssignment(instructorId: string, classId: string, setId: string, input: NewAssignment) {
  const [klass, set] = await Promise.all([
    prisma.class.findFirst({ where: { id: classId, instructorId }, select: { id: true } }),
    prisma.questionSet.findFirst({ where: { id: setId, instructorId }, select: { id: true, _count: { select: { items: true } } } }),
  ]);
  if (!klass || !set || set._count.items === 0) return null;
  return prisma.assignment.create({ data: { classId, setId, ...input }, select: { id: true } });
}

/**
 * Moves an assignment's opening and due times, in one transaction with the deadlines of its
 * open attempts (`deadlineFor` works each one out from its start under the new times; handed-in
 * attempts keep what they had). Null unless the assignment is in this class of the instructor's.
 */
export async function rescheduleAssignment(
  instructorId: string,
  classId: string,
  assignmentId: string,
  times: { opensAt: Date; dueAt: Date },
  deadlineFor: (assignment: { kind: string; latePolicy: string; timeLimitMinutes: number | null; dueAt: Date }, startedAt: Date, terms: StudentTerms) => Date | null,
): Promise<{ moved: number } | null> {
  return prisma.$transaction(async (tx) => {
    const found = await tx.assignment.findFirst({
      where: { id: assignmentId, classId, class: { instructorId } },
      select: { id: true, kind: true, latePolicy: true, timeLimitMinutes: true },
    });
    if (!found) return null;
    await tx.assignment.update({ where: { id: found.id }, data: times });
    const open = await tx.attempt.findMany({ where: { assignmentId: found.id, submittedAt: null, ...notPreview(instructorId) }, select: { id: true, startedAt: true, userId: true } });
    // Each student's accommodations still apply under the new times.
    const [extensions, accommodations] = await Promise.all([
      tx.dueExtension.findMany({ where: { assignmentId: found.id }, select: { userId: true, dueAt: true } }),
      tx.accommodation.findMany({ where: { classId }, select: { userId: true, timeMultiplier: true } }),
    ]);
    for (const attempt of open) {
      const terms: StudentTerms = {
        timeMultiplier: accommodations.find((x) => x.userId === attempt.userId)?.timeMultiplier ?? 1,
        extendedDueAt: extensions.find((x) => x.userId === attempt.userId)?.dueAt ?? null,
      };
      await tx.attempt.update({ where: { id: attempt.id }, data: { deadline: deadlineFor({ ...found, dueAt: times.dueAt }, attempt.startedAt, terms) } });
    }
    return { moved: open.length };
  });
}

/** Everything the gradebook needs for one of the instructor's classes, or null. */
export async function gradebookData(instructorId: string, classId: string) {
  return prisma.class.findFirst({
    where: { id: classId, instructorId },
    select: {
      id: true,
      name: true,
      members: { select: { user: { select: { id: true, name: true, email: true } } }, orderBy: { joinedAt: 'asc' } },
      assignments: {
        orderBy: { opensAt: 'asc' },
        select: {
          id: true,
          title: true,
          kind: true,
          dueAt: true,
          set: { select: { items: { select: { count: true } } } },
          attempts: {
            where: notPreview(instructorId),
            select: {
              id: true,
              userId: true,
              number: true,
              startedAt: true,
              submittedAt: true,
              late: true,
              score: true,
              questions: {
                orderBy: { position: 'asc' },
                select: { position: true, generator: true, version: true, seed: true, tier: true, response: true, correct: true, score: true, answeredAt: true, durationMs: true },
              },
            },
          },
        },
      },
    },
  });
}

export type GradebookData = NonNullable<Awaited<ReturnType<typeof gradebookData>>>;
