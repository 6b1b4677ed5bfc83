/**
 * Runs measured pool programs (fastest-executor from version 4): the program is the code the
 * learner sees, unchanged; it prints timings, which `judgeTimings` reads. Such a program uses
 * both cores (a process pool), so they run one at a time, never beside one another.
 *
 * A NOISY run (the loop took longer than its work allows: something else had the CPU; or the
 * compared times were too close to call) is never judged: it is run again after a pause, up to
 * TRIES runs, and counts as drifted if it never ran clean. A clean run that disagrees is run
 * again too: the verdict is that of most clean runs (up to CONFIRMING_RUNS), so a burst of
 * load the checks missed cannot fail the suite alone, while a wrong answer disagrees every time.
 */
import { judgeTimings } from '@/lib/questions/pool/measured';
import type { Answer, TimingCheck } from '@/lib/questions/types';
import { runPython } from './run-programs';
import type { Verdict } from './threads-oracle';

/** Runs of one program before it counts as drifted. */
export const TRIES = 5;
/** Clean runs asked for when the first clean run disagrees. */
const CONFIRMING_RUNS = 3;

export interface MeasuredOutcome {
  readonly verdict: Verdict;
  /** Every run: NOISY reasons, clean answers. */
  readonly runs: readonly string[];
  /** Runs that were NOISY and repeated. */
  readonly noisy: number;
}

/** One clean answer, or null after TRIES noisy runs; `log` collects what each run gave. */
async function cleanAnswer(source: string, check: TimingCheck, log: string[]): Promise<string | null> {
  for (let i = 0; i < TRIES; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 300 * i));
    const run = await runPython(source, 120_000);
    if (run.code !== 0) {
      log.push(`exit ${run.code}: ${run.stderr.slice(-300)}`);
      return null;
    }
    const v = judgeTimings(check, run.stdout);
    if (v.kind === 'clean') {
      log.push(`clean: ${v.answer}`);
      return v.answer;
    }
    log.push(`${v.kind === 'noisy' ? 'NOISY' : 'unreadable'}: ${v.reason}`);
    if (v.kind === 'unreadable') return null;
  }
  return null;
}

/** Runs a measured program until it runs clean (or drifts) and compares its answer with `expected`. */
export async function runMeasured(source: string, check: TimingCheck, expected: Answer): Promise<MeasuredOutcome> {
  const runs: string[] = [];
  const votes = { agrees: 0, disagrees: 0 };
  let verdict: Verdict = 'drifted';
  for (let i = 0; i < CONFIRMING_RUNS; i++) {
    const answer = await cleanAnswer(source, check, runs);
    if (answer === null) {
      if (runs.some((r) => r.startsWith('exit') || r.startsWith('unreadable'))) return { verdict: 'disagrees', runs, noisy: runs.filter((r) => r.startsWith('NOISY')).length };
      break;
    }
    votes[answer === expected ? 'agrees' : 'disagrees'] += 1;
    verdict = votes.agrees > votes.disagrees ? 'agrees' : votes.disagrees > votes.agrees ? 'disagrees' : verdict;
    // the first clean run agreeing decides; a disagreement asks for more clean runs
    if (votes.agrees > 0 && votes.agrees > votes.disagrees) break;
    if (votes.disagrees > CONFIRMING_RUNS / 2) break;
  }
  return { verdict, runs, noisy: runs.filter((r) => r.startsWith('NOISY')).length };
}
