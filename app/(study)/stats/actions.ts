'use server';

import { revalidatePath } from 'next/cache';
import { sessionUserId } from '@/lib/auth/session';
import { replaceProgress } from '@/lib/db/stats';
import { isFormData } from '@/lib/http/form-data';
import { importFormInput, parseProgressFile, type ImportIssue } from './schema';

export type ImportState =
  | { status: 'idle' }
  | { status: 'ok'; cards: number; reviews: number; deckTopics: number }
  | { status: 'invalid'; issues: ImportIssue[]; more: number }
  | { status: 'error' };

const FORM_ISSUES = new Set(['no-file', 'too-large', 'confirm']);

/**
 * Replaces the learner's progress with an uploaded progress file. A file with any problem
 * changes nothing, and the state names the problems (section, row, field).
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
  try {
    const parsed = parseProgressFile(await form.data.file.text());
    if (parsed.status === 'invalid') return parsed;
    const summary = await replaceProgress(userId, parsed.data);
    revalidatePath('/stats');
    return { status: 'ok', ...summary };
  } catch (error) {
    console.error('importProgressFile failed', error);
    return { status: 'error' };
  }
}
