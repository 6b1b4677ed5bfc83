/**
 * Password hashing with bcrypt (cost 11) on a small pool of worker threads.
 *
 * bcrypt is deliberately slow (about 150 ms a hash here), and on the main thread even
 * bcryptjs's "async" mode holds the event loop for up to 100 ms at a time. The pool has one
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

export const BCRYPT_COST = 11;
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

type Job = { op: 'hash'; password: string; cost: number } | { op: 'compare'; password: string; hash: string };
export type Lane = 'normal' | 'priority';

interface Queued {
  job: Job;
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  running: Queued | null;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptPath);
parentPort.on('message', (job) => {
  try {
    const result = job.op === 'hash' ? bcrypt.hashSync(job.password, job.cost) : bcrypt.compareSync(job.password, job.hash);
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

/** A fixed number of bcrypt workers (started on first use) and two bounded queues. */
export class PasswordPool {
  private readonly slots: Slot[] = [];
  private readonly queues: Record<Lane, Queued[]> = { priority: [], normal: [] };
  private bcryptPath: string | null = null;

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

  run(job: Job, lane: Lane): Promise<string | boolean> {
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
    this.bcryptPath ??= createRequire(path.join(process.cwd(), 'package.json')).resolve('bcryptjs');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath: this.bcryptPath } });
    const slot: Slot = { worker, running: null };
    worker.unref();
    worker.on('message', (msg: { result?: string | boolean; error?: string }) => {
      const done = slot.running;
      slot.running = null;
      if (done) {
        if (msg.error !== undefined) done.reject(new Error(msg.error));
        else done.resolve(msg.result as string | boolean);
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
