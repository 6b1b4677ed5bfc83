/**
 * Golden seeds for the pool generators. Each pinned answer was produced by running the
 * exported program (`npm run -s question -- export <id> --seed <s> --tier <t>`) under real
 * CPython 3.11 — real pickle.dumps, a real multiprocessing.Pool whose pipe traffic the
 * program counts — and matched the simulator. A change here means a generator's output for
 * a stored seed changed: bump its version (and keep the old one registered) instead.
 */
import { describe, expect, it } from 'vitest';
import { buildQuestion } from '@/lib/questions/registry';

const GOLDEN: readonly [generator: string, tier: 1 | 2 | 3, seed: number, answer: unknown][] = [
['pickle-bytes', 1, 1, "45"],
['pickle-bytes', 1, 2024, "67"],
['pickle-bytes', 2, 1, "236"],
['pickle-bytes', 2, 2024, "392"],
['pickle-bytes', 3, 1, "301250"],
['pickle-bytes', 3, 2024, "420816"],
['pool-messages', 1, 1, "7"],
['pool-messages', 1, 2024, "16"],
['pool-messages', 2, 1, "18"],
['pool-messages', 2, 2024, "19"],
['pool-messages', 3, 1, "100"],
['pool-messages', 3, 2024, "42"],
['pool-raises', 1, 1, "PicklingError"],
['pool-raises', 1, 2024, "AttributeError"],
['pool-raises', 2, 1, "TypeError"],
['pool-raises', 2, 2024, "ok"],
['pool-raises', 3, 1, "AttributeError"],
['pool-raises', 3, 2024, "TypeError"],
['fastest-executor', 1, 1, "serial"],
['fastest-executor', 1, 2024, "threads"],
['fastest-executor', 2, 1, "serial"],
['fastest-executor', 2, 2024, "pool-map"],
['fastest-executor', 3, 1, "pool-map"],
['fastest-executor', 3, 2024, "threads"],
['pool-overhead', 1, 1, "52"],
['pool-overhead', 1, 2024, "37"],
['pool-overhead', 2, 1, "4"],
['pool-overhead', 2, 2024, "6"],
['pool-overhead', 3, 1, "pool-c19"],
['pool-overhead', 3, 2024, "pool-c13"],
];

describe('pool generators: golden seeds checked against real CPython', () => {
  for (const [generator, tier, seed, answer] of GOLDEN) {
    it(`${generator} tier ${tier} seed ${seed}`, () => {
      expect(buildQuestion({ generator, version: 1, seed, tier }).answer).toEqual(answer);
    });
  }

  it('pins one full question (options, misconceptions, explanation shape)', () => {
    const q = buildQuestion({ generator: 'pool-messages', version: 1, seed: 1, tier: 1 });
    expect(q.response.kind).toBe('choice');
    const options = q.response.kind === 'choice' ? q.response.options : [];
    expect(options.map((o) => [o.id, o.misconception?.id ?? null])).toEqual([
      ['4', 'pool.one-chunk-per-worker'],
      ['6', 'pool.last-chunk-dropped'],
      ['7', null],
      ['59', 'pool.chunksize-no-effect'],
    ]);
    expect(q.explanation.summary.map((s) => s.en)).toEqual(['map with chunksize=9: ceil(59 / 9) = 7 task messages, the last chunk holding 5 item(s).']);
  });
});

describe('pool-raises: issue 12 §2 seed, fixed in version 2', () => {
  it('t1 seed 95493718: the AttributeError option carries a belief that picks AttributeError, not the answer', () => {
    const tagOf = (version: number) => {
      const q = buildQuestion({ generator: 'pool-raises', version, seed: 95493718, tier: 1 });
      expect(q.answer).toBe('PicklingError');
      return q.response.kind === 'choice' ? q.response.options.find((o) => o.id === 'AttributeError')?.misconception?.id : undefined;
    };
    expect(tagOf(1)).toBe('pool.every-pickling-error-is-picklingerror');
    expect(tagOf(2)).toBe('pool.lambda-is-local-object');
  });
});
