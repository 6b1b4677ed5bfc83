/**
 * Password hashing with Argon2id (@node-rs/argon2) on a small pool of worker threads.
 *
 * Argon2id is OWASP's first choice for passwords: memory-hard, so a GPU or ASIC guessing
 * passwords pays for memory as well as time. ARGON2 below uses twice the memory of OWASP's
 * minimum (19 MiB, 2 passes, 1 lane) and takes ~17 ms of one core here, where bcrypt at cost 11
 * (this app's hash until December 2026) took ~131 ms in bcryptjs: a class of 300 signing in for
 * an exam queued behind bcrypt, not behind the database. Accounts still holding a bcrypt hash
 * are checked with bcryptjs and, when the password is right, re-hashed with Argon2id in the same
 * job (PasswordCheck.rehashed), which the sign-in stores; so are Argon2id hashes made with other
 * parameters than ARGON2 when it changes.
 *
 * A hash is deliberately slow and would hold the event loop for as long as it runs. The pool has one
 * worker per core but one (at least one, at most MAX_WORKERS), so hashes run side by side
 * while the main thread keeps a core to serve other requests. Its queue is bounded: when QUEUE_PER_WORKER jobs per worker already
 * wait, a new one is refused at once with PasswordBusyError ("busy, try again") instead of
 * making every sign-in wait behind a flood. Sign-ins from a client that has signed in to the
 * account before go in a priority lane that is served first, so a flood of guesses cannot
 * push the owner to the back.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { MAX_PASSWORD_BYTES } from './limits';

/** Argon2id's parameters: memory in KiB, passes, lanes (the PHC string records them in each hash). */
export const ARGON2 = { memoryCost: 38_912, timeCost: 2, parallelism: 1 } as const;
/** How every hash made with ARGON2 begins; a stored hash without this prefix is re-hashed at the next sign-in. */
export const CURRENT_HASH_PREFIX = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;
export { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from './limits';

export const MAX_WORKERS = 4;
export const QUEUE_PER_WORKER = 8;

/** Refused because the queue is full; the caller answers "busy, try again". */
export class PasswordBusyError extends Error {
  constructor() {
    super('password hashing queue is full');
    this.name = 'PasswordBusyError';
  }
}

/**
 * Workers for a machine with `parallelism` cores: one per core but one, which stays with the
 * event loop (with every core hashing, a flood of sign-ins starves every other request), at
 * least 1, at most MAX_WORKERS.
 */
export function poolSize(parallelism: number): number {
  return Math.max(1, Math.min(MAX_WORKERS, (Math.floor(parallelism) || 1) - 1));
}

type Job = { op: 'hash'; password: string } | { op: 'compare'; password: string; hash: string };

/** A checked password, and its new hash when the stored one is bcrypt or older Argon2id parameters (null otherwise). */
export interface PasswordCheck {
  ok: boolean;
  rehashed: string | null;
}
export type Lane = 'normal' | 'priority';

interface Queued {
  job: Job;
  resolve: (value: string | PasswordCheck) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  running: Queued | null;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const argon2 = require(workerData.argon2Path);
// Argon2id is 2 in the library's Algorithm, a TypeScript const enum that is not there at run time.
const options = { ...workerData.argon2, algorithm: 2 };
let bcrypt = null;
const hash = (password) => argon2.hashSync(password, options);
function compare(password, stored) {
  if (stored.startsWith('$argon2')) {
    const ok = argon2.verifySync(stored, password);
    return { ok, rehashed: ok && !stored.startsWith(workerData.prefix) ? hash(password) : null };
  }
  if (/^\\$2[aby]\\$/.test(stored)) {
    bcrypt ??= require(workerData.bcryptPath);
    const ok = bcrypt.compareSync(password, stored);
    // bcrypt reads 72 bytes: a longer text that matches is the password with more typed after it,
    // and re-hashing that text would lock the owner out of the password itself.
    return { ok, rehashed: ok && Buffer.byteLength(password, 'utf8') <= workerData.bcryptBytes ? hash(password) : null };
  }
  throw new Error('unknown password hash format');
}
parentPort.on('message', (job) => {
  try {
    const result = job.op === 'hash' ? hash(job.password) : compare(job.password, job.hash);
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

/** A fixed number of password workers (started on first use) and two bounded queues. */
export class PasswordPool {
  private readonly slots: Slot[] = [];
  private readonly queues: Record<Lane, Queued[]> = { priority: [], normal: [] };
  private modules: { argon2Path: string; bcryptPath: string } | null = null;

  constructor(
    readonly size: number,
    readonly maxQueued: number,
  ) {}

  /** Jobs running on a worker now. */
  get running(): number {
    return this.slots.filter((s) => s.running !== null).length;
  }

  /** Jobs waiting for a worker (not counting those running). */
  get queued(): number {
    return this.queues.priority.length + this.queues.normal.length;
  }

  /** Whether a job in `lane` would be accepted now (a cheap check before doing other work). */
  hasRoom(lane: Lane): boolean {
    return this.slots.length < this.size || this.running < this.slots.length || this.queued < this.queueLimit(lane);
  }

  // The priority lane may use the whole queue; the normal lane leaves a quarter of it free.
  private queueLimit(lane: Lane): number {
    return lane === 'priority' ? this.maxQueued : Math.max(1, Math.floor((this.maxQueued * 3) / 4));
  }

  run(job: Job, lane: Lane): Promise<string | PasswordCheck> {
    return new Promise((resolve, reject) => {
      const idle = this.idleSlot();
      if (idle) {
        this.start(idle, { job, resolve, reject });
        return;
      }
      if (this.queued >= this.queueLimit(lane)) {
        reject(new PasswordBusyError());
        return;
      }
      this.queues[lane].push({ job, resolve, reject });
    });
  }

  private idleSlot(): Slot | null {
    const free = this.slots.find((s) => s.running === null);
    if (free) return free;
    if (this.slots.length < this.size) return this.spawn();
    return null;
  }

  private spawn(): Slot {
    if (!this.modules) {
      const resolve = createRequire(path.join(process.cwd(), 'package.json')).resolve;
      this.modules = { argon2Path: resolve('@node-rs/argon2'), bcryptPath: resolve('bcryptjs') };
    }
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...this.modules, argon2: ARGON2, prefix: CURRENT_HASH_PREFIX, bcryptBytes: MAX_PASSWORD_BYTES } });
    const slot: Slot = { worker, running: null };
    worker.unref();
    worker.on('message', (msg: { result?: string | PasswordCheck; error?: string }) => {
      const done = slot.running;
      slot.running = null;
      if (done) {
        if (msg.error !== undefined) done.reject(new Error(msg.error));
        else done.resolve(msg.result as string | PasswordCheck);
      }
      this.next(slot);
    });
    const fail = (error: Error) => {
      const lost = slot.running;
      slot.running = null;
      const at = this.slots.indexOf(slot);
      if (at !== -1) this.slots.splice(at, 1);
      lost?.reject(error);
      // Waiting jobs go to a fresh worker.
      const fresh = this.idleSlot();
      if (fresh) this.next(fresh);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`password worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private next(slot: Slot) {
    const queued = this.queues.priority.shift() ?? this.queues.normal.shift();
    if (queued) this.start(slot, queued);
    else slot.worker.unref();
  }

  private start(slot: Slot, queued: Queued) {
    slot.running = queued;
    slot.worker.ref();
    slot.worker.postMessage(queued.job);
  }
}

const globalForPool = globalThis as unknown as { lockstepPasswordPool?: PasswordPool };
const pool = (globalForPool.lockstepPasswordPool ??= new PasswordPool(
  poolSize(availableParallelism()),
  poolSize(availableParallelism()) * QUEUE_PER_WORKER,
));

/** Whether a password job in `lane` would be accepted now. */
export function passwordQueueHasRoom(lane: Lane = 'normal'): boolean {
  return pool.hasRoom(lane);
}

/** Hashes a new password; rejects with PasswordBusyError when the queue is full. */
export async function hashPassword(password: string): Promise<string> {
  return (await pool.run({ op: 'hash', password }, 'normal')) as string;
}

/**
 * Checks a password against a stored hash (Argon2id, or bcrypt from before); when it is right and
 * the hash is not CURRENT_HASH_PREFIX's, `rehashed` is its Argon2id hash to store instead.
 * Rejects with PasswordBusyError when the queue is full.
 */
export async function verifyPassword(password: string, hash: string, lane: Lane = 'normal'): Promise<PasswordCheck> {
  return (await pool.run({ op: 'compare', password, hash }, lane)) as PasswordCheck;
}

// A real hash (ARGON2's parameters) of a random string, compared against when the email is unknown
// so that "no such user" takes as long as "wrong password" and waits in the same queue.
export const DUMMY_HASH = '$argon2id$v=19$m=38912,t=2,p=1$+mCHm3y3mPVyE17hQprLeg$FC2jOUZCIu2WmaagtmbsNQxeWfcDuirdmExAEK0TuAc';

export async function verifyAgainstNothing(password: string): Promise<false> {
  await verifyPassword(password, DUMMY_HASH);
  return false;
}
