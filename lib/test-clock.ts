/**
 * The end-to-end tests' clock seam, shared by the server (lib/clock.ts) and the tests that move
 * it: a cookie holding an offset in milliseconds, honoured only when the server runs with
 * LOCKSTEP_TEST_CLOCK=1.
 */
export const TEST_CLOCK_COOKIE = 'lockstep-test-offset-ms';

/** The offset a cookie value asks for, or 0 when it is missing or not a safe integer. */
export function testClockOffset(value: string | undefined): number {
  const offset = Number(value);
  return value !== undefined && Number.isSafeInteger(offset) ? offset : 0;
}
