/**
 * The scheduler's moves over a challenge program, as pure functions. The model follows
 * CPython's `threading` (Lib/threading.py, Modules/_threadmodule.c):
 * - `Lock.acquire()` blocks while another thread holds the lock, and also when the caller
 *   itself holds it (a Lock has no owner check: self-deadlock); an `RLock` lets its owner
 *   acquire again and counts the levels, freeing the lock when the count returns to 0.
 * - `acquire(timeout=t)` on a held lock waits at most t seconds and returns False when the
 *   time runs out; a release while it waits hands the lock to it (it returns True).
 * - `Event.wait()` blocks until the flag is set; `time.sleep(t)` parks the thread on a timer.
 * - `counter += 1` on a global is several bytecodes (LOAD_GLOBAL, BINARY_OP, STORE_GLOBAL);
 *   the GIL may switch threads between any two of them, so an update can be lost.
 * - The process exits when every non-daemon thread has finished; daemon threads are killed
 *   where they stand (threading._shutdown joins only non-daemon threads).
 */
import type {
  ChallengeProgram,
  ChallengeState,
  Completed,
  Goal,
  Instr,
  LockState,
  Move,
  StepEvent,
  StepResult,
  ThreadState,
} from './types';
import { TICK } from './types';

/** A move that is not allowed in the state it was tried in (a programmer's or a learner's mistake, checked first). */
export class IllegalMoveError extends Error {
  constructor(readonly move: Move) {
    super(`illegal move ${move}`);
  }
}

export function initialState(program: ChallengeProgram): ChallengeState {
  return {
    clock: 0,
    threads: Object.fromEntries(program.threads.map((t) => [t.name, { pc: 0, reg: null, got: null, wait: null }])),
    locks: Object.fromEntries(program.locks.map((l) => [l.name, { owner: null, count: 0 }])),
    events: Object.fromEntries(program.events.map((e) => [e, false])),
    counter: 0,
    output: [],
  };
}

function threadOf(program: ChallengeProgram, name: string) {
  const t = program.threads.find((x) => x.name === name);
  if (!t) throw new IllegalMoveError(name);
  return t;
}

function reentrant(program: ChallengeProgram, lock: string): boolean {
  return program.locks.find((l) => l.name === lock)?.reentrant ?? false;
}

/** The instruction a thread runs next, or null once it has finished. */
export function nextInstr(program: ChallengeProgram, state: ChallengeState, name: string): Instr | null {
  const t = threadOf(program, name);
  return t.body[(state.threads[name] as ThreadState).pc] ?? null;
}

/** Whether `name` may take `lock` right now without waiting. */
function canTake(program: ChallengeProgram, state: ChallengeState, name: string, lock: string): boolean {
  const l = state.locks[lock] as LockState;
  return l.owner === null || (l.owner === name && reentrant(program, lock));
}

/** Whether every non-daemon thread has finished: the process has exited. */
export function exited(program: ChallengeProgram, state: ChallengeState): boolean {
  return program.threads.every((t) => t.daemon || (state.threads[t.name] as ThreadState).pc >= t.body.length);
}

/** Whether a thread can run its next step now (not finished, not blocked, not on a timer). */
export function isRunnable(program: ChallengeProgram, state: ChallengeState, name: string): boolean {
  if (exited(program, state)) return false;
  const ts = state.threads[name] as ThreadState;
  if (ts.wait) return false;
  const instr = nextInstr(program, state, name);
  if (!instr) return false;
  if (instr.op === 'acquire' && instr.timeout === undefined) return canTake(program, state, name, instr.lock);
  if (instr.op === 'wait') return state.events[instr.event] === true;
  return true;
}

/** The threads that may run now, in program order. */
export function runnableThreads(program: ChallengeProgram, state: ChallengeState): string[] {
  return program.threads.map((t) => t.name).filter((n) => isRunnable(program, state, n));
}

/** The next timer (a sleep ending, a timed acquire running out), or null when none is pending. */
export function nextTimer(program: ChallengeProgram, state: ChallengeState): number | null {
  if (exited(program, state)) return null;
  let best: number | null = null;
  for (const t of program.threads) {
    const w = (state.threads[t.name] as ThreadState).wait;
    if (w && (best === null || w.until < best)) best = w.until;
  }
  return best;
}

/** Every move allowed now: the runnable threads, then `tick` when a timer is pending. */
export function legalMoves(program: ChallengeProgram, state: ChallengeState): Move[] {
  const moves = runnableThreads(program, state);
  if (nextTimer(program, state) !== null) moves.push(TICK);
  return moves;
}

/** No move is left: the process exited, or every remaining thread is blocked with no timer pending. */
export function isTerminal(program: ChallengeProgram, state: ChallengeState): boolean {
  return legalMoves(program, state).length === 0;
}

/** Terminal without having exited: the remaining threads wait for each other forever. */
export function isDeadlocked(program: ChallengeProgram, state: ChallengeState): boolean {
  return isTerminal(program, state) && !exited(program, state);
}

type Mutable = {
  threads: Record<string, ThreadState>;
  locks: Record<string, LockState>;
  events: Record<string, boolean>;
  counter: number;
  output: string[];
  clock: number;
};

function clone(state: ChallengeState): Mutable {
  return { ...state, threads: { ...state.threads }, locks: { ...state.locks }, events: { ...state.events }, output: [...state.output] };
}

/** Frees one level of `lock`; a freed lock goes straight to a thread in a timed acquire of it (the first in program order). */
function releaseLevel(program: ChallengeProgram, s: Mutable, lock: string, events: StepEvent[], completed: Completed[]) {
  const l = s.locks[lock] as LockState;
  const count = l.count - 1;
  if (count > 0) {
    s.locks[lock] = { owner: l.owner, count };
    return;
  }
  s.locks[lock] = { owner: null, count: 0 };
  for (const t of program.threads) {
    const ts = s.threads[t.name] as ThreadState;
    if (ts.wait?.kind === 'acquire' && ts.wait.lock === lock) {
      s.locks[lock] = { owner: t.name, count: 1 };
      s.threads[t.name] = { ...ts, wait: null, got: true, pc: ts.pc + 1 };
      events.push({ kind: 'hand-off', thread: t.name, lock });
      completed.push({ thread: t.name, index: ts.pc });
      return;
    }
  }
}

/**
 * Runs one step of thread `name` (one statement, or one bytecode step of `counter += 1`).
 * Throws IllegalMoveError when the thread is not runnable: check with `isRunnable` first.
 */
export function step(program: ChallengeProgram, state: ChallengeState, name: string): StepResult {
  if (!isRunnable(program, state, name)) throw new IllegalMoveError(name);
  const s = clone(state);
  const ts = s.threads[name] as ThreadState;
  const instr = nextInstr(program, state, name) as Instr;
  const events: StepEvent[] = [];
  const completed: Completed[] = [];
  const done = (patch: Partial<ThreadState> = {}) => {
    s.threads[name] = { ...ts, ...patch, pc: ts.pc + 1 };
    completed.push({ thread: name, index: ts.pc });
  };
  switch (instr.op) {
    case 'acquire': {
      if (canTake(program, state, name, instr.lock)) {
        const l = s.locks[instr.lock] as LockState;
        s.locks[instr.lock] = { owner: name, count: l.count + 1 };
        const got = instr.timeout === undefined ? undefined : true;
        done(got === undefined ? {} : { got });
        events.push({ kind: 'ran', thread: name, instr, ...(got === undefined ? {} : { got }) });
      } else {
        const until = s.clock + (instr.timeout as number);
        s.threads[name] = { ...ts, wait: { kind: 'acquire', lock: instr.lock, until } };
        events.push({ kind: 'blocks', thread: name, lock: instr.lock, until });
      }
      return { state: s, events, completed };
    }
    case 'release':
      done();
      events.push({ kind: 'ran', thread: name, instr });
      releaseLevel(program, s, instr.lock, events, completed);
      return { state: s, events, completed };
    case 'release-if-got':
      done();
      events.push({ kind: 'ran', thread: name, instr });
      if (ts.got) releaseLevel(program, s, instr.lock, events, completed);
      return { state: s, events, completed };
    case 'print':
      s.output.push(instr.text);
      break;
    case 'set':
      s.events[instr.event] = true;
      break;
    case 'wait':
      break;
    case 'sleep': {
      const until = s.clock + instr.ticks;
      s.threads[name] = { ...ts, wait: { kind: 'sleep', until } };
      events.push({ kind: 'sleeps', thread: name, until });
      return { state: s, events, completed };
    }
    case 'load':
      done({ reg: s.counter });
      events.push({ kind: 'ran', thread: name, instr });
      return { state: s, events, completed };
    case 'add':
      done({ reg: (ts.reg ?? 0) + 1 });
      events.push({ kind: 'ran', thread: name, instr });
      return { state: s, events, completed };
    case 'store':
      s.counter = ts.reg ?? 0;
      done({ reg: null });
      events.push({ kind: 'ran', thread: name, instr });
      return { state: s, events, completed };
  }
  done();
  events.push({ kind: 'ran', thread: name, instr });
  return { state: s, events, completed };
}

/**
 * Lets time pass to the next timer: sleeps ending then return, timed acquires still
 * waiting then return False. Throws IllegalMoveError when no timer is pending.
 */
export function advanceClock(program: ChallengeProgram, state: ChallengeState): StepResult {
  const to = nextTimer(program, state);
  if (to === null) throw new IllegalMoveError(TICK);
  const s = clone(state);
  s.clock = to;
  const events: StepEvent[] = [{ kind: 'clock', to }];
  const completed: Completed[] = [];
  for (const t of program.threads) {
    const ts = s.threads[t.name] as ThreadState;
    if (!ts.wait || ts.wait.until !== to) continue;
    if (ts.wait.kind === 'sleep') events.push({ kind: 'wakes', thread: t.name });
    else events.push({ kind: 'times-out', thread: t.name, lock: ts.wait.lock });
    s.threads[t.name] = { ...ts, wait: null, pc: ts.pc + 1, ...(ts.wait.kind === 'acquire' ? { got: false } : {}) };
    completed.push({ thread: t.name, index: ts.pc });
  }
  return { state: s, events, completed };
}

/** One move: `tick` or a thread's name. Throws IllegalMoveError when it is not allowed. */
export function applyMove(program: ChallengeProgram, state: ChallengeState, move: Move): StepResult {
  return move === TICK ? advanceClock(program, state) : step(program, state, move);
}

export type Outcome = 'won' | 'lost' | 'open';

/** Whether the goal has been reached in `state`, can no longer be, or is still open. */
export function outcome(program: ChallengeProgram, state: ChallengeState, goal: Goal): Outcome {
  const terminal = isTerminal(program, state);
  switch (goal.kind) {
    case 'deadlock':
      return isDeadlocked(program, state) ? 'won' : terminal ? 'lost' : 'open';
    case 'print-first': {
      const first = state.output[0];
      if (first === undefined) return terminal ? 'lost' : 'open';
      return first === goal.line ? 'won' : 'lost';
    }
    case 'acquire-false': {
      const got = (state.threads[goal.thread] as ThreadState).got;
      return got === false ? 'won' : got === true || terminal ? 'lost' : 'open';
    }
    case 'counter-wrong':
      if (!terminal) return 'open';
      return exited(program, state) && state.counter !== goal.expected ? 'won' : 'lost';
    case 'daemon-silent':
      if (state.output.includes(goal.line)) return 'lost';
      if (!terminal) return 'open';
      return exited(program, state) ? 'won' : 'lost';
  }
}

export type Replay =
  | { readonly status: 'ok'; readonly states: readonly ChallengeState[]; readonly outcome: Outcome }
  | { readonly status: 'illegal'; readonly at: number };

/** Plays a schedule from the start; stops at the first illegal move, or at the first move after the game is decided. */
export function replay(program: ChallengeProgram, goal: Goal, moves: readonly Move[]): Replay {
  const states: ChallengeState[] = [initialState(program)];
  for (let i = 0; i < moves.length; i++) {
    const current = states[states.length - 1] as ChallengeState;
    if (outcome(program, current, goal) !== 'open') return { status: 'illegal', at: i };
    const move = moves[i] as Move;
    if (!legalMoves(program, current).includes(move)) return { status: 'illegal', at: i };
    states.push(applyMove(program, current, move).state);
  }
  return { status: 'ok', states, outcome: outcome(program, states[states.length - 1] as ChallengeState, goal) };
}
