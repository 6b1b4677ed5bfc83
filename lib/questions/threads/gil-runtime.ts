/** "About how many seconds does the program print?" CPU-bound vs sleeping threads under the GIL. */
import type { Rng } from '@/lib/sim/rng';
import { compileProgram, permutations, runEnd, simulate, type CompiledProgram, type Op, type ProgramSpec, type RunResult, type ThreadSpec } from '@/lib/sim/threads';
import { inHamnidaGenerator, josa, L, option, PARTICLE, search, text } from '../kit';
import { threadMisconceptions as M } from '../misconceptions';
import { defineGenerator, type Generator, type Localized, type Misconception, type Option, type PromptBlock, type Tier } from '../types';
import { NO_TIES, cleanRun, codeBlock, localizedCodeBlock, tieFreeUnderAllOrders, analyzed, runAnalysis, type RunAnalysis } from './common';
import { explanation } from './explain';
import { EXPORT_TICK, exportProgram, type RenderOptions } from './python-program';

export interface GilRuntimeScenario {
  readonly spec: ProgramSpec;
}

const RENDER: RenderOptions = {
  cpu: true,
  clock: true,
  mainBefore: ['start = perf_counter()'],
  mainAfter: ['print("elapsed:", round(perf_counter() - start))'],
};

/** Main's joins return when every thread is done: that is the elapsed time printed. */
function elapsed(run: RunResult): number {
  return run.final.now;
}

function answerOf(run: RunResult): string {
  return `${elapsed(run)}s`;
}

function work(ops: readonly Op[]): { cpu: number; sleep: number } {
  let cpu = 0;
  let sleep = 0;
  for (const op of ops) {
    if (op.kind === 'cpu') cpu += op.ticks;
    if (op.kind === 'sleep') sleep += op.ticks;
  }
  return { cpu, sleep };
}

function buildSpec(rng: Rng, tier: Tier): GilRuntimeScenario {
  const threads: ThreadSpec[] = [];
  const mainWork: Op[] = [];
  if (tier === 1) {
    const n = rng.int(2, 4);
    const d = rng.int(1, 3);
    const kind = rng.pick(['cpu', 'sleep'] as const);
    for (let i = 1; i <= n; i++) threads.push({ id: `T${i}`, daemon: false, body: [{ kind, ticks: d }] });
  } else if (tier === 2) {
    const cpuThreads = rng.int(1, 3);
    const sleepThreads = rng.int(1, 2);
    const d = rng.int(1, 3);
    for (let i = 0; i < cpuThreads; i++) threads.push({ id: `T${threads.length + 1}`, daemon: false, body: [{ kind: 'cpu', ticks: d }] });
    for (let i = 0; i < sleepThreads; i++) threads.push({ id: `T${threads.length + 1}`, daemon: false, body: [{ kind: 'sleep', ticks: rng.int(1, 6) }] });
  } else {
    const n = rng.int(2, 3);
    for (let i = 1; i <= n; i++) {
      const body: Op[] = rng.bool(0.5)
        ? [{ kind: 'cpu', ticks: rng.int(1, 2) }, { kind: 'sleep', ticks: rng.int(1, 3) }, { kind: 'cpu', ticks: rng.int(1, 2) }]
        : [{ kind: 'sleep', ticks: rng.int(1, 3) }, { kind: 'cpu', ticks: rng.int(1, 3) }];
      threads.push({ id: `T${i}`, daemon: false, body });
    }
    if (rng.bool(0.5)) mainWork.push({ kind: 'cpu', ticks: rng.int(1, 2) });
  }
  return {
    spec: {
      locks: [],
      events: [],
      threads,
      main: [...threads.map((t) => ({ kind: 'start' as const, thread: t.id })), ...mainWork, ...threads.map((t) => ({ kind: 'join' as const, thread: t.id }))],
    },
  };
}

/**
 * What the belief "CPU-bound threads run in parallel" (no GIL: every thread on its own core)
 * predicts the program prints: the slowest thread's own work decides.
 */
export function parallelModel(spec: ProgramSpec): number {
  return Math.max(...[...spec.threads.map((t) => work(t.body)), work(spec.main)].map((w) => w.cpu + w.sleep));
}

/** What the belief "a sleeping thread keeps the GIL" predicts: all work, one after another. */
export function serialModel(spec: ProgramSpec): number {
  return [...spec.threads.map((t) => work(t.body)), work(spec.main)].reduce((n, w) => n + w.cpu + w.sleep, 0);
}

function options(s: GilRuntimeScenario, run: RunResult): Option[] {
  const answer = elapsed(run);
  const perThread = [...s.spec.threads.map((t) => work(t.body)), work(s.spec.main)];
  const parallel = parallelModel(s.spec);
  const serial = serialModel(s.spec);
  const cpuOnly = perThread.reduce((n, w) => n + w.cpu, 0);
  const cands = new Map<number, Misconception | undefined>([[answer, undefined]]);
  const add = (n: number, m?: Misconception) => {
    if (n > 0 && !cands.has(n)) cands.set(n, m);
  };
  add(parallel, M.gilParallel);
  add(serial, M.sleepHoldsGil);
  add(cpuOnly);
  add(answer + 1);
  if (answer > 1) add(answer - 1);
  return [...cands.keys()]
    .sort((a, b) => a - b)
    .slice(0, 6)
    .map((n) => option(`${n}s`, L(`about ${n} s`, `약 ${n}초`), cands.get(n)));
}

/** The elapsed time is the same when the GIL favours any one order of threads. */
function sameUnderUnfairGil(program: CompiledProgram, expected: number): boolean {
  // Only the order among threads that do CPU work matters for who gets the GIL.
  // Each order is simulated to the end; only where the run ends is compared.
  const cpu = program.threads.filter((t) => t.code.some((i) => i.kind === 'cpu')).map((t) => t.index);
  const rest = program.threads.map((t) => t.index).filter((i) => !cpu.includes(i));
  return permutations(cpu.length).every((perm) => {
    const priority = [...perm.map((k) => cpu[k] as number), ...rest];
    const end = runEnd(program, { priority, gil: 'priority' });
    return end.status === 'exited' && end.now === expected;
  });
}

/**
 * Version 2 waits in blocking I/O as well as sleep(): each sleep becomes, at random, a
 * blocking pipe read or a select() timeout, which CPython also runs without the GIL.
 */
function withBlockingIo(rng: Rng, s: GilRuntimeScenario): GilRuntimeScenario {
  const vias = [undefined, 'pipe-read', 'select'] as const;
  const io = (op: Op): Op => {
    if (op.kind !== 'sleep') return op;
    const via = rng.pick(vias);
    return via ? { ...op, via } : op;
  };
  return { spec: { ...s.spec, threads: s.spec.threads.map((t) => ({ ...t, body: t.body.map(io) })) } };
}

const usesIo = (spec: ProgramSpec): boolean => [...spec.threads.flatMap((t) => t.body), ...spec.main].some((op) => op.kind === 'sleep' && op.via !== undefined);

/** How the scenario is rendered: the blocking I/O helpers are shown only where used. */
function renderOf(s: GilRuntimeScenario): RenderOptions {
  return usesIo(s.spec) ? { ...RENDER, io: true } : RENDER;
}

function fallback(): GilRuntimeScenario {
  const threads: ThreadSpec[] = [
    { id: 'T1', daemon: false, body: [{ kind: 'cpu', ticks: 2 }] },
    { id: 'T2', daemon: false, body: [{ kind: 'cpu', ticks: 2 }] },
  ];
  return { spec: { locks: [], events: [], threads, main: [{ kind: 'start', thread: 'T1' }, { kind: 'start', thread: 'T2' }, { kind: 'join', thread: 'T1' }, { kind: 'join', thread: 'T2' }] } };
}

const GIL_MODEL: Localized = L(
  'Tick model for the GIL: cpu_work(n) needs n seconds of CPU time running Python bytecode; CPython lets one thread hold the GIL at a time and switches every 5 ms, so k CPU-bound threads each progress at 1/k speed; sleep() and blocking calls release the GIL; the machine has a free core for the process; everything else takes no time. The exported program runs it with 1 s scaled to 0.1 s.',
  'GIL 틱 모델: cpu_work(n)은 파이썬 바이트코드 실행에 n초의 CPU 시간이 필요합니다. CPython은 한 번에 한 스레드만 GIL을 갖게 하고 5ms마다 바꾸므로 CPU 위주 스레드 k개는 각각 1/k 속도로 진행합니다. sleep()과 블로킹 호출은 GIL을 놓습니다. 프로세스가 쓸 코어는 비어 있다고 가정하고 나머지 문장은 시간이 걸리지 않습니다. 내보낸 프로그램은 1초 = 0.1초로 줄여 실행합니다.',
);

const analyze = (s: GilRuntimeScenario): RunAnalysis => runAnalysis(s, options);

/** Version 1: scenarios whose answer the "threads run in parallel" belief may also give; answers read logical ticks. */
/**
 * The scenario search. Version 2 also requires that believing CPU-bound threads run in
 * parallel gives a wrong answer, offered as a tagged option (version 1 accepted any tag).
 */
function searchFor(version: 1 | 2): Generator<GilRuntimeScenario, RunAnalysis>['generate'] {
  const testsGil = (s: GilRuntimeScenario, run: RunResult, opts: readonly Option[]) =>
    version === 1 ? opts.some((o) => o.misconception) : parallelModel(s.spec) !== elapsed(run) && opts.some((o) => o.misconception?.id === M.gilParallel.id);
  return (rng, tier) =>
    search(
      rng,
      (r) => {
        const s = version === 1 ? buildSpec(r, tier) : withBlockingIo(r, buildSpec(r, tier));
        const run = cleanRun(s.spec);
        if (!run || elapsed(run) > 12) return null;
        const opts = options(s, run);
        if (opts.length < 3 || !testsGil(s, run, opts)) return null;
        // Real GIL switching is only fair on average: keep the scenario only if the total
        // is the same however unfairly the GIL is handed out. (Checked last: it simulates
        // the program once per order of the CPU-bound threads.)
        if (!sameUnderUnfairGil(run.final.program, elapsed(run))) return null;
        return { scenario: s, analysis: { run, options: opts } };
      },
      () => analyzed(fallback(), analyze),
    );
}

/** The question, its program shown by `shownCode` (versions differ in the language of its comments). */
function asked(shownCode: (s: GilRuntimeScenario) => PromptBlock): Generator<GilRuntimeScenario, RunAnalysis>['question'] {
  return (s, { run, options }) => {
    const total = elapsed(run);
    const cpuThreads = s.spec.threads.filter((t) => t.body.some((o) => o.kind === 'cpu')).map((t) => t.id);
    const cpuSum = [...s.spec.threads.map((t) => work(t.body).cpu), work(s.spec.main).cpu].reduce((a, b) => a + b, 0);
    const shared = run.final.snapshots.filter((sn) => sn.threads.filter((t) => t.status === 'cpu').length > 1).length;
    const summary: Localized[] = [
      L(
        `The last thread finishes at t = ${total}, so the program prints about ${total}.`,
        `마지막 스레드가 t = ${total}에 끝나므로 약 ${josa(total, PARTICLE.eul, 'letters')} 출력합니다.`,
      ),
    ];
    if (cpuSum > 0) {
      summary.push(
        L(
          `The CPU-bound work (${cpuThreads.join(', ') || 'main'}${work(s.spec.main).cpu > 0 && cpuThreads.length > 0 ? ', main' : ''}) needs ${cpuSum} s of CPU in total, and only the thread holding the GIL runs Python code: ${shared > 0 ? `for ${shared} s several CPU-bound threads share the GIL and each runs at a fraction of full speed` : 'they never overlap'}. Threads do not speed up CPU-bound Python code in CPython.`,
          `CPU 위주 작업(${cpuThreads.join(', ') || 'main'}${work(s.spec.main).cpu > 0 && cpuThreads.length > 0 ? ', main' : ''})은 모두 ${cpuSum}초의 CPU가 필요하고, GIL을 가진 스레드만 파이썬 코드를 실행합니다: ${shared > 0 ? `${shared}초 동안 여러 CPU 위주 스레드가 GIL을 나눠 쓰며 각각 느리게 진행합니다` : '서로 겹치지 않습니다'}. CPython에서 스레드는 CPU 위주 파이썬 코드를 빠르게 하지 않습니다.`,
        ),
      );
    }
    if (s.spec.threads.some((t) => t.body.some((o) => o.kind === 'sleep'))) {
      summary.push(
        L(
          'Sleeping threads release the GIL, so their sleeps overlap with each other and with CPU-bound work.',
          'sleep하는 스레드는 GIL을 놓으므로 sleep끼리, 그리고 CPU 작업과 겹쳐서 진행됩니다.',
        ),
      );
    }
    if (usesIo(s.spec)) {
      summary.push(
        L(
          'read_pipe() waits in os.read() and wait_readable() in select(): CPython releases the GIL around every blocking system call, not only in sleep(), so these waits overlap with CPU-bound work just as sleeps do.',
          'read_pipe()는 os.read()에서, wait_readable()은 select()에서 기다립니다. CPython은 sleep()뿐 아니라 블로킹 시스템 호출마다 GIL을 놓으므로, 이 대기도 sleep처럼 CPU 작업과 겹쳐 진행됩니다.',
        ),
      );
    }
    return {
      prompt: [
        text('About how many seconds does this program print as elapsed?', '이 프로그램은 경과 시간으로 약 몇 초를 출력하나요?'),
        shownCode(s),
      ],
      response: { kind: 'choice', options },
      answer: answerOf(run),
      explanation: explanation(
        run,
        summary,
        L(
          'CPython: the GIL lets one thread at a time execute Python bytecode; a CPU-bound thread hands it over every switch interval (5 ms), so CPU-bound threads take turns and their times add up. time.sleep() and blocking calls release the GIL, so waiting threads overlap. The GIL is not a threading.Lock.',
          'CPython: GIL은 한 번에 한 스레드만 파이썬 바이트코드를 실행하게 합니다. CPU 위주 스레드는 스위치 간격(5ms)마다 GIL을 넘기므로 번갈아 실행되어 시간이 더해집니다. time.sleep()과 블로킹 호출은 GIL을 놓으므로 기다리는 스레드는 겹칩니다. GIL은 threading.Lock이 아닙니다.',
        ),
      ),
      assumptions: [GIL_MODEL, NO_TIES],
    };
  };
}

const v1: Generator<GilRuntimeScenario, RunAnalysis> = {
  id: 'gil-runtime',
  version: 1,
  domain: 'threads',
  topic: 'lock',
  title: L('How long does it take under the GIL?', 'GIL 아래에서 얼마나 걸리나?'),
  tiers: [1, 2, 3],
  generate: searchFor(1),
  analyze,
  question: asked((s) => codeBlock(s.spec, renderOf(s))),
  program(s) {
    return exportProgram(
      s.spec,
      ['line = [o["text"] for o in _out if o["text"].startswith("elapsed:")][-1]', 'return line.split()[-1] + "s"'],
      RENDER,
    );
  },
  tieFree(s) {
    return tieFreeUnderAllOrders(s.spec, (run) => answerOf(run)) && sameUnderUnfairGil(compileProgram(s.spec), elapsed(simulate(s.spec)));
  },
};

export const gilRuntimeV1 = defineGenerator(v1);

/**
 * Version 2: only scenarios where believing CPU-bound threads run in parallel gives a wrong
 * answer (so the question really tests the GIL); threads also wait in blocking I/O (a pipe
 * read, select()), which releases the GIL like sleep(); the exported program checks the
 * measured time of the printed line (edition 2); the Korean title and text in 합니다체 (issue 16 §4).
 */
/** The answer of a measured program: the printed elapsed time, whose measured moment must lie near a whole tick. */
const ELAPSED_ANSWER = ['o = [o for o in _out if o["text"].startswith("elapsed:")][-1]', '_at(o)', 'return o["text"].split()[-1] + "s"'];

const v2: Generator<GilRuntimeScenario, RunAnalysis> = {
  ...v1,
  version: 2,
  generate: searchFor(2),
  program(s) {
    return exportProgram(
      s.spec,
      ELAPSED_ANSWER,
      renderOf(s),
      EXPORT_TICK,
      2,
    );
  },
};
export const gilRuntimeV2 = defineGenerator<GilRuntimeScenario, RunAnalysis>(inHamnidaGenerator(v2));

/**
 * Version 3: version 2 with the prose comments of the shown program (cpu_work, read_pipe,
 * wait_readable) in the learner's language (issue 16 §4); the same program otherwise.
 */
const v3: Generator<GilRuntimeScenario, RunAnalysis> = inHamnidaGenerator({ ...v2, version: 3, question: asked((s) => localizedCodeBlock(s.spec, renderOf(s))) });
export const gilRuntimeV3 = defineGenerator<GilRuntimeScenario, RunAnalysis>(v3);

/**
 * Version 4: version 3's questions; its exported program is edition 3 (python-program.ts), whose
 * clock no longer runs slow while a cpu_work call is still running, and which flags a wait that
 * returned late (a run on a busy machine printed a whole tick too many and passed as clean).
 */
export const gilRuntime = defineGenerator<GilRuntimeScenario, RunAnalysis>({
  ...v3,
  version: 4,
  program(s) {
    return exportProgram(s.spec, ELAPSED_ANSWER, renderOf(s), EXPORT_TICK, 3);
  },
});
