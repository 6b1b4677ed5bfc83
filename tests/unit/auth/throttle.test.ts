import { describe, expect, it } from 'vitest';
import { MAX_FAILURES, throttleDecision, WINDOW_MS } from '@/lib/auth/throttle';

const now = new Date('2026-11-26T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('throttleDecision', () => {
  it('allows up to MAX_FAILURES - 1 recent failures', () => {
    const failures = Array.from({ length: MAX_FAILURES - 1 }, (_, i) => ago(i * 1000));
    expect(throttleDecision(failures, now)).toEqual({ allowed: true });
  });

  it('refuses after MAX_FAILURES failures within the window, until the 10th newest ages out', () => {
    const failures = Array.from({ length: MAX_FAILURES }, (_, i) => ago(i * 60_000));
    const decision = throttleDecision(failures, now);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) {
      expect(decision.retryAt.getTime()).toBe(now.getTime() - (MAX_FAILURES - 1) * 60_000 + WINDOW_MS);
      // Just after retryAt, the oldest failure has left the window.
      expect(throttleDecision(failures, new Date(decision.retryAt.getTime() + 1))).toEqual({ allowed: true });
    }
  });

  it('ignores failures older than the window', () => {
    const failures = Array.from({ length: 20 }, () => ago(WINDOW_MS + 1));
    expect(throttleDecision(failures, now)).toEqual({ allowed: true });
  });

  it('counts failures in any order', () => {
    const failures = Array.from({ length: MAX_FAILURES }, (_, i) => ago(((i * 7) % MAX_FAILURES) * 1000)).reverse();
    expect(throttleDecision(failures, now).allowed).toBe(false);
  });
});
