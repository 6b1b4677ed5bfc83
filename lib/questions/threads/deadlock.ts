/** "Does it deadlock, and which threads are stuck?" (opposite lock orders, Lock vs RLock re-entry) */
import type { Rng } from '@/lib/sim/rng';
import type { Op, ProgramSpec, RunResult, ThreadSpec } from '@/lib/sim/threads';
import { inHamnidaGenerator, josa, L, option, PARTICLE, search, text } from '../kit';
import { threadMisconceptions as M } from '../misconceptions';
import { defineGenerator, type Generator, type Localized, type Misconception, type Option, type Tier } from '../types';
import { NO_TIES, TICK_MODEL, cleanRun, codeBlock, tieFreeUnderAllOrders, acceptTagged, analyzed, runAnalysis, type RunAnalysis } from './common';
import { explanation } from './explain';
import { exportProgram } from './python-program';

/** The deadlock versions whose options differ (version 3 asks version 2's questions in 합니다체). */
type Version = 1 | 2 | 4;

export interface DeadlockScenario {
  readonly spec: ProgramSpec;
  readonly variant: 'two-locks' | 'reentry' | 'three';
}

/** Threads alive when main checks (the stuck ones), sorted; ["none"] when all finished. */
function answerOf(run: RunResult): string[] {
  const alive = run.final.calls.filter((c) => c.kind === 'is-alive' && c.thread === 'main' && c.value === true).map((c) => c.target);
  return alive.length > 0 ? [...alive].sort() : ['none'];
}

const sleepOp = (n: number): Op[] => (n > 0 ? [{ kind: 'sleep', ticks: n }] : []);

/** `with first: sleep; with second: sleep` after an initial delay. */
function nested(delay: number, first: string, hold: number, second: string, id: string): Op[] {
  return [
    ...sleepOp(delay),
    {
      kind: 'with',
      lock: first,
      body: [
        { kind: 'sleep', ticks: hold },
        { kind: 'with', lock: second, body: [{ kind: 'print', text: `${id} has both` }] },
      ],
    },
  ];
}

function withWatchdog(threads: ThreadSpec[], locks: ProgramSpec['locks'], wait: number): ProgramSpec {
  return {
    locks,
    events: [],
    threads,
    main: [
      ...threads.map((t) => ({ kind: 'start' as const, thread: t.id })),
      { kind: 'sleep', ticks: wait },
      ...threads.map((t) => ({ kind: 'is-alive' as const, thread: t.id, print: `${t.id} alive:` })),
    ],
  };
}

function buildSpec(rng: Rng, tier: Tier): DeadlockScenario {
  const wait = rng.int(7, 9);
  if (tier === 1) {
    const threads: ThreadSpec[] = [
      { id: 'T1', daemon: true, body: nested(rng.int(0, 1), 'lock_a', rng.int(1, 3), 'lock_b', 'T1') },
      { id: 'T2', daemon: true, body: nested(rng.int(0, 4), 'lock_b', rng.int(1, 3), 'lock_a', 'T2') },
    ];
    return { spec: withWatchdog(threads, [{ id: 'lock_a', kind: 'Lock' }, { id: 'lock_b', kind: 'Lock' }], wait), variant: 'two-locks' };
  }
  if (tier === 2) {
    const kind = rng.pick(['Lock', 'RLock'] as const);
    const lock = kind === 'Lock' ? 'lock' : 'rlock';
    const threads: ThreadSpec[] = [
      {
        id: 'T1',
        daemon: true,
        body: [
          ...sleepOp(rng.int(0, 1)),
          { kind: 'with', lock, body: [{ kind: 'sleep', ticks: rng.int(1, 2) }, { kind: 'with', lock, body: [{ kind: 'print', text: 'T1 inner' }] }] },
        ],
      },
      { id: 'T2', daemon: true, body: [{ kind: 'sleep', ticks: rng.int(2, 4) }, { kind: 'with', lock, body: [{ kind: 'print', text: 'T2 got it' }] }] },
    ];
    return { spec: withWatchdog(threads, [{ id: lock, kind }], wait), variant: 'reentry' };
  }
  // Three threads: a cycle of two (or three), and maybe one more waiting behind it.
  const locks: ProgramSpec['locks'] = [
    { id: 'lock_a', kind: 'Lock' },
    { id: 'lock_b', kind: 'Lock' },
    { id: 'lock_c', kind: 'Lock' },
  ];
  const order = rng.shuffle(['lock_a', 'lock_b', 'lock_c']);
  const [x, y, z] = order as [string, string, string];
  const threeCycle = rng.bool(0.5);
  const threads: ThreadSpec[] = [
    { id: 'T1', daemon: true, body: nested(rng.int(0, 1), x, rng.int(1, 3), y, 'T1') },
    { id: 'T2', daemon: true, body: nested(rng.int(0, 2), y, rng.int(1, 3), threeCycle ? z : x, 'T2') },
    threeCycle
      ? { id: 'T3', daemon: true, body: nested(rng.int(0, 2), z, rng.int(1, 3), x, 'T3') }
      : {
          id: 'T3',
          daemon: true,
          body: [...sleepOp(rng.int(1, 4)), rng.bool(0.5) ? { kind: 'with', lock: rng.pick([x, y]), body: [{ kind: 'print', text: 'T3 got it' }] } : { kind: 'if-acquire', lock: rng.pick([x, y]), timeout: rng.int(1, 2), body: [{ kind: 'print', text: 'T3 got it' }], orElse: [{ kind: 'print', text: 'T3 gave up' }] }],
        },
  ];
  return { spec: withWatchdog(threads, locks, wait), variant: 'three' };
}

/**
 * Version 4's scenarios: in every tier some threads nest two locks in orders that close a
 * cycle (a→b in one thread, b→a in another, or a longer ring), and the timing decides which of
 * them meet in a deadlock. Tier 1: three threads on two locks; tier 2: a lock entered twice by
 * T1 (Lock or RLock) whose order with lock_b is opposite to T2's, and T3 taking that lock
 * alone; tier 3: four threads on three locks, a ring of three and one more thread on it.
 */
function buildSpecV4(rng: Rng, tier: Tier): DeadlockScenario {
  if (tier === 1) {
    const threads: ThreadSpec[] = [
      { id: 'T1', daemon: true, body: nested(rng.int(0, 4), 'lock_a', rng.int(1, 3), 'lock_b', 'T1') },
      { id: 'T2', daemon: true, body: nested(rng.int(0, 4), 'lock_b', rng.int(1, 3), 'lock_a', 'T2') },
      { id: 'T3', daemon: true, body: rng.bool(0.5) ? nested(rng.int(0, 4), 'lock_a', rng.int(1, 2), 'lock_b', 'T3') : nested(rng.int(0, 4), 'lock_b', rng.int(1, 2), 'lock_a', 'T3') },
    ];
    return { spec: withWatchdog(threads, [{ id: 'lock_a', kind: 'Lock' }, { id: 'lock_b', kind: 'Lock' }], rng.int(8, 10)), variant: 'two-locks' };
  }
  if (tier === 2) {
    const kind = rng.pick(['Lock', 'RLock'] as const);
    const lock = kind === 'Lock' ? 'lock' : 'rlock';
    const threads: ThreadSpec[] = [
      {
        id: 'T1',
        daemon: true,
        body: [
          ...sleepOp(rng.int(0, 3)),
          { kind: 'with', lock, body: [{ kind: 'sleep', ticks: rng.int(1, 2) }, { kind: 'with', lock, body: [{ kind: 'with', lock: 'lock_b', body: [{ kind: 'print', text: 'T1 has both' }] }] }] },
        ],
      },
      { id: 'T2', daemon: true, body: nested(rng.int(0, 3), 'lock_b', rng.int(1, 2), lock, 'T2') },
      { id: 'T3', daemon: true, body: [{ kind: 'sleep', ticks: rng.int(1, 5) }, { kind: 'with', lock, body: [{ kind: 'print', text: 'T3 got it' }] }] },
    ];
    return { spec: withWatchdog(threads, [{ id: lock, kind }, { id: 'lock_b', kind: 'Lock' }], rng.int(8, 10)), variant: 'reentry' };
  }
  const [x, y, z] = rng.shuffle(['lock_a', 'lock_b', 'lock_c']) as [string, string, string];
  const ring: [string, string][] = [[x, y], [y, z], [z, x]];
  const extra = rng.pick([...ring, [y, x], [z, y], [x, z]] as [string, string][]);
  const threads: ThreadSpec[] = [...ring, extra].map(([first, second], i) => ({ id: `T${i + 1}`, daemon: true, body: nested(rng.int(0, 5), first, rng.int(1, 2), second, `T${i + 1}`) }));
  const locks: ProgramSpec['locks'] = [
    { id: 'lock_a', kind: 'Lock' },
    { id: 'lock_b', kind: 'Lock' },
    { id: 'lock_c', kind: 'Lock' },
  ];
  return { spec: withWatchdog(threads, locks, rng.int(9, 11)), variant: 'three' };
}

/** The lock-order edges (outer → inner) of a thread's nested `with` blocks. */
function lockOrder(ops: readonly Op[], held: readonly string[] = [], out: [string, string][] = []): [string, string][] {
  for (const op of ops) {
    if (op.kind !== 'with') continue;
    for (const h of held) if (h !== op.lock) out.push([h, op.lock]);
    lockOrder(op.body, [...held, op.lock], out);
  }
  return out;
}

/**
 * What the belief "taking locks in opposite orders always deadlocks" predicts is stuck: every
 * thread that nests two locks in an order lying on a cycle of the program's lock-order graph
 * (A→B in one thread, B→A in another, or a longer ring), whatever the timing.
 */
export function oppositeOrderModel(spec: ProgramSpec): string[] {
  const edges = spec.threads.map((t) => ({ id: t.id, edges: lockOrder(t.body) }));
  const all = edges.flatMap((t) => t.edges);
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>([from]);
    const todo = [from];
    while (todo.length > 0) {
      const at = todo.pop() as string;
      if (at === to) return true;
      for (const [a, b] of all) {
        if (a !== at || seen.has(b)) continue;
        seen.add(b);
        todo.push(b);
      }
    }
    return false;
  };
  return edges.filter((t) => t.edges.some(([a, b]) => reaches(b, a))).map((t) => t.id).sort();
}

/**
 * The options, each wrong one tagged with the misconception that picks it. Version 1 tagged
 * every thread that is not stuck "opposite order always deadlocks", even one taking a single
 * lock with a timeout; versions 2 and up only the threads that belief says are stuck
 * (oppositeOrderModel). In version 4 the thread entering an RLock twice carries "an RLock
 * deadlocks its owner" in every tier (version 2 only in the re-entry variant's RLock programs,
 * where no thread took two locks).
 */
function options(s: DeadlockScenario, run: RunResult, version: Version): Option[] {
  const answer = answerOf(run);
  const stuck = answer[0] !== 'none';
  const believedStuck = version === 1 ? s.spec.threads.map((t) => t.id) : oppositeOrderModel(s.spec);
  const reentersRLock = (id: string) => s.variant === 'reentry' && s.spec.locks[0]?.kind === 'RLock' && (version !== 4 || id === 'T1');
  const ids = [...s.spec.threads.map((t) => t.id), 'none'];
  return ids.map((id) => {
    let tag: Misconception | undefined;
    if (id === 'none' && stuck) tag = s.variant === 'reentry' && (version !== 4 || answer.includes('T1')) ? M.lockReentrant : M.noDeadlockWithSleep;
    if (id !== 'none' && !answer.includes(id)) {
      if (reentersRLock(id)) tag = M.rlockSelfDeadlock;
      else if ((version === 4 || s.variant !== 'reentry') && believedStuck.includes(id)) tag = M.oppositeOrderAlways;
    }
    const label = id === 'none' ? L('none: every thread finishes', '없음: 모든 스레드가 끝남') : L(id, id);
    return option(id, label, tag);
  });
}

function fallback(): DeadlockScenario {
  const threads: ThreadSpec[] = [
    { id: 'T1', daemon: true, body: nested(0, 'lock_a', 2, 'lock_b', 'T1') },
    { id: 'T2', daemon: true, body: nested(1, 'lock_b', 2, 'lock_a', 'T2') },
  ];
  return { spec: withWatchdog(threads, [{ id: 'lock_a', kind: 'Lock' }, { id: 'lock_b', kind: 'Lock' }], 8), variant: 'two-locks' };
}

/** Version 4's fallback: T3 is done with both locks before T1 and T2 deadlock over them. */
function fallbackV4(): DeadlockScenario {
  const threads: ThreadSpec[] = [
    { id: 'T1', daemon: true, body: nested(3, 'lock_a', 2, 'lock_b', 'T1') },
    { id: 'T2', daemon: true, body: nested(4, 'lock_b', 2, 'lock_a', 'T2') },
    { id: 'T3', daemon: true, body: nested(0, 'lock_a', 1, 'lock_b', 'T3') },
  ];
  return { spec: withWatchdog(threads, [{ id: 'lock_a', kind: 'Lock' }, { id: 'lock_b', kind: 'Lock' }], 9), variant: 'two-locks' };
}

const analyzer = (version: Version) => (s: DeadlockScenario): RunAnalysis => runAnalysis(s, (sc, run) => options(sc, run, version));

/** The scenario search of a version: its options decide which scenarios have a misconception to offer. */
function searchFor(version: Version): Generator<DeadlockScenario, RunAnalysis>['generate'] {
  return (rng, tier) =>
    search(
      rng,
      (r) => {
        const s = version === 4 ? buildSpecV4(r, tier) : buildSpec(r, tier);
        const run = cleanRun(s.spec);
        if (!run) return null;
        // What main observes must be exactly the threads stuck forever: nobody merely slow.
        const stuck = run.deadlock.stuck;
        const answer = answerOf(run);
        const expected = stuck.length > 0 ? [...stuck].sort() : ['none'];
        if (JSON.stringify(answer) !== JSON.stringify(expected)) return null;
        // The last activity of a finishing thread must be at least one tick before main checks.
        const check = run.final.now;
        if (run.final.output.some((o) => o.thread !== 'main' && o.tick >= check - 1)) return null;
        // Version 4: believing opposite orders always deadlock must pick a thread that finishes.
        if (version === 4 && oppositeOrderModel(s.spec).every((id) => answer.includes(id))) return null;
        return acceptTagged(s, run, options(s, run, version));
      },
      () => analyzed(version === 4 ? fallbackV4() : fallback(), analyzer(version)),
    );
}

const v1: Generator<DeadlockScenario, RunAnalysis> = {
  id: 'deadlock',
  version: 1,
  domain: 'threads',
  topic: 'lock',
  title: L('Is it a deadlock?', '교착 상태인가?'),
  tiers: [1, 2, 3],
  generate: searchFor(1),
  analyze: analyzer(1),
  question(s, { run, options }) {
    const answer = answerOf(run);
    const { cycle, stuck } = run.deadlock;
    const summary: Localized[] = [];
    const waitsFor = stuck.map((id) => {
      const row = run.final.threads.findIndex((t) => t.id === id);
      const before = run.final.snapshots[run.final.snapshots.length - 2];
      const w = before?.threads[row]?.wait;
      const lock = w && w.on === 'lock' ? w.lock : '?';
      const holder = before?.holders[run.final.locks.findIndex((l) => l.id === lock)] ?? '?';
      return { id, lock, holder };
    });
    const describeWaits = waitsFor.map((x) => `${x.id} waits for ${x.lock} (held by ${x.holder})`).join('; ');
    const describeWaitsKo = waitsFor.map((x) => `${josa(x.id, PARTICLE.eun, 'letters')} ${josa(x.holder, PARTICLE.i, 'letters')} 잡은 ${josa(x.lock, PARTICLE.eul, 'letters')} 기다림`).join('; ');
    const cycleKo =
      cycle.length === 1
        ? `${josa(cycle[0] ?? '', PARTICLE.eun, 'letters')} 자기가 잡은 Lock을 기다립니다. Lock은 재진입이 안 됩니다.`
        : `${josa(cycle.join(' → '), PARTICLE.i, 'letters')} 타임아웃 없는 대기의 순환을 이뤄 아무도 진행할 수 없습니다.`;
    if (stuck.length === 0) {
      summary.push(
        L(
          'Every thread gets the locks it asks for in time: no thread ever waits for a lock held by a thread that is itself waiting, so all finish before main checks.',
          '모든 스레드가 요청한 락을 제때 얻습니다. 기다리는 스레드가 잡고 있는 락을 기다리는 경우가 없어서, 메인이 확인하기 전에 모두 끝납니다.',
        ),
      );
    } else {
      summary.push(
        L(
          `Deadlock: ${describeWaits}. ${cycle.length === 1 ? `${cycle[0]} waits for a Lock it holds itself: a Lock is not re-entrant.` : `${cycle.join(' → ')} form a cycle of waits without timeout, so none of them can ever continue.`}`,
          `교착: ${describeWaitsKo}. ${cycleKo}`,
        ),
      );
      const behind = stuck.filter((id) => !cycle.includes(id));
      if (behind.length > 0) {
        summary.push(L(`${behind.join(', ')} is not in the cycle but waits for a lock held inside it, so it is stuck too.`, `${josa(behind.join(', '), PARTICLE.eun, 'letters')} 순환에 속하지 않지만 순환 안의 스레드가 잡은 락을 기다리므로 역시 멈춥니다.`));
      }
      summary.push(
        L(
          'The threads are daemon threads, so after main has looked at is_alive() the program still exits: the stuck threads are stopped at exit. (With non-daemon threads it would hang forever.)',
          '스레드들이 daemon이므로 메인이 is_alive()를 확인한 뒤 프로그램은 종료되고, 멈춘 스레드는 종료 시 중단됩니다. (non-daemon이었다면 영원히 멈춰 있습니다.)',
        ),
      );
    }
    return {
      prompt: [
        text(
          'Which threads are still alive when main checks them, i.e. stuck forever? Select every such thread, or "none".',
          '메인이 확인할 때 아직 살아 있는(즉 영원히 멈춘) 스레드를 모두 고르세요. 없으면 "없음".',
        ),
        codeBlock(s.spec),
      ],
      response: { kind: 'multi', options },
      answer,
      explanation: explanation(
        run,
        summary,
        L(
          'CPython: acquire() without timeout blocks until the lock is free. If threads wait for each other in a cycle, none is ever released: a deadlock. A Lock acquired again by its holder blocks forever; an RLock lets its owner re-enter. Blocked threads release the GIL, so the rest of the program keeps running.',
          'CPython: 타임아웃 없는 acquire()는 락이 풀릴 때까지 블록합니다. 스레드들이 순환으로 서로를 기다리면 아무 락도 풀리지 않는 교착이 됩니다. 잡고 있는 Lock을 다시 acquire하면 영원히 블록되고, RLock은 소유자의 재진입을 허용합니다. 블록된 스레드는 GIL을 놓으므로 나머지 프로그램은 계속 돕니다.',
        ),
      ),
      assumptions: [TICK_MODEL, NO_TIES],
    };
  },
  program(s) {
    return exportProgram(s.spec, [
      'alive = sorted(e["obj"].name for e in _log if e["op"] == "is_alive" and e["th"] == "MainThread" and e["val"])',
      'return alive or ["none"]',
    ]);
  },
  tieFree(s) {
    return tieFreeUnderAllOrders(s.spec, (run) => answerOf(run));
  },
};

export const deadlockV1 = defineGenerator(v1);
/** Version 2: "opposite order always deadlocks" tags only threads that belief has stuck (never a one-lock or timeout thread). */
export const deadlockV2 = defineGenerator<DeadlockScenario, RunAnalysis>({ ...v1, version: 2, generate: searchFor(2), analyze: analyzer(2) });
/** Version 3: version 2 with its Korean title and text in 합니다체 (issue 16 §4). */
export const deadlockV3 = defineGenerator<DeadlockScenario, RunAnalysis>(inHamnidaGenerator({ ...v1, version: 3, generate: searchFor(2), analyze: analyzer(2) }));

/**
 * Why the threads that take locks in an order closing a cycle, yet finish, are not stuck: each
 * was done with both locks before another thread held the one it needed next.
 */
function escapedNote(s: DeadlockScenario, run: RunResult): Localized[] {
  const answer = answerOf(run);
  const escaped = oppositeOrderModel(s.spec).filter((id) => !answer.includes(id));
  if (escaped.length === 0) return [];
  const who = escaped.join(', ');
  return [
    L(
      `${who} ${escaped.length > 1 ? 'take' : 'takes'} two locks in an order that closes a cycle with another thread's order, yet ${escaped.length > 1 ? 'they finish' : 'it finishes'}: no other thread held the second lock while ${escaped.length > 1 ? 'they held' : 'it held'} the first. Opposite orders deadlock only when each thread holds its first lock while asking for the next one.`,
      `${josa(who, PARTICLE.eun, 'letters')} 다른 스레드와 순환을 이루는 순서로 두 락을 잡지만 끝까지 실행됩니다: 첫 락을 잡고 있는 동안 두 번째 락을 잡은 다른 스레드가 없었습니다. 반대 순서는 각 스레드가 첫 락을 잡은 채 다음 락을 요청할 때만 교착 상태가 됩니다.`,
    ),
  ];
}

/**
 * Version 4 (issue 12 §2): in every tier some threads take locks in orders that close a cycle
 * and the timing lets at least one of them finish, so believing opposite orders always
 * deadlock picks a wrong thread in every question, while whether any thread is stuck (and
 * which) still varies; tier 2 joins RLock/Lock re-entry with an opposite order. The
 * explanation says why the threads that finish are not stuck.
 */
export const deadlock = defineGenerator<DeadlockScenario, RunAnalysis>(
  inHamnidaGenerator({
    ...v1,
    version: 4,
    generate: searchFor(4),
    analyze: analyzer(4),
    question(s, a) {
      const q = v1.question(s, a);
      return { ...q, explanation: { ...q.explanation, summary: [...q.explanation.summary, ...escapedNote(s, a.run)] } };
    },
  }),
);
