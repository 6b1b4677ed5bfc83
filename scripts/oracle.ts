/**
 * Checking at scale: `npm run oracle -- --random N [--only <generator>]` runs N fresh random
 * seeds per generator × tier (newest versions) against the machine's real python3 / gcc and
 * prints each generator's agreement. At most two programs run at once.
 *
 * Thread programs go through the thread oracle (measured times, re-runs after drift; a run
 * that never ran clean is counted as drifted, never as agreeing). Measured pool programs (a
 * `check` reads their timings) run one at a time through tests/oracle/measured-oracle.ts
 * (NOISY runs repeated, never judged). Other programs run once:
 * Python ones under `python3` (as a file when they ask to be), C ones compiled with gcc.
 * Exit code 0 when every run agreed, 1 otherwise, 2 on bad input.
 */
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram, buildQuestion, listGenerators } from '@/lib/questions/registry';
import { latestThreadGenerators } from '@/lib/questions/threads';
import type { Answer, Program, Tier, TimingCheck } from '@/lib/questions/types';
import { MAX_SEED_32 } from '@/lib/sim/rng';
import { runMeasured } from '../tests/oracle/measured-oracle';
import { needsFile } from '../tests/oracle/pool-harness';
import { parseAnswer, pool, requirePython } from '../tests/oracle/run-programs';
import { describeCase, MAX_CONCURRENT, runThreadCases, threadCases, type Verdict } from '../tests/oracle/threads-oracle';

const USAGE = 'usage: npm run oracle -- --random N [--only <generator>]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): { n: number; only?: string } {
  let n: number | undefined;
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--random') n = Number(argv[++i]);
    else if (a === '--only') only = argv[++i];
    else fail(`unknown argument ${JSON.stringify(a)}`);
  }
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > 1000) fail('--random needs a whole number of seeds from 1 to 1000');
  if (only !== undefined && !listGenerators().some((g) => g.id === only)) fail(`no generator ${JSON.stringify(only)} (see npm run question -- list)`);
  return { n, only };
}

interface Outcome {
  readonly generator: string;
  readonly verdict: Verdict;
  readonly detail: string;
  /** Measured programs: runs that were NOISY and run again. */
  readonly noisy: number;
}

function exec(file: string, args: readonly string[], input?: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { timeout: 120_000, killSignal: 'SIGKILL', maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ stdout: String(stdout), stderr: String(stderr), code: err ? (typeof err.code === 'number' ? err.code : null) : 0 });
    });
    // a program that never reads its input may exit first: EPIPE on its stdin is no error
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

/** Runs one non-thread program once and prints what it answered. */
async function runOnce(program: Program, dir: string, name: string): Promise<{ answer: unknown; error: string }> {
  let r: { stdout: string; stderr: string; code: number | null };
  if (program.language === 'python') {
    if (needsFile(program.source)) {
      const file = join(dir, `${name}.py`);
      writeFileSync(file, program.source);
      r = await exec('python3', [file]);
    } else {
      r = await exec('python3', ['-'], program.source);
    }
  } else {
    const src = join(dir, `${name}.c`);
    writeFileSync(src, program.source);
    const cc = await exec('gcc', ['-O0', '-w', '-o', join(dir, name), src]);
    if (cc.code !== 0) return { answer: undefined, error: `gcc: ${cc.stderr.slice(-300)}` };
    r = await exec(join(dir, name), []);
  }
  let answer: unknown;
  try {
    answer = parseAnswer(r.stdout);
  } catch {
    answer = undefined;
  }
  return { answer, error: `exit ${r.code} ${r.stderr.slice(-300)}` };
}

async function otherOutcomes(ids: readonly string[], seedsOf: () => number[]): Promise<Outcome[]> {
  const jobs: { generator: string; seed: number; tier: Tier; expected: Answer; program: Program }[] = [];
  for (const g of listGenerators().filter((x) => ids.includes(x.id))) {
    for (const tier of g.tiers) {
      for (const seed of seedsOf()) {
        const ref = { generator: g.id, version: g.version, seed, tier };
        const program = buildProgram(ref);
        if (program) jobs.push({ generator: g.id, seed, tier, expected: buildQuestion(ref).answer, program });
      }
    }
  }
  // Measured programs (their `check` reads the timings they print) use both cores: one at a time, after the rest.
  const measured = jobs.filter((j) => j.program.check);
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-oracle-'));
  try {
    const once = await pool(jobs.filter((j) => !j.program.check), MAX_CONCURRENT, async (j) => {
      const r = await runOnce(j.program, dir, `${j.generator}-${j.tier}-${j.seed}`);
      const agrees = JSON.stringify(r.answer) === JSON.stringify(j.expected);
      const detail = `npm run -s question -- export ${j.generator} --seed ${j.seed} --tier ${j.tier}: expected ${JSON.stringify(j.expected)}, got ${JSON.stringify(r.answer)} ${agrees ? '' : r.error}`;
      return { generator: j.generator, verdict: agrees ? ('agrees' as const) : ('disagrees' as const), detail, noisy: 0 };
    });
    const timed = await pool(measured, 1, async (j) => {
      const check = j.program.check as TimingCheck;
      const r = await runMeasured(j.program.source, check, j.expected);
      const detail = `npm run -s question -- export ${j.generator} --seed ${j.seed} --tier ${j.tier}: expected ${JSON.stringify(j.expected)}; runs: ${r.runs.join(' | ').slice(0, 400)}`;
      // these run for minutes: one line per program as it finishes
      console.log(`  ${r.verdict.padEnd(9)} ${String(r.noisy).padStart(2)} noisy  ${detail}`);
      return { generator: j.generator, verdict: r.verdict, detail, noisy: r.noisy };
    });
    return [...once, ...timed];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { n, only } = parseArgs(process.argv.slice(2));
  requirePython();
  const seedsOf = () => Array.from({ length: n }, () => randomInt(0, MAX_SEED_32 + 1));
  const threadIds = new Set(latestThreadGenerators.map((g) => g.id));
  const chosen = listGenerators().filter((g) => (only ? g.id === only : true) && buildProgram({ generator: g.id, version: g.version, seed: 1, tier: g.tiers[0] as Tier }));
  const started = performance.now();
  const threads = latestThreadGenerators.filter((g) => chosen.some((c) => c.id === g.id));
  const threadResults = await runThreadCases(threadCases(threads, seedsOf));
  const outcomes: Outcome[] = [
    ...threadResults.map((r) => ({ generator: r.c.generator, verdict: r.verdict, detail: describeCase(r), noisy: r.run.attempts - 1 })),
    ...(await otherOutcomes(chosen.filter((g) => !threadIds.has(g.id)).map((g) => g.id), seedsOf)),
  ];
  const reruns = threadResults.reduce((k, r) => k + r.run.attempts - 1, 0);
  console.log(`${'generator'.padEnd(24)} runs  agree  disagree  drifted  noisy-reruns`);
  for (const g of chosen) {
    const mine = outcomes.filter((o) => o.generator === g.id);
    const count = (v: Verdict) => mine.filter((o) => o.verdict === v).length;
    console.log(`${g.id.padEnd(24)} ${String(mine.length).padStart(4)}  ${String(count('agrees')).padStart(5)}  ${String(count('disagrees')).padStart(8)}  ${String(count('drifted')).padStart(7)}  ${String(mine.reduce((k, o) => k + o.noisy, 0)).padStart(12)}`);
  }
  const bad = outcomes.filter((o) => o.verdict !== 'agrees');
  for (const o of bad) console.log(`  ${o.verdict}: ${o.detail}`);
  const outvoted = threadResults.filter((r) => r.outvoted > 0).length;
  console.log(`${outcomes.length} programs in ${((performance.now() - started) / 1000).toFixed(1)} s (${reruns} thread re-runs after drift, ${outvoted} clean disagreement(s) outvoted by later runs); ${bad.length} not agreeing`);
  process.exitCode = bad.length === 0 ? 0 : 1;
}

void main();
