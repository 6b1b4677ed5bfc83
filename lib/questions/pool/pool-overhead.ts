/**
 * "Why is the process pool slow here?" — computed examples of overhead against work.
 * Tier 1: how long `Pool(P).map` takes for small items (against the loop's time); tier 2: the
 * smallest CPU work per item for which the pool beats the loop; tier 3: which chunksize
 * finishes first (too small: the per-message cost; too large: idle workers).
 */
import type { Rng } from '@/lib/sim/rng';
import { loopMs, serialTime, type Calibration, type CostModel, type Workload } from '@/lib/sim/pool';
import { inHamnidaGenerator, L, option, search, text } from '../kit';
import { defineGenerator, type Generated, type Generator, type Localized, type Option, type PromptBlock, type QuestionBody, type TableView, type Tier, type TimingCheck } from '../types';
import { MS, PLATFORM, numberOptions, python, type NumberChoice } from './common';
import {
  MODEL_RULES,
  chunkOption,
  comparisonTable,
  evaluate,
  executorCode,
  executorCodeBlock,
  executorProgram,
  modelTable,
  plansIn,
  poolPlansOf,
  poolTime,
  ranking,
  scheduleOf,
  timelineView,
  workloadOf,
  type ExecResult,
  type ExecScenario,
  type ExecutorId,
  type PoolPlan,
  type PoolPlans,
} from './executors';
import {
  MEASURED_RULE,
  breakEvenCode,
  calibrationFor,
  calibrationTable,
  freeMessages,
  freeStart,
  machineText,
  measuredCodeBlock,
  measuredTime,
  msText,
  scalesOf,
  workOf,
  type MeasuredScenario,
} from './measured';
import { poolMisconceptions as M } from './misconceptions';
import { pyNumber } from './workloads';

export interface OverheadScenario extends ExecScenario {
  readonly tier: Tier;
}

const MAX_W = 60;
const FREE_MESSAGES = (m: CostModel): CostModel => ({ ...m, messageMs: 0, bytesPerMs: Infinity });

/** The scenario's workload with `cpuMs` CPU per item. */
const withCpu = (s: OverheadScenario, cpuMs: number): Workload => ({ items: s.items, cpuMs, ioMs: s.ioMs });

/** Smallest whole ms of CPU per item (1…MAX_W) for which the pool beats the loop, or null. */
function breakEven(s: OverheadScenario, plan: PoolPlan, model: CostModel = s.model): number | null {
  for (let w = 1; w <= MAX_W; w++) {
    const work = withCpu(s, w);
    if (poolTime(s, plan, work, model) < serialTime(work)) return w;
  }
  return null;
}

function baseModel(rng: Rng): CostModel {
  return { startMs: rng.pick([10, 15, 20, 25, 30]), threadStartMs: 1, messageMs: rng.pick([1, 1, 2]), bytesPerMs: rng.pick([50_000, 100_000]) };
}

/**
 * What the search works out about a scenario: the answer, the numbers misconceptions give
 * (tiers 1–2), the runs (tier 3: every option, fastest first; otherwise the pool run the
 * timeline draws) and, in tier 2, the pool's time just below and at the answer.
 */
export interface OverheadAnalysis {
  readonly answer: string;
  readonly distractors: readonly NumberChoice[];
  readonly results: readonly ExecResult[];
  readonly poolBelow?: number;
  readonly poolAt?: number;
}

const chunkOf = (id: ExecutorId): number => Number(id.slice('pool-c'.length));

const FALLBACK_MODEL: CostModel = { startMs: 20, threadStartMs: 1, messageMs: 1, bytesPerMs: 100_000 };

/** How a version shows the program: the code of `only` (default: every option), with `edit` applied. */
type ShownCode = (s: OverheadScenario, only?: readonly ExecutorId[], edit?: (code: string) => string) => PromptBlock;

/** Versions 1–2: the program with English comments in both languages. */
const englishCode: ShownCode = (s, only, edit = (code) => code) => python(edit(executorCode(s, false, [], only)));

/** One tier: its own question about the pool's overhead, from the scenario to the program that checks it. */
interface TierSpec {
  /** A random scenario with `workers` workers under `model`. */
  readonly build: (rng: Rng, workers: number, model: CostModel) => OverheadScenario;
  /** The known-good scenario the search falls back to. */
  readonly fallback: OverheadScenario;
  /** What the search works out; null rejects the scenario. */
  readonly analyze: (s: OverheadScenario, plans: PoolPlans) => OverheadAnalysis | null;
  /** The options offered, and how many a scenario must offer. */
  readonly options: (s: OverheadScenario, a: OverheadAnalysis) => Option[];
  readonly minOptions: number;
  readonly summary: (s: OverheadScenario, a: OverheadAnalysis) => Localized[];
  readonly prompt: (s: OverheadScenario, shown: ShownCode) => PromptBlock[];
  /** The explanation's views: the timeline of the first result (run as `drawn` says), after the comparison table if there is one. */
  readonly comparison: boolean;
  readonly drawn: (s: OverheadScenario, a: OverheadAnalysis) => OverheadScenario;
  /** Whether the answer stays when the highest-numbered of several equally free workers goes first. */
  readonly tieFree: (s: OverheadScenario, answer: string, plans: PoolPlans) => boolean;
  /** Python lines computing the ANSWER from `times` and `measured` (see `executorProgram`). */
  readonly answerLines: (s: OverheadScenario) => string[];
}

const TIERS: Readonly<Record<Tier, TierSpec>> = {
  // "When does Pool(P).map finish?" for small items, against the loop's time.
  1: {
    build: (rng, workers, model) => ({ tier: 1, items: rng.int(6, 16), cpuMs: rng.int(1, 3), ioMs: 0, workers, model, options: ['serial', 'pool-map'] }),
    fallback: { tier: 1, items: 12, cpuMs: 2, ioMs: 0, workers: 4, model: FALLBACK_MODEL, options: ['serial', 'pool-map'] },
    analyze: (s, plans) => {
      const serial = serialTime(workloadOf(s));
      const pool = evaluate(s, plans, 'pool-map');
      const d: NumberChoice[] = [
        { value: Math.ceil(serial / s.workers), misconception: M.perfectSpeedup },
        { value: evaluate(s, plans, 'pool-map', { ...s.model, startMs: 0 }).time, misconception: M.noStartupCost },
        { value: evaluate(s, plans, 'pool-map', FREE_MESSAGES(s.model)).time, misconception: M.messagesFree },
      ];
      return { answer: String(pool.time), distractors: d, results: [pool] };
    },
    options: (_s, a) => numberOptions(Number(a.answer), a.distractors, MS),
    minOptions: 4,
    summary: (s, a) => {
      const serial = serialTime(workloadOf(s));
      const pool = a.results[0] as ExecResult;
      const run = pool.pool?.plan;
      return [
        L(
          `The loop needs ${s.items} × ${s.cpuMs} = ${serial} ms; split over ${s.workers} workers the work alone would be about ${Math.ceil(serial / s.workers)} ms.`,
          `반복문은 ${s.items} × ${s.cpuMs} = ${serial} ms가 걸립니다. 워커 ${s.workers}개로 나누면 작업만으로는 약 ${Math.ceil(serial / s.workers)} ms입니다.`,
        ),
        L(
          `But the workers start only at ${s.model.startMs} ms, and each of the ${run?.tasks.length ?? 0} chunks (chunksize ${run?.chunksize ?? 0}) costs a task message and a result message. The pool finishes at ${pool.time} ms${pool.time > serial ? ' — slower than the loop' : ''}.`,
          `하지만 워커는 ${s.model.startMs} ms에야 준비되고, 청크 ${run?.tasks.length ?? 0}개(chunksize ${run?.chunksize ?? 0})마다 작업 메시지와 결과 메시지 비용이 듭니다. 풀은 ${pool.time} ms에 끝납니다${pool.time > serial ? ' — 반복문보다 느립니다' : ''}.`,
        ),
      ];
    },
    prompt: (s, shown) => [
      text(
        `Under the cost model below, the plain loop takes ${serialTime(workloadOf(s))} ms. When does Pool(${s.workers}).map finish?`,
        `아래 비용 모델에서 그냥 반복문은 ${serialTime(workloadOf(s))} ms가 걸립니다. Pool(${s.workers}).map은 언제 끝나나요?`,
      ),
      shown(s),
      modelTable(s),
    ],
    comparison: false,
    drawn: (s) => s,
    tieFree: (s, answer, plans) => String(evaluate(s, plans, 'pool-map', s.model, 'highest').time) === answer,
    answerLines: () => ['_answer(str(times["pool-map"]))'],
  },
  // The smallest CPU work per item for which the pool beats the loop.
  2: {
    build: (rng, workers, model) => {
      const argBytes = rng.bool(0.5) ? rng.pick([20_000, 100_000, 200_000]) : undefined;
      return { tier: 2, items: rng.int(8, 32), cpuMs: 1, ioMs: 0, workers, model, options: ['serial', 'pool-map'], ...(argBytes ? { argBytes } : {}) };
    },
    fallback: { tier: 2, items: 12, cpuMs: 1, ioMs: 0, workers: 4, model: FALLBACK_MODEL, options: ['serial', 'pool-map'] },
    analyze: (s, plans) => {
      const plan = plans['pool-map'] as PoolPlan;
      const w = breakEven(s, plan);
      if (w === null || w < 2) return null;
      const d: NumberChoice[] = [
        { value: 1, misconception: M.alwaysFaster },
        { value: breakEven(s, plan, { ...s.model, startMs: 0 }) ?? 0, misconception: M.noStartupCost },
        { value: breakEven(s, plan, FREE_MESSAGES(s.model)) ?? 0, misconception: M.messagesFree },
      ];
      const poolTimeWith = (cpuMs: number) => poolTime(s, plan, withCpu(s, cpuMs));
      return { answer: String(w), distractors: d, results: [evaluate({ ...s, cpuMs: w }, plans, 'pool-map')], poolBelow: poolTimeWith(w - 1), poolAt: poolTimeWith(w) };
    },
    options: (_s, a) => numberOptions(Number(a.answer), a.distractors, MS),
    minOptions: 4,
    summary: (s, a) => {
      const w = Number(a.answer);
      const at = { ...s, cpuMs: w };
      const below = { ...s, cpuMs: w - 1 };
      return [
        L(
          `With ${w - 1} ms per item the loop takes ${serialTime(workloadOf(below))} ms and the pool ${a.poolBelow} ms; with ${w} ms the loop takes ${serialTime(workloadOf(at))} ms and the pool ${a.poolAt} ms, so ${w} ms is the smallest amount of work per item for which the pool wins.`,
          `항목당 ${w - 1} ms면 반복문 ${serialTime(workloadOf(below))} ms, 풀 ${a.poolBelow} ms이고, ${w} ms면 반복문 ${serialTime(workloadOf(at))} ms, 풀 ${a.poolAt} ms입니다. 그래서 풀이 이기는 가장 작은 항목당 작업량은 ${w} ms입니다.`,
        ),
        L(
          'Below that, starting the workers and moving every chunk and result through the pipes costs more than the parallel work saves.',
          '그보다 작으면 워커 시작과 모든 청크·결과를 파이프로 옮기는 비용이 병렬 처리로 아끼는 시간보다 큽니다.',
        ),
      ];
    },
    prompt: (s, shown) => [
      text(
        `Under the cost model below, cpu_work(${s.cpuMs}) is replaced by cpu_work(w). What is the smallest whole number of milliseconds w for which Pool(${s.workers}).map finishes before the plain loop?`,
        `아래 비용 모델에서 cpu_work(${s.cpuMs})를 cpu_work(w)로 바꿉니다. Pool(${s.workers}).map이 그냥 반복문보다 먼저 끝나는 가장 작은 정수 밀리초 w는?`,
      ),
      shown(s),
      modelTable(s),
    ],
    comparison: false,
    drawn: (s, a) => ({ ...s, cpuMs: Number(a.answer) }),
    tieFree: (s, answer, plans) => {
      const w = Number(answer);
      const plan = plans['pool-map'] as PoolPlan;
      const at = (cpuMs: number) => poolTime(s, plan, withCpu(s, cpuMs), s.model, 'highest') < serialTime(withCpu(s, cpuMs));
      return at(w) && (w === 1 || !at(w - 1));
    },
    answerLines: (s) => [
      'w2 = 1',
      `while _processes(model, dict(w, cpu=w2), ${s.workers}, *measured["pool-map"]) >= _serial(dict(w, cpu=w2)):`,
      '    w2 += 1',
      '_answer(str(w2))',
    ],
  },
  // Which chunksize finishes first (too small: the per-message cost; too large: idle workers).
  3: {
    build: (rng, workers, model) => {
      const items = rng.int(16, 48);
      const ks = new Set<number>([1, Math.ceil(items / workers), items]);
      ks.add(rng.int(2, Math.max(2, Math.ceil(items / (2 * workers)))));
      if (ks.size < 4) ks.add(rng.int(2, items - 1));
      const options = [...ks].sort((a, b) => a - b).map(chunkOption);
      const argBytes = rng.bool(0.4) ? rng.pick([20_000, 50_000, 100_000]) : undefined;
      return { tier: 3, items, cpuMs: rng.int(1, 4), ioMs: 0, workers, model, options, ...(argBytes ? { argBytes } : {}) };
    },
    fallback: { tier: 3, items: 12, cpuMs: 2, ioMs: 0, workers: 4, model: FALLBACK_MODEL, options: [chunkOption(1), chunkOption(2), chunkOption(3), chunkOption(12)] },
    analyze: (s, plans) => {
      const results = ranking(s, plans);
      const [best, second] = results;
      if (!best || !second || best.time === second.time) return null;
      return { answer: best.id, distractors: [], results };
    },
    options: (s, a) => {
      const k = chunkOf(a.answer as ExecutorId);
      const tag = (id: ExecutorId) => {
        const c = chunkOf(id);
        if (c === 1) return M.messagesFree;
        if (c >= s.items) return M.oneChunkBest;
        if (c === Math.ceil(s.items / s.workers)) return M.oneChunkPerWorker;
        return c < k ? M.messagesFree : M.oneChunkBest;
      };
      return s.options.map((id) => option(id, L(`chunksize=${chunkOf(id)}`, `chunksize=${chunkOf(id)}`), id === a.answer ? undefined : tag(id), true));
    },
    minOptions: 3,
    summary: (_s, a) => {
      const [best, second] = a.results as [ExecResult, ExecResult];
      const k = chunkOf(best.id);
      return [
        L(
          `chunksize=${k} finishes first, at ${best.time} ms (next: ${second.time} ms).`,
          `chunksize=${k}가 ${best.time} ms로 가장 먼저 끝납니다 (다음: ${second.time} ms).`,
        ),
        L(
          'A small chunksize means many messages, each with its fixed cost, sent one after another by the parent; a large chunksize means few chunks, so some workers sit idle while others work through long chunks.',
          'chunksize가 작으면 메시지가 많아지고 메시지마다 고정 비용이 들며 부모가 하나씩 차례로 보냅니다. chunksize가 크면 청크가 적어져 어떤 워커는 긴 청크를 처리하는 동안 다른 워커는 놉니다.',
        ),
      ];
    },
    prompt: (s, shown) => [
      text('Under the cost model below, which chunksize makes pool.map finish first?', '아래 비용 모델에서 어떤 chunksize일 때 pool.map이 가장 먼저 끝나나요?'),
      shown(s, [s.options[0] as ExecutorId], (code) => code.replace(/chunksize=\d+/, 'chunksize=k')),
      modelTable(s),
    ],
    comparison: true,
    drawn: (s) => s,
    tieFree: (s, answer, plans) => {
      const times = s.options.map((id) => evaluate(s, plans, id, s.model, 'highest').time);
      const min = Math.min(...times);
      return times.filter((t) => t === min).length === 1 && s.options[times.indexOf(min)] === answer;
    },
    answerLines: () => ['_answer(min(times, key=lambda k: times[k]))'],
  },
};

function build(rng: Rng, tier: Tier): OverheadScenario {
  const workers = rng.int(2, 4);
  const model = baseModel(rng);
  return TIERS[tier].build(rng, workers, model);
}

const analyzeOverhead = (s: OverheadScenario): OverheadAnalysis | null => TIERS[s.tier].analyze(s, poolPlansOf(s));

/** The analysis of a scenario the search accepted (it always has one). */
const analyze = (s: OverheadScenario): OverheadAnalysis => analyzeOverhead(s) as OverheadAnalysis;

/** The question for a scenario, showing the program as `shown` makes it. */
function overheadQuestion(s: OverheadScenario, a: OverheadAnalysis, shown: ShownCode): QuestionBody {
  const spec = TIERS[s.tier];
  const plans = plansIn(a.results);
  const views = [
    ...(spec.comparison ? [comparisonTable(s, a.results)] : []),
    ...a.results.slice(0, 1).flatMap((r) => {
      const schedule = scheduleOf(spec.drawn(s, a), plans, r.id);
      return schedule ? [timelineView(schedule)] : [];
    }),
  ];
  return {
    prompt: spec.prompt(s, shown),
    response: { kind: 'choice', options: spec.options(s, a) },
    answer: a.answer,
    explanation: {
      summary: spec.summary(s, a),
      views,
      rule: L(
        'A process pool pays before and around the work: starting the worker processes, then for every chunk a pickled task message and a pickled result message through the pipes. It wins only when the work saved by running chunks in parallel is larger than those costs.',
        '프로세스 풀은 작업 전후로 비용을 치릅니다: 워커 프로세스 시작, 그리고 청크마다 pickle된 작업 메시지와 결과 메시지의 파이프 전송. 청크를 병렬로 돌려 아끼는 시간이 이 비용보다 클 때만 이깁니다.',
      ),
    },
    assumptions: [PLATFORM, MODEL_RULES],
  };
}

/** Version 1, typed: later versions change only how the question is shown. */
const poolOverheadSpec: Generator<OverheadScenario, OverheadAnalysis> = {
  id: 'pool-overhead',
  version: 1,
  domain: 'pool',
  topic: 'pool',
  title: L('Why is the process pool slow here?', '여기서 프로세스 풀은 왜 느릴까?'),
  tiers: [1, 2, 3],
  generate(rng, tier) {
    return search<Generated<OverheadScenario, OverheadAnalysis>>(
      rng,
      (r) => {
        const scenario = build(r, tier);
        const analysis = analyzeOverhead(scenario);
        if (!analysis || TIERS[tier].options(scenario, analysis).length < TIERS[tier].minOptions) return null;
        return analysis.results.every((x) => x.id === 'serial' || x.time <= 200) ? { scenario, analysis } : null;
      },
      () => ({ scenario: TIERS[tier].fallback, analysis: analyze(TIERS[tier].fallback) }),
    );
  },
  analyze,
  question: (s, a) => overheadQuestion(s, a, englishCode),
  tieFree(s) {
    // Which of several equally free workers (or threads) goes first must not change the answer.
    const a = analyze(s);
    return TIERS[s.tier].tieFree(s, a.answer, plansIn(a.results));
  },
  program(s) {
    return { language: 'python', source: executorProgram(s, TIERS[s.tier].answerLines(s)) };
  },
};

export const poolOverheadV1 = defineGenerator(poolOverheadSpec);

/** Version 2: the same questions with the Korean title and text in 합니다체 (issue 16 §4). */
export const poolOverheadV2 = defineGenerator(inHamnidaGenerator({ ...poolOverheadSpec, version: 2 }));

/**
 * Version 3: the program's comments in the learner's language (issue 16 §4); the English
 * text is the one the oracle runs.
 */
export const poolOverhead = defineGenerator(
  inHamnidaGenerator({ ...poolOverheadSpec, version: 3, question: (s, a) => overheadQuestion(s, a, executorCodeBlock) }),
);

// ------------------------------------------------------------------ version 4: measured break-even

/**
 * Break-even claims hold with every overhead this many times smaller or larger: the break-even
 * work moves in proportion to the overheads, so a factor of 3 either way (9× in all) would not
 * fit between candidates ten times apart; 2 either way does, with BREAK_EVEN_MARGIN to spare.
 */
export const BREAK_EVEN_TOLERANCE = 2;
/** At the answer the pool beats the loop, and just before it the loop beats the pool, by this factor under every scale. */
const BREAK_EVEN_MARGIN = 1.2;
/** The CPU work per item a candidate can be, ms ("nice" values, about 10× apart every three steps). */
const WORK_GRID = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200] as const;
/** Longest the real program may run, in ms (the loop and the pool at every candidate). */
const MAX_SWEEP_MS = 8000;

export interface BreakEvenScenario extends MeasuredScenario {
  /** The CPU work per item the program tries, ascending, about 10× apart. */
  readonly candidates: readonly number[];
}

/** What the search works out: the answer (a candidate, as msText) and the loop and pool times at each candidate. */
export interface BreakEvenAnalysis {
  readonly answer: string;
  readonly times: readonly { readonly w: number; readonly loop: number; readonly pool: number }[];
  /** Pool.map's messages, simulated once (they depend on the data, not on the work). */
  readonly plans: PoolPlans;
}

/** The loop and Pool.map with `w` ms of CPU per item, under calibration `c` (every overhead × scale). */
function sweepAt(c: Calibration, s: MeasuredScenario, plans: PoolPlans, w: number, scale = 1): { w: number; loop: number; pool: number } {
  const work = { ...workOf(s), cpuMs: w };
  return { w, loop: loopMs(work), pool: measuredTime(c, s, plans, 'pool-map', scale, work) };
}

/** The first candidate at which the pool beats the loop (msText), or 'none'. */
function firstWin(c: Calibration, s: BreakEvenScenario, plans: PoolPlans, scale = 1): string {
  const w = s.candidates.find((x) => {
    const t = sweepAt(c, s, plans, x, scale);
    return t.pool < t.loop;
  });
  return w === undefined ? 'none' : msText(w);
}

/** The answer when it holds, with BREAK_EVEN_MARGIN on both sides, for every overhead within BREAK_EVEN_TOLERANCE; else null. */
function robustBreakEven(c: Calibration, s: BreakEvenScenario, plans: PoolPlans): string | null {
  const answer = firstWin(c, s, plans);
  const i = s.candidates.findIndex((w) => msText(w) === answer);
  if (i < 1) return null;
  for (const scale of scalesOf(BREAK_EVEN_TOLERANCE)) {
    const at = sweepAt(c, s, plans, s.candidates[i] as number, scale);
    const before = sweepAt(c, s, plans, s.candidates[i - 1] as number, scale);
    if (at.loop < BREAK_EVEN_MARGIN * at.pool || before.pool < BREAK_EVEN_MARGIN * before.loop) return null;
  }
  return answer;
}

function buildBreakEven(rng: Rng, tier: Tier): BreakEvenScenario {
  const workers = rng.int(2, tier === 1 ? 3 : 4);
  const items = rng.pick(tier === 1 ? [3, 4, 6, 8, 12, 16, 24, 32, 48, 64] : [3, 4, 6, 8, 12, 16, 24, 32]);
  const argBytes = tier === 1 ? undefined : rng.pick(tier === 2 ? [20_000, 100_000, 200_000] : [500_000, 1_000_000, 2_000_000]);
  const first = rng.int(0, 2);
  const count = rng.int(3, 4);
  const candidates = Array.from({ length: count }, (_, k) => WORK_GRID[first + 3 * k]).filter((w): w is (typeof WORK_GRID)[number] => w !== undefined);
  return { tier, items, cpuMs: candidates[0] as number, ioMs: 0, workers, options: ['serial', 'pool-map'], candidates, ...(argBytes !== undefined ? { argBytes } : {}) };
}

const analyzeBreakEven = (c: Calibration, s: BreakEvenScenario): BreakEvenAnalysis => {
  const plans = poolPlansOf(s);
  return { answer: firstWin(c, s, plans), times: s.candidates.map((w) => sweepAt(c, s, plans, w)), plans };
};

/** Candidates the search may offer: the answer is robust and the real run is short enough. */
function acceptableBreakEven(c: Calibration, s: BreakEvenScenario, a: BreakEvenAnalysis): boolean {
  if (a.times.reduce((k, t) => k + t.loop + t.pool, 0) > MAX_SWEEP_MS) return false;
  return robustBreakEven(c, s, a.plans) === a.answer;
}

const FALLBACK_BREAK_EVEN: BreakEvenScenario = { tier: 1, items: 16, cpuMs: 0.1, ioMs: 0, workers: 2, options: ['serial', 'pool-map'], candidates: [0.1, 1, 10] };

/**
 * The candidate each belief picks (version 4 on), by its own idea of the measured costs under
 * calibration `c`:
 *  - alwaysFaster: the pool wins whatever the work, so from the first candidate on;
 *  - noStartupCost: starting and shutting down the workers cost nothing;
 *  - messagesFree: messages cost nothing and pickling takes no time.
 */
export function breakEvenBeliefs(c: Calibration, s: BreakEvenScenario, plans: PoolPlans = poolPlansOf(s)): Partial<Record<string, string>> {
  return {
    [M.alwaysFaster.id]: msText(s.candidates[0] as number),
    [M.noStartupCost.id]: firstWin(freeStart(c), s, plans),
    [M.messagesFree.id]: firstWin(freeMessages(c), s, plans),
  };
}

const BREAK_EVEN_BELIEFS = [M.alwaysFaster, M.noStartupCost, M.messagesFree];

function breakEvenTable(s: BreakEvenScenario, a: BreakEvenAnalysis): TableView {
  return {
    kind: 'table',
    caption: L('Expected times from the measured figures', '측정값으로 계산한 예상 시간'),
    header: [L('CPU per item', '항목당 CPU'), L('loop', '반복문'), L(`Pool(${s.workers}).map`, `Pool(${s.workers}).map`)],
    rows: a.times.map((t) => [`${msText(t.w)} ms`, `${msText(t.loop)} ms`, `${msText(t.pool)} ms`]),
  };
}

function breakEvenSummary(c: Calibration, s: BreakEvenScenario, a: BreakEvenAnalysis): Localized[] {
  const i = s.candidates.findIndex((w) => msText(w) === a.answer);
  const at = a.times[i] as BreakEvenAnalysis['times'][number];
  const before = a.times[i - 1] as BreakEvenAnalysis['times'][number];
  const bytes = s.argBytes !== undefined ? L(` and pickling ${pyNumber(s.argBytes)} bytes per item through the pipe`, `, 항목마다 ${pyNumber(s.argBytes)}바이트를 pickle해 파이프로 보내는 일`) : L('', '');
  return [
    L(
      `The pool pays for starting ${s.workers} workers, for its messages${bytes.en} and for shutting down; the work itself it runs on ${Math.min(s.workers, c.machine.cores)} cores at once.`,
      `풀은 워커 ${s.workers}개 시작, 메시지${bytes.ko}, 종료에 비용을 치르고, 작업 자체는 코어 ${Math.min(s.workers, c.machine.cores)}개에서 동시에 돌립니다.`,
    ),
    L(
      `At ${msText(before.w)} ms per item the loop needs about ${msText(before.loop)} ms and the pool ${msText(before.pool)} ms; at ${msText(at.w)} ms the loop needs ${msText(at.loop)} ms and the pool ${msText(at.pool)} ms. So the pool wins from ${a.answer} ms on.`,
      `항목당 ${msText(before.w)} ms면 반복문은 약 ${msText(before.loop)} ms, 풀은 ${msText(before.pool)} ms가 걸리고, ${msText(at.w)} ms면 반복문 ${msText(at.loop)} ms, 풀 ${msText(at.pool)} ms입니다. 그래서 풀은 ${a.answer} ms부터 이깁니다.`,
    ),
    L(
      `This holds with every overhead twice as large or half as large (the break-even work moves with the overheads); the figures were measured by npm run calibrate on ${c.machine.os}, ${c.machine.cores} cores, CPython ${c.python}.`,
      `모든 오버헤드가 두 배이거나 절반이어도 성립합니다(손익분기 작업량은 오버헤드에 비례해 움직입니다). 수치는 npm run calibrate로 ${c.machine.os}, 코어 ${c.machine.cores}개, CPython ${c.python}에서 측정했습니다.`,
    ),
  ];
}

/** The check the oracle applies to a break-even program's output (judgeTimings). */
export const breakEvenCheck = (s: BreakEvenScenario): TimingCheck => ({ kind: 'break-even', items: s.items, candidates: s.candidates });

/**
 * The measured break-even question, built on calibration `c` (calibrationFor(version)). The
 * program tries a few amounts of CPU work per item, about ten times apart, and times the loop
 * and Pool(P).map at each; the question asks from which one the pool wins, a band that holds
 * with every overhead twice as large or half as large (lib/sim/pool/measured.ts). Tier 1: int
 * items; tier 2: items of 20–200 kB; tier 3: items of 0.5–2 MB, where the messages move the
 * break-even up.
 */
function measuredBreakEven(version: number) {
  const c = calibrationFor(version);
  return defineGenerator<BreakEvenScenario, BreakEvenAnalysis>(
    inHamnidaGenerator({
      id: 'pool-overhead',
      version,
      domain: 'pool',
      topic: 'pool',
      title: L('Why is the process pool slow here?', '여기서 프로세스 풀은 왜 느릴까?'),
      tiers: [1, 2, 3],
      generate(rng, tier) {
        return search<Generated<BreakEvenScenario, BreakEvenAnalysis>>(
          rng,
          (r) => {
            const scenario = buildBreakEven(r, tier);
            const analysis = analyzeBreakEven(c, scenario);
            return acceptableBreakEven(c, scenario, analysis) ? { scenario, analysis } : null;
          },
          () => {
            const scenario = { ...FALLBACK_BREAK_EVEN, tier };
            return { scenario, analysis: analyzeBreakEven(c, scenario) };
          },
        );
      },
      analyze: (s) => analyzeBreakEven(c, s),
      question(s, a) {
        const beliefs = breakEvenBeliefs(c, s, a.plans);
        const options = s.candidates.map((w) => {
          const id = msText(w);
          return option(id, L(`${id} ms`, `${id} ms`), id === a.answer ? undefined : BREAK_EVEN_BELIEFS.find((m) => beliefs[m.id] === id));
        });
        return {
          prompt: [
            text(
              `The program below times the plain loop and Pool(${s.workers}).map for each amount of CPU work per item it tries, on the machine described. From which of these values on does the pool finish first?`,
              `아래 프로그램은 설명한 기계에서 항목당 CPU 작업량마다 그냥 반복문과 Pool(${s.workers}).map의 시간을 잽니다. 어느 값부터 풀이 먼저 끝나나요?`,
            ),
            measuredCodeBlock((lang) => breakEvenCode(s, s.candidates, lang)),
          ],
          response: { kind: 'choice', options },
          answer: a.answer,
          explanation: {
            summary: breakEvenSummary(c, s, a),
            views: [breakEvenTable(s, a), calibrationTable(c, s, a.plans)],
            rule: MEASURED_RULE,
          },
          assumptions: [PLATFORM, machineText(c)],
        };
      },
      program(s) {
        return { language: 'python', source: breakEvenCode(s, s.candidates, 'en'), check: breakEvenCheck(s) };
      },
      tieFree(s) {
        return robustBreakEven(c, s, poolPlansOf(s)) !== null;
      },
    }),
  );
}

/**
 * Version 4 (issue 12 §1): real work, timed, on the first calibration (the echo model). Version
 * 3's chunksize tier is gone: its winner flipped on real runs (12 of 30), with no margin to ask for.
 */
export const poolOverheadV4 = measuredBreakEven(4);

/**
 * Version 5 (issue 12): the streamed model and its calibration. Version 4 charged each message
 * pickling at memory speed plus an echo of its bytes; with 0.5–2 MB items real pool times were
 * up to 4× its figures (t3 seed 3196032901: real 60–100 ms, the model 36). Now each message
 * costs what streaming messages of its size measured (pickling, the pipe, unpickling), one
 * after another. On the 84 whole runs recorded with the calibration (item sizes, pool sizes and
 * item counts the question draws; tests/unit/sim/pool/real-runs.json) real/model is 0.79–1.5,
 * where the echo model with the same calibration gave 0.57–3.0.
 */
export const poolOverheadV5 = measuredBreakEven(5);
