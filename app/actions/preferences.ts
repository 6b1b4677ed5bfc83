'use server';

import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { LOCALE_COOKIE } from '@/i18n/locales';
import { sessionUserId } from '@/lib/auth/session';
import { setUserLocale } from '@/lib/db/users';
import { THEME_COOKIE } from '@/lib/theme';
import { preferenceCookie } from '@/lib/http/cookies';
import { isFormData } from '@/lib/http/form-data';
import { localeInput, themeInput } from './schema';
import type { FormState } from '@/lib/form-state';



const YEAR = 60 * 60 * 24 * 365;

/** Saves the UI language: on the account when signed in, and in a cookie for this browser. */
export async function setLocale(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!isFormData(formData)) return { status: 'invalid' };
  const parsed = localeInput.safeParse({ locale: formData.get('locale') });
  if (!parsed.success) return { status: 'invalid' };
  try {
    const userId = await sessionUserId();
    if (userId) await setUserLocale(userId, parsed.data.locale);
  } catch (error) {
    console.error('setLocale failed', error);
    return { status: 'error' };
  }
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, preferenceCookie(YEAR));
  revalidatePath('/', 'layout');
  return { status: 'ok' };
}

export async function setTheme(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!isFormData(formData)) return { status: 'invalid' };
  const parsed = themeInput.safeParse({ theme: formData.get('theme') });
  if (!parsed.success) return { status: 'invalid' };
  (await cookies()).set(THEME_COOKIE, parsed.data.theme, preferenceCookie(YEAR));
  revalidatePath('/', 'layout');
  return { status: 'ok' };
}
