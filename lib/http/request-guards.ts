/**
 * Requests the framework would answer with a 500 are refused early, in proxy.ts, with a
 * 4xx and a plain message: a path whose %-escapes do not decode, a server-action call from
 * another origin, and an action call whose arguments are not an argument list. Each check
 * is a pure function of the request's parts so it can be tested without a server.
 */

export interface Refusal {
  status: 400 | 403 | 413;
  message: string;
}

/** Paths are decoded by the router for dynamic segments; `/practice/%FF` must be a 400, not a throw. */
export function refusePath(pathname: string): Refusal | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return { status: 400, message: 'Bad request: the address has a malformed %-escape.' };
  }
}

/**
 * A server action may only be called from a page of this site. Next compares the Origin
 * header's host with X-Forwarded-Host (else Host) and throws when they differ; the same rule
 * here answers 403. No Origin header (a hand-made request, which carries no browser's
 * cookies unasked) is left to Next, which lets it through as it always has.
 */
export function refuseActionOrigin(origin: string | null, forwardedHost: string | null, host: string | null): Refusal | null {
  if (origin === null) return null;
  const expected = forwardedHost?.split(',')[0]?.trim() || host;
  let originHost: string | null = null;
  try {
    originHost = origin === 'null' ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (originHost !== null && expected && originHost === expected) return null;
  return { status: 403, message: 'Forbidden: server actions can only be called from this site.' };
}

/** Largest argument list (JSON text) any action takes; files go as multipart form data instead. */
export const MAX_ACTION_ARGS_BYTES = 1024 * 1024;

/**
 * A fetch action sent as text carries its arguments as one JSON array (React's reply
 * encoding); anything else (a bare string, a number, null, broken JSON) makes the framework
 * throw before the action runs.
 */
export function refuseActionArguments(body: string): Refusal | null {
  if (body.length > MAX_ACTION_ARGS_BYTES) return { status: 413, message: 'Payload too large: action arguments are limited to 1 MB.' };
  let args: unknown;
  try {
    args = JSON.parse(body);
  } catch {
    return { status: 400, message: 'Bad request: action arguments are not valid JSON.' };
  }
  if (!Array.isArray(args)) return { status: 400, message: 'Bad request: action arguments must be a list.' };
  return null;
}
