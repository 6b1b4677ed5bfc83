import { getRequestConfig } from 'next-intl/server';
import { isLocale } from '@/i18n/locales';
import { resolveLocale } from '@/lib/i18n/resolve-locale';
import { viewerTimeZone } from '@/lib/i18n/viewer-zone';
import { messagesOf } from './messages';

/** Dates are formatted in the viewer's zone (lib/i18n/viewer-zone.ts); the messages are i18n/messages.ts's. */
export default getRequestConfig(async ({ locale: asked }) => {
  // An explicit locale (getTranslations({ locale }) in an export that takes ?lang=) wins.
  const [locale, timeZone] = await Promise.all([isLocale(asked) ? asked : resolveLocale(), viewerTimeZone()]);
  return { locale, messages: await messagesOf(locale), timeZone };
});
