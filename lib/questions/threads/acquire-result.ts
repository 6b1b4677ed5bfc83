/** "What does the `acquire(...)` marked (A) return, and at which tick?" */
import type { Rng } from '@/lib/sim/rng';
import { compileProgram, markOf, type Op, type ProgramSpec, type RunResult } from '@/lib/sim/threads';
import { inHamnidaGenerator, josa, L, option, PARTICLE, search, text } from '../kit';
import { threadMisconceptions as M } from '../misconceptions';
import { defineGenerator, type Generator, type Localized, type Misconception, type Option, type Tier } from '../types';
import { NO_TIES, TICK_MODEL, cleanRun, codeBlock, tieFreeUnderAllOrders, acceptTagged, analyzed, runAnalysis, type RunAnalysis } from './common';
import { explanation } from './explain';
import { EXPORT_TICK, exportProgram } from './python-program';

export interface AcquireResultScenario {
  readonly spec: ProgramSpec;
  readonly lock: string;
  /** The thread making the marked call. */
  readonly thread: string;
}

const MARK = 'A';

function markedCall(run: RunResult, thread: string) {
  return run.final.calls.find((c) => c.thread === thread && c.mark === MARK);
}

function answerOf(run: RunResult, thread: string): string {
  const c = markedCall(run, thread);
  if (!c) return 'not-called';
  if (c.raised) return 'raises';
  return `${c.value ? 'True' : 'False'}@${c.returnedAt}`;
}

function markedOp(rng: Rng, lock: string, kinds: readonly ('nb' | 'timeout' | 'forever')[]): Op {
  const kind = rng.pick(kinds);
  const body: Op[] = [{ kind: 'print', text: 'T2 got the lock' }, { kind: 'sleep', ticks: 1 }];
  const orElse: Op[] = [{ kind: 'print', text: 'T2 gave up' }];
  if (kind === 'nb') return { kind: 'if-acquire', lock, blocking: false, body, orElse, mark: MARK };
  if (kind === 'forever') return { kind: 'if-acquire', lock, body, orElse, mark: MARK };
  return { kind: 'if-acquire', lock, timeout: rng.int(1, 3), body, orElse, mark: MARK };
}

const sleepOp = (n: number): Op[] => (n > 0 ? [{ kind: 'sleep', ticks: n }] : []);

function buildSpec(rng: Rng, tier: Tier): AcquireResultScenario {
  const starts: Op[] = [];
  const joins: Op[] = [];
  const threads: { id: string; daemon: boolean; body: Op[] }[] = [];
  const add = (id: string, body: Op[]) => {
    threads.push({ id, daemon: false, body });
    starts.push({ kind: 'start', thread: id });
    joins.push({ kind: 'join', thread: id });
  };
  if (tier === 1) {
    add('T1', [...sleepOp(rng.int(0, 1)), { kind: 'with', lock: 'lock', body: [{ kind: 'sleep', ticks: rng.int(2, 4) }] }]);
    add('T2', [...sleepOp(rng.int(1, 3)), markedOp(rng, 'lock', ['nb', 'timeout', 'timeout'])]);
    return { spec: { locks: [{ id: 'lock', kind: 'Lock' }], events: [], threads, main: [...starts, ...joins] }, lock: 'lock', thread: 'T2' };
  }
  if (tier === 2) {
    // Distinct arrival ticks, none on T1's release tick, keep most runs free of ties.
    const hold1 = rng.int(1, 3);
    const [a2, a3] = rng.sample([1, 2, 3, 4, 5].filter((t) => t !== hold1), 2) as [number, number];
    add('T1', [{ kind: 'with', lock: 'lock', body: [{ kind: 'sleep', ticks: hold1 }] }]);
    add('T2', [...sleepOp(a2), markedOp(rng, 'lock', ['timeout', 'timeout', 'forever', 'nb'])]);
    add('T3', [...sleepOp(a3), { kind: 'with', lock: 'lock', body: [{ kind: 'sleep', ticks: rng.int(1, 3) }] }]);
    const mainHolds = rng.bool(0.4);
    const main: Op[] = mainHolds
      ? [{ kind: 'acquire', lock: 'lock' }, ...starts, { kind: 'sleep', ticks: rng.int(1, 3) }, { kind: 'release', lock: 'lock' }, ...joins]
      : [...starts, ...joins];
    return { spec: { locks: [{ id: 'lock', kind: 'Lock' }], events: [], threads, main }, lock: 'lock', thread: 'T2' };
  }
  // Re-entry: the marked call comes from a thread that already holds the lock.
  const kind = rng.pick(['Lock', 'RLock'] as const);
  const lock = kind === 'Lock' ? 'lock' : 'rlock';
  add('T1', [...sleepOp(rng.int(2, 5)), { kind: 'with', lock, body: [{ kind: 'sleep', ticks: rng.int(1, 2) }] }]);
  add('T2', [{ kind: 'with', lock, body: [...sleepOp(rng.int(0, 2)), markedOp(rng, lock, ['timeout', 'timeout', 'nb'])] }]);
  return { spec: { locks: [{ id: lock, kind }], events: [], threads, main: [...starts, ...joins] }, lock, thread: 'T2' };
}

function parse(id: string): { value: boolean; tick: number } | null {
  const m = /^(True|False)@(\d+)$/.exec(id);
  return m ? { value: m[1] === 'True', tick: Number(m[2]) } : null;
}

function label(id: string): Localized {
  if (id === 'raises') return L('raises an exception (TimeoutError)', '예외 발생 (TimeoutError)');
  const p = parse(id);
  if (!p) return L(id, id);
  const v = p.value ? 'True' : 'False';
  return L(`returns ${v} at t = ${p.tick}`, `t = ${p.tick}에 ${v} 반환`);
}

function options(s: AcquireResultScenario, run: RunResult): Option[] {
  const c = markedCall(run, s.thread);
  const answer = answerOf(run, s.thread);
  if (!c) return [];
  const compiled = run.final.program.threads.find((t) => t.id === s.thread)?.code[c.pc];
  const timeout = compiled?.kind === 'acquire' ? compiled.timeout : undefined;
  const nonBlocking = compiled?.kind === 'acquire' && compiled.blocking === false;
  const tags = new Map<string, Misconception>();
  const at = c.calledAt;
  const li = run.final.locks.findIndex((l) => l.id === s.lock);
  let freeAt: number | null = null;
  for (const snap of run.final.snapshots) {
    if (snap.tick > at && (snap.holders[li] === null || snap.holders[li] === s.thread)) {
      freeAt = snap.tick;
      break;
    }
  }
  const reentry = s.spec.threads.find((t) => t.id === s.thread)?.body[0]?.kind === 'with';
  const cands: string[] = [answer, `True@${at}`, `False@${at}`];
  if (timeout !== undefined) {
    cands.push(`False@${at + timeout}`, `True@${at + timeout}`, 'raises');
    tags.set('raises', M.timeoutRaises);
    tags.set(`True@${at + timeout}`, M.timeoutWaitsFull);
  }
  if (freeAt !== null) cands.push(`True@${freeAt}`);
  if (nonBlocking && freeAt !== null) tags.set(`True@${freeAt}`, M.nonBlockingWaits);
  if (reentry && s.spec.locks[0]?.kind === 'Lock') tags.set(`True@${at}`, M.lockReentrant);
  if (reentry && s.spec.locks[0]?.kind === 'RLock' && timeout !== undefined) tags.set(`False@${at + timeout}`, M.lockReentrant);
  if (!reentry && !nonBlocking) tags.set(`True@${at}`, M.gilIsLock);
  const ids = [...new Set(cands)].filter((id) => id === answer || id === 'raises' || parse(id) !== null);
  const order = (id: string) => (id === 'raises' ? 1e9 : (parse(id)?.tick ?? 0) * 2 + (parse(id)?.value ? 1 : 0));
  return ids
    .sort((a, b) => order(a) - order(b))
    .map((id) => option(id, label(id), id === answer ? undefined : tags.get(id)));
}

/** The marked call is the nth acquire of the lock in the thread's code (the scenario search ensures it runs). */
function nthMarkedAcquire(s: AcquireResultScenario): number {
  const code = compileProgram(s.spec).threads.find((t) => t.id === s.thread)?.code ?? [];
  const pc = Math.max(0, code.findIndex((i) => markOf(i) === MARK));
  return code.slice(0, pc).filter((i) => (i.kind === 'acquire' || i.kind === 'with-enter') && i.lock === s.lock).length;
}

/** The answer body of the exported program: the marked call's result at the tick `tick` (a Python expression of `e`). */
function markedAcquire(s: AcquireResultScenario, nth: number, tick: string): string[] {
  return [
    `e = _calls(${JSON.stringify(s.thread)}, "acquire", ${s.lock})[${nth}]`,
    'if e["exc"]:',
    '    return "raises"',
    `return f"{e['val']}@{${tick}}"`,
  ];
}

function fallback(): AcquireResultScenario {
  return {
    spec: {
      locks: [{ id: 'lock', kind: 'Lock' }],
      events: [],
      threads: [
        { id: 'T1', daemon: false, body: [{ kind: 'with', lock: 'lock', body: [{ kind: 'sleep', ticks: 3 }] }] },
        {
          id: 'T2',
          daemon: false,
          body: [
            { kind: 'sleep', ticks: 1 },
            { kind: 'if-acquire', lock: 'lock', timeout: 1, body: [{ kind: 'print', text: 'T2 got the lock' }], orElse: [{ kind: 'print', text: 'T2 gave up' }], mark: MARK },
          ],
        },
      ],
      main: [
        { kind: 'start', thread: 'T1' },
        { kind: 'start', thread: 'T2' },
        { kind: 'join', thread: 'T1' },
        { kind: 'join', thread: 'T2' },
      ],
    },
    lock: 'lock',
    thread: 'T2',
  };
}

const analyze = (s: AcquireResultScenario): RunAnalysis => runAnalysis(s, options);

/** Version 1: the exported program printed the logical tick of the return. */
/** The scenario search; with `need`, only scenarios offering that misconception as a wrong option (version 3). */
function generateWith(need?: Misconception): Generator<AcquireResultScenario, RunAnalysis>['generate'] {
  return (rng, tier) =>
    search(
      rng,
      (r) => {
        const s = buildSpec(r, tier);
        const run = cleanRun(s.spec);
        if (!run || run.final.now > 14) return null;
        const c = markedCall(run, s.thread);
        if (!c || c.raised) return null;
        const opts = options(s, run);
        if (need && !opts.some((o) => o.misconception?.id === need.id)) return null;
        return acceptTagged(s, run, opts);
      },
      () => analyzed(fallback(), analyze),
    );
}

const v1: Generator<AcquireResultScenario, RunAnalysis> = {
  id: 'acquire-result',
  version: 1,
  domain: 'threads',
  topic: 'lock',
  title: L('What does acquire() return?', 'acquire()는 무엇을 반환하나?'),
  tiers: [1, 2, 3],
  generate: generateWith(),
  analyze,
  question(s, { run, options }) {
    const answer = answerOf(run, s.thread);
    const c = markedCall(run, s.thread);
    const p = parse(answer);
    const summary: Localized[] = [];
    if (c && p) {
      const waited = c.returnedAt - c.calledAt;
      summary.push(
        L(
          `${s.thread} calls it at t = ${c.calledAt}; it returns ${p.value ? 'True' : 'False'} at t = ${c.returnedAt}${waited > 0 ? ` after waiting ${waited} s` : ' at once'}.`,
          `${josa(s.thread, PARTICLE.eun, 'letters')} t = ${c.calledAt}에 호출하고, ${waited > 0 ? `${waited}초 기다린 뒤 ` : '즉시 '}t = ${c.returnedAt}에 ${josa(p.value ? 'True' : 'False', PARTICLE.eul, 'letters')} 반환합니다.`,
        ),
      );
      const holder = run.final.snapshots[c.calledAt]?.holders[run.final.locks.findIndex((l) => l.id === s.lock)] ?? null;
      if (holder !== null && holder !== s.thread && c.returnedAt > c.calledAt) {
        summary.push(
          L(
            `At t = ${c.calledAt} the lock is held by ${holder === 'main' ? 'MainThread' : holder}; ${p.value ? `it is released at t = ${c.returnedAt}, so the waiting call gets it right then` : 'it is still held when the timeout expires, so acquire gives up and returns False (no exception)'}. While waiting, ${s.thread} has released the GIL.`,
            `t = ${c.calledAt}에 락은 ${josa(holder === 'main' ? 'MainThread' : holder, PARTICLE.i, 'letters')} 잡고 있습니다. ${p.value ? `t = ${c.returnedAt}에 해제되므로 기다리던 호출이 바로 얻습니다` : '타임아웃이 끝날 때도 잡혀 있어 acquire는 포기하고 False를 반환합니다(예외 없음)'}. 기다리는 동안 ${josa(s.thread, PARTICLE.eun, 'letters')} GIL을 놓고 있습니다.`,
          ),
        );
      }
      if (s.spec.threads.find((t) => t.id === s.thread)?.body[0]?.kind === 'with') {
        summary.push(
          s.spec.locks[0]?.kind === 'RLock'
            ? L(`${s.thread} already owns the RLock; an RLock is re-entrant, so its owner gets it again at once (the count goes to 2).`, `${josa(s.thread, PARTICLE.eun, 'letters')} 이미 RLock을 소유하고 있습니다. RLock은 재진입이 가능하므로 소유자는 즉시 다시 얻습니다(횟수 2).`)
            : L(`${s.thread} already holds the Lock; a plain Lock is not re-entrant, so it waits for itself: ${p.value ? '' : 'only the timeout ends the wait, with False'}.`.replace(/: $/, '.'), `${josa(s.thread, PARTICLE.eun, 'letters')} 이미 Lock을 잡고 있습니다. 일반 Lock은 재진입이 안 되어 자기 자신을 기다립니다${p.value ? '' : ': 타임아웃이 되어야 False로 끝납니다'}.`),
        );
      }
    }
    return {
      prompt: [
        text(
          `What does the \`acquire\` call marked (A) in ${s.thread} return, and at which time t (seconds after the start) does it return?`,
          `${s.thread}에서 (A)로 표시된 \`acquire\` 호출은 무엇을 반환하고, 언제(시작 후 t초) 반환하나요?`,
        ),
        codeBlock(s.spec),
      ],
      response: { kind: 'choice', options },
      answer,
      explanation: explanation(
        run,
        summary,
        L(
          'CPython: Lock.acquire(blocking=True, timeout=-1) returns True once it gets the lock; with blocking=False it returns at once; with a timeout it returns False when the timeout expires first. It never raises on timeout. A Lock is not re-entrant; an RLock is, for its owner.',
          'CPython: Lock.acquire(blocking=True, timeout=-1)은 락을 얻으면 True를 반환합니다. blocking=False면 즉시 반환하고, timeout이 있으면 먼저 만료될 때 False를 반환합니다. 타임아웃에 예외는 없습니다. Lock은 재진입 불가, RLock은 소유자에 한해 재진입 가능합니다.',
        ),
      ),
      assumptions: [TICK_MODEL, NO_TIES],
    };
  },
  program(s) {
    const nth = nthMarkedAcquire(s);
    return exportProgram(s.spec, markedAcquire(s, nth, 'e[\'k\']'));
  },
  tieFree(s) {
    return tieFreeUnderAllOrders(s.spec, (run) => answerOf(run, s.thread));
  },
};

export const acquireResultV1 = defineGenerator(v1);

const v2: Generator<AcquireResultScenario, RunAnalysis> = {
  ...v1,
  version: 2,
  program(s) {
    return exportProgram(s.spec, markedAcquire(s, nthMarkedAcquire(s), '_at(e)'), {}, EXPORT_TICK, 2);
  },
};

/** Version 2: the same questions; the exported program measures when the marked call returned. */
export const acquireResultV2 = defineGenerator(v2);

/**
 * Version 3: the marked acquire always has a timeout, so "a timed-out acquire raises" is a
 * wrong option in every question (60 % in version 2: non-blocking and blocking-forever calls
 * offer no such option); the Korean title and text in 합니다체 (issue 16 §4).
 */
export const acquireResult = defineGenerator<AcquireResultScenario, RunAnalysis>(inHamnidaGenerator({
  ...v2,
  version: 3,
  generate: generateWith(M.timeoutRaises),
}));
