/**
 * "Be the scheduler" challenges: a generated program and a goal (deadlock it, make a line
 * print first, make a timed acquire fail, lose a counter update, silence a daemon). The
 * learner answers with a schedule, which the grader replays on the simulator, or with
 * "impossible" when exhaustive search finds no winning schedule.
 */
import { applyMove, IMPOSSIBLE, initialState, legalMoves, solve, type ChallengeProgram, type Goal, type GoalKind, type Move } from '@/lib/sim/challenge';
import type { Rng } from '@/lib/sim/rng';
import { L, text } from '../kit';
import { defineGenerator, type Generator, type Localized, type Tier, type TopicId } from '../types';
import { randomProgram } from './build';
import { challengeExplanation, goalText } from './explain';
import { listing, replaySource } from './python-program';

export interface ChallengeScenario {
  readonly program: ChallengeProgram;
  readonly goal: Goal;
}

export interface ChallengeAnalysis {
  /** A shortest winning schedule, or null: impossible. */
  readonly par: readonly Move[] | null;
  readonly states: number;
  /** A complete run (first legal move each time), shown when no schedule wins. */
  readonly fallback: readonly Move[];
}

/** Programs whose search visits more states than this are rejected: the search stays well under 100 ms. */
export const MAX_STATES = 3000;
/** Longest schedule the grader replays. */
export const MAX_SCHEDULE = 200;

/** The first legal move each time, to the end. */
export function firstMoveRun(program: ChallengeProgram): Move[] {
  const moves: Move[] = [];
  let state = initialState(program);
  for (;;) {
    const m = legalMoves(program, state)[0];
    if (m === undefined) return moves;
    moves.push(m);
    state = applyMove(program, state, m).state;
  }
}

function analyze(s: ChallengeScenario): ChallengeAnalysis {
  const { par, states } = solve(s.program, s.goal);
  return { par, states, fallback: par ? [] : firstMoveRun(s.program) };
}

/** The analysis, or null when the program's state space is too large to search quickly. */
function analyzeSmall(s: ChallengeScenario): ChallengeAnalysis | null {
  const r = solve(s.program, s.goal, undefined, MAX_STATES);
  if (!r.complete) return null;
  return { par: r.par, states: r.states, fallback: r.par ? [] : firstMoveRun(s.program) };
}

const isTimedAcquire = (i: ChallengeProgram['threads'][number]['body'][number]) => i.op === 'acquire' && i.timeout !== undefined;

function goalFor(rng: Rng, kind: GoalKind, program: ChallengeProgram, version: number): Goal | null {
  const prints = program.threads.flatMap((t) => t.body.flatMap((i) => (i.op === 'print' ? [i.text] : [])));
  switch (kind) {
    case 'deadlock':
      return { kind };
    case 'print-first':
      return prints.length >= 2 ? { kind, line: rng.pick(prints) } : null;
    case 'acquire-false': {
      const t = program.threads.find((x) => x.body.some(isTimedAcquire));
      // Version 2: the thread has one timed acquire, so "T3's acquire(timeout=…)" names one call.
      // With two (version 1, oracle t3 seed 2011580181), the goal counted only the first one,
      // while a learner could rightly make the second one time out.
      if (version >= 2 && t && t.body.filter(isTimedAcquire).length !== 1) return null;
      return t ? { kind, thread: t.name } : null;
    }
    case 'counter-wrong':
      return { kind, expected: program.threads.reduce((n, t) => n + t.body.filter((i) => i.op === 'store').length, 0) };
    case 'daemon-silent': {
      const d = program.threads.find((t) => t.daemon);
      const last = d?.body.filter((i) => i.op === 'print').at(-1);
      return d && last?.op === 'print' ? { kind, thread: d.name, line: last.text } : null;
    }
  }
}

/** Share of generated challenges that have no winning schedule. */
const IMPOSSIBLE_SHARE = 0.3;

function generate(kind: GoalKind, version: number, rng: Rng, tier: Tier): { scenario: ChallengeScenario; analysis: ChallengeAnalysis } {
  const wantImpossible = rng.bool(IMPOSSIBLE_SHARE);
  for (let i = 0; i < 2000; i++) {
    const program = randomProgram(rng, tier, kind);
    if (!program) continue;
    const goal = goalFor(rng, kind, program, version);
    if (!goal) continue;
    const scenario = { program, goal };
    const analysis = analyzeSmall(scenario);
    if (!analysis) continue;
    if (wantImpossible !== (analysis.par === null)) continue;
    // A win in one move teaches nothing.
    if (analysis.par && analysis.par.length < 2) continue;
    return { scenario, analysis };
  }
  throw new Error(`no ${kind} challenge found for tier ${tier}`);
}

const KINDS: readonly { kind: GoalKind; id: string; topic: TopicId; title: Localized; versions?: readonly number[] }[] = [
  { kind: 'deadlock', id: 'challenge-deadlock', topic: 'lock', title: L('Be the scheduler: deadlock it', '스케줄러가 되어 보기: 교착 상태 만들기') },
  { kind: 'print-first', id: 'challenge-print-first', topic: 'event', title: L('Be the scheduler: this line first', '스케줄러가 되어 보기: 이 줄을 먼저') },
  { kind: 'acquire-false', id: 'challenge-timeout', topic: 'lock', title: L('Be the scheduler: make acquire time out', '스케줄러가 되어 보기: acquire 시간 초과'), versions: [1, 2] },
  { kind: 'counter-wrong', id: 'challenge-lost-update', topic: 'lock', title: L('Be the scheduler: lose an update', '스케줄러가 되어 보기: 갱신 잃게 하기') },
  { kind: 'daemon-silent', id: 'challenge-daemon', topic: 'daemon', title: L('Be the scheduler: silence the daemon', '스케줄러가 되어 보기: 데몬 침묵시키기') },
];

function challengeGenerator(k: (typeof KINDS)[number], version: number): Generator {
  return defineGenerator<ChallengeScenario, ChallengeAnalysis>({
    id: k.id,
    version,
    domain: 'threads',
    topic: k.topic,
    title: k.title,
    tiers: [1, 2, 3],
    generate: (rng, tier) => generate(k.kind, version, rng, tier),
    analyze,
    question: (s, a) => ({
      prompt: [
        text(
          'You are the scheduler. Run the program one step at a time: pick a runnable thread (its digit) to run its next statement — or one bytecode step of counter += 1 — or let the clock run to the next timer. Undo as often as you like.',
          '당신이 스케줄러입니다. 프로그램을 한 단계씩 실행하십시오. 실행 가능한 스레드(숫자 키)를 골라 다음 문장을 실행하거나(counter += 1은 바이트코드 한 단계씩), 시계를 다음 타이머까지 진행합니다. 몇 번이든 되돌릴 수 있습니다.',
        ),
        { kind: 'text', text: goalText(s.goal) },
        text('If no schedule can reach the goal, answer "impossible".', '어떤 스케줄로도 목표에 이를 수 없다면 "불가능"이라고 답하십시오.'),
        { kind: 'code', language: 'python', code: listing(s.program) },
      ],
      response: { kind: 'schedule', program: s.program, goal: s.goal, maxMoves: MAX_SCHEDULE },
      answer: a.par ? [...a.par] : IMPOSSIBLE,
      explanation: challengeExplanation(s.program, a.par, a.states, a.fallback),
      assumptions: [
        L('All threads have started when you begin; the clock starts at t=0 and only moves when you advance it.', '시작할 때 모든 스레드가 이미 시작되어 있습니다. 시계는 t=0에서 시작하고 진행시킬 때만 움직입니다.'),
        L('A released lock goes straight to a thread waiting in acquire(timeout=…) for it.', '해제된 락은 그 락을 acquire(timeout=…)으로 기다리는 스레드에게 바로 넘어갑니다.'),
      ],
    }),
    program: (s) => {
      const { par } = solve(s.program, s.goal);
      return { language: 'python', source: replaySource(s.program, s.goal, par ?? firstMoveRun(s.program)) };
    },
  });
}

/** Every version of every goal kind's generator (the registry's: old versions answer stored refs). */
export const challengeGeneratorVersions: readonly Generator[] = KINDS.flatMap((k) => (k.versions ?? [1]).map((version) => challengeGenerator(k, version)));

/** The newest generator of each goal kind. */
export const challengeGenerators: readonly Generator[] = KINDS.map((k) => challengeGeneratorVersions.findLast((g) => g.id === k.id) as Generator);

