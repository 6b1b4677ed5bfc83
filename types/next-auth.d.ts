import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: 'STUDENT' | 'INSTRUCTOR'; name: string; email: string } & Omit<
      DefaultSession['user'],
      'name' | 'email'
    >;
  }
  interface User {
    id: string;
    role: 'STUDENT' | 'INSTRUCTOR';
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: 'STUDENT' | 'INSTRUCTOR';
    /** This session's id; signing out revokes it (lib/db/auth-limits.ts revokeSession). */
    sid?: string;
  }
}
