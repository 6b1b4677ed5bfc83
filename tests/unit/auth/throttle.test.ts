import { describe, expect, it } from 'vitest';
import {
  EMAIL_DELAY_AFTER_FAILURES,
  EMAIL_MAX_DELAY_MS,
  emailDelayMs,
  MAX_FAILURES_PER_CLIENT,
  MAX_FAILURES_PER_CLIENT_AND_EMAIL,
  SIGN_UP_LIMITS,
  signInDecision,
  signUpDecision,
  slidingWindowRetryAt,
  WINDOW_MS,
  type SignInHistory,
} from '@/lib/auth/throttle';

const now = new Date('2026-11-26T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const times = (n: number, spacingMs = 1000) => Array.from({ length: n }, (_, i) => ago(i * spacingMs));
const clean: SignInHistory = { clientAndEmail: [], client: [], email: [], knownClient: false };

describe('slidingWindowRetryAt', () => {
  it('allows up to max - 1 recent events, then refuses until the max-th newest ages out', () => {
    expect(slidingWindowRetryAt(times(4, 60_000), now, 5, WINDOW_MS)).toBeNull();
    const retryAt = slidingWindowRetryAt(times(5, 60_000), now, 5, WINDOW_MS);
    expect(retryAt?.getTime()).toBe(now.getTime() - 4 * 60_000 + WINDOW_MS);
    expect(slidingWindowRetryAt(times(5, 60_000), new Date(retryAt!.getTime() + 1), 5, WINDOW_MS)).toBeNull();
  });

  it('counts events stamped after `now`: ones admitted while this request waited its turn (a burst on PostgreSQL checked 6 of 5)', () => {
    const meanwhile = [...times(4, 60_000), new Date(now.getTime() + 50)];
    expect(slidingWindowRetryAt(meanwhile, now, 5, WINDOW_MS)).not.toBeNull();
    const pair = [...times(MAX_FAILURES_PER_CLIENT_AND_EMAIL - 1), new Date(now.getTime() + 20)];
    expect(signInDecision({ ...clean, clientAndEmail: pair, client: pair, email: pair }, now)).toMatchObject({ allowed: false, reason: 'client-and-email' });
  });

  it('ignores events older than the window and counts events in any order', () => {
    expect(slidingWindowRetryAt(Array.from({ length: 20 }, () => ago(WINDOW_MS + 1)), now, 5, WINDOW_MS)).toBeNull();
    expect(slidingWindowRetryAt(times(5).reverse(), now, 5, WINDOW_MS)).not.toBeNull();
  });
});

describe('signInDecision', () => {
  it('refuses one client guessing one email after MAX_FAILURES_PER_CLIENT_AND_EMAIL', () => {
    const pair = times(MAX_FAILURES_PER_CLIENT_AND_EMAIL);
    expect(signInDecision({ ...clean, clientAndEmail: pair.slice(1), client: pair, email: pair }, now)).toEqual({ allowed: true });
    const decision = signInDecision({ ...clean, clientAndEmail: pair, client: pair, email: pair }, now);
    expect(decision).toMatchObject({ allowed: false, reason: 'client-and-email' });
  });

  it('refuses one client guessing one password each for many emails after MAX_FAILURES_PER_CLIENT', () => {
    // 30 emails × 1 guess from one client: the 21st is refused.
    const client = times(MAX_FAILURES_PER_CLIENT);
    expect(signInDecision({ ...clean, client: client.slice(1) }, now)).toEqual({ allowed: true });
    expect(signInDecision({ ...clean, client }, now)).toMatchObject({ allowed: false, reason: 'client' });
  });

  it("never hard-locks an email: others' failures only delay the next attempt, by a delay that grows and is capped", () => {
    expect(emailDelayMs(EMAIL_DELAY_AFTER_FAILURES - 1)).toBe(0);
    expect(emailDelayMs(EMAIL_DELAY_AFTER_FAILURES)).toBe(1000);
    expect(emailDelayMs(EMAIL_DELAY_AFTER_FAILURES + 1)).toBe(2000);
    expect(emailDelayMs(EMAIL_DELAY_AFTER_FAILURES + 3)).toBe(8000);
    expect(emailDelayMs(10_000)).toBe(EMAIL_MAX_DELAY_MS);

    // 200 failures from 200 clients within the window, the newest 2 minutes ago: the owner
    // (on a fresh client) may try, since the longest delay (1 minute) has passed.
    const flood = times(200, 1000).map((d) => new Date(d.getTime() - 120_000));
    expect(signInDecision({ ...clean, email: flood }, now)).toEqual({ allowed: true });
    // Right after a failure, the next attempt waits.
    const fresh = times(EMAIL_DELAY_AFTER_FAILURES);
    const decision = signInDecision({ ...clean, email: fresh }, now);
    expect(decision).toEqual({ allowed: false, reason: 'email', retryAt: new Date(now.getTime() + 1000) });
  });

  it('lets a client that signed in to the email before skip the email delay (the owner keeps access)', () => {
    const flood = times(100, 10);
    expect(signInDecision({ ...clean, email: flood }, now).allowed).toBe(false);
    expect(signInDecision({ ...clean, email: flood, knownClient: true }, now)).toEqual({ allowed: true });
    // ...but not the limits on its own failures.
    const own = times(MAX_FAILURES_PER_CLIENT_AND_EMAIL);
    expect(signInDecision({ clientAndEmail: own, client: own, email: flood, knownClient: true }, now).allowed).toBe(false);
  });
});

describe('signUpDecision', () => {
  const [short, long] = SIGN_UP_LIMITS;

  it('allows a few sign-ups per client address, then refuses until the window moves on', () => {
    expect(signUpDecision(times(short.max - 1), now)).toEqual({ allowed: true });
    const decision = signUpDecision(times(short.max), now);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.retryAt.getTime()).toBe(now.getTime() - (short.max - 1) * 1000 + short.windowMs);
  });

  it('also caps sign-ups over the long window, spread out or not', () => {
    const spread = Array.from({ length: long.max }, (_, i) => ago((i + 1) * short.windowMs));
    const decision = signUpDecision(spread, now);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.retryAt.getTime()).toBe(spread[long.max - 1]!.getTime() + long.windowMs);
  });
});
