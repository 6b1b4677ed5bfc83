/**
 * Runs thread generators' exported programs under real CPython and classifies each run.
 * Shared by the fixed-seed oracle test and `npm run oracle -- --random N`.
 *
 * Timing: the programs measure the times their answers name (edition 2 programs print the
 * whole tick nearest to the measured time, and NOISY when it lies more than a tolerance off
 * every whole tick). A run that prints NOISY is never counted as agreeing: it is re-run on
 * a slower clock, a bounded number of times, and reported as drifted if it never runs clean.
 * A clean run that disagrees is run again: a wrong answer from the model disagrees on every
 * run, while load from other processes can shift a CPU-bound run by a whole tick without the
 * program noticing (seen with five builds running beside the oracle); the verdict is that of
 * most clean runs, and every run is kept for the report.
 * At most two interpreters run at once (CPU-bound programs one at a time, alone), so the
 * oracle itself does not crowd a 2-core machine.
 */
import { buildProgram, buildQuestion } from '@/lib/questions/registry';
import type { Generator } from '@/lib/questions/types';
import type { Answer, Tier } from '@/lib/questions/types';
import { pool, runPythonSteady, type ProgramRun } from './run-programs';

/** Most programs at once: the machine has two cores. */
export const MAX_CONCURRENT = 2;
/** Runs per program before it counts as drifted (each retry on a slower clock). */
export const TRIES = 3;
/** CPU-bound programs share the machine's cores with everything else: more tries. */
const CPU_BOUND_TRIES = 6;
/** Clean runs asked for when the first clean run disagrees (a majority of them decides). */
const CONFIRMING_RUNS = 3;
/** Generators whose programs burn CPU: run one at a time, with nothing else running. */
const CPU_BOUND = new Set(['gil-runtime']);

export interface ThreadCase {
  readonly generator: string;
  readonly version: number;
  readonly seed: number;
  readonly tier: Tier;
  readonly expected: Answer;
  readonly source: string;
}

export type Verdict = 'agrees' | 'disagrees' | 'drifted';

export interface CaseResult {
  readonly c: ThreadCase;
  /** The run the verdict rests on (the last one). */
  readonly run: ProgramRun;
  readonly verdict: Verdict;
  /** Clean runs that disagreed, when a majority of later clean runs agreed (0 otherwise). */
  readonly outvoted: number;
}

/** The cases for some generators, `seedsOf(generator, tier)` seeds each. */
export function threadCases(generators: readonly Generator[], seedsOf: (g: Generator, tier: Tier) => readonly number[]): ThreadCase[] {
  const out: ThreadCase[] = [];
  for (const g of generators) {
    for (const tier of g.tiers) {
      for (const seed of seedsOf(g, tier)) {
        const ref = { generator: g.id, version: g.version, seed, tier };
        const program = buildProgram(ref);
        if (!program) throw new Error(`${g.id}@${g.version} has no program`);
        out.push({ ...ref, expected: buildQuestion(ref).answer, source: program.source });
      }
    }
  }
  return out;
}

/** A clean run agrees or disagrees; a run still NOISY after every try has drifted and proves nothing. */
export function verdictOf(c: ThreadCase, run: ProgramRun): Verdict {
  if (run.noisy) return 'drifted';
  return JSON.stringify(run.answer) === JSON.stringify(c.expected) ? 'agrees' : 'disagrees';
}

/** Runs every case (sleep-bound ones two at a time, then CPU-bound ones alone) and classifies it. */
export async function runThreadCases(cases: readonly ThreadCase[], onDone?: (r: CaseResult) => void): Promise<CaseResult[]> {
  const run = async (c: ThreadCase): Promise<CaseResult> => {
    const tries = CPU_BOUND.has(c.generator) ? CPU_BOUND_TRIES : TRIES;
    let r = await runPythonSteady(c.source, tries);
    let verdict = verdictOf(c, r);
    const votes = { agrees: 0, disagrees: 0 };
    if (verdict === 'disagrees') {
      votes.disagrees = 1;
      for (let i = 1; i < CONFIRMING_RUNS && Math.max(votes.agrees, votes.disagrees) <= CONFIRMING_RUNS / 2; i++) {
        r = await runPythonSteady(c.source, tries);
        const again = verdictOf(c, r);
        if (again !== 'drifted') votes[again] += 1;
      }
      verdict = votes.agrees > votes.disagrees ? 'agrees' : 'disagrees';
    }
    const result: CaseResult = { c, run: r, verdict, outvoted: verdict === 'agrees' ? votes.disagrees : 0 };
    onDone?.(result);
    return result;
  };
  const sleepy = cases.filter((c) => !CPU_BOUND.has(c.generator));
  const cpu = cases.filter((c) => CPU_BOUND.has(c.generator));
  return [...(await pool(sleepy, MAX_CONCURRENT, run)), ...(await pool(cpu, 1, run))];
}

/** How to reproduce a case by hand. */
export function describeCase(r: CaseResult): string {
  const { c, run } = r;
  const how = `npm run -s question -- export ${c.generator} --seed ${c.seed} --tier ${c.tier}`;
  if (r.verdict === 'drifted') return `${how}: timing drifted in all ${run.attempts} runs: ${run.stdout.split('\n').filter((l) => l.startsWith('NOISY')).join(' | ').slice(0, 300)}`;
  return `${how}: expected ${JSON.stringify(c.expected)}, python3 printed ${JSON.stringify(run.answer)} (exit ${run.code}) ${run.stderr.slice(-300)}`;
}
