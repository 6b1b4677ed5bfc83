/**
 * Real-CPython oracle for the generators on the notes' concepts that have no engine oracle of
 * their own: pipe-ends (real `multiprocessing.Pipe` connections, every numbered call tried)
 * and who-runs-bytecode (the real `dis` listing must equal the one shown; the answer is
 * "specialized" when `dis.get_instructions(f, adaptive=True)` differs from the plain listing
 * after the warm-up calls, "jit" if the interpreter has a JIT enabled). Each exported program
 * is the shown program plus lines marked `# [lockstep]` printing `ANSWER <json>`; it must print
 * the question's answer. Programs run in two interpreters (objects-batch.ts), each in a fresh
 * namespace. (class-or-instance runs in tests/oracle/objects.test.ts with the other objects generators.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateScenario, programOf, questionOf } from '@/lib/questions/registry';
import { whoRunsBytecode } from '@/lib/questions/build/who-runs-bytecode';
import { pipeEnds } from '@/lib/questions/pool/pipe-ends';
import { inLang, type Answer, type Generator, type Tier } from '@/lib/questions/types';
import { hashSeed } from '@/lib/sim/rng';
import { runPythonBatch, type BatchRun } from './objects-batch';
import { requirePython } from './run-programs';

const PER_TIER = 30;
const GENERATORS: readonly Generator[] = [pipeEnds, whoRunsBytecode];

interface Case {
  readonly generator: Generator;
  readonly seed: number;
  readonly tier: Tier;
  readonly expected: Answer;
  readonly source: string;
  readonly shown: string;
}

const cases: Case[] = [];
for (const g of GENERATORS) {
  for (const tier of g.tiers) {
    for (let i = 0; i < PER_TIER; i++) {
      const ref = { generator: g.id, version: g.version, seed: hashSeed(`oracle:${g.id}:${tier}:${i}`), tier };
      const { scenario, analysis } = generateScenario(ref);
      const program = programOf(ref, scenario);
      if (!program) throw new Error(`${g.id} has no program`);
      const q = questionOf(ref, scenario, analysis);
      const code = q.prompt.find((b) => b.kind === 'code');
      cases.push({ generator: g, seed: ref.seed, tier, expected: q.answer, source: program.source, shown: code && 'code' in code ? inLang(code.code, 'en') : '' });
    }
  }
}

const runs = new Map<Case, BatchRun>();

beforeAll(async () => {
  requirePython();
  const out = await runPythonBatch(cases.map((c) => c.source), 2);
  cases.forEach((c, i) => {
    const r = out[i];
    if (r) runs.set(c, r);
  });
}, 60_000);

describe('concept generators agree with real CPython', () => {
  for (const g of GENERATORS) {
    it(`${g.id}: python3 prints the simulator's answer for every program`, () => {
      const mine = cases.filter((c) => c.generator === g);
      expect(mine.length).toBe(PER_TIER * g.tiers.length);
      const failures = mine.flatMap((c) => {
        const r = runs.get(c);
        if (r && JSON.stringify(r.answer) === JSON.stringify(c.expected)) return [];
        return [`npm run -s question -- export ${g.id} --seed ${c.seed} --tier ${c.tier}: expected ${JSON.stringify(c.expected)}, python3 printed ${JSON.stringify(r?.answer)} ${r?.error ?? ''}`];
      });
      expect(failures).toEqual([]);
    });

    it(`${g.id}: the program run starts with the program shown`, () => {
      for (const c of cases.filter((x) => x.generator === g)) expect(c.shown.length > 0 && c.source.startsWith(c.shown), `seed ${c.seed} tier ${c.tier}`).toBe(true);
    });
  }
});
