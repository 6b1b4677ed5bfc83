import 'server-only';
import { cookies } from 'next/headers';

export const TEST_CLOCK_COOKIE = 'lockstep-test-offset-ms';

/**
 * The server's notion of "now". End-to-end tests move time forward with a cookie holding an
 * offset in milliseconds (time keeps flowing, shifted), never by sleeping. The seam exists
 * only when the server was started with LOCKSTEP_TEST_CLOCK=1.
 */
export async function now(): Promise<Date> {
  const real = new Date();
  if (process.env.LOCKSTEP_TEST_CLOCK !== '1') return real;
  const offset = Number((await cookies()).get(TEST_CLOCK_COOKIE)?.value);
  return Number.isSafeInteger(offset) ? new Date(real.getTime() + offset) : real;
}
