import 'server-only';
import { getLocale } from 'next-intl/server';
import type { Lang } from '@/lib/questions/types';

/** The language questions are rendered in for this request: Korean for the ko locale, else English. */
export async function currentLang(): Promise<Lang> {
  return (await getLocale()) === 'ko' ? 'ko' : 'en';
}
