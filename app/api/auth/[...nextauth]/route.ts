import NextAuth from 'next-auth';
import { cookies } from 'next/headers';
import { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { env } from '@/lib/env';
import { safeRedirectUrl, sameOriginPath } from '@/lib/safe-redirect';

const handler = NextAuth(authOptions);

type Context = RouteContext<'/api/auth/[...nextauth]'>;

const CALLBACK_COOKIES = ['next-auth.callback-url', '__Secure-next-auth.callback-url'];

/** A path on this site, or an absolute http(s) URL on it: what next-auth itself accepts, kept on the site. */
function isSafeCallbackCookie(value: string, origin: string): boolean {
  const shaped = (value.startsWith('/') && !value.startsWith('//')) || /^https?:\/\//i.test(value);
  return shaped && sameOriginPath(value, origin) !== null;
}

/**
 * What next-auth serves here, by method (the credentials provider only: sign-in is a POST to
 * its callback). Anything else — an unknown action, or a GET of the credentials callback,
 * which next-auth answers with a 500 — is refused with a plain 404 or 405, and so is a query
 * with a malformed %-escape (400).
 */
const ACTIONS: Record<string, readonly string[]> = {
  GET: ['providers', 'session', 'csrf', 'signin', 'signout', 'error'],
  HEAD: ['providers', 'session', 'csrf', 'signin', 'signout', 'error'],
  POST: ['signin', 'callback', 'signout', 'session', '_log'],
};

function refuseUnknownAction(method: string, segments: readonly string[] | undefined, search: string): Response | null {
  // next-auth decodes the query itself and answers a malformed %-escape with a 500.
  try {
    decodeURIComponent(search);
  } catch {
    return Response.json({ error: 'The address has a malformed %-escape.' }, { status: 400 });
  }
  const action = segments?.[0] ?? '';
  const known = Object.values(ACTIONS).some((list) => list.includes(action));
  if (!known) return Response.json({ error: 'There is no such sign-in endpoint.' }, { status: 404 });
  if (!(ACTIONS[method] ?? []).includes(action)) return Response.json({ error: `This sign-in endpoint does not take ${method} requests.` }, { status: 405 });
  return null;
}

/**
 * next-auth answers 500 to a `callbackUrl` query parameter it cannot parse (`?callbackUrl=0`)
 * and would carry an off-site one along. A GET gets the parameter replaced by a same-origin
 * URL; any other method with an unsafe one is refused with 400. A callback-url cookie that
 * leaves the site is dropped.
 */
async function withSafeCallbackUrl(req: NextRequest, context: Context): Promise<Response> {
  const refused = refuseUnknownAction(req.method, (await context.params).nextauth, req.nextUrl.search);
  if (refused) return refused;
  // next-auth's error action only sends the browser to the sign-in page (pages.error), and
  // answers some `error` values with a 500: send it there directly, with a plain error code.
  if ((await context.params).nextauth?.[0] === 'error') {
    const code = req.nextUrl.searchParams.get('error') ?? '';
    const target = new URL('/sign-in', req.nextUrl.origin);
    target.searchParams.set('error', /^[A-Za-z]{1,40}$/.test(code) ? code : 'Default');
    return Response.redirect(target, 302);
  }
  const origin = env().NEXTAUTH_URL ?? req.nextUrl.origin;
  // The same check applies to next-auth's callback-url cookie, which it reads through next/headers.
  const jar = await cookies();
  for (const name of CALLBACK_COOKIES) {
    const value = jar.get(name)?.value;
    if (value !== undefined && !isSafeCallbackCookie(value, origin)) jar.delete(name);
  }
  const raw = req.nextUrl.searchParams.get('callbackUrl');
  if (raw !== null) {
    const safe = safeRedirectUrl(raw, origin);
    if (safe !== raw) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return Response.json({ error: 'The callbackUrl parameter must be a URL on this site.' }, { status: 400 });
      }
      const url = req.nextUrl.clone();
      url.searchParams.set('callbackUrl', safe);
      return handler(new NextRequest(url, { method: req.method, headers: req.headers }), context);
    }
  }
  return handler(req, context);
}

export { withSafeCallbackUrl as GET, withSafeCallbackUrl as POST };
