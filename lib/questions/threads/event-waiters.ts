/**
 * "Which threads' ev.wait() return False?" with three or four waiters of different start
 * times and timeouts and one set(): set() wakes every thread waiting at that moment (tier 1);
 * the flag stays set, so a wait() that starts after set() returns True at once (tier 2); a
 * clear() right after set() does not take back the wake-up, but a wait() that starts after
 * the clear() waits again (tier 3).
 */
import type { Rng } from '@/lib/sim/rng';
import type { Op, ProgramSpec, RunResult } from '@/lib/sim/threads';
import { inHamnidaGenerator, josa, L, option, PARTICLE, search, text } from '../kit';
import { threadMisconceptions as M } from '../misconceptions';
import { defineGenerator, type Generated, type Localized, type Misconception, type Option, type Tier } from '../types';
import { NO_TIES, TICK_MODEL, analyzed, cleanRun, codeBlock, tieFreeUnderAllOrders } from './common';
import { explanation } from './explain';
import { EXPORT_TICK, exportProgram } from './python-program';

export interface Waiter {
  readonly id: string;
  /** Tick at which it calls ev.wait(). */
  readonly start: number;
  /** ev.wait(timeout); absent: ev.wait() with no timeout. */
  readonly timeout?: number;
}

export interface EventWaitersScenario {
  readonly waiters: readonly Waiter[];
  /** The setter thread, when it calls ev.set(), and whether it calls ev.clear() right after. */
  readonly setter: string;
  readonly setAt: number;
  readonly clearAfter: boolean;
}

export interface EventWaitersAnalysis {
  readonly spec: ProgramSpec;
  readonly run: RunResult;
  /** Waiters whose wait() returned False, sorted. */
  readonly answer: readonly string[];
  readonly options: readonly Option[];
}

/** A wrong model of Event: what a learner holding it predicts each wait() returns ('blocks': never returns). */
export type EventBelief = 'wakes-one' | 'clear-unwakes' | 'set-is-signal';
type Predicted = boolean | 'blocks';

const waitingAtSet = (s: EventWaitersScenario, w: Waiter) => w.start < s.setAt && (w.timeout === undefined || w.start + w.timeout > s.setAt);

/** What CPython does: True if set() came while waiting, or the flag was set when wait() began; else False at the timeout (the simulator's run must agree: tested). */
export function truth(s: EventWaitersScenario, w: Waiter): Predicted {
  if (waitingAtSet(s, w)) return true;
  if (w.start > s.setAt && !s.clearAfter) return true;
  return w.timeout === undefined ? 'blocks' : false;
}

/**
 * A waiter's wait() as `belief` predicts it:
 * - wakes-one: set() wakes only the thread waiting longest (when that one is unique); the
 *   others waiting then keep waiting to their timeout;
 * - clear-unwakes: clear() right after set() takes the wake-up back from the waiting threads;
 * - set-is-signal: set() reaches only the threads waiting at that moment; a later wait() waits.
 */
export function believedWait(s: EventWaitersScenario, w: Waiter, belief: EventBelief): Predicted {
  const timesOut: Predicted = w.timeout === undefined ? 'blocks' : false;
  if (belief === 'wakes-one' && waitingAtSet(s, w)) {
    const starts = s.waiters.filter((x) => waitingAtSet(s, x)).map((x) => x.start);
    const first = Math.min(...starts);
    if (starts.filter((t) => t === first).length > 1) return truth(s, w);
    return w.start === first ? true : timesOut;
  }
  if (belief === 'clear-unwakes' && s.clearAfter && waitingAtSet(s, w)) return timesOut;
  if (belief === 'set-is-signal' && w.start > s.setAt) return timesOut;
  return truth(s, w);
}

const TAGS: readonly { readonly belief: EventBelief; readonly tag: Misconception }[] = [
  { belief: 'wakes-one', tag: M.eventWakesOne },
  { belief: 'clear-unwakes', tag: M.clearUnwakes },
  { belief: 'set-is-signal', tag: M.setIsSignal },
];

function specOf(s: EventWaitersScenario): ProgramSpec {
  const waiters = s.waiters.map((w) => ({
    id: w.id,
    daemon: false,
    body: [...(w.start > 0 ? [{ kind: 'sleep', ticks: w.start } as Op] : []), { kind: 'wait', event: 'ev', ...(w.timeout !== undefined ? { timeout: w.timeout } : {}) } as Op],
  }));
  const setter = {
    id: s.setter,
    daemon: false,
    body: [
      { kind: 'sleep', ticks: s.setAt },
      { kind: 'set', event: 'ev' },
      ...(s.clearAfter ? [{ kind: 'clear', event: 'ev' }] : []),
      { kind: 'print', text: s.clearAfter ? `${s.setter} set and cleared` : `${s.setter} set` },
    ] as Op[],
  };
  const threads = [...waiters, setter];
  return {
    locks: [],
    events: [{ id: 'ev' }],
    threads,
    main: [...threads.map((t) => ({ kind: 'start' as const, thread: t.id })), ...threads.map((t) => ({ kind: 'join' as const, thread: t.id }))],
  };
}

/** Each waiter's wait() value in a run (undefined if it never returned). */
function waitValue(run: RunResult, id: string): boolean | undefined {
  const c = run.final.calls.find((x) => x.thread === id && x.kind === 'wait');
  return c ? c.value === true : undefined;
}

function answerOf(run: RunResult, s: EventWaitersScenario): string[] {
  return s.waiters.filter((w) => waitValue(run, w.id) === false).map((w) => w.id).sort();
}

function optionsOf(s: EventWaitersScenario, answer: readonly string[]): Option[] {
  return s.waiters.map((w) => {
    const wrongly = answer.includes(w.id) ? undefined : TAGS.find((t) => believedWait(s, w, t.belief) === false)?.tag;
    return option(w.id, `${w.id}: ev.wait(${w.timeout === undefined ? '' : `timeout=${w.timeout}`})`, wrongly, true);
  });
}

function analyze(s: EventWaitersScenario): EventWaitersAnalysis {
  const spec = specOf(s);
  const run = cleanRun(spec);
  if (!run) throw new Error('an event-waiters scenario must run without a tie');
  const answer = answerOf(run, s);
  return { spec, run, answer, options: optionsOf(s, answer) };
}

function build(rng: Rng, tier: Tier): Generated<EventWaitersScenario, EventWaitersAnalysis> | null {
  const n = tier === 1 ? 3 : rng.int(3, 4);
  const setAt = rng.int(3, 6);
  const waiters: Waiter[] = [];
  for (let i = 1; i <= n; i++) {
    const late = tier >= 2 && rng.bool(0.35);
    const start = late ? rng.int(setAt + 1, setAt + 3) : rng.int(0, setAt - 1);
    const timeout = late && tier === 3 ? rng.int(1, 4) : rng.bool(0.15) ? undefined : rng.int(1, 7);
    waiters.push({ id: `T${i}`, start, ...(timeout !== undefined ? { timeout } : {}) });
  }
  const s: EventWaitersScenario = { waiters, setter: `T${n + 1}`, setAt, clearAfter: tier === 3 };
  // No wait() starts or times out in the tick of the set(); none waits forever.
  if (waiters.some((w) => w.start === setAt || (w.timeout !== undefined && w.start + w.timeout === setAt))) return null;
  if (waiters.some((w) => truth(s, w) === 'blocks')) return null;
  const spec = specOf(s);
  const run = cleanRun(spec);
  if (!run) return null;
  const answer = answerOf(run, s);
  if (answer.length === 0 || answer.length === n) return null;
  const options = optionsOf(s, answer);
  if (!options.some((o) => o.misconception?.id === M.eventWakesOne.id)) return null;
  if (tier === 2 && !options.some((o) => o.misconception?.id === M.setIsSignal.id)) return null;
  if (tier === 3 && !options.some((o) => o.misconception?.id === M.clearUnwakes.id)) return null;
  return { scenario: s, analysis: { spec, run, answer, options } };
}

function fallback(): EventWaitersScenario {
  return {
    waiters: [
      { id: 'T1', start: 0, timeout: 6 },
      { id: 'T2', start: 1, timeout: 6 },
      { id: 'T3', start: 0, timeout: 2 },
    ],
    setter: 'T4',
    setAt: 4,
    clearAfter: false,
  };
}

function summaryOf(s: EventWaitersScenario, a: EventWaitersAnalysis): Localized[] {
  const lines: Localized[] = [
    L(
      `${s.setter} calls ev.set() at t = ${s.setAt}${s.clearAfter ? ' and ev.clear() right after' : ''}.`,
      `${josa(s.setter, PARTICLE.eun, 'letters')} t = ${s.setAt}에 ev.set()을 호출합니다${s.clearAfter ? '. 바로 뒤에 ev.clear()도 호출합니다' : ''}.`,
    ),
  ];
  for (const w of s.waiters) {
    const to = w.timeout === undefined ? '' : ` (timeout ${w.timeout})`;
    const head = `${w.id}: wait()${to}, t = ${w.start}`;
    if (waitingAtSet(s, w)) lines.push(L(`${head}: still waiting at t = ${s.setAt}, so set() wakes it: True.`, `${head}: t = ${s.setAt}에 아직 기다리는 중이라 set()이 깨웁니다: True.`));
    else if (w.start > s.setAt && !s.clearAfter) lines.push(L(`${head}: the flag is already set, so wait() returns True at once.`, `${head}: 플래그가 이미 설정되어 있어 wait()는 즉시 True를 반환합니다.`));
    else if (w.start > s.setAt) lines.push(L(`${head}: the flag was cleared again, so it waits; nobody sets it before the timeout: False.`, `${head}: 플래그가 다시 clear되어 기다리며, 타임아웃 전에 아무도 설정하지 않습니다: False.`));
    else lines.push(L(`${head}: its timeout ends at t = ${w.start + (w.timeout ?? 0)}, before the set(): False.`, `${head}: 타임아웃이 set() 전인 t = ${w.start + (w.timeout ?? 0)}에 끝납니다: False.`));
  }
  lines.push(L(`False: ${a.answer.join(', ')}.`, `False: ${a.answer.join(', ')}.`));
  return lines;
}

/** Who a set() wakes, with the Korean title and text in 합니다체 (issue 16 §4). */
export const eventWaiters = defineGenerator<EventWaitersScenario, EventWaitersAnalysis>(inHamnidaGenerator({
  id: 'event-waiters',
  version: 1,
  domain: 'threads',
  topic: 'event',
  title: L('Whom does Event.set() wake?', 'Event.set()은 누구를 깨웁니까?'),
  tiers: [1, 2, 3],
  generate(rng, tier) {
    return search(rng, (r) => build(r, tier), () => analyzed(fallback(), analyze), 300);
  },
  analyze,
  question(s, a) {
    return {
      prompt: [
        text(
          `Which of the threads ${s.waiters.map((w) => w.id).join(', ')} get False from their \`ev.wait\` call (time out)?`,
          `${s.waiters.map((w) => w.id).join(', ')} 중 \`ev.wait\` 호출이 False를 반환하는(타임아웃되는) 스레드를 모두 고르십시오.`,
        ),
        codeBlock(a.spec),
      ],
      response: { kind: 'multi', options: a.options },
      answer: a.answer,
      explanation: explanation(
        a.run,
        summaryOf(s, a),
        L(
          'CPython: an Event has a flag. set() sets it and wakes every thread waiting on the event; it stays set until clear(). wait(timeout) returns True at once if the flag is set, otherwise blocks until set() (True) or the timeout (False). A clear() after set() does not take the wake-up back from threads already woken; a wait() that starts after the clear() waits for the next set().',
          'CPython: Event에는 플래그가 있습니다. set()은 플래그를 설정하고 그 이벤트를 기다리는 모든 스레드를 깨우며, 플래그는 clear() 전까지 유지됩니다. wait(timeout)은 플래그가 설정되어 있으면 즉시 True, 아니면 set()(True)이나 타임아웃(False)까지 블록합니다. set() 뒤의 clear()는 이미 깨어난 스레드의 깨움을 되돌리지 않으며, clear() 뒤에 시작한 wait()는 다음 set()을 기다립니다.',
        ),
      ),
      assumptions: [TICK_MODEL, NO_TIES],
    };
  },
  program(s) {
    const ids = JSON.stringify(s.waiters.map((w) => w.id));
    return exportProgram(specOf(s), [`return sorted(t for t in ${ids} if not _calls(t, "wait", ev)[0]["val"])`], {}, EXPORT_TICK, 2);
  },
  tieFree(s) {
    return tieFreeUnderAllOrders(specOf(s), (run) => answerOf(run, s));
  },
}));
