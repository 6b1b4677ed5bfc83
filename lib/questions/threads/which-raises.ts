/** "Which marked call raises, and what?" (unlocked release, RLock non-owner, acquire(False, timeout)) */
import type { Rng } from '@/lib/sim/rng';
import { compileProgram, simulate, type CompiledProgram, type Instr, type Op, type ProgramSpec, type RunResult, type ThreadSpec } from '@/lib/sim/threads';
import { inHamnidaGenerator, josa, L, option, PARTICLE, search, text } from '../kit';
import { threadMisconceptions as M } from '../misconceptions';
import { defineGenerator, type Generator, type Localized, type Misconception, type Option, type Tier } from '../types';
import { NO_TIES, TICK_MODEL, cleanRun, codeBlock, tieFreeUnderAllOrders, analyzed, runAnalysis, type RunAnalysis } from './common';
import { explanation } from './explain';
import { exportProgram } from './python-program';

export interface WhichRaisesScenario {
  readonly spec: ProgramSpec;
}

const MARKS = 'abcdefgh';

function answerOf(run: RunResult): string {
  const raised = run.final.calls.filter((c) => c.raised);
  const c = raised[0];
  if (!c) return 'none';
  return `${c.mark ?? '?'}:${c.raised?.type ?? '?'}`;
}

/** The exception a learner would expect from a marked call, if it failed. */
function plausible(op: Instr): string | null {
  if (op.kind === 'release') return 'RuntimeError';
  if (op.kind === 'acquire') {
    if (op.blocking === false && op.timeout !== undefined) return 'ValueError';
    if (op.timeout !== undefined) return 'TimeoutError';
    if (op.blocking === false) return 'RuntimeError';
  }
  return null;
}

function buildSpec(rng: Rng, tier: Tier): WhichRaisesScenario {
  const threads: ThreadSpec[] = [];
  if (tier === 1) {
    // One worker, a short sequence on one lock with (usually) exactly one bad call.
    const kind = rng.pick(['Lock', 'RLock'] as const);
    const lock = kind === 'Lock' ? 'lock' : 'rlock';
    const body: Op[] = [{ kind: 'acquire', lock }];
    let held = 1;
    const n = rng.int(2, 3);
    const badAt = rng.bool(0.85) ? rng.int(0, n - 1) : -1;
    for (let i = 0; i < n; i++) {
      if (i === badAt) {
        if (held === 0 || rng.bool(0.5)) {
          body.push({ kind: 'acquire', lock, blocking: false, timeout: rng.pick([0, 1, 2]), bind: 'ok' });
        } else {
          for (let k = 0; k <= held; k++) body.push({ kind: 'release', lock });
        }
        break;
      }
      const choice = rng.int(0, 3);
      if (choice === 0 && held > 0) {
        body.push({ kind: 'release', lock });
        held--;
      } else if (choice === 1) {
        body.push({ kind: 'acquire', lock, blocking: false, bind: 'ok' });
        if (kind === 'RLock' || held === 0) held++;
      } else if (choice === 2) {
        body.push({ kind: 'acquire', lock, timeout: rng.int(1, 2), bind: 'ok' });
        if (kind === 'RLock' || held === 0) held++;
      } else if (kind === 'RLock' || held === 0) {
        body.push({ kind: 'acquire', lock });
        held++;
      } else {
        body.push({ kind: 'release', lock });
        held--;
      }
    }
    threads.push({ id: 'T1', daemon: false, body });
    return { spec: { locks: [{ id: lock, kind }], events: [], threads, main: [{ kind: 'start', thread: 'T1' }, { kind: 'join', thread: 'T1' }] } };
  }
  // Two threads share a lock: T1 takes it and later releases it; T2 releases it in between.
  const kind = tier === 2 ? rng.pick(['Lock', 'RLock'] as const) : 'RLock';
  const lock = kind === 'Lock' ? 'lock' : 'rlock';
  const t1: Op[] = [{ kind: 'acquire', lock }];
  if (tier === 3 && rng.bool(0.6)) t1.push({ kind: 'acquire', lock });
  t1.push({ kind: 'sleep', ticks: rng.int(2, 3) });
  const releases = tier === 3 ? rng.int(1, 3) : 1;
  for (let i = 0; i < releases; i++) t1.push({ kind: 'release', lock });
  const t2: Op[] = [{ kind: 'sleep', ticks: 1 }];
  if (tier === 3 && rng.bool(0.5)) t2.push({ kind: 'acquire', lock, timeout: 1, bind: 'ok' });
  else if (tier === 3) t2.push({ kind: 'acquire', lock, blocking: false, timeout: rng.pick([0, 1]), bind: 'ok' });
  if (rng.bool(tier === 2 ? 0.8 : 0.5)) t2.push({ kind: 'release', lock });
  const locks: { id: string; kind: 'Lock' | 'RLock' }[] = [{ id: lock, kind }];
  if (tier === 3 && rng.bool(0.5)) {
    // A plain Lock on the side, released by a thread that did not acquire it: allowed.
    locks.push({ id: 'gate', kind: 'Lock' });
    t1.unshift({ kind: 'acquire', lock: 'gate' });
    t2.push({ kind: 'release', lock: 'gate' });
  }
  threads.push({ id: 'T1', daemon: false, body: t1 }, { id: 'T2', daemon: false, body: t2 });
  return {
    spec: {
      locks,
      events: [],
      threads,
      main: [{ kind: 'start', thread: 'T1' }, { kind: 'start', thread: 'T2' }, { kind: 'join', thread: 'T1' }, { kind: 'join', thread: 'T2' }],
    },
  };
}

/**
 * Version 3's programs: the call that raises is mostly a release (an unlocked Lock, an RLock
 * its thread does not own, or one release too many), and a call after it in the same thread,
 * never reached, may be an acquire(blocking=False, timeout=t) that would raise ValueError.
 * Tier 1: one worker releases (mostly once too often); tier 2: T2 releases the lock T1 holds (a Lock: allowed, so
 * T1's own release fails later; an RLock: T2's release fails); tier 3: T1 enters an RLock once
 * or twice and releases it one to three times while T2 may release it first, then acquires it.
 */
function buildSpecV3(rng: Rng, tier: Tier): WhichRaisesScenario {
  const unreached = (lock: string): Op[] => (rng.bool(0.5) ? [{ kind: 'acquire', lock, blocking: false, timeout: rng.pick([0, 1, 2]), bind: 'ok' }] : []);
  if (tier === 1) {
    const kind = rng.pick(['Lock', 'RLock'] as const);
    const lock = kind === 'Lock' ? 'lock' : 'rlock';
    const body: Op[] = [];
    let held = 0;
    for (let i = rng.int(1, 3); i > 0; i--) {
      if (held > 0 && rng.bool(0.4)) {
        body.push({ kind: 'release', lock });
        held--;
      } else if (held === 0 || kind === 'RLock') {
        body.push(rng.bool(0.5) ? { kind: 'acquire', lock } : { kind: 'acquire', lock, timeout: rng.int(1, 2), bind: 'ok' });
        held++;
      } else {
        body.push({ kind: 'acquire', lock, blocking: false, bind: 'ok' });
      }
    }
    // Mostly one release more than it is held: RuntimeError; now and then exactly as many.
    const releases = held + (rng.bool(0.8) ? 1 : 0);
    for (let k = 0; k < releases; k++) body.push({ kind: 'release', lock });
    body.push(...unreached(lock));
    return { spec: { locks: [{ id: lock, kind }], events: [], threads: [{ id: 'T1', daemon: false, body }], main: [{ kind: 'start', thread: 'T1' }, { kind: 'join', thread: 'T1' }] } };
  }
  const kind = tier === 2 ? rng.pick(['Lock', 'RLock'] as const) : 'RLock';
  const lock = kind === 'Lock' ? 'lock' : 'rlock';
  const t1: Op[] = [{ kind: 'acquire', lock }];
  if (tier === 3 && rng.bool(0.6)) t1.push({ kind: 'acquire', lock });
  t1.push({ kind: 'sleep', ticks: rng.int(2, 3) });
  for (let i = tier === 3 ? rng.int(1, 3) : 1; i > 0; i--) t1.push({ kind: 'release', lock });
  const t2: Op[] = [{ kind: 'sleep', ticks: 1 }];
  if (tier === 2 || rng.bool(0.7)) t2.push({ kind: 'release', lock });
  if (tier === 3) t2.push(rng.bool(0.5) ? { kind: 'acquire', lock, timeout: 1, bind: 'ok' } : { kind: 'acquire', lock, blocking: false, timeout: rng.pick([0, 1]), bind: 'ok' });
  else t2.push(...unreached(lock));
  const locks: { id: string; kind: 'Lock' | 'RLock' }[] = [{ id: lock, kind }];
  if (tier === 3 && rng.bool(0.5)) {
    // A plain Lock on the side, released by a thread that did not acquire it: allowed.
    locks.push({ id: 'gate', kind: 'Lock' });
    t1.unshift({ kind: 'acquire', lock: 'gate' });
    t2.splice(1, 0, { kind: 'release', lock: 'gate' });
  }
  return {
    spec: {
      locks,
      events: [],
      threads: [{ id: 'T1', daemon: false, body: t1 }, { id: 'T2', daemon: false, body: t2 }],
      main: [{ kind: 'start', thread: 'T1' }, { kind: 'start', thread: 'T2' }, { kind: 'join', thread: 'T1' }, { kind: 'join', thread: 'T2' }],
    },
  };
}

/** Marks every acquire/release call in program order across threads: (a), (b), … */
function withMarks(spec: ProgramSpec): ProgramSpec {
  let i = 0;
  const mark = (ops: readonly Op[]): Op[] =>
    ops.map((op) => (op.kind === 'acquire' || op.kind === 'release' ? { ...op, mark: MARKS[i++] ?? '?' } : op));
  return { ...spec, threads: spec.threads.map((t) => ({ ...t, body: mark(t.body) })) };
}

function markedInstrs(program: CompiledProgram): { mark: string; thread: string; instr: Instr; nth: number }[] {
  const out: { mark: string; thread: string; instr: Instr; nth: number }[] = [];
  for (const t of program.threads) {
    const seen = new Map<string, number>();
    for (const ins of t.code) {
      const op = ins.kind === 'with-enter' ? 'acquire' : ins.kind === 'with-exit' ? 'release' : ins.kind;
      if ((op === 'acquire' || op === 'release') && 'lock' in ins) {
        const key = `${op}:${ins.lock}`;
        const nth = seen.get(key) ?? 0;
        seen.set(key, nth + 1);
        if ('mark' in ins && ins.mark) out.push({ mark: ins.mark, thread: t.id, instr: ins, nth });
      }
    }
  }
  return out.sort((a, b) => a.mark.localeCompare(b.mark));
}

function options(s: WhichRaisesScenario, run: RunResult): Option[] {
  const answer = answerOf(run);
  const opts: Option[] = [];
  for (const m of markedInstrs(run.final.program)) {
    const real = run.final.calls.find((c) => c.mark === m.mark);
    const type = real?.raised?.type ?? plausible(m.instr);
    if (!type) continue;
    const id = `${m.mark}:${type}`;
    let tag: Misconception | undefined;
    if (id !== answer && m.instr.kind === 'release' && real && !real.raised) {
      const acquiredBy = run.final.calls.find((c) => c.kind === 'acquire' && c.target === real.target && c.value === true && c.returnedAt <= real.calledAt);
      const lockKind = s.spec.locks.find((l) => l.id === real.target)?.kind;
      if (lockKind === 'Lock' && acquiredBy && acquiredBy.thread !== real.thread) tag = M.lockOwnerOnly;
      else if (lockKind === 'RLock') tag = M.rlockOneRelease;
    }
    if (type === 'TimeoutError') tag = M.timeoutRaises;
    opts.push(option(id, L(`(${m.mark}) raises ${type}`, `(${m.mark})에서 ${type} 발생`), tag));
  }
  const noneTag = answer.endsWith(':ValueError') ? M.nonBlockingWaits : answer.endsWith(':RuntimeError') ? M.releaseUnlockedHarmless : undefined;
  opts.push(option('none', L('no call raises', '예외가 나는 호출 없음'), noneTag));
  return opts;
}

/** The spec without the marked call `mark`. */
function withoutCall(spec: ProgramSpec, mark: string): ProgramSpec {
  return { ...spec, threads: spec.threads.map((t) => ({ ...t, body: t.body.filter((op) => !('mark' in op && op.mark === mark)) })) };
}

/**
 * What the belief "releasing a lock that is not held (or once more than it was acquired) does
 * nothing" answers: the program run with every release that raises RuntimeError turned into a
 * no-op (removed, one at a time, re-running after each), so the thread goes on to its next
 * calls; the first call that still raises, or "none".
 */
export function releaseHarmlessModel(spec: ProgramSpec): string {
  let believed = spec;
  let run = simulate(believed);
  let first = run.final.calls.find((c) => c.raised);
  while (first?.kind === 'release' && first.raised?.type === 'RuntimeError' && first.mark) {
    believed = withoutCall(believed, first.mark);
    run = simulate(believed);
    first = run.final.calls.find((c) => c.raised);
  }
  return answerOf(run);
}

/**
 * Version 3's options: the marked calls with the exception each really raises or would be
 * expected to raise, and "none". A wrong option carries a misconception only where that
 * belief's model picks it: "releasing an unheld lock does nothing" the answer of
 * releaseHarmlessModel; "a timed-out acquire() raises" a TimeoutError at an acquire that really
 * timed out; "only the acquirer may release a Lock" a Lock released by another thread, and
 * "one release() frees an RLock" the owner's release after its first one, each before the
 * real exception; "acquire(blocking=False) waits a little" "none" when the answer is its ValueError.
 */
function optionsV3(s: WhichRaisesScenario, run: RunResult): Option[] {
  const answer = answerOf(run);
  // Calls in the order they happened: a belief picks a call made before the real exception.
  const calls = run.final.calls;
  const raisedAt = calls.findIndex((c) => c.raised) < 0 ? Infinity : calls.findIndex((c) => c.raised);
  const before = (c: (typeof calls)[number]) => calls.indexOf(c) < raisedAt;
  const believedHarmless = releaseHarmlessModel(s.spec);
  const kindOf = (lock: string) => s.spec.locks.find((l) => l.id === lock)?.kind;
  /** Per RLock and thread, whether the "one release frees it" belief has it free already. */
  const believedFree = new Set<string>();
  const oneReleaseTags = new Set<string>();
  for (const c of calls) {
    if (kindOf(c.target) !== 'RLock' || c.raised) continue;
    const key = `${c.thread}:${c.target}`;
    if (c.kind === 'acquire' && c.value === true) believedFree.delete(key);
    if (c.kind === 'release') {
      if (believedFree.has(key) && c.mark && before(c)) oneReleaseTags.add(c.mark);
      believedFree.add(key);
    }
  }
  const opts: Option[] = [];
  for (const m of markedInstrs(run.final.program)) {
    const real = run.final.calls.find((c) => c.mark === m.mark);
    const type = real?.raised?.type ?? plausible(m.instr);
    if (!type) continue;
    const id = `${m.mark}:${type}`;
    let tag: Misconception | undefined;
    if (id === answer) tag = undefined;
    else if (id === believedHarmless) tag = M.releaseUnlockedHarmless;
    else if (type === 'TimeoutError' && real?.value === false && before(real)) tag = M.timeoutRaises;
    else if (real && !real.raised && m.instr.kind === 'release' && before(real)) {
      const acquiredBy = run.final.calls.find((c) => c.kind === 'acquire' && c.target === real.target && c.value === true && c.returnedAt <= real.calledAt);
      if (kindOf(real.target) === 'Lock' && acquiredBy && acquiredBy.thread !== real.thread) tag = M.lockOwnerOnly;
      else if (oneReleaseTags.has(m.mark)) tag = M.rlockOneRelease;
    }
    opts.push(option(id, L(`(${m.mark}) raises ${type}`, `(${m.mark})에서 ${type} 발생`), tag));
  }
  const noneTag = answer === 'none' ? undefined : believedHarmless === 'none' ? M.releaseUnlockedHarmless : answer.endsWith(':ValueError') ? M.nonBlockingWaits : undefined;
  opts.push(option('none', L('no call raises', '예외가 나는 호출 없음'), noneTag));
  return opts;
}

/**
 * The program's run when it can be asked about: tie-free, over by t = 12, raising at most once
 * and only at a marked call, no thread stuck forever (locks left held are fine: the program ends).
 */
function askableRun(spec: ProgramSpec): RunResult | null {
  const run = cleanRun(spec);
  if (!run || run.final.now > 12) return null;
  const raised = run.final.calls.filter((c) => c.raised);
  if (raised.length > 1 || raised.some((c) => !c.mark)) return null;
  return run.final.threads.some((t) => t.status === 'killed') ? null : run;
}

function fallback(): WhichRaisesScenario {
  return {
    spec: withMarks({
      locks: [{ id: 'lock', kind: 'Lock' }],
      events: [],
      threads: [
        { id: 'T1', daemon: false, body: [{ kind: 'acquire', lock: 'lock' }, { kind: 'sleep', ticks: 2 }, { kind: 'release', lock: 'lock' }] },
        { id: 'T2', daemon: false, body: [{ kind: 'sleep', ticks: 1 }, { kind: 'release', lock: 'lock' }] },
      ],
      main: [{ kind: 'start', thread: 'T1' }, { kind: 'start', thread: 'T2' }, { kind: 'join', thread: 'T1' }, { kind: 'join', thread: 'T2' }],
    }),
  };
}

function explain(run: RunResult): Localized[] {
  const out: Localized[] = [];
  for (const c of run.final.calls) {
    if (!c.mark) continue;
    if (c.raised) {
      out.push(
        L(
          `(${c.mark}) in ${c.thread} at t = ${c.calledAt} raises ${c.raised.type}: "${c.raised.message}". The exception ends ${c.thread} (its traceback goes to stderr); its later lines do not run.`,
          `${c.thread}의 (${c.mark})는 t = ${c.calledAt}에 ${c.raised.type}("${c.raised.message}")를 일으킵니다. 예외로 ${josa(c.thread, PARTICLE.i, 'letters')} 끝나며(트레이스백은 stderr), 이후 줄은 실행되지 않습니다.`,
        ),
      );
    } else if (c.kind === 'release') {
      out.push(L(`(${c.mark}) ${c.thread} releases ${c.target} at t = ${c.calledAt}: fine.`, `(${c.mark}) ${josa(c.thread, PARTICLE.i, 'letters')} t = ${c.calledAt}에 ${josa(c.target, PARTICLE.eul, 'letters')} 해제: 정상.`));
    } else if (c.kind === 'acquire') {
      const v = c.value ? 'True' : 'False';
      out.push(L(`(${c.mark}) ${c.thread}'s acquire returns ${v} at t = ${c.returnedAt}.`, `(${c.mark}) ${c.thread}의 acquire는 t = ${c.returnedAt}에 ${v} 반환.`));
    }
  }
  return out;
}

const analyze = (s: WhichRaisesScenario): RunAnalysis => runAnalysis(s, options);

const v1: Generator<WhichRaisesScenario, RunAnalysis> = {
  id: 'which-raises',
  version: 1,
  domain: 'threads',
  topic: 'lock',
  title: L('Which call raises?', '어느 호출이 예외를 던지나?'),
  tiers: [1, 2, 3],
  generate(rng, tier) {
    return search(
      rng,
      (r) => {
        const s = { spec: withMarks(buildSpec(r, tier).spec) };
        const run = askableRun(s.spec);
        if (!run) return null;
        const opts = options(s, run);
        if (opts.length < 3 || !opts.some((o) => o.id === answerOf(run))) return null;
        if (!opts.some((o) => o.misconception)) return null;
        // Keep "none" rare but possible.
        if (answerOf(run) === 'none' && r.bool(0.7)) return null;
        return { scenario: s, analysis: { run, options: opts } };
      },
      () => analyzed(fallback(), analyze),
    );
  },
  analyze,
  question(s, { run, options }) {
    return {
      prompt: [
        text(
          'Which of the marked calls raises an exception, and which exception? (An exception that escapes a thread ends that thread; its traceback goes to stderr.)',
          '표시된 호출 중 어느 것이 예외를 일으키며, 어떤 예외인가요? (스레드 밖으로 나간 예외는 그 스레드를 끝내고 트레이스백은 stderr로 갑니다.)',
        ),
        codeBlock(s.spec),
      ],
      response: { kind: 'choice', options },
      answer: answerOf(run),
      explanation: explanation(
        run,
        explain(run),
        L(
          'CPython: Lock.release() on an unlocked Lock raises RuntimeError("release unlocked lock"); any thread may release a held Lock. RLock.release() by a thread that does not own it raises RuntimeError("cannot release un-acquired lock"), and the owner must release as often as it acquired. acquire(blocking=False, timeout=t) with t ≠ -1 raises ValueError. A timed-out acquire() returns False.',
          'CPython: 잠기지 않은 Lock의 release()는 RuntimeError("release unlocked lock")를 일으킵니다. 잡힌 Lock은 어느 스레드든 해제할 수 있습니다. 소유하지 않은 스레드의 RLock.release()는 RuntimeError("cannot release un-acquired lock")이고, 소유자는 획득한 횟수만큼 해제해야 합니다. acquire(blocking=False, timeout=t)에서 t ≠ -1이면 ValueError입니다. 타임아웃된 acquire()는 False를 반환합니다.',
        ),
      ),
      assumptions: [TICK_MODEL, NO_TIES],
    };
  },
  program(s) {
    const table = markedInstrs(compileProgram(s.spec)).map((m) => [m.thread, m.instr.kind === 'release' || m.instr.kind === 'with-exit' ? 'release' : 'acquire', 'lock' in m.instr ? m.instr.lock : '', m.nth, m.mark]);
    return exportProgram(s.spec, [
      `marks = ${JSON.stringify(table)}`,
      'for th, op, var, nth, mark in marks:',
      '    calls = _calls(th, op, globals()[var])',
      '    if nth < len(calls) and calls[nth]["exc"]:',
      '        return mark + ":" + calls[nth]["exc"]',
      'return "none"',
    ]);
  },
  tieFree(s) {
    return tieFreeUnderAllOrders(s.spec, (run) => answerOf(run));
  },
};

/** Version 1, kept for stored refs: asked in 해요체 and titled in 해라체. */
export const whichRaisesV1 = defineGenerator(v1);
/** Version 2: the same questions with the Korean title and text in 합니다체 (issue 16 §4). */
export const whichRaisesV2 = defineGenerator(inHamnidaGenerator({ ...v1, version: 2 }));

/** The marked calls a raised exception kept from running (what a learner who misses it would still count). */
function neverRun(run: RunResult): Localized[] {
  const ran = new Set(run.final.calls.map((c) => c.mark));
  const raised = run.final.calls.find((c) => c.raised);
  if (!raised) return [];
  const skipped = markedInstrs(run.final.program).filter((m) => m.thread === raised.thread && !ran.has(m.mark)).map((m) => `(${m.mark})`);
  if (skipped.length === 0) return [];
  const list = skipped.join(', ');
  return [
    L(
      `${list} never ${skipped.length > 1 ? 'run' : 'runs'}: ${raised.thread} ended at (${raised.mark}), so whatever ${skipped.length > 1 ? 'they' : 'it'} would do does not happen.`,
      `${josa(list, PARTICLE.eun, 'letters')} 실행되지 않습니다: ${josa(raised.thread, PARTICLE.i, 'letters')} (${raised.mark})에서 끝났으므로 그 호출이 할 일은 일어나지 않습니다.`,
    ),
  ];
}

const analyzeV3 = (s: WhichRaisesScenario): RunAnalysis => runAnalysis(s, optionsV3);

/**
 * Version 3 (issue 12 §2): the raising call is a release in all but a few questions, so
 * believing that releasing an unheld lock does nothing gives a wrong answer ("none", or the
 * ValueError of an acquire the thread never reaches) in at least 95 %; a question where that
 * belief answers right (the answer "none" or a ValueError) is kept now and then, so neither
 * becomes impossible. Every tag is what its belief's model picks (optionsV3).
 */
export const whichRaises = defineGenerator<WhichRaisesScenario, RunAnalysis>(
  inHamnidaGenerator({
    ...v1,
    version: 3,
    generate(rng, tier) {
      return search(
        rng,
        (r) => {
          const s = { spec: withMarks(buildSpecV3(r, tier).spec) };
          const run = askableRun(s.spec);
          if (!run) return null;
          const answer = answerOf(run);
          const opts = optionsV3(s, run);
          if (opts.length < 3 || !opts.some((o) => o.id === answer) || !opts.some((o) => o.misconception)) return null;
          // Keep the questions this belief answers right rare but possible.
          if (releaseHarmlessModel(s.spec) === answer && r.bool(answer === 'none' ? 0.5 : 0.9)) return null;
          return { scenario: s, analysis: { run, options: opts } };
        },
        () => analyzed(fallback(), analyzeV3),
      );
    },
    analyze: analyzeV3,
    question(s, a) {
      const q = v1.question(s, a);
      return { ...q, explanation: { ...q.explanation, summary: [...q.explanation.summary, ...neverRun(a.run)] } };
    },
  }),
);
