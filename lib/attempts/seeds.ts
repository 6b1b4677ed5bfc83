import 'server-only';
import { createHmac, hkdfSync } from 'node:crypto';
import { env } from '@/lib/env';

/**
 * Seeds of graded questions (assignments, class exams, mock exams).
 *
 * Generators are public and deterministic: whoever knows a question's seed can rebuild it
 * on the practice page and read the answer. So an attempt's seeds are never shown while it
 * runs, and they are drawn so that they cannot be found from what is shown either: each is
 * HMAC-SHA256 under a key only the server holds (derived from NEXTAUTH_SECRET with HKDF),
 * cut to 53 bits. Trying seeds against a generator until its question matches the screen
 * would take 2^52 tries on average — at a generous 10,000 questions a second, about 14,000
 * years — and the key cannot be recovered from seeds revealed after earlier attempts.
 */
export function keyedSeed(key: Uint8Array, label: string): number {
  const mac = createHmac('sha256', key).update(label).digest();
  return Number(mac.readBigUInt64BE(0) >> 11n);
}

let attemptKey: Buffer | undefined;

/** The server's key for attempt seeds: fixed for a given NEXTAUTH_SECRET. */
function attemptSeedKey(): Buffer {
  attemptKey ??= Buffer.from(hkdfSync('sha256', env().NEXTAUTH_SECRET, 'lockstep', 'attempt question seeds v1', 32));
  return attemptKey;
}

/** The secret seed for a label naming one question of one attempt (or of a shared set). */
export function attemptSeed(label: string): number {
  return keyedSeed(attemptSeedKey(), label);
}
