'use server';

import { revalidatePath } from 'next/cache';
import { sessionUserId } from '@/lib/auth/session';
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
