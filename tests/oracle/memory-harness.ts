/**
 * Compiles and runs the copy-on-write oracle programs with the machine's gcc: many
 * programs at once, in a temporary directory, identical sources compiled once.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  /** The JSON after the last line's `ANSWER `, or undefined if there is none. */
  readonly answer: unknown;
  readonly steps: string[];
  readonly checks: string[];
  readonly errors: string[];
}

/** Why the oracle cannot run here, or null when it can. */
export function oracleUnavailable(): string | null {
  const gcc = spawnSync('gcc', ['--version'], { encoding: 'utf8' });
  if (gcc.error || gcc.status !== 0) {
    return 'gcc was not found: the real-kernel oracle compiles C programs with the machine’s gcc; install gcc (e.g. apt-get install gcc) and rerun.';
  }
  if (process.platform !== 'linux') return `the oracle needs Linux (/proc/<pid>/pagemap); this is ${process.platform}.`;
  return null;
}

function pool<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  return Promise.all(Array.from({ length: Math.min(width, items.length) }, lane)).then(() => out);
}

function run(file: string, args: readonly string[], timeoutMs: number): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ stdout: String(stdout), stderr: String(stderr), code });
    });
  });
}

function parse(stdout: string, stderr: string, code: number | null): RunResult {
  const lines = stdout.split('\n').filter((l) => l.length > 0);
  const last = lines[lines.length - 1] ?? '';
  let answer: unknown;
  if (last.startsWith('ANSWER ')) {
    try {
      answer = JSON.parse(last.slice('ANSWER '.length));
    } catch {
      answer = undefined;
    }
  }
  return {
    stdout,
    stderr,
    code,
    answer,
    steps: lines.filter((l) => l.startsWith('STEP ')),
    checks: lines.filter((l) => l.startsWith('CHECK ')),
    errors: lines.filter((l) => l.startsWith('ERROR ')),
  };
}

export interface Oracle {
  /** Compiles (once per distinct source) and runs every program; results in input order. */
  runAll(sources: readonly string[]): Promise<RunResult[]>;
  dispose(): void;
}

export function createOracle(): Oracle {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-cow-'));
  const width = Math.max(2, availableParallelism());
  return {
    async runAll(sources) {
      const byHash = new Map<string, string>();
      for (const src of sources) byHash.set(createHash('sha1').update(src).digest('hex').slice(0, 16), src);
      const hashes = [...byHash.keys()];
      const compiled = await pool(hashes, width, async (h) => {
        const c = join(dir, `${h}.c`);
        writeFileSync(c, byHash.get(h) as string);
        const r = await run('gcc', ['-O0', '-w', '-o', join(dir, h), c], 60_000);
        return { h, ok: r.code === 0, err: r.stderr };
      });
      const failed = compiled.find((c) => !c.ok);
      if (failed) throw new Error(`gcc failed on ${failed.h}.c:\n${failed.err}`);
      const results = new Map<string, RunResult>();
      const runs = await pool(hashes, width, async (h) => {
        const r = await run(join(dir, h), [], 30_000);
        return [h, parse(r.stdout, r.stderr, r.code)] as const;
      });
      for (const [h, r] of runs) results.set(h, r);
      return sources.map((src) => results.get(createHash('sha1').update(src).digest('hex').slice(0, 16)) as RunResult);
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
