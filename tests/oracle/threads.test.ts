/**
 * Real-CPython oracle: every thread generator's exported programs (newest versions, fixed
 * seeds) run under python3 with real threading (1 tick = 0.1 s) and must print the
 * simulator's answer. Times in answers are measured in the run; a run whose timing drifted
 * is re-run on a slower clock and, if it never runs clean, fails: it never passes. At most
 * two interpreters run at once (see threads-oracle.ts). Fresh random seeds:
 * `npm run oracle -- --random N --only <generator>`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { latestThreadGenerators } from '@/lib/questions/threads';
import { hashSeed } from '@/lib/sim/rng';
import { requirePython } from './run-programs';
import { describeCase, runThreadCases, threadCases, type CaseResult } from './threads-oracle';

const PER_TIER = 10;

const cases = threadCases(latestThreadGenerators, (g, tier) => Array.from({ length: PER_TIER }, (_, i) => hashSeed(`oracle:${g.id}:${tier}:${i}`)));
let results: CaseResult[] = [];

beforeAll(async () => {
  requirePython();
  const started = performance.now();
  results = await runThreadCases(cases);
  const reruns = results.reduce((n, r) => n + r.run.attempts - 1, 0);
  const outvoted = results.filter((r) => r.outvoted > 0).map((r) => `${r.c.generator} t${r.c.tier} seed ${r.c.seed}`);
  console.log(`oracle: ${cases.length} programs in ${((performance.now() - started) / 1000).toFixed(1)} s, ${reruns} re-runs after drift, ${outvoted.length} clean disagreement(s) outvoted by later runs${outvoted.length ? `: ${outvoted.join(', ')}` : ''}`);
}, 1_200_000);

describe('thread generators agree with real CPython', () => {
  it('has programs to run (never passes vacuously)', () => {
    expect(latestThreadGenerators.length).toBeGreaterThan(0);
    expect(cases.length).toBeGreaterThanOrEqual(30 * latestThreadGenerators.length);
    expect(results.length).toBe(cases.length);
  });

  for (const g of latestThreadGenerators) {
    it(`${g.id}@${g.version}: python3 prints the simulator's answer, with timing that held`, () => {
      const mine = results.filter((r) => r.c.generator === g.id);
      expect(mine.length).toBeGreaterThanOrEqual(30);
      expect(mine.filter((r) => r.verdict !== 'agrees').map(describeCase)).toEqual([]);
    });
  }
});
