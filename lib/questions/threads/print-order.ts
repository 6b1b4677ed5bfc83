/** "Which lines print, in which order, before the program exits?" (daemon vs non-daemon, join timeouts) */
import type { Rng } from '@/lib/sim/rng';
import { compileProgram, runEnd, type Op, type ProgramSpec, type RunResult } from '@/lib/sim/threads';
import { inHamnidaGenerator, josa, L, option, PARTICLE, search, text } from '../kit';
import { threadMisconceptions as M } from '../misconceptions';
import { defineGenerator, type Generator, type Localized, type Misconception, type Option, type Tier } from '../types';
import { NO_TIES, TICK_MODEL, cleanRun, codeBlock, tieFreeUnderAllOrders, analyzed, runAnalysis, type RunAnalysis } from './common';
import { explanation } from './explain';
import { exportProgram } from './python-program';

export interface PrintOrderScenario {
  readonly spec: ProgramSpec;
  /** Tier 1 asks which lines print (multi-select); tiers 2–3 ask for the whole output (choice). */
  readonly ask: 'which' | 'sequence';
}

const SEP = ' | ';

function printed(run: RunResult): string[] {
  return run.final.output.map((o) => o.text);
}

function allLines(spec: ProgramSpec): string[] {
  const out: string[] = [];
  const walk = (ops: readonly Op[]) => {
    for (const op of ops) {
      if (op.kind === 'print') out.push(op.text);
      else if (op.kind === 'with' || op.kind === 'if-acquire') walk(op.body);
      else if (op.kind === 'try-finally') {
        walk(op.body);
        walk(op.final);
      }
    }
  };
  for (const t of spec.threads) walk(t.body);
  walk(spec.main);
  return out;
}

function answerOf(s: PrintOrderScenario, run: RunResult): string | string[] {
  const lines = printed(run);
  return s.ask === 'which' ? [...new Set(lines)].sort() : lines.join(SEP);
}

const sleepOp = (n: number): Op[] => (n > 0 ? [{ kind: 'sleep', ticks: n }] : []);

function worker(id: string, begin: number, end: number, withFinally: boolean): Op[] {
  const body: Op[] = [
    { kind: 'sleep', ticks: begin },
    { kind: 'print', text: `${id}: begin` },
    { kind: 'sleep', ticks: end - begin },
    { kind: 'print', text: `${id}: end` },
  ];
  return withFinally ? [{ kind: 'try-finally', body, final: [{ kind: 'print', text: `${id}: finally` }] }] : body;
}

/**
 * Print times are drawn as distinct ticks so threads rarely print in the same tick; the
 * thread owning the latest tick is a daemon (so one is cut short at exit).
 */
function buildSpec(rng: Rng, tier: Tier): PrintOrderScenario {
  const n = tier === 1 ? 2 : 3;
  const ids = Array.from({ length: n }, (_, i) => `T${i + 1}`);
  const ticks = rng.sample(Array.from({ length: 2 * n + 3 }, (_, i) => i + 1), 2 * n);
  const pairs = ids.map((_, i) => [ticks[2 * i] ?? 1, ticks[2 * i + 1] ?? 2].sort((a, b) => a - b) as [number, number]);
  const latest = pairs.reduce((best, p, i) => (p[1] > (pairs[best]?.[1] ?? 0) ? i : best), 0);
  const threads = ids.map((id, i) => {
    const [begin, end] = pairs[i] as [number, number];
    return {
      id,
      daemon: i === latest || (tier > 1 && rng.bool(0.3)),
      body: worker(id, begin, end, tier === 3 && rng.bool(0.6)),
    };
  });
  if (threads.every((t) => t.daemon)) {
    const other = (latest + 1) % n;
    threads[other] = { ...(threads[other] as (typeof threads)[number]), daemon: false };
  }
  const main: Op[] = ids.map((thread) => ({ kind: 'start', thread }));
  if (tier === 1) {
    main.push(...sleepOp(rng.int(1, 3)), { kind: 'print', text: 'main: end' });
  } else {
    const joined = rng.pick(ids);
    main.push(
      ...sleepOp(rng.int(0, 2)),
      { kind: 'join', thread: joined, timeout: rng.int(1, 4) },
      { kind: 'is-alive', thread: joined, print: `main: ${joined} alive?` },
      { kind: 'print', text: 'main: end' },
    );
  }
  return { spec: { locks: [], events: [], threads, main }, ask: tier === 1 ? 'which' : 'sequence' };
}

interface Alternative {
  readonly lines: readonly string[];
  readonly misconception?: Misconception;
}

/** Outputs a learner holding a misconception would predict. */
function alternatives(s: PrintOrderScenario, run: RunResult): Alternative[] {
  const alts: Alternative[] = [];
  const actual = printed(run);
  // Daemon threads "just not joined": they would run to the end (and their finally blocks).
  const allJoined: ProgramSpec = {
    locks: s.spec.locks,
    events: s.spec.events,
    main: s.spec.main,
    threads: s.spec.threads.map((t) => ({ id: t.id, daemon: false, body: t.body })),
  };
  alts.push({ lines: runEnd(compileProgram(allJoined)).output.map((o) => o.text), misconception: M.daemonNotJoined });
  // Daemon threads killed but their finally blocks still run.
  const killed = run.final.threads.filter((t) => t.status === 'killed').map((t) => t.id);
  const finals = killed.map((id) => `${id}: finally`).filter((l) => allLines(s.spec).includes(l) && !actual.includes(l));
  if (finals.length > 0) alts.push({ lines: [...actual, ...finals], misconception: M.daemonNotJoined });
  // Every thread stops when main's code ends.
  const mainEnd = run.final.output.find((o) => o.text === 'main: end')?.tick ?? 0;
  alts.push({ lines: run.final.output.filter((o) => o.tick <= mainEnd).map((o) => o.text), misconception: M.exitKillsAll });
  // join(timeout) "stops" the thread or returns whether it ended.
  const join = run.final.calls.find((c) => c.kind === 'join' && c.thread === 'main');
  if (join) {
    const stopped = run.final.output.filter((o) => o.thread !== join.target || o.tick <= join.returnedAt).map((o) => o.text.replace(/alive\? True$/, 'alive? False'));
    alts.push({ lines: stopped, misconception: M.joinTimeoutStops });
  }
  return alts;
}

/** The whole-output choices (ids are the lines joined by SEP), each with the misconception it stands for. */
function sequenceChoices(s: PrintOrderScenario, run: RunResult): Map<string, Misconception | undefined> {
  const answer = printed(run).join(SEP);
  const byId = new Map<string, Misconception | undefined>([[answer, undefined]]);
  for (const a of alternatives(s, run)) {
    const id = a.lines.join(SEP);
    if (!byId.has(id)) byId.set(id, a.misconception);
  }
  // A plausible reordering: swap the first two lines that print at different ticks.
  const out = run.final.output;
  for (let i = 0; i + 1 < out.length && byId.size < 4; i++) {
    if ((out[i]?.tick ?? 0) !== (out[i + 1]?.tick ?? 0) && out[i]?.thread !== out[i + 1]?.thread) {
      const lines = out.map((o) => o.text);
      [lines[i], lines[i + 1]] = [lines[i + 1] as string, lines[i] as string];
      const id = lines.join(SEP);
      if (!byId.has(id)) byId.set(id, undefined);
    }
  }
  return byId;
}

function sequenceOptions(s: PrintOrderScenario, run: RunResult): Option[] {
  const byId = sequenceChoices(s, run);
  const ids = [...byId.keys()];
  return ids.sort().map((id) => option(id, L(id.split(SEP).join('\n'), id.split(SEP).join('\n')), byId.get(id), true));
}

/** The options of the question: lines to select (tier 1), or whole outputs to choose from. */
function optionsOf(s: PrintOrderScenario, run: RunResult): Option[] {
  return s.ask === 'which' ? whichOptions(s, run) : sequenceOptions(s, run);
}

function whichOptions(s: PrintOrderScenario, run: RunResult): Option[] {
  const actual = new Set(printed(run));
  const daemonIds = new Set(s.spec.threads.filter((t) => t.daemon).map((t) => t.id));
  return allLines(s.spec)
    .sort()
    .map((line) => {
      const owner = line.split(':')[0] ?? '';
      const tag = !actual.has(line) && daemonIds.has(owner) ? M.daemonNotJoined : undefined;
      return option(line, L(line, line), tag, true);
    });
}

function fallback(tier: Tier): PrintOrderScenario {
  const spec: ProgramSpec = {
    locks: [],
    events: [],
    threads: [
      { id: 'T1', daemon: false, body: [{ kind: 'sleep', ticks: 2 }, { kind: 'print', text: 'T1: end' }] },
      { id: 'T2', daemon: true, body: [{ kind: 'sleep', ticks: 1 }, { kind: 'print', text: 'T2: begin' }, { kind: 'sleep', ticks: 3 }, { kind: 'print', text: 'T2: end' }] },
    ],
    main: [{ kind: 'start', thread: 'T1' }, { kind: 'start', thread: 'T2' }, { kind: 'print', text: 'main: end' }],
  };
  return { spec, ask: tier === 1 ? 'which' : 'sequence' };
}

const analyze = (s: PrintOrderScenario): RunAnalysis => runAnalysis(s, optionsOf);

const v1: Generator<PrintOrderScenario, RunAnalysis> = {
  id: 'print-order',
  version: 1,
  domain: 'threads',
  topic: 'daemon',
  title: L('What is printed before exit?', '종료 전까지 무엇이 출력되나?'),
  tiers: [1, 2, 3],
  generate(rng, tier) {
    return search(
      rng,
      (r) => {
        const s = buildSpec(r, tier);
        const run = cleanRun(s.spec);
        if (!run || run.final.now > 14) return null;
        // A daemon thread must be cut short, or the question teaches nothing about daemons.
        if (!run.final.threads.some((t) => t.status === 'killed')) return null;
        // Enough options, one standing for a misconception.
        const options = optionsOf(s, run);
        if (options.length < 3 || !options.some((o) => o.misconception)) return null;
        return { scenario: s, analysis: { run, options } };
      },
      () => analyzed(fallback(tier), analyze),
    );
  },
  analyze,
  question(s, { run, options }) {
    const answer = answerOf(s, run);
    const killed = run.final.threads.filter((t) => t.status === 'killed').map((t) => t.id);
    const exitAt = run.final.now;
    const nonDaemon = s.spec.threads.filter((t) => !t.daemon).map((t) => t.id);
    const summary: Localized[] = [
      L(
        `Main's code ends, then the interpreter joins the non-daemon threads (${nonDaemon.join(', ') || 'none'}); the last one finishes at t = ${exitAt}, and the program exits then.`,
        `메인 코드가 끝나면 인터프리터는 non-daemon 스레드(${nonDaemon.join(', ') || '없음'})를 join합니다. 마지막 스레드가 t = ${exitAt}에 끝나고 그때 프로그램이 종료됩니다.`,
      ),
      L(
        `At exit the daemon thread${killed.length > 1 ? 's' : ''} ${killed.join(', ')} ${killed.length > 1 ? 'are' : 'is'} stopped where ${killed.length > 1 ? 'they are' : 'it is'}: later print() calls never run, and neither do finally blocks.`,
        `종료 시점에 daemon 스레드 ${josa(killed.join(', '), PARTICLE.eun, 'letters')} 그 자리에서 멈춥니다: 이후 print()도, finally 블록도 실행되지 않습니다.`,
      ),
    ];
    const join = run.final.calls.find((c) => c.kind === 'join' && c.thread === 'main');
    if (join && join.returnedAt > join.calledAt) {
      summary.push(
        L(
          `main's ${join.target.toLowerCase()}.join(timeout=…) returns None at t = ${join.returnedAt}; it only stops waiting, it does not stop ${join.target}. is_alive() tells whether ${join.target} has finished.`,
          `메인의 ${join.target.toLowerCase()}.join(timeout=…)은 t = ${join.returnedAt}에 None을 반환합니다. 기다리기를 그만둘 뿐 ${josa(join.target, PARTICLE.eul, 'letters')} 멈추지 않습니다. 끝났는지는 is_alive()로 압니다.`,
        ),
      );
    }
    const prompt =
      s.ask === 'which'
        ? text('Which lines does this program print before it exits? Select all.', '이 프로그램이 종료되기 전까지 출력하는 줄을 모두 고르세요.')
        : text('What does this program print, in order, before it exits?', '이 프로그램이 종료되기 전까지 출력하는 내용을 순서대로 고르세요.');
    return {
      prompt: [prompt, codeBlock(s.spec)],
      response: { kind: s.ask === 'which' ? 'multi' : 'choice', options },
      answer,
      explanation: explanation(
        run,
        summary,
        L(
          'CPython: when the main thread finishes, threading._shutdown() joins every non-daemon thread; then the interpreter finalizes and daemon threads are stopped abruptly (no further statements, no finally, no with-exit). join(timeout) returns None whether or not the thread ended.',
          'CPython: 메인 스레드가 끝나면 threading._shutdown()이 모든 non-daemon 스레드를 join하고, 그 뒤 인터프리터가 정리되며 daemon 스레드는 갑자기 멈춥니다(이후 문장, finally, with 종료 모두 실행 안 됨). join(timeout)은 스레드가 끝났든 아니든 None을 반환합니다.',
        ),
      ),
      assumptions: [TICK_MODEL, NO_TIES],
    };
  },
  program(s) {
    return exportProgram(
      s.spec,
      s.ask === 'which' ? ['return sorted(set(o["text"] for o in _out))'] : [`return ${JSON.stringify(SEP)}.join(o["text"] for o in _out)`],
    );
  },
  tieFree(s) {
    return tieFreeUnderAllOrders(s.spec, (run) => answerOf(s, run));
  },
};

/** Version 1, kept for stored refs: asked in 해요체 and titled in 해라체. */
export const printOrderV1 = defineGenerator(v1);
/** Version 2: the same questions with the Korean title and text in 합니다체 (issue 16 §4). */
export const printOrder = defineGenerator(inHamnidaGenerator({ ...v1, version: 2 }));
