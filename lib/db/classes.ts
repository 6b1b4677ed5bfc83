import 'server-only';
import { newJoinCode, normalizeJoinCode } from '@/lib/teach/join-code';
import { prisma } from './client';

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'P2002';
}

async function withFreshCode<T>(write: (code: string) => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await write(newJoinCode());
    } catch (error) {
      if (!isUniqueViolation(error) || tries >= 5) throw error;
    }
  }
}

export function createClass(instructorId: string, name: string) {
  return withFreshCode((joinCode) => prisma.class.create({ data: { instructorId, name, joinCode }, select: { id: true } }));
}

export function listClasses(instructorId: string) {
  return prisma.class.findMany({
    where: { instructorId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, joinCode: true, _count: { select: { members: true, assignments: true } } },
  });
}

/** The class if this instructor owns it, else null. */
export function findOwnClass(instructorId: string, classId: string) {
  return prisma.class.findFirst({
    where: { id: classId, instructorId },
    select: {
      id: true,
      name: true,
      joinCode: true,
      members: { select: { joinedAt: true, user: { select: { id: true, name: true, email: true } } }, orderBy: { joinedAt: 'asc' } },
      assignments: { orderBy: { opensAt: 'asc' }, select: { id: true, title: true, kind: true, opensAt: true, dueAt: true, timeLimitMinutes: true, lockdown: true, set: { select: { name: true } } } },
    },
  });
}

export async function regenerateJoinCode(instructorId: string, classId: string): Promise<boolean> {
  const owned = await prisma.class.findFirst({ where: { id: classId, instructorId }, select: { id: true } });
  if (!owned) return false;
  await withFreshCode((joinCode) => prisma.class.update({ where: { id: classId }, data: { joinCode } }));
  return true;
}

export async function removeMember(instructorId: string, classId: string, userId: string): Promise<boolean> {
  const owned = await prisma.class.findFirst({ where: { id: classId, instructorId }, select: { id: true } });
  if (!owned) return false;
  const { count } = await prisma.classMember.deleteMany({ where: { classId, userId } });
  return count > 0;
}

export type JoinResult = { status: 'joined'; className: string } | { status: 'already'; className: string } | { status: 'unknown-code' } | { status: 'students-only' };

/**
 * A student joins a class by its code. Only student accounts join: an instructor who has a
 * class's code (their own, or a colleague's) is refused rather than made a member, so an
 * instructor account never holds a student's view of another instructor's class.
 */
export async function joinClassByCode(userId: string, code: string): Promise<JoinResult> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (user?.role !== 'STUDENT') return { status: 'students-only' };
  const found = await prisma.class.findUnique({ where: { joinCode: normalizeJoinCode(code) }, select: { id: true, name: true } });
  if (!found) return { status: 'unknown-code' };
  try {
    await prisma.classMember.create({ data: { classId: found.id, userId } });
    return { status: 'joined', className: found.name };
  } catch (error) {
    if (isUniqueViolation(error)) return { status: 'already', className: found.name };
    throw error;
  }
}

export function studentClasses(userId: string) {
  return prisma.classMember.findMany({
    where: { userId },
    select: { joinedAt: true, class: { select: { id: true, name: true, instructor: { select: { name: true } } } } },
    orderBy: { joinedAt: 'asc' },
  });
}
