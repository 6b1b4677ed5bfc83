import { withAuth } from 'next-auth/middleware';

/**
 * First line of defence: anonymous visitors to app pages go to sign-in (and come back after).
 * Every page, action and route still checks the session and role on the server.
 */
export default withAuth({ pages: { signIn: '/sign-in' } });

export const config = {
  matcher: ['/home/:path*', '/teach/:path*', '/drill/:path*', '/stats/:path*', '/settings/:path*', '/exams/:path*', '/classes/:path*', '/assignments/:path*'],
};
