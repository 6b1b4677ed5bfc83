/**
 * Settings → Optimize: fits the 21 FSRS-6 weights to one learner's reviews with fsrs-rs
 * (@open-spaced-repetition/binding), off the request path:
 * - the fit and both evaluations run in a child Node process (the binding's `evaluate` is
 *   synchronous, building thousands of items holds a thread too, and a panic inside the native
 *   addon aborts the whole process it runs in: seen with an item without any gap, so a worker
 *   thread would take the server down with it); the child reports progress over IPC;
 * - one optimization at a time per learner and at most MAX_OPTIMIZATIONS_AT_ONCE in the server;
 *   the page polls `optimizationProgress` while one runs;
 * - the fitted weights replace the current ones only if they predict the learner's reviews
 *   better (lib/srs/optimizer.ts shouldAdopt); the report with both figures is stored either way.
 */
import 'server-only';
import { spawn } from 'node:child_process';
import { countStandingReviews, getDrillSettings, getOptimizeReport, resetWeights, saveOptimization } from '@/lib/db/drills';
import { getOptimizerRows } from '@/lib/stats/service';
import { MIN_REVIEWS_TO_OPTIMIZE, evaluationSchema, reviewHistories, shouldAdopt, weightsSchema, type HistoryStep, type OptimizeReport } from '@/lib/srs/optimizer';
import { weightsOf } from '@/lib/srs/scheduler';
import { z } from 'zod';

/** Fits running at once in this server: one per core of a small machine. */
export const MAX_OPTIMIZATIONS_AT_ONCE = 2;

export type OptimizeProgress = { status: 'idle' } | { status: 'running'; current: number; total: number } | { status: 'failed' };

const running = new Map<string, { current: number; total: number }>();
/** Learners whose last fit failed, told once by the next progress read. */
const failed = new Set<string>();

// Plain JavaScript run by the child. The binding is loaded from the app's own node_modules
// (it is a native addon, kept out of the bundle by next.config.js serverExternalPackages).
const CHILD_SOURCE = `
process.once('message', (workerData) => {
const parentPort = { postMessage: (message) => process.send(message) };
const { createRequire } = require('node:module');
const path = require('node:path');
const binding = createRequire(path.join(workerData.root, 'package.json'))('@open-spaced-repetition/binding');
const items = workerData.histories.map((steps) => new binding.FSRSBindingItem(steps.map(([rating, deltaT]) => new binding.FSRSBindingReview(rating, deltaT))));
binding
  .computeParameters(items, {
    enableShortTerm: true,
    numRelearningSteps: 1,
    progress: (current, total) => { parentPort.postMessage({ status: 'progress', current, total }); },
  })
  .then((fitted) => {
    const evaluate = (weights) => new binding.FSRSBinding(weights).evaluate(items);
    const c = evaluate(workerData.currentWeights);
    const f = evaluate(fitted);
    parentPort.postMessage({
      status: 'done',
      weights: fitted,
      current: { logLoss: c.logLoss, rmseBins: c.rmseBins },
      fitted: { logLoss: f.logLoss, rmseBins: f.rmseBins },
    });
  })
  .catch((error) => parentPort.postMessage({ status: 'error', message: String(error) }))
  .finally(() => process.disconnect());
});
`;

const childResult = z.object({ status: z.literal('done'), weights: weightsSchema, current: evaluationSchema, fitted: evaluationSchema });
export type FitResult = z.infer<typeof childResult>;

/**
 * Fits weights to `histories` in a child process (fsrs-rs's default training, seeded, so the
 * same reviews fit the same weights) and evaluates them and `currentWeights` on the
 * same items. `onProgress` hears the binding's (current, total) as the fit goes.
 */
export function fitInChildProcess(
  histories: readonly (readonly HistoryStep[])[],
  currentWeights: readonly number[],
  onProgress: (current: number, total: number) => void,
): Promise<FitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD_SOURCE], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      if (child.exitCode === null) child.kill();
    };
    child.on('message', (message: { status: string; current?: number; total?: number; message?: string }) => {
      if (message.status === 'progress') onProgress(Number(message.current), Number(message.total));
      else if (message.status === 'done') {
        const parsed = childResult.safeParse(message);
        finish(() => (parsed.success ? resolve(parsed.data) : reject(new Error(`optimizer: unexpected result: ${parsed.error.message}`))));
      } else finish(() => reject(new Error(`optimizer: ${message.message ?? 'failed'}`)));
    });
    child.once('error', (error) => finish(() => reject(error)));
    child.once('exit', (code, signal) => finish(() => reject(new Error(`optimizer exited with ${signal ?? code}`))));
    child.send({ root: process.cwd(), histories, currentWeights: [...currentWeights] });
  });
}

export type StartOptimization =
  | { status: 'started' }
  | { status: 'too-few'; reviews: number; needed: number }
  | { status: 'running' }
  | { status: 'busy' };

/**
 * Starts fitting the learner's weights and returns at once; the report is stored when the fit
 * ends. The promise the fit runs on is kept by the returned `done` for tests and benchmarks.
 */
export async function startOptimization(userId: string, now: Date): Promise<StartOptimization & { done?: Promise<void> }> {
  if (running.has(userId)) return { status: 'running' };
  if (running.size >= MAX_OPTIMIZATIONS_AT_ONCE) return { status: 'busy' };
  const reviews = await countStandingReviews(userId);
  if (reviews < MIN_REVIEWS_TO_OPTIMIZE) return { status: 'too-few', reviews, needed: MIN_REVIEWS_TO_OPTIMIZE };
  if (running.has(userId)) return { status: 'running' };
  const progress = { current: 0, total: 0 };
  running.set(userId, progress);
  failed.delete(userId);
  const done = (async () => {
    try {
      const [settings, rows] = await Promise.all([getDrillSettings(userId), getOptimizerRows(userId)]);
      const histories = reviewHistories(rows);
      const result = await fitInChildProcess(histories, weightsOf(settings), (current, total) => {
        progress.current = current;
        progress.total = total;
      });
      await saveOptimization(userId, {
        at: now,
        reviews: rows.length,
        current: result.current,
        fitted: result.fitted,
        fittedWeights: result.weights,
        adopted: shouldAdopt(result.current, result.fitted),
      });
    } catch (error) {
      console.error('optimization failed', error);
      failed.add(userId);
    } finally {
      running.delete(userId);
    }
  })();
  return { status: 'started', done };
}

/** How the learner's optimization is going. */
export function optimizationProgress(userId: string): OptimizeProgress {
  const job = running.get(userId);
  if (job) return { status: 'running', current: job.current, total: job.total };
  if (failed.delete(userId)) return { status: 'failed' };
  return { status: 'idle' };
}

/** What Settings shows about Optimize. */
export interface OptimizerView {
  /** Standing reviews so far, and how many Optimize needs. */
  reviews: number;
  needed: number;
  /** The weights the scheduler uses now, and whether they are the learner's own. */
  weights: readonly number[];
  own: boolean;
  report: OptimizeReport | null;
  progress: OptimizeProgress;
}

export async function optimizerView(userId: string): Promise<OptimizerView> {
  const [reviews, settings, report] = await Promise.all([countStandingReviews(userId), getDrillSettings(userId), getOptimizeReport(userId)]);
  return { reviews, needed: MIN_REVIEWS_TO_OPTIMIZE, weights: weightsOf(settings), own: settings.weights != null, report, progress: optimizationProgress(userId) };
}

/** Back to the default weights (the last report stays, for its figures). */
export async function resetToDefaultWeights(userId: string): Promise<void> {
  await resetWeights(userId);
}
