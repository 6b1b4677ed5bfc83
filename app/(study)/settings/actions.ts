'use server';

import { revalidatePath } from 'next/cache';
import { sessionUserId } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { optimizationProgress, resetToDefaultWeights, startOptimization, type OptimizeProgress } from '@/lib/drills/optimize';
import { saveDrillSettings } from '@/lib/db/drills';
import { fieldErrors } from '@/lib/auth/schema';
import { isFormData } from '@/lib/http/form-data';
import { settingsInput } from './schema';

export type SettingsState =
  | { status: 'idle' }
  | { status: 'ok' }
  | { status: 'invalid'; errors: Record<string, string> }
  | { status: 'unauthorized' }
  | { status: 'error' };

export async function saveSettings(_prev: SettingsState, formData: FormData): Promise<SettingsState> {
  if (!isFormData(formData)) return { status: 'invalid', errors: { form: 'request' } };
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = settingsInput.safeParse({
    desiredRetention: formData.get('desiredRetention'),
    newPerDay: formData.get('newPerDay'),
    reviewsPerDay: formData.get('reviewsPerDay'),
    timeZone: formData.get('timeZone') ?? '',
    examDate: formData.get('examDate') ?? '',
  });
  if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
  try {
    await saveDrillSettings(userId, parsed.data);
  } catch (error) {
    console.error('saveSettings failed', error);
    return { status: 'error' };
  }
  revalidatePath('/settings');
  revalidatePath('/drill');
  return { status: 'ok' };
}

export type OptimizeState =
  | { status: 'idle' }
  | { status: 'started' }
  | { status: 'running' }
  | { status: 'busy' }
  | { status: 'too-few'; reviews: number; needed: number }
  | { status: 'unauthorized' }
  | { status: 'error' };

/** Settings → Optimize: starts fitting the learner's weights and returns at once. */
export async function startOptimize(): Promise<OptimizeState> {
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  try {
    const outcome = await startOptimization(userId, await now());
    return outcome.status === 'too-few' ? { status: 'too-few', reviews: outcome.reviews, needed: outcome.needed } : { status: outcome.status };
  } catch (error) {
    console.error('startOptimize failed', error);
    return { status: 'error' };
  }
}

/** How the caller's optimization is going (the page polls it while one runs). */
export async function optimizeProgress(): Promise<OptimizeProgress | { status: 'unauthorized' }> {
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  return optimizationProgress(userId);
}

export type ResetWeightsState = { status: 'idle' } | { status: 'ok' } | { status: 'unauthorized' } | { status: 'error' };

/** Back to FSRS's default weights. */
export async function resetFsrsWeights(): Promise<ResetWeightsState> {
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  try {
    await resetToDefaultWeights(userId);
  } catch (error) {
    console.error('resetFsrsWeights failed', error);
    return { status: 'error' };
  }
  revalidatePath('/settings');
  return { status: 'ok' };
}
