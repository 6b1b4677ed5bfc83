'use server';

import { sessionUserId } from '@/lib/auth/session';
import { replaceProgress } from '@/lib/db/stats';
import { isFormData } from '@/lib/http/form-data';
import { claimImportSlot, parseOnWorker, yieldToEventLoop } from '@/lib/stats/import';
import { validateProgressInSteps, type ImportIssue } from '@/lib/stats/progress-file';
import { importFormInput } from './schema';

export type ImportState =
  | { status: 'idle' }
  | { status: 'ok'; cards: number; reviews: number; deckTopics: number }
  | { status: 'invalid'; issues: ImportIssue[]; more: number }
  | { status: 'error' };

const FORM_ISSUES = new Set(['no-file', 'too-large', 'confirm']);

/**
 * Replaces the learner's progress with an uploaded progress file. A file with any problem
 * changes nothing, and the state names the problems (section, row, field). The work goes in
 * small steps (lib/stats/import.ts) so that other requests are served meanwhile.
 */
export async function importProgressFile(formData: FormData): Promise<ImportState> {
  if (!isFormData(formData)) return { status: 'invalid', issues: [{ code: 'no-file', section: 'file' }], more: 0 };
  const userId = await sessionUserId();
  if (!userId) return { status: 'invalid', issues: [{ code: 'signed-out', section: 'file' }], more: 0 };
  const form = importFormInput.safeParse({ file: formData.get('file'), confirm: formData.get('confirm') ?? undefined });
  if (!form.success) {
    const issues = form.error.issues.map((i) => (FORM_ISSUES.has(i.message) ? i.message : 'no-file'));
    return { status: 'invalid', issues: [...new Set(issues)].map((code) => ({ code, section: 'file' as const })), more: 0 };
  }
  // One import per learner at a time (and a few in the whole server): each holds a parsed file.
  const release = claimImportSlot(userId);
  if (!release) return { status: 'invalid', issues: [{ code: 'busy', section: 'file' }], more: 0 };
  try {
    const parsed = await validateProgressInSteps(await parseOnWorker(await form.data.file.arrayBuffer()), yieldToEventLoop);
    if (parsed.status === 'invalid') return parsed;
    const summary = await replaceProgress(userId, parsed.data);
    // No revalidatePath: it would re-render the stats page inside this response; the form
    // refreshes the page itself (router.refresh) once the import is done.
    return { status: 'ok', ...summary };
  } catch (error) {
    console.error('importProgressFile failed', error);
    return { status: 'error' };
  } finally {
    release();
  }
}
