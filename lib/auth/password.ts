/**
 * Password hashing with bcrypt (cost 11) on a small pool of worker threads
 * (lib/auth/password-pool.mjs): this process's own, or with several server processes the one
 * pool the cluster's primary runs for them all.
 */
import { availableParallelism } from 'node:os';
import { clusterPasswordPool, PasswordPool, poolSize, QUEUE_PER_WORKER, type Lane, type PasswordRunner } from './password-pool.mjs';

export const BCRYPT_COST = 11;
export { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from './limits';
export { MAX_WORKERS, PasswordBusyError, PasswordPool, poolSize, QUEUE_PER_WORKER, type Lane } from './password-pool.mjs';

/** A pool for this process: one worker per core but one, QUEUE_PER_WORKER jobs each may wait. */
export const localPasswordPool = (cores = availableParallelism()): PasswordPool => new PasswordPool(poolSize(cores), poolSize(cores) * QUEUE_PER_WORKER);

const globalForPool = globalThis as unknown as { lockstepPasswordPool?: PasswordRunner };
const pool = (globalForPool.lockstepPasswordPool ??= clusterPasswordPool() ?? localPasswordPool());

/** Whether a password job in `lane` would be accepted now. */
export function passwordQueueHasRoom(lane: Lane = 'normal'): boolean {
  return pool.hasRoom(lane);
}

/** Hashes a new password; rejects with PasswordBusyError when the queue is full. */
export async function hashPassword(password: string): Promise<string> {
  return (await pool.run({ op: 'hash', password, cost: BCRYPT_COST }, 'normal')) as string;
}

/** Checks a password; rejects with PasswordBusyError when the queue is full. */
export async function verifyPassword(password: string, hash: string, lane: Lane = 'normal'): Promise<boolean> {
  return (await pool.run({ op: 'compare', password, hash }, lane)) as boolean;
}

// A real hash of a random string, compared against when the email is unknown so that
// "no such user" takes as long as "wrong password" and waits in the same queue.
const DUMMY_HASH = '$2b$11$JqL8zG5OXdcJHap9IsRqXOkB.9JqFHMJ4z5QbGiXGhQ/Oo/J0p8jm';

export async function verifyAgainstNothing(password: string): Promise<false> {
  await verifyPassword(password, DUMMY_HASH);
  return false;
}
