/**
 * Runs many exported pool programs in one python3 process: each program is executed as a
 * fresh `__main__` module (so functions pickle by reference as `__main__.<name>`, and the
 * fork-started workers find them), its stdout captured, and its `ANSWER` line returned.
 * Programs run as standalone scripts unchanged; batching only saves interpreter start-ups.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAnswer } from './run-programs';

/** Programs whose workers are spawned must be real files: the children re-import them. */
export const needsFile = (source: string): boolean => /^# lockstep: run-as-file/m.test(source);

const RUNNER = String.raw`
import sys, io, json, types, contextlib, traceback, time, faulthandler
faulthandler.dump_traceback_later(300, exit=True)
sources = json.loads(sys.stdin.read())
real_main = sys.modules["__main__"]
out = []
for src in sources:
    mod = types.ModuleType("__main__")
    buf = io.StringIO()
    error = None
    started = time.perf_counter()
    sys.modules["__main__"] = mod
    try:
        with contextlib.redirect_stdout(buf):
            exec(compile(src, "<lockstep-program>", "exec"), mod.__dict__)
    except BaseException:
        error = traceback.format_exc(limit=4)
    finally:
        sys.modules["__main__"] = real_main
    out.append({"stdout": buf.getvalue(), "error": error, "ms": (time.perf_counter() - started) * 1000})
sys.stdout.write(json.dumps(out))
`;

export interface BatchResult {
  readonly stdout: string;
  readonly error: string | null;
  readonly ms: number;
  /** Parsed `ANSWER` of the last stdout line, or undefined. */
  readonly answer: unknown;
}

/** Runs the programs in order in one interpreter; rejects if python3 itself fails. */
export function runBatch(sources: readonly string[], timeoutMs = 170_000): Promise<BatchResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', RUNNER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`python3 could not be started: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`python3 batch runner exited with ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      const rows = JSON.parse(stdout) as { stdout: string; error: string | null; ms: number }[];
      resolve(
        rows.map((r) => {
          let answer: unknown;
          try {
            answer = parseAnswer(r.stdout);
          } catch {
            answer = undefined;
          }
          return { ...r, answer };
        }),
      );
    });
    child.stdin.end(JSON.stringify(sources));
  });
}

/** Splits work into `parts` batches of about equal size, runs them in parallel, keeps order. */
export async function runBatches(sources: readonly string[], parts: number): Promise<BatchResult[]> {
  const size = Math.ceil(sources.length / parts);
  const chunks = Array.from({ length: parts }, (_, i) => sources.slice(i * size, (i + 1) * size)).filter((c) => c.length > 0);
  const results = await Promise.all(chunks.map((c) => runBatch(c)));
  return results.flat();
}

/** Runs one program as `python3 <file>` (for the spawn start method); resolves like a batch row. */
export function runFile(source: string, timeoutMs = 120_000): Promise<BatchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-pool-'));
  const file = join(dir, 'program.py');
  writeFileSync(file, source);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('python3', [file], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const finish = (error: string | null) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      let answer: unknown;
      try {
        answer = parseAnswer(stdout);
      } catch {
        answer = undefined;
      }
      resolve({ stdout, error, ms: performance.now() - started, answer });
    };
    child.on('error', (e) => finish(`python3 could not be started: ${e.message}`));
    child.on('close', (code) => finish(code === 0 ? null : `exit ${code}: ${stderr.slice(-1500)}`));
  });
}
