#!/usr/bin/env node
// The server on every core: the primary forks one server process (scripts/server.mjs) per
// core (WEB_CONCURRENCY overrides the count) and node:cluster shares the listening socket among them, handing each
// new connection to the next process in turn. Every process serves the same build over the
// same database: what two requests must agree on (sessions, sign-in limits, timers, idempotency
// keys) lives in the database, never in a process's memory. A process that dies is replaced.
//
//   node scripts/serve.mjs -H 127.0.0.1 -p 3000 [--keepAliveTimeout 65000]
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { arbitrateWriteLock, WRITE_LOCK_ENV } from '../lib/db/cluster-write-lock.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverScript = path.join(root, 'scripts', 'server.mjs');

/** How many server processes to run: WEB_CONCURRENCY when set to a positive number, else one per core. */
export function serverProcessCount(env = process.env, cores = availableParallelism()) {
  const wanted = Number.parseInt(env.WEB_CONCURRENCY ?? '', 10);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : Math.max(1, cores);
}

const count = serverProcessCount();
cluster.setupPrimary({ exec: serverScript, args: process.argv.slice(2), cwd: root });
// On SQLite the processes take turns to write through the primary, not by sleeping in SQLite's
// busy handler (lib/db/cluster-write-lock.mjs); one process alone has no one to take turns with.
const arbitrated = count > 1;
if (arbitrated) arbitrateWriteLock(cluster);

let stopping = false;
const started = new Map();
function fork() {
  const worker = cluster.fork({ NEXT_TELEMETRY_DISABLED: '1', LOCKSTEP_SERVER_PROCESSES: String(count), ...(arbitrated ? { [WRITE_LOCK_ENV]: '1' } : {}) });
  started.set(worker.id, Date.now());
}
for (let i = 0; i < count; i++) fork();
console.log(`  ${count} server process${count === 1 ? '' : 'es'} (one per core; WEB_CONCURRENCY overrides)`);

cluster.on('exit', (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  const lived = Date.now() - (started.get(worker.id) ?? 0);
  console.error(`server process ${worker.process.pid} exited (${signal ?? `code ${code}`})`);
  // One that dies at once would die again: stop rather than loop.
  if (lived < 5_000) {
    console.error('it exited during start-up: stopping');
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    process.exitCode = 1;
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
    return;
  }
  fork();
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
