import 'server-only';
import { prisma } from './client';

export type RosterOutcome = 'enrolled' | 'already-member' | 'invited' | 'already-invited' | 'instructor';

/**
 * Puts each email on the instructor's class roster, in one transaction: a student account joins
 * the class (again, after a removal: their attempts were kept), an instructor account is
 * refused, an unknown email becomes a pending invitation. Null unless the class is theirs.
 */
export async function addToRoster(instructorId: string, classId: string, emails: readonly string[]): Promise<Map<string, RosterOutcome> | null> {
  return prisma.$transaction(async (tx) => {
    const owned = await tx.class.findFirst({ where: { id: classId, instructorId }, select: { id: true } });
    if (!owned) return null;
    const [users, invitations] = await Promise.all([
      tx.user.findMany({ where: { email: { in: [...emails] } }, select: { id: true, email: true, role: true, memberships: { where: { classId }, select: { userId: true } } } }),
      tx.classInvitation.findMany({ where: { classId, email: { in: [...emails] }, acceptedAt: null }, select: { email: true } }),
    ]);
    const byEmail = new Map(users.map((u) => [u.email, u]));
    const pending = new Set(invitations.map((i) => i.email));
    const out = new Map<string, RosterOutcome>();
    for (const email of emails) {
      const user = byEmail.get(email);
      if (user?.role === 'INSTRUCTOR') out.set(email, 'instructor');
      else if (user && user.memberships.length > 0) out.set(email, 'already-member');
      else if (user) {
        await tx.classMember.create({ data: { classId, userId: user.id } });
        out.set(email, 'enrolled');
      } else if (pending.has(email)) out.set(email, 'already-invited');
      else {
        await tx.classInvitation.upsert({ where: { classId_email: { classId, email } }, create: { classId, email, invitedById: instructorId }, update: { acceptedAt: null, invitedById: instructorId, createdAt: new Date() } });
        out.set(email, 'invited');
      }
    }
    return out;
  });
}

/** The class's invitations still waiting for a sign-up (empty for another instructor). */
export function listPendingInvitations(instructorId: string, classId: string) {
  return prisma.classInvitation.findMany({ where: { classId, acceptedAt: null, class: { instructorId } }, orderBy: { createdAt: 'asc' }, select: { email: true, createdAt: true } });
}

/** Withdraws a pending invitation of the instructor's class; false when there is none. */
export async function withdrawInvitation(instructorId: string, classId: string, email: string): Promise<boolean> {
  const { count } = await prisma.classInvitation.deleteMany({ where: { classId, email: email.toLowerCase(), acceptedAt: null, class: { instructorId } } });
  return count > 0;
}
