/**
 * The measured cost model: what a plain loop, a thread pool and a process pool cost on a real
 * machine, every overhead taken from a calibration (written by `npm run calibrate`,
 * scripts/calibrate-pool.py, which records the machine, the Python version and the load it ran
 * under). Times are milliseconds, as floats; the work itself (CPU and waiting per item) is
 * exact, only the overheads come from measurements.
 *
 * - Loop: items × (cpu + io).
 * - `ThreadPoolExecutor(P).map`: CPython runs bytecode in one thread at a time (the GIL) while
 *   `time.sleep` and blocking I/O release it, so the CPU parts add up and the waits overlap:
 *   max(items × cpu, ceil(items / P) × (cpu + io)), plus the measured hand-off per task.
 * - `Pool(P)` (fork), created, one map/imap call, then `close()` + `join()`: the measured start
 *   of P workers; then the task messages, in one of two ways (see `processPoolMs`); a free
 *   worker takes the next message, runs its items and answers; then the measured shutdown. Only
 *   `cores` workers compute at once: with more workers than cores the CPU parts stretch by
 *   P / cores (CPU time per item stays what `cpu_work` burns).
 *
 * A real run differs from these figures (load, caches, another machine), so questions built on
 * the model claim only what still holds with every overhead `scale` times its measured value,
 * for scale from 1 / tolerance to tolerance. A new calibration changes those questions: their
 * generators then need a new version (tests/unit/questions/stability.test.ts notices).
 */
import echoCalibration from './calibration.json';
import streamedCalibration from './calibration-streamed.json';

interface CalibrationFigures {
  readonly machine: { readonly os: string; readonly cpu: string; readonly cores: number; readonly arch: string; readonly load_average_at_start: readonly number[] };
  readonly python: string;
  readonly pool_start_ms: Readonly<Record<string, number>>;
  readonly pool_shutdown_ms: Readonly<Record<string, number>>;
  readonly task_round_trip_ms: Readonly<Record<string, number>>;
  readonly map_message_ms: number;
  readonly pickle: { readonly bytes: { readonly mb_per_s: number } };
  readonly thread_pool_task_ms: number;
  readonly thread_switch_ms: number;
}

/**
 * Measured figures and the process pool model they are for (processPoolMs): `echo`, the first
 * calibration's, or `streamed`, which reads the cost of each task message while they stream.
 */
export type Calibration =
  | (CalibrationFigures & { readonly model: 'echo' })
  | (CalibrationFigures & {
      readonly model: 'streamed';
      /**
       * Ms per task message of each size (bytes) while Pool(2).map streams them (chunksize=1):
       * pickling, the task pipe and unpickling in the worker.
       */
      readonly stream_message_ms: Readonly<Record<string, number>>;
    });

/** A calibration file's figures, checked for the model it names (a file without one, or a streamed one without stream_message_ms, is refused). */
export function calibrationOf(file: CalibrationFigures & { model: string; stream_message_ms?: Readonly<Record<string, number>> }): Calibration {
  if (file.model === 'echo') return { ...file, model: 'echo' };
  if (file.model === 'streamed' && file.stream_message_ms) return { ...file, model: 'streamed', stream_message_ms: file.stream_message_ms };
  throw new Error(`a calibration for the ${JSON.stringify(file.model)} model${file.model === 'streamed' ? ' needs stream_message_ms' : ' is not one this app has'}`);
}

/**
 * The first calibration (AMD EPYC), measured before streamed messages: the echo model.
 * fastest-executor and pool-overhead version 4 keep it.
 */
export const CALIBRATION: Calibration = calibrationOf(echoCalibration);

/** The calibration with streamed message costs (`npm run calibrate` writes it): the streamed model, version 5 on. */
export const STREAMED_CALIBRATION: Calibration = calibrationOf(streamedCalibration);

/**
 * A measured table (keyed by numbers) as a function: linear interpolation (in log x when
 * `logX`), flat below the first point, along the last segment beyond the last. The points are
 * sorted once, when the function is made: a pool's model asks for every message of a call.
 */
function interpolator(table: Readonly<Record<string, number>>, logX: boolean): (x: number) => number {
  const points = Object.entries(table)
    .map(([k, v]): [number, number] => [Number(k), v])
    .sort((a, b) => a[0] - b[0]);
  const f = (v: number) => (logX ? Math.log(v) : v);
  const first = points[0];
  if (!first) throw new Error('calibration table is empty');
  return (x) => {
    if (x <= first[0] || points.length === 1) return first[1];
    for (let i = 1; i < points.length; i++) {
      const [x0, y0] = points[i - 1] as [number, number];
      const [x1, y1] = points[i] as [number, number];
      if (x <= x1 || i === points.length - 1) return y0 + ((y1 - y0) * (f(x) - f(x0))) / (f(x1) - f(x0));
    }
    return first[1];
  };
}

/** Measured ms from `Pool(workers)` until every worker has answered once. */
export const poolStartMs = (c: Calibration, workers: number): number => interpolator(c.pool_start_ms, false)(workers);

/** Measured ms of `close()` + `join()` for a pool of `workers`. */
export const poolShutdownMs = (c: Calibration, workers: number): number => interpolator(c.pool_shutdown_ms, false)(workers);

/** Bytes pickled and unpickled per ms (a large bytes object). */
export const pickleBytesPerMs = (c: Calibration): number => c.pickle.bytes.mb_per_s * 1000;

/** Measured ms of one task of `wireBytes` bytes and its answer, one at a time through the pipes (no work). */
export const roundTripMs = (c: Calibration, wireBytes: number): number => roundTripCost(c)(wireBytes);

/** roundTripMs of calibration `c` as a function of the bytes, its table read once. */
function roundTripCost(c: Calibration): (wireBytes: number) => number {
  const table = interpolator(c.task_round_trip_ms, true);
  const lastSize = Math.max(...Object.keys(c.task_round_trip_ms).map(Number));
  const lastMs = c.task_round_trip_ms[String(lastSize)] as number;
  return (wireBytes) => (wireBytes <= lastSize ? Math.max(0, table(Math.max(1, wireBytes))) : lastMs + (wireBytes - lastSize) / pickleBytesPerMs(c));
}

export interface MeasuredWork {
  readonly items: number;
  /** CPU per item, Python bytecode: holds the GIL. */
  readonly cpuMs: number;
  /** Waiting per item (sleep): releases the GIL. */
  readonly ioMs: number;
}

export const loopMs = (w: MeasuredWork): number => w.items * (w.cpuMs + w.ioMs);

/** `ThreadPoolExecutor(threads).map` over the items, every overhead × `scale` (see the module comment). */
export function threadPoolMs(c: Calibration, w: MeasuredWork, threads: number, scale = 1): number {
  const work = Math.max(w.items * w.cpuMs, Math.ceil(w.items / threads) * (w.cpuMs + w.ioMs));
  return work + w.items * c.thread_pool_task_ms * scale;
}

/** One task message of a Pool call: its bytes on the pipe and how many items it carries. */
export interface ChunkMessage {
  readonly wire: number;
  readonly count: number;
}

/**
 * Measured ms per task message of `wireBytes` bytes while they stream (stream_message_ms):
 * linear between the measured sizes, flat below the smallest, along the last segment above.
 */
export const streamMessageMs = (c: Calibration, wireBytes: number): number => streamMessageCost(c)(wireBytes);

/** streamMessageMs of calibration `c` as a function of the bytes, its table read once. */
function streamMessageCost(c: Calibration): (wireBytes: number) => number {
  if (c.model !== 'streamed') throw new Error('this calibration has no streamed message costs (echo model)');
  const table = interpolator(c.stream_message_ms, false);
  return (wireBytes) => Math.max(0, table(wireBytes));
}

/**
 * `Pool(workers)`, one map/imap call sending `tasks`, then close() and join(); every overhead ×
 * `scale`. With a calibration for the streamed model (it measured stream_message_ms), the streamed
 * model: the task handler thread writes one message after another into the one task pipe, and a
 * worker reads a whole message at a time, so messages go through one by one, each costing what
 * it cost when a map streamed messages of its size (pickling, the pipe, unpickling); a worker
 * free by then runs the items, and its small answer reaches the parent after the measured round
 * trip of a small task. With the echo model (the first calibration), that of version 4: each
 * message costs the pipelined per-message cost plus pickling its bytes to send, and the worker
 * answers after the round trip of a task of its size echoed back — which counts the bytes twice
 * and pickling at memory speed, and missed real times of 0.5–2 MB items by up to 4× (issue 12).
 */
export function processPoolMs(c: Calibration, w: MeasuredWork, workers: number, tasks: readonly ChunkMessage[], scale = 1): number {
  return c.model === 'streamed' ? streamedPoolMs(c, w, workers, tasks, scale) : echoPoolMs(c, w, workers, tasks, scale);
}

function streamedPoolMs(c: Calibration, w: MeasuredWork, workers: number, tasks: readonly ChunkMessage[], scale: number): number {
  const start = poolStartMs(c, workers) * scale;
  const stretch = Math.max(1, Math.min(workers, w.items) / c.machine.cores);
  const answer = roundTripMs(c, 1) * scale;
  const messageMs = streamMessageCost(c);
  const free: number[] = Array.from({ length: workers }, () => start);
  let through = start;
  let end = start;
  for (const t of tasks) {
    through += messageMs(t.wire) * scale;
    let k = 0;
    for (let i = 1; i < workers; i++) if ((free[i] as number) < (free[k] as number)) k = i;
    const done = Math.max(free[k] as number, through) + t.count * (w.cpuMs * stretch + w.ioMs) + answer;
    free[k] = done;
    end = Math.max(end, done);
  }
  return end + poolShutdownMs(c, workers) * scale;
}

function echoPoolMs(c: Calibration, w: MeasuredWork, workers: number, tasks: readonly ChunkMessage[], scale: number): number {
  const start = poolStartMs(c, workers) * scale;
  const stretch = Math.max(1, Math.min(workers, w.items) / c.machine.cores);
  const roundTrip = roundTripCost(c);
  const free: number[] = Array.from({ length: workers }, () => start);
  let sent = 0;
  let end = start;
  for (const t of tasks) {
    // the parent's task handler pickles and writes one message after another
    sent += (c.map_message_ms + t.wire / pickleBytesPerMs(c)) * scale;
    let k = 0;
    for (let i = 1; i < workers; i++) if ((free[i] as number) < (free[k] as number)) k = i;
    const done = Math.max(free[k] as number, sent) + t.count * (w.cpuMs * stretch + w.ioMs) + roundTrip(t.wire) * scale;
    free[k] = done;
    end = Math.max(end, done);
  }
  return end + poolShutdownMs(c, workers) * scale;
}
