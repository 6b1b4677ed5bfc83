/**
 * Sign-in and sign-up limits (pure rules; lib/db/auth-limits.ts applies them atomically).
 *
 * Nobody can lock an account's owner out: the hard limits are per client address, one for a
 * client guessing one email and one for a client guessing across emails. Failures for an email
 * from everywhere only make the next attempt wait, with a delay that doubles per failure up to
 * a minute, and a client that has signed in to the email before skips that delay. An attempt
 * counts as a failure from the moment it is admitted (while its password is still being
 * checked), so a concurrent burst is limited like a sequential one. Unknown emails are limited
 * exactly like known ones.
 */
export const WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins by one client for one email within WINDOW_MS. */
export const MAX_FAILURES_PER_CLIENT_AND_EMAIL = 5;
/** Failed sign-ins by one client, across all emails, within WINDOW_MS. */
export const MAX_FAILURES_PER_CLIENT = 20;
/** Failures for one email (from any client) within WINDOW_MS before the growing delay starts. */
export const EMAIL_DELAY_AFTER_FAILURES = 10;
export const EMAIL_BASE_DELAY_MS = 1000;
export const EMAIL_MAX_DELAY_MS = 60 * 1000;
/** A client that signed in to an email within this time is "known" and skips the email delay. */
export const KNOWN_CLIENT_MS = 30 * 24 * 60 * 60 * 1000;

/** Accounts one client address may create: at most `max` within each `windowMs`. */
export const SIGN_UP_LIMITS = [
  { max: 5, windowMs: 10 * 60 * 1000 },
  { max: 20, windowMs: 24 * 60 * 60 * 1000 },
] as const;

export type ThrottleReason = 'client-and-email' | 'client' | 'email';
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAt: Date; reason: ThrottleReason };

/** Times of unsuccessful (failed or still pending) sign-ins within the window. */
export interface SignInHistory {
  clientAndEmail: readonly Date[];
  client: readonly Date[];
  email: readonly Date[];
  /** This client signed in to this email successfully within KNOWN_CLIENT_MS. */
  knownClient: boolean;
}

/**
 * When `times` already holds `max` events within `windowMs` before `now`: the moment the
 * oldest of the newest `max` leaves the window. Otherwise null (one more is allowed).
 */
export function slidingWindowRetryAt(times: readonly Date[], now: Date, max: number, windowMs: number): Date | null {
  const windowStart = now.getTime() - windowMs;
  // Attempts stamped after `now` count too: a request reads its clock before it waits its turn
  // for admission, so ones admitted meanwhile carry later times (a burst of 40 on PostgreSQL
  // had 6 passwords checked where 5 are allowed when these were left out).
  const recent = times
    .map((d) => d.getTime())
    .filter((t) => t > windowStart)
    .sort((a, b) => b - a);
  if (recent.length < max) return null;
  return new Date((recent[max - 1] as number) + windowMs);
}

/** How long after the newest failure the next attempt for an email must wait. */
export function emailDelayMs(failuresInWindow: number): number {
  if (failuresInWindow < EMAIL_DELAY_AFTER_FAILURES) return 0;
  const doublings = Math.min(failuresInWindow - EMAIL_DELAY_AFTER_FAILURES, 30);
  return Math.min(EMAIL_BASE_DELAY_MS * 2 ** doublings, EMAIL_MAX_DELAY_MS);
}

/** Whether one more sign-in attempt may have its password checked. */
export function signInDecision(history: SignInHistory, now: Date): ThrottleDecision {
  const pairRetry = slidingWindowRetryAt(history.clientAndEmail, now, MAX_FAILURES_PER_CLIENT_AND_EMAIL, WINDOW_MS);
  if (pairRetry) return { allowed: false, retryAt: pairRetry, reason: 'client-and-email' };
  const clientRetry = slidingWindowRetryAt(history.client, now, MAX_FAILURES_PER_CLIENT, WINDOW_MS);
  if (clientRetry) return { allowed: false, retryAt: clientRetry, reason: 'client' };
  if (!history.knownClient) {
    const windowStart = now.getTime() - WINDOW_MS;
    const recent = history.email.map((d) => d.getTime()).filter((t) => t > windowStart);
    const delay = emailDelayMs(recent.length);
    if (delay > 0) {
      const retryAt = Math.max(...recent) + delay;
      if (now.getTime() < retryAt) return { allowed: false, retryAt: new Date(retryAt), reason: 'email' };
    }
  }
  return { allowed: true };
}

/** Whether a client address may create one more account, given its earlier sign-ups. */
export function signUpDecision(signUps: readonly Date[], now: Date): { allowed: true } | { allowed: false; retryAt: Date } {
  let latest: Date | null = null;
  for (const { max, windowMs } of SIGN_UP_LIMITS) {
    const retryAt = slidingWindowRetryAt(signUps, now, max, windowMs);
    if (retryAt && (!latest || retryAt > latest)) latest = retryAt;
  }
  return latest ? { allowed: false, retryAt: latest } : { allowed: true };
}
