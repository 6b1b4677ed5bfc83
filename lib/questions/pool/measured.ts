/**
 * Shared by the measured cost questions (fastest-executor and pool-overhead from version 4):
 * the work is real (`cpu_work(ms)` burns the thread's CPU time in Python bytecode,
 * `time.sleep` waits), the expected times come from the measured model
 * (lib/sim/pool/measured.ts, figures from calibration.json), and the program learners see
 * times the real loop, thread pool and process pool and prints what it measured. The oracle
 * runs that program unchanged and reads its output with `judgeTimings`: a run whose loop took
 * longer than its work (the machine was busy) or whose compared times are too close to call
 * is NOISY, and is run again rather than judged.
 */
import {
  CALIBRATION,
  STREAMED_CALIBRATION,
  loopMs,
  pickleBytesPerMs,
  poolShutdownMs,
  poolStartMs,
  processPoolMs,
  roundTripMs,
  streamMessageMs,
  threadPoolMs,
  type Calibration,
  type MeasuredWork,
} from '@/lib/sim/pool';
import { L } from '../kit';
import type { CellText, Localized, PromptBlock, TableView, Tier, TimingCheck } from '../types';
import { EXECUTOR_COMMENTS, executorLabel, poolPlansOf, type CommentLanguage, type ExecutorId, type PoolPlans } from './executors';
import { pyNumber } from './workloads';

export interface MeasuredScenario {
  readonly tier: Tier;
  readonly items: number;
  /** CPU per item, ms (pure Python: holds the GIL). */
  readonly cpuMs: number;
  /** Waiting per item, ms (`time.sleep`: releases the GIL). */
  readonly ioMs: number;
  /** Pool(workers) and ThreadPoolExecutor(workers). */
  readonly workers: number;
  /** Each item: `bytes(argBytes)` when set, else the int i. */
  readonly argBytes?: number;
  readonly options: readonly ExecutorId[];
}

/**
 * The calibration each version of the measured questions is built on: version 4 the first one
 * (the echo model, lib/sim/pool/measured.ts), version 5 on the one with streamed message costs.
 */
export const calibrationFor = (version: number): Calibration => (version >= 5 ? STREAMED_CALIBRATION : CALIBRATION);

/** A clear winner stays the winner, by MARGIN, with every overhead this many times smaller or larger. */
export const TOLERANCE = 3;
/** How much faster the winner must be than the next option with every overhead as measured. */
export const MARGIN = 1.5;
/** How much faster the winner must still be with every overhead TOLERANCE times off (more than CLOSE, so a clean run can tell). */
export const EDGE_MARGIN = 1.25;
/** A real run whose two compared times lie closer than this factor is too close to call: NOISY. */
export const CLOSE = 1.1;
/** The loop may take this much longer than its work (plus BUSY_SLACK_MS) before a run counts as disturbed. */
export const BUSY = 1.25;
export const BUSY_SLACK_MS = 2;

/** The scales of the overheads a claim must survive: 1 / tolerance, as measured, tolerance. */
export const scalesOf = (tolerance: number): readonly number[] => [1 / tolerance, 1, tolerance];

export const workOf = (s: Pick<MeasuredScenario, 'items' | 'cpuMs' | 'ioMs'>): MeasuredWork => ({ items: s.items, cpuMs: s.cpuMs, ioMs: s.ioMs });

/** A calibration as one who believes starting workers costs nothing (start and shutdown 0). */
export const freeStart = (c: Calibration): Calibration => ({ ...c, pool_start_ms: { '1': 0 }, pool_shutdown_ms: { '1': 0 } });

/** A calibration as one who believes messages cost nothing (no per-message cost, no pickling time). */
export const freeMessages = (c: Calibration): Calibration => ({
  ...c,
  map_message_ms: 0,
  task_round_trip_ms: { '1': 0 },
  pickle: { bytes: { mb_per_s: Infinity } },
  ...(c.model === 'streamed' ? { stream_message_ms: { '1': 0 } } : {}),
});

/** An option's time under the measured model and calibration `c` with work `w`, every overhead × `scale`. */
export function measuredTime(c: Calibration, s: MeasuredScenario, plans: PoolPlans, id: ExecutorId, scale = 1, w: MeasuredWork = workOf(s)): number {
  if (id === 'serial') return loopMs(w);
  if (id === 'threads') return threadPoolMs(c, w, s.workers, scale);
  const plan = plans[id];
  if (!plan) throw new Error(`no pool plan for ${id}`);
  return processPoolMs(c, w, s.workers, plan.tasks, scale);
}

export interface MeasuredResult {
  readonly id: ExecutorId;
  readonly ms: number;
}

/** The options, fastest first, under the measured model and calibration `c`. */
export function measuredRanking(c: Calibration, s: MeasuredScenario, plans: PoolPlans = poolPlansOf(s), scale = 1): MeasuredResult[] {
  return s.options.map((id) => ({ id, ms: measuredTime(c, s, plans, id, scale) })).sort((a, b) => a.ms - b.ms);
}

/**
 * The winner when it beats the next option by MARGIN with every overhead as measured, and by
 * EDGE_MARGIN with every overhead TOLERANCE times smaller or larger; else null.
 */
export function clearWinner(c: Calibration, s: MeasuredScenario, plans: PoolPlans = poolPlansOf(s)): ExecutorId | null {
  let winner: ExecutorId | null = null;
  for (const scale of scalesOf(TOLERANCE)) {
    const [best, second] = measuredRanking(c, s, plans, scale);
    const margin = scale === 1 ? MARGIN : EDGE_MARGIN;
    if (!best || !second || second.ms < best.ms * margin || (winner !== null && best.id !== winner)) return null;
    winner = best.id;
  }
  return winner;
}

/** Milliseconds as a figure or a Python literal: up to 3 significant digits, no trailing zeros. */
export function msText(ms: number): string {
  if (ms >= 100) return String(Math.round(ms));
  return String(Number(ms.toPrecision(ms >= 1 ? 3 : 2)));
}

// ------------------------------------------------------------------ the program

/** The function of the shown program that runs each option, and the name it prints. */
export const RUNNER: Readonly<Record<'serial' | 'threads' | 'pool-map' | 'pool-imap', string>> = {
  serial: 'loop',
  threads: 'thread_pool',
  'pool-map': 'pool_map',
  'pool-imap': 'pool_imap',
};

const runnerOf = (id: ExecutorId): string => {
  const name = (RUNNER as Readonly<Record<string, string>>)[id];
  if (!name) throw new Error(`no runner for ${id}`);
  return name;
};

/** The comments of the measured programs, in both languages (EXECUTOR_COMMENTS for the shared ones). */
const COMMENTS = {
  timed: L('# wall-clock milliseconds of one run', '# 한 번 실행하는 데 걸린 벽시계 시간(밀리초)'),
  again: L(
    '# the loop once more: much slower than the first time means something else used the CPU meanwhile',
    '# 반복문을 한 번 더: 처음보다 훨씬 느리면 그사이 다른 무언가가 CPU를 썼다는 뜻입니다',
  ),
  sweep: L('# CPU work per item in ms: from which value on does the pool win?', '# 항목당 CPU 작업(ms): 어느 값부터 풀이 이길까요?'),
} as const satisfies Record<string, Localized>;

/** `value` in `lang`. */
const say = (text: Localized, lang: CommentLanguage): string => text[lang];

function dataLine(s: MeasuredScenario): string {
  return `data = ${s.argBytes !== undefined ? `[bytes(${pyNumber(s.argBytes)}) for _ in range(${s.items})]` : `list(range(${s.items}))`}`;
}

const CPU_WORK = (lang: CommentLanguage): string[] => [
  'def cpu_work(ms):',
  `    ${say(EXECUTOR_COMMENTS.cpu, lang)}`,
  '    end = time.thread_time() + ms / 1000',
  '    while time.thread_time() < end:',
  '        pass',
];

/**
 * The lines defining the function that runs option `id`, its label (a)–(d) as a comment first
 * when `arg` is empty; with `arg`, the function takes it and passes it to work as its first
 * argument (`call`: what the pools map).
 */
function runnerLines(s: MeasuredScenario, id: ExecutorId, lang: CommentLanguage, call = 'work', arg = ''): string[] {
  const comment = arg ? undefined : (EXECUTOR_COMMENTS as Readonly<Record<string, Localized>>)[id];
  const head = [...(comment ? [say(comment, lang)] : []), `def ${runnerOf(id)}(${arg}):`];
  const P = s.workers;
  switch (id) {
    case 'serial':
      return [...head, `    return [${arg ? `work(${arg}, x)` : 'work(x)'} for x in data]`];
    case 'threads':
      return [...head, `    with ThreadPoolExecutor(${P}) as ex:`, `        return list(ex.map(${call}, data))`];
    default: {
      const mapped = id === 'pool-imap' ? `list(pool.imap(${call}, data))` : `pool.map(${call}, data)`;
      return [...head, `    pool = Pool(${P})`, `    results = ${mapped}`, '    pool.close()', '    pool.join()', '    return results'];
    }
  }
}

/** Blocks separated by two blank lines, as PEP 8 lays out top-level definitions. */
const blocks = (parts: readonly (readonly string[])[]): string[] => parts.flatMap((p, i) => [...(i > 0 ? ['', ''] : []), ...p]);

/**
 * The program of a ranking question, comments in `lang`: real work, one function per option,
 * each timed once in the order shown, then the loop again; it prints `name   ms` per run.
 */
export function rankingCode(s: MeasuredScenario, lang: CommentLanguage): string {
  const usesThreads = s.options.includes('threads');
  const work = [
    'def work(x):',
    ...(s.cpuMs > 0 ? [`    cpu_work(${msText(s.cpuMs)})`] : []),
    ...(s.ioMs > 0 ? [`    time.sleep(${msText(s.ioMs / 1000)})  ${say(EXECUTOR_COMMENTS.io, lang)}`] : []),
    s.argBytes !== undefined ? '    return len(x)' : '    return x',
  ];
  const main = [
    'if __name__ == "__main__":',
    `    ${dataLine(s)}`,
    `    times = {${s.options.map((id) => `"${runnerOf(id)}": timed(${runnerOf(id)})`).join(', ')}}`,
    `    ${say(COMMENTS.again, lang)}`,
    '    times["loop_again"] = timed(loop)',
    '    for name, ms in times.items():',
    '        print(f"{name:12} {ms:9.1f} ms")',
  ];
  const lines = blocks([
    ['import time', ...(usesThreads ? ['from concurrent.futures import ThreadPoolExecutor'] : []), 'from multiprocessing import Pool'],
    CPU_WORK(lang),
    work,
    ...s.options.map((id) => runnerLines(s, id, lang)),
    ['def timed(run):', `    ${say(COMMENTS.timed, lang)}`, '    start = time.perf_counter()', '    run()', '    return (time.perf_counter() - start) * 1000'],
    main,
  ]);
  return `${lines.join('\n')}\n`;
}

/**
 * The program of a break-even question, comments in `lang`: for each CPU work per item in
 * `candidates`, the loop and Pool(workers).map timed one after the other; it prints
 * `ms=<w> loop <ms> ms pool <ms> ms` per value.
 */
export function breakEvenCode(s: MeasuredScenario, candidates: readonly number[], lang: CommentLanguage): string {
  const lines = blocks([
    ['import time', 'from functools import partial', 'from multiprocessing import Pool'],
    CPU_WORK(lang),
    ['def work(ms, x):', '    cpu_work(ms)', s.argBytes !== undefined ? '    return len(x)' : '    return x'],
    runnerLines(s, 'serial', lang, 'work', 'ms'),
    runnerLines(s, 'pool-map', lang, 'partial(work, ms)', 'ms'),
    ['def timed(run, ms):', `    ${say(COMMENTS.timed, lang)}`, '    start = time.perf_counter()', '    run(ms)', '    return (time.perf_counter() - start) * 1000'],
    [
      'if __name__ == "__main__":',
      `    ${dataLine(s)}`,
      `    ${say(COMMENTS.sweep, lang)}`,
      `    for ms in (${candidates.map(msText).join(', ')}):`,
      '        print(f"ms={ms:<6} loop {timed(loop, ms):9.1f} ms   pool {timed(pool_map, ms):9.1f} ms")',
    ],
  ]);
  return `${lines.join('\n')}\n`;
}

/** A shown program as a code block in both languages (the same program: tests/oracle/shown-code.test.ts). */
export function measuredCodeBlock(code: (lang: CommentLanguage) => string): PromptBlock {
  return { kind: 'code', language: 'python', code: L(code('en'), code('ko')) };
}

// ------------------------------------------------------------------ reading a real run

export type TimingVerdict =
  | { readonly kind: 'clean'; readonly answer: string }
  | { readonly kind: 'noisy'; readonly reason: string }
  | { readonly kind: 'unreadable'; readonly reason: string };

const NUMBER = String.raw`(-?[0-9]+(?:\.[0-9]+)?)`;

/** The ranking program's `name   ms` lines. */
function readTimes(stdout: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of stdout.split('\n')) {
    const m = new RegExp(String.raw`^(\w+)\s+${NUMBER} ms$`).exec(line.trim());
    if (m) out.set(m[1] as string, Number(m[2]));
  }
  return out;
}

/** The break-even program's `ms=<w> loop <ms> ms pool <ms> ms` lines. */
function readSweep(stdout: string): { w: number; loop: number; pool: number }[] {
  const re = new RegExp(String.raw`^ms=${NUMBER}\s+loop\s+${NUMBER} ms\s+pool\s+${NUMBER} ms$`);
  return stdout.split('\n').flatMap((line) => {
    const m = re.exec(line.trim());
    return m ? [{ w: Number(m[1]), loop: Number(m[2]), pool: Number(m[3]) }] : [];
  });
}

/** Whether a loop that ran `workMs` of work took so long that something else had the CPU. */
const busy = (loop: number, workMs: number): boolean => loop > BUSY * workMs + BUSY_SLACK_MS;

/**
 * What a real run of a measured program answers, or why it cannot be judged. Ranking: NOISY
 * when either timing of the loop took longer than its work allows or the two fastest lie
 * within CLOSE; break-even: NOISY when a loop took too long or, at the first value where the
 * pool wins or the one before, the two times lie within CLOSE.
 */
export function judgeTimings(check: TimingCheck, stdout: string): TimingVerdict {
  if (check.kind === 'ranking') {
    const times = readTimes(stdout);
    const ids = Object.keys(check.runners);
    const missing = [...ids.map((id) => check.runners[id] as string), 'loop_again'].filter((name) => !times.has(name));
    if (missing.length > 0) return { kind: 'unreadable', reason: `no time printed for ${missing.join(', ')}` };
    const loop = Math.max(times.get('loop') ?? 0, times.get('loop_again') ?? 0);
    if (busy(loop, check.loopWorkMs)) return { kind: 'noisy', reason: `the loop took ${loop.toFixed(1)} ms for ${check.loopWorkMs} ms of work` };
    const ranked = ids.map((id) => ({ id, ms: times.get(check.runners[id] as string) as number })).sort((a, b) => a.ms - b.ms);
    const [best, second] = ranked as [{ id: string; ms: number }, { id: string; ms: number }];
    if (second.ms < CLOSE * best.ms) return { kind: 'noisy', reason: `${best.id} (${best.ms} ms) and ${second.id} (${second.ms} ms) too close to call` };
    return { kind: 'clean', answer: best.id };
  }
  const sweep = readSweep(stdout);
  if (sweep.length !== check.candidates.length || sweep.some((r, i) => r.w !== check.candidates[i])) {
    return { kind: 'unreadable', reason: `expected a line for each of ${check.candidates.join(', ')} ms` };
  }
  const slow = sweep.find((r) => busy(r.loop, r.w * check.items));
  if (slow) return { kind: 'noisy', reason: `at ms=${slow.w} the loop took ${slow.loop} ms for ${msText(slow.w * check.items)} ms of work` };
  const first = sweep.findIndex((r) => r.pool < r.loop);
  const near = [first - 1, first].flatMap((i) => (i >= 0 && i < sweep.length ? [sweep[i] as (typeof sweep)[number]] : []));
  const close = near.find((r) => Math.max(r.loop, r.pool) < CLOSE * Math.min(r.loop, r.pool));
  if (close) return { kind: 'noisy', reason: `at ms=${close.w} loop ${close.loop} ms and pool ${close.pool} ms too close to call` };
  return { kind: 'clean', answer: first < 0 ? 'none' : msText(check.candidates[first] as number) };
}

// ------------------------------------------------------------------ views and text

/** Where the figures come from, for the explanation. */
export function measuredOn(c: Calibration): Localized {
  const m = c.machine;
  return L(
    `The expected times use figures measured by npm run calibrate (scripts/calibrate-pool.py) on ${m.os}, ${m.arch} ${m.cpu} with ${m.cores} cores, CPython ${c.python}, load average ${m.load_average_at_start[0]}. A real run on another machine or under load gives other numbers; the question asks only what holds with every overhead ${TOLERANCE} times smaller or larger.`,
    `예상 시간은 npm run calibrate(scripts/calibrate-pool.py)로 ${m.os}, ${m.arch} ${m.cpu}(코어 ${m.cores}개), CPython ${c.python}, 부하 평균 ${m.load_average_at_start[0]}에서 측정한 값으로 계산했습니다. 다른 기계나 부하 아래에서는 숫자가 달라지므로, 문제는 모든 오버헤드가 ${TOLERANCE}배 작거나 커도 성립하는 것만 묻습니다.`,
  );
}

/** The measured figures a scenario uses, as a table. */
export function calibrationTable(c: Calibration, s: MeasuredScenario, plans: PoolPlans): TableView {
  const sizes = [...new Set(Object.values(plans).flatMap((p) => (p ? [p.tasks[0]?.wire ?? 0] : [])))].sort((a, b) => a - b);
  const messages: (readonly CellText[])[] = c.model === 'streamed'
    ? [
        ...sizes.map((b): CellText[] => [
          L(`one more task message of ${pyNumber(b)} bytes while they stream (pickle, pipe, unpickle)`, `작업 메시지가 이어질 때 ${pyNumber(b)}바이트 메시지 하나 (pickle, 파이프, unpickle)`),
          `${msText(streamMessageMs(c, b))} ms`,
        ]),
        [L('a small answer back to the parent (a small task and its answer, alone)', '작은 응답이 부모에게 돌아오기 (작은 작업 하나와 그 응답, 단독)'), `${msText(roundTripMs(c, 1))} ms`],
      ]
    : [
        [L('one more message when they stream (map, chunksize=1)', '메시지가 이어질 때 메시지 하나 (map, chunksize=1)'), `${msText(c.map_message_ms)} ms`],
        ...sizes.map((b): CellText[] => [L(`one task of ${pyNumber(b)} bytes and its answer, alone`, `${pyNumber(b)}바이트 작업 하나와 그 응답, 단독`), `${msText(roundTripMs(c, b))} ms`]),
        [L('pickling bytes', 'bytes pickle 속도'), `${msText(pickleBytesPerMs(c) / 1000)} MB/s`],
      ];
  const rows: (readonly CellText[])[] = [
    [L(`Pool(${s.workers}): start`, `Pool(${s.workers}): 시작`), `${msText(poolStartMs(c, s.workers))} ms`],
    [L(`Pool(${s.workers}): close() + join()`, `Pool(${s.workers}): close() + join()`), `${msText(poolShutdownMs(c, s.workers))} ms`],
    ...messages,
    [L('ThreadPoolExecutor: hand one task to a thread', 'ThreadPoolExecutor: 작업 하나를 스레드에 넘기기'), `${msText(c.thread_pool_task_ms)} ms`],
    [L('cores', '코어'), String(c.machine.cores)],
  ];
  return { kind: 'table', caption: L('Measured on the reference machine', '기준 기계에서 측정한 값'), header: [L('cost', '비용'), L('measured', '측정값')], rows };
}

/** An option as the program names it: the function that runs it, and what it is. */
export function measuredLabel(s: Pick<MeasuredScenario, 'workers'>, id: ExecutorId): Localized {
  const label = executorLabel(s, id);
  const name = runnerOf(id);
  return L(`${name}() — ${label.en}`, `${name}() — ${label.ko}`);
}

/** Each option's expected time (fastest first). */
export function estimateTable(s: MeasuredScenario, results: readonly MeasuredResult[]): TableView {
  return {
    kind: 'table',
    caption: L('Expected times from the measured figures', '측정값으로 계산한 예상 시간'),
    header: [L('option', '방법'), L('about', '약')],
    rows: results.map((r) => [measuredLabel(s, r.id), `${msText(r.ms)} ms`]),
  };
}

export const MEASURED_RULE: Localized = L(
  'CPython: one GIL per process. Threads run Python bytecode one at a time, but sleeping and blocking I/O release the GIL, so waits overlap. Each worker process of a Pool has its own GIL and runs on its own core, as far as there are cores. A Pool pays for starting its workers, for pickling every task and result through a pipe (map sends chunks of ceil(n / (4 × workers)) items, imap one message per item) and for shutting down.',
  'CPython: GIL은 프로세스마다 하나입니다. 스레드들은 바이트코드를 한 번에 하나씩 실행하지만 sleep과 블로킹 I/O는 GIL을 놓으므로 대기는 겹칩니다. Pool의 워커 프로세스는 각자 GIL을 가지고, 코어가 있는 만큼 각자의 코어에서 돕니다. Pool은 워커 시작, 모든 작업과 결과를 pickle해 파이프로 보내는 일(map은 ceil(n / (4 × 워커 수))개씩 묶은 청크, imap은 항목마다 메시지 하나), 종료에 비용을 치릅니다.',
);

/** The machine the question is about: the calibrated one, quiet. */
export function machineText(c: Calibration): Localized {
  return L(
    `A quiet ${c.machine.cores}-core Linux machine with CPython ${c.python}; Pool uses fork. The program runs as shown and prints what it measured.`,
    `다른 작업이 없는 코어 ${c.machine.cores}개 Linux 기계, CPython ${c.python}, Pool은 fork 방식입니다. 프로그램은 보이는 그대로 실행되어 잰 값을 출력합니다.`,
  );
}
