/**
 * A cost model for "which finishes first?" questions: a plain loop, a thread pool and a
 * process pool running the same items. Time is in whole milliseconds (one tick = 1 ms); the
 * parameters are stated in every question, and the message sizes come from the pickler and
 * the Pool simulator (what CPython 3.11 really sends).
 *
 * - Serial: items run one after another: n × (cpu + io).
 * - Thread pool (`ThreadPoolExecutor(P)`): the executor starts its threads one after another
 *   (`threadStartMs` each), and each free thread takes the next item. The CPU part
 *   of an item runs Python bytecode, so it needs the GIL — CPython lets one thread at a time
 *   hold it; waiting threads queue first come, first served (same tick: by thread number).
 *   The I/O part (`time.sleep`, blocking reads) releases the GIL, so waits overlap. Simplified:
 *   a thread keeps the GIL for the whole CPU part of an item (real CPython forces a switch
 *   every 5 ms, `sys.getswitchinterval()`, which interleaves the CPU parts without changing
 *   the total CPU time). Nothing is pickled.
 * - Process pool (`Pool(P)`, fork): every worker takes `startMs` to start, all at t = 0. The
 *   parent's task handler sends the task messages one after another from t = 0; a message
 *   costs `messageMs` plus one ms per `bytesPerMs` bytes on the pipe (rounded up), covering
 *   pickling, the write, the read and unpickling. A free worker takes the next task as soon as
 *   it has been sent (first free, first served), runs its items (each worker process has its
 *   own GIL, and there are at least P cores), then sends its result message, costed the same
 *   way, before taking another task. The run ends when the last result has been sent.
 */
import type { PipeMessage } from './pool';

export interface CostModel {
  /** ms for a worker process to start (fork + interpreter set-up); all start at t = 0. */
  readonly startMs: number;
  /** ms to start one thread; the executor starts them one after another from t = 0. */
  readonly threadStartMs: number;
  /** Fixed ms per message, either direction. */
  readonly messageMs: number;
  /** Bytes on the pipe moved per ms (pickle + write + read + unpickle). */
  readonly bytesPerMs: number;
}

export interface Workload {
  readonly items: number;
  /** CPU per item, in pure Python: holds the GIL. */
  readonly cpuMs: number;
  /** Waiting per item (I/O, sleep): releases the GIL. */
  readonly ioMs: number;
}

/** ms one message costs under the model. */
export function messageCost(model: CostModel, wireBytes: number): number {
  return model.messageMs + Math.ceil(wireBytes / model.bytesPerMs);
}

/** The plain loop: one item after another, CPU and waiting alike (no overlap without threads). */
export function serialTime(w: Workload): number {
  return w.items * (w.cpuMs + w.ioMs);
}

/** One row of a timeline: what a thread or process does during each 1-ms tick. */
export type Activity =
  | { readonly kind: 'starting' }
  | { readonly kind: 'idle' }
  | { readonly kind: 'cpu'; readonly item: number }
  | { readonly kind: 'gil-wait'; readonly item: number }
  | { readonly kind: 'io'; readonly item: number }
  | { readonly kind: 'send'; readonly message: number; readonly direction: 'task' | 'result' }
  | { readonly kind: 'done' };

export interface Schedule {
  readonly makespan: number;
  /** Row label → activity per tick (length = makespan). */
  readonly rows: readonly { readonly id: string; readonly ticks: readonly Activity[] }[];
  /** Thread pools: GIL holder per tick (row id or null). */
  readonly gil?: readonly (string | null)[];
}

export interface ThreadOptions {
  /**
   * Force a GIL hand-over after this many ticks when another thread waits (CPython's switch
   * interval); undefined = keep it for the whole CPU part. Used to check that an answer does
   * not rest on the simplification.
   */
  readonly quantum?: number;
  /** Same-tick order of GIL requests: thread numbers, first served first (default 0, 1, …). */
  readonly order?: readonly number[];
}

/** The thread-pool run: a tick-by-tick simulation of P threads sharing the GIL. */
export function threadPoolSchedule(model: Pick<CostModel, 'threadStartMs'>, w: Workload, threads: number, opts: ThreadOptions = {}): Schedule {
  const rows: Activity[][] = [];
  for (let i = 0; i < threads; i++) rows.push([]);
  const gil: (string | null)[] = [];
  const makespan = runThreads(model, w, threads, opts, { rows, gil });
  return { makespan, rows: rows.map((ticks, i) => ({ id: `T${i + 1}`, ticks })), gil };
}

/** The thread-pool run's finishing time only (`threadPoolSchedule(…).makespan`, without drawing the timeline). */
export function threadPoolMakespan(model: Pick<CostModel, 'threadStartMs'>, w: Workload, threads: number, opts: ThreadOptions = {}): number {
  return runThreads(model, w, threads, opts, null);
}

/**
 * The tick-by-tick thread-pool simulation behind `threadPoolSchedule` and
 * `threadPoolMakespan`: returns the makespan and, when `timeline` is given, records what
 * each thread does and who holds the GIL in every tick.
 */
function runThreads(
  model: Pick<CostModel, 'threadStartMs'>,
  w: Workload,
  threads: number,
  opts: ThreadOptions,
  timeline: { readonly rows: Activity[][]; readonly gil: (string | null)[] } | null,
): number {
  type T = { item: number; phase: 'starting' | 'idle' | 'cpu' | 'io' | 'done'; left: number; ran: number };
  const ts: T[] = [];
  for (let i = 0; i < threads; i++) ts.push({ item: -1, phase: 'starting', left: 0, ran: 0 });
  const order = opts.order ?? ts.map((_, i) => i);
  const queue: number[] = [];
  const ending: number[] = [];
  let holder: number | null = null;
  let next = 0;
  let finished = 0;
  let t = 0;
  const limit = w.items * (w.cpuMs + w.ioMs) + threads * model.threadStartMs + 10;
  while (finished < w.items && t < limit) {
    for (let i = 0; i < threads; i++) {
      const th = ts[i] as T;
      if (th.phase === 'starting' && t >= (i + 1) * model.threadStartMs) th.phase = 'idle';
    }
    for (const i of order) {
      const th = ts[i] as T;
      if (th.phase !== 'idle') continue;
      // The thread takes the next item (or finds none left).
      if (next >= w.items) {
        th.phase = 'done';
        continue;
      }
      th.item = next++;
      if (w.cpuMs > 0) {
        th.phase = 'cpu';
        th.left = w.cpuMs;
        queue.push(i);
      } else {
        th.phase = 'io';
        th.left = w.ioMs;
      }
    }
    if (holder !== null && opts.quantum !== undefined && (ts[holder] as T).ran >= opts.quantum && queue.length > 0) {
      (ts[holder] as T).ran = 0;
      queue.push(holder);
      holder = null;
    }
    if (holder === null && queue.length > 0) {
      holder = queue.shift() as number;
      (ts[holder] as T).ran = 0;
    }
    timeline?.gil.push(holder === null ? null : `T${holder + 1}`);
    // Without a timeline, run `k` ticks at once: as many as pass before anything needs a
    // decision (a thread finishes starting, a CPU or I/O part ends, the quantum runs out).
    // The loop then runs once per decision instead of once per tick: O(items × threads)
    // steps instead of O(makespan × threads) (tests/unit/sim/pool/cost.test.ts checks both agree).
    let k = 1;
    if (timeline === null) {
      k = limit - t;
      for (let i = 0; i < threads; i++) {
        const th = ts[i] as T;
        if (th.phase === 'starting') k = Math.min(k, (i + 1) * model.threadStartMs - t);
        else if (th.phase === 'io' || (th.phase === 'cpu' && holder === i)) k = Math.min(k, th.left);
      }
      if (holder !== null && opts.quantum !== undefined && queue.length > 0) k = Math.min(k, opts.quantum - (ts[holder] as T).ran);
      k = Math.max(1, k);
    }
    // `k` ticks of work (`ending[0..ended)`: threads whose CPU or I/O part ends with the last of them)
    let ended = 0;
    for (let i = 0; i < threads; i++) {
      const th = ts[i] as T;
      const row = timeline?.rows[i];
      if (th.phase === 'cpu') {
        if (holder === i) {
          row?.push({ kind: 'cpu', item: th.item });
          th.ran += k;
          th.left -= k;
          if (th.left === 0) ending[ended++] = i;
        } else row?.push({ kind: 'gil-wait', item: th.item });
      } else if (th.phase === 'io') {
        row?.push({ kind: 'io', item: th.item });
        th.left -= k;
        if (th.left === 0) ending[ended++] = i;
      } else row?.push(th.phase === 'done' ? { kind: 'done' } : th.phase === 'starting' ? { kind: 'starting' } : { kind: 'idle' });
    }
    for (let k = 0; k < ended; k++) {
      const i = ending[k] as number;
      const th = ts[i] as T;
      if (th.phase === 'cpu') {
        holder = null;
        if (w.ioMs > 0) {
          th.phase = 'io';
          th.left = w.ioMs;
        } else {
          th.phase = 'idle';
          finished++;
        }
      } else {
        th.phase = 'idle';
        finished++;
      }
    }
    t += k;
  }
  return t;
}

export interface ProcessPoolPlan {
  readonly tasks: readonly Pick<PipeMessage, 'wire' | 'count'>[];
  readonly results: readonly Pick<PipeMessage, 'wire'>[];
}

export interface ChunkRun {
  readonly task: number;
  readonly worker: number;
  readonly sentAt: number;
  readonly start: number;
  readonly workEnd: number;
  readonly done: number;
}

export interface ProcessPoolRun extends Schedule {
  readonly chunks: readonly ChunkRun[];
  /** When the parent finished sending each task. */
  readonly sent: readonly number[];
}

/** When each chunk is sent, started, finished and answered (list scheduling; see the module comment). */
export function processPoolChunks(
  model: CostModel,
  w: Workload,
  workers: number,
  plan: ProcessPoolPlan,
  /** Which of several equally free workers takes a task (symmetric workers: never changes the makespan). */
  tieBreak: 'lowest' | 'highest' = 'lowest',
): { chunks: ChunkRun[]; sent: number[]; makespan: number } {
  const sent: number[] = [];
  let clock = 0;
  for (const t of plan.tasks) {
    clock += messageCost(model, t.wire);
    sent.push(clock);
  }
  const free: number[] = [];
  for (let i = 0; i < workers; i++) free.push(model.startMs);
  const chunks: ChunkRun[] = [];
  plan.tasks.forEach((t, j) => {
    let wk = tieBreak === 'lowest' ? 0 : workers - 1;
    for (let i = 1; i < workers; i++) {
      const k = tieBreak === 'lowest' ? i : workers - 1 - i;
      if ((free[k] as number) < (free[wk] as number)) wk = k;
    }
    const start = Math.max(free[wk] as number, sent[j] as number);
    const workEnd = start + t.count * (w.cpuMs + w.ioMs);
    const done = workEnd + messageCost(model, plan.results[j]?.wire ?? 0);
    free[wk] = done;
    chunks.push({ task: j, worker: wk, sentAt: sent[j] as number, start, workEnd, done });
  });
  return { chunks, sent, makespan: chunks.reduce((m, c) => Math.max(m, c.done), 0) };
}

/** The process-pool run with its timeline: the parent's task handler, then each worker. */
export function processPoolSchedule(model: CostModel, w: Workload, workers: number, plan: ProcessPoolPlan): ProcessPoolRun {
  const { chunks, sent, makespan } = processPoolChunks(model, w, workers, plan);
  // rows: the parent's task handler, then each worker
  const parent: Activity[] = [];
  // `sent` only grows, so the message being sent at tick t (the first one not yet sent) is found by walking
  // forward: O(makespan + tasks) instead of a search per tick, O(makespan × tasks). Same for each worker's chunks.
  for (let t = 0, j = 0; t < makespan; t++) {
    while (j < sent.length && (sent[j] as number) <= t) j++;
    parent.push(j === sent.length ? { kind: 'idle' } : { kind: 'send', message: j, direction: 'task' });
  }
  const rows = [{ id: 'parent', ticks: parent }];
  let firstItem = 0;
  const firstOf = plan.tasks.map((t) => {
    const f = firstItem;
    firstItem += t.count;
    return f;
  });
  for (let k = 0; k < workers; k++) {
    const mine = chunks.filter((c) => c.worker === k);
    const lastDone = mine.length > 0 ? Math.max(...mine.map((x) => x.done)) : Math.max(model.startMs, ...sent);
    const ticks: Activity[] = [];
    // A worker's chunks follow one another without overlapping, so the one running at tick t is found by walking forward.
    for (let t = 0, q = 0; t < makespan; t++) {
      if (t < model.startMs) {
        ticks.push({ kind: 'starting' });
        continue;
      }
      while (q < mine.length && (mine[q] as ChunkRun).done <= t) q++;
      const next = mine[q];
      const c = next !== undefined && t >= next.start ? next : undefined;
      if (!c) {
        ticks.push(t >= lastDone ? { kind: 'done' } : { kind: 'idle' });
        continue;
      }
      if (t >= c.workEnd) {
        ticks.push({ kind: 'send', message: c.task, direction: 'result' });
        continue;
      }
      const off = t - c.start;
      const per = w.cpuMs + w.ioMs;
      const item = (firstOf[c.task] as number) + Math.floor(off / per);
      ticks.push(off % per < w.cpuMs ? { kind: 'cpu', item } : { kind: 'io', item });
    }
    rows.push({ id: `worker ${k + 1}`, ticks });
  }
  return { makespan, rows, chunks, sent };
}
