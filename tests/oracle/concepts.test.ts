/**
 * Real-CPython oracle for pipe-ends: each exported program is the shown program (real
 * `multiprocessing.Pipe` connections, every numbered call tried) plus one line printing the
 * numbers of the calls that returned as `ANSWER <json>`. It must print the question's answer.
 * Programs run in two interpreters (objects-batch.ts), each in a fresh namespace.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateScenario, programOf, questionOf } from '@/lib/questions/registry';
import { pipeEnds } from '@/lib/questions/pool/pipe-ends';
import type { Answer, Tier } from '@/lib/questions/types';
import { hashSeed } from '@/lib/sim/rng';
import { runPythonBatch, type BatchRun } from './objects-batch';
import { requirePython } from './run-programs';

const PER_TIER = 30;

interface Case {
  readonly seed: number;
  readonly tier: Tier;
  readonly expected: Answer;
  readonly source: string;
}

const cases: Case[] = [];
for (const tier of pipeEnds.tiers) {
  for (let i = 0; i < PER_TIER; i++) {
    const ref = { generator: pipeEnds.id, version: pipeEnds.version, seed: hashSeed(`oracle:${pipeEnds.id}:${tier}:${i}`), tier };
    const { scenario, analysis } = generateScenario(ref);
    const program = programOf(ref, scenario);
    if (!program) throw new Error('pipe-ends has no program');
    cases.push({ seed: ref.seed, tier, expected: questionOf(ref, scenario, analysis).answer, source: program.source });
  }
}

let runs: BatchRun[] = [];

beforeAll(async () => {
  requirePython();
  runs = await runPythonBatch(cases.map((c) => c.source), 2);
}, 60_000);

describe('pipe-ends agrees with real multiprocessing.Pipe', () => {
  it('python3 prints the simulator\'s answer for every program', () => {
    expect(runs.length).toBe(cases.length);
    const failures = cases.flatMap((c, i) => {
      const r = runs[i];
      if (r && JSON.stringify(r.answer) === JSON.stringify(c.expected)) return [];
      return [`npm run -s question -- export pipe-ends --seed ${c.seed} --tier ${c.tier}: expected ${JSON.stringify(c.expected)}, python3 printed ${JSON.stringify(r?.answer)} ${r?.error ?? ''}`];
    });
    expect(failures).toEqual([]);
  });

  it('the program shown is the program run: the source starts with the shown code', () => {
    for (const c of cases.slice(0, 10)) {
      const ref = { generator: pipeEnds.id, version: pipeEnds.version, seed: c.seed, tier: c.tier };
      const q = questionOf(ref, generateScenario(ref).scenario);
      const shown = q.prompt.find((b) => b.kind === 'code');
      expect(shown && 'code' in shown ? c.source.startsWith(shown.code) : false).toBe(true);
    }
  });
});
