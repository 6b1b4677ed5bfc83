/**
 * Password hashing with bcrypt (cost 11), run on a worker thread: bcrypt is deliberately
 * slow, and on the main thread even bcryptjs's "async" mode holds the event loop for up to
 * 100 ms at a time. On the worker, other requests are served while a password hashes.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export const BCRYPT_COST = 11;
export { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from './limits';

type Job = { op: 'hash'; password: string; cost: number } | { op: 'compare'; password: string; hash: string };
type Pending = { resolve: (value: string | boolean) => void; reject: (error: Error) => void };

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptPath);
parentPort.on('message', ({ id, job }) => {
  try {
    const result = job.op === 'hash' ? bcrypt.hashSync(job.password, job.cost) : bcrypt.compareSync(job.password, job.hash);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(error: Error) {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  const bcryptPath = createRequire(path.join(process.cwd(), 'package.json')).resolve('bcryptjs');
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath } });
  w.unref();
  w.on('message', (msg: { id: number; result?: string | boolean; error?: string }) => {
    const job = pending.get(msg.id);
    if (!job) return;
    pending.delete(msg.id);
    if (msg.error !== undefined) job.reject(new Error(msg.error));
    else job.resolve(msg.result as string | boolean);
    if (pending.size === 0) w.unref();
  });
  w.on('error', (error) => failAll(error));
  w.on('exit', (code) => failAll(new Error(`password worker exited with code ${code}`)));
  worker = w;
  return w;
}

function runJob(job: Job): Promise<string | boolean> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const w = getWorker();
    w.ref();
    w.postMessage({ id, job });
  });
}

export async function hashPassword(password: string): Promise<string> {
  return (await runJob({ op: 'hash', password, cost: BCRYPT_COST })) as string;
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return (await runJob({ op: 'compare', password, hash })) as boolean;
}

// A real hash of a random string, compared against when the email is unknown so that
// "no such user" takes as long as "wrong password".
const DUMMY_HASH = '$2b$11$JqL8zG5OXdcJHap9IsRqXOkB.9JqFHMJ4z5QbGiXGhQ/Oo/J0p8jm';

export async function verifyAgainstNothing(password: string): Promise<false> {
  await verifyPassword(password, DUMMY_HASH);
  return false;
}
