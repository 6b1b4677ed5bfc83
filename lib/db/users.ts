import 'server-only';
import type { AppLocale } from '@/i18n/locales';
import { Prisma } from '../../generated/prisma/client';
import { prisma, readRows } from './client';

export type Role = 'STUDENT' | 'INSTRUCTOR';

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  locale: AppLocale;
}

/**
 * Creates a user; returns null when the email is already taken. A student account joins, in the
 * same transaction, every class whose instructor put its email on the roster beforehand.
 */
export async function createUser(input: NewUser) {
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: input.email.toLowerCase(),
          name: input.name,
          passwordHash: input.passwordHash,
          role: input.role,
          locale: input.locale,
        },
        select: { id: true, email: true, name: true, role: true, locale: true },
      });
      if (user.role === 'STUDENT') {
        const invited = await tx.classInvitation.findMany({ where: { email: user.email, acceptedAt: null }, select: { classId: true } });
        if (invited.length > 0) {
          await tx.classMember.createMany({ data: invited.map((i) => ({ classId: i.classId, userId: user.id })) });
          await tx.classInvitation.updateMany({ where: { email: user.email, acceptedAt: null }, data: { acceptedAt: new Date() } });
        }
      }
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}

export function findUserForSignIn(email: string) {
  return prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, email: true, name: true, role: true, locale: true, passwordHash: true },
  });
}

/**
 * Stores a password's new hash (a re-hash at sign-in) only if the stored one is still `previous`:
 * a hash changed meanwhile is left alone. Returns whether it was stored.
 */
export async function replacePasswordHash(id: string, previous: string, next: string): Promise<boolean> {
  const { count } = await prisma.user.updateMany({ where: { id, passwordHash: previous }, data: { passwordHash: next } });
  return count === 1;
}

/** The user, or null. Every page that needs a signed-in user asks: a raw read (client.ts's readRows), not a model query. */
export async function findUserById(id: string): Promise<{ id: string; email: string; name: string; role: Role; locale: AppLocale; createdAt: Date } | null> {
  const [row] = await readRows<{ id: string; email: string; name: string; role: Role; locale: AppLocale; createdAt: Date }>(
    Prisma.sql`SELECT id, email, name, role, locale, "createdAt" FROM "User" WHERE id = ${id}`,
  );
  return row ?? null;
}

export async function findUserLocale(id: string): Promise<AppLocale | null> {
  // Every request of a signed-in user asks (the UI language): a raw read, as findUserById.
  const [row] = await readRows<{ locale: AppLocale }>(Prisma.sql`SELECT locale FROM "User" WHERE id = ${id}`);
  return row?.locale ?? null;
}

export async function setUserLocale(id: string, locale: AppLocale): Promise<void> {
  await prisma.user.update({ where: { id }, data: { locale } });
}

export async function countUsers(): Promise<number> {
  return prisma.user.count();
}
