/**
 * Shared by the cost-model generators (fastest-executor, pool-overhead): the stated model,
 * the ways to run the items (loop, thread pool, process pool with map's default chunksize,
 * with chunksize=1, or an explicit one), their timelines, the code learners see and the
 * runnable program, which measures the real pool's messages and evaluates the same model
 * (re-implemented in Python) on them.
 */
import {
  messageCost,
  processPoolChunks,
  processPoolSchedule,
  pyInt,
  pyZeroBytes,
  serialTime,
  simulatePoolCall,
  threadPoolMakespan,
  threadPoolSchedule,
  type Activity,
  type CostModel,
  type PoolRun,
  type PyValue,
  type Schedule,
  type Workload,
} from '@/lib/sim/pool';
import { L } from '../kit';
import type { CellText, Localized, PromptBlock, TableView, TimelineCell, TimelineView } from '../types';
import { pyNumber } from './workloads';
import { POOL_PRELUDE } from './python-program';

/** `pool-c<k>`: `pool.map(work, data, chunksize=k)`. */
export type ExecutorId = 'serial' | 'threads' | 'pool-map' | 'pool-imap' | `pool-c${number}`;

export const chunkOption = (k: number): ExecutorId => `pool-c${k}`;
const chunkOf = (id: ExecutorId): number => Number(id.slice('pool-c'.length));

export interface ExecScenario {
  readonly items: number;
  readonly cpuMs: number;
  readonly ioMs: number;
  readonly workers: number;
  /** Each item: `bytes(argBytes)` when set, else the int i. */
  readonly argBytes?: number;
  readonly model: CostModel;
  readonly options: readonly ExecutorId[];
}

/** What a Pool call's messages depend on: the data, the worker count and the options. */
export type PlanInput = Pick<ExecScenario, 'items' | 'argBytes' | 'workers' | 'options'>;

export const workloadOf = (s: ExecScenario): Workload => ({ items: s.items, cpuMs: s.cpuMs, ioMs: s.ioMs });

function itemsOf(s: PlanInput): PyValue[] {
  return Array.from({ length: s.items }, (_, i) => (s.argBytes !== undefined ? pyZeroBytes(s.argBytes) : pyInt(i)));
}

/** `work(x)` returns `len(x)` for bytes, `x` for ints. */
const resultOf = (s: PlanInput) => (x: PyValue) => ({ ok: true as const, value: s.argBytes !== undefined ? pyInt(x.kind === 'bytes' ? x.data.length : 0) : x });

/** The Pool call an executor option makes (null for the loop and the thread pool). */
export function poolRunOf(s: PlanInput, id: ExecutorId): PoolRun | null {
  if (id === 'serial' || id === 'threads') return null;
  const items = itemsOf(s);
  const base = {
    func: { kind: 'global', module: '__main__', qualname: 'work', lookup: 'same', repr: '<function work>' } as const,
    items,
    processes: s.workers,
    outcome: resultOf(s),
    sizeOnly: true,
  };
  if (id === 'pool-map') return simulatePoolCall({ ...base, method: 'map' });
  if (id === 'pool-imap') return simulatePoolCall({ ...base, method: 'imap' });
  return simulatePoolCall({ ...base, method: 'map', chunksize: chunkOf(id) });
}

/** What the cost model needs of a Pool call: its chunksize and its messages' sizes and item counts. */
export interface PoolPlan {
  readonly chunksize: number;
  readonly tasks: readonly { readonly wire: number; readonly count: number }[];
  readonly results: readonly { readonly wire: number }[];
}

/** The pool plan of each process-pool option of a scenario (they depend on the data, the worker count and the option, not on durations). */
export type PoolPlans = Readonly<Partial<Record<ExecutorId, PoolPlan>>>;

/** Simulates the Pool call of every process-pool option once. */
export function poolPlansOf(s: PlanInput): PoolPlans {
  const plans: Partial<Record<ExecutorId, PoolPlan>> = {};
  for (const id of s.options) {
    const run = poolRunOf(s, id);
    if (run) plans[id] = { chunksize: run.chunksize, tasks: run.tasks.map((m) => ({ wire: m.wire, count: m.count })), results: run.results.map((m) => ({ wire: m.wire })) };
  }
  return plans;
}

function planOf(plans: PoolPlans, id: ExecutorId): PoolPlan {
  const plan = plans[id];
  if (!plan) throw new Error(`no pool plan for ${id}`);
  return plan;
}

export interface ExecResult {
  readonly id: ExecutorId;
  readonly time: number;
  readonly pool?: { readonly plan: PoolPlan; readonly sent: readonly number[] };
}

/** Runs one option under the model: its finishing time (and, for a pool, its messages and when each task was sent). */
export function evaluate(s: ExecScenario, plans: PoolPlans, id: ExecutorId, model: CostModel = s.model, tieBreak: 'lowest' | 'highest' = 'lowest'): ExecResult {
  const w = workloadOf(s);
  if (id === 'serial') return { id, time: serialTime(w) };
  if (id === 'threads') return { id, time: threadPoolMakespan(model, w, s.workers, tieBreak === 'lowest' ? {} : { order: reversedOrder(s.workers) }) };
  const plan = planOf(plans, id);
  const { sent, makespan } = processPoolChunks(model, w, s.workers, plan, tieBreak);
  return { id, time: makespan, pool: { plan, sent } };
}

/** A pool option's finishing time with the scenario's workers but workload `w` (its messages depend on the data, not on the durations). */
export function poolTime(s: ExecScenario, plan: PoolPlan, w: Workload, model: CostModel = s.model, tieBreak: 'lowest' | 'highest' = 'lowest'): number {
  return processPoolChunks(model, w, s.workers, plan, tieBreak).makespan;
}

/** The timeline of an option (none for the plain loop). */
export function scheduleOf(s: ExecScenario, plans: PoolPlans, id: ExecutorId): Schedule | undefined {
  const w = workloadOf(s);
  if (id === 'serial') return undefined;
  if (id === 'threads') return threadPoolSchedule(s.model, w, s.workers);
  return processPoolSchedule(s.model, w, s.workers, planOf(plans, id));
}

/** Thread numbers from the last to the first: the other same-tick order of GIL requests. */
export function reversedOrder(workers: number): number[] {
  const order: number[] = [];
  for (let i = workers - 1; i >= 0; i--) order.push(i);
  return order;
}

/** The pool plans inside results (each process-pool option's). */
export function plansIn(results: readonly ExecResult[]): PoolPlans {
  const plans: Partial<Record<ExecutorId, PoolPlan>> = {};
  for (const r of results) if (r.pool) plans[r.id] = r.pool.plan;
  return plans;
}

/** Every option, fastest first. */
export function ranking(s: ExecScenario, plans: PoolPlans, model: CostModel = s.model): ExecResult[] {
  return s.options.map((id) => evaluate(s, plans, id, model)).sort((a, b) => a.time - b.time);
}

// ------------------------------------------------------------------ text

/** The language of the comments in shown code (the oracle runs the English text). */
export type CommentLanguage = 'en' | 'ko';

/**
 * The comments of the shown programs, in both languages (issue 16 §4): the labels (a)–(d)
 * stay as they are, so they match the options.
 */
export const EXECUTOR_COMMENTS = {
  cpu: L('# pure-Python loop: needs `ms` ms of CPU and holds the GIL meanwhile', '# 순수 파이썬 반복문: CPU 시간 `ms` ms가 필요하고 그동안 GIL을 쥐고 있습니다'),
  io: L('# blocking wait: releases the GIL', '# 블로킹 대기: GIL을 놓습니다'),
  serial: L('# (a) the plain loop', '# (a) 그냥 반복문'),
  threads: L('# (b) a thread pool', '# (b) 스레드 풀'),
  'pool-map': L('# (c) a process pool, map', '# (c) 프로세스 풀, map'),
  'pool-imap': L('# (d) a process pool, imap', '# (d) 프로세스 풀, imap'),
} as const satisfies Record<string, Localized>;

/** The named ways to run the items: how an option is labelled and the lines that run it, for `workers` threads or processes. */
const NAMED: Readonly<Record<Exclude<ExecutorId, `pool-c${number}`>, { readonly label: (workers: number) => Localized; readonly lines: (workers: number) => string[] }>> = {
  serial: {
    label: () => L('(a) the plain loop', '(a) 그냥 반복문'),
    lines: () => ['results = [work(x) for x in data]'],
  },
  threads: {
    label: (P) => L(`(b) ThreadPoolExecutor(${P})`, `(b) ThreadPoolExecutor(${P})`),
    lines: (P) => [`with ThreadPoolExecutor(${P}) as ex:`, '    results = list(ex.map(work, data))'],
  },
  'pool-map': {
    label: (P) => L(`(c) Pool(${P}).map`, `(c) Pool(${P}).map`),
    lines: (P) => [`with Pool(${P}) as pool:`, '    results = pool.map(work, data)'],
  },
  'pool-imap': {
    label: (P) => L(`(d) Pool(${P}).imap (chunksize=1)`, `(d) Pool(${P}).imap (chunksize=1)`),
    lines: (P) => [`with Pool(${P}) as pool:`, '    results = list(pool.imap(work, data))'],
  },
};

const isNamed = (id: ExecutorId): id is keyof typeof NAMED => id in NAMED;

export function executorLabel(s: Pick<ExecScenario, 'workers'>, id: ExecutorId): Localized {
  if (isNamed(id)) return NAMED[id].label(s.workers);
  return L(`pool.map(work, data, chunksize=${chunkOf(id)})`, `pool.map(work, data, chunksize=${chunkOf(id)})`);
}

function dataExpr(s: ExecScenario): string {
  return s.argBytes !== undefined ? `[bytes(${pyNumber(s.argBytes)}) for _ in range(${s.items})]` : `list(range(${s.items}))`;
}

function callLines(s: ExecScenario, id: ExecutorId, lang: CommentLanguage): string[] {
  if (isNamed(id)) return [EXECUTOR_COMMENTS[id][lang], ...NAMED[id].lines(s.workers)];
  return [`with Pool(${s.workers}) as pool:`, `    results = pool.map(work, data, chunksize=${chunkOf(id)})`];
}

/**
 * The code learners see, with its comments in `lang`; `runnable` makes cpu_work/io_wait
 * instant (only the pipes are measured).
 */
export function executorCode(s: ExecScenario, runnable = false, after: readonly string[] = [], only?: readonly ExecutorId[], lang: CommentLanguage = 'en'): string {
  const ids = only ?? s.options;
  const threads = ids.includes('threads');
  const ret = s.argBytes !== undefined ? 'len(x)' : 'x';
  const helpers = runnable
    ? [
        'def cpu_work(ms):',
        '    pass  # the oracle measures messages only; the model supplies the durations',
        '',
        '',
        'def io_wait(ms):',
        '    pass',
      ]
    : [
        'def cpu_work(ms):',
        `    ${EXECUTOR_COMMENTS.cpu[lang]}`,
        '    end = time.thread_time() + ms / 1000',
        '    while time.thread_time() < end:',
        '        pass',
        '',
        '',
        'def io_wait(ms):',
        `    time.sleep(ms / 1000)  ${EXECUTOR_COMMENTS.io[lang]}`,
      ];
  const body = [...(s.cpuMs > 0 ? [`cpu_work(${s.cpuMs})`] : []), ...(s.ioMs > 0 ? [`io_wait(${s.ioMs})`] : []), `return ${ret}`];
  return [
    'import time',
    ...(threads ? ['from concurrent.futures import ThreadPoolExecutor'] : []),
    'from multiprocessing import Pool',
    '',
    '',
    ...helpers,
    '',
    '',
    'def work(x):',
    ...body.map((l) => `    ${l}`),
    '',
    '',
    'if __name__ == "__main__":',
    `    data = ${dataExpr(s)}`,
    ...ids.flatMap((id, i) => [...(i > 0 ? [''] : []), ...callLines(s, id, lang).map((l) => `    ${l}`)]),
    ...after.map((l) => `    ${l}`),
    '',
  ].join('\n');
}

/**
 * The shown program as a code block whose comments are in the learner's language (the same
 * program in both texts: tests/oracle/shown-code.test.ts); `edit` changes both texts alike.
 */
export function executorCodeBlock(s: ExecScenario, only?: readonly ExecutorId[], edit: (code: string) => string = (code) => code): PromptBlock {
  const shown = (lang: CommentLanguage) => edit(executorCode(s, false, [], only, lang));
  return { kind: 'code', language: 'python', code: L(shown('en'), shown('ko')) };
}

export function modelTable(s: ExecScenario): PromptBlock {
  const m = s.model;
  const rows: (readonly CellText[])[] = [
    [L('items', '항목 수'), String(s.items)],
    [L('CPU per item (holds the GIL)', '항목당 CPU (GIL 보유)'), `${s.cpuMs} ms`],
    [L('waiting per item (releases the GIL)', '항목당 대기 (GIL 해제)'), `${s.ioMs} ms`],
    [L('cores', '코어'), L(`${s.workers} or more`, `${s.workers}개 이상`)],
    [L('start one worker process (all start together)', '워커 프로세스 하나 시작 (모두 동시에)'), `${m.startMs} ms`],
    ...(s.options.includes('threads') ? [[L('start one thread (one after another)', '스레드 하나 시작 (차례로)'), `${m.threadStartMs} ms`] as const] : []),
    [L('per message, either pipe (pickle, write, read, unpickle)', '메시지당 (어느 파이프든: pickle, write, read, unpickle)'), `${m.messageMs} ms`],
    [L('plus, per message', '메시지당 추가'), L(`1 ms per ${pyNumber(m.bytesPerMs)} bytes on the pipe, rounded up`, `파이프 바이트 ${pyNumber(m.bytesPerMs)}당 1 ms, 올림`)],
  ];
  return { kind: 'table', caption: L('The cost model', '비용 모델'), header: [L('parameter', '항목'), L('value', '값')], rows };
}

export const MODEL_RULES: Localized = L(
  'Model rules: the loop runs the items one after another. Threads: only the thread holding the GIL runs the CPU part; waits overlap; a thread keeps the GIL for a whole CPU part; the GIL goes to waiting threads first come, first served. Process pool: each worker process has its own GIL; the parent sends the task messages one after another from t = 0; a free worker takes the next task once it has been sent; a worker sends its result message (same cost rule) before taking another task; done when the last result is sent. Message sizes are those CPython 3.11 really sends (pickle protocol 4 + 4-byte header).',
  '모델 규칙: 반복문은 항목을 하나씩 차례로 처리합니다. 스레드: GIL을 가진 스레드만 CPU 부분을 실행하고, 대기는 겹칩니다. 스레드는 CPU 부분 하나가 끝날 때까지 GIL을 쥐며, GIL은 먼저 기다린 스레드에게 갑니다. 프로세스 풀: 워커 프로세스마다 GIL이 따로 있고, 부모는 t = 0부터 작업 메시지를 하나씩 차례로 보내며, 비어 있는 워커는 전송이 끝난 다음 작업을 가져갑니다. 워커는 결과 메시지를(같은 비용 규칙으로) 보낸 뒤 다음 작업을 가져가고, 마지막 결과를 보내면 끝납니다. 메시지 크기는 CPython 3.11이 실제로 보내는 크기(pickle 프로토콜 4 + 4바이트 헤더)입니다.',
);

// ------------------------------------------------------------------ views

function cellOf(a: Activity): TimelineCell {
  switch (a.kind) {
    case 'starting':
      return { state: 'not-started', detail: 'start' };
    case 'idle':
      return { state: 'ready', detail: 'wait' };
    case 'cpu':
      return { state: 'running', detail: `#${a.item}` };
    case 'gil-wait':
      return { state: 'blocked', detail: 'GIL' };
    case 'io':
      return { state: 'sleeping', detail: `I/O #${a.item}` };
    case 'send':
      return { state: 'running', detail: a.direction === 'task' ? `send task ${a.message}` : `send result ${a.message}` };
    case 'done':
      return { state: 'finished' };
  }
}

/** A schedule as a timeline: rows = threads or processes, one column per ms. */
export function timelineView(schedule: Schedule): TimelineView {
  return {
    kind: 'timeline',
    ticks: schedule.makespan,
    rows: schedule.rows.map((r) => ({ id: r.id, label: r.id, cells: r.ticks.map(cellOf) })),
    locks: schedule.gil ? [{ id: 'GIL', holders: schedule.gil }] : [],
    events: [{ tick: schedule.makespan, thread: schedule.rows[0]?.id ?? 'main', text: L(`all done at ${schedule.makespan} ms`, `${schedule.makespan} ms에 모두 끝남`) }],
  };
}

/** Per option: time, and for process pools the messages and their cost. */
export function comparisonTable(s: ExecScenario, results: readonly ExecResult[]): TableView {
  const cell = (r: ExecResult): CellText[] => {
    if (!r.pool) return [executorLabel(s, r.id), '—', '—', `${r.time} ms`];
    const { plan } = r.pool;
    const cost = [...plan.tasks, ...plan.results].reduce((k, m) => k + messageCost(s.model, m.wire), 0);
    return [executorLabel(s, r.id), `${plan.tasks.length} + ${plan.results.length} (chunksize ${plan.chunksize})`, `${cost} ms`, `${r.time} ms`];
  };
  return {
    kind: 'table',
    caption: L('Finishing time of each option under the model', '모델에 따른 각 방법의 완료 시각'),
    header: [L('option', '방법'), L('messages (tasks + results)', '메시지 (작업 + 결과)'), L('message cost in total', '메시지 비용 합'), L('finishes at', '완료 시각')],
    rows: results.map(cell),
  };
}

// ------------------------------------------------------------------ program

/** The stated model in Python: the same three schedules, fed with measured message sizes. */
export const PY_MODEL = String.raw`
def _msg_cost(model, wire):
    return model["message"] + -(-wire // model["bytes_per_ms"])


def _serial(w):
    return w["items"] * (w["cpu"] + w["io"])


def _threads(model, w, n):
    # tick by tick: GIL to the earliest waiter, kept for a whole CPU part; waits overlap
    phase = ["starting"] * n
    left = [0] * n
    queue, holder, nxt, finished, t = [], None, 0, 0, 0
    while finished < w["items"]:
        for i in range(n):
            if phase[i] == "starting" and t >= (i + 1) * model["thread_start"]:
                phase[i] = "idle"
        for i in range(n):
            if phase[i] == "idle":
                if nxt >= w["items"]:
                    phase[i] = "done"
                else:
                    nxt += 1
                    if w["cpu"] > 0:
                        phase[i], left[i] = "cpu", w["cpu"]
                        queue.append(i)
                    else:
                        phase[i], left[i] = "io", w["io"]
        if holder is None and queue:
            holder = queue.pop(0)
        ending = []
        for i in range(n):
            if (phase[i] == "cpu" and holder == i) or phase[i] == "io":
                left[i] -= 1
                if left[i] == 0:
                    ending.append(i)
        for i in ending:
            if phase[i] == "cpu":
                holder = None
                if w["io"] > 0:
                    phase[i], left[i] = "io", w["io"]
                    continue
            phase[i] = "idle"
            finished += 1
        t += 1
    return t


def _processes(model, w, n, tasks, results):
    # tasks: [(wire, count)] in send order; results: {task index: wire}
    sent, clock = [], 0
    for wire, _ in tasks:
        clock += _msg_cost(model, wire)
        sent.append(clock)
    free = [model["start"]] * n
    end = 0
    for j, (wire, count) in enumerate(tasks):
        k = min(range(n), key=lambda i: (free[i], i))
        start = max(free[k], sent[j])
        done = start + count * (w["cpu"] + w["io"]) + _msg_cost(model, results[j])
        free[k] = done
        end = max(end, done)
    return end


def _measure(job):
    # this job's messages, as counted on the real pipes: task sizes in order, results by index
    tasks = [(size + 4, count) for (j, size, count) in _STATS["task_ix"] if j == job]
    results = {i: size + 4 for (j, i, size) in _STATS["result_ix"] if j == job}
    return tasks, results
`;

/** Extra instrumentation: decode each counted message to know its job, index and item count. */
const PY_DECODE = String.raw`
import pickle as _pickle
_STATS["task_ix"] = []
_STATS["result_ix"] = []
_o_sb2 = _C._send_bytes
_o_rb2 = _C._recv_bytes


def _send_bytes_ix(self, buf):
    if self is _WATCH.get("task"):
        job, i, func, args, kwds = _pickle.loads(buf)
        count = len(args[0][1]) if func is _mpool.mapstar else 1
        _STATS["task_ix"].append((job, len(buf), count))
    return _o_sb2(self, buf)


def _recv_bytes_ix(self, maxsize=None):
    buf = _o_rb2(self, maxsize)
    if self is _WATCH.get("result"):
        job, i, _ = _pickle.loads(buf.getbuffer())
        _STATS["result_ix"].append((job, i, len(buf.getbuffer())))
    return buf


_C._send_bytes, _C._recv_bytes = _send_bytes_ix, _recv_bytes_ix
`;

/** The messages the simulator expects per process-pool option (the oracle compares them). */
export function executorFacts(s: ExecScenario): Record<string, { tasks: [number, number][]; results: [number, number][] }> {
  const out: Record<string, { tasks: [number, number][]; results: [number, number][] }> = {};
  for (const id of s.options) {
    const run = poolRunOf(s, id);
    if (!run) continue;
    out[id] = { tasks: run.tasks.map((m) => [m.wire, m.count]), results: run.results.map((m) => [m.index, m.wire]) };
  }
  return out;
}

/**
 * A runnable program: runs every process-pool option on a real Pool (job 0, 1, … in option
 * order), then evaluates the stated model on the measured messages; `answer` is Python code
 * computing the ANSWER from `times` (option id → ms) and `measured` (id → (tasks, results)).
 */
export function executorProgram(s: ExecScenario, answer: readonly string[]): string {
  const poolIds = s.options.filter((id) => id !== 'serial' && id !== 'threads');
  const m = s.model;
  const after = [
    `model = {"start": ${m.startMs}, "thread_start": ${m.threadStartMs}, "message": ${m.messageMs}, "bytes_per_ms": ${m.bytesPerMs}}`,
    `w = {"items": ${s.items}, "cpu": ${s.cpuMs}, "io": ${s.ioMs}}`,
    'measured, times = {}, {}',
    ...poolIds.map((id, job) => `measured[${JSON.stringify(id)}] = _measure(${job})`),
    ...s.options.map((id) =>
      id === 'serial'
        ? 'times["serial"] = _serial(w)'
        : id === 'threads'
          ? `times["threads"] = _threads(model, w, ${s.workers})`
          : `times[${JSON.stringify(id)}] = _processes(model, w, ${s.workers}, *measured[${JSON.stringify(id)}])`,
    ),
    'print("FACTS " + _json.dumps({k: {"tasks": [list(t) for t in v[0]], "results": sorted([i, b] for i, b in v[1].items())} for k, v in measured.items()}))',
    ...answer,
  ];
  return `${POOL_PRELUDE}${PY_DECODE}${PY_MODEL}\n${executorCode(s, true, after, poolIds)}`;
}
