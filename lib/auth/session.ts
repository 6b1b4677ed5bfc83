import 'server-only';
import { getServerSession, type Session } from 'next-auth';
import { forbidden, redirect } from 'next/navigation';
import { findUserById } from '@/lib/db/users';
import { oncePerRequest } from '@/lib/http/per-request';
import { authOptions } from './options';

export type Role = Session['user']['role'];

async function readSession(): Promise<Session | null> {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? session : null;
}

/**
 * The signed-in session, or null. A malformed token counts as signed out, and so does a token
 * whose session was signed out (revoked): getServerSession runs the jwt callback in
 * lib/auth/options.ts, which checks the session id against the database on every call. The
 * proxy (proxy.ts) only checks the signature, so every page and action comes through here.
 * Read once per request: the header, the locale, the page and the lockdown check of one render
 * all ask for it, and each read is a decryption, a database query and a new token.
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
