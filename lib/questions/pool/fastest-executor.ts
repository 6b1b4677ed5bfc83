/**
 * "Which finishes first under this model?" — a loop, a thread pool, a process pool (and, from
 * tier 2, a process pool with chunksize=1). Tier 1: clearly CPU-bound, I/O-bound or tiny
 * work; tier 2: mixed work and the imap option; tier 3: big arguments, where moving the bytes
 * through the pipe decides.
 */
import type { Rng } from '@/lib/sim/rng';
import { loopMs, threadPoolMakespan, type Calibration, type CostModel, type ThreadOptions } from '@/lib/sim/pool';
import { inHamnidaGenerator, L, option, search, text } from '../kit';
import { defineGenerator, type Generator, type Localized, type Misconception, type Option, type PromptBlock, type QuestionBody, type Tier, type TimingCheck } from '../types';
import { PLATFORM, python } from './common';
import {
  MODEL_RULES,
  comparisonTable,
  evaluate,
  executorCode,
  executorCodeBlock,
  executorLabel,
  executorProgram,
  modelTable,
  plansIn,
  poolPlansOf,
  ranking,
  reversedOrder,
  scheduleOf,
  timelineView,
  type ExecResult,
  type ExecScenario,
  type ExecutorId,
  type PoolPlans,
} from './executors';
import {
  MARGIN,
  MEASURED_RULE,
  RUNNER,
  calibrationFor,
  calibrationTable,
  clearWinner,
  estimateTable,
  freeMessages,
  machineText,
  measuredCodeBlock,
  measuredLabel,
  measuredOn,
  measuredRanking,
  measuredTime,
  msText,
  rankingCode,
  workOf,
  type MeasuredResult,
  type MeasuredScenario,
} from './measured';
import { poolMisconceptions as M } from './misconceptions';

export interface FastestScenario extends ExecScenario {
  readonly tier: Tier;
}

/** Longest timeline drawn, in ms. */
const MAX_TICKS = 200;

function modelFor(rng: Rng, tier: Tier): CostModel {
  return {
    startMs: rng.pick([10, 15, 20, 30]),
    threadStartMs: 1,
    messageMs: 1,
    bytesPerMs: tier === 3 ? rng.pick([50_000, 100_000, 200_000]) : 100_000,
  };
}

function build(rng: Rng, tier: Tier): FastestScenario | null {
  const workers = rng.int(2, 4);
  const model = modelFor(rng, tier);
  const options: ExecutorId[] = tier === 1 ? ['serial', 'threads', 'pool-map'] : ['serial', 'threads', 'pool-map', 'pool-imap'];
  const kind = rng.pick(tier === 1 ? ['cpu', 'io', 'tiny'] : tier === 2 ? ['mixed', 'cpu', 'tiny', 'many-small'] : ['big-cpu', 'big-cpu', 'big-mixed', 'big-io']);
  let items = rng.int(8, 24);
  let cpuMs = 0;
  let ioMs = 0;
  let argBytes: number | undefined;
  switch (kind) {
    case 'cpu':
      cpuMs = rng.int(4, 12);
      break;
    case 'io':
      cpuMs = rng.int(0, 1);
      ioMs = rng.int(8, 30);
      break;
    case 'tiny':
      items = rng.int(4, 16);
      cpuMs = rng.int(1, 3);
      break;
    case 'many-small':
      items = rng.int(30, 60);
      cpuMs = rng.int(1, 4);
      break;
    case 'mixed':
      cpuMs = rng.int(2, 10);
      ioMs = rng.int(1, 10);
      break;
    case 'big-cpu':
      cpuMs = rng.int(3, 12);
      argBytes = rng.pick([100_000, 200_000, 300_000, 500_000]);
      break;
    case 'big-mixed':
      cpuMs = rng.int(2, 6);
      ioMs = rng.int(1, 6);
      argBytes = rng.pick([100_000, 200_000, 400_000]);
      break;
    default:
      cpuMs = rng.int(0, 1);
      ioMs = rng.int(5, 20);
      argBytes = rng.pick([50_000, 200_000]);
  }
  return { tier, items, cpuMs, ioMs, workers, model, options, ...(argBytes !== undefined ? { argBytes } : {}) };
}

/** The options ranked under the scenario's model, fastest first (with each process pool's messages). */
export interface FastestAnalysis {
  readonly ranking: readonly ExecResult[];
}

const analyze = (s: FastestScenario): FastestAnalysis => ({ ranking: ranking(s, poolPlansOf(s)) });

/** Accept a scenario only when its winner is clear and does not rest on a simplification. */
function acceptable(s: FastestScenario, a: FastestAnalysis): boolean {
  const r = a.ranking;
  const [best, second] = r;
  if (!best || !second) return false;
  if (second.time === best.time) return false;
  if (r.some((x) => x.id !== 'serial' && x.time > MAX_TICKS)) return false;
  return tieFree(s, a.ranking);
}

/**
 * The answer must not change if the GIL were handed over every 5 ms (CPython's switch
 * interval) or if threads asking in the same tick were served in another order.
 */
function tieFree(s: FastestScenario, results: readonly ExecResult[]): boolean {
  const answer = results[0]?.id;
  const plans = plansIn(results);
  const w = { items: s.items, cpuMs: s.cpuMs, ioMs: s.ioMs };
  const orders = [undefined, reversedOrder(s.workers)];
  // The thread pool's time does not depend on the process pool's tie-break: each (quantum,
  // order) variant is simulated once, when first needed.
  const threadTimes = new Map<string, number>();
  for (const tieBreak of ['lowest', 'highest'] as const) {
    const fixed = new Map(s.options.filter((id) => id !== 'threads').map((id) => [id, evaluate(s, plans, id, s.model, tieBreak).time]));
    for (const quantum of [undefined, 5, 1]) {
      for (const order of orders) {
        const variant = `${quantum}/${order ? 'reversed' : 'default'}`;
        let threads = threadTimes.get(variant);
        if (threads === undefined) {
          const opts: ThreadOptions = quantum && order ? { quantum, order } : quantum ? { quantum } : order ? { order } : {};
          threads = threadPoolMakespan(s.model, w, s.workers, opts);
          threadTimes.set(variant, threads);
        }
        const times = s.options.map((id) => (id === 'threads' ? threads : (fixed.get(id) ?? Infinity)));
        const min = Math.min(...times);
        if (times.filter((t) => t === min).length > 1 || s.options[times.indexOf(min)] !== answer) return false;
      }
    }
  }
  return true;
}

function misconceptionFor(s: FastestScenario, wrong: ExecutorId, answer: ExecutorId): Misconception | undefined {
  const cpuBound = s.cpuMs >= s.ioMs;
  switch (wrong) {
    case 'pool-map':
      return M.alwaysFaster;
    case 'pool-imap':
      return answer === 'pool-map' ? M.messagesFree : M.alwaysFaster;
    case 'threads':
      return cpuBound ? M.threadsParallelCpu : M.alwaysFaster;
    case 'serial':
      return answer === 'threads' ? M.threadsUselessIo : M.gilLimitsProcesses;
    default:
      return undefined;
  }
}

/**
 * The option each belief picks for a scenario (version 3 on): the fastest under the belief's
 * own idea of the times, or nothing where two options tie for it. Each entry is one
 * misconception's model.
 *  - threadsParallelCpu: the thread pool's CPU parts overlap like its waits (the thread pool
 *    simulated with every CPU ms turned into waiting);
 *  - alwaysFaster: the process pool (map) wins, whatever the work;
 *  - messagesFree: process pools pay no per-message cost and no time for their bytes;
 *  - threadsUselessIo: a thread pool is no faster than the loop (it is left out).
 */
export function fastestBeliefs(s: FastestScenario, a: FastestAnalysis = analyze(s)): Partial<Record<string, ExecutorId>> {
  const plans = plansIn(a.ranking);
  const truth = new Map(a.ranking.map((r) => [r.id, r.time]));
  const fastest = (time: (id: ExecutorId) => number, ids: readonly ExecutorId[] = s.options): ExecutorId | undefined => {
    const times = ids.map(time);
    const min = Math.min(...times);
    return times.filter((t) => t === min).length === 1 ? ids[times.indexOf(min)] : undefined;
  };
  const trueTime = (id: ExecutorId) => truth.get(id) ?? Infinity;
  const parallelThreads = threadPoolMakespan(s.model, { items: s.items, cpuMs: 0, ioMs: s.cpuMs + s.ioMs }, s.workers);
  const freeMessages = { ...s.model, messageMs: 0, bytesPerMs: Infinity };
  const beliefs: Partial<Record<string, ExecutorId>> = {
    [M.threadsParallelCpu.id]: fastest((id) => (id === 'threads' ? parallelThreads : trueTime(id))),
    [M.alwaysFaster.id]: 'pool-map',
    [M.messagesFree.id]: fastest((id) => (id.startsWith('pool-') ? evaluate(s, plans, id, freeMessages).time : trueTime(id))),
    [M.threadsUselessIo.id]: fastest(trueTime, s.options.filter((id) => id !== 'threads')),
  };
  return beliefs;
}

/** The misconceptions version 3 tags, in order of precedence when two pick the same wrong option. */
const BELIEF_ORDER = [M.threadsParallelCpu, M.alwaysFaster, M.messagesFree, M.threadsUselessIo];

/** Version 3: a wrong option carries the first belief that picks it (`fastestBeliefs`), or none. */
function beliefFor(beliefs: Partial<Record<string, ExecutorId>>, wrong: ExecutorId): Misconception | undefined {
  return BELIEF_ORDER.find((m) => beliefs[m.id] === wrong);
}

function summaryOf(s: FastestScenario, results: readonly ExecResult[]): Localized[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  const out: Localized[] = [];
  const best = results[0] as ExecResult;
  const serial = byId.get('serial')?.time ?? 0;
  const threads = byId.get('threads')?.time ?? 0;
  out.push(
    L(
      `The loop takes ${s.items} × (${s.cpuMs} + ${s.ioMs}) = ${serial} ms.`,
      `반복문은 ${s.items} × (${s.cpuMs} + ${s.ioMs}) = ${serial} ms가 걸립니다.`,
    ),
  );
  out.push(
    s.ioMs === 0
      ? L(
          `The threads must take turns holding the GIL for all ${s.items * s.cpuMs} ms of CPU work, and starting them costs time, so the thread pool needs ${threads} ms — no gain for pure CPU work.`,
          `스레드들은 CPU 작업 ${s.items * s.cpuMs} ms 내내 GIL을 번갈아 잡아야 하고 스레드 시작에도 시간이 들어 스레드 풀은 ${threads} ms가 걸립니다. 순수 CPU 작업에는 이득이 없습니다.`,
        )
      : L(
          `In the thread pool the CPU parts (${s.items} × ${s.cpuMs} ms) run one at a time under the GIL while the waits overlap: ${threads} ms.`,
          `스레드 풀에서 CPU 부분(${s.items} × ${s.cpuMs} ms)은 GIL 아래 하나씩 돌고 대기는 겹칩니다: ${threads} ms.`,
        ),
  );
  for (const r of results) {
    if (!r.pool) continue;
    const { plan: run, sent } = r.pool;
    const lastSent = sent[sent.length - 1] ?? 0;
    out.push(
      L(
        `${executorLabel(s, r.id).en}: workers are ready at ${s.model.startMs} ms; chunksize ${run.chunksize} gives ${run.tasks.length} task messages of ${run.tasks[0]?.wire ?? 0} bytes${run.tasks.length > 1 ? ' or fewer' : ''}, all sent by ${lastSent} ms, and ${run.results.length} result messages. Finished at ${r.time} ms.`,
        `${executorLabel(s, r.id).ko}: 워커는 ${s.model.startMs} ms에 준비되고, chunksize ${run.chunksize}로 작업 메시지 ${run.tasks.length}개(각 ${run.tasks[0]?.wire ?? 0}바이트 이하)를 ${lastSent} ms까지 모두 보내며, 결과 메시지는 ${run.results.length}개입니다. ${r.time} ms에 끝납니다.`,
      ),
    );
  }
  out.push(L(`Fastest: ${executorLabel(s, best.id).en} at ${best.time} ms.`, `가장 빠른 것: ${executorLabel(s, best.id).ko}, ${best.time} ms.`));
  return out;
}

/** The question for a scenario, showing the program as `code`. */
function fastestQuestion(s: FastestScenario, a: FastestAnalysis, code: PromptBlock, tag: (wrong: ExecutorId, answer: ExecutorId) => Misconception | undefined): QuestionBody {
  const results = a.ranking;
  const plans: PoolPlans = plansIn(results);
  const answer = (results[0] as ExecResult).id;
  const options: Option[] = s.options.map((id) => option(id, executorLabel(s, id), id === answer ? undefined : tag(id, answer)));
  const views = [
    comparisonTable(s, results),
    ...(['threads', 'pool-map'] as const).flatMap((id) => {
      const schedule = s.options.includes(id) ? scheduleOf(s, plans, id) : undefined;
      return schedule ? [timelineView(schedule)] : [];
    }),
  ];
  return {
    prompt: [
      text(
        'Under the cost model below, which way of running work over the data finishes first?',
        '아래 비용 모델에서 data에 work를 적용하는 방법 중 어느 것이 가장 먼저 끝나나요?',
      ),
      code,
      modelTable(s),
    ],
    response: { kind: 'choice', options },
    answer,
    explanation: {
      summary: summaryOf(s, results),
      views,
      rule: L(
        'CPython: one GIL per process — threads of one process run Python bytecode one at a time, but waiting (sleep, blocking I/O) releases the GIL; each worker process of a Pool has its own GIL. A Pool pays for starting processes and for pickling every task and result through a pipe; map batches items into chunks (chunksize = ceil(n / (4 × workers))), imap sends one message per item.',
        'CPython: GIL은 프로세스마다 하나입니다. 한 프로세스의 스레드들은 바이트코드를 한 번에 하나씩 실행하지만, 대기(sleep, 블로킹 I/O)는 GIL을 놓습니다. Pool의 워커 프로세스는 각자 GIL을 가집니다. Pool은 프로세스 시작과, 모든 작업과 결과를 pickle해 파이프로 보내는 비용을 치릅니다. map은 항목을 청크(chunksize = ceil(n / (4 × 워커 수)))로 묶고, imap은 항목마다 메시지 하나를 보냅니다.',
      ),
    },
    assumptions: [PLATFORM, MODEL_RULES],
  };
}

/** Version 1, typed: later versions change only how the question is shown. */
const fastestExecutorSpec: Generator<FastestScenario, FastestAnalysis> = {
  id: 'fastest-executor',
  version: 1,
  domain: 'pool',
  topic: 'pool',
  title: L('Which finishes first?', '어느 쪽이 먼저 끝날까?'),
  tiers: [1, 2, 3],
  generate(rng, tier) {
    return search<{ scenario: FastestScenario; analysis: FastestAnalysis }>(
      rng,
      (r) => {
        const scenario = build(r, tier);
        if (!scenario) return null;
        const analysis = analyze(scenario);
        return acceptable(scenario, analysis) ? { scenario, analysis } : null;
      },
      () => {
        const scenario: FastestScenario = {
          tier,
          items: 16,
          cpuMs: 10,
          ioMs: 0,
          workers: 4,
          model: { startMs: 10, threadStartMs: 1, messageMs: 1, bytesPerMs: 100_000 },
          options: tier === 1 ? ['serial', 'threads', 'pool-map'] : ['serial', 'threads', 'pool-map', 'pool-imap'],
        };
        return { scenario, analysis: analyze(scenario) };
      },
    );
  },
  analyze,
  question(s, a) {
    return fastestQuestion(s, a, python(executorCode(s)), (wrong, answer) => misconceptionFor(s, wrong, answer));
  },
  program(s) {
    return {
      language: 'python',
      source: executorProgram(s, ['_answer(min(times, key=lambda k: times[k]))']),
    };
  },
  tieFree(s) {
    return tieFree(s, analyze(s).ranking);
  },
};

export const fastestExecutorV1 = defineGenerator(fastestExecutorSpec);

/** Version 2: the same questions with the Korean title and text in 합니다체 (issue 16 §4). */
export const fastestExecutorV2 = defineGenerator(inHamnidaGenerator({ ...fastestExecutorSpec, version: 2 }));

/**
 * Version 3: the program's comments in the learner's language (issue 16 §4), the English text
 * being the one the oracle runs; a wrong option carries a belief only where that belief's
 * model picks it (version 2 tagged the thread pool "a process pool is always faster" when the
 * work was I/O-bound, and the loop "the GIL limits processes" without a model).
 */
export const fastestExecutor = defineGenerator(
  inHamnidaGenerator({
    ...fastestExecutorSpec,
    version: 3,
    question(s, a) {
      const beliefs = fastestBeliefs(s, a);
      return fastestQuestion(s, a, executorCodeBlock(s), (wrong) => beliefFor(beliefs, wrong));
    },
  }),
);

// ------------------------------------------------------------------ version 4: measured

/** Longest a real run of the program may take, in ms (every option and the loop twice). */
const MAX_RUN_MS = 3000;

/** Per-item CPU work the scenarios draw from, in ms. */
const CPU_CHOICES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 50, 100] as const;

function buildMeasured(rng: Rng, tier: Tier): MeasuredScenario {
  const workers = rng.int(2, 4);
  // imap only in tier 2 (many small items): elsewhere it ties with map, whose chunks are then single items too
  const options: ExecutorId[] = tier === 2 ? ['serial', 'threads', 'pool-map', 'pool-imap'] : ['serial', 'threads', 'pool-map'];
  const kind = rng.pick(tier === 1 ? ['cpu', 'io', 'tiny'] : tier === 2 ? ['mixed', 'io', 'tiny', 'many-small'] : ['big-cpu', 'big-cpu', 'big-mixed', 'big-io']);
  const cpu = (from: number, to: number) => rng.pick(CPU_CHOICES.filter((c) => c >= from && c <= to));
  const base = { tier, workers, options };
  switch (kind) {
    case 'cpu':
      return { ...base, items: rng.int(4, 16), cpuMs: cpu(5, 100), ioMs: 0 };
    case 'io':
      return { ...base, items: rng.int(4, 40), cpuMs: cpu(0.01, 0.1), ioMs: rng.int(2, 20) };
    case 'tiny':
      return { ...base, items: rng.pick([20, 50, 100, 200, 500]), cpuMs: cpu(0.01, 0.05), ioMs: 0 };
    case 'many-small':
      return { ...base, items: rng.pick([200, 500, 1000]), cpuMs: cpu(0.05, 1), ioMs: 0 };
    case 'mixed':
      return { ...base, items: rng.int(8, 40), cpuMs: cpu(1, 10), ioMs: rng.int(1, 10) };
    case 'big-cpu':
      return { ...base, items: rng.int(4, 16), cpuMs: cpu(2, 100), ioMs: 0, argBytes: rng.pick([50_000, 100_000, 500_000, 2_000_000]) };
    case 'big-mixed':
      return { ...base, items: rng.int(8, 30), cpuMs: cpu(0.5, 5), ioMs: rng.int(1, 10), argBytes: rng.pick([200_000, 1_000_000]) };
    default:
      return { ...base, items: rng.int(8, 30), cpuMs: cpu(0.01, 0.5), ioMs: rng.int(2, 20), argBytes: rng.pick([100_000, 1_000_000]) };
  }
}

/** The options fastest first under the measured figures, and each process pool's messages (simulated once, used by every step after). */
export interface MeasuredFastestAnalysis {
  readonly ranking: readonly MeasuredResult[];
  readonly plans: PoolPlans;
}

function analyzeMeasured(c: Calibration, s: MeasuredScenario): MeasuredFastestAnalysis {
  const plans = poolPlansOf(s);
  return { ranking: measuredRanking(c, s, plans), plans };
}

/** A clear winner (clearWinner) and a real run short enough to check. */
function acceptableMeasured(c: Calibration, s: MeasuredScenario, a: MeasuredFastestAnalysis): boolean {
  const total = a.ranking.reduce((k, r) => k + r.ms, 0) + loopMs(workOf(s));
  return total <= MAX_RUN_MS && clearWinner(c, s, a.plans) === a.ranking[0]?.id;
}

/** I/O-bound and short: the thread pool wins clearly in every tier (pool start is most of the difference). */
const FALLBACK_MEASURED: MeasuredScenario = { tier: 1, items: 8, cpuMs: 0.01, ioMs: 5, workers: 4, options: ['serial', 'threads', 'pool-map'] };

/** The option an idea of the times picks: the fastest, or nothing when the fastest two are closer than MARGIN. */
function pickFastest(s: MeasuredScenario, time: (id: ExecutorId) => number, ids: readonly ExecutorId[] = s.options): ExecutorId | undefined {
  const ranked = ids.map((id) => ({ id, ms: time(id) })).sort((a, b) => a.ms - b.ms);
  const [best, second] = ranked;
  if (!best) return undefined;
  return !second || second.ms >= best.ms * MARGIN ? best.id : undefined;
}

/**
 * The option each belief picks for a measured scenario (version 4 on), under its own idea of the
 * times under calibration `c`; nothing where its top two are closer than MARGIN (the belief does not decide).
 *  - threadsParallelCpu: the thread pool's CPU parts overlap like its waits;
 *  - alwaysFaster: the process pool (map) wins, whatever the work;
 *  - messagesFree: the pool's messages cost nothing and pickling takes no time;
 *  - threadsUselessIo: a thread pool is no faster than the loop (it is left out).
 */
export function measuredFastestBeliefs(c: Calibration, s: MeasuredScenario, plans: PoolPlans = poolPlansOf(s)): Partial<Record<string, ExecutorId>> {
  const truth = (id: ExecutorId) => measuredTime(c, s, plans, id);
  const w = workOf(s);
  const parallel = Math.ceil(w.items / s.workers) * (w.cpuMs + w.ioMs) + w.items * c.thread_pool_task_ms;
  const free = freeMessages(c);
  return {
    [M.threadsParallelCpu.id]: pickFastest(s, (id) => (id === 'threads' ? parallel : truth(id))),
    [M.alwaysFaster.id]: 'pool-map',
    [M.messagesFree.id]: pickFastest(s, (id) => (id.startsWith('pool-') ? measuredTime(free, s, plans, id) : truth(id))),
    [M.threadsUselessIo.id]: pickFastest(s, truth, s.options.filter((id) => id !== 'threads')),
  };
}

function measuredSummary(c: Calibration, s: MeasuredScenario, ranking: readonly MeasuredResult[]): Localized[] {
  const [best, second] = ranking as [MeasuredResult, MeasuredResult];
  const work = s.items * s.cpuMs;
  return [
    L(
      `The loop does ${s.items} × (${msText(s.cpuMs)} ms of CPU + ${msText(s.ioMs)} ms of waiting) = ${msText(loopMs(workOf(s)))} ms.`,
      `반복문은 ${s.items} × (CPU ${msText(s.cpuMs)} ms + 대기 ${msText(s.ioMs)} ms) = ${msText(loopMs(workOf(s)))} ms입니다.`,
    ),
    L(
      `Threads overlap only the waiting: the ${msText(work)} ms of CPU work still runs one thread at a time under the GIL, and each task costs a hand-off.`,
      `스레드는 대기만 겹칩니다: CPU 작업 ${msText(work)} ms는 여전히 GIL 아래 한 번에 한 스레드씩 돌고, 작업마다 넘겨주는 비용이 듭니다.`,
    ),
    L(
      `A Pool runs the CPU work on ${Math.min(s.workers, c.machine.cores)} cores in parallel, but pays for starting its workers, for every message (more for more bytes pickled) and for shutting down.`,
      `Pool은 CPU 작업을 코어 ${Math.min(s.workers, c.machine.cores)}개에서 병렬로 돌리지만, 워커 시작, 모든 메시지(pickle하는 바이트가 많을수록 더), 종료에 비용을 치릅니다.`,
    ),
    L(
      `From the measured figures: ${measuredLabel(s, best.id).en} takes about ${msText(best.ms)} ms, the next, ${measuredLabel(s, second.id).en}, about ${msText(second.ms)} ms (${(second.ms / best.ms).toFixed(1)}× as long).`,
      `측정값으로 계산하면 ${measuredLabel(s, best.id).ko}는 약 ${msText(best.ms)} ms, 그다음인 ${measuredLabel(s, second.id).ko}는 약 ${msText(second.ms)} ms입니다(${(second.ms / best.ms).toFixed(1)}배).`,
    ),
    measuredOn(c),
  ];
}

/** The check the oracle applies to a ranking program's output (lib/questions/pool/measured.ts judgeTimings). */
export function rankingCheck(s: MeasuredScenario): TimingCheck {
  return { kind: 'ranking', runners: Object.fromEntries(s.options.map((id) => [id, RUNNER[id as keyof typeof RUNNER]])), loopWorkMs: loopMs(workOf(s)) };
}

/**
 * The measured ranking question, built on calibration `c` (calibrationFor(version)): real work
 * (cpu_work burns the thread's CPU time, sleep waits); the expected times come from the measured
 * model; a winner is asked only when it is clear with every overhead 3× off; the program
 * learners see times the real runs, and the oracle runs exactly that program and reads its
 * timings (NOISY runs are re-run, never judged).
 */
function measuredFastest(version: number) {
  const c = calibrationFor(version);
  return defineGenerator<MeasuredScenario, MeasuredFastestAnalysis>(
    inHamnidaGenerator({
      id: 'fastest-executor',
      version,
      domain: 'pool',
      topic: 'pool',
      title: L('Which finishes first?', '어느 쪽이 먼저 끝날까?'),
      tiers: [1, 2, 3],
      generate(rng, tier) {
        return search<{ scenario: MeasuredScenario; analysis: MeasuredFastestAnalysis }>(
          rng,
          (r) => {
            const scenario = buildMeasured(r, tier);
            const analysis = analyzeMeasured(c, scenario);
            return acceptableMeasured(c, scenario, analysis) ? { scenario, analysis } : null;
          },
          () => {
            const scenario: MeasuredScenario = { ...FALLBACK_MEASURED, tier, options: tier === 2 ? [...FALLBACK_MEASURED.options, 'pool-imap'] : FALLBACK_MEASURED.options };
            return { scenario, analysis: analyzeMeasured(c, scenario) };
          },
        );
      },
      analyze: (s) => analyzeMeasured(c, s),
      question(s, a) {
        const answer = (a.ranking[0] as MeasuredResult).id;
        const beliefs = measuredFastestBeliefs(c, s, a.plans);
        const options: Option[] = s.options.map((id) => option(id, measuredLabel(s, id), id === answer ? undefined : beliefFor(beliefs, id), true));
        return {
          prompt: [
            text(
              'The program below times, on the machine described, each way of running work over data, one after another. Which one finishes first?',
              '아래 프로그램은 설명한 기계에서 data에 work를 적용하는 방법마다 차례로 시간을 잽니다. 어느 것이 가장 먼저 끝나나요?',
            ),
            measuredCodeBlock((lang) => rankingCode(s, lang)),
          ],
          response: { kind: 'choice', options },
          answer,
          explanation: {
            summary: measuredSummary(c, s, a.ranking),
            views: [estimateTable(s, a.ranking), calibrationTable(c, s, a.plans)],
            rule: MEASURED_RULE,
          },
          assumptions: [PLATFORM, machineText(c)],
        };
      },
      program(s) {
        return { language: 'python', source: rankingCode(s, 'en'), check: rankingCheck(s) };
      },
      tieFree(s) {
        return clearWinner(c, s) !== null;
      },
    }),
  );
}

/** Version 4 (issue 12 §1): the first calibration (the echo model). */
export const fastestExecutorV4 = measuredFastest(4);

/**
 * Version 5 (issue 12): the streamed model and its calibration (see pool-overhead version 5):
 * big items' messages now cost what they measured, so the process pool's figures for them are
 * no longer a fraction of the real ones.
 */
export const fastestExecutorV5 = measuredFastest(5);
