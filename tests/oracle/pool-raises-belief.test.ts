/**
 * pool-raises version 4's headline belief, "a pool's workers share the parent's memory, like
 * threads", run for real: each asked program with its process pool swapped for
 * multiprocessing.dummy's thread pool (threads in the parent, nothing pickled) must end as
 * `sharedMemoryModel` says — it runs and the parent's `calls` holds one entry per call — while
 * the real process pool never does (the pool oracle checks the real answers). The one variant
 * version 4 leaves out, the worker's own ZeroDivisionError, ends the same under both pools.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RAISE_VARIANTS, sharedMemoryModel, variantsOf, type PoolRaisesScenario, type RaiseVariant } from '@/lib/questions/pool/pool-raises';
import { programOf, questionOf } from '@/lib/questions/registry';
import { requirePython } from './run-programs';
import { runBatch, type BatchResult } from './pool-harness';

const VERSION = 4;
const SWAPS: readonly (readonly [string, string])[] = [
  ['from multiprocessing import Pool\n', 'from multiprocessing.dummy import Pool\n'],
  ['from multiprocessing import Lock, Pool\n', 'from multiprocessing import Lock\nfrom multiprocessing.dummy import Pool\n'],
  ['import multiprocessing\n', 'import multiprocessing\nimport multiprocessing.dummy\n'],
  ['ctx.Pool(', 'multiprocessing.dummy.Pool('],
];
/** The runnable's verdict line, made to say how many calls the parent saw. */
const VERDICT = 'outcome = "shared" if calls else "ok"';

/** The exported program with threads in place of processes, reporting len(calls) when it runs. */
function withThreads(source: string): string {
  const swapped = SWAPS.reduce((src, [from, to]) => src.split(from).join(to), source);
  return swapped.split(VERDICT).join('outcome = f"shared:{len(calls)}" if calls else "ok"');
}

interface Case {
  readonly variant: RaiseVariant;
  readonly scenario: PoolRaisesScenario;
  readonly source: string;
}

const asked = new Set(([1, 2, 3] as const).flatMap((tier) => variantsOf(tier, VERSION)));
const cases: Case[] = RAISE_VARIANTS.map(([tier, variant]) => {
  const scenario: PoolRaisesScenario = { tier, variant, processes: 2, n: 5 };
  const program = programOf({ generator: 'pool-raises', version: VERSION, seed: 0, tier }, scenario);
  if (!program) throw new Error('pool-raises has no program');
  return { variant, scenario, source: withThreads(program.source) };
});
let results: BatchResult[] = [];

beforeAll(async () => {
  requirePython();
  results = await runBatch(cases.map((c) => c.source));
}, 120_000);

describe('pool-raises v4: "workers share the parent\'s memory" is what a thread pool really does', () => {
  it('swaps every asked program to threads (never passes vacuously)', () => {
    expect(asked.size).toBeGreaterThan(15);
    for (const c of cases) {
      expect(c.source, c.variant).toContain('multiprocessing.dummy');
      expect(c.source, c.variant).toContain('shared:{len(calls)}');
    }
  });

  for (const [i, c] of cases.entries()) {
    if (asked.has(c.variant)) {
      it(`${c.variant}: with threads it runs and the parent sees every call, as the belief's model says (the real answer differs)`, () => {
        const believed = sharedMemoryModel(c.scenario);
        expect(results[i]?.answer, results[i]?.error ?? results[i]?.stdout).toBe(`${believed.answer}:${believed.calls}`);
        expect(questionOf({ generator: 'pool-raises', version: VERSION, seed: 0, tier: c.scenario.tier }, c.scenario).answer).not.toBe(believed.answer);
      });
    } else {
      it(`${c.variant}: not asked in v4, because with threads it ends exactly as with processes`, () => {
        const real = questionOf({ generator: 'pool-raises', version: VERSION, seed: 0, tier: c.scenario.tier }, c.scenario).answer;
        expect(results[i]?.answer).toBe(real);
      });
    }
  }
});
