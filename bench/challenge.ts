/**
 * The scheduler challenges' exhaustive search (`solve`: breadth-first over every schedule,
 * memoized by state), which the grader's "impossible" rests on and the board runs for a
 * hint after each move: time and states per generated program, per kind and tier. The
 * issue's bound is "well under 100 ms".
 */
import { challengeGenerators, type ChallengeScenario } from '@/lib/questions/challenge';
import { generateScenario } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';
import { solve } from '@/lib/sim/challenge';
import { hashSeed } from '@/lib/sim/rng';
import type { Bench } from './run';

const SEEDS = 60;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

export const bench: Bench = {
  name: 'challenge',
  description: 'exhaustive search of a scheduler challenge (par or impossible), per kind and tier',
  run() {
    console.log('generator                 tier   p50 ms   p95 ms   max ms   max states   impossible');
    for (const g of challengeGenerators) {
      for (const tier of g.tiers as Tier[]) {
        const scenarios = Array.from({ length: SEEDS }, (_, i) => generateScenario({ generator: g.id, version: g.version, seed: hashSeed(`bench:${g.id}:${i}`), tier }).scenario as ChallengeScenario);
        for (const s of scenarios.slice(0, 10)) solve(s.program, s.goal); // warm-up
        const ms: number[] = [];
        let states = 0;
        let impossible = 0;
        for (const s of scenarios) {
          const t0 = performance.now();
          const r = solve(s.program, s.goal);
          ms.push(performance.now() - t0);
          states = Math.max(states, r.states);
          if (!r.par) impossible += 1;
        }
        ms.sort((a, b) => a - b);
        console.log(
          `${g.id.padEnd(25)} ${String(tier).padStart(4)} ${quantile(ms, 0.5).toFixed(2).padStart(8)} ${quantile(ms, 0.95).toFixed(2).padStart(8)} ${(ms[ms.length - 1] as number).toFixed(2).padStart(8)} ${String(states).padStart(12)} ${String(impossible).padStart(12)}`,
        );
      }
    }
  },
};
