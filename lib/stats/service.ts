import 'server-only';
import { getProgressRows } from '@/lib/db/stats';
import { progressFile, type ProgressFileJson } from './progress-file';

/** The learner's whole progress as a progress file, exported at `now`. */
export async function exportProgressFile(userId: string, now: Date): Promise<ProgressFileJson> {
  return progressFile(await getProgressRows(userId), now);
}
