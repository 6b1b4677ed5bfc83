/**
 * Runs measured pool programs (fastest-executor from version 4): the program is the code the
 * learner sees, unchanged; it prints timings, which `judgeTimings` reads. Such a program uses
 * both cores (a process pool), so they run one at a time, never beside one another.
 *
 * A NOISY run is never judged: other processes kept more than OTHERS_MAX_CORES of a core busy
 * while it ran (the oracle around the program reads /proc/stat and the program's own CPU time,
 * so load that steals a pool worker's core is seen even when the loop ran at full speed), the
 * loop took longer than its work allows, or the compared times were too close to call. It is
 * run again after a pause, up to TRIES runs, and counts as drifted if it never ran clean. A clean run that disagrees is run
 * again too: the verdict is that of most clean runs (up to CONFIRMING_RUNS), so a burst of
 * load the checks missed cannot fail the suite alone, while a wrong answer disagrees every time.
 */
import { readFileSync } from 'node:fs';
import { judgeTimings } from '@/lib/questions/pool/measured';
import type { Answer, TimingCheck } from '@/lib/questions/types';
import { runPythonProcess } from './run-programs';
import type { Verdict } from './threads-oracle';

/**
 * Runs the program (read from stdin) unchanged as `python3 -S -` and reports, on stderr, the
 * CPU time it and its pool workers used (RUSAGE_CHILDREN: every descendant reaped) and the CPU
 * time the whole machine spent busy meanwhile (/proc/stat: user, nice, system, irq, softirq
 * and steal), both in seconds, with the wall time.
 */
const WRAPPER = String.raw`
import json, os, resource, subprocess, sys, time
def busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return (v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / os.sysconf("SC_CLK_TCK")
src = sys.stdin.read()
b0, t0 = busy(), time.perf_counter()
r = subprocess.run([sys.executable, "-S", "-"], input=src, capture_output=True, text=True)
wall, others = time.perf_counter() - t0, busy() - b0
u = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stdout.write(r.stdout)
sys.stderr.write(r.stderr + "\nORACLE " + json.dumps({"code": r.returncode, "cpu": u.ru_utime + u.ru_stime, "busy": others, "wall": wall}) + "\n")
`;

/** Other processes may use this much of a core, on average over the run, before it counts as disturbed. */
const OTHERS_MAX_CORES = 0.35;

interface WrappedRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  /** Cores other processes kept busy, on average, while the program ran (null: not measured). */
  readonly others: number | null;
}

/** Seconds of CPU the whole machine has spent busy (/proc/stat, as the wrapper counts it), or null where there is no /proc. */
function machineBusy(): number | null {
  try {
    const v = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.split(/\s+/).slice(1).map(Number) ?? [];
    // clock ticks of USER_HZ, 100 on Linux
    return ((v[0] ?? 0) + (v[1] ?? 0) + (v[2] ?? 0) + (v[5] ?? 0) + (v[6] ?? 0) + (v[7] ?? 0)) / 100;
  } catch {
    return null;
  }
}

/** Waits (up to `maxMs`) for a half second in which other processes keep less than OTHERS_MAX_CORES busy. */
async function awaitQuiet(maxMs: number, deadline: number): Promise<void> {
  const until = Math.min(performance.now() + maxMs, deadline);
  while (performance.now() < until) {
    const before = machineBusy();
    await new Promise((r) => setTimeout(r, 500));
    const after = machineBusy();
    if (before === null || after === null || (after - before) / 0.5 < OTHERS_MAX_CORES) return;
  }
}

async function runWrapped(source: string, timeoutMs = 120_000): Promise<WrappedRun> {
  const { stdout, stderr, code } = await runPythonProcess(['-S', '-c', WRAPPER], source, timeoutMs);
  const line = stderr.split('\n').find((l) => l.startsWith('ORACLE '));
  const m = line ? (JSON.parse(line.slice('ORACLE '.length)) as { code: number; cpu: number; busy: number; wall: number }) : null;
  return { stdout, stderr, code: m ? m.code : code, others: m && m.wall > 0 ? Math.max(0, m.busy - m.cpu) / m.wall : null };
}

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
async function cleanAnswer(source: string, check: TimingCheck, log: string[], deadline: number): Promise<string | null> {
  for (let i = 0; i < TRIES && performance.now() < deadline; i++) {
    // a burst of load from elsewhere: let it pass before running (again)
    await awaitQuiet(i === 0 ? 5_000 : 20_000, deadline);
    const run = await runWrapped(source);
    if (run.code !== 0) {
      log.push(`exit ${run.code}: ${run.stderr.slice(-300)}`);
      return null;
    }
    if (run.others === null || run.others > OTHERS_MAX_CORES) {
      log.push(`NOISY: other processes kept ${run.others?.toFixed(2) ?? 'an unknown number of'} cores busy meanwhile`);
      continue;
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

/**
 * Runs a measured program until it runs clean (or drifts) and compares its answer with
 * `expected`; no new run starts after `deadline` (performance.now() ms): a case still without
 * a clean run then counts as drifted.
 */
export async function runMeasured(source: string, check: TimingCheck, expected: Answer, deadline = Number.POSITIVE_INFINITY): Promise<MeasuredOutcome> {
  const runs: string[] = [];
  const votes = { agrees: 0, disagrees: 0 };
  let verdict: Verdict = 'drifted';
  for (let i = 0; i < CONFIRMING_RUNS; i++) {
    const answer = await cleanAnswer(source, check, runs, deadline);
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
