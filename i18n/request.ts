import { getRequestConfig } from 'next-intl/server';
import { isLocale } from '@/i18n/locales';
import { resolveLocale } from '@/lib/i18n/resolve-locale';
import { viewerTimeZone } from '@/lib/i18n/viewer-zone';

/** Dates are formatted in the viewer's zone (lib/i18n/viewer-zone.ts). Message files: messages/<locale>.json plus one folder per feature, messages/<feature>/<locale>.json. */
const FEATURES = ['stats', 'exams', 'teach', 'grading'] as const;

/** A locale's messages, merged once: they are the build's files and never change while it runs. */
const merged = new Map<string, Promise<Record<string, unknown>>>();

function messagesOf(locale: string): Promise<Record<string, unknown>> {
  let messages = merged.get(locale);
  if (!messages) {
    messages = Promise.all([import(`../messages/${locale}.json`), ...FEATURES.map((f) => import(`../messages/${f}/${locale}.json`))]).then((files) =>
      Object.assign({}, ...files.map((file) => file.default)),
    );
    merged.set(locale, messages);
  }
  return messages;
}

export default getRequestConfig(async ({ locale: asked }) => {
  // An explicit locale (getTranslations({ locale }) in an export that takes ?lang=) wins.
  const [locale, timeZone] = await Promise.all([isLocale(asked) ? asked : resolveLocale(), viewerTimeZone()]);
  return { locale, messages: await messagesOf(locale), timeZone };
});
