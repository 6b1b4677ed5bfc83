/**
 * Question generation per generator and tier, over the whole registry: scenario search,
 * simulation (which includes the same-tick race check) and the question with its
 * explanation, i.e. what `buildQuestion` does for a learner. Also times the exhaustive
 * tie-order re-check (`tieFree`, used by the tests) where a generator has one.
 */
import { buildQuestion, generateScenario, isTieFree, listGenerators } from '@/lib/questions/registry';
import { hashSeed } from '@/lib/sim/rng';
import type { Bench } from './run';

const WARMUP = 60;
const SAMPLES = 300;
/** Per generator × tier, stop sampling after this long (slow generators get fewer samples). */
const BUDGET_MS = 1500;
const TIE_SAMPLES = 40;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

function timeUs(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1000;
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

export const bench: Bench = {
  name: 'questions',
  description: `buildQuestion per generator × tier: up to ${SAMPLES} seeds (${BUDGET_MS} ms) each after ${WARMUP} warm-up, one core (target: median ≤ 200 µs, p99 ≤ 2 ms)`,
  run() {
    const header = ['generator', 'tier', 'n', 'median µs', 'p99 µs', 'q/s', 'tieFree median µs'];
    const widths = [20, 4, 4, 10, 10, 8, 18];
    console.log(header.map((h, i) => pad(h, widths[i] ?? 8, i > 1)).join('  '));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const g of listGenerators()) {
      for (const tier of g.tiers) {
        const seed = (i: number) => hashSeed(`bench:${g.id}:${tier}:${i}`);
        for (let i = 0; i < WARMUP; i++) buildQuestion({ generator: g.id, version: g.version, seed: seed(i + SAMPLES), tier });
        const samples: number[] = [];
        const started = performance.now();
        for (let i = 0; i < SAMPLES && performance.now() - started < BUDGET_MS; i++) {
          const ref = { generator: g.id, version: g.version, seed: seed(i), tier };
          samples.push(timeUs(() => buildQuestion(ref)));
        }
        samples.sort((a, b) => a - b);
        const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
        let tie = '-';
        if (g.tieFree) {
          const ts: number[] = [];
          for (let i = 0; i < TIE_SAMPLES; i++) {
            const ref = { generator: g.id, version: g.version, seed: seed(i), tier };
            const { scenario } = generateScenario(ref);
            ts.push(timeUs(() => isTieFree(ref, scenario)));
          }
          ts.sort((a, b) => a - b);
          tie = quantile(ts, 0.5).toFixed(0);
        }
        const row = [g.id, String(tier), String(samples.length), quantile(samples, 0.5).toFixed(0), quantile(samples, 0.99).toFixed(0), (1e6 / mean).toFixed(0), tie];
        console.log(row.map((c, i) => pad(c, widths[i] ?? 8, i > 1)).join('  '));
      }
    }
  },
};
