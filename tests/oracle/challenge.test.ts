/**
 * Real-CPython oracle for the scheduler challenges: each challenge's exported replay forces
 * the simulator's schedule (the par, or for an impossible challenge one complete run) on
 * real threads, locks, timeouts and interpreter shutdown, and must end exactly as the
 * simulator says: the same printed lines, counter, acquire results and deadlocked threads
 * (a deadlock is seen by a watchdog), and the same answer. At most two interpreters run at
 * once: the replays wait on real timeouts, and the machine is shared.
 */
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { challengeGenerators, firstMoveRun, type ChallengeScenario } from '@/lib/questions/challenge';
import { expectedOutcome } from '@/lib/questions/challenge/python-program';
import { buildProgram, buildQuestion, generateScenario } from '@/lib/questions/registry';
import type { Answer, Tier } from '@/lib/questions/types';
import { hashSeed } from '@/lib/sim/rng';
import { pool, requirePython, runPython, type ProgramRun } from './run-programs';

const PER_TIER = 10;
const AT_ONCE = 2;

interface Case {
  readonly generator: string;
  readonly seed: number;
  readonly tier: Tier;
  readonly expected: Answer;
  readonly outcome: ReturnType<typeof expectedOutcome>;
  readonly source: string;
}

const cases: Case[] = [];
for (const g of challengeGenerators) {
  for (const tier of g.tiers) {
    for (let i = 0; i < PER_TIER; i++) {
      const ref = { generator: g.id, version: g.version, seed: hashSeed(`oracle:${g.id}:${tier}:${i}`), tier };
      const q = buildQuestion(ref);
      const { program } = generateScenario(ref).scenario as ChallengeScenario;
      const moves = Array.isArray(q.answer) ? (q.answer as string[]) : firstMoveRun(program);
      const source = buildProgram(ref)?.source;
      if (!source) throw new Error(`${g.id} has no program`);
      cases.push({ generator: g.id, seed: ref.seed, tier, expected: q.answer, outcome: expectedOutcome(program, moves), source });
    }
  }
}

const runs = new Map<Case, ProgramRun>();

beforeAll(async () => {
  requirePython();
  const started = performance.now();
  await pool(cases, AT_ONCE, async (c) => runs.set(c, await runPython(c.source, 30_000)));
  console.log(`oracle: ${cases.length} challenge replays in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}, 290_000);

function outcomeOf(stdout: string): unknown {
  const line = stdout.split('\n').find((l) => l.startsWith('OUTCOME '));
  return line ? JSON.parse(line.slice('OUTCOME '.length)) : undefined;
}

describe('scheduler challenges replay the same on real CPython', () => {
  it('has at least 30 replays per kind, and both possible and impossible challenges', () => {
    for (const g of challengeGenerators) expect(cases.filter((c) => c.generator === g.id).length).toBeGreaterThanOrEqual(30);
    expect(cases.some((c) => c.expected === 'impossible')).toBe(true);
    expect(cases.some((c) => Array.isArray(c.expected))).toBe(true);
    expect(runs.size).toBe(cases.length);
  });

  for (const g of challengeGenerators) {
    it(`${g.id}: 0 disagreements`, () => {
      const failures = cases
        .filter((c) => c.generator === g.id)
        .flatMap((c) => {
          const r = runs.get(c);
          const where = `${c.generator} seed ${c.seed} tier ${c.tier}`;
          if (!r) return [`${where}: not run`];
          const problems: string[] = [];
          if (JSON.stringify(r.answer) !== JSON.stringify(c.expected)) problems.push(`answer ${JSON.stringify(r.answer)} ≠ ${JSON.stringify(c.expected)}`);
          const real = outcomeOf(r.stdout);
          if (!isDeepStrictEqual(real, c.outcome)) problems.push(`outcome ${JSON.stringify(real)} ≠ ${JSON.stringify(c.outcome)}`);
          // what was printed is exactly the simulated output (a killed daemon's line never appears)
          const printed = r.stdout.split('\n').filter((l) => l && !/^(OUTCOME|ANSWER) /.test(l));
          if (JSON.stringify(printed) !== JSON.stringify(c.outcome.output)) problems.push(`printed ${JSON.stringify(printed)}`);
          if (r.stderr.trim()) problems.push(`stderr ${r.stderr.trim().slice(0, 200)}`);
          return problems.length ? [`${where}: ${problems.join('; ')}`] : [];
        });
      expect(failures).toEqual([]);
    });
  }
});
