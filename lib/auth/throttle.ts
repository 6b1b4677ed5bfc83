/**
 * Sign-in throttling: after MAX_FAILURES failed sign-ins for one email within WINDOW_MS,
 * further attempts are refused until the oldest of those failures leaves the window.
 */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAt: Date };

/** `failures`: times of failed attempts for one email (any order). */
export function throttleDecision(failures: readonly Date[], now: Date): ThrottleDecision {
  const windowStart = now.getTime() - WINDOW_MS;
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > windowStart && t <= now.getTime())
    .sort((a, b) => b - a);
  if (recent.length < MAX_FAILURES) return { allowed: true };
  // The attempt becomes possible once fewer than MAX_FAILURES remain in the window.
  const pivot = recent[MAX_FAILURES - 1] as number;
  return { allowed: false, retryAt: new Date(pivot + WINDOW_MS) };
}
