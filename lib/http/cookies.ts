import type { CookieSource } from '@/lib/auth/session';

/**
 * Options for the app's own cookies (language, theme). They are `Secure` exactly when the
 * session cookies are: next-auth marks its cookies Secure (and `__Secure-` prefixed) when
 * NEXTAUTH_URL is an https URL, so one setting decides both.
 */
export function preferenceCookie(maxAge: number, nextAuthUrl = process.env.NEXTAUTH_URL) {
  return { path: '/', maxAge, sameSite: 'lax' as const, httpOnly: false, secure: nextAuthUrl?.startsWith('https://') ?? false };
}

/**
 * A Cookie header's cookies, read as Next's `cookies()` reads them (tests/unit/http/cookies.test.ts
 * compares the two): the header trimmed, pairs split at `;` and the spaces after it, a pair without `=` is the name
 * with the value "true", values %-decoded and a pair whose value does not decode left out, and a
 * repeated name keeps its first place with its last value.
 */
export function cookiesOf(header: string | undefined): CookieSource {
  const values = new Map<string, string>();
  // trimmed of HTTP whitespace first, as a Headers object holds a header's value
  for (const pair of (header ?? '').replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '').split(/; */)) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    if (eq < 0) {
      values.set(pair, 'true');
      continue;
    }
    try {
      values.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)));
    } catch {
      // a malformed %-escape: Next leaves the cookie out
    }
  }
  return {
    get: (name) => (values.has(name) ? { value: values.get(name)! } : undefined),
    getAll: () => [...values].map(([name, value]) => ({ name, value })),
  };
}
