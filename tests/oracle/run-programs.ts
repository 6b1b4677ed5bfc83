/** Runs exported programs under the machine's real interpreter, many at once. */
import { spawn, spawnSync } from 'node:child_process';

export interface ProgramRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly ms: number;
  /** The JSON after `ANSWER ` on the last stdout line, or undefined when missing. */
  readonly answer: unknown;
  /** The program found a step that ran too far (over 0.6 tick) off its tick: timing not trustworthy. */
  readonly noisy: boolean;
  /** How many times it ran (noisy runs are repeated). */
  readonly attempts: number;
}

/** Throws a clear error when `python3` is not installed. */
export function requirePython(): string {
  const r = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error('The oracle tests need python3 on PATH (real CPython 3 with threading); it was not found.');
  }
  return (r.stdout || r.stderr).trim();
}

export function parseAnswer(stdout: string): unknown {
  const lines = stdout.trimEnd().split('\n');
  const last = lines[lines.length - 1] ?? '';
  if (!last.startsWith('ANSWER ')) return undefined;
  return JSON.parse(last.slice('ANSWER '.length));
}

/** Runs python3 with `args`, `input` on its stdin; its output and exit code (killed after `timeoutMs`). */
export function runPythonProcess(args: readonly string[], input: string, timeoutMs: number): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn('python3', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    child.stdin.end(input);
  });
}

export async function runPython(source: string, timeoutMs = 60_000): Promise<ProgramRun> {
  const started = performance.now();
  // -S: skip site-packages (the programs use the standard library only); starts faster.
  const { stdout, stderr, code } = await runPythonProcess(['-S', '-'], source, timeoutMs);
  let answer: unknown;
  try {
    answer = parseAnswer(stdout);
  } catch {
    answer = undefined;
  }
  const noisy = stdout.split('\n').some((l) => l.startsWith('NOISY '));
  return { stdout, stderr, code, ms: performance.now() - started, answer, noisy, attempts: 1 };
}

/**
 * Runs a program; a run the program itself reports as NOISY (the machine stalled a thread
 * by most of a tick, or a measured time drifted off its tick, so real timing could not be
 * trusted) is repeated on a slower clock (TICK × the attempt number), up to `tries` runs in
 * all. The result of the last run is returned: still NOISY means it never ran clean.
 */
export async function runPythonSteady(source: string, tries = 3, deadline = Number.POSITIVE_INFINITY): Promise<ProgramRun> {
  const base = /^TICK = ([0-9.]+)$/m.exec(source);
  let run = await runPython(source);
  let attempts = 1;
  while (run.noisy && attempts < tries && performance.now() < deadline) {
    attempts++;
    // Let a burst of load from elsewhere pass before trying again.
    await new Promise((r) => setTimeout(r, 250 * attempts));
    const slower = base ? source.replace(/^TICK = [0-9.]+$/m, `TICK = ${Number(base[1]) * attempts}`) : source;
    run = await runPython(slower);
  }
  return { ...run, attempts };
}

/** Runs tasks with at most `limit` in flight; results in input order. */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (_: unknown, w: number) => {
    // Stagger the first batch: interpreter start-up is the only CPU-heavy part.
    await new Promise((r) => setTimeout(r, w * 50));
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
