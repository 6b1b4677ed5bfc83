/**
 * Sign-in and sign-up limits applied to the database, and revoked sessions. Every function
 * takes the client, so tests run them against a real SQLite file.
 *
 * Check and record are one step: an attempt is inserted (as pending) in the same transaction
 * that counted the earlier ones, and admissions run one at a time across every server process
 * and server, so of N concurrent attempts each one sees all those admitted before it. On SQLite
 * every transaction holds the database's write lock from its start (write-gate.ts); on
 * PostgreSQL, whose transactions run side by side, an admission first takes a transaction-level
 * advisory lock (released at commit or rollback).
 */
import 'server-only';
import { Prisma } from '../../generated/prisma/client';
import { providerOf, readRows, type PrismaClient } from './client';
import {
  KNOWN_CLIENT_MS,
  MAX_FAILURES_PER_CLIENT,
  MAX_FAILURES_PER_CLIENT_AND_EMAIL,
  SIGN_UP_LIMITS,
  signInDecision,
  signUpDecision,
  WINDOW_MS,
  type ThrottleReason,
} from '@/lib/auth/throttle';

/** The advisory lock key that admissions hold on PostgreSQL (any fixed 64-bit number). */
export const ADMISSION_LOCK_KEY = 0x4c6f636b73746570n; // "Lockstep"

/**
 * Admissions queue behind each other: a burst of 40 waits longer for its turn than Prisma's
 * default 2 s on a busy machine. The password queue, not this wait, bounds a flood.
 */
const ADMISSION_TX = { maxWait: 15_000, timeout: 15_000 };

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Makes an admission wait for any other admission in flight (PostgreSQL; SQLite already does). */
async function serializeAdmissions(db: PrismaClient, tx: Tx): Promise<void> {
  if (providerOf(db) !== 'postgresql') return;
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${ADMISSION_LOCK_KEY})`);
}

/** Enough failures for one email to reach the longest delay (see emailDelayMs). */
const EMAIL_ROWS = 32;
const UNSETTLED = [{ succeeded: false }, { succeeded: null }];

export type SignInAdmission =
  | { admitted: true; attemptId: number; knownClient: boolean }
  | { admitted: false; retryAt: Date; reason: ThrottleReason };

/** Admits one sign-in attempt (recording it as pending) or refuses it, atomically. */
export async function admitSignIn(db: PrismaClient, input: { email: string; client: string; now: Date }): Promise<SignInAdmission> {
  const { email, client, now } = input;
  const since = new Date(now.getTime() - WINDOW_MS);
  return db.$transaction(async (tx): Promise<SignInAdmission> => {
    await serializeAdmissions(db, tx);
    const times = (rows: { at: Date }[]) => rows.map((r) => r.at);
    // One query after another: the transaction holds a single connection.
    const lastSuccess = await tx.signInAttempt.findFirst({
      where: { email, client, succeeded: true, at: { gt: new Date(now.getTime() - KNOWN_CLIENT_MS) } },
      select: { at: true },
      orderBy: { at: 'desc' },
    });
    // A client's own failures for an email stop counting once it signs in to it.
    const pairSince = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since;
    const clientAndEmail = await tx.signInAttempt.findMany({
      where: { email, client, at: { gt: pairSince }, OR: UNSETTLED },
      select: { at: true },
      orderBy: { at: 'desc' },
      take: MAX_FAILURES_PER_CLIENT_AND_EMAIL,
    });
    const fromClient = await tx.signInAttempt.findMany({
      where: { client, at: { gt: since }, OR: UNSETTLED },
      select: { at: true },
      orderBy: { at: 'desc' },
      take: MAX_FAILURES_PER_CLIENT,
    });
    const forEmail = await tx.signInAttempt.findMany({
      where: { email, at: { gt: since }, OR: UNSETTLED },
      select: { at: true },
      orderBy: { at: 'desc' },
      take: EMAIL_ROWS,
    });
    const decision = signInDecision(
      { clientAndEmail: times(clientAndEmail), client: times(fromClient), email: times(forEmail), knownClient: lastSuccess !== null },
      now,
    );
    if (!decision.allowed) return { admitted: false, retryAt: decision.retryAt, reason: decision.reason };
    const row = await tx.signInAttempt.create({ data: { email, client, at: now, succeeded: null }, select: { id: true } });
    return { admitted: true, attemptId: row.id, knownClient: lastSuccess !== null };
  }, ADMISSION_TX);
}

/** Whether `client` signed in to `email` successfully within KNOWN_CLIENT_MS (one indexed read). */
export async function isKnownClient(db: PrismaClient, input: { email: string; client: string; now: Date }): Promise<boolean> {
  const { email, client, now } = input;
  const row = await db.signInAttempt.findFirst({
    where: { email, client, succeeded: true, at: { gt: new Date(now.getTime() - KNOWN_CLIENT_MS) } },
    select: { id: true },
  });
  return row !== null;
}

/** Records the outcome of an admitted attempt. */
export async function settleSignIn(db: PrismaClient, attemptId: number, succeeded: boolean): Promise<void> {
  await db.signInAttempt.update({ where: { id: attemptId }, data: { succeeded } });
}

/** Removes an admitted attempt whose password was never checked (the server was busy). */
export async function withdrawSignIn(db: PrismaClient, attemptId: number): Promise<void> {
  await db.signInAttempt.deleteMany({ where: { id: attemptId } });
}

export type SignUpAdmission = { admitted: true; attemptId: number } | { admitted: false; retryAt: Date };

/** Admits one account creation from a client address (recording it) or refuses it, atomically. */
export async function admitSignUp(db: PrismaClient, input: { client: string; now: Date }): Promise<SignUpAdmission> {
  const { client, now } = input;
  const longest = Math.max(...SIGN_UP_LIMITS.map((l) => l.windowMs));
  const most = Math.max(...SIGN_UP_LIMITS.map((l) => l.max));
  return db.$transaction(async (tx): Promise<SignUpAdmission> => {
    await serializeAdmissions(db, tx);
    const rows = await tx.signUpAttempt.findMany({
      where: { client, at: { gt: new Date(now.getTime() - longest) } },
      select: { at: true },
      orderBy: { at: 'desc' },
      take: most,
    });
    const decision = signUpDecision(rows.map((r) => r.at), now);
    if (!decision.allowed) return { admitted: false, retryAt: decision.retryAt };
    const row = await tx.signUpAttempt.create({ data: { client, at: now }, select: { id: true } });
    return { admitted: true, attemptId: row.id };
  }, ADMISSION_TX);
}

/** Gives back a sign-up that created nothing because the server was busy. */
export async function withdrawSignUp(db: PrismaClient, attemptId: number): Promise<void> {
  await db.signUpAttempt.deleteMany({ where: { id: attemptId } });
}

/** Refuses the session `sid` from now until `expiresAt`; forgets revocations that have expired. */
export async function revokeSession(db: PrismaClient, sid: string, expiresAt: Date, now: Date): Promise<void> {
  await db.$transaction([
    db.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.revokedSession.upsert({ where: { sid }, create: { sid, expiresAt }, update: { expiresAt } }),
  ]);
}

export async function isSessionRevoked(db: PrismaClient, sid: string): Promise<boolean> {
  // Every signed-in request asks: a raw read (client.ts's readRows), not a model query.
  return (await readRows<{ sid: string }>(Prisma.sql`SELECT sid FROM "RevokedSession" WHERE sid = ${sid}`, db)).length > 0;
}
