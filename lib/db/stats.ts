import 'server-only';
import { prisma } from './client';
import { importProgress, loadProgressRows, type ImportSummary } from './progress';
import type { ProgressData, ProgressRows } from '@/lib/stats/progress-file';

export type { ImportSummary };
export { ProgressImportError } from './progress';

/** The rows of the learner's progress file (no other user's data, no account data). */
export function getProgressRows(userId: string): Promise<ProgressRows> {
  return loadProgressRows(prisma, userId);
}

/** Replaces the learner's progress with a validated file, all or nothing. */
export function replaceProgress(userId: string, data: ProgressData): Promise<ImportSummary> {
  return importProgress(prisma, userId, data);
}
