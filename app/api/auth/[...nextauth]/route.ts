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
 * next-auth answers 500 to a `callbackUrl` query parameter it cannot parse (`?callbackUrl=0`)
 * and would carry an off-site one along. A GET gets the parameter replaced by a same-origin
 * URL; any other method with an unsafe one is refused with 400. A callback-url cookie that
 * leaves the site is dropped.
 */
async function withSafeCallbackUrl(req: NextRequest, context: Context): Promise<Response> {
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
