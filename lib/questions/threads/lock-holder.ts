/** "Which thread holds the lock at t = k.5?" */
import type { Rng } from '@/lib/sim/rng';
import { simulate, type Op, type ProgramSpec, type RunResult } from '@/lib/sim/threads';
import { inHamnidaGenerator, josa, L, option, PARTICLE, search, text } from '../kit';
import { threadMisconceptions as M } from '../misconceptions';
import { defineGenerator, type Generated, type Generator, type Misconception, type Localized, type Tier } from '../types';
import { NO_TIES, TICK_MODEL, analyzed, cleanRun, codeBlock, holdSpan, threadName, tieFreeUnderAllOrders } from './common';
import { explanation } from './explain';
import { EXPORT_TICK, exportProgram } from './python-program';

export interface LockHolderScenario {
  readonly spec: ProgramSpec;
  readonly lock: string;
  /** The question asks about t = at + 0.5. */
  readonly at: number;
  /** Extra misconception tags by option id (variant-specific). */
  readonly tags: Readonly<Record<string, string>>;
}

/** The lock-holder versions whose scenarios or tags differ. */
type Version = 1 | 2 | 3;

const byId: Record<string, Misconception> = Object.fromEntries(Object.values(M).map((m) => [m.id, m]));

function holderAt(run: RunResult, lock: string, at: number): string {
  const li = run.final.locks.findIndex((l) => l.id === lock);
  return run.final.snapshots[at]?.holders[li] ?? 'none';
}

const sleepOp = (n: number): Op[] => (n > 0 ? [{ kind: 'sleep', ticks: n }] : []);

function startsAndJoins(ids: readonly string[]): { starts: Op[]; joins: Op[] } {
  return {
    starts: ids.map((thread) => ({ kind: 'start', thread })),
    joins: ids.map((thread) => ({ kind: 'join', thread })),
  };
}

/** A thread body that takes `lock` at some point, in one of several styles. */
function lockUser(rng: Rng, id: string, lock: string, styles: readonly string[], start: number): Op[] {
  const delay = sleepOp(start);
  const hold = rng.int(1, 3);
  switch (rng.pick(styles)) {
    case 'explicit':
      return [...delay, { kind: 'acquire', lock }, { kind: 'sleep', ticks: hold }, { kind: 'release', lock }];
    case 'timeout':
      return [
        ...delay,
        {
          kind: 'if-acquire',
          lock,
          timeout: rng.int(1, 3),
          body: [{ kind: 'sleep', ticks: hold }],
          orElse: [{ kind: 'print', text: `${id} gave up` }],
        },
      ];
    default:
      return [...delay, { kind: 'with', lock, body: [{ kind: 'sleep', ticks: hold }] }];
  }
}

function buildSpec(rng: Rng, tier: Tier): { spec: ProgramSpec; lock: string; tags: Record<string, string> } {
  if (tier === 1) {
    const ids = ['T1', 'T2'];
    const { starts, joins } = startsAndJoins(ids);
    return {
      spec: {
        locks: [{ id: 'lock', kind: 'Lock' }],
        events: [],
        threads: ids.map((id, i) => ({ id, daemon: false, body: lockUser(rng, id, 'lock', ['with'], i === 0 ? rng.int(0, 1) : rng.int(1, 3)) })),
        main: [...starts, ...joins],
      },
      lock: 'lock',
      tags: {},
    };
  }
  if (tier === 2) {
    const ids = ['T1', 'T2', 'T3'];
    const { starts, joins } = startsAndJoins(ids);
    const mainHolds = rng.bool(0.5);
    const starts3 = rng.sample([0, 1, 2, 3, 4, 5, 6], 3);
    const main: Op[] = mainHolds
      ? [{ kind: 'acquire', lock: 'lock' }, ...starts, { kind: 'sleep', ticks: rng.int(1, 3) }, { kind: 'release', lock: 'lock' }, ...joins]
      : [...starts, ...joins];
    return {
      spec: {
        locks: [{ id: 'lock', kind: 'Lock' }],
        events: [],
        threads: ids.map((id, i) => ({ id, daemon: false, body: lockUser(rng, id, 'lock', ['with', 'explicit', 'timeout'], starts3[i] ?? 0) })),
        main,
      },
      lock: 'lock',
      tags: {},
    };
  }
  if (rng.bool(0.5)) {
    // RLock re-entry: the owner keeps it until the outermost with block ends.
    const inner = rng.int(1, 2);
    const after = rng.int(1, 2);
    const t1: Op[] = [
      {
        kind: 'with',
        lock: 'rlock',
        body: [{ kind: 'sleep', ticks: rng.int(1, 2) }, { kind: 'with', lock: 'rlock', body: [{ kind: 'sleep', ticks: inner }] }, { kind: 'sleep', ticks: after }],
      },
    ];
    const t2: Op[] = [...sleepOp(rng.int(1, 3)), { kind: 'with', lock: 'rlock', body: [{ kind: 'sleep', ticks: rng.int(1, 2) }] }];
    const ids = ['T1', 'T2'];
    const { starts, joins } = startsAndJoins(ids);
    return {
      spec: { locks: [{ id: 'rlock', kind: 'RLock' }], events: [], threads: [{ id: 'T1', daemon: false, body: t1 }, { id: 'T2', daemon: false, body: t2 }], main: [...starts, ...joins] },
      lock: 'rlock',
      tags: { T2: M.rlockOneRelease.id, none: M.rlockOneRelease.id },
    };
  }
  // A Lock acquired by T1 and released by main: any thread may release a Lock.
  const t1: Op[] = [...sleepOp(rng.int(0, 1)), { kind: 'acquire', lock: 'lock' }, { kind: 'print', text: 'T1 has the lock' }];
  const t2: Op[] = [...sleepOp(rng.int(1, 2)), { kind: 'with', lock: 'lock', body: [{ kind: 'sleep', ticks: rng.int(1, 3) }] }];
  const ids = ['T1', 'T2'];
  const { starts, joins } = startsAndJoins(ids);
  return {
    spec: {
      locks: [{ id: 'lock', kind: 'Lock' }],
      events: [],
      threads: [{ id: 'T1', daemon: false, body: t1 }, { id: 'T2', daemon: false, body: t2 }],
      main: [...starts, { kind: 'sleep', ticks: rng.int(3, 4) }, { kind: 'release', lock: 'lock' }, ...joins],
    },
    lock: 'lock',
    tags: { T1: M.lockOwnerOnly.id },
  };
}

/** What a tick of a run asks: the holder then (the answer), the options, the misconception tag of each wrong one. */
interface TickAnalysis {
  readonly answer: string;
  readonly optionIds: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/** The scenario's run and what its tick asks. */
interface LockHolderAnalysis extends TickAnalysis {
  readonly run: RunResult;
}

/** The options: every thread (main only if it touches the lock), then "none". The same at every tick. */
function optionIdsOf(spec: ProgramSpec, lock: string, run: RunResult): string[] {
  const ids = ['main', ...spec.threads.map((t) => t.id)];
  const usesLock = (id: string) =>
    run.final.calls.some((c) => c.thread === id && c.target === lock) ||
    run.final.snapshots.some((sn) => sn.holders.includes(id));
  return [...ids.filter((id) => id !== 'main' || usesLock('main')), 'none'];
}

/** How a thread's code takes `lock`: only `with` blocks, only acquire()/release() calls, or both. */
function lockStyle(spec: ProgramSpec, thread: string, lock: string): 'with' | 'explicit' | 'mixed' | 'none' {
  const body = thread === 'main' ? spec.main : (spec.threads.find((t) => t.id === thread)?.body ?? []);
  const kinds = new Set<string>();
  const walk = (ops: readonly Op[]) => {
    for (const op of ops) {
      if ((op.kind === 'with' || op.kind === 'acquire' || op.kind === 'if-acquire') && op.lock === lock) kinds.add(op.kind === 'with' ? 'with' : 'explicit');
      if (op.kind === 'with' || op.kind === 'if-acquire') walk(op.body);
      if (op.kind === 'if-acquire') walk(op.orElse ?? []);
      if (op.kind === 'try-finally') {
        walk(op.body);
        walk(op.final);
      }
    }
  };
  walk(body);
  return kinds.size === 0 ? 'none' : kinds.size > 1 ? 'mixed' : ([...kinds][0] as 'with' | 'explicit');
}

/**
 * The misconception "sleep releases the lock" in the words of the holder's code: `with lock:`
 * or acquire()/release(). Version 1 always used the `with` wording.
 */
function sleepReleaseTag(s: LockHolderScenario, holder: string, version: Version): Misconception | undefined {
  if (version === 1) return M.sleepReleasesLock;
  const style = lockStyle(s.spec, holder, s.lock);
  return style === 'with' ? M.sleepReleasesLock : style === 'explicit' ? M.sleepReleasesAcquiredLock : undefined;
}

function analyzeTick(s: LockHolderScenario, run: RunResult, version: Version, optionIds: readonly string[] = optionIdsOf(s.spec, s.lock, run)): TickAnalysis {
  const answer = holderAt(run, s.lock, s.at);
  const snap = run.final.snapshots[s.at];
  const tags: Record<string, string> = {};
  const holderRow = run.final.threads.findIndex((t) => t.id === answer);
  const sleepTag = answer !== 'none' && snap?.threads[holderRow]?.status === 'sleeping' ? sleepReleaseTag(s, answer, version) : undefined;
  if (sleepTag) tags.none = sleepTag.id;
  // The answer never gets a tag.
  run.final.threads.forEach((t, i) => {
    const w = snap?.threads[i]?.wait;
    if (t.id !== answer && snap?.threads[i]?.status === 'blocked' && w?.on === 'lock' && w.lock === s.lock) tags[t.id] = M.gilIsLock.id;
  });
  for (const [id, m] of Object.entries(s.tags)) if (id !== answer && !tags[id]) tags[id] = m;
  return { answer, optionIds, tags };
}

/**
 * What the belief "sleep() inside `with lock:` releases the lock" answers at t = at + 0.5: the
 * lock is free ("none") while its holder sleeps, else the real holder.
 */
export function sleepReleasesModel(run: RunResult, lock: string, at: number): string {
  const holder = holderAt(run, lock, at);
  const row = run.final.threads.findIndex((t) => t.id === holder);
  return holder !== 'none' && run.final.snapshots[at]?.threads[row]?.status === 'sleeping' ? 'none' : holder;
}

/** Picks a tick at which some wrong option stands for a misconception; hands on the run and that tick's analysis. */
function pickTick(
  rng: Rng,
  spec: ProgramSpec,
  lock: string,
  tags: Record<string, string>,
  run: RunResult,
  version: Version,
): Generated<LockHolderScenario, LockHolderAnalysis> | null {
  const end = run.final.now;
  const candidates: { scenario: LockHolderScenario; analysis: TickAnalysis }[] = [];
  const optionIds = optionIdsOf(spec, lock, run);
  for (let at = 0; at < end; at++) {
    const scenario: LockHolderScenario = { spec, lock, at, tags };
    const a = analyzeTick(scenario, run, version, optionIds);
    // Version 3 asks only while the holder sleeps inside `with`: "sleep releases the lock" then answers "none", wrongly.
    const offered = version === 3 ? a.tags.none === M.sleepReleasesLock.id : Object.keys(a.tags).some((id) => a.optionIds.includes(id));
    if (offered) candidates.push({ scenario, analysis: a });
  }
  if (candidates.length === 0) return null;
  const { scenario, analysis } = rng.pick(candidates);
  return { scenario, analysis: { run, ...analysis } };
}

function analyzer(version: Version): (s: LockHolderScenario) => LockHolderAnalysis {
  return (s) => {
    const run = simulate(s.spec);
    return { run, ...analyzeTick(s, run, version) };
  };
}

function fallback(tier: Tier): LockHolderScenario {
  const spec: ProgramSpec = {
    locks: [{ id: 'lock', kind: 'Lock' }],
    events: [],
    threads: [
      { id: 'T1', daemon: false, body: [{ kind: 'with', lock: 'lock', body: [{ kind: 'sleep', ticks: 3 }] }] },
      { id: 'T2', daemon: false, body: [{ kind: 'sleep', ticks: 1 }, { kind: 'with', lock: 'lock', body: [{ kind: 'sleep', ticks: 2 }] }] },
    ],
    main: [
      { kind: 'start', thread: 'T1' },
      { kind: 'start', thread: 'T2' },
      { kind: 'join', thread: 'T1' },
      { kind: 'join', thread: 'T2' },
    ],
  };
  return { spec, lock: 'lock', at: tier === 1 ? 2 : 4, tags: {} };
}

/** The scenario search of a version (versions tag the sleeping holder differently). */
function searchFor(version: Version): Generator<LockHolderScenario, LockHolderAnalysis>['generate'] {
  return (rng, tier) =>
    search(
      rng,
      (r) => {
        const { spec, lock, tags } = buildSpec(r, tier);
        const run = cleanRun(spec);
        if (!run || run.final.now > 14) return null;
        return pickTick(r, spec, lock, tags, run, version);
      },
      () => analyzed(fallback(tier), analyzer(version)),
    );
}

const v1: Generator<LockHolderScenario, LockHolderAnalysis> = {
  id: 'lock-holder',
  version: 1,
  domain: 'threads',
  topic: 'lock',
  title: L('Who holds the lock?', '락은 누가 잡고 있나?'),
  tiers: [1, 2, 3],
  generate: searchFor(1),
  analyze: analyzer(1),
  question(s, a) {
    const { run } = a;
    const t = `${s.at}.5`;
    const options = a.optionIds.map((id) =>
      id === 'none'
        ? option('none', L('no thread (the lock is free)', '아무도 없음 (락이 비어 있음)'), a.tags.none ? byId[a.tags.none] : undefined)
        : option(id, threadName(id), a.tags[id] ? byId[a.tags[id]] : undefined),
    );
    const span = holdSpan(run, s.lock, s.at);
    const summary: Localized[] = [];
    if (a.answer === 'none') {
      summary.push(
        L(
          `At t = ${t} nobody holds \`${s.lock}\`: it is free from t = ${span.from} to t = ${span.to}.`,
          `t = ${t}에는 아무도 \`${s.lock}\`을 잡고 있지 않습니다: t = ${span.from}부터 t = ${span.to}까지 비어 있습니다.`,
        ),
      );
    } else {
      summary.push(
        L(
          `At t = ${t}, ${threadName(a.answer)} holds \`${s.lock}\`: it got it at t = ${span.from} and holds it until t = ${span.to}.`,
          `t = ${t}에 ${josa(threadName(a.answer), PARTICLE.i, 'letters')} \`${s.lock}\`을 잡고 있습니다: t = ${span.from}에 얻어서 t = ${span.to}까지 잡고 있습니다.`,
        ),
      );
    }
    if (a.tags.none === M.sleepReleasesLock.id || a.tags.none === M.sleepReleasesAcquiredLock.id) {
      summary.push(
        L(
          `${threadName(a.answer)} is sleeping at that moment, but sleep() only releases the GIL; the lock stays held until the with block (or release()) ends.`,
          `그 순간 ${josa(threadName(a.answer), PARTICLE.eun, 'letters')} sleep 중이지만 sleep()은 GIL만 놓습니다. 락은 with 블록(또는 release())이 끝날 때까지 잡혀 있습니다.`,
        ),
      );
    }
    const blocked = Object.entries(a.tags).filter(([, m]) => m === M.gilIsLock.id).map(([id]) => threadName(id));
    if (blocked.length > 0) {
      summary.push(
        L(
          `${blocked.join(', ')} is blocked in acquire(): it waits for the lock and has released the GIL meanwhile; waiting for a lock is not holding it.`,
          `${josa(blocked.join(', '), PARTICLE.eun, 'letters')} acquire()에서 블록되어 락을 기다리는 중이고, 그동안 GIL은 놓고 있습니다. 락을 기다리는 것은 락을 가진 것이 아닙니다.`,
        ),
      );
    }
    if (s.tags.T1 === M.lockOwnerOnly.id) {
      summary.push(
        L(
          'MainThread releases the Lock that T1 acquired. That is allowed: a threading.Lock has no owner, any thread may release it.',
          'MainThread가 T1이 얻은 Lock을 해제합니다. 허용됩니다: threading.Lock에는 소유자가 없어서 어느 스레드든 해제할 수 있습니다.',
        ),
      );
    }
    if (s.spec.locks[0]?.kind === 'RLock') {
      summary.push(
        L(
          'An RLock counts its acquisitions: T1 entered `with rlock:` twice, so leaving the inner block only lowers the count to 1; it is free when the outer block ends.',
          'RLock은 획득 횟수를 셉니다: T1이 `with rlock:`에 두 번 들어갔으므로 안쪽 블록을 나가면 횟수가 1이 될 뿐이고, 바깥 블록이 끝나야 풀립니다.',
        ),
      );
    }
    return {
      prompt: [
        text(
          `Which thread holds \`${s.lock}\` at t = ${t} s (${t} seconds after the program starts)?`,
          `프로그램 시작 후 t = ${t}초에 \`${s.lock}\`을 잡고 있는 스레드는?`,
        ),
        codeBlock(s.spec),
      ],
      response: { kind: 'choice', options },
      answer: a.answer,
      explanation: explanation(run, summary, L(
        'CPython: a Lock is held from a successful acquire() (or entering `with`) until release() (or leaving `with`); sleep() and blocking calls release the GIL, never a Lock. Any thread may release a Lock; an RLock belongs to its owner and counts re-entries.',
        'CPython: Lock은 acquire() 성공(또는 with 진입)부터 release()(또는 with 종료)까지 잡혀 있습니다. sleep()과 블로킹 호출은 GIL을 놓을 뿐 Lock은 놓지 않습니다. Lock은 어느 스레드든 해제할 수 있고, RLock은 소유자가 있으며 재진입 횟수를 셉니다.',
      )),
      assumptions: [TICK_MODEL, NO_TIES],
    };
  },
  program(s) {
    return exportProgram(s.spec, [`h = _holder_at(${s.lock}, ${s.at}.5)`, 'return _tid(h) if h else "none"']);
  },
  tieFree(s) {
    return tieFreeUnderAllOrders(s.spec, (run) => holderAt(run, s.lock, s.at));
  },
  /** t = at + 0.5 lies in the timeline's column `at` (the state during [at, at + 1)). */
  askedStep: (s) => s.at,
};

export const lockHolderV1 = defineGenerator(v1);

/**
 * Version 2: "sleep releases the lock" in the words of the holder's code (`with` vs
 * acquire()/release()), and the exported program replays the lock at its measured times;
 * the Korean title and text in 합니다체 (issue 16 §4).
 */
const v2: Generator<LockHolderScenario, LockHolderAnalysis> = {
  ...v1,
  version: 2,
  generate: searchFor(2),
  analyze: analyzer(2),
  program(s) {
    return exportProgram(s.spec, [`h = _holder_at_measured(${s.lock}, ${s.at}.5)`, 'return _tid(h) if h else "none"'], {}, EXPORT_TICK, 2);
  },
};
export const lockHolderV2 = defineGenerator<LockHolderScenario, LockHolderAnalysis>(inHamnidaGenerator(v2));

/**
 * Version 3 (issue 12 §2): asks only at moments when the holder sleeps inside `with lock:`, so
 * believing sleep() releases the lock answers "no thread", wrongly, in every question; which
 * thread holds it still varies (the threads that take it with `with`).
 */
export const lockHolder = defineGenerator<LockHolderScenario, LockHolderAnalysis>(inHamnidaGenerator({ ...v2, version: 3, generate: searchFor(3), analyze: analyzer(3) }));
