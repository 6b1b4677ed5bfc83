import { getRequestConfig } from 'next-intl/server';
import { isLocale } from '@/i18n/locales';
import { resolveLocale } from '@/lib/i18n/resolve-locale';
import { viewerTimeZone } from '@/lib/i18n/viewer-zone';

/** Dates are formatted in the viewer's zone (lib/i18n/viewer-zone.ts). Message files: messages/<locale>.json plus one folder per feature, messages/<feature>/<locale>.json. */
const FEATURES = ['stats', 'exams', 'teach', 'grading'] as const;

export default getRequestConfig(async ({ locale: asked }) => {
  // An explicit locale (getTranslations({ locale }) in an export that takes ?lang=) wins.
  const [locale, timeZone] = await Promise.all([isLocale(asked) ? asked : resolveLocale(), viewerTimeZone()]);
  const base = (await import(`../messages/${locale}.json`)).default;
  const features = await Promise.all(FEATURES.map(async (f) => (await import(`../messages/${f}/${locale}.json`)).default));
  return { locale, messages: Object.assign({}, base, ...features), timeZone };
});
