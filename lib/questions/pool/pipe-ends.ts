/**
 * "Which numbered calls return normally?" on a generated program over `Pipe()` (duplex, a
 * socketpair) and `Pipe(duplex=False)` (an os.pipe(): first end receives, second sends):
 * sending on the receiving end raises OSError, so does receiving on the sending end; after
 * `close()`, recv() raises EOFError once the buffer is empty and send() BrokenPipeError.
 */
import type { Rng } from '@/lib/sim/rng';
import { pipeCallCode, pipeFds, runPipes, type PipeBelief, type PipeCall, type PipeOutcome, type PipeSpec } from '@/lib/sim/pool';
import { L, option, search, text } from '../kit';
import { defineGenerator, type CellText, type Localized, type Misconception, type TableView, type Tier } from '../types';
import { PLATFORM, python } from './common';
import { poolMisconceptions as M } from './misconceptions';

/** A numbered call (asked about) or an unnumbered `close()` (tier 3). */
export interface PipeStep {
  readonly call: PipeCall;
  /** The number printed for it; absent for a plain `close()` line. */
  readonly n?: number;
}

export interface PipeEndsScenario {
  readonly pipes: readonly PipeSpec[];
  readonly steps: readonly PipeStep[];
}

export interface PipeEndsAnalysis {
  /** Each step's real outcome, in order. */
  readonly outcomes: readonly PipeOutcome[];
  /** Numbers of the calls that return normally, as strings, sorted. */
  readonly answer: readonly string[];
  /** The misconception each tagged option (a call that raises but a belief says returns) stands for, by option id. */
  readonly tags: Readonly<Record<string, Misconception>>;
}

/** Beliefs in the order they tag a call (a call both predict is tagged with the first). */
const BELIEFS: readonly { readonly belief: PipeBelief; readonly tag: Misconception }[] = [
  { belief: 'always-duplex', tag: M.pipeAlwaysDuplex },
  { belief: 'first-end-sends', tag: M.pipeFirstEndSends },
];

/** The numbered calls a learner holding `belief` expects to return normally (option ids, sorted). */
export function believedReturns(s: PipeEndsScenario, belief: PipeBelief | null): string[] {
  const out = runPipes(s.pipes, s.steps.map((x) => x.call), belief);
  return s.steps.flatMap((x, i) => (x.n !== undefined && out[i]?.kind === 'returned' ? [String(x.n)] : [])).sort();
}

function analyze(s: PipeEndsScenario): PipeEndsAnalysis {
  const outcomes = runPipes(s.pipes, s.steps.map((x) => x.call));
  const answer = believedReturns(s, null);
  const tags: Record<string, Misconception> = {};
  for (const { belief, tag } of BELIEFS) {
    for (const id of believedReturns(s, belief)) if (!answer.includes(id) && !(id in tags)) tags[id] = tag;
  }
  return { outcomes, answer, tags };
}

const PIPE_NAMES: readonly (readonly [string, string])[] = [
  ['a', 'b'],
  ['c', 'd'],
];

function pipesFor(rng: Rng, tier: Tier): PipeSpec[] {
  if (tier === 1) return [{ duplex: false, ends: PIPE_NAMES[0] as [string, string] }];
  const oneWayFirst = rng.bool(0.5);
  return [
    { duplex: !oneWayFirst, ends: PIPE_NAMES[0] as [string, string] },
    { duplex: oneWayFirst, ends: PIPE_NAMES[1] as [string, string] },
  ];
}

function randomCall(rng: Rng, ends: readonly string[]): PipeCall {
  const end = rng.pick(ends);
  const k = rng.int(0, 9);
  if (k < 5) return { kind: 'send', end, value: rng.int(1, 9) };
  if (k < 8) return { kind: 'recv', end };
  return { kind: 'poll', end };
}

const CALLS: Record<Tier, number> = { 1: 4, 2: 5, 3: 6 };

function build(rng: Rng, tier: Tier): PipeEndsScenario | null {
  const pipes = pipesFor(rng, tier);
  const ends = pipes.flatMap((p) => [...p.ends]);
  const steps: PipeStep[] = [];
  const closeAt = tier === 3 ? rng.int(1, CALLS[3] - 2) : -1;
  for (let n = 1; n <= CALLS[tier]; n++) {
    if (n - 1 === closeAt) steps.push({ call: { kind: 'close', end: rng.pick(ends) } });
    steps.push({ call: randomCall(rng, ends), n });
  }
  const s: PipeEndsScenario = { pipes, steps };
  const a = analyze(s);
  // No real call may wait forever; some calls return, some raise; "always two-way" is offered.
  if (a.outcomes.some((o) => o.kind === 'blocks')) return null;
  if (a.answer.length === 0 || a.answer.length === CALLS[tier]) return null;
  if (!Object.values(a.tags).some((m) => m.id === M.pipeAlwaysDuplex.id)) return null;
  if (tier === 3 && !a.outcomes.some((o) => o.kind === 'raised' && o.why === 'peer-closed')) return null;
  return s;
}

function fallback(): PipeEndsScenario {
  return {
    pipes: [{ duplex: false, ends: ['a', 'b'] }],
    steps: [
      { call: { kind: 'send', end: 'b', value: 1 }, n: 1 },
      { call: { kind: 'send', end: 'a', value: 2 }, n: 2 },
      { call: { kind: 'recv', end: 'a' }, n: 3 },
      { call: { kind: 'recv', end: 'b' }, n: 4 },
    ],
  };
}

/** The program as shown: the pipes, `attempt()` and the steps. */
export function pipeEndsCode(s: PipeEndsScenario): string {
  const lines = [
    'from multiprocessing import Pipe',
    '',
    'returned = []',
    '',
    '',
    'def attempt(n, call):',
    '    try:',
    '        result = call()',
    '    except Exception as e:',
    '        print(n, type(e).__name__, e)',
    '    else:',
    '        print(n, "returned", result)',
    '        returned.append(n)',
    '',
    '',
    ...s.pipes.map((p) => `${p.ends[0]}, ${p.ends[1]} = ${p.duplex ? 'Pipe()' : 'Pipe(duplex=False)'}`),
    ...s.steps.map((x) => (x.n === undefined ? pipeCallCode(x.call) : `attempt(${x.n}, lambda: ${pipeCallCode(x.call)})`)),
  ];
  return `${lines.join('\n')}\n`;
}

function outcomeText(o: PipeOutcome): CellText {
  if (o.kind === 'blocks') return L('waits forever', '영원히 기다림');
  if (o.kind === 'returned') return L(`returns ${o.value === null ? 'None' : o.value === true ? 'True' : o.value === false ? 'False' : o.value}`, `${o.value === null ? 'None' : o.value === true ? 'True' : o.value === false ? 'False' : o.value} 반환`);
  const why: Record<typeof o.why, Localized> = {
    'read-only': L('this end only receives ("connection is read-only")', '이 끝은 받기만 합니다("connection is read-only")'),
    'write-only': L('this end only sends ("connection is write-only")', '이 끝은 보내기만 합니다("connection is write-only")'),
    closed: L('this end was closed ("handle is closed")', '이 끝은 닫혔습니다("handle is closed")'),
    'peer-closed': L('the other end was closed', '다른 쪽 끝이 닫혔습니다'),
  };
  return L(`raises ${o.error}: ${why[o.why].en}`, `${o.error} 발생: ${why[o.why].ko}`);
}

function stepsTable(s: PipeEndsScenario, a: PipeEndsAnalysis): TableView {
  return {
    kind: 'table',
    caption: L('Each call in order, on the real pipes', '실제 파이프에서 각 호출을 순서대로'),
    header: [L('#', '#'), L('Call', '호출'), L('What happens', '결과')],
    rows: s.steps.map((x, i) => [x.n === undefined ? '' : String(x.n), pipeCallCode(x.call), a.outcomes[i] ? outcomeText(a.outcomes[i] as PipeOutcome) : '']),
  };
}

const RULE = L(
  '`Pipe()` is duplex: one socket.socketpair(), both connections send and receive. `Pipe(duplex=False)` is one os.pipe() and returns (reader, writer): the first connection only receives, the second only sends; the wrong call raises OSError. Either way the pair holds two file descriptors, one per end. After one end is closed, recv() on the other raises EOFError once nothing is left to read, and send() raises BrokenPipeError. multiprocessing.Pool sends tasks and results through two SimpleQueues, each a Pipe(duplex=False) plus a lock.',
  '`Pipe()`는 duplex입니다. socket.socketpair() 하나이며 두 연결 모두 보내고 받습니다. `Pipe(duplex=False)`는 os.pipe() 하나이며 (reader, writer)를 돌려줍니다. 첫 번째 연결은 받기만, 두 번째 연결은 보내기만 하고, 반대 호출은 OSError를 일으킵니다. 어느 쪽이든 한 쌍은 끝마다 하나씩 파일 디스크립터 두 개를 씁니다. 한쪽 끝을 닫으면, 다른 쪽의 recv()는 더 읽을 것이 없을 때 EOFError를, send()는 BrokenPipeError를 일으킵니다. multiprocessing.Pool은 작업과 결과를 SimpleQueue 두 개로 보내며, 각각 Pipe(duplex=False)에 락을 더한 것입니다.',
);

export const pipeEnds = defineGenerator<PipeEndsScenario, PipeEndsAnalysis>({
  id: 'pipe-ends',
  version: 1,
  domain: 'pool',
  topic: 'pool',
  title: L('Which end can send?', '어느 끝이 보낼 수 있습니까?'),
  tiers: [1, 2, 3],
  generate(rng, tier) {
    const scenario = search(rng, (r) => build(r, tier), fallback, 300);
    return { scenario, analysis: analyze(scenario) };
  },
  analyze,
  question(s, a) {
    const numbered = s.steps.filter((x) => x.n !== undefined);
    const options = numbered.map((x) => option(String(x.n), `${x.n}: ${pipeCallCode(x.call)}`, a.tags[String(x.n)], true));
    const raisedCalls = numbered.filter((x) => !a.answer.includes(String(x.n))).map((x) => String(x.n));
    const fds = pipeFds(s.pipes);
    return {
      prompt: [
        text(
          'Which of the numbered calls return normally (print "returned" instead of an exception)?',
          '번호가 붙은 호출 중 정상적으로 반환하는 것(예외 대신 "returned"를 출력하는 것)을 모두 고르십시오.',
        ),
        python(pipeEndsCode(s)),
      ],
      response: { kind: 'multi', options },
      answer: a.answer,
      explanation: {
        summary: [
          L(`Return normally: ${a.answer.join(', ')}. Raise: ${raisedCalls.join(', ')}.`, `정상 반환: ${a.answer.join(', ')}. 예외: ${raisedCalls.join(', ')}.`),
          L(`The program holds ${fds} pipe file descriptors: two per Pipe(), duplex or not.`, `이 프로그램의 파이프 파일 디스크립터는 ${fds}개입니다. duplex 여부와 관계없이 Pipe() 하나에 두 개입니다.`),
        ],
        views: [stepsTable(s, a)],
        rule: RULE,
      },
      assumptions: [PLATFORM],
    };
  },
  program(s) {
    const code = pipeEndsCode(s);
    return {
      language: 'python',
      source: `${code}\nimport json  # [lockstep]\nprint("ANSWER " + json.dumps(sorted(str(n) for n in returned)))  # [lockstep]\n`,
    };
  },
});
