/**
 * "How many messages?" — tier 1: `map` with an explicit chunksize; tier 2: `map`'s default
 * chunksize (or `imap`'s); tier 3: several calls in one program, messages in both directions.
 */
import type { Rng } from '@/lib/sim/rng';
import { defaultChunksize, pyInt, simulatePoolCall, type PoolMethod, type PoolRun, type PyValue } from '@/lib/sim/pool';
import { inHamnidaGenerator, L, search } from '../kit';
import { defineGenerator, type Localized, type TableView, type Tier } from '../types';
import { JOB_RULE, MESSAGES, PLATFORM, numberOptions, python, type NumberChoice } from './common';
import { poolMisconceptions as M } from './misconceptions';
import { poolProgram } from './python-program';
import { workGlobal, workOutcome } from './workloads';

export interface MessageCall {
  readonly method: PoolMethod;
  /** Explicit chunksize (map, imap), or undefined for the default. */
  readonly chunksize?: number;
  /** Items taken from data: all (undefined) or the first `take` (apply_async loops). */
  readonly take?: number;
}

export interface PoolMessagesScenario {
  readonly tier: Tier;
  readonly processes: number;
  /** `data = list(range(n))` */
  readonly n: number;
  readonly calls: readonly MessageCall[];
  /** Count task messages only, or both pipes. */
  readonly both: boolean;
}

/** The messages one call of the program sends. */
export interface CallRun {
  readonly call: MessageCall;
  /** How many jobs the call submits (an apply_async loop submits `take`). */
  readonly jobs: number;
  readonly tasks: number;
  readonly results: number;
  readonly chunksize: number;
}

/** Simulates every call, with job ids in program order (counting messages: no sizes). */
function simulate(s: PoolMessagesScenario, chunkOverride?: (c: MessageCall) => number | undefined): CallRun[] {
  const items: PyValue[] = Array.from({ length: s.n }, (_, i) => pyInt(i));
  let job = 0;
  return s.calls.map((call) => {
    const chunksize = chunkOverride?.(call) ?? call.chunksize;
    const runs: PoolRun[] = [];
    if (call.method === 'apply_async') {
      for (const x of items.slice(0, call.take ?? s.n)) {
        runs.push(simulatePoolCall({ method: 'apply_async', func: workGlobal('square'), items: [x], processes: s.processes, job: job++, outcome: workOutcome('square'), countOnly: true }));
      }
    } else {
      runs.push(
        simulatePoolCall({
          method: call.method,
          func: workGlobal('square'),
          items,
          processes: s.processes,
          job: job++,
          outcome: workOutcome('square'),
          countOnly: true,
          ...(chunksize !== undefined ? { chunksize } : {}),
        }),
      );
    }
    return {
      call,
      jobs: runs.length,
      tasks: runs.reduce((k, r) => k + r.tasks.length, 0),
      results: runs.reduce((k, r) => k + r.results.length, 0),
      chunksize: runs[0]?.chunksize ?? 0,
    };
  });
}

/** The scenario's calls simulated, and the distractors (each the count a misconception gives). */
export interface MessagesAnalysis {
  readonly runs: readonly CallRun[];
  readonly distractors: readonly NumberChoice[];
}

function analyze(s: PoolMessagesScenario): MessagesAnalysis {
  const runs = simulate(s);
  return { runs, distractors: distractors(s, runs) };
}

const count = (runs: readonly CallRun[], both: boolean) => runs.reduce((k, r) => k + r.tasks + (both ? r.results : 0), 0);

function distractors(s: PoolMessagesScenario, runs: readonly CallRun[]): NumberChoice[] {
  const out: NumberChoice[] = [];
  const n = s.n;
  const mapDefault = defaultChunksize(n, s.processes);
  const only = s.calls.length === 1 ? s.calls[0] : undefined;
  const itemsOf = (c: MessageCall) => (c.method === 'apply_async' ? (c.take ?? n) : n);
  // chunksize ignored: one message per item (each way)
  out.push({ value: s.calls.reduce((k, c) => k + itemsOf(c), 0) * (s.both ? 2 : 1), misconception: only?.method === 'map' && only.chunksize === undefined ? M.mapChunkOne : M.chunksizeNoEffect });
  if (only?.method === 'map' && only.chunksize !== undefined) {
    out.push({ value: Math.floor(n / only.chunksize), misconception: M.lastChunkDropped });
    out.push({ value: s.processes, misconception: M.oneChunkPerWorker });
  }
  if (only?.method === 'map' && only.chunksize === undefined) {
    out.push({ value: s.processes, misconception: M.oneChunkPerWorker });
    out.push({ value: 4 * s.processes, misconception: M.fourChunksPerWorker });
  }
  if (only?.method === 'imap') {
    out.push({ value: Math.ceil(n / mapDefault), misconception: M.imapDefaultChunk });
  }
  /** Messages in both directions with some calls' chunksize changed (the same runs when no call's chunksize actually changes). */
  const countWith = (chunkOverride: (c: MessageCall) => number | undefined) => {
    const changes = s.calls.some((c, i) => {
      const k = chunkOverride(c);
      return k !== undefined && k !== runs[i]?.chunksize;
    });
    return count(changes ? simulate(s, chunkOverride) : runs, true);
  };
  if (s.both) {
    const tasks = count(runs, false);
    out.push({ value: tasks, misconception: M.resultsFree });
    out.push({ value: tasks + runs.reduce((k, r) => k + r.jobs, 0), misconception: M.resultsOneMessage });
    if (s.calls.some((c) => c.method === 'imap' && c.chunksize === undefined)) {
      out.push({ value: countWith((c) => (c.method === 'imap' && c.chunksize === undefined ? mapDefault : undefined)), misconception: M.imapDefaultChunk });
    }
    if (s.calls.some((c) => c.method === 'map' && c.chunksize === undefined)) {
      out.push({ value: countWith((c) => (c.method === 'map' && c.chunksize === undefined ? 1 : undefined)), misconception: M.mapChunkOne });
    }
  }
  return out;
}

/**
 * What each belief predicts for the scenario (version 3 on): the number of messages, in the
 * directions the question counts, that a learner holding it would work out. Each entry is
 * one misconception's model; an entry is absent where the belief says nothing about the
 * scenario.
 *  - lastChunkDropped: every chunked call sends only its full chunks, floor(n / chunksize);
 *  - chunksizeNoEffect: one message per item, whatever the chunksize;
 *  - mapChunkOne: map without chunksize sends one item per message (re-simulated so);
 *  - imapDefaultChunk: imap without chunksize chunks like map (re-simulated so);
 *  - oneChunkPerWorker / fourChunksPerWorker: a single map call sends `processes` (or 4 ×
 *    `processes`) chunks;
 *  - resultsFree: results are not messages; resultsOneMessage: one result message per job.
 */
export function poolMessagesBeliefs(s: PoolMessagesScenario, runs: readonly CallRun[] = simulate(s)): Partial<Record<string, number>> {
  const ways = s.both ? 2 : 1;
  const only = s.calls.length === 1 ? s.calls[0] : undefined;
  const mapDefault = defaultChunksize(s.n, s.processes);
  const countWith = (chunkOverride: (c: MessageCall) => number | undefined) => count(simulate(s, chunkOverride), s.both);
  const beliefs: Partial<Record<string, number>> = {
    [M.lastChunkDropped.id]: runs.reduce((k, r) => k + (r.call.method === 'apply_async' ? r.jobs : Math.floor(s.n / r.chunksize)), 0) * ways,
  };
  const mapWithoutChunksize = s.calls.some((c) => c.method === 'map' && c.chunksize === undefined);
  if (mapWithoutChunksize) beliefs[M.mapChunkOne.id] = countWith((c) => (c.method === 'map' && c.chunksize === undefined ? 1 : undefined));
  if (!(only?.method === 'map' && only.chunksize === undefined)) {
    beliefs[M.chunksizeNoEffect.id] = s.calls.reduce((k, c) => k + (c.method === 'apply_async' ? (c.take ?? s.n) : s.n), 0) * ways;
  }
  if (s.calls.some((c) => c.method === 'imap' && c.chunksize === undefined)) {
    beliefs[M.imapDefaultChunk.id] = countWith((c) => (c.method === 'imap' && c.chunksize === undefined ? mapDefault : undefined));
  }
  if (only?.method === 'map' && !s.both) {
    beliefs[M.oneChunkPerWorker.id] = s.processes;
    if (only.chunksize === undefined) beliefs[M.fourChunksPerWorker.id] = 4 * s.processes;
  }
  if (s.both) {
    beliefs[M.resultsFree.id] = count(runs, false);
    beliefs[M.resultsOneMessage.id] = count(runs, false) + runs.reduce((k, r) => k + r.jobs, 0);
  }
  return beliefs;
}

/** The misconceptions version 3 offers, headline first (a value two beliefs share keeps the first tag). */
const BELIEF_ORDER = [M.lastChunkDropped, M.chunksizeNoEffect, M.mapChunkOne, M.oneChunkPerWorker, M.fourChunksPerWorker, M.imapDefaultChunk, M.resultsFree, M.resultsOneMessage];

function analyzeV3(s: PoolMessagesScenario): MessagesAnalysis {
  const runs = simulate(s);
  const beliefs = poolMessagesBeliefs(s, runs);
  return { runs, distractors: BELIEF_ORDER.flatMap((m) => (beliefs[m.id] === undefined ? [] : [{ value: beliefs[m.id] as number, misconception: m }])) };
}

function callLines(c: MessageCall, name: string): string[] {
  const chunk = c.chunksize !== undefined ? `, chunksize=${c.chunksize}` : '';
  switch (c.method) {
    case 'map':
      return [`${name} = pool.map(square, data${chunk})`];
    case 'imap':
      return [`${name} = list(pool.imap(square, data${chunk}))`];
    case 'apply_async':
      return [`handles = [pool.apply_async(square, (x,)) for x in data[:${c.take}]]`, `${name} = [h.get() for h in handles]`];
  }
}

function code(s: PoolMessagesScenario, after: readonly string[] = []): string {
  const names = ['a', 'b', 'c', 'd'];
  return [
    'from multiprocessing import Pool',
    '',
    '',
    'def square(x):',
    '    return x * x',
    '',
    '',
    'if __name__ == "__main__":',
    `    data = list(range(${s.n}))`,
    `    with Pool(${s.processes}) as pool:`,
    ...s.calls.flatMap((c, i) => callLines(c, names[i] ?? `r${i}`).map((l) => `        ${l}`)),
    ...after.map((l) => `    ${l}`),
    '',
  ].join('\n');
}

function callLabel(c: MessageCall): string {
  const chunk = c.chunksize !== undefined ? `, chunksize=${c.chunksize}` : '';
  if (c.method === 'apply_async') return `apply_async(square, (x,)) × ${c.take}`;
  return `${c.method}(square, data${chunk})`;
}

function explainCall(s: PoolMessagesScenario, r: CallRun): Localized {
  const n = s.n;
  const c = r.call;
  if (c.method === 'apply_async') {
    return L(
      `${c.take} apply_async calls: each is its own job with one task message (job, 0, square, (x,), {}) and one result.`,
      `apply_async ${c.take}번: 호출마다 작업 메시지 (job, 0, square, (x,), {}) 하나와 결과 하나인 별도의 job입니다.`,
    );
  }
  if (c.method === 'imap' && r.chunksize === 1) {
    return L(
      `imap defaults to chunksize=1: one task message (job, i, square, (x,), {}) per item, ${n} in all.`,
      `imap의 기본 chunksize는 1입니다: 항목마다 작업 메시지 (job, i, square, (x,), {}) 하나, 모두 ${n}개.`,
    );
  }
  if (c.method === 'map' && c.chunksize === undefined) {
    const per = 4 * s.processes;
    return L(
      `map without chunksize: divmod(${n}, ${s.processes} × 4) = (${Math.floor(n / per)}, ${n % per})${n % per ? ', rounded up' : ''} → chunksize ${r.chunksize}; ceil(${n} / ${r.chunksize}) = ${r.tasks} task messages.`,
      `chunksize 없는 map: divmod(${n}, ${s.processes} × 4) = (${Math.floor(n / per)}, ${n % per})${n % per ? ', 올림' : ''} → chunksize ${r.chunksize}; ceil(${n} / ${r.chunksize}) = 작업 메시지 ${r.tasks}개.`,
    );
  }
  return L(
    `${c.method} with chunksize=${r.chunksize}: ceil(${n} / ${r.chunksize}) = ${r.tasks} task messages, the last chunk holding ${n - (r.tasks - 1) * r.chunksize} item(s).`,
    `chunksize=${r.chunksize}인 ${c.method}: ceil(${n} / ${r.chunksize}) = 작업 메시지 ${r.tasks}개, 마지막 청크는 ${n - (r.tasks - 1) * r.chunksize}개 항목.`,
  );
}

function table(s: PoolMessagesScenario, runs: readonly CallRun[]): TableView {
  return {
    kind: 'table',
    caption: L('Messages per call (counted by the simulator)', '호출별 메시지 (시뮬레이터 집계)'),
    header: [L('call', '호출'), L('chunksize', 'chunksize'), L('task messages', '작업 메시지'), L('result messages', '결과 메시지')],
    rows: [
      ...runs.map((r) => [callLabel(r.call), String(r.chunksize), String(r.tasks), String(r.results)]),
      [L('total', '합계'), '', String(count(runs, false)), String(runs.reduce((k, r) => k + r.results, 0))],
    ],
  };
}

function build(rng: Rng, tier: Tier): PoolMessagesScenario | null {
  const processes = rng.int(2, 6);
  if (tier === 1) {
    const n = rng.int(7, 60);
    const chunksize = rng.int(2, 9);
    if (n % chunksize === 0 || chunksize >= n) return null;
    return { tier, processes, n, calls: [{ method: 'map', chunksize }], both: false };
  }
  if (tier === 2) {
    const n = rng.int(5, 120);
    const method: PoolMethod = rng.bool(0.75) ? 'map' : 'imap';
    return { tier, processes, n, calls: [{ method }], both: false };
  }
  const n = rng.int(6, 40);
  const pool: MessageCall[] = [
    { method: 'map' },
    { method: 'map', chunksize: rng.int(2, 8) },
    { method: 'imap' },
    { method: 'imap', chunksize: rng.int(2, 8) },
    { method: 'apply_async', take: rng.int(2, 5) },
  ];
  return { tier, processes, n, calls: rng.sample(pool, rng.int(2, 3)), both: true };
}

export const poolMessagesV1 = defineGenerator<PoolMessagesScenario, MessagesAnalysis>({
  id: 'pool-messages',
  version: 1,
  domain: 'pool',
  topic: 'pool',
  title: L('How many messages cross the pipe?', '파이프를 지나는 메시지는 몇 개?'),
  tiers: [1, 2, 3],
  generate(rng, tier) {
    return search<{ scenario: PoolMessagesScenario; analysis: MessagesAnalysis }>(
      rng,
      (r) => {
        const scenario = build(r, tier);
        if (!scenario) return null;
        const analysis = analyze(scenario);
        return numberOptions(count(analysis.runs, scenario.both), analysis.distractors, MESSAGES).length >= 4 ? { scenario, analysis } : null;
      },
      () => {
        const scenario: PoolMessagesScenario = { tier, processes: 4, n: 50, calls: [{ method: 'map', ...(tier === 1 ? { chunksize: 4 } : {}) }], both: tier === 3 };
        return { scenario, analysis: analyze(scenario) };
      },
    );
  },
  analyze,
  question(s, { runs, distractors }) {
    const answer = count(runs, s.both);
    const summary: Localized[] = runs.map((r) => explainCall(s, r));
    if (s.both) {
      summary.push(
        L(
          `Every task message is answered by one result message, so both pipes together carry 2 × ${count(runs, false)} = ${answer} messages.`,
          `작업 메시지마다 결과 메시지가 하나씩 돌아오므로 두 파이프를 합치면 2 × ${count(runs, false)} = ${answer}개입니다.`,
        ),
      );
    }
    const question = s.both
      ? L(
          'How many messages cross the pool\'s pipes in total while this runs (task messages to the workers plus result messages back)? Shutdown sentinels are not counted.',
          '이 코드가 도는 동안 풀의 파이프를 지나는 메시지는 모두 몇 개인가요 (워커로 가는 작업 메시지 + 돌아오는 결과 메시지)? 종료 신호는 세지 않습니다.',
        )
      : L('How many task messages does the parent write into the task pipe for this call?', '이 호출에서 부모 프로세스가 작업 파이프에 쓰는 작업 메시지는 몇 개인가요?');
    return {
      prompt: [{ kind: 'text', text: question }, python(code(s))],
      response: { kind: 'choice', options: numberOptions(answer, distractors, MESSAGES) },
      answer: String(answer),
      explanation: {
        summary,
        views: [table(s, runs)],
        rule: L(
          'CPython 3.11 (Lib/multiprocessing/pool.py): map/map_async chunk the data with chunksize = ceil(len / (4 × processes)) unless given; imap/imap_unordered default to chunksize=1; apply_async sends one task. The task handler writes one message per chunk into the task pipe and each worker writes one result message per task into the result pipe. Both pipes are Pipe(duplex=False), i.e. os.pipe() on Unix (a duplex Pipe would be socket.socketpair()).',
          'CPython 3.11(Lib/multiprocessing/pool.py): map/map_async는 chunksize를 주지 않으면 ceil(len / (4 × 프로세스 수))로 데이터를 나누고, imap/imap_unordered의 기본값은 chunksize=1, apply_async는 작업 하나를 보냅니다. 작업 핸들러는 청크마다 메시지 하나를 작업 파이프에 쓰고, 워커는 작업마다 결과 메시지 하나를 결과 파이프에 씁니다. 두 파이프는 Pipe(duplex=False), 즉 Unix에서 os.pipe()입니다(duplex Pipe라면 socket.socketpair()).',
        ),
      },
      assumptions: [PLATFORM, JOB_RULE],
    };
  },
  program(s) {
    const expr = s.both ? 'len(_STATS["task"]) + len(_STATS["result"])' : 'len(_STATS["task"])';
    return poolProgram(code(s, [`_answer(str(${expr}))`]));
  },
});

/** Version 2: the same questions with the Korean title and text in 합니다체 (issue 16 §4). */
export const poolMessagesV2 = defineGenerator(inHamnidaGenerator({ ...poolMessagesV1, version: 2 }));

/**
 * Version 3: every question offers "only full chunks are sent" (issue 12 §2): scenarios are
 * kept only when some call ends with a shorter chunk, so that belief gives a wrong count; the
 * options are the beliefs' models (`poolMessagesBeliefs`), headline first.
 */
export const poolMessages = defineGenerator(
  inHamnidaGenerator({
    ...poolMessagesV1,
    version: 3,
    generate(rng, tier) {
      return search<{ scenario: PoolMessagesScenario; analysis: MessagesAnalysis }>(
        rng,
        (r) => {
          const scenario = build(r, tier);
          if (!scenario) return null;
          const analysis = analyzeV3(scenario);
          const answer = count(analysis.runs, scenario.both);
          const options = numberOptions(answer, analysis.distractors, MESSAGES);
          return options.length >= 4 && options.some((o) => o.misconception?.id === M.lastChunkDropped.id) ? { scenario, analysis } : null;
        },
        () => {
          const scenario: PoolMessagesScenario = { tier, processes: 4, n: 50, calls: [{ method: 'map', ...(tier === 1 ? { chunksize: 4 } : {}) }], both: tier === 3 };
          return { scenario, analysis: analyzeV3(scenario) };
        },
      );
    },
    analyze: analyzeV3,
  }),
);
