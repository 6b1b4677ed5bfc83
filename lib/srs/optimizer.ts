/**
 * Fitting FSRS to one learner, the pure part: the review histories the optimizer trains on,
 * the rule that decides whether fitted weights replace the current ones, and the stored
 * report. lib/drills/optimize.ts runs the fit (fsrs-rs through @open-spaced-repetition/binding)
 * on a worker thread.
 */
import { z } from 'zod';
import { instant } from './card-state';
import type { OptimizerRow } from './stats';
import { FSRS_WEIGHT_COUNT } from './types';

/** Reviews a learner needs before Optimize is offered (Anki's guidance: a few hundred). */
export const MIN_REVIEWS_TO_OPTIMIZE = 400;

/** One review inside a history: [rating, days since the previous review (0 for the first)]. */
export type HistoryStep = readonly [rating: number, deltaT: number];

/**
 * The training items of fsrs-rs: for every card, one item per review that came at least a day
 * after the one before, each holding the card's reviews up to and including that one. `rows`
 * are the optimizer rows of lib/srs/stats.ts (by card, then time; gaps in the learner's days).
 */
export function reviewHistories(rows: readonly Pick<OptimizerRow, 'card_id' | 'review_rating' | 'elapsed_days'>[]): HistoryStep[][] {
  const items: HistoryStep[][] = [];
  let steps: HistoryStep[] = [];
  rows.forEach((row, i) => {
    if (i > 0 && rows[i - 1]!.card_id !== row.card_id) steps = [];
    const deltaT = steps.length === 0 ? 0 : row.elapsed_days;
    steps.push([row.review_rating, deltaT]);
    // fsrs-rs predicts recall after a gap of days: an item whose last review came the same
    // day as the one before is no training target (its evaluation refuses such items as
    // invalid input, and its trainer aborts the process on an item without any gap).
    if (steps.length > 1 && deltaT > 0) items.push([...steps]);
  });
  return items;
}

/** How well a set of weights predicts the learner's recall: lower is better for both. */
export const evaluationSchema = z.object({ logLoss: z.number(), rmseBins: z.number() });
export type Evaluation = z.infer<typeof evaluationSchema>;

/**
 * Smallest change in either measure that counts: fsrs-rs evaluates in 32-bit floats, and the
 * same weights on the same reviews can differ in the seventh digit between runs.
 */
export const EVALUATION_NOISE = 1e-5;

/**
 * Fitted weights replace the current ones only if they predict the same reviews better on
 * both measures: a lower log loss (by more than noise) and an RMSE (bins) no higher (up to
 * noise). A fit that wins one and loses the other would change every interval for a gain the
 * learner cannot count on.
 */
export function shouldAdopt(current: Evaluation, fitted: Evaluation): boolean {
  return current.logLoss - fitted.logLoss > EVALUATION_NOISE && fitted.rmseBins <= current.rmseBins + EVALUATION_NOISE;
}

export const weightsSchema = z.array(z.number().finite()).length(FSRS_WEIGHT_COUNT);

/** What Settings shows of the last optimization. */
export const optimizeReportSchema = z.object({
  at: instant,
  /** Standing reviews the fit used. */
  reviews: z.int().min(0),
  current: evaluationSchema,
  fitted: evaluationSchema,
  fittedWeights: weightsSchema,
  adopted: z.boolean(),
});
export type OptimizeReport = z.output<typeof optimizeReportSchema>;

/** Stored JSON text read with `schema`: the value, or null when there is none or it no longer reads. */
function parseStored<T extends z.ZodType>(schema: T, text: string | null): z.output<T> | null {
  if (!text) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A stored report, or null when there is none or it no longer reads. */
export function parseOptimizeReport(text: string | null): OptimizeReport | null {
  return parseStored(optimizeReportSchema, text);
}

export function serializeOptimizeReport(report: OptimizeReport): string {
  return JSON.stringify(z.encode(optimizeReportSchema, report));
}

/** Stored weights, or null (defaults) when there are none or they are not 21 finite numbers. */
export function parseWeights(text: string | null): number[] | null {
  return parseStored(weightsSchema, text);
}
