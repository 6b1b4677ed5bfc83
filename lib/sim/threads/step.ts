/**
 * The thread simulator's step function: `(state, policy) → (next state, trace entry)`.
 * One step either runs the next statement of one ready thread (statements take no time)
 * or, when no thread is ready, advances the clock by one tick. States are immutable: the
 * step functions copy a state into a mutable `Machine`, step it and freeze the result, and
 * a whole run (`runCompiled`) steps one machine from start to end.
 */
import type {
  CallRecord,
  CallValue,
  CompiledProgram,
  EventState,
  Instr,
  InstantClocks,
  LockState,
  Nondeterminism,
  Outcome,
  PrintedLine,
  Resume,
  SimState,
  ThreadId,
  ThreadState,
  TickSnapshot,
  TiePolicy,
  TraceEntry,
  Wait,
} from './types';
import { markOf, printOf } from './python';

/** CPU work is tracked in 1/420 tick units: 420 is divisible by every thread count 1…7. */
export const CPU_UNITS = 420;

/** A safety net: programs without loops always end far sooner. */
export const MAX_TICKS = 10_000;

type Raised = NonNullable<CallRecord['raised']>;

/** The initial state: only the main thread is ready, every lock free, every event flag clear. */
export function initialState(program: CompiledProgram): SimState {
  const n = program.threads.length;
  const threads: ThreadState[] = program.threads.map((t) => ({
    id: t.id,
    index: t.index,
    daemon: t.daemon,
    pc: 0,
    status: t.index === 0 ? 'ready' : 'new',
  }));
  return {
    program,
    now: 0,
    threads,
    locks: program.spec.locks.map((l) => ({ id: l.id, kind: l.kind, holder: null, count: 0 })),
    events: program.spec.events.map((e) => ({ id: e.id, flag: false })),
    status: 'running',
    output: [],
    calls: [],
    callStart: threads.map(() => null),
    clocks: freshClocks(n),
    issues: [],
    snapshots: [],
  };
}

function freshClocks(n: number): InstantClocks {
  return { vc: new Array<number>(n * n).fill(0), accesses: [] };
}

/** The default policy: lower thread index first (main, T1, T2, …). */
export function defaultPolicy(threadCount: number): TiePolicy {
  const priority: number[] = [];
  for (let i = 0; i < threadCount; i++) priority.push(i);
  return { priority };
}

// ------------------------------------------------------------------ the machine

type Access = InstantClocks['accesses'][number];

/**
 * How a statement changes a thread record. An absent field keeps its value; `null` clears
 * an optional one (`wait: null`: no longer waiting).
 */
interface ThreadChange {
  readonly pc?: number;
  readonly status?: ThreadState['status'];
  readonly wait?: Wait | null;
  readonly resume?: Resume | null;
  readonly cpuLeft?: number | null;
  readonly raised?: string;
}

/**
 * A running program's state, mutable. The exported step functions copy a state into a
 * machine, take one step and freeze the result into a new state, so they stay pure; a
 * whole run (`runCompiled`) keeps one machine and freezes it once at the end, instead of
 * copying every array of the state at every step: a run of s steps whose state has grown
 * to size n (output, calls, snapshots) costs O(s) rather than O(s·n). The invariant tests
 * check that a run takes exactly the steps of `step()`.
 *
 * Thread, lock and event records are never mutated, only replaced, so a shallow copy of
 * `threads` or `locks` is a snapshot of them.
 */
export class Machine {
  readonly program: CompiledProgram;
  /** Number of threads (main included). */
  readonly n: number;
  now: number;
  status: SimState['status'];
  readonly threads: ThreadState[];
  readonly locks: LockState[];
  readonly events: EventState[];
  readonly output: PrintedLine[];
  readonly calls: CallRecord[];
  /** Pending call start ticks, by thread index (for calls that block). */
  readonly callStart: (number | null)[];
  /** Vector clocks of this tick, flattened: `vc[i * n + j]` is what thread i knows of thread j's clock. */
  readonly vc: number[];
  /** Accesses to shared objects made during this tick. */
  readonly accesses: Access[];
  readonly issues: Nondeterminism[];
  readonly snapshots: TickSnapshot[];
  /** What the current statement did, for the trace entry. */
  outcome: Outcome | null = null;
  /** The tie-break policy of the current step. */
  policy: TiePolicy = { priority: [] };

  /**
   * A machine holding a copy of `state` (the state itself is never changed). Without
   * `recording`, it takes the same steps but keeps no tick snapshots (for runs whose
   * outcome is all that is looked at).
   */
  constructor(
    state: SimState,
    readonly recording = true,
    adopt = false,
  ) {
    // `adopt`: take the state's arrays as they are (see `start`), else copy them.
    const own = <T>(list: readonly T[]): T[] => (adopt ? (list as T[]) : list.slice());
    this.program = state.program;
    this.n = state.threads.length;
    this.now = state.now;
    this.status = state.status;
    this.threads = own(state.threads);
    this.locks = own(state.locks);
    this.events = own(state.events);
    this.output = own(state.output);
    this.calls = own(state.calls);
    this.callStart = own(state.callStart);
    this.vc = own(state.clocks.vc);
    this.accesses = own(state.clocks.accesses);
    this.issues = own(state.issues);
    this.snapshots = own(state.snapshots);
  }

  /** A machine at the start of `program`: its initial state is made for it, so nothing is copied. */
  static start(program: CompiledProgram, recording = true): Machine {
    return new Machine(initialState(program), recording, true);
  }

  /**
   * The machine's state as an immutable state. It shares the machine's arrays: the machine
   * must not step again afterwards.
   */
  freeze(): SimState {
    return {
      program: this.program,
      now: this.now,
      threads: this.threads,
      locks: this.locks,
      events: this.events,
      status: this.status,
      output: this.output,
      calls: this.calls,
      callStart: this.callStart,
      clocks: { vc: this.vc, accesses: this.accesses },
      issues: this.issues,
      snapshots: this.snapshots,
    };
  }

  /** What thread i knows of thread j's clock. */
  clock(i: number, j: number): number {
    return this.vc[i * this.n + j] ?? 0;
  }

  tickOwn(t: number): number {
    const k = t * this.n + t;
    const c = (this.vc[k] ?? 0) + 1;
    this.vc[k] = c;
    return c;
  }

  thread(i: number): ThreadState {
    return this.threads[i] as ThreadState;
  }

  /** Replaces thread i's record by a changed copy (see `ThreadChange`). */
  setThread(i: number, change: ThreadChange): void {
    const cur = this.thread(i);
    this.threads[i] = {
      id: cur.id,
      index: cur.index,
      daemon: cur.daemon,
      pc: change.pc ?? cur.pc,
      status: change.status ?? cur.status,
      wait: change.wait === undefined ? cur.wait : (change.wait ?? undefined),
      resume: change.resume === undefined ? cur.resume : (change.resume ?? undefined),
      cpuLeft: change.cpuLeft === undefined ? cur.cpuLeft : (change.cpuLeft ?? undefined),
      raised: change.raised ?? cur.raised,
    };
  }

  indexOf(id: ThreadId): number {
    const i = this.threads.findIndex((t) => t.id === id);
    if (i < 0) throw new Error(`unknown thread ${id}`);
    return i;
  }

  lockIndex(id: string): number {
    return this.locks.findIndex((l) => l.id === id);
  }

  issue(kind: Nondeterminism['kind'], object: string, threads: number[]): void {
    // The threads involved, each once, by index.
    const order = [...new Set(threads)].sort((a, b) => a - b);
    const ids = order.map((i) => this.thread(i).id);
    this.issues.push({ kind, tick: this.now, object, threads: ids });
  }

  /**
   * Records an access to a shared object by thread `t` in the current tick and reports a
   * race when an earlier conflicting access by another thread did not happen-before it.
   */
  access(t: number, object: string, write: boolean): void {
    const own = this.tickOwn(t);
    for (const a of this.accesses) {
      if (a.object !== object || a.thread === t || !(a.write || write)) continue;
      if (this.clock(t, a.thread) < a.clock) this.issue('race', object, [a.thread, t]);
    }
    this.accesses.push({ object, thread: t, clock: own, write });
  }

  /** `from`'s action causes `to` to proceed: `to` inherits `from`'s knowledge (vector-clock join). */
  sync(from: number, to: number): void {
    const vc = this.vc;
    const n = this.n;
    for (let k = 0; k < n; k++) {
      const a = vc[from * n + k] ?? 0;
      if (a > (vc[to * n + k] ?? 0)) vc[to * n + k] = a;
    }
  }

  print(t: number, text: string): void {
    this.access(t, 'stdout', true);
    this.output.push({ tick: this.now, thread: this.thread(t).id, text });
  }

  record(call: CallRecord): void {
    this.calls.push(call);
  }

  /** The thread that runs next under the policy: the first ready one, or -1 (the clock advances). */
  nextThread(policy: TiePolicy): number {
    return policy.priority.find((i) => this.threads[i]?.status === 'ready') ?? -1;
  }

  /** One step (see `step`). */
  step(policy: TiePolicy): TraceEntry {
    if (this.status !== 'running') throw new Error(`the program has ${this.status}`);
    const i = this.nextThread(policy);
    return i >= 0 ? this.runThread(i, policy) : this.advanceTick(policy);
  }

  /** Runs thread `index`'s next statement (see `runThread`). */
  runThread(index: number, policy: TiePolicy): TraceEntry {
    const th = this.threads[index];
    if (!th || th.status !== 'ready') throw new Error(`thread ${index} is not ready`);
    this.policy = policy;
    this.outcome = null;
    const pc = th.pc;
    const tick = this.now;
    const instr = this.program.threads[index]?.code[pc] ?? null;
    execute(this, index);
    if (this.status !== 'exited') return { kind: 'op', tick, thread: th.id, pc, instr, outcome: this.outcome };
    // At exit the last snapshot records the state the interpreter exits in.
    if (this.recording) this.snapshots.push(snapshot(this));
    return { kind: 'exit', tick: this.now, killed: this.threads.filter((x) => x.status === 'killed').map((x) => x.id) };
  }

  /** Advances the clock one tick (see `advanceTick`). */
  advanceTick(policy: TiePolicy): TraceEntry {
    if (this.threads.some((t) => t.status === 'ready')) throw new Error('advanceTick with a ready thread');
    this.policy = policy;
    return tick(this, policy);
  }
}

/** A lock record with a new holder and count. */
function lockWith(lock: LockState, holder: ThreadId | null, count: number): LockState {
  return { ...lock, holder, count };
}

const alive = (t: ThreadState): boolean => t.status !== 'new' && t.status !== 'finished' && t.status !== 'killed';

function pyValue(v: CallValue): string {
  return v === null ? 'None' : v ? 'True' : 'False';
}

/** The object a call acts on (a lock, an event, a thread), as its call record names it. */
function instrTarget(ins: Instr): string {
  switch (ins.kind) {
    case 'acquire':
    case 'release':
    case 'with-enter':
    case 'with-exit':
      return ins.lock;
    case 'set':
    case 'clear':
    case 'is-set':
    case 'wait':
      return ins.event;
    case 'start':
    case 'join':
    case 'is-alive':
      return ins.thread;
    default:
      return '';
  }
}

// ------------------------------------------------------------------ statements

function complete(d: Machine, t: number, ins: Instr, value: CallValue, raised?: Raised): void {
  const th = d.thread(t);
  const mark = markOf(ins);
  d.record({
    thread: th.id,
    pc: th.pc,
    kind: ins.kind,
    target: instrTarget(ins),
    calledAt: d.callStart[t] ?? d.now,
    returnedAt: d.now,
    value,
    ...(mark !== undefined ? { mark } : {}),
    ...(raised ? { raised } : {}),
  });
  d.callStart[t] = null;
  if (raised) {
    raise(d, t, raised);
    return;
  }
  const print = printOf(ins);
  if (print !== undefined) d.print(t, `${print} ${pyValue(value)}`);
  const onFalse = ins.kind === 'acquire' && value === false ? ins.onFalse : undefined;
  d.setThread(t, { pc: onFalse ?? th.pc + 1, status: 'ready', wait: null, resume: null });
}

function block(d: Machine, t: number, wait: Wait, outcome: Outcome): void {
  if (d.callStart[t] === null) d.callStart[t] = d.now;
  d.setThread(t, { status: wait.on === 'sleep' ? 'sleeping' : 'blocked', wait, resume: null });
  d.outcome = outcome;
}

/**
 * An exception propagating out of a thread's function ends the thread: CPython prints the
 * traceback (threading.excepthook) and the thread finishes; `with` blocks on the way out
 * release their locks (`Lock.__exit__`), locks taken with a bare `acquire()` stay held.
 */
function raise(d: Machine, t: number, raised: Raised): void {
  const th = d.thread(t);
  const compiled = d.program.threads[t];
  if (compiled?.inTry[th.pc]) throw new Error('an exception inside try/finally is not modelled');
  const held = compiled?.withLocks[th.pc] ?? [];
  for (let k = held.length - 1; k >= 0; k--) releaseLock(d, t, held[k] as string);
  d.outcome = { kind: 'raised', error: raised.type };
  d.setThread(t, { raised: raised.type, pc: compiled?.code.length ?? th.pc });
  endThread(d, t);
}

/** Frees (or decrements) a lock; a freed lock passes to one blocked waiter. */
function releaseLock(d: Machine, t: number, lockId: string): Raised | null {
  const li = d.lockIndex(lockId);
  const lock = d.locks[li] as LockState;
  const me = d.thread(t).id;
  d.access(t, `lock:${lockId}`, true);
  if (lock.kind === 'Lock') {
    if (lock.holder === null) return { type: 'RuntimeError', message: 'release unlocked lock' };
  } else if (lock.holder !== me) {
    return { type: 'RuntimeError', message: 'cannot release un-acquired lock' };
  }
  const count = lock.kind === 'Lock' ? 0 : lock.count - 1;
  if (count > 0) {
    d.locks[li] = lockWith(lock, lock.holder, count);
    return null;
  }
  const waits = (w: ThreadState) => w.status === 'blocked' && w.wait?.on === 'lock' && w.wait.lock === lockId;
  const waiters = d.threads.filter(waits);
  if (waiters.length === 0) {
    d.locks[li] = lockWith(lock, null, 0);
    return null;
  }
  if (waiters.length > 1) d.issue('choice', `lock:${lockId}`, waiters.map((w) => w.index));
  // The lock goes to the first waiter in the policy's priority.
  const chosen = d.thread(d.policy.priority.find((i) => waits(d.thread(i))) as number);
  d.locks[li] = lockWith(lock, chosen.id, 1);
  d.sync(t, chosen.index);
  d.access(chosen.index, `lock:${lockId}`, true);
  d.setThread(chosen.index, { status: 'ready', resume: 'granted' });
  return null;
}

function wakeJoiners(d: Machine, t: number): void {
  const id = d.thread(t).id;
  for (const w of d.threads) {
    if (w.status === 'blocked' && w.wait?.on === 'join' && w.wait.thread === id) {
      d.sync(t, w.index);
      d.setThread(w.index, { status: 'ready', resume: 'signaled' });
    }
  }
  const main = d.thread(0);
  if (main.status === 'blocked' && main.wait?.on === 'shutdown' && nonDaemonDone(d)) {
    d.sync(t, 0);
    d.setThread(0, { status: 'ready', resume: 'signaled' });
  }
}

function nonDaemonDone(d: Machine): boolean {
  return d.threads.every((x) => x.index === 0 || x.daemon || !alive(x));
}

/** End of a thread's function (or an uncaught exception). Main instead starts shutdown. */
function endThread(d: Machine, t: number): void {
  if (t === 0) {
    shutdown(d);
    return;
  }
  d.access(t, `thread:${d.thread(t).id}`, true);
  d.setThread(t, { status: 'finished', wait: null, resume: null });
  d.outcome ??= { kind: 'finished' };
  wakeJoiners(d, t);
}

/**
 * Interpreter exit: after the main thread's last statement, `threading._shutdown` joins every
 * non-daemon thread; then daemon threads are stopped where they are (no later statement, no
 * `finally` block runs).
 */
function shutdown(d: Machine): void {
  if (!nonDaemonDone(d)) {
    d.setThread(0, { status: 'blocked', wait: { on: 'shutdown' }, resume: null });
    d.outcome ??= { kind: 'shutdown-wait' };
    return;
  }

  const killed: number[] = [];
  for (const x of d.threads) {
    if (!x.daemon) continue;
    const ranNow = d.clock(x.index, x.index) > d.clock(0, x.index);
    if (x.status === 'ready' || (ranNow && x.status !== 'new')) d.issue('exit-race', 'exit', [0, x.index]);
    if (alive(x)) killed.push(x.index);
  }
  for (const k of killed) d.setThread(k, { status: 'killed', resume: null });
  d.setThread(0, { status: 'finished', wait: null, resume: null });
  d.status = 'exited';
}

function execute(d: Machine, t: number): void {
  const th = d.thread(t);
  // Every statement advances the thread's own clock, so exit races see it ran this tick.
  d.tickOwn(t);
  const ins = d.program.threads[t]?.code[th.pc];
  if (th.resume) {
    resume(d, t, th.resume, ins);
    return;
  }
  if (!ins) {
    endThread(d, t);
    return;
  }
  d.callStart[t] = d.now;
  switch (ins.kind) {
    case 'start': {
      const target = d.indexOf(ins.thread);
      if (d.thread(target).status !== 'new') {
        complete(d, t, ins, null, { type: 'RuntimeError', message: 'threads can only be started once' });
        return;
      }
      d.access(t, `thread:${ins.thread}`, true);
      d.sync(t, target);
      d.setThread(target, { status: 'ready' });
      d.outcome = { kind: 'started', thread: ins.thread };
      complete(d, t, ins, null);
      return;
    }
    case 'join': {
      const target = d.indexOf(ins.thread);
      if (target === t) {
        complete(d, t, ins, null, { type: 'RuntimeError', message: 'cannot join current thread' });
        return;
      }
      if (d.thread(target).status === 'new') {
        complete(d, t, ins, null, { type: 'RuntimeError', message: 'cannot join thread before it is started' });
        return;
      }
      // join() returns at the same tick whether the target finishes just before or just
      // after the call within that tick, so it takes part in no race; observing the end of
      // the thread orders everything the thread did before everything after join().
      if (!alive(d.thread(target))) d.sync(target, t);
      if (!alive(d.thread(target)) || ins.timeout === 0 || (ins.timeout !== undefined && ins.timeout < 0)) {
        d.outcome = { kind: 'returned', value: null };
        complete(d, t, ins, null);
        return;
      }
      block(d, t, { on: 'join', thread: ins.thread, deadline: ins.timeout === undefined ? null : d.now + ins.timeout }, { kind: 'joining', thread: ins.thread });
      return;
    }
    case 'acquire':
    case 'with-enter': {
      const blocking = ins.kind === 'acquire' ? ins.blocking !== false : true;
      const timeout = ins.kind === 'acquire' ? (ins.timeout ?? -1) : -1;
      if (!blocking && timeout !== -1) {
        complete(d, t, ins, null, { type: 'ValueError', message: "can't specify a timeout for a non-blocking call" });
        return;
      }
      if (timeout < 0 && timeout !== -1) {
        complete(d, t, ins, null, { type: 'ValueError', message: 'timeout value must be positive' });
        return;
      }
      const li = d.lockIndex(ins.lock);
      const lock = d.locks[li] as LockState;
      const free = lock.holder === null || (lock.kind === 'RLock' && lock.holder === th.id);
      if (free) {
        d.access(t, `lock:${ins.lock}`, true);
        d.locks[li] = lockWith(lock, th.id, lock.count + 1);
        d.outcome = { kind: 'acquired' };
        if (ins.kind === 'acquire') complete(d, t, ins, true);
        else d.setThread(t, { pc: th.pc + 1 });
        return;
      }
      d.access(t, `lock:${ins.lock}`, false);
      if (!blocking || timeout === 0) {
        d.outcome = { kind: 'returned', value: false };
        complete(d, t, ins, false);
        return;
      }
      block(d, t, { on: 'lock', lock: ins.lock, deadline: timeout === -1 ? null : d.now + timeout }, { kind: 'blocked', lock: ins.lock });
      return;
    }
    case 'release':
    case 'with-exit': {
      const raised = releaseLock(d, t, ins.lock);
      d.outcome = raised ? { kind: 'raised', error: raised.type } : { kind: 'released' };
      if (ins.kind === 'release') complete(d, t, ins, null, raised ?? undefined);
      else if (raised) raise(d, t, raised);
      else d.setThread(t, { pc: th.pc + 1 });
      return;
    }
    case 'set':
    case 'clear': {
      d.access(t, `event:${ins.event}`, true);
      const ei = d.events.findIndex((e) => e.id === ins.event);
      d.events[ei] = { id: ins.event, flag: ins.kind === 'set' };
      if (ins.kind === 'set') {
        for (const w of d.threads) {
          if (w.status === 'blocked' && w.wait?.on === 'event' && w.wait.event === ins.event) {
            d.sync(t, w.index);
            d.setThread(w.index, { status: 'ready', resume: 'signaled' });
          }
        }
      }
      d.outcome = { kind: 'flag', value: ins.kind === 'set' };
      complete(d, t, ins, null);
      return;
    }
    case 'is-set': {
      d.access(t, `event:${ins.event}`, false);
      const flag = d.events.find((e) => e.id === ins.event)?.flag ?? false;
      d.outcome = { kind: 'returned', value: flag };
      complete(d, t, ins, flag);
      return;
    }
    case 'wait': {
      d.access(t, `event:${ins.event}`, false);
      const flag = d.events.find((e) => e.id === ins.event)?.flag ?? false;
      if (flag) {
        d.outcome = { kind: 'returned', value: true };
        complete(d, t, ins, true);
        return;
      }
      if (ins.timeout !== undefined && ins.timeout <= 0) {
        d.outcome = { kind: 'returned', value: false };
        complete(d, t, ins, false);
        return;
      }
      block(d, t, { on: 'event', event: ins.event, deadline: ins.timeout === undefined ? null : d.now + ins.timeout }, { kind: 'waiting', event: ins.event });
      return;
    }
    case 'sleep': {
      if (ins.ticks === 0) {
        complete(d, t, ins, null);
        return;
      }
      block(d, t, { on: 'sleep', until: d.now + ins.ticks }, { kind: 'sleeping', ticks: ins.ticks });
      return;
    }
    case 'cpu': {
      if (ins.ticks === 0) {
        complete(d, t, ins, null);
        return;
      }
      d.setThread(t, { status: 'cpu', cpuLeft: ins.ticks * CPU_UNITS });
      d.outcome = { kind: 'computing', ticks: ins.ticks };
      return;
    }
    case 'jump': {
      d.setThread(t, { pc: ins.to });
      d.outcome = { kind: 'jumped' };
      return;
    }
    case 'print': {
      d.print(t, ins.text);
      d.outcome = { kind: 'printed', text: ins.text };
      d.setThread(t, { pc: th.pc + 1 });
      return;
    }
    case 'is-alive': {
      d.access(t, `thread:${ins.thread}`, false);
      const v = alive(d.thread(d.indexOf(ins.thread)));
      d.outcome = { kind: 'returned', value: v };
      complete(d, t, ins, v);
      return;
    }
  }
}

function resume(d: Machine, t: number, how: Resume, ins: Instr | undefined): void {
  const th = d.thread(t);
  if (!ins) {
    // Main thread woken from shutdown: every non-daemon thread has finished.
    d.setThread(t, { resume: null, wait: null, status: 'ready' });
    shutdown(d);
    return;
  }
  switch (ins.kind) {
    case 'acquire':
    case 'with-enter':
      if (how === 'granted') {
        d.outcome = { kind: 'acquired' };
        if (ins.kind === 'acquire') complete(d, t, ins, true);
        else d.setThread(t, { pc: th.pc + 1, status: 'ready', wait: null, resume: null });
      } else {
        d.access(t, `lock:${ins.lock}`, false);
        d.outcome = { kind: 'timed-out', value: false };
        complete(d, t, ins, false);
      }
      return;
    case 'wait':
      // Woken by set(): Condition.wait already returned True (a later clear() cannot undo
      // it); only a timeout looks at the flag, racing any set() in the same tick.
      if (how !== 'signaled') d.access(t, `event:${ins.event}`, false);
      d.outcome = how === 'signaled' ? { kind: 'returned', value: true } : { kind: 'timed-out', value: false };
      complete(d, t, ins, how === 'signaled');
      return;
    case 'join':
      d.outcome = how === 'signaled' ? { kind: 'joined', thread: ins.thread } : { kind: 'timed-out', value: null };
      complete(d, t, ins, null);
      return;
    default:
      d.outcome = how === 'slept' ? { kind: 'woke' } : { kind: 'computed' };
      complete(d, t, ins, null);
  }
}

// ------------------------------------------------------------------ time

/** True when a thread is ready to run a statement in the current tick. */
export function hasReady(state: SimState): boolean {
  return state.threads.some((t) => t.status === 'ready');
}

function snapshot(state: Pick<SimState, 'now' | 'threads' | 'locks' | 'events'>): TickSnapshot {
  const cpu = state.threads.filter((t) => t.status === 'cpu').length;
  return {
    tick: state.now,
    threads: state.threads.map((t) => {
      const gilShare = t.status === 'cpu' ? cpu : 0;
      return t.wait ? { status: t.status, wait: t.wait, gilShare } : { status: t.status, gilShare };
    }),
    holders: state.locks.map((l) => l.holder),
    flags: state.events.map((e) => e.flag),
  };
}

/** The tick a timed wait gives up at (lock, event and join waits), or null (no timeout, or none). */
function deadlineOf(w: Wait | undefined): number | null {
  if (!w) return null;
  switch (w.on) {
    case 'lock':
    case 'event':
    case 'join':
      return w.deadline;
    default:
      return null;
  }
}

/** The clock advance of `advanceTick`, on a machine with no ready thread. */
function tick(m: Machine, policy: TiePolicy): TraceEntry {
  const threads = m.threads;
  let timed = false;
  let cpuCount = 0;
  for (const t of threads) {
    if (t.status === 'cpu') cpuCount++;
    if (t.status === 'cpu' || t.status === 'sleeping' || (t.status === 'blocked' && deadlineOf(t.wait) !== null)) timed = true;
  }
  if (!timed) {
    const stuck = threads.filter(alive).map((t) => t.id);
    if (m.recording) m.snapshots.push(snapshot(m));
    m.status = 'hung';
    return { kind: 'hung', tick: m.now, stuck };
  }
  if (m.now >= MAX_TICKS) throw new Error('simulation exceeded MAX_TICKS');
  // The snapshot shows the tick that ends now, so it is taken before anything changes.
  const snap = m.recording ? snapshot(m) : null;
  const next = m.now + 1;
  const share = cpuCount > 0 ? CPU_UNITS / cpuCount : 0;
  const favoured = policy.gil === 'priority' ? policy.priority.find((i) => threads[i]?.status === 'cpu') : undefined;
  let fractional: number[] | null = null;
  // One pass by index: each thread's record is read, then replaced if the tick changes it;
  // nothing here reads another thread's record, so the order does not matter.
  for (let i = 0; i < threads.length; i++) {
    const th = threads[i] as ThreadState;
    const w = th.wait;
    if (th.status === 'cpu') {
      const got = favoured === undefined ? share : i === favoured ? CPU_UNITS : 0;
      if (got === 0) continue;
      const left = (th.cpuLeft ?? 0) - got;
      if (left < 0) (fractional ??= []).push(i);
      if (left <= 0) m.setThread(i, { status: 'ready', resume: 'cpu-done', cpuLeft: null });
      else m.setThread(i, { cpuLeft: left });
    } else if (th.status === 'sleeping' && w?.on === 'sleep' && w.until === next) {
      m.setThread(i, { status: 'ready', resume: 'slept' });
    } else if (th.status === 'blocked' && deadlineOf(w) === next) {
      m.setThread(i, { status: 'ready', resume: 'timeout' });
    }
  }
  // A new tick: fresh vector clocks, no accesses yet.
  for (let k = 0; k < m.vc.length; k++) m.vc[k] = 0;
  m.accesses.length = 0;
  if (fractional) m.issues.push({ kind: 'fractional', tick: next, object: 'GIL', threads: fractional.map((i) => threads[i]?.id ?? '') });
  if (snap) m.snapshots.push(snap);
  m.now = next;
  return { kind: 'tick', tick: next };
}

/**
 * Advances the clock one tick when no thread is ready. CPU-bound threads share the GIL
 * equally (CPython's GIL hands over every 5 ms switch interval, far below a tick), so k
 * of them each get 1/k of the tick; sleeping and blocked threads do not hold the GIL.
 * Sleeps end and timeouts expire at the new tick. With nothing timed left, the program
 * hangs: the threads still blocked wait forever.
 */
export function advanceTick(state: SimState, policy: TiePolicy): { state: SimState; entry: TraceEntry } {
  const m = new Machine(state);
  const entry = m.advanceTick(policy);
  return { state: m.freeze(), entry };
}

/**
 * Runs the next statement of thread `index` (which must be ready). Models CPython 3:
 * `Lock.acquire(blocking=True, timeout=-1)` returns True/False, a non-blocking call returns
 * at once, a timeout gives up after it, `acquire(False, t)` with t ≠ -1 raises ValueError;
 * any thread may release a held `Lock`, releasing an unlocked one raises RuntimeError; an
 * `RLock` is owned and re-entrant, released only by its owner as often as acquired
 * (RuntimeError otherwise); `Event.set` wakes every waiter and `wait` returns the flag
 * (False on timeout); `join(timeout)` returns None; `is_alive()` is True from `start()`
 * until the function returns.
 */
export function runThread(state: SimState, index: number, policy: TiePolicy): { state: SimState; entry: TraceEntry } {
  const m = new Machine(state);
  const entry = m.runThread(index, policy);
  return { state: m.freeze(), entry };
}

/**
 * One step: the first ready thread in the policy's priority runs one statement; with none
 * ready, the clock advances one tick.
 */
export function step(state: SimState, policy: TiePolicy): { state: SimState; entry: TraceEntry } {
  const m = new Machine(state);
  const entry = m.step(policy);
  return { state: m.freeze(), entry };
}
