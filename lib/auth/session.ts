import 'server-only';
import type { Session } from 'next-auth';
import { getToken } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { findUserById } from '@/lib/db/users';
import { env } from '@/lib/env';
import { oncePerRequest } from '@/lib/http/per-request';
import { isLiveToken, sessionUser } from './options';
import { decodeSessionToken } from './session-token';

export type Role = Session['user']['role'];

/** A request's cookies as getToken reads them: Next's `cookies()`, or lib/http/cookies.ts's parse of a Cookie header. */
export interface CookieSource {
  get(name: string): { value: string } | undefined;
  getAll(): { name: string; value: string }[];
}

/**
 * The session cookie, decrypted and checked against the database. This is what next-auth's
 * getServerSession does for a server component or action, less the work whose result it throws
 * away there: it sets up its whole request handler and encrypts a refreshed token for a cookie
 * it cannot set outside a route handler (about 2 ms of every answer, `npm run bench -- http`).
 * The cookie is found as the proxy finds it (getToken: the same name, chunked cookies joined);
 * a bearer header is not a session here, as it is not for getServerSession.
 */
export async function sessionFrom(cookieSource: CookieSource): Promise<Session | null> {
  // getToken reads only the request's `cookies` (anything with getAll) and its authorization header.
  const req = { cookies: cookieSource, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'];
  const token = await getToken({ req, secret: env().NEXTAUTH_SECRET, decode: decodeSessionToken });
  if (!token) return null;
  try {
    // A token still counts only while its session is not signed out.
    if (!(await isLiveToken(token))) return null;
  } catch (error) {
    // The database could not say (e.g. locked past the busy timeout): signed out for this
    // request, as getServerSession had it, rather than an error page.
    console.error('session check failed', error);
    return null;
  }
  const user = sessionUser(token);
  return user ? { user, expires: typeof token.exp === 'number' ? new Date(token.exp * 1000).toISOString() : '' } : null;
}

async function readSession(): Promise<Session | null> {
  return sessionFrom(await cookies());
}

/**
 * The signed-in session, or null. A malformed or expired token counts as signed out, and so
 * does a token whose session was signed out (revoked): every read checks the session id
 * against the database. The proxy (proxy.ts) only checks the signature, so every page and
 * action comes through here. Read once per request: the header, the locale, the page and the
 * lockdown check of one render all ask for it.
 */
export const currentSession: () => Promise<Session | null> = oncePerRequest(readSession);

/**
 * The signed-in user, read fresh from the database; anonymous visitors (or a deleted
 * account) go to sign-in and come back to `returnTo` afterwards.
 */
export async function requireUser(returnTo = '/home') {
  const session = await currentSession();
  const user = session ? await findUserById(session.user.id) : null;
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** Like requireUser, and answers 403 (the forbidden page) to any other role. */
export async function requireRole(role: Role, returnTo = '/home') {
  const user = await requireUser(returnTo);
  if (user.role !== role) forbidden();
  return user;
}

/** For server actions: the user id or null, never a redirect. */
export async function sessionUserId(): Promise<string | null> {
  const session = await currentSession();
  return session?.user.id ?? null;
}
