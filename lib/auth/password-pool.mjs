// The bcrypt worker pool (lib/auth/password.ts uses it), in plain JavaScript so that the
// cluster's primary (scripts/serve.mjs) can run it too.
//
// bcrypt is deliberately slow (about 150 ms a hash here), and on the main thread even
// bcryptjs's "async" mode holds the event loop for up to 100 ms at a time. The pool has one
// worker per core but one (at least one, at most MAX_WORKERS), so hashes run side by side while
// the main thread keeps a core to serve other requests. Its queue is bounded: when
// QUEUE_PER_WORKER jobs per worker already wait, a new one is refused at once with
// PasswordBusyError ("busy, try again") instead of making every sign-in wait behind a flood.
// Sign-ins from a client that has signed in to the account before go in a priority lane that is
// served first, so a flood of guesses cannot push the owner to the back.
//
// With several server processes (`npm start` on a machine of several cores) one pool serves them
// all, in the primary: a pool per process would run a hashing thread per process beside every
// process's event loop, more threads than cores, and each process would refuse as "busy" on its
// own queue while another's stood empty (measured: 300 students signing in to two processes, p95
// 4.6 s and refusals). The server processes send their jobs to the primary and wait for the answer
// (a message, so they keep serving meanwhile).

import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export const MAX_WORKERS = 4;
export const QUEUE_PER_WORKER = 8;

/** Set by the primary for its server processes: the cluster's password pool is there to ask. */
export const PASSWORD_POOL_ENV = 'LOCKSTEP_CLUSTER_PASSWORDS';

/** The message field both sides use. */
const FIELD = 'lockstepPassword';

/** Refused because the queue is full; the caller answers "busy, try again". */
export class PasswordBusyError extends Error {
  constructor() {
    super('password hashing queue is full');
    this.name = 'PasswordBusyError';
  }

  // Next loads a module once per graph it bundles, and the pool (shared through globalThis) may
  // have thrown another copy's class: recognise the error by its name.
  static [Symbol.hasInstance](value) {
    return value instanceof Error && value.name === 'PasswordBusyError';
  }
}

/**
 * Workers for a machine with `parallelism` cores: one per core but one, which stays with the
 * event loop (with every core hashing, a flood of sign-ins starves every other request), at
 * least 1, at most MAX_WORKERS.
 * @param {number} parallelism
 */
export function poolSize(parallelism) {
  return Math.max(1, Math.min(MAX_WORKERS, (Math.floor(parallelism) || 1) - 1));
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
  /**
   * @param {number} size workers
   * @param {number} maxQueued jobs that may wait for a worker
   */
  constructor(size, maxQueued) {
    this.size = size;
    this.maxQueued = maxQueued;
    /** @type {{ worker: Worker; running: any }[]} */
    this.slots = [];
    /** @type {{ priority: any[]; normal: any[] }} */
    this.queues = { priority: [], normal: [] };
    /** @type {string | null} */
    this.bcryptPath = null;
  }

  /** Jobs running on a worker now. */
  get running() {
    return this.slots.filter((s) => s.running !== null).length;
  }

  /** Jobs waiting for a worker (not counting those running). */
  get queued() {
    return this.queues.priority.length + this.queues.normal.length;
  }

  /** Whether a job in `lane` would be accepted now (a cheap check before doing other work). */
  hasRoom(lane) {
    return this.slots.length < this.size || this.running < this.slots.length || this.queued < this.queueLimit(lane);
  }

  // The priority lane may use the whole queue; the normal lane leaves a quarter of it free.
  queueLimit(lane) {
    return lane === 'priority' ? this.maxQueued : Math.max(1, Math.floor((this.maxQueued * 3) / 4));
  }

  run(job, lane) {
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

  idleSlot() {
    const free = this.slots.find((s) => s.running === null);
    if (free) return free;
    if (this.slots.length < this.size) return this.spawn();
    return null;
  }

  spawn() {
    this.bcryptPath ??= createRequire(path.join(process.cwd(), 'package.json')).resolve('bcryptjs');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath: this.bcryptPath } });
    const slot = { worker, running: null };
    worker.unref();
    worker.on('message', (msg) => {
      const done = slot.running;
      slot.running = null;
      if (done) {
        if (msg.error !== undefined) done.reject(new Error(msg.error));
        else done.resolve(msg.result);
      }
      this.next(slot);
    });
    const fail = (error) => {
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

  next(slot) {
    const queued = this.queues.priority.shift() ?? this.queues.normal.shift();
    if (queued) this.start(slot, queued);
    else slot.worker.unref();
  }

  start(slot, queued) {
    slot.running = queued;
    slot.worker.ref();
    slot.worker.postMessage(queued.job);
  }
}

const isJob = (job) =>
  job !== null &&
  typeof job === 'object' &&
  typeof job.password === 'string' &&
  ((job.op === 'hash' && Number.isInteger(job.cost)) || (job.op === 'compare' && typeof job.hash === 'string'));

/**
 * In the primary: runs the server processes' password jobs on `pool`, one queue for the whole
 * cluster. Every answer carries whether each lane has room now, which the processes use for
 * their cheap check before a sign-in's other work. `cluster` is node:cluster (or anything with
 * its `message` event whose workers have `send`).
 */
export function servePasswords(cluster, pool) {
  const room = () => ({ normal: pool.hasRoom('normal'), priority: pool.hasRoom('priority') });
  cluster.on('message', (worker, message) => {
    if (!message || typeof message !== 'object' || message[FIELD] !== 'run' || typeof message.id !== 'string') return;
    const lane = message.lane === 'priority' ? 'priority' : 'normal';
    const answer = (reply) => {
      // A process that went away meanwhile has no one waiting for the answer.
      if (worker.isConnected()) worker.send({ [FIELD]: 'done', id: message.id, ...reply, room: room() }, undefined, undefined, () => undefined);
    };
    if (!isJob(message.job)) {
      answer({ error: 'not a password job' });
      return;
    }
    pool.run(message.job, lane).then(
      (result) => answer({ result }),
      (error) => answer(error instanceof PasswordBusyError ? { busy: true } : { error: String(error?.message ?? error) }),
    );
  });
}

/** How long a "full" heard from the primary is believed without a newer answer, ms. */
const FULL_BELIEVED_MS = 250;

/**
 * In a server process: the cluster's password pool when the primary runs one, else null (one
 * process alone, a script, a test). One per process: every copy of the module shares it (Next
 * loads modules in several graphs).
 */
export function clusterPasswordPool(env = process.env) {
  if (typeof process.send !== 'function' || env[PASSWORD_POOL_ENV] !== '1') return null;
  const shared = /** @type {{ lockstepClusterPasswords?: ReturnType<typeof createClient> }} */ (globalThis);
  shared.lockstepClusterPasswords ??= createClient();
  return shared.lockstepClusterPasswords;
}

function createClient() {
  /** @type {Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>} */
  const waiting = new Map();
  let counter = 0;
  /** The lanes' room as the primary last said, and when. */
  let room = { normal: true, priority: true };
  let heardAt = 0;
  process.on('message', (message) => {
    if (!message || typeof message !== 'object' || message[FIELD] !== 'done') return;
    if (message.room) {
      room = message.room;
      heardAt = Date.now();
    }
    const job = waiting.get(message.id);
    if (!job) return;
    waiting.delete(message.id);
    if (message.busy) job.reject(new PasswordBusyError());
    else if (message.error !== undefined) job.reject(new Error(message.error));
    else job.resolve(message.result);
  });
  // Without the primary no answer comes: fail what waits rather than hang the sign-in.
  process.on('disconnect', () => {
    for (const job of waiting.values()) job.reject(new Error('the cluster primary is gone'));
    waiting.clear();
  });

  return {
    /** Whether a job in `lane` would be accepted, as far as the primary's last answer tells. */
    hasRoom(lane) {
      return room[lane] !== false || Date.now() - heardAt > FULL_BELIEVED_MS;
    },
    run(job, lane) {
      const id = `${process.pid}:${++counter}`;
      return new Promise((resolve, reject) => {
        if (!process.connected) {
          reject(new Error('the cluster primary is gone'));
          return;
        }
        waiting.set(id, { resolve, reject });
        process.send?.({ [FIELD]: 'run', id, job, lane }, undefined, undefined, (error) => {
          if (!error) return;
          waiting.delete(id);
          reject(error);
        });
      });
    },
  };
}
