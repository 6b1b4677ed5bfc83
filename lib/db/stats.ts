import 'server-only';
import { prisma } from './client';
import { importProgress, loadLearnerStats, loadOptimizerRows, loadProgressRows, type ImportSummary, type LearnerStats } from './progress';
import type { OptimizerRow } from '@/lib/srs/stats';
import type { ProgressData, ProgressRows } from '@/lib/stats/progress-file';

export type { ImportSummary, LearnerStats };
export { ProgressImportError } from './progress';

/** Heatmap, streak, retention, forecast and mastery for the stats page. */
export function getLearnerStats(userId: string, now: Date): Promise<LearnerStats> {
  return loadLearnerStats(prisma, userId, now);
}

/** The learner's review history in the FSRS optimizer's layout (undone reviews excluded). */
export function getOptimizerRows(userId: string): Promise<OptimizerRow[]> {
  return loadOptimizerRows(prisma, userId);
}

/** The rows of the learner's progress file (no other user's data, no account data). */
export function getProgressRows(userId: string): Promise<ProgressRows> {
  return loadProgressRows(prisma, userId);
}

/** Replaces the learner's progress with a validated file, all or nothing. */
export function replaceProgress(userId: string, data: ProgressData): Promise<ImportSummary> {
  return importProgress(prisma, userId, data);
}
