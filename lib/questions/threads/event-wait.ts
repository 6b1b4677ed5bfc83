/** "What does `ev.wait(timeout)` marked (A) return, and when does the waiter resume?" */
import type { Rng } from '@/lib/sim/rng';
import { compileProgram, markOf, type Op, type ProgramSpec, type RunResult } from '@/lib/sim/threads';
import { inHamnidaGenerator, josa, L, option, PARTICLE, search, text } from '../kit';
import { threadMisconceptions as M } from '../misconceptions';
import { defineGenerator, type Generator, type Localized, type Misconception, type Option, type Tier } from '../types';
import { NO_TIES, TICK_MODEL, cleanRun, codeBlock, tieFreeUnderAllOrders, analyzed, runAnalysis, type RunAnalysis } from './common';
import { explanation } from './explain';
import { EXPORT_TICK, exportProgram } from './python-program';

export interface EventWaitScenario {
  readonly spec: ProgramSpec;
  /** The thread whose marked wait is asked about. */
  readonly thread: string;
  /** Variant, for explanations and tags. */
  readonly variant: 'single' | 'two-waiters' | 'set-clear' | 'cleared-before';
}

const MARK = 'A';

function markedCall(run: RunResult, thread: string) {
  return run.final.calls.find((c) => c.thread === thread && c.mark === MARK);
}

function answerOf(run: RunResult, thread: string): string {
  const c = markedCall(run, thread);
  return c ? `${c.value ? 'True' : 'False'}@${c.returnedAt}` : 'not-called';
}

const sleepOp = (n: number): Op[] => (n > 0 ? [{ kind: 'sleep', ticks: n }] : []);

function waitOp(thread: string, timeout: number | undefined, marked: boolean, printed = true): Op {
  return {
    kind: 'wait',
    event: 'ev',
    ...(timeout !== undefined ? { timeout } : {}),
    ...(printed ? { print: `${thread} woke:` } : {}),
    ...(marked ? { mark: MARK } : {}),
  };
}

function buildSpec(rng: Rng, tier: Tier, version: 1 | 2): EventWaitScenario {
  const threads: { id: string; daemon: boolean; body: Op[] }[] = [];
  const add = (id: string, body: Op[]) => threads.push({ id, daemon: false, body });
  const finish = (variant: EventWaitScenario['variant'], thread: string): EventWaitScenario => ({
    spec: {
      locks: [],
      events: [{ id: 'ev' }],
      threads,
      main: [...threads.map((t) => ({ kind: 'start' as const, thread: t.id })), ...threads.map((t) => ({ kind: 'join' as const, thread: t.id }))],
    },
    thread,
    variant,
  });
  if (tier === 1) {
    add('T1', [...sleepOp(rng.int(0, 2)), waitOp('T1', rng.int(1, 4), true)]);
    add('T2', [{ kind: 'sleep', ticks: rng.int(1, 5) }, { kind: 'print', text: 'T2 sets' }, { kind: 'set', event: 'ev' }]);
    return finish('single', 'T1');
  }
  if (tier === 2 && version === 2) {
    // Two or three waiters, only the asked one printing, so that one set() can wake them all
    // in the same tick without their output racing: set() wakes every waiter.
    const waiters = rng.int(2, 3);
    const asked = `T${rng.int(1, waiters)}`;
    for (let i = 1; i <= waiters; i++) {
      const id = `T${i}`;
      add(id, [...sleepOp(rng.int(0, 3)), waitOp(id, rng.bool(0.25) ? undefined : rng.int(2, 6), id === asked, id === asked)]);
    }
    const setter = `T${waiters + 1}`;
    add(setter, [{ kind: 'sleep', ticks: rng.int(1, 6) }, { kind: 'print', text: `${setter} sets` }, { kind: 'set', event: 'ev' }]);
    return finish('two-waiters', asked);
  }
  if (tier === 2) {
    const asked = rng.pick(['T1', 'T2']);
    add('T1', [...sleepOp(rng.int(0, 2)), waitOp('T1', rng.bool(0.3) ? undefined : rng.int(1, 5), asked === 'T1')]);
    add('T2', [...sleepOp(rng.int(0, 3)), waitOp('T2', rng.int(1, 5), asked === 'T2')]);
    add('T3', [{ kind: 'sleep', ticks: rng.int(1, 6) }, { kind: 'print', text: 'T3 sets' }, { kind: 'set', event: 'ev' }]);
    return finish('two-waiters', asked);
  }
  if (rng.bool(0.5)) {
    // set() immediately followed by clear(): waiters already waiting still return True.
    const d1 = rng.int(0, 2);
    const w1 = rng.int(2, 5);
    const setAt = rng.int(d1 + 1, d1 + w1 - 1);
    const d3 = rng.pick([0, 1, 2, 3, 4].filter((t) => t !== setAt && t !== d1));
    const w3 = rng.pick([1, 2, 3].filter((w) => d3 + w !== setAt));
    add('T1', [...sleepOp(d1), waitOp('T1', w1, true)]);
    add('T2', [{ kind: 'sleep', ticks: setAt }, { kind: 'set', event: 'ev' }, { kind: 'clear', event: 'ev' }, { kind: 'print', text: 'T2 set and cleared' }]);
    add('T3', [...sleepOp(d3), waitOp('T3', w3, false)]);
    return finish('set-clear', 'T1');
  }
  // The flag was set and cleared before the wait began: wait sees a clear flag.
  const setAt = rng.int(1, 3);
  const x = rng.int(1, 2);
  const y = rng.int(2, 4);
  const call = setAt + x + rng.int(1, y - 1);
  const w = rng.pick([1, 2, 3].filter((t) => call + t !== setAt + x + y));
  add('T1', [{ kind: 'sleep', ticks: setAt }, { kind: 'set', event: 'ev' }, { kind: 'print', text: 'T1 set' }, { kind: 'sleep', ticks: x }, { kind: 'clear', event: 'ev' }, { kind: 'sleep', ticks: y }, { kind: 'set', event: 'ev' }]);
  add('T2', [{ kind: 'sleep', ticks: call }, { kind: 'is-set', event: 'ev', print: 'T2 sees flag' }, waitOp('T2', w, true)]);
  return finish('cleared-before', 'T2');
}

function parse(id: string): { value: string; tick: number } | null {
  const m = /^(True|False|None)@(\d+)$/.exec(id);
  return m ? { value: m[1] as string, tick: Number(m[2]) } : null;
}

function label(id: string): Localized {
  if (id === 'raises') return L('raises an exception (TimeoutError)', '예외 발생 (TimeoutError)');
  const p = parse(id);
  if (!p) return L(id, id);
  return L(`returns ${p.value}, resuming at t = ${p.tick}`, `t = ${p.tick}에 깨어나 ${p.value} 반환`);
}

/**
 * What the belief "Event.set() wakes only one waiter" predicts for the marked wait: when the
 * set() that wakes it finds two or more threads waiting, the believer has the one waiting
 * longest woken (as Condition.notify() would) and the others keep waiting until their timeout.
 * Undefined where the belief makes no prediction different from the truth (a single waiter,
 * the asked thread waiting longest, a tie, no timeout, or another set() before the timeout).
 */
export function wakesOneModel(run: RunResult, thread: string): string | undefined {
  const c = markedCall(run, thread);
  if (!c || c.value !== true || c.returnedAt === c.calledAt) return undefined;
  const instr = run.final.program.threads.find((t) => t.id === thread)?.code[c.pc];
  const timeout = instr?.kind === 'wait' ? instr.timeout : undefined;
  if (timeout === undefined) return undefined;
  const setAt = c.returnedAt;
  const woken = run.final.calls.filter((x) => x.kind === 'wait' && x.target === c.target && x.calledAt < setAt && x.returnedAt === setAt && x.value === true);
  if (woken.length < 2) return undefined;
  const first = Math.min(...woken.map((x) => x.calledAt));
  if (c.calledAt === first || woken.filter((x) => x.calledAt === first).length > 1) return undefined;
  const end = c.calledAt + timeout;
  if (run.final.calls.some((x) => x.kind === 'set' && x.target === c.target && x.calledAt > setAt && x.calledAt <= end)) return undefined;
  return `False@${end}`;
}

/** Version 2: "set() wakes only one waiter" tags only the option that belief predicts (see wakesOneModel). */
function optionsV2(s: EventWaitScenario, run: RunResult): Option[] {
  const believed = wakesOneModel(run, s.thread);
  return options(s, run).map((o): Option => {
    const misconception = o.misconception?.id === M.eventWakesOne.id ? undefined : o.misconception;
    if (o.id === believed && !misconception) return option(o.id, o.label, M.eventWakesOne);
    return misconception ? o : option(o.id, o.label);
  });
}

/** Version 1: tags False at the timeout "set() wakes only one" whenever the program has two waiting threads, even when only one waits at the set(). */
function options(s: EventWaitScenario, run: RunResult): Option[] {
  const c = markedCall(run, s.thread);
  if (!c) return [];
  const answer = answerOf(run, s.thread);
  const instr = run.final.program.threads.find((t) => t.id === s.thread)?.code[c.pc];
  const timeout = instr?.kind === 'wait' ? instr.timeout : undefined;
  const tags = new Map<string, Misconception>();
  const at = c.calledAt;
  const p = parse(answer);
  const cands: string[] = [answer, `True@${at}`];
  if (p) {
    cands.push(`None@${p.tick}`);
    tags.set(`None@${p.tick}`, M.waitReturnsNone);
  }
  if (timeout !== undefined) {
    cands.push(`False@${at + timeout}`, `True@${at + timeout}`, 'raises');
    tags.set('raises', M.timeoutRaises);
    if (p?.value === 'True' && p.tick < at + timeout) {
      tags.set(`True@${at + timeout}`, M.timeoutWaitsFull);
      if (s.variant === 'two-waiters') tags.set(`False@${at + timeout}`, M.eventWakesOne);
      if (s.variant === 'set-clear') tags.set(`False@${at + timeout}`, M.clearUnwakes);
    }
  }
  const sets = run.final.calls.filter((x) => x.kind === 'set' && x.calledAt > at).map((x) => x.calledAt);
  for (const t of sets) cands.push(`True@${t}`);
  const ids = [...new Set(cands)];
  const order = (id: string) => (id === 'raises' ? 1e9 : (parse(id)?.tick ?? 0) * 3 + ['False', 'True', 'None'].indexOf(parse(id)?.value ?? ''));
  return ids.sort((a, b) => order(a) - order(b)).map((id) => option(id, label(id), id === answer ? undefined : tags.get(id)));
}

function fallback(): EventWaitScenario {
  return {
    spec: {
      locks: [],
      events: [{ id: 'ev' }],
      threads: [
        { id: 'T1', daemon: false, body: [waitOp('T1', 3, true)] },
        { id: 'T2', daemon: false, body: [{ kind: 'sleep', ticks: 2 }, { kind: 'print', text: 'T2 sets' }, { kind: 'set', event: 'ev' }] },
      ],
      main: [
        { kind: 'start', thread: 'T1' },
        { kind: 'start', thread: 'T2' },
        { kind: 'join', thread: 'T1' },
        { kind: 'join', thread: 'T2' },
      ],
    },
    thread: 'T1',
    variant: 'single',
  };
}

const analyze = (s: EventWaitScenario): RunAnalysis => runAnalysis(s, options);
const analyzeV2 = (s: EventWaitScenario): RunAnalysis => runAnalysis(s, optionsV2);

/** The scenario search, keeping scenarios for which `optionsOf` offers a misconception. */
function searchFor(optionsOf: typeof options, analyzeOf: typeof analyze, version: 1 | 2): Generator<EventWaitScenario, RunAnalysis>['generate'] {
  return (rng, tier) =>
    search(
      rng,
      (r) => {
        const s = buildSpec(r, tier, version);
        const run = cleanRun(s.spec);
        if (!run || run.final.now > 14 || !markedCall(run, s.thread)) return null;
        const opts = optionsOf(s, run);
        if (!opts.some((o) => o.misconception)) return null;
        const c = markedCall(run, s.thread);
        // Tier 3's twist must actually matter.
        if (s.variant === 'set-clear' && !(c?.value === true && c.returnedAt > c.calledAt)) return null;
        if (s.variant === 'cleared-before' && (c?.returnedAt === c?.calledAt || !run.final.calls.some((x) => x.kind === 'clear' && x.calledAt <= (c?.calledAt ?? 0)))) return null;
        return { scenario: s, analysis: { run, options: opts } };
      },
      () => analyzed(fallback(), analyzeOf),
    );
}

const v1: Generator<EventWaitScenario, RunAnalysis> = {
  id: 'event-wait',
  version: 1,
  domain: 'threads',
  topic: 'event',
  title: L('What does Event.wait() return?', 'Event.wait()는 무엇을 반환하나?'),
  tiers: [1, 2, 3],
  generate: searchFor(options, analyze, 1),
  analyze,
  question(s, { run, options }) {
    const answer = answerOf(run, s.thread);
    const c = markedCall(run, s.thread);
    const summary: Localized[] = [];
    if (c) {
      const v = c.value ? 'True' : 'False';
      const setBy = run.final.calls.find((x) => x.kind === 'set' && x.calledAt === c.returnedAt);
      if (c.returnedAt === c.calledAt) {
        summary.push(L(`${s.thread} calls wait() at t = ${c.calledAt} when the flag is already set: it returns True at once.`, `${josa(s.thread, PARTICLE.eun, 'letters')} 플래그가 이미 설정된 t = ${c.calledAt}에 wait()를 호출하므로 즉시 True를 반환합니다.`));
      } else if (c.value) {
        summary.push(
          L(
            `${s.thread} waits from t = ${c.calledAt}; ${setBy ? `${setBy.thread} calls ev.set() at t = ${c.returnedAt}, which wakes every waiting thread,` : 'the flag is set'} so wait() returns ${v} at t = ${c.returnedAt}, before its timeout.`,
            `${josa(s.thread, PARTICLE.eun, 'letters')} t = ${c.calledAt}부터 기다립니다. ${setBy ? `t = ${c.returnedAt}에 ${josa(setBy.thread, PARTICLE.i, 'letters')} ev.set()을 호출해 기다리던 모든 스레드를 깨우므로` : '플래그가 설정되어'} wait()는 타임아웃 전에 t = ${c.returnedAt}에 ${josa(v, PARTICLE.eul, 'letters')} 반환합니다.`,
          ),
        );
      } else {
        summary.push(
          L(
            `${s.thread} waits from t = ${c.calledAt}; nobody sets the flag before the timeout ends at t = ${c.returnedAt}, so wait() returns False (it does not raise).`,
            `${josa(s.thread, PARTICLE.eun, 'letters')} t = ${c.calledAt}부터 기다리지만 타임아웃이 끝나는 t = ${c.returnedAt}까지 아무도 플래그를 설정하지 않아 wait()는 False를 반환합니다(예외 없음).`,
          ),
        );
      }
      if (s.variant === 'set-clear' && c.value) {
        summary.push(L('The flag is cleared right after set(), but the waiters were already woken by set(): their wait() returns True.', 'set() 직후 플래그가 clear되지만 기다리던 스레드는 이미 set()으로 깨어났으므로 wait()는 True를 반환합니다.'));
      }
      if (s.variant === 'cleared-before') {
        summary.push(L('The flag was set earlier but cleared again before this wait() began; wait() only looks at the flag when called and then waits for the next set().', '플래그는 예전에 설정됐지만 이 wait() 전에 다시 clear되었습니다. wait()는 호출 시점의 플래그를 보고, 그 뒤에는 다음 set()을 기다립니다.'));
      }
      summary.push(L('A thread blocked in wait() does not hold the GIL or any lock; set() does not hand "control" to it, it just lets it continue.', 'wait()에서 블록된 스레드는 GIL도 락도 잡고 있지 않습니다. set()은 "제어권"을 넘기는 것이 아니라 계속 진행하게 할 뿐입니다.'));
    }
    return {
      prompt: [
        text(
          `What does the \`ev.wait\` call marked (A) in ${s.thread} return, and at which time t (seconds after the start) does ${s.thread} resume?`,
          `${s.thread}에서 (A)로 표시된 \`ev.wait\` 호출은 무엇을 반환하며, ${josa(s.thread, PARTICLE.eun, 'letters')} 언제(시작 후 t초) 다시 진행하나요?`,
        ),
        codeBlock(s.spec),
      ],
      response: { kind: 'choice', options },
      answer,
      explanation: explanation(
        run,
        summary,
        L(
          'CPython: an Event has an internal flag. set() sets it and wakes every waiting thread; clear() resets it; wait(timeout) returns True at once if the flag is set, otherwise blocks until set() (True) or the timeout (False). It never raises on timeout.',
          'CPython: Event는 내부 플래그를 가집니다. set()은 플래그를 True로 하고 기다리는 모든 스레드를 깨웁니다. clear()는 False로 되돌립니다. wait(timeout)은 플래그가 True면 즉시 True, 아니면 set()(True) 또는 타임아웃(False)까지 블록합니다. 타임아웃에 예외는 없습니다.',
        ),
      ),
      assumptions: [TICK_MODEL, NO_TIES],
    };
  },
  program(s) {
    return exportProgram(s.spec, [markedWait(s), 'return f"{e[\'val\']}@{e[\'k\']}"']);
  },
  tieFree(s) {
    return tieFreeUnderAllOrders(s.spec, (run) => answerOf(run, s.thread));
  },
};

/** The marked call is the nth wait in the thread's code (the scenario search ensures it runs): Python binding it to `e`. */
function markedWait(s: EventWaitScenario): string {
  const code = compileProgram(s.spec).threads.find((t) => t.id === s.thread)?.code ?? [];
  const pc = Math.max(0, code.findIndex((i) => markOf(i) === MARK));
  const nth = code.slice(0, pc).filter((i) => i.kind === 'wait').length;
  return `e = _calls(${JSON.stringify(s.thread)}, "wait", ev)[${nth}]`;
}

export const eventWaitV1 = defineGenerator(v1);

/**
 * Version 2: "set() wakes only one waiter" tags only the option that belief predicts
 * (wakesOneModel); tier 2 has two or three waiters, only the asked one printing, so one
 * set() wakes several at once; the exported program measures when the marked wait returned;
 * the Korean title and text in 합니다체 (issue 16 §4).
 */
export const eventWait = defineGenerator<EventWaitScenario, RunAnalysis>(inHamnidaGenerator({
  ...v1,
  version: 2,
  generate: searchFor(optionsV2, analyzeV2, 2),
  analyze: analyzeV2,
  program(s) {
    return exportProgram(s.spec, [markedWait(s), 'return f"{e[\'val\']}@{_at(e)}"'], {}, EXPORT_TICK, 2);
  },
}));
