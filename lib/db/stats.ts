import 'server-only';
import { prisma } from './client';
import {
  exportProgress,
  importProgress,
  loadLearnerStats,
  loadOptimizerRows,
  type ImportSummary,
  type LearnerStats,
  type ProgressData,
  type ProgressFileJson,
} from './progress';
import type { OptimizerRow } from '@/lib/srs/stats';

export type { ImportSummary, LearnerStats, ProgressData, ProgressFileJson };
export { ProgressImportError, PROGRESS_FORMAT, PROGRESS_VERSION } from './progress';

/** Heatmap, streak, retention, forecast and mastery for the stats page. */
export function getLearnerStats(userId: string, now: Date): Promise<LearnerStats> {
  return loadLearnerStats(prisma, userId, now);
}

/** The learner's review history in the FSRS optimizer's layout (undone reviews excluded). */
export function getOptimizerRows(userId: string): Promise<OptimizerRow[]> {
  return loadOptimizerRows(prisma, userId);
}

/** The learner's whole progress as a JSON document (no other user's data, no account data). */
export function getProgressExport(userId: string, now: Date): Promise<ProgressFileJson> {
  return exportProgress(prisma, userId, now);
}

/** Replaces the learner's progress with a validated file, all or nothing. */
export function replaceProgress(userId: string, data: ProgressData): Promise<ImportSummary> {
  return importProgress(prisma, userId, data);
}
