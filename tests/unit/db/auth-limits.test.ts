// Sign-in and sign-up limits and session revocation against a fresh SQLite database migrated
// with the real Prisma CLI. The bursts are concurrent: every attempt starts before any settles.
import { createTestDatabase, migrateTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EMAIL_DELAY_AFTER_FAILURES,
  MAX_FAILURES_PER_CLIENT,
  MAX_FAILURES_PER_CLIENT_AND_EMAIL,
  SIGN_UP_LIMITS,
  WINDOW_MS,
} from '@/lib/auth/throttle';
import { admitSignIn, admitSignUp, isSessionRevoked, revokeSession, settleSignIn, withdrawSignIn } from '@/lib/db/auth-limits';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';

const CLI_TIMEOUT_MS = 120_000;
const NOW = new Date('2026-11-26T12:00:00Z');

let database: TestDatabase | undefined;
let db: PrismaClient;

beforeAll(() => {
  database = createTestDatabase('auth-limits');
  const url = database.url;
  migrateTestDatabase(url);
  db = createPrismaClient(url);
}, CLI_TIMEOUT_MS);

afterAll(async () => {
  await db?.$disconnect();
  database?.cleanup();
});

let counter = 0;
const unique = (what: string) => `${what}-${++counter}`;

/** Starts `n` sign-in attempts at once, then settles the admitted ones as failures; how many were admitted. */
async function burst(attempts: { email: string; client: string }[], now = NOW): Promise<number> {
  const admissions = await Promise.all(attempts.map((a) => admitSignIn(db, { ...a, now })));
  const admitted = admissions.filter((a) => a.admitted);
  await Promise.all(admitted.map((a) => settleSignIn(db, a.attemptId, false)));
  return admitted.length;
}

describe('admitSignIn under a concurrent burst', () => {
  it('admits at most MAX_FAILURES_PER_CLIENT_AND_EMAIL of 40 concurrent guesses from one client for one email', async () => {
    const email = `${unique('victim')}@example.test`;
    const client = unique('198.51.100');
    expect(await burst(Array.from({ length: 40 }, () => ({ email, client })))).toBe(MAX_FAILURES_PER_CLIENT_AND_EMAIL);
  });

  it('admits at most MAX_FAILURES_PER_CLIENT of 30 emails × 1 guess from one client', async () => {
    const client = unique('198.51.101');
    const attempts = Array.from({ length: 30 }, () => ({ email: `${unique('user')}@example.test`, client }));
    expect(await burst(attempts)).toBe(MAX_FAILURES_PER_CLIENT);
  });

  it('admits only EMAIL_DELAY_AFTER_FAILURES of 40 concurrent guesses for one email from 40 clients, then makes the next wait', async () => {
    const email = `${unique('victim')}@example.test`;
    const attempts = Array.from({ length: 40 }, () => ({ email, client: unique('203.0.113') }));
    expect(await burst(attempts)).toBe(EMAIL_DELAY_AFTER_FAILURES);
    const next = await admitSignIn(db, { email, client: unique('203.0.113'), now: new Date(NOW.getTime() + 10) });
    expect(next).toMatchObject({ admitted: false, reason: 'email' });
    // Not a lock: once the delay has passed, another client gets one attempt.
    const later = await admitSignIn(db, { email, client: unique('203.0.113'), now: new Date(NOW.getTime() + 1000) });
    expect(later.admitted).toBe(true);
  });

  it('keeps the owner able to sign in while others flood the email', async () => {
    const email = `${unique('owner')}@example.test`;
    const home = unique('192.0.2');
    // The owner signed in from home earlier.
    const first = await admitSignIn(db, { email, client: home, now: new Date(NOW.getTime() - 60_000) });
    if (!first.admitted) throw new Error('first sign-in refused');
    await settleSignIn(db, first.attemptId, true);
    await burst(Array.from({ length: 40 }, () => ({ email, client: unique('203.0.114') })));
    const owner = await admitSignIn(db, { email, client: home, now: new Date(NOW.getTime() + 10) });
    expect(owner).toMatchObject({ admitted: true, knownClient: true });
  });

  it("forgets a client's own failures for an email once it signs in to it", async () => {
    const email = `${unique('typo')}@example.test`;
    const client = unique('198.51.105');
    const at = (ms: number) => new Date(NOW.getTime() + ms);
    await burst(Array.from({ length: MAX_FAILURES_PER_CLIENT_AND_EMAIL - 1 }, () => ({ email, client })), at(0));
    const success = await admitSignIn(db, { email, client, now: at(1000) });
    if (!success.admitted) throw new Error('refused before the limit');
    await settleSignIn(db, success.attemptId, true);
    await burst(Array.from({ length: MAX_FAILURES_PER_CLIENT_AND_EMAIL - 1 }, () => ({ email, client })), at(2000));
    expect((await admitSignIn(db, { email, client, now: at(3000) })).admitted).toBe(true);
  });

  it('counts a pending attempt until it is settled, and a withdrawn one not at all', async () => {
    const email = `${unique('pending')}@example.test`;
    const client = unique('198.51.102');
    const pending = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_CLIENT_AND_EMAIL }, () => admitSignIn(db, { email, client, now: NOW })),
    );
    expect(pending.every((a) => a.admitted)).toBe(true);
    expect((await admitSignIn(db, { email, client, now: NOW })).admitted).toBe(false);
    const one = pending[0]!;
    if (one.admitted) await withdrawSignIn(db, one.attemptId);
    expect((await admitSignIn(db, { email, client, now: NOW })).admitted).toBe(true);
  });

  it('forgets failures older than the window', async () => {
    const email = `${unique('old')}@example.test`;
    const client = unique('198.51.103');
    await burst(Array.from({ length: 10 }, () => ({ email, client })), new Date(NOW.getTime() - WINDOW_MS - 1));
    expect((await admitSignIn(db, { email, client, now: NOW })).admitted).toBe(true);
  });
});

describe('admitSignUp', () => {
  it('admits only the per-client limit of 15 concurrent sign-ups from one address, and not another address', async () => {
    const client = unique('198.51.104');
    const results = await Promise.all(Array.from({ length: 15 }, () => admitSignUp(db, { client, now: NOW })));
    expect(results.filter((r) => r.admitted)).toHaveLength(SIGN_UP_LIMITS[0].max);
    const refused = results.find((r) => !r.admitted);
    expect(refused && !refused.admitted && refused.retryAt.getTime()).toBe(NOW.getTime() + SIGN_UP_LIMITS[0].windowMs);
    expect((await admitSignUp(db, { client: unique('198.51.104'), now: NOW })).admitted).toBe(true);
  });
});

describe('revokeSession', () => {
  it('revokes one session id, keeps others, and forgets expired revocations', async () => {
    await revokeSession(db, 'sid-old', new Date(NOW.getTime() - 1), new Date(NOW.getTime() - 2));
    await revokeSession(db, 'sid-a', new Date(NOW.getTime() + 1000), NOW);
    expect(await isSessionRevoked(db, 'sid-a')).toBe(true);
    expect(await isSessionRevoked(db, 'sid-b')).toBe(false);
    expect(await isSessionRevoked(db, 'sid-old')).toBe(false);
    // Revoking twice is harmless.
    await revokeSession(db, 'sid-a', new Date(NOW.getTime() + 2000), NOW);
    expect(await isSessionRevoked(db, 'sid-a')).toBe(true);
  });
});
