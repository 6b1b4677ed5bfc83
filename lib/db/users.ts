import 'server-only';
import type { AppLocale } from '@/i18n/locales';
import { prisma } from './client';

export type Role = 'STUDENT' | 'INSTRUCTOR';

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  locale: AppLocale;
}

/** Creates a user; returns null when the email is already taken. */
export async function createUser(input: NewUser) {
  try {
    return await prisma.user.create({
      data: {
        email: input.email.toLowerCase(),
        name: input.name,
        passwordHash: input.passwordHash,
        role: input.role,
        locale: input.locale,
      },
      select: { id: true, email: true, name: true, role: true, locale: true },
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

export function findUserById(id: string) {
  return prisma.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, locale: true, createdAt: true },
  });
}

export async function findUserLocale(id: string): Promise<AppLocale | null> {
  const row = await prisma.user.findUnique({ where: { id }, select: { locale: true } });
  return row?.locale ?? null;
}

export async function setUserLocale(id: string, locale: AppLocale): Promise<void> {
  await prisma.user.update({ where: { id }, data: { locale } });
}

export async function countUsers(): Promise<number> {
  return prisma.user.count();
}
