/** Helpers shared by the thread generators. */
import type { Rng } from '@/lib/sim/rng';
import {
  buildTimeline,
  compileProgram,
  permutations,
  runCompiled,
  simulate,
  type ProgramSpec,
  type RunResult,
} from '@/lib/sim/threads';
import type { Explanation, Localized, Misconception, Option, PromptBlock } from '../types';
import { displayCode, type RenderOptions } from './python-program';

export const L = (en: string, ko: string): Localized => ({ en, ko });

export function option(id: string, label: Localized | string, misconception?: Misconception, code = false): Option {
  const l = typeof label === 'string' ? { en: label, ko: label } : label;
  // Optional keys added one by one, in this order (a spread of optional keys is slow in V8).
  const o: { -readonly [K in keyof Option]: Option[K] } = { id, label: l };
  if (code) o.code = true;
  if (misconception) o.misconception = misconception;
  return o;
}

/** The tick model every thread question rests on. */
export const TICK_MODEL: Localized = L(
  'Tick model: time is counted in whole seconds (ticks). sleep(n), timeouts and waits last exactly n seconds; every other statement takes no time. The exported program runs the same code with 1 s scaled to 0.1 s.',
  '틱 모델: 시간은 정수 초(틱) 단위입니다. sleep(n), 타임아웃, 대기는 정확히 n초 걸리고 나머지 문장은 시간이 걸리지 않습니다. 내보낸 프로그램은 같은 코드를 1초 = 0.1초로 줄여 실행합니다.',
);

export const NO_TIES: Localized = L(
  'The scenario was checked so that no two threads touch the same lock, event, thread or output in the same tick without one causing the other: the answer does not depend on how the OS orders simultaneous events.',
  '같은 틱에 두 스레드가 (한쪽이 다른 쪽을 일으킨 경우가 아니면서) 같은 락, 이벤트, 스레드, 출력을 건드리지 않도록 시나리오를 검사했습니다. 즉 OS가 동시에 일어난 일을 어떤 순서로 처리하든 답은 같습니다.',
);

/**
 * Deterministic rejection sampling: tries `build` until it yields a scenario (it returns
 * null to reject), then falls back to a fixed, known-good scenario.
 */
export function search<S>(rng: Rng, build: (rng: Rng) => S | null, fallback: () => S, tries = 200): S {
  for (let i = 0; i < tries; i++) {
    const s = build(rng);
    if (s !== null) return s;
  }
  return fallback();
}

/**
 * Exhaustive tie check: re-simulates under every priority order of the threads (up to
 * 5 threads, 120 orders; beyond that a rotation set) and requires that the run stays
 * race-free and the answer unchanged.
 */
export function tieFreeUnderAllOrders(spec: ProgramSpec, answerOf: (run: RunResult) => unknown): boolean {
  const program = compileProgram(spec);
  const n = program.threads.length;
  const base = runCompiled(program);
  if (!base.tieFree) return false;
  const want = JSON.stringify(answerOf(base));
  const orders =
    n <= 5
      ? permutations(n)
      : Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, i) => (i + r) % n)).flatMap((p) => [p, [...p].reverse()]);
  return orders.every((priority) => {
    const run = runCompiled(program, { priority });
    return run.tieFree && JSON.stringify(answerOf(run)) === want;
  });
}

export function codeBlock(spec: ProgramSpec, opts?: RenderOptions): PromptBlock {
  return { kind: 'code', language: 'python', code: displayCode(spec, opts) };
}

export function text(en: string, ko: string): PromptBlock {
  return { kind: 'text', text: L(en, ko) };
}

export function explanation(run: RunResult, summary: readonly Localized[], rule: Localized): Explanation {
  return { summary, views: [buildTimeline(run)], rule };
}

/**
 * The last few runs, by spec object: `scenario()` simulates the scenario it keeps and
 * `question()` needs the same run moments later. Runs are deterministic, so recalling one
 * changes nothing but time. A small ring of strong references rather than a WeakMap: V8
 * keeps a WeakMap's values alive through young-generation collections, so every run was
 * promoted to the old generation, and collections took milliseconds instead of a fraction.
 */
const RECENT_RUNS = 4;
const recentSpecs: (ProgramSpec | null)[] = new Array<ProgramSpec | null>(RECENT_RUNS).fill(null);
const recentRuns: (RunResult | null)[] = new Array<RunResult | null>(RECENT_RUNS).fill(null);
let nextSlot = 0;

function recall(spec: ProgramSpec): RunResult | null {
  const i = recentSpecs.indexOf(spec);
  return i < 0 ? null : recentRuns[i] ?? null;
}

function remember(spec: ProgramSpec, run: RunResult): void {
  recentSpecs[nextSlot] = spec;
  recentRuns[nextSlot] = run;
  nextSlot = (nextSlot + 1) % RECENT_RUNS;
}

/** Simulates a scenario's program (recalled if it ran moments ago: runs are deterministic). */
export function runOf(spec: ProgramSpec): RunResult {
  let run = recall(spec);
  if (!run) {
    run = simulate(spec);
    remember(spec, run);
  }
  return run;
}

/** Simulates and returns the run only when it is tie-free and the program exits. */
export function cleanRun(spec: ProgramSpec): RunResult | null {
  const known = recall(spec);
  if (known) return known.tieFree && known.final.status === 'exited' ? known : null;
  // Most rejected scenarios race early: stop there instead of finishing the run.
  const run = simulate(spec, undefined, { stopOnIssue: true });
  if (!run.tieFree) return null;
  remember(spec, run);
  if (run.final.status !== 'exited') return null;
  return run;
}

/** The tick at which lock `lock` changed hands around `at`: [acquired at, released at]. */
export function holdSpan(run: RunResult, lock: string, at: number): { from: number; to: number } {
  const li = run.final.locks.findIndex((l) => l.id === lock);
  const holders = run.final.snapshots.map((s) => s.holders[li] ?? null);
  const h = holders[at] ?? null;
  let from = at;
  while (from > 0 && (holders[from - 1] ?? null) === h) from--;
  let to = at;
  while (to + 1 < holders.length && (holders[to + 1] ?? null) === h) to++;
  return { from, to: to + 1 };
}

export function threadName(id: string): string {
  return id === 'main' ? 'MainThread' : id;
}

/** Whether the Korean reading of a name ends in a final consonant (받침): T1 (일), lock (락), main (메인). */
function hasBatchim(word: string): boolean {
  const last = word.trim().slice(-1);
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0;
  if (/[0-9]/.test(last)) return '013678'.includes(last);
  return /[lmnk]/i.test(last);
}

/** A name followed by the right Korean particle: josa("T1", "는") → "T1은", josa("T2", "을") → "T2를". */
export function josa(word: string | number, particle: string): string {
  const w = String(word);
  const pairs: Record<string, [string, string]> = { 은: ['은', '는'], 는: ['은', '는'], 이: ['이', '가'], 가: ['이', '가'], 을: ['을', '를'], 를: ['을', '를'], 과: ['과', '와'], 와: ['과', '와'] };
  const pair = pairs[particle];
  if (!pair) return w + particle;
  return w + (hasBatchim(w) ? pair[0] : pair[1]);
}
