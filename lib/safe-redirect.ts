/** Accepts only same-site relative paths as a post-sign-in destination (no open redirects). */
export function safeCallbackPath(value: unknown, fallback = '/home'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return fallback;
  }
  if (value.startsWith('/sign-in') || value.startsWith('/sign-up') || value.startsWith('/api/')) return fallback;
  return value;
}
