import { compileProgram } from './compile';
import { defaultPolicy, Machine } from './step';
import type { CompiledProgram, LockState, ProgramSpec, SimState, ThreadId, ThreadState, TiePolicy, TraceEntry } from './types';

export interface RunResult {
  readonly final: SimState;
  readonly trace: readonly TraceEntry[];
  /** True when no tie in any tick could change the run (no races, choices or fractional CPU). */
  readonly tieFree: boolean;
  /** Threads in a wait-for cycle (deadlock), and threads blocked forever behind them. */
  readonly deadlock: DeadlockReport;
}

export interface DeadlockReport {
  /** Threads in a cycle of waits without timeout (a Lock taken twice by its owner is a cycle of one). */
  readonly cycle: readonly ThreadId[];
  /** Every thread that can never proceed: the cycle and those waiting on it. */
  readonly stuck: readonly ThreadId[];
}

/**
 * Wait-for analysis over a state: a thread waiting without timeout on a lock waits for its
 * holder, a thread in `join()` without timeout waits for that thread. A thread is stuck
 * forever when following these edges reaches a cycle. (Event waits are not edges: any
 * thread might set the flag, so they are never reported as deadlock cycles.)
 */
export function analyzeDeadlock(state: SimState): DeadlockReport {
  return waitForCycles(state.threads, state.locks);
}

/** `analyzeDeadlock` over thread and lock records. */
function waitForCycles(threads: readonly ThreadState[], locks: readonly LockState[]): DeadlockReport {
  const next = new Map<ThreadId, ThreadId>();
  for (const t of threads) {
    if (t.status !== 'blocked' || !t.wait) continue;
    if (t.wait.on === 'lock' && t.wait.deadline === null) {
      const holder = locks.find((l) => l.id === (t.wait as { lock: string }).lock)?.holder;
      if (holder) next.set(t.id, holder);
    } else if (t.wait.on === 'join' && t.wait.deadline === null) {
      next.set(t.id, t.wait.thread);
    }
  }
  const cycle = new Set<ThreadId>();
  const stuck = new Set<ThreadId>();
  for (const start of next.keys()) {
    const path: ThreadId[] = [];
    let cur: ThreadId | undefined = start;
    while (cur !== undefined && !path.includes(cur)) {
      path.push(cur);
      cur = next.get(cur);
    }
    if (cur === undefined) continue;
    for (const id of path.slice(path.indexOf(cur))) cycle.add(id);
    for (const id of path) stuck.add(id);
  }
  const order = threads.map((t) => t.id);
  const sorted = (s: Set<ThreadId>) => order.filter((id) => s.has(id));
  return { cycle: sorted(cycle), stuck: sorted(stuck) };
}

/** Runs a compiled program to exit (or hang) under a tie-break policy. */
export interface RunOptions {
  /** Stop at the first nondeterminism found (the run is then incomplete and not tie-free). */
  readonly stopOnIssue?: boolean;
}

/**
 * Steps a compiled program from its initial state until the interpreter exits or hangs
 * (every remaining thread blocked with nothing timed left), collecting the trace. At exit
 * the wait-for graph is analysed as it stood just before the daemon threads were stopped.
 */
export function runCompiled(program: CompiledProgram, policy?: TiePolicy, options: RunOptions = {}): RunResult {
  const pol = policy ?? defaultPolicy(program.threads.length);
  // One machine for the whole run: the same steps as `step()` without copying the state at
  // each step (O(steps) instead of O(steps × state size); see `Machine`).
  const m = Machine.start(program);
  const trace: TraceEntry[] = [];
  let deadlock: DeadlockReport = { cycle: [], stuck: [] };
  while (m.status === 'running') {
    if (options.stopOnIssue && m.issues.length > 0) break;
    const next = m.nextThread(pol);
    if (next < 0) {
      const entry = m.advanceTick(pol);
      trace.push(entry);
      if (entry.kind === 'hung') deadlock = waitForCycles(m.threads, m.locks);
      continue;
    }
    // Only a step of the main thread can exit the interpreter (its end, or its return
    // from waiting for the other threads). Records are replaced, never changed, so these
    // copies keep the wait-for graph as it stood before that step.
    const threadsBefore = next === 0 ? m.threads.slice() : null;
    const locksBefore = next === 0 ? m.locks.slice() : null;
    const entry = m.runThread(next, pol);
    trace.push(entry);
    if (entry.kind === 'exit') {
      if (!threadsBefore || !locksBefore) throw new Error('the interpreter exited outside the main thread');
      deadlock = waitForCycles(threadsBefore, locksBefore);
    }
  }
  const final = m.freeze();
  return { final, trace, tieFree: final.issues.length === 0, deadlock };
}

/** Where a run ends. */
export interface RunEnd {
  readonly status: SimState['status'];
  /** The tick at which the interpreter exited (or hung). */
  readonly now: number;
  readonly tieFree: boolean;
  /** Everything printed, in order. */
  readonly output: SimState['output'];
}

/**
 * Runs a compiled program as `runCompiled` does but records nothing (no trace, no tick
 * snapshots, no deadlock analysis) and reports only where it ends: for checks that
 * re-simulate a program under many policies and compare only the outcome. A run then keeps
 * O(output) instead of O(steps + ticks × threads); the invariant tests check that it ends
 * where `runCompiled` does.
 */
export function runEnd(program: CompiledProgram, policy?: TiePolicy): RunEnd {
  const pol = policy ?? defaultPolicy(program.threads.length);
  const m = Machine.start(program, false);
  while (m.status === 'running') m.step(pol);
  return { status: m.status, now: m.now, tieFree: m.issues.length === 0, output: m.output };
}

/**
 * Simulates a program from start to interpreter exit. Deterministic: the same program and
 * policy always give the same run; no clock and no randomness are read.
 */
export function simulate(spec: ProgramSpec, policy?: TiePolicy, options?: RunOptions): RunResult {
  return runCompiled(compileProgram(spec), policy, options);
}

/** Every permutation of `0..n-1` (for exhaustive tie-order checks on small programs). */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let k = 0; k <= rest.length; k++) out.push([...rest.slice(0, k), n - 1, ...rest.slice(k)]);
  }
  return out;
}
