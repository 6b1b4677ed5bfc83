/**
 * `multiprocessing.Pool` as CPython 3.11 runs it (Lib/multiprocessing/pool.py,
 * connection.py, queues.py), reduced to what crosses the pipes:
 *
 * - The parent's task-handler thread sends each task with `Connection.send`, i.e.
 *   `_send_bytes(ForkingPickler.dumps(task))` (protocol 4), into the task queue — a
 *   `SimpleQueue` over `Pipe(duplex=False)`, which on Unix is `os.pipe()`. Every worker reads
 *   from that one pipe; each writes `(job, i, (success, value))` into the result queue (a second
 *   `os.pipe()`), which the parent's result-handler thread reads.
 * - `_send_bytes` writes a 4-byte big-endian length header, then the payload (payloads over
 *   2 GiB get a 12-byte header, never reached here).
 * - `map(func, it, chunksize=None)`: `chunksize, extra = divmod(len(it), len(pool._pool) * 4)`,
 *   plus 1 if `extra`; chunks are `(func, tuple_of_items)` from `Pool._get_tasks`; each task is
 *   `(job, i, mapstar, ((func, chunk),), {})` and its result `(job, i, (True, [f(x), …]))`.
 * - `imap(func, it, chunksize=1)`: with chunksize 1 each item is its own task
 *   `(job, i, func, (x,), {})` with result `(job, i, (True, f(x)))`; a larger chunksize uses
 *   the map form.
 * - `apply_async(func, args)`: one task `(job, 0, func, args, {})`.
 * - `job` comes from the module-global `job_counter = itertools.count()`: the first
 *   map/imap/apply_async call of a program gets job 0.
 * - Start methods: with fork the workers are copies of the parent made when the Pool starts;
 *   with spawn each worker is a fresh interpreter that re-imports the main module as
 *   `__mp_main__` (skipping the `if __name__ == "__main__":` block) and unpickles each task
 *   there. A reference it cannot resolve raises in the worker's `get()`, outside the code that
 *   reports errors: the worker dies, the Pool starts a replacement, the task is lost and the
 *   call never completes.
 * - A task that fails to pickle is not sent: the task handler stores `(False, exc)` as its
 *   result and `map` raises it. A result that fails to pickle in the worker is replaced by
 *   `MaybeEncodingError`. An exception raised by `func` travels back as the result.
 */
import { pickleDumps, pickleError, type PickleResult, type Protocol } from './pickle';
import { PY_NONE, pyDict, pyFunction, pyInt, pyList, pyTuple, type PyException, type PyGlobal, type PyValue } from './values';

/** What pickling a message gives the simulation: its bytes and size, or the exception. */
function pickleMessage(value: PyValue, call: PoolCall, protocol: Protocol): PickleResult {
  if (call.countOnly) {
    const error = pickleError(value);
    return error ? { ok: false, error } : { ok: true, bytes: NO_BYTES, size: 0 };
  }
  return pickleDumps(value, protocol, { sizeOnly: call.sizeOnly ?? false });
}

const NO_BYTES = new Uint8Array(0);

/** Bytes `Connection._send_bytes` puts in front of every message (struct "!i"). */
export const MESSAGE_HEADER_BYTES = 4;

/** `multiprocessing.pool.mapstar`, the helper every chunked task calls. */
export const MAPSTAR: PyGlobal = pyFunction('multiprocessing.pool', 'mapstar');

/**
 * `Pool._map_async`'s default chunksize: `divmod(len(iterable), len(self._pool) * 4)`,
 * rounded up; 0 for an empty iterable (no tasks at all).
 */
export function defaultChunksize(length: number, processes: number): number {
  if (length === 0) return 0;
  const per = processes * 4;
  const chunk = Math.floor(length / per);
  return length % per !== 0 ? chunk + 1 : chunk;
}

/** How many tasks `map` (or a chunked `imap`) sends: one per chunk, the last one shorter. */
export function chunkCount(length: number, chunksize: number): number {
  return chunksize <= 0 ? 0 : Math.ceil(length / chunksize);
}

export type PoolMethod = 'map' | 'imap' | 'apply_async';

/** What `func(x)` does in the worker, per item. */
export type WorkerOutcome = { readonly ok: true; readonly value: PyValue } | { readonly ok: false; readonly error: PyException };

export interface PoolCall {
  readonly method: PoolMethod;
  /** A function (by reference), or any callable object: a functools.partial, a bound method. */
  readonly func: PyValue;
  /** The iterable's items; for apply_async, the positional arguments (`args`). */
  readonly items: readonly PyValue[];
  /** Explicit chunksize; undefined = the method's default (map: the divmod rule, imap: 1). */
  readonly chunksize?: number;
  /** `Pool(processes)`. */
  readonly processes: number;
  /** The job id (the 0-based count of map/imap/apply_async calls before this one). */
  readonly job?: number;
  /** What the worker's call returns or raises for each item (apply_async: given the first argument). */
  readonly outcome: (item: PyValue, index: number) => WorkerOutcome;
  readonly protocol?: Protocol;
  /** Keep only sizes, not the pickled bytes (for big payloads in cost models). */
  readonly sizeOnly?: boolean;
  /**
   * Only which messages are sent: each one is still checked to pickle (`pickleError`), but
   * no size is computed — every message's `payload` and `wire` are 0. For questions that
   * count messages.
   */
  readonly countOnly?: boolean;
  /** multiprocessing start method (the Linux default in 3.11 is fork). */
  readonly startMethod?: 'fork' | 'spawn';
}

export interface PipeMessage {
  /** `task`: parent → workers; `result`: a worker → parent. */
  readonly direction: 'task' | 'result';
  /** The task index `i` in the message. */
  readonly index: number;
  /** Items carried (first index, count). */
  readonly first: number;
  readonly count: number;
  /** The pickled payload (what `ForkingPickler.dumps` returns); empty for sizeOnly runs. */
  readonly pickle: Uint8Array;
  /** Payload bytes (0 for countOnly runs). */
  readonly payload: number;
  /** Bytes written to the pipe: header + payload (0 for countOnly runs). */
  readonly wire: number;
}

export type PoolOutcome =
  | { readonly kind: 'ok' }
  | {
      /** A worker died unpickling a task: the task is lost and the call waits forever. */
      readonly kind: 'hangs';
      readonly error: PyException;
      readonly task: number;
    }
  | {
      readonly kind: 'raises';
      readonly error: PyException;
      /** Where it came from: pickling a task (parent), the function (worker), pickling a result (worker). */
      readonly where: 'task-pickle' | 'worker' | 'result-pickle';
      /** The task it came from. */
      readonly task: number;
      /** False when another failure of a different type could be stored first (a race). */
      readonly certain: boolean;
    };

export interface PoolRun {
  readonly chunksize: number;
  /** Tasks actually written to the task pipe (the ones that pickled). */
  readonly tasks: readonly PipeMessage[];
  /** Results written to the result pipe. */
  readonly results: readonly PipeMessage[];
  readonly outcome: PoolOutcome;
}

function message(direction: 'task' | 'result', index: number, first: number, count: number, pickle: Uint8Array, size: number, countOnly: boolean): PipeMessage {
  return { direction, index, first, count, pickle, payload: size, wire: countOnly ? 0 : size + MESSAGE_HEADER_BYTES };
}

/** The effective chunksize of a call (1 for apply_async: one item). */
export function effectiveChunksize(call: Pick<PoolCall, 'method' | 'items' | 'chunksize' | 'processes'>): number {
  if (call.method === 'apply_async') return 1;
  if (call.method === 'imap') return call.chunksize ?? 1;
  return call.chunksize ?? defaultChunksize(call.items.length, call.processes);
}

interface Task {
  readonly index: number;
  readonly first: number;
  readonly count: number;
  readonly value: PyValue;
  /** True when the worker calls mapstar (a list comes back). */
  readonly chunked: boolean;
}

/** The task tuples the task handler sends, in order. */
export function taskTuples(call: PoolCall): Task[] {
  const job = pyInt(call.job ?? 0);
  const chunksize = effectiveChunksize(call);
  // `{}` is a fresh dict per task (a dict display in _guarded_task_generation).
  if (call.method === 'apply_async') {
    return [{ index: 0, first: 0, count: 1, chunked: false, value: pyTuple([job, pyInt(0), call.func, pyTuple(call.items), pyDict([])]) }];
  }
  if (call.method === 'imap' && chunksize === 1) {
    return call.items.map((x, i) => ({
      index: i,
      first: i,
      count: 1,
      chunked: false,
      value: pyTuple([job, pyInt(i), call.func, pyTuple([x]), pyDict([])]),
    }));
  }
  const tasks: Task[] = [];
  for (let i = 0, first = 0; first < call.items.length; i++, first += chunksize) {
    const chunk = call.items.slice(first, first + chunksize);
    const x = pyTuple([call.func, pyTuple(chunk)]);
    tasks.push({ index: i, first, count: chunk.length, chunked: true, value: pyTuple([job, pyInt(i), MAPSTAR, pyTuple([x]), pyDict([])]) });
  }
  return tasks;
}

/** The first function/class reference a spawned child cannot find, if any. */
function missingInSpawnChild(v: PyValue): PyGlobal | null {
  switch (v.kind) {
    case 'global':
      return v.mainGuarded && v.module === '__main__' ? v : null;
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset':
      for (const x of v.items) {
        const g = missingInSpawnChild(x);
        if (g) return g;
      }
      return null;
    case 'dict':
      for (const [k, x] of v.entries) {
        const g = missingInSpawnChild(k) ?? missingInSpawnChild(x);
        if (g) return g;
      }
      return null;
    case 'instance':
      return missingInSpawnChild(v.cls) ?? (v.state ? missingInSpawnChild(v.state) : null);
    case 'reduce':
      return missingInSpawnChild(v.callable) ?? missingInSpawnChild(v.args) ?? (v.state ? missingInSpawnChild(v.state) : null);
    default:
      return null;
  }
}

const maybeEncodingError = (inner: PyException): PyException => ({
  type: 'MaybeEncodingError',
  qualifiedType: 'multiprocessing.pool.MaybeEncodingError',
  message: `Error sending result: '…'. Reason: '${inner.type}(${JSON.stringify(inner.message)})'`,
});

/**
 * Runs one Pool call to the pipes: every task message the parent writes, every result
 * message the workers write (in task order; their real arrival order does not change any
 * count), and what the call returns or raises.
 */
export function simulatePoolCall(call: PoolCall): PoolRun {
  const protocol = call.protocol ?? 4;
  const job = pyInt(call.job ?? 0);
  const tasks: PipeMessage[] = [];
  const results: PipeMessage[] = [];
  const failures: { error: PyException; where: 'task-pickle' | 'worker' | 'result-pickle'; task: number }[] = [];
  for (const t of taskTuples(call)) {
    const p = pickleMessage(t.value, call, protocol);
    if (!p.ok) {
      failures.push({ error: p.error, where: 'task-pickle', task: t.index });
      continue;
    }
    tasks.push(message('task', t.index, t.first, t.count, p.bytes, p.size, call.countOnly ?? false));
    const missing = call.startMethod === 'spawn' ? missingInSpawnChild(t.value) : null;
    if (missing) {
      const error: PyException = {
        type: 'AttributeError',
        qualifiedType: 'AttributeError',
        message: `Can't get attribute '${missing.qualname}' on <module '__mp_main__'>`,
      };
      return { chunksize: effectiveChunksize(call), tasks, results, outcome: { kind: 'hangs', error, task: t.index } };
    }
    const outcomes = call.items.slice(t.first, t.first + t.count).map((x, k) => call.outcome(x, t.first + k));
    const failed = outcomes.find((o): o is { ok: false; error: PyException } => !o.ok);
    if (failed) {
      // The exception object travels back; its pickled size (a traceback string) is not modelled.
      failures.push({ error: failed.error, where: 'worker', task: t.index });
      continue;
    }
    const values = outcomes.map((o) => (o as { value: PyValue }).value);
    const result = pyTuple([job, pyInt(t.index), pyTuple([{ kind: 'bool', value: true }, t.chunked ? pyList(values) : (values[0] ?? PY_NONE)])]);
    const r = pickleMessage(result, call, protocol);
    if (!r.ok) {
      failures.push({ error: maybeEncodingError(r.error), where: 'result-pickle', task: t.index });
      continue;
    }
    results.push(message('result', t.index, t.first, t.count, r.bytes, r.size, call.countOnly ?? false));
  }
  const first = failures[0];
  if (!first) return { chunksize: effectiveChunksize(call), tasks, results, outcome: { kind: 'ok' } };
  // imap yields results in task order, so the lowest failing task raises. map stores the first
  // failure to *arrive*: the task handler stores pickling failures the moment it meets them, so
  // a failure of task 0 is always first; otherwise a worker's failure may arrive before it,
  // unless every failure has the same type.
  const certain =
    call.method !== 'map' ||
    (first.where === 'task-pickle' && first.task === 0) ||
    failures.every((f) => f.error.type === first.error.type);
  return { chunksize: effectiveChunksize(call), tasks, results, outcome: { kind: 'raises', ...first, certain } };
}

/** Sum of wire bytes (headers included) of messages. */
export const wireBytes = (messages: readonly Pick<PipeMessage, 'wire'>[]): number => messages.reduce((n, m) => n + m.wire, 0);
