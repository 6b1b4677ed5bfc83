import 'server-only';
import { cookies } from 'next/headers';
import { TEST_CLOCK_COOKIE, testClockOffset } from './test-clock';

/**
 * The server's notion of "now". End-to-end tests move time forward with a cookie holding an
 * offset in milliseconds (time keeps flowing, shifted), never by sleeping. The seam exists
 * only when the server was started with LOCKSTEP_TEST_CLOCK=1.
 */
export async function now(): Promise<Date> {
  if (process.env.LOCKSTEP_TEST_CLOCK !== '1') return new Date();
  return nowFor((await cookies()).get(TEST_CLOCK_COOKIE)?.value);
}

/** `now()` for a request whose test clock cookie holds `testClock` (the cookie is read only with LOCKSTEP_TEST_CLOCK=1). */
export function nowFor(testClock: string | undefined): Date {
  const real = new Date();
  if (process.env.LOCKSTEP_TEST_CLOCK !== '1') return real;
  return new Date(real.getTime() + testClockOffset(testClock));
}
