import 'server-only';
import { prisma } from '@/lib/db/client';
import { practiceTotals } from '@/lib/db/practice';
import { getProgressRows } from '@/lib/db/stats';
import type { OptimizerRow } from '@/lib/srs/stats';
import { loadLearnerStats, loadOptimizerRows, type LearnerStats } from './learner-stats';
import { progressFile, type ProgressFileJson } from './progress-file';

/** Heatmap, streak, retention, forecast and mastery for the stats page, and extra practice apart from the reviews. */
export async function getLearnerStats(userId: string, now: Date): Promise<LearnerStats & { practice: { answered: number; correct: number } }> {
  const [stats, practice] = await Promise.all([loadLearnerStats(prisma, userId, now), practiceTotals(userId)]);
  return { ...stats, practice };
}

/** The learner's review history in the FSRS optimizer's layout (undone reviews excluded). */
export function getOptimizerRows(userId: string): Promise<OptimizerRow[]> {
  return loadOptimizerRows(prisma, userId);
}

/** The learner's whole progress as a progress file, exported at `now`. */
export async function exportProgressFile(userId: string, now: Date): Promise<ProgressFileJson> {
  return progressFile(await getProgressRows(userId), now);
}
