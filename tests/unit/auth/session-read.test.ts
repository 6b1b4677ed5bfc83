// The session of a server component or action (lib/auth/session.ts), read from the request's
// cookies as the proxy reads them, over a real migrated SQLite database. Outside Next there is
// no request, so `next/headers` is the one thing stood in for: it hands over this test's cookies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', async () => {
  const { RequestCookies } = await import('next/dist/compiled/@edge-runtime/cookies');
  return { headers: async () => request.headers, cookies: async () => new RequestCookies(request.headers) };
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-session-'));
const url = `file:${path.join(dir, 'test.db')}`;
process.env.DATABASE_URL = url;
process.env.NEXTAUTH_SECRET ??= 'unit-test-secret-0123456789-0123456789-abcdef';
const secret = process.env.NEXTAUTH_SECRET;

let session: typeof import('@/lib/auth/session');
let db: typeof import('@/lib/db/client');
let token: typeof import('@/lib/auth/session-token');

beforeAll(async () => {
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  db = await import('@/lib/db/client');
  session = await import('@/lib/auth/session');
  token = await import('@/lib/auth/session-token');
});

afterAll(async () => {
  await db.prisma.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const USER = { uid: 'u1', role: 'STUDENT' as const, sid: 'live-session', name: 'Ada', email: 'ada@example.test' };
const sealed = (payload: Record<string, unknown>, maxAge = 3600, key = secret) => token.encodeSessionToken({ token: payload, secret: key, maxAge });

/** currentSession() for a request with these headers (a new request each time). */
async function sessionFor(headers: Record<string, string>) {
  request.headers = new Headers(headers);
  return session.currentSession();
}

const cookie = (value: string) => ({ cookie: `next-auth.session-token=${value}` });

describe('the session of a request', () => {
  it("a valid token is the user's session", async () => {
    const s = await sessionFor(cookie(await sealed(USER)));
    expect(s?.user).toEqual({ id: 'u1', role: 'STUDENT', name: 'Ada', email: 'ada@example.test' });
  });

  it('a token split over chunked cookies (next-auth writes .0, .1 … past 4 kB) is joined in order', async () => {
    const long = await sealed({ ...USER, name: 'A'.repeat(5000) });
    const s = await sessionFor({ cookie: `next-auth.session-token.1=${long.slice(3000)}; next-auth.session-token.0=${long.slice(0, 3000)}` });
    expect(s?.user.name).toBe('A'.repeat(5000));
  });

  it('no cookie, a garbled, expired or forged token, and a token without a user, role or session id are signed out', async () => {
    expect(await sessionFor({})).toBeNull();
    expect(await sessionFor(cookie('not.a.token'))).toBeNull();
    expect(await sessionFor(cookie(await sealed(USER, -60)))).toBeNull();
    expect(await sessionFor(cookie(await sealed(USER, 3600, 'another-secret-0123456789-0123456789-abcdef')))).toBeNull();
    for (const missing of ['uid', 'role', 'sid'] as const) expect(await sessionFor(cookie(await sealed({ ...USER, [missing]: undefined })))).toBeNull();
  });

  it('a bearer header is not a session', async () => {
    expect(await sessionFor({ authorization: `Bearer ${await sealed(USER)}` })).toBeNull();
  });

  it('a signed-out (revoked) session is signed out', async () => {
    await db.prisma.revokedSession.create({ data: { sid: 'gone', expiresAt: new Date(Date.now() + 3_600_000) } });
    expect(await sessionFor(cookie(await sealed({ ...USER, sid: 'gone' })))).toBeNull();
    expect(await sessionFor(cookie(await sealed(USER)))).not.toBeNull();
  });

  it('when the database cannot say whether it was signed out, the request is signed out, not an error', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await db.prisma.$executeRawUnsafe('DROP TABLE "RevokedSession"');
    await expect(sessionFor(cookie(await sealed(USER)))).resolves.toBeNull();
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});
