/**
 * Real-CPython oracle for the measured pool questions (fastest-executor and pool-overhead from
 * version 4): each program is exactly the English code the learner sees; it times the real
 * loop, thread pool and process pool, and what its timings show (the fastest option, or the
 * first amount of work at which the pool wins) must be the question's answer. NOISY
 * runs are repeated and never judged (tests/oracle/measured-oracle.ts). A few fixed seeds
 * only, one program at a time: `npm run oracle -- --random N --only <generator>` runs many
 * fresh ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { poolGenerators } from '@/lib/questions/pool';
import { buildProgram, buildQuestion } from '@/lib/questions/registry';
import { inLang, type Answer, type PromptBlock, type TimingCheck, type Tier } from '@/lib/questions/types';
import { hashSeed } from '@/lib/sim/rng';
import { runMeasured, type MeasuredOutcome } from './measured-oracle';
import { requirePython } from './run-programs';

const PER_TIER = 1;
const DEADLINE_MS = 60_000;

/** The newest version of each pool generator whose program is measured. */
const measured = poolGenerators.filter(
  (g) => !poolGenerators.some((o) => o.id === g.id && o.version > g.version) && buildProgram({ generator: g.id, version: g.version, seed: 1, tier: g.tiers[0] as Tier })?.check,
);

interface Case {
  readonly name: string;
  readonly expected: Answer;
  readonly source: string;
  readonly shown: string;
  readonly check: TimingCheck;
}

const cases: Case[] = measured.flatMap((g) =>
  g.tiers.flatMap((tier) =>
    Array.from({ length: PER_TIER }, (_, i) => {
      const ref = { generator: g.id, version: g.version, seed: hashSeed(`pool-measured:${g.id}:${tier}:${i}`), tier };
      const q = buildQuestion(ref);
      const program = buildProgram(ref);
      const code = q.prompt.find((b): b is Extract<PromptBlock, { kind: 'code' }> => b.kind === 'code');
      if (!program?.check || !code) throw new Error(`${g.id}@${g.version} t${tier}: no measured program or code`);
      return { name: `${g.id}@${g.version} t${tier} seed ${ref.seed}`, expected: q.answer, source: program.source, shown: inLang(code.code, 'en'), check: program.check };
    }),
  ),
);

const outcomes: MeasuredOutcome[] = [];

beforeAll(async () => {
  requirePython();
  // one at a time: each program's process pool uses both cores; no new run after DEADLINE_MS
  // (a busy machine makes cases drift, reported below, rather than time the suite out)
  const deadline = performance.now() + DEADLINE_MS;
  for (const c of cases) outcomes.push(await runMeasured(c.source, c.check, c.expected, deadline));
}, DEADLINE_MS + 40_000);

describe('measured pool questions agree with real CPython', () => {
  it('has measured generators and cases (never passes vacuously)', () => {
    expect(measured.map((g) => g.id).sort()).toEqual(['fastest-executor', 'pool-overhead']);
    expect(cases.length).toBeGreaterThanOrEqual(PER_TIER * 3);
    expect(outcomes).toHaveLength(cases.length);
  });

  it('runs exactly the English code the learner is shown', () => {
    for (const c of cases) expect(c.source, c.name).toBe(c.shown);
  });

  it('no clean run disagrees with the answer (a run that never ran clean is reported, not judged)', () => {
    const report = cases.map((c, i) => `${c.name}: ${outcomes[i]?.verdict} (${outcomes[i]?.runs.join(' | ')})`);
    console.log(`measured pool oracle:\n  ${report.join('\n  ')}`);
    expect(report.filter((_, i) => outcomes[i]?.verdict === 'disagrees')).toEqual([]);
  });

  it('each generator has at least one clean run that agrees (a suite where every run drifted proves nothing, so it fails)', () => {
    for (const g of measured) {
      const agreed = cases.filter((c, i) => c.name.startsWith(`${g.id}@`) && outcomes[i]?.verdict === 'agrees');
      expect(agreed.length, `${g.id}: no clean agreeing run; the machine was too busy to measure (see the report above)`).toBeGreaterThan(0);
    }
  });
});
