/**
 * Real-CPython oracle for the pool generators: every generator's exported program runs under
 * python3 — real `pickle.dumps`, a real `multiprocessing.Pool` (fork) whose pipe traffic the
 * program's prelude counts message by message — and must print the question's answer.
 * For the cost-model generators the program measures the model's CPython inputs (message
 * counts and bytes) on the real pool and evaluates the stated model on them.
 * Programs are batched (many per interpreter) and the batches run in parallel.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { poolGenerators } from '@/lib/questions/pool';
import { executorFacts, type ExecScenario } from '@/lib/questions/pool/executors';
import { RAISE_VARIANTS, poolRaises, type PoolRaisesScenario } from '@/lib/questions/pool/pool-raises';
import type { Answer, Tier } from '@/lib/questions/types';
import { generateScenario, programOf, questionOf } from '@/lib/questions/registry';
import { createRng, hashSeed } from '@/lib/sim/rng';
import { requirePython } from './run-programs';
import { needsFile, runBatches, runFile, type BatchResult } from './pool-harness';

/**
 * The newest version of each pool generator: older versions are frozen (stability.test.ts
 * fingerprints every one of them) and were checked here while they were the newest.
 */
const latest = poolGenerators.filter((g) => !poolGenerators.some((o) => o.id === g.id && o.version > g.version));
/** Measured programs (fastest-executor v4 on) print timings, not an answer: tests/oracle/pool-measured.test.ts runs them. */
const isMeasured = (g: (typeof poolGenerators)[number]) => Boolean(g.program?.(g.generate(createRng(1), g.tiers[0] as Tier).scenario)?.check);
const newest = latest.filter((g) => !isMeasured(g));

/** Seeds per tier; every generator has three tiers, so ≥ 51 programs each. */
const PER_TIER = 17;
const PARALLEL = 2;

interface Case {
  readonly generator: string;
  readonly seed: number;
  readonly tier: Tier;
  readonly expected: Answer;
  /** Cost-model generators: the messages (sizes, items, results) the simulator expects. */
  readonly facts?: unknown;
  readonly source: string;
}

/** Generators built on the cost model: their programs also print the measured messages. */
const COST_MODEL = new Set(['fastest-executor', 'pool-overhead']);

function factsLine(stdout: string): unknown {
  const line = stdout.split('\n').find((l) => l.startsWith('FACTS '));
  return line ? JSON.parse(line.slice('FACTS '.length)) : undefined;
}

const cases: Case[] = [];
for (const g of newest) {
  for (const tier of g.tiers) {
    for (let i = 0; i < PER_TIER; i++) {
      const seed = hashSeed(`pool-oracle:${g.id}:${tier}:${i}`);
      const ref = { generator: g.id, version: g.version, seed, tier };
      const { scenario: s, analysis } = generateScenario(ref);
      const program = programOf(ref, s);
      if (!program) throw new Error(`${g.id} has no program`);
      cases.push({
        generator: g.id,
        seed,
        tier,
        expected: questionOf(ref, s, analysis).answer,
        ...(COST_MODEL.has(g.id) ? { facts: executorFacts(s as ExecScenario) } : {}),
        source: program.source,
      });
    }
  }
}

// Every pool-raises variant once more, whatever the seeds picked.
for (const [tier, variant] of RAISE_VARIANTS) {
  const s: PoolRaisesScenario = { tier, variant, processes: 2, n: 5 };
  const ref = { generator: 'pool-raises', version: poolRaises.version, seed: 0, tier };
  const program = programOf(ref, s);
  if (!program) throw new Error('pool-raises has no program');
  cases.push({ generator: 'pool-raises', seed: -1, tier, expected: questionOf(ref, s).answer, source: program.source });
}

let results: BatchResult[] = [];
let wallMs = 0;

beforeAll(async () => {
  requirePython();
  const started = performance.now();
  // Most programs run batched in PARALLEL interpreters; spawn programs run as files alongside.
  const batched = cases.filter((c) => !needsFile(c.source));
  const files = cases.filter((c) => needsFile(c.source));
  const [batchResults, fileResults] = await Promise.all([runBatches(batched.map((c) => c.source), PARALLEL), Promise.all(files.map((c) => runFile(c.source)))]);
  const byCase = new Map<Case, BatchResult>();
  batched.forEach((c, i) => byCase.set(c, batchResults[i] as BatchResult));
  files.forEach((c, i) => byCase.set(c, fileResults[i] as BatchResult));
  results = cases.map((c) => byCase.get(c) as BatchResult);
  wallMs = performance.now() - started;
  console.log(`pool oracle: ${cases.length} programs (${files.length} as spawn files) in ${(wallMs / 1000).toFixed(1)} s`);
}, 175_000);

describe('pool generators agree with real CPython', () => {
  it('has programs to run (never passes vacuously)', () => {
    expect([...newest, ...latest.filter(isMeasured)].map((g) => g.id).sort()).toEqual([...new Set(poolGenerators.map((g) => g.id))].sort());
    expect(cases.length).toBeGreaterThanOrEqual(50 * newest.length);
    expect(results.length).toBe(cases.length);
  });

  for (const g of newest) {
    it(`${g.id}@${g.version}: python3 prints the question's answer`, () => {
      const mine = cases.map((c, i) => [c, results[i]] as const).filter(([c]) => c.generator === g.id);
      expect(mine.length).toBeGreaterThanOrEqual(50);
      const failures = mine.flatMap(([c, r]) => {
        if (!r) return [`${c.generator} seed ${c.seed} tier ${c.tier}: not run`];
        if (c.facts !== undefined && JSON.stringify(factsLine(r.stdout)) !== JSON.stringify(c.facts)) {
          return [`${c.generator} seed ${c.seed} tier ${c.tier}: measured messages ${JSON.stringify(factsLine(r.stdout))?.slice(0, 400)} != simulated ${JSON.stringify(c.facts).slice(0, 400)}`];
        }
        if (JSON.stringify(r.answer) === JSON.stringify(c.expected)) return [];
        return [
          `npm run -s question -- export ${c.generator} --seed ${c.seed} --tier ${c.tier}: expected ${JSON.stringify(c.expected)}, python3 printed ${JSON.stringify(r.answer)} ${r.error ?? ''} ${r.stdout.slice(-300)}`,
        ];
      });
      expect(failures).toEqual([]);
    });
  }
});
