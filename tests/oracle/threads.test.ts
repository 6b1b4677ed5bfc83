/**
 * Real-CPython oracle: every thread generator's exported programs run under python3 with
 * real threading (1 tick = 0.1 s) and must print the simulator's answer. Sleep-bound
 * programs run many at once (they mostly sleep); CPU-bound ones (GIL questions) one at a
 * time, so they do not compete with each other for the cores.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSeed } from '@/lib/sim/rng';
import { buildProgram, buildQuestion } from '@/lib/questions/registry';
import { threadGenerators } from '@/lib/questions/threads';
import type { Answer, Tier } from '@/lib/questions/types';
import { pool, requirePython, runPythonSteady, type ProgramRun } from './run-programs';

const PER_TIER = 10;
/** Stop re-running noisy programs after this long, so a loaded machine still gets a report. */
const RETRY_BUDGET_MS = 120_000;
/** Generators whose programs burn CPU: run serially. */
const CPU_BOUND = new Set(['gil-runtime']);

interface Case {
  readonly generator: string;
  readonly version: number;
  readonly seed: number;
  readonly tier: Tier;
  readonly expected: Answer;
  readonly source: string;
}

const cases: Case[] = [];
for (const g of threadGenerators) {
  for (const tier of g.tiers) {
    for (let i = 0; i < PER_TIER; i++) {
      const seed = hashSeed(`oracle:${g.id}:${tier}:${i}`);
      const ref = { generator: g.id, version: g.version, seed, tier };
      const program = buildProgram(ref);
      if (!program) throw new Error(`${g.id} has no program`);
      cases.push({ ...ref, expected: buildQuestion(ref).answer, source: program.source });
    }
  }
}

const results = new Map<Case, ProgramRun>();
let wallMs = 0;

beforeAll(async () => {
  requirePython();
  const started = performance.now();
  const cpu = cases.filter((c) => CPU_BOUND.has(c.generator));
  const sleepy = cases.filter((c) => !CPU_BOUND.has(c.generator));
  // Sleep-bound programs first, many at once; then the CPU-bound ones one at a time, so
  // that our own interpreters starting up do not take CPU from them.
  const budget = started + RETRY_BUDGET_MS;
  await pool(sleepy, 20, async (c) => results.set(c, await runPythonSteady(c.source, 3, budget)));
  const sleepyMs = performance.now() - started;
  await pool(cpu, 1, async (c) => results.set(c, await runPythonSteady(c.source, 3, budget + 30_000)));
  const cpuMs = performance.now() - started - sleepyMs;
  console.log(`oracle: ${sleepy.length} sleep-bound programs in ${(sleepyMs / 1000).toFixed(1)} s, then ${cpu.length} CPU-bound in ${(cpuMs / 1000).toFixed(1)} s`);
  wallMs = performance.now() - started;
  const reruns = [...results.values()].reduce((n, r) => n + r.attempts - 1, 0);
  console.log(`oracle: ${cases.length} programs in ${(wallMs / 1000).toFixed(1)} s (${reruns} noisy re-runs)`);
}, 175_000);

describe('thread generators agree with real CPython', () => {
  it('has programs to run (never passes vacuously)', () => {
    expect(threadGenerators.length).toBeGreaterThan(0);
    expect(cases.length).toBeGreaterThanOrEqual(30 * threadGenerators.length);
    expect(results.size).toBe(cases.length);
  });

  for (const g of threadGenerators) {
    it(`${g.id}: python3 prints the simulator's answer`, () => {
      const mine = cases.filter((c) => c.generator === g.id);
      expect(mine.length).toBeGreaterThanOrEqual(30);
      // A run flagged noisy (another process took CPU time) that still prints the simulator's
      // answer agrees with it; noise can only push an answer away. Most runs must be clean.
      let noisyButAgreeing = 0;
      const failures = mine.flatMap((c) => {
        const r = results.get(c);
        if (!r) return [`${c.generator} seed ${c.seed} tier ${c.tier}: not run`];
        const agrees = JSON.stringify(r.answer) === JSON.stringify(c.expected);
        if (r.noisy && agrees) {
          noisyButAgreeing += 1;
          return [];
        }
        if (r.noisy) return [`${c.generator} seed ${c.seed} tier ${c.tier}: timing noisy in ${r.attempts} runs: ${r.stdout.slice(-300)}`];
        if (agrees) return [];
        return [
          `npm run -s question -- export ${c.generator} --seed ${c.seed} --tier ${c.tier}: expected ${JSON.stringify(c.expected)}, python3 printed ${JSON.stringify(r.answer)} (exit ${r.code}) ${r.stderr.slice(-300)}`,
        ];
      });
      expect(failures).toEqual([]);
      expect(noisyButAgreeing, 'at most a fifth of the programs may run noisy').toBeLessThanOrEqual(Math.floor(mine.length / 5));
    });
  }
});
