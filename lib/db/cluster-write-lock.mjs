// SQLite's write lock, handed over by the cluster's primary (`npm start` runs one server process
// per core over one SQLite file, scripts/serve.mjs).
//
// SQLite lets one connection write at a time. A second process that wants to write while the
// first holds the lock does not queue: better-sqlite3's call runs SQLite's busy handler, which
// sleeps in steps (1, 2, 5 … 100 ms) and tries again, on the process's only thread. The whole
// process stops meanwhile (its pages, reads and timers too), and the lock goes to whichever
// process happens to try when it is free, not to the one that waited longest: in a burst of
// writes (a class signing in and starting an exam) a request waited seconds.
//
// So the processes ask the primary first. It keeps one queue for the whole cluster and grants
// the lock to one writer at a time, in order; the writer's process keeps serving while it waits
// (a message, not a sleep), and by the time it writes, SQLite's lock is free. A writer that dies
// or gives up leaves the queue. Writers outside the cluster (a migration, a script) still meet
// SQLite's busy timeout as before.

/** The message field both sides use. */
const FIELD = 'lockstepWriteLock';

/** Set by the primary for its server processes: the arbiter is there to ask. */
export const WRITE_LOCK_ENV = 'LOCKSTEP_CLUSTER_WRITE_LOCK';

/**
 * In the primary: grants the write lock to one server process's writer at a time, first come
 * first served. `cluster` is node:cluster (or anything with its `message` and `exit` events).
 * Returns what the arbiter holds now, for tests and diagnostics.
 */
export function arbitrateWriteLock(cluster) {
  /** @type {{ worker: import('node:cluster').Worker; id: string } | null} */
  let holder = null;
  /** @type {{ worker: import('node:cluster').Worker; id: string }[]} */
  const queue = [];
  let granted = 0;

  const grantNext = () => {
    while (!holder && queue.length > 0) {
      const next = queue.shift();
      if (!next.worker.isConnected()) continue;
      holder = next;
      granted += 1;
      // A process that went away between the check and the send never takes the lock.
      next.worker.send({ [FIELD]: 'granted', id: next.id }, undefined, undefined, (error) => {
        if (!error || holder !== next) return;
        holder = null;
        grantNext();
      });
    }
  };

  cluster.on('message', (worker, message) => {
    if (!message || typeof message !== 'object' || typeof message.id !== 'string') return;
    const kind = message[FIELD];
    if (kind === 'acquire') {
      queue.push({ worker, id: message.id });
      grantNext();
    } else if (kind === 'release') {
      if (holder && holder.worker === worker && holder.id === message.id) holder = null;
      else {
        // Given up while still waiting: it leaves the queue.
        const at = queue.findIndex((w) => w.worker === worker && w.id === message.id);
        if (at >= 0) queue.splice(at, 1);
      }
      grantNext();
    }
  });

  cluster.on('exit', (worker) => {
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i].worker === worker) queue.splice(i, 1);
    if (holder?.worker === worker) holder = null;
    grantNext();
  });

  return {
    state: () => ({ held: holder !== null, waiting: queue.length, granted }),
  };
}

/**
 * In a server process: the cluster's write lock when the primary arbitrates it, else null (one
 * process alone, a script, a test). `acquire()` resolves to the function that releases it; it
 * rejects after `timeoutMs` without the lock, as SQLite's busy timeout would have failed.
 * One per process: every copy of the module shares it (Next loads modules in several graphs).
 */
export function clusterWriteLock(timeoutMs, env = process.env) {
  if (typeof process.send !== 'function' || env[WRITE_LOCK_ENV] !== '1') return null;
  const shared = /** @type {{ lockstepClusterWriteLock?: ReturnType<typeof createWorkerLock> }} */ (globalThis);
  shared.lockstepClusterWriteLock ??= createWorkerLock(timeoutMs);
  return shared.lockstepClusterWriteLock;
}

function createWorkerLock(timeoutMs) {
  /** @type {Map<string, () => void>} */
  const waiting = new Map();
  let counter = 0;
  // Without the primary (it is stopping) there is no one to tell: nothing to do.
  const send = (kind, id) => {
    if (process.connected) process.send?.({ [FIELD]: kind, id }, undefined, undefined, () => undefined);
  };
  process.on('message', (message) => {
    if (!message || typeof message !== 'object' || message[FIELD] !== 'granted') return;
    const onGrant = waiting.get(message.id);
    if (onGrant) onGrant();
    // A grant for a writer that gave up: hand it straight back.
    else send('release', message.id);
  });

  return {
    /** @returns {Promise<() => void>} */
    acquire() {
      const id = `${process.pid}:${++counter}`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          send('release', id);
          reject(new Error(`the database stayed locked by another server process for ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, () => {
          clearTimeout(timer);
          waiting.delete(id);
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            send('release', id);
          });
        });
        send('acquire', id);
      });
    },
  };
}
