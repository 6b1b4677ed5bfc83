import 'server-only';
import type { Lang } from '@/lib/questions/types';
import { resolveLocale } from './resolve-locale';

/**
 * The language questions are rendered in for this request: Korean for the ko locale, else
 * English. The locale itself, not next-intl's whole request config (messages, the viewer's
 * time zone), which an answer does not need.
 */
export async function currentLang(): Promise<Lang> {
  return (await resolveLocale()) === 'ko' ? 'ko' : 'en';
}
