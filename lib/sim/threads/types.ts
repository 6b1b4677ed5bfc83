/**
 * The program language of the thread simulator: a main thread and up to six more, each
 * running a straight-line list of operations on `threading.Lock`/`RLock`, `Event`,
 * `Thread` and `time`. Time is counted in integer ticks (one tick = one second in the
 * code shown to learners). Everything here is plain data (JSON-safe).
 */

/** Thread ids: `main` is CPython's `MainThread`; others are `T1` … `T6`. */
export type ThreadId = string;

export const MAIN: ThreadId = 'main';
export const MAX_EXTRA_THREADS = 6;

export type LockKind = 'Lock' | 'RLock';

/** One statement of a thread body. `print` on a call op prints `<print> <result>`. */
export type Op =
  | { readonly kind: 'start'; readonly thread: ThreadId }
  | { readonly kind: 'join'; readonly thread: ThreadId; readonly timeout?: number }
  | {
      readonly kind: 'acquire';
      readonly lock: string;
      /** `blocking` argument; omitted means the default `True`. */
      readonly blocking?: boolean;
      /** `timeout` argument in ticks; omitted means the default `-1` (wait forever). */
      readonly timeout?: number;
      /** Bind the result to this Python variable. */
      readonly bind?: string;
      /** Print the result after this prefix. */
      readonly print?: string;
      /** A marker shown as a `# (A)` comment so a question can point at this call. */
      readonly mark?: string;
    }
  /**
   * `if lock.acquire(...):` body, then `lock.release()`; `else:` orElse. The acquire's
   * arguments are as in `acquire`.
   */
  | {
      readonly kind: 'if-acquire';
      readonly lock: string;
      readonly blocking?: boolean;
      readonly timeout?: number;
      readonly body: readonly Op[];
      readonly orElse?: readonly Op[];
      readonly mark?: string;
    }
  | { readonly kind: 'release'; readonly lock: string; readonly mark?: string }
  | { readonly kind: 'with'; readonly lock: string; readonly body: readonly Op[] }
  | { readonly kind: 'try-finally'; readonly body: readonly Op[]; readonly final: readonly Op[] }
  | { readonly kind: 'set'; readonly event: string; readonly mark?: string }
  | { readonly kind: 'clear'; readonly event: string; readonly mark?: string }
  | { readonly kind: 'is-set'; readonly event: string; readonly print?: string; readonly mark?: string }
  | {
      readonly kind: 'wait';
      readonly event: string;
      readonly timeout?: number;
      readonly bind?: string;
      readonly print?: string;
      readonly mark?: string;
    }
  /**
   * Blocks for `ticks` ticks without the GIL: time.sleep(), or (via) a blocking read from a
   * pipe whose data arrives then, or select() on a socket until its timeout. CPython releases
   * the GIL around every blocking system call, so all three behave the same here.
   */
  | { readonly kind: 'sleep'; readonly ticks: number; readonly via?: BlockingIo }
  /** CPU-bound pure-Python work needing `ticks` ticks of CPU time (holds the GIL while running). */
  | { readonly kind: 'cpu'; readonly ticks: number }
  | { readonly kind: 'print'; readonly text: string }
  | { readonly kind: 'is-alive'; readonly thread: ThreadId; readonly print?: string; readonly mark?: string };

/** Blocking I/O calls a thread may wait in instead of sleep(). */
export type BlockingIo = 'pipe-read' | 'select';

export interface ThreadSpec {
  readonly id: ThreadId;
  readonly daemon: boolean;
  readonly body: readonly Op[];
}

export interface ProgramSpec {
  readonly locks: readonly { readonly id: string; readonly kind: LockKind }[];
  readonly events: readonly { readonly id: string }[];
  /** The main thread's statements (module level, after the definitions). */
  readonly main: readonly Op[];
  readonly threads: readonly ThreadSpec[];
}

/** A flattened instruction: `with` becomes enter/exit, `try/finally` its two bodies in order. */
export type Instr =
  | Exclude<Op, { kind: 'with' } | { kind: 'try-finally' } | { kind: 'if-acquire' } | { kind: 'acquire' }>
  | (Extract<Op, { kind: 'acquire' }> & { readonly onFalse?: number })
  | { readonly kind: 'jump'; readonly to: number }
  | { readonly kind: 'with-enter'; readonly lock: string }
  | { readonly kind: 'with-exit'; readonly lock: string };

export interface CompiledThread {
  readonly id: ThreadId;
  readonly index: number;
  readonly daemon: boolean;
  readonly code: readonly Instr[];
  /** For each instruction, the locks of the enclosing `with` blocks (outermost first). */
  readonly withLocks: readonly (readonly string[])[];
  /** For each instruction, whether it sits inside a `try` body that has a `finally`. */
  readonly inTry: readonly boolean[];
}

export interface CompiledProgram {
  readonly spec: ProgramSpec;
  /** Index 0 is the main thread. */
  readonly threads: readonly CompiledThread[];
}

/** Python value a call returned (None for join), or the exception it raised. */
export type CallValue = boolean | null;

export type ThreadStatus =
  | 'new'
  | 'ready'
  | 'cpu'
  | 'blocked'
  | 'sleeping'
  | 'finished'
  | 'killed';

export type Wait =
  | { readonly on: 'lock'; readonly lock: string; readonly deadline: number | null }
  | { readonly on: 'event'; readonly event: string; readonly deadline: number | null }
  | { readonly on: 'join'; readonly thread: ThreadId; readonly deadline: number | null }
  | { readonly on: 'sleep'; readonly until: number }
  | { readonly on: 'shutdown' };

/** How a blocked thread resumes: woken by another thread, or its timeout expired. */
export type Resume = 'granted' | 'signaled' | 'timeout' | 'slept' | 'cpu-done';

export interface ThreadState {
  readonly id: ThreadId;
  readonly index: number;
  readonly daemon: boolean;
  readonly pc: number;
  readonly status: ThreadStatus;
  readonly wait?: Wait;
  readonly resume?: Resume;
  /** Remaining CPU work, in 1/CPU_UNITS tick units. */
  readonly cpuLeft?: number;
  /** The exception that ended the thread, if any. */
  readonly raised?: string;
}

export interface LockState {
  readonly id: string;
  readonly kind: LockKind;
  readonly holder: ThreadId | null;
  /** Recursion level (RLock); 1 for a held Lock, 0 when free. */
  readonly count: number;
}

export interface EventState {
  readonly id: string;
  readonly flag: boolean;
}

export interface PrintedLine {
  readonly tick: number;
  readonly thread: ThreadId;
  readonly text: string;
}

/** One executed call with a value or an exception (acquire, wait, is_set, is_alive, join, release…). */
export interface CallRecord {
  readonly thread: ThreadId;
  /** Instruction index in the thread's compiled code. */
  readonly pc: number;
  readonly kind: Instr['kind'];
  readonly target: string;
  readonly mark?: string;
  /** Tick at which the call was made. */
  readonly calledAt: number;
  /** Tick at which it returned or raised. */
  readonly returnedAt: number;
  readonly value: CallValue;
  readonly raised?: { readonly type: 'RuntimeError' | 'ValueError'; readonly message: string };
}

/**
 * Why a run's outcome might differ on a real machine: two threads touched the same object
 * in the same tick without one causing the other, a lock with several waiters was released,
 * an exit raced a daemon thread, or CPU shares did not end on a tick boundary.
 */
export interface Nondeterminism {
  readonly kind: 'race' | 'choice' | 'exit-race' | 'fractional';
  readonly tick: number;
  readonly object: string;
  readonly threads: readonly ThreadId[];
}

export interface TickSnapshot {
  readonly tick: number;
  readonly threads: readonly {
    readonly status: ThreadStatus;
    readonly wait?: Wait;
    /** CPU-bound threads sharing the GIL in this tick (0 if not running). */
    readonly gilShare: number;
  }[];
  readonly holders: readonly (ThreadId | null)[];
  readonly flags: readonly boolean[];
}

/**
 * What one statement did, as data (the words for it in either language are made by the
 * questions layer). `returned` and `timed-out` carry the Python value the call returned.
 */
export type Outcome =
  | { readonly kind: 'acquired' }
  | { readonly kind: 'released' }
  | { readonly kind: 'returned'; readonly value: CallValue }
  | { readonly kind: 'timed-out'; readonly value: CallValue }
  | { readonly kind: 'raised'; readonly error: 'RuntimeError' | 'ValueError' }
  | { readonly kind: 'started'; readonly thread: ThreadId }
  /** `join()` returned because the thread it waited for finished. */
  | { readonly kind: 'joined'; readonly thread: ThreadId }
  | { readonly kind: 'blocked'; readonly lock: string }
  | { readonly kind: 'waiting'; readonly event: string }
  | { readonly kind: 'joining'; readonly thread: ThreadId }
  | { readonly kind: 'sleeping'; readonly ticks: number }
  | { readonly kind: 'computing'; readonly ticks: number }
  | { readonly kind: 'woke' }
  | { readonly kind: 'computed' }
  | { readonly kind: 'flag'; readonly value: boolean }
  | { readonly kind: 'printed'; readonly text: string }
  | { readonly kind: 'jumped' }
  | { readonly kind: 'finished' }
  /** The main thread's code ended and `threading._shutdown` waits for the non-daemon threads. */
  | { readonly kind: 'shutdown-wait' };

export type TraceEntry =
  | {
      readonly kind: 'op';
      readonly tick: number;
      readonly thread: ThreadId;
      readonly pc: number;
      readonly instr: Instr | null;
      /** What happened; null for a statement with nothing to report (`sleep(0)`). */
      readonly outcome: Outcome | null;
    }
  | { readonly kind: 'tick'; readonly tick: number }
  | { readonly kind: 'exit'; readonly tick: number; readonly killed: readonly ThreadId[] }
  | { readonly kind: 'hung'; readonly tick: number; readonly stuck: readonly ThreadId[] };

/** Per-tick race bookkeeping: vector clocks and the accesses made during the current tick. */
export interface InstantClocks {
  /** Vector clocks, flattened: `vc[i * n + j]` is what thread i knows of thread j's clock. */
  readonly vc: readonly number[];
  readonly accesses: readonly {
    readonly object: string;
    readonly thread: number;
    readonly clock: number;
    readonly write: boolean;
  }[];
}

export interface SimState {
  readonly program: CompiledProgram;
  readonly now: number;
  readonly threads: readonly ThreadState[];
  readonly locks: readonly LockState[];
  readonly events: readonly EventState[];
  readonly status: 'running' | 'exited' | 'hung';
  readonly output: readonly PrintedLine[];
  readonly calls: readonly CallRecord[];
  /** Pending call start ticks, by thread index (for calls that block). */
  readonly callStart: readonly (number | null)[];
  readonly clocks: InstantClocks;
  readonly issues: readonly Nondeterminism[];
  readonly snapshots: readonly TickSnapshot[];
}

/**
 * Tie-break policy: among threads ready in the same tick, the one earliest in `priority`
 * (thread indices) runs its next statement first; a released lock with several waiters goes
 * to the earliest waiter. Real threads give no such guarantee, so questions only use runs
 * in which the policy cannot matter (see `Nondeterminism`).
 */
export interface TiePolicy {
  readonly priority: readonly number[];
  /**
   * How CPU-bound threads share the GIL: 'fair' (default) gives each of k threads 1/k of
   * every tick, as CPython's 5 ms switch interval does on average; 'priority' gives the
   * whole tick to the first of them in `priority` (an extreme of unfair switching, used to
   * check that an answer does not depend on how the GIL happens to be shared).
   */
  readonly gil?: 'fair' | 'priority';
}
