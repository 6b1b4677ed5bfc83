/**
 * "Be the scheduler": a small program model the learner schedules by hand. A program is
 * 2–4 threads of straight-line statements over CPython's `threading` primitives; the
 * learner picks which runnable thread runs its next statement, or lets the clock run to
 * the next timer. Pure data: JSON-safe, compared and hashed by value.
 */

/** One statement (or, for `counter += 1`, one of its bytecode steps). */
export type Instr =
  | { readonly op: 'acquire'; readonly lock: string; readonly timeout?: number }
  | { readonly op: 'release'; readonly lock: string }
  /** `if got: L.release()` after a timed acquire. */
  | { readonly op: 'release-if-got'; readonly lock: string }
  | { readonly op: 'print'; readonly text: string }
  | { readonly op: 'set'; readonly event: string }
  | { readonly op: 'wait'; readonly event: string }
  | { readonly op: 'sleep'; readonly ticks: number }
  /** `counter += 1` as the GIL sees it: LOAD the global, ADD 1, STORE it back. */
  | { readonly op: 'load' }
  | { readonly op: 'add' }
  | { readonly op: 'store' };

export interface ChallengeThread {
  /** "T1".."T4": also what the learner presses (its digit). */
  readonly name: string;
  readonly daemon: boolean;
  readonly body: readonly Instr[];
}

export interface ChallengeLock {
  readonly name: string;
  /** threading.RLock: the owner may acquire again. */
  readonly reentrant: boolean;
}

export interface ChallengeProgram {
  readonly threads: readonly ChallengeThread[];
  readonly locks: readonly ChallengeLock[];
  readonly events: readonly string[];
  /** Whether the program has the shared global `counter` (starts at 0). */
  readonly counter: boolean;
}

/** What the learner must make happen. */
export type Goal =
  | { readonly kind: 'deadlock' }
  | { readonly kind: 'print-first'; readonly line: string }
  /** The timed acquire of this thread returns False. */
  | { readonly kind: 'acquire-false'; readonly thread: string }
  /** The program ends with `counter` different from the number of increments. */
  | { readonly kind: 'counter-wrong'; readonly expected: number }
  /** The program exits (daemon threads are killed) before this daemon prints `line`. */
  | { readonly kind: 'daemon-silent'; readonly thread: string; readonly line: string };

export type GoalKind = Goal['kind'];

/** What a thread is waiting for on a timer. */
export type TimedWait =
  | { readonly kind: 'sleep'; readonly until: number }
  | { readonly kind: 'acquire'; readonly lock: string; readonly until: number };

export interface ThreadState {
  /** Index of the next instruction; `body.length` when finished. */
  readonly pc: number;
  /** The value LOADed from `counter` and not yet STOREd back. */
  readonly reg: number | null;
  /** What the timed acquire returned (null: not returned yet). */
  readonly got: boolean | null;
  readonly wait: TimedWait | null;
}

export interface LockState {
  readonly owner: string | null;
  readonly count: number;
}

export interface ChallengeState {
  readonly clock: number;
  readonly threads: Readonly<Record<string, ThreadState>>;
  readonly locks: Readonly<Record<string, LockState>>;
  readonly events: Readonly<Record<string, boolean>>;
  readonly counter: number;
  readonly output: readonly string[];
}

/** A learner's move: run one step of a thread, or let the clock run to the next timer. */
export type Move = string;
export const TICK: Move = 'tick';

/** The answer that no schedule reaches the goal. */
export const IMPOSSIBLE = 'impossible';

/** One instruction that completed during a move (what a replay waits for). */
export interface Completed {
  readonly thread: string;
  readonly index: number;
}

/** A structured trace entry of one move; text is made in lib/questions/challenge/explain.ts. */
export type StepEvent =
  | { readonly kind: 'ran'; readonly thread: string; readonly instr: Instr; readonly got?: boolean }
  | { readonly kind: 'blocks'; readonly thread: string; readonly lock: string; readonly until: number }
  | { readonly kind: 'sleeps'; readonly thread: string; readonly until: number }
  | { readonly kind: 'clock'; readonly to: number }
  | { readonly kind: 'wakes'; readonly thread: string }
  | { readonly kind: 'times-out'; readonly thread: string; readonly lock: string }
  | { readonly kind: 'hand-off'; readonly thread: string; readonly lock: string };

export interface StepResult {
  readonly state: ChallengeState;
  readonly events: readonly StepEvent[];
  readonly completed: readonly Completed[];
}
