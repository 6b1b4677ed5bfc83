import { getRequestConfig } from 'next-intl/server';
import { resolveLocale } from '@/lib/i18n/resolve-locale';

/** Message files: messages/<locale>.json plus one folder per feature, messages/<feature>/<locale>.json. */
const FEATURES = ['stats', 'exams', 'teach', 'grading'] as const;

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  const base = (await import(`../messages/${locale}.json`)).default;
  const features = await Promise.all(FEATURES.map(async (f) => (await import(`../messages/${f}/${locale}.json`)).default));
  return { locale, messages: Object.assign({}, base, ...features), timeZone: 'UTC' };
});
