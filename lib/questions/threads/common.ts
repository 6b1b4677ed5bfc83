/** Helpers shared by the thread generators. */
import { compileProgram, permutations, runCompiled, simulate, type ProgramSpec, type RunResult } from '@/lib/sim/threads';
import { L } from '../kit';
import type { Generated, Localized, Option, PromptBlock } from '../types';
import { displayCode, localizedCode, type RenderOptions } from './python-program';

/**
 * What most thread generators' searches work out and hand on to `question()`: the run of
 * the scenario's program and the options it was accepted for.
 */
export interface RunAnalysis {
  readonly run: RunResult;
  readonly options: readonly Option[];
}

/** A scenario's run and the options made from it, worked out from the scenario alone. */
export function runAnalysis<S extends { readonly spec: ProgramSpec }>(s: S, optionsOf: (s: S, run: RunResult) => Option[]): RunAnalysis {
  const run = simulate(s.spec);
  return { run, options: optionsOf(s, run) };
}

/** Accepts a scenario when one of its options stands for a misconception, handing on its run and options. */
export function acceptTagged<S>(scenario: S, run: RunResult, options: readonly Option[]): Generated<S, RunAnalysis> | null {
  return options.some((o) => o.misconception) ? { scenario, analysis: { run, options } } : null;
}

/** A scenario handed on with its analysis worked out from scratch (a search's fallback). */
export function analyzed<S, A>(scenario: S, analyze: (s: S) => A): Generated<S, A> {
  return { scenario, analysis: analyze(scenario) };
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

/** The shown program, its comments in English for both languages (versions published before issue 16 §4). */
export function codeBlock(spec: ProgramSpec, opts?: RenderOptions): PromptBlock {
  return { kind: 'code', language: 'python', code: displayCode(spec, opts) };
}

/** The shown program with its comments in the learner's language (issue 16 §4). */
export function localizedCodeBlock(spec: ProgramSpec, opts?: RenderOptions): PromptBlock {
  return { kind: 'code', language: 'python', code: localizedCode(spec, opts) };
}

/** Simulates and returns the run only when it is tie-free and the program exits. */
export function cleanRun(spec: ProgramSpec): RunResult | null {
  // Most rejected scenarios race early: stop there instead of finishing the run. A run
  // that finds no race is the whole run, the same as `simulate(spec)`.
  const run = simulate(spec, undefined, { stopOnIssue: true });
  return run.tieFree && run.final.status === 'exited' ? run : null;
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
