import { withAuth } from 'next-auth/middleware';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { decodeSessionToken } from '@/lib/auth/session-token';
import { refuseActionArguments, refuseActionOrigin, refuseMultipartAction, refuseMultipartForm, refusePath, type Refusal } from '@/lib/http/request-guards';
import { contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from '@/lib/http/security-headers';

/** App pages that need an account; anonymous visitors go to sign-in (and come back after). */
const SIGNED_IN_ONLY = ['/home', '/teach', '/drill', '/stats', '/settings', '/exams', '/classes', '/assignments'];

const requireSignIn = withAuth({ pages: { signIn: '/sign-in' }, jwt: { decode: decodeSessionToken } });

function needsSignIn(pathname: string): boolean {
  return SIGNED_IN_ONLY.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

async function refusal(request: NextRequest): Promise<Refusal | null> {
  const pathRefusal = refusePath(request.nextUrl.pathname);
  if (pathRefusal || request.method !== 'POST') return pathRefusal;
  const isAction = request.headers.has('next-action');
  if (isAction) {
    const originRefusal = refuseActionOrigin(request.headers.get('origin'), request.headers.get('x-forwarded-host'), request.headers.get('host'));
    if (originRefusal) return originRefusal;
  }
  const type = request.headers.get('content-type') ?? '';
  // Next reads every multipart POST as a possible (no-JavaScript) form action.
  if (type.startsWith('multipart/form-data')) {
    const body = Buffer.from(await request.clone().arrayBuffer());
    return isAction ? refuseMultipartAction(body, type) : refuseMultipartForm(body, type);
  }
  if (!isAction || type.startsWith('application/x-www-form-urlencoded')) return null;
  return refuseActionArguments(await request.clone().text());
}

/**
 * Runs on every page and route: refuses requests the framework would turn into a 500 (see
 * lib/http/request-guards.ts), sets the security headers with a fresh CSP nonce, and sends
 * anonymous visitors of app pages to sign-in. Every page, action and route still checks the
 * session and role on the server.
 */
export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV !== 'production', https: request.nextUrl.protocol === 'https:' });
  const refused = await refusal(request);
  let response: Response;
  if (refused) {
    console.warn(`refused ${request.method} ${request.nextUrl.pathname.slice(0, 100)}: ${refused.status} ${refused.message}`);
    response = new NextResponse(refused.message, { status: refused.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  } else {
    const redirect = needsSignIn(request.nextUrl.pathname) ? await requireSignIn(request as Parameters<typeof requireSignIn>[0], event) : undefined;
    if (redirect) response = redirect;
    else {
      // Next reads the nonce for its own scripts from the policy on the request.
      const headers = new Headers(request.headers);
      headers.set('content-security-policy', policy);
      response = NextResponse.next({ request: { headers } });
    }
  }
  response.headers.set('Content-Security-Policy', policy);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the build's static files (served as-is, with their own content types) and the
  // drill answer route, the hottest request, which does its own checks and headers (see its route.ts).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/drill/answer$).*)'],
};
