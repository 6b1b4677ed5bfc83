/**
 * What keeps a progress import (a JSON file of up to 20 MB) from stalling the server for
 * everyone else:
 * - the file is parsed on a worker thread (JSON.parse of 20 MB holds a thread for 100–150 ms)
 *   and handed back split: the head and the reviews as JSON chunks, which cost little to pass
 *   between threads; validation and writes then go a chunk at a time, yielding in between
 *   (lib/stats/progress-file.ts, lib/db/progress.ts);
 * - one import at a time per learner, and at most MAX_IMPORTS_AT_ONCE in the whole server (each
 *   holds a parsed file in memory); a further one is refused with a clear message.
 */
import { Worker } from 'node:worker_threads';
import { REVIEW_CHUNK, type ParsedJson } from './progress-file';

/** Imports running at once in this server: one per core of a small machine. */
export const MAX_IMPORTS_AT_ONCE = 2;

const running = new Set<string>();

/** Claims the learner's import slot: a release function, or null when one of theirs (or too many) already runs. */
export function claimImportSlot(userId: string): (() => void) | null {
  if (running.has(userId) || running.size >= MAX_IMPORTS_AT_ONCE) return null;
  running.add(userId);
  let released = false;
  return () => {
    if (!released) running.delete(userId);
    released = true;
  };
}

// Plain JavaScript run on the worker: the same split as splitProgress in the schema
// (tests/unit/stats/import.test.ts checks they agree).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let json;
try {
  json = JSON.parse(new TextDecoder().decode(workerData.bytes));
} catch {
  parentPort.postMessage({ status: 'not-json' });
  return;
}
if (typeof json !== 'object' || json === null || Array.isArray(json)) {
  parentPort.postMessage({ status: 'not-object' });
  return;
}
const { reviews, ...rest } = json;
if (!Array.isArray(reviews)) {
  parentPort.postMessage({ status: 'ok', file: { head: json, reviewChunks: [] } });
  return;
}
const reviewChunks = [];
for (let i = 0; i < reviews.length; i += workerData.chunk) reviewChunks.push(JSON.stringify(reviews.slice(i, i + workerData.chunk)));
parentPort.postMessage({ status: 'ok', file: { head: { ...rest, reviews: [] }, reviewChunks } });
`;

/** Parses a progress file's bytes on a worker thread (moved there, not copied) and splits it. */
export function parseOnWorker(bytes: ArrayBuffer): Promise<ParsedJson> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(`(() => {${WORKER_SOURCE}})()`, { eval: true, workerData: { bytes, chunk: REVIEW_CHUNK }, transferList: [bytes] });
    worker.once('message', (message: ParsedJson) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`progress parser exited with code ${code}`)));
  });
}

/** Lets other requests run (timers, I/O callbacks) before the next step of an import. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
