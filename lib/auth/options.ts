import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { failedSignInsSince, findUserForSignIn, recordSignInAttempt } from '@/lib/db/users';
import { env } from '@/lib/env';
import { verifyAgainstNothing, verifyPassword } from './password';
import { signInSchema } from './schema';
import { throttleDecision, WINDOW_MS } from './throttle';

/** Error strings the sign-in form maps to messages. */
export const SIGN_IN_ERRORS = { invalid: 'invalid-credentials', throttled: 'throttled' } as const;

export const authOptions: NextAuthOptions = {
  secret: env().NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
        const { email, password } = parsed.data;
        const now = new Date();
        const decision = throttleDecision(await failedSignInsSince(email, new Date(now.getTime() - WINDOW_MS)), now);
        if (!decision.allowed) throw new Error(`${SIGN_IN_ERRORS.throttled}:${decision.retryAt.toISOString()}`);

        const user = await findUserForSignIn(email);
        const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstNothing(password);
        await recordSignInAttempt(email, ok, now);
        if (!user || !ok) throw new Error(SIGN_IN_ERRORS.invalid);
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user = {
          ...session.user,
          id: token.uid,
          role: token.role,
          name: token.name ?? '',
          email: token.email ?? '',
        };
      }
      return session;
    },
  },
};
