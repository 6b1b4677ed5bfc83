/**
 * The real-kernel oracle for the copy-on-write generators: every generator's program is
 * compiled with gcc and run as root; its `ANSWER` must equal the question's answer, and its
 * per-step picture of page tables (which entries share a frame, faults, copies, bytes read)
 * must equal the simulator's trace. Needs Linux, gcc and root (frame numbers in
 * /proc/<pid>/pagemap are zero for anyone else); without them the tests fail and say why.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalSteps, oracleProgram } from '@/lib/questions/memory/c-oracle';
import { memoryGenerators } from '@/lib/questions/memory';
import type { Generator, Question, Tier } from '@/lib/questions/types';
import { simulate, type MemoryOp } from '@/lib/sim/memory';
import { createRng } from '@/lib/sim/rng';
import { buildOps, intentArb, layoutArb } from '../unit/sim/memory/arbitrary';
import { createOracle, oracleUnavailable, type Oracle, type RunResult } from './memory-harness';

/** Seeds per tier; three tiers, so 3 × this many runs per generator. */
const SEEDS_PER_TIER = 12;
const RANDOM_TRACES = 60;

interface Case {
  readonly generator: Generator;
  readonly seed: number;
  readonly tier: Tier;
  readonly question: Question;
  readonly ops: readonly MemoryOp[];
  readonly source: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const g of memoryGenerators) {
    for (const tier of g.tiers) {
      for (let i = 0; i < SEEDS_PER_TIER; i++) {
        const seed = 1000 * tier + i * 7919;
        const s = g.scenario(createRng(seed), tier) as { ops: readonly MemoryOp[] };
        const program = g.program?.(s);
        if (!program) throw new Error(`${g.id} has no program`);
        out.push({
          generator: g,
          seed,
          tier,
          question: g.question(s, { generator: g.id, version: g.version, seed, tier }),
          ops: s.ops,
          source: program.source,
        });
      }
    }
  }
  return out;
}

const randomOps: MemoryOp[][] = fc
  .sample(fc.tuple(layoutArb, fc.array(intentArb, { minLength: 8, maxLength: 30 })), { seed: 20260, numRuns: RANDOM_TRACES })
  .map(([layout, intents]) => buildOps(layout, intents));

/** Hand-written scenarios for the kernel behaviours the model relies on. */
const KERNEL_RULES: Record<string, { ops: MemoryOp[]; expect: Record<number, string> }> = {
  'the last sharer of a copy-on-write page reuses it (faults, no copy) — Linux ≥ 5.8': {
    ops: [
      { kind: 'map', pid: 'parent', name: 'p', base: 0, pages: 2, shared: false },
      { kind: 'write', pid: 'parent', vpage: 0, value: 'A' },
      { kind: 'fork', pid: 'parent', child: 'child' },
      { kind: 'write', pid: 'parent', vpage: 0, value: 'B' },
      { kind: 'write', pid: 'child', vpage: 0, value: 'C' },
    ],
    expect: { 4: 'fault=1 copy=1', 5: 'fault=1 copy=0' },
  },
  'after the child exits, the parent’s write faults and reuses the frame': {
    ops: [
      { kind: 'map', pid: 'parent', name: 'p', base: 0, pages: 2, shared: false },
      { kind: 'write', pid: 'parent', vpage: 0, value: 'A' },
      { kind: 'fork', pid: 'parent', child: 'child' },
      { kind: 'exit', pid: 'child' },
      { kind: 'write', pid: 'parent', vpage: 0, value: 'B' },
    ],
    expect: { 5: 'fault=1 copy=0' },
  },
  'a first read maps the shared zero page; a write over it allocates without copying': {
    ops: [
      { kind: 'map', pid: 'parent', name: 'p', base: 0, pages: 3, shared: false },
      { kind: 'read', pid: 'parent', vpage: 0 },
      { kind: 'read', pid: 'parent', vpage: 1 },
      { kind: 'write', pid: 'parent', vpage: 0, value: 'A' },
    ],
    expect: { 2: 'fault=1 copy=0 value=0 | parent: Z - -', 3: 'fault=1 copy=0 value=0 | parent: Z Z -', 4: 'fault=1 copy=0 value=-1 | parent: a Z -' },
  },
  'fork copies no entries of a private area that was never written (no anon_vma)': {
    ops: [
      { kind: 'map', pid: 'parent', name: 'p', base: 0, pages: 2, shared: false },
      { kind: 'read', pid: 'parent', vpage: 0 },
      { kind: 'fork', pid: 'parent', child: 'child' },
      { kind: 'read', pid: 'child', vpage: 0 },
    ],
    expect: { 3: 'parent: Z - child: - -', 4: 'fault=1 copy=0 value=0 | parent: Z - child: Z -' },
  },
  'fork copies no MAP_SHARED entries; the child faults the same frame in': {
    ops: [
      { kind: 'map', pid: 'parent', name: 's', base: 8, pages: 1, shared: true },
      { kind: 'write', pid: 'parent', vpage: 8, value: 'A' },
      { kind: 'fork', pid: 'parent', child: 'child' },
      { kind: 'write', pid: 'child', vpage: 8, value: 'B' },
      { kind: 'read', pid: 'parent', vpage: 8 },
    ],
    expect: { 3: 'parent: a child: -', 4: 'fault=1 copy=0 value=-1 | parent: a child: a', 5: 'fault=0 copy=0 value=66' },
  },
  'exec releases the old address space': {
    ops: [
      { kind: 'map', pid: 'parent', name: 'p', base: 0, pages: 2, shared: false },
      { kind: 'write', pid: 'parent', vpage: 0, value: 'A' },
      { kind: 'fork', pid: 'parent', child: 'child' },
      { kind: 'exec', pid: 'child' },
      { kind: 'write', pid: 'parent', vpage: 0, value: 'B' },
    ],
    expect: { 5: 'fault=1 copy=0' },
  },
};

const problem = oracleUnavailable();
const all = problem ? [] : cases();
let oracle: Oracle | undefined;
let generatorRuns: RunResult[] = [];
let traceRuns: RunResult[] = [];
let ruleRuns: RunResult[] = [];
let setupError: unknown;

function mustRun(): void {
  if (problem) throw new Error(`real-kernel oracle cannot run: ${problem}`);
  if (setupError) throw setupError;
  const fatal = [...generatorRuns, ...traceRuns, ...ruleRuns].flatMap((r) => r.errors);
  if (fatal.length > 0) throw new Error(`oracle programs failed: ${fatal[0]}`);
}

beforeAll(async () => {
  if (problem) return;
  try {
    oracle = createOracle();
    const traceSources = randomOps.map((ops) => oracleProgram(ops, 'printf("ANSWER null\\n");'));
    const ruleSources = Object.values(KERNEL_RULES).map(({ ops }) => oracleProgram(ops, 'printf("ANSWER null\\n");'));
    const results = await oracle.runAll([...all.map((c) => c.source), ...traceSources, ...ruleSources]);
    generatorRuns = results.slice(0, all.length);
    traceRuns = results.slice(all.length, all.length + traceSources.length);
    ruleRuns = results.slice(all.length + traceSources.length);
  } catch (e) {
    setupError = e;
  }
}, 110_000);

afterAll(() => oracle?.dispose());

describe('copy-on-write oracle: real Linux kernel vs the simulator', () => {
  it('runs as root with gcc, and frame numbers are visible', () => {
    mustRun();
    expect(generatorRuns.length).toBeGreaterThan(0);
  });

  for (const g of memoryGenerators) {
    it(`${g.id}: the kernel's answer equals the question's answer on ${SEEDS_PER_TIER * g.tiers.length} seeds`, () => {
      mustRun();
      const mine = all.map((c, i) => [c, generatorRuns[i] as RunResult] as const).filter(([c]) => c.generator.id === g.id);
      expect(mine.length).toBeGreaterThanOrEqual(30);
      for (const [c, r] of mine) {
        const where = `${g.id} seed ${c.seed} tier ${c.tier}`;
        expect(r.code, `${where} exit code\n${r.stdout}${r.stderr}`).toBe(0);
        expect(r.checks, `${where}: /proc/kpagecount disagrees with the entries counted`).toEqual([]);
        expect(r.steps, `${where}: kernel trace vs simulator trace`).toEqual(canonicalSteps(c.ops, simulate(c.ops).entries));
        expect(r.answer, `${where}: kernel answer`).toEqual(c.question.answer);
      }
    });
  }

  it(`the simulator's whole trace matches the kernel on ${RANDOM_TRACES} random operation lists`, () => {
    mustRun();
    randomOps.forEach((ops, i) => {
      const r = traceRuns[i] as RunResult;
      expect(r.code, r.stdout).toBe(0);
      expect(r.checks).toEqual([]);
      expect(r.steps, JSON.stringify(ops)).toEqual(canonicalSteps(ops, simulate(ops).entries));
    });
  });

  Object.entries(KERNEL_RULES).forEach(([name, rule], i) => {
    it(`kernel rule: ${name}`, () => {
      mustRun();
      const r = ruleRuns[i] as RunResult;
      expect(r.code, r.stdout).toBe(0);
      for (const [k, text] of Object.entries(rule.expect)) expect(r.steps[Number(k) - 1], `step ${k}`).toContain(text);
      expect(r.steps).toEqual(canonicalSteps(rule.ops, simulate(rule.ops).entries));
    });
  });
});
