import { describe, expect, it } from 'vitest';
import { challengeGenerators } from '@/lib/questions/challenge';
import { grade } from '@/lib/questions/grade';
import { describeAnswer, toPublicQuestion } from '@/lib/questions/public';
import { buildQuestion } from '@/lib/questions/registry';
import type { Question, ResponseSpec } from '@/lib/questions/types';
import { applyMove, initialState, legalMoves, solve, stateKey, type ChallengeProgram } from '@/lib/sim/challenge';
import { RATING } from '@/lib/srs/types';
import { suggestedRating } from '@/lib/srs/rating';

const spec: ResponseSpec = {
  kind: 'schedule',
  maxMoves: 20,
  goal: { kind: 'deadlock' },
  program: {
    threads: [
      { name: 'T1', daemon: false, body: [{ op: 'print', text: 'T1: start' }, { op: 'acquire', lock: 'A' }, { op: 'acquire', lock: 'B' }, { op: 'release', lock: 'B' }, { op: 'release', lock: 'A' }] },
      { name: 'T2', daemon: false, body: [{ op: 'acquire', lock: 'B' }, { op: 'acquire', lock: 'A' }, { op: 'release', lock: 'A' }, { op: 'release', lock: 'B' }] },
    ],
    locks: [
      { name: 'A', reentrant: false },
      { name: 'B', reentrant: false },
    ],
    events: [],
    counter: false,
  },
};
const par = ['T1', 'T1', 'T2'];

describe('grading a schedule', () => {
  it('replays the schedule: any winning schedule at par scores 1; a run that does not win is wrong', () => {
    if (spec.kind !== 'schedule') throw new Error('spec');
    expect(solve(spec.program, spec.goal).par).toEqual(par);
    expect(grade(spec, par, par)).toMatchObject({ status: 'graded', correct: true, score: 1 });
    expect(grade(spec, par, ['T2', 'T1', 'T1'])).toMatchObject({ status: 'graded', correct: true, score: 1 });
    // T2 runs to its end first: no deadlock is left to reach
    expect(grade(spec, par, ['T2', 'T2', 'T2', 'T2', 'T1', 'T1', 'T1', 'T1', 'T1'])).toMatchObject({ status: 'graded', correct: false, score: 0 });
    expect(grade(spec, par, [])).toMatchObject({ status: 'graded', correct: false });
    expect(grade(spec, par, 'impossible')).toMatchObject({ status: 'graded', correct: false });
    expect(grade(spec, 'impossible', 'impossible')).toMatchObject({ status: 'graded', correct: true, score: 1 });
  });

  it('refuses illegal moves, unknown threads, wrong shapes and over-long schedules as invalid', () => {
    // T2 cannot take B while T1 holds it
    expect(grade(spec, par, ['T1', 'T1', 'T1', 'T2'])).toEqual({ status: 'invalid', reason: 'shape' });
    expect(grade(spec, par, ['T7'])).toEqual({ status: 'invalid', reason: 'shape' });
    expect(grade(spec, par, ['tick'])).toEqual({ status: 'invalid', reason: 'shape' });
    expect(grade(spec, par, 'T1')).toEqual({ status: 'invalid', reason: 'shape' });
    expect(grade(spec, par, [1, 2])).toEqual({ status: 'invalid', reason: 'shape' });
    expect(grade(spec, par, Array.from({ length: 21 }, () => 'T1'))).toEqual({ status: 'invalid', reason: 'shape' });
    // no move after the game is decided
    expect(grade(spec, par, [...par, 'T1'])).toEqual({ status: 'invalid', reason: 'shape' });
  });

  it('scores moves over par below 1, which the drill rates Hard', () => {
    const p = { ...spec, goal: { kind: 'print-first' as const, line: 'T1: start' } };
    // par is one move (T1 prints at once); a step of T2 first wins in two
    const r = grade(p, ['T1'], ['T2', 'T1']);
    expect(r).toMatchObject({ status: 'graded', correct: true, score: 0.5 });
    expect(suggestedRating(true, 1000, [], 0.5)).toBe(RATING.hard);
    expect(suggestedRating(true, 1000, [], 1)).toBe(RATING.good);
    expect(suggestedRating(false, 1000, [], 0)).toBe(RATING.again);
  });
});

/** Whether any schedule makes any of `thread`'s timed acquires return False (what "make T's acquire(timeout=…) return False" asks). */
function someTimedAcquireCanFail(program: ChallengeProgram, thread: string): boolean {
  const seen = new Set<string>();
  const stack = [initialState(program)];
  while (stack.length > 0) {
    const state = stack.pop()!;
    if (seen.has(stateKey(state))) continue;
    seen.add(stateKey(state));
    if (state.threads[thread]?.got === false) return true;
    for (const move of legalMoves(program, state)) stack.push(applyMove(program, state, move).state);
  }
  return false;
}

describe('stateKey', () => {
  it('tells states apart exactly as their whole JSON does, over every state of generated challenges', () => {
    let states = 0;
    for (const g of challengeGenerators) {
      for (const tier of [1, 2, 3] as const) {
        for (let seed = 0; seed < 4; seed++) {
          const q = buildQuestion({ generator: g.id, version: g.version, seed, tier });
          if (q.response.kind !== 'schedule') throw new Error('not a challenge');
          const program = q.response.program;
          const byJson = new Map<string, string>();
          const keys = new Set<string>();
          const stack = [initialState(program)];
          while (stack.length > 0 && byJson.size < 5_000) {
            const state = stack.pop()!;
            const json = JSON.stringify(state);
            if (byJson.has(json)) continue;
            byJson.set(json, stateKey(state));
            keys.add(stateKey(state));
            for (const move of legalMoves(program, state)) stack.push(applyMove(program, state, move).state);
          }
          // one key per distinct state, and a state's key does not depend on how it was reached
          expect(keys.size, `${g.id} t${tier} seed ${seed}`).toBe(byJson.size);
          states += byJson.size;
        }
      }
    }
    expect(states).toBeGreaterThan(1_000);
  });

  it('keeps apart states that differ only in a printed line, a register, a timed wait or a returned acquire', () => {
    const base = initialState(spec.program);
    const t1 = base.threads.T1!;
    const variants = [
      base,
      { ...base, output: ['a|b'] },
      { ...base, output: ['a', 'b'] },
      { ...base, threads: { ...base.threads, T1: { ...t1, reg: 0 } } },
      { ...base, threads: { ...base.threads, T1: { ...t1, got: false } } },
      { ...base, threads: { ...base.threads, T1: { ...t1, got: true } } },
      { ...base, threads: { ...base.threads, T1: { ...t1, wait: { kind: 'sleep' as const, until: 2 } } } },
      { ...base, threads: { ...base.threads, T1: { ...t1, wait: { kind: 'acquire' as const, lock: 'A', until: 2 } } } },
      { ...base, locks: { ...base.locks, A: { owner: 'T1', count: 1 } } },
      { ...base, clock: 1 },
    ];
    expect(new Set(variants.map(stateKey)).size).toBe(variants.length);
  });
});

describe('the challenge generators', () => {
  it('are five kinds, each with possible and impossible challenges on every tier', () => {
    expect(challengeGenerators).toHaveLength(5);
    for (const g of challengeGenerators) {
      for (const tier of [1, 2, 3] as const) {
        const answers = Array.from({ length: 12 }, (_, seed) => buildQuestion({ generator: g.id, version: g.version, seed, tier }).answer);
        expect(answers.some((a) => a === 'impossible'), `${g.id} t${tier} impossible`).toBe(true);
        expect(answers.some((a) => Array.isArray(a)), `${g.id} t${tier} possible`).toBe(true);
      }
    }
  });

  it('challenge-timeout: "impossible" exactly when no schedule makes a timed acquire of the thread fail (version 1 counted only the first of two)', () => {
    const check = (version: number, seed: number) => {
      const q = buildQuestion({ generator: 'challenge-timeout', version, seed, tier: 3 });
      if (q.response.kind !== 'schedule' || q.response.goal.kind !== 'acquire-false') throw new Error('not a timeout challenge');
      return { impossible: q.answer === 'impossible', canFail: someTimedAcquireCanFail(q.response.program, q.response.goal.thread) };
    };
    // The oracle's find: T3 has acquire(timeout=1) on a free lock, then acquire(timeout=2) on the lock it holds.
    expect(check(1, 2011580181)).toEqual({ impossible: true, canFail: true });
    for (let seed = 0; seed < 150; seed++) {
      const { impossible, canFail } = check(2, seed);
      expect(impossible, `seed ${seed}`).toBe(!canFail);
    }
  });

  it('grow with the tier: RLock or Event from tier 2, timed acquires or sleeps at tier 3, threads 2 → 3', () => {
    const features = (tier: 1 | 2 | 3) => {
      const qs: Question[] = challengeGenerators.flatMap((g) => Array.from({ length: 8 }, (_, seed) => buildQuestion({ generator: g.id, version: g.version, seed, tier })));
      const programs = qs.map((q) => (q.response.kind === 'schedule' ? q.response.program : null)).filter((p) => p !== null);
      return {
        maxThreads: Math.max(...programs.map((p) => p.threads.length)),
        rlock: programs.some((p) => p.locks.some((l) => l.reentrant)),
        events: programs.some((p) => p.events.length > 0),
        timed: programs.some((p) => p.threads.some((t) => t.body.some((i) => i.op === 'sleep'))),
      };
    };
    expect(features(1)).toEqual({ maxThreads: 2, rlock: false, events: false, timed: false });
    expect(features(2)).toMatchObject({ maxThreads: 3, rlock: true, events: true, timed: false });
    expect(features(3)).toMatchObject({ maxThreads: 3, rlock: true, events: true, timed: true });
  });

  it('shows the program and goal before answering, but never the par or "impossible"', () => {
    for (const g of challengeGenerators) {
      const q = buildQuestion({ generator: g.id, version: g.version, seed: 3, tier: 2 });
      const shown = JSON.stringify(toPublicQuestion(q));
      expect(shown).not.toContain('impossible"');
      expect(shown).toContain('"kind":"schedule"');
      expect(describeAnswer(q, 'ko').length).toBeGreaterThan(0);
    }
  });
});
