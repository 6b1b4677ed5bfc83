/**
 * Runs many short Python programs in a few interpreters: python3 start-up (0.1–0.3 s on a
 * busy machine) would otherwise dominate. Each program is exec'd in a fresh `__main__`-like
 * namespace with its stdout captured; between programs the namespace is dropped and the
 * cycle collector run (outside the program), so no program sees another's objects.
 */
import { spawn } from 'node:child_process';
import { parseAnswer } from './run-programs';

export interface BatchRun {
  readonly stdout: string;
  /** The traceback if the program raised. */
  readonly error: string | null;
  /** The JSON after `ANSWER ` on the last stdout line, or undefined when missing. */
  readonly answer: unknown;
}

const DRIVER = String.raw`
import contextlib, gc, io, json, sys, traceback
progs = json.load(sys.stdin)
results = []
for src in progs:
    out = io.StringIO()
    ns = {"__name__": "__main__", "__builtins__": __builtins__}
    err = None
    try:
        code = compile(src, "<lockstep>", "exec")
        with contextlib.redirect_stdout(out):
            exec(code, ns)
    except BaseException:
        err = traceback.format_exc()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        del ns
        gc.collect()
    results.append({"stdout": out.getvalue(), "error": err})
sys.stdout.write(json.dumps(results))
`;

function runChunk(sources: readonly string[], timeoutMs: number): Promise<BatchRun[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', DRIVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`python3 batch driver exited with ${code}: ${stderr.slice(-500)}`));
        return;
      }
      const raw = JSON.parse(stdout) as { stdout: string; error: string | null }[];
      resolve(
        raw.map((r) => {
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

/** Runs `sources` split over `processes` interpreters; results in input order. */
export async function runPythonBatch(sources: readonly string[], processes = 2, timeoutMs = 50_000): Promise<BatchRun[]> {
  const n = Math.max(1, Math.min(processes, sources.length));
  const size = Math.ceil(sources.length / n);
  const chunks = Array.from({ length: n }, (_, i) => sources.slice(i * size, (i + 1) * size));
  const results = await Promise.all(chunks.map((c) => runChunk(c, timeoutMs)));
  return results.flat();
}
