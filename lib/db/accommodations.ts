import 'server-only';
import { NO_ACCOMMODATION, type StudentTerms } from '@/lib/attempts/policy';
import { prisma } from './client';

/** One student's terms for one assignment: the class's multiplier for them and their extension. */
export async function findStudentTerms(userId: string, assignmentId: string): Promise<StudentTerms> {
  const [extension, accommodation] = await Promise.all([
    prisma.dueExtension.findUnique({ where: { assignmentId_userId: { assignmentId, userId } }, select: { dueAt: true } }),
    prisma.accommodation.findFirst({ where: { userId, class: { assignments: { some: { id: assignmentId } } } }, select: { timeMultiplier: true } }),
  ]);
  if (!extension && !accommodation) return NO_ACCOMMODATION;
  return { timeMultiplier: accommodation?.timeMultiplier ?? 1, extendedDueAt: extension?.dueAt ?? null };
}

/** The student's terms for every assignment of their classes, keyed by assignment id (missing: none). */
export async function listStudentTerms(userId: string): Promise<(assignmentId: string, classId: string) => StudentTerms> {
  const [extensions, accommodations] = await Promise.all([
    prisma.dueExtension.findMany({ where: { userId }, select: { assignmentId: true, dueAt: true } }),
    prisma.accommodation.findMany({ where: { userId }, select: { classId: true, timeMultiplier: true } }),
  ]);
  const due = new Map(extensions.map((e) => [e.assignmentId, e.dueAt]));
  const multiplier = new Map(accommodations.map((a) => [a.classId, a.timeMultiplier]));
  return (assignmentId, classId) => ({ timeMultiplier: multiplier.get(classId) ?? 1, extendedDueAt: due.get(assignmentId) ?? null });
}

/** Every accommodation and extension of one instructor's class (empty lists for another instructor). */
export async function listClassAccommodations(instructorId: string, classId: string) {
  const [accommodations, extensions] = await Promise.all([
    prisma.accommodation.findMany({ where: { classId, class: { instructorId } }, select: { userId: true, timeMultiplier: true, updatedAt: true } }),
    prisma.dueExtension.findMany({ where: { assignment: { classId, class: { instructorId } } }, select: { userId: true, assignmentId: true, dueAt: true, updatedAt: true } }),
  ]);
  return { accommodations, extensions };
}

type Deadline = (assignment: { kind: string; latePolicy: string; timeLimitMinutes: number | null; dueAt: Date }, terms: StudentTerms, startedAt: Date) => Date | null;

/**
 * Sets a student's time multiplier in one of the instructor's classes (1 removes it), in one
 * transaction with the deadlines of the student's open attempts there (`deadlineFor` works each
 * out under the new terms). False unless the class is the instructor's and the student in it.
 */
export async function saveTimeMultiplier(instructorId: string, classId: string, userId: string, timeMultiplier: number, deadlineFor: Deadline): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const member = await tx.classMember.findFirst({ where: { classId, userId, class: { instructorId } }, select: { userId: true } });
    if (!member) return false;
    if (timeMultiplier === 1) await tx.accommodation.deleteMany({ where: { classId, userId } });
    else await tx.accommodation.upsert({ where: { classId_userId: { classId, userId } }, create: { classId, userId, timeMultiplier, setById: instructorId }, update: { timeMultiplier, setById: instructorId } });
    const open = await tx.attempt.findMany({
      where: { userId, submittedAt: null, assignment: { is: { classId } } },
      select: { id: true, startedAt: true, assignment: { select: { id: true, kind: true, latePolicy: true, timeLimitMinutes: true, dueAt: true, dueExtensions: { where: { userId }, select: { dueAt: true } } } } },
    });
    for (const attempt of open) {
      if (!attempt.assignment) continue;
      const terms = { timeMultiplier, extendedDueAt: attempt.assignment.dueExtensions[0]?.dueAt ?? null };
      await tx.attempt.update({ where: { id: attempt.id }, data: { deadline: deadlineFor(attempt.assignment, terms, attempt.startedAt) } });
    }
    return true;
  });
}

export type ExtensionTarget = { status: 'ok'; classDueAt: Date } | { status: 'not-found' };

/** The class's due time of an assignment in the instructor's class that the student is in. */
export async function findExtensionTarget(instructorId: string, classId: string, assignmentId: string, userId: string): Promise<ExtensionTarget> {
  const found = await prisma.assignment.findFirst({
    where: { id: assignmentId, classId, class: { instructorId, members: { some: { userId } } } },
    select: { dueAt: true },
  });
  return found ? { status: 'ok', classDueAt: found.dueAt } : { status: 'not-found' };
}

/**
 * Gives a student their own due time for an assignment (null takes the extension back), with
 * the deadline of their open attempt at it worked out again, in one transaction. The caller has
 * checked the target with `findExtensionTarget`; false when it is gone meanwhile.
 */
export async function saveExtension(instructorId: string, classId: string, assignmentId: string, userId: string, dueAt: Date | null, deadlineFor: Deadline): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const assignment = await tx.assignment.findFirst({
      where: { id: assignmentId, classId, class: { instructorId, members: { some: { userId } } } },
      select: { kind: true, latePolicy: true, timeLimitMinutes: true, dueAt: true, class: { select: { accommodations: { where: { userId }, select: { timeMultiplier: true } } } } },
    });
    if (!assignment) return false;
    if (dueAt === null) await tx.dueExtension.deleteMany({ where: { assignmentId, userId } });
    else await tx.dueExtension.upsert({ where: { assignmentId_userId: { assignmentId, userId } }, create: { assignmentId, userId, dueAt, grantedById: instructorId }, update: { dueAt, grantedById: instructorId } });
    const terms = { timeMultiplier: assignment.class.accommodations[0]?.timeMultiplier ?? 1, extendedDueAt: dueAt };
    const open = await tx.attempt.findMany({ where: { assignmentId, userId, submittedAt: null }, select: { id: true, startedAt: true } });
    for (const attempt of open) await tx.attempt.update({ where: { id: attempt.id }, data: { deadline: deadlineFor(assignment, terms, attempt.startedAt) } });
    return true;
  });
}
