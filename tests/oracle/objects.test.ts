/**
 * Real-CPython oracle for the objects generators: each exported program is the shown
 * Python source plus instrumentation (a recording print, `_live(cls)` over gc.get_objects()
 * without collecting, `is` checks, fresh exec runs) that prints `ANSWER <json>` last. Every
 * program runs under python3 and must print the question's answer. Programs are batched a
 * few interpreters at a time (objects-batch.ts): start-up would otherwise dominate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateScenario, programOf, questionOf } from '@/lib/questions/registry';
import { hashSeed } from '@/lib/sim/rng';
import { objectGenerators } from '@/lib/questions/objects';
import type { Answer, Tier } from '@/lib/questions/types';
import { runPythonBatch, type BatchRun } from './objects-batch';
import { requirePython } from './run-programs';

/** Seeds per tier: 3 tiers × 20 = 60 programs per generator. */
const PER_TIER = 20;

interface Case {
  readonly generator: string;
  readonly version: number;
  readonly seed: number;
  readonly tier: Tier;
  readonly expected: Answer;
  readonly source: string;
}

const cases: Case[] = [];
for (const g of objectGenerators) {
  for (const tier of g.tiers) {
    for (let i = 0; i < PER_TIER; i++) {
      const seed = hashSeed(`oracle:${g.id}:${tier}:${i}`);
      const ref = { generator: g.id, version: g.version, seed, tier };
      // One scenario for both the question and the program.
      const { scenario, analysis } = generateScenario(ref);
      const program = programOf(ref, scenario);
      if (!program) throw new Error(`${g.id} has no program`);
      cases.push({ ...ref, expected: questionOf(ref, scenario, analysis).answer, source: program.source });
    }
  }
}

const results = new Map<Case, BatchRun>();

beforeAll(async () => {
  requirePython();
  const started = performance.now();
  const runs = await runPythonBatch(cases.map((c) => c.source), 2);
  cases.forEach((c, i) => {
    const r = runs[i];
    if (r) results.set(c, r);
  });
  console.log(`objects oracle: ${cases.length} programs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}, 60_000);

describe('objects generators agree with real CPython', () => {
  it('has programs to run (never passes vacuously)', () => {
    expect(objectGenerators.length).toBeGreaterThan(0);
    expect(results.size).toBe(cases.length);
  });

  for (const g of objectGenerators) {
    it(`${g.id}: python3 prints the simulator's answer`, () => {
      const mine = cases.filter((c) => c.generator === g.id);
      expect(mine.length).toBeGreaterThanOrEqual(50);
      const failures = mine.flatMap((c) => {
        const r = results.get(c);
        if (!r) return [`${c.generator} seed ${c.seed} tier ${c.tier}: not run`];
        if (JSON.stringify(r.answer) === JSON.stringify(c.expected)) return [];
        return [
          `npm run -s question -- export ${c.generator} --seed ${c.seed} --tier ${c.tier}: expected ${JSON.stringify(c.expected)}, python3 printed ${JSON.stringify(r.answer)} ${r.error ?? ''}`,
        ];
      });
      expect(failures).toEqual([]);
    });
  }
});
