import 'server-only';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { NextAuthOptions, Session } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { admitSignIn, isKnownClient, isSessionRevoked, revokeSession, settleSignIn, withdrawSignIn } from '@/lib/db/auth-limits';
import { prisma } from '@/lib/db/client';
import { findUserForSignIn, replacePasswordHash } from '@/lib/db/users';
import { env } from '@/lib/env';
import { safeRedirectUrl } from '@/lib/safe-redirect';
import { clientAddress } from './client-address';
import { decodeSessionToken, encodeSessionToken } from './session-token';
import { PasswordBusyError, passwordQueueHasRoom, verifyAgainstNothing, verifyPassword } from './password';
import { signInSchema } from './schema';

/** Thrown by the jwt callback for a signed-out session: next-auth then clears its cookie. */
class SessionRevokedError extends Error {
  constructor() {
    super('session was signed out');
    this.name = 'SessionRevokedError';
  }
}

/** Error strings the sign-in form maps to messages. */
export const SIGN_IN_ERRORS = { invalid: 'invalid-credentials', throttled: 'throttled', busy: 'busy' } as const;

/**
 * How long a refused sign-in (busy or throttled) waits before it is answered. Refusing costs
 * the server almost nothing, so without this a script retrying at once would send requests
 * as fast as the server can answer them and crowd out everyone else (measured with
 * `npm run bench -- sign-in-flood`); a person retrying by hand waits longer than that anyway.
 */
export const REFUSAL_DELAY_MS = 1000;

async function refuse(code: string): Promise<never> {
  await delay(REFUSAL_DELAY_MS);
  throw new Error(code);
}

/**
 * Whether a decoded token still stands for a session: one signed out (revoked) does not, nor
 * does a token without a session id, which predates revocation and cannot be revoked.
 */
export async function isLiveToken(token: JWT): Promise<boolean> {
  return Boolean(token.uid && token.sid && !(await isSessionRevoked(prisma, token.sid)));
}

/** The session's user as a token carries it, or null for a token without one. */
export function sessionUser(token: JWT): Session['user'] | null {
  if (!token.uid || !token.role || !token.sid) return null;
  return { id: token.uid, role: token.role, name: token.name ?? '', email: token.email ?? '' };
}

/** A re-hash that cannot be stored now is tried again at the next sign-in: it never fails this one. */
async function storeRehash(userId: string, previous: string, rehashed: string): Promise<void> {
  try {
    await replacePasswordHash(userId, previous, rehashed);
  } catch (error) {
    console.error('[auth] could not store a re-hashed password; it will be tried at the next sign-in', error);
  }
}

export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: env().NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
        const { email, password } = parsed.data;
        const attempt = { email, client: clientAddress(req?.headers), now: new Date() };
        // When the password queue is full, refuse before writing anything: a flood then costs one read a request.
        if (!passwordQueueHasRoom((await isKnownClient(prisma, attempt)) ? 'priority' : 'normal')) return refuse(SIGN_IN_ERRORS.busy);
        const admission = await admitSignIn(prisma, attempt);
        if (!admission.admitted) return refuse(`${SIGN_IN_ERRORS.throttled}:${admission.retryAt.toISOString()}`);

        let user: Awaited<ReturnType<typeof findUserForSignIn>>;
        let ok: boolean;
        try {
          user = await findUserForSignIn(email);
          const lane = admission.knownClient ? 'priority' : 'normal';
          const check = user ? await verifyPassword(password, user.passwordHash, lane) : null;
          ok = check ? check.ok : await verifyAgainstNothing(password);
          // A bcrypt hash (or older Argon2id parameters) is replaced by the right password's new hash.
          if (user && check?.rehashed) await storeRehash(user.id, user.passwordHash, check.rehashed);
        } catch (error) {
          await withdrawSignIn(prisma, admission.attemptId);
          if (error instanceof PasswordBusyError) return refuse(SIGN_IN_ERRORS.busy);
          throw error;
        }
        await settleSignIn(prisma, admission.attemptId, ok && user !== null);
        if (!user || !ok) throw new Error(SIGN_IN_ERRORS.invalid);
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sid = randomUUID();
        return token;
      }
      if (!(await isLiveToken(token))) throw new SessionRevokedError();
      return token;
    },
    session({ session, token }) {
      const user = sessionUser(token);
      if (user) session.user = { ...session.user, ...user };
      return session;
    },
    redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
  },
  logger: {
    // A revoked session is an expected outcome, not an error worth a stack trace.
    error(code, metadata) {
      const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
      if (error instanceof Error && error.name === 'SessionRevokedError') return;
      console.error(`[next-auth][error][${code}]`, `\nhttps://next-auth.js.org/errors#${code.toLowerCase()}`, metadata);
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.sid) return;
      const now = new Date();
      // A copy of the token lives at most SESSION_MAX_AGE_S past its last refresh, which is now at the latest.
      await revokeSession(prisma, token.sid, new Date(now.getTime() + SESSION_MAX_AGE_S * 1000), now);
    },
  },
};
