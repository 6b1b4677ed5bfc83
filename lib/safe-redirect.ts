/**
 * Redirect targets taken from a request (`callbackUrl`) are resolved against the app's origin
 * the way a browser would resolve them, and kept only when they stay on that origin. Values with
 * control characters or backslashes are refused outright: browsers drop tabs and newlines and
 * read `\` as `/`, so `/\t/evil.example` and `/\evil.example` mean `//evil.example`.
 */
const PLACEHOLDER_ORIGIN = 'http://lockstep.invalid';
const MAX_TARGET_LENGTH = 2048;
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/** The path + query + hash of `value` resolved against `origin`, or null if it leaves the origin. */
export function sameOriginPath(value: unknown, origin: string): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TARGET_LENGTH) return null;
  if (UNSAFE_CHARACTERS.test(value)) return null;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(value, base);
  } catch {
    return null;
  }
  if (target.origin !== base.origin) return null;
  return `${target.pathname}${target.search}${target.hash}`;
}

/** Accepts only same-site paths as a post-sign-in destination (no open redirects, never a throw). */
export function safeCallbackPath(value: unknown, fallback = '/home'): string {
  // Only paths: an absolute URL, even to this site, is not a callback the app ever builds.
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  const path = sameOriginPath(value, PLACEHOLDER_ORIGIN);
  if (path === null || path.startsWith('//')) return fallback;
  if (/^\/(sign-in|sign-up|api)(\/|\?|#|$)/.test(path)) return fallback;
  return path;
}

/** next-auth's redirect callback: `url` if it stays on `baseUrl`'s origin, else `baseUrl`. */
export function safeRedirectUrl(url: unknown, baseUrl: string): string {
  const path = sameOriginPath(url, baseUrl);
  if (path === null || path.startsWith('//')) return baseUrl;
  try {
    return new URL(path, baseUrl).toString();
  } catch {
    return baseUrl;
  }
}
