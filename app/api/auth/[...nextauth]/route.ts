import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { env } from '@/lib/env';
import { safeRedirectUrl } from '@/lib/safe-redirect';

const handler = NextAuth(authOptions);

type Context = RouteContext<'/api/auth/[...nextauth]'>;

/**
 * next-auth answers 500 to a `callbackUrl` query parameter it cannot parse (`?callbackUrl=0`)
 * and would carry an off-site one along. A GET gets the parameter replaced by a same-origin
 * URL; any other method with an unsafe one is refused with 400.
 */
async function withSafeCallbackUrl(req: NextRequest, context: Context): Promise<Response> {
  const raw = req.nextUrl.searchParams.get('callbackUrl');
  if (raw !== null) {
    const safe = safeRedirectUrl(raw, env().NEXTAUTH_URL ?? req.nextUrl.origin);
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
