import 'server-only';
import { cookies, headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { oncePerRequest } from '@/lib/http/per-request';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type AppLocale } from '@/i18n/locales';
import { currentSession } from '@/lib/auth/session';
import { findUserLocale } from '@/lib/db/users';

/**
 * The request's UI language: the signed-in user's saved choice, else the visitor's cookie,
 * else the browser's Accept-Language, else English. Worked out once per request: next-intl's
 * request config and the question renderer (currentLang) both ask.
 */
export const resolveLocale: () => Promise<AppLocale> = oncePerRequest(readLocale);

async function readLocale(): Promise<AppLocale> {
  try {
    const session = await currentSession();
    if (session) {
      const saved = await findUserLocale(session.user.id);
      if (saved) return saved;
    }
  } catch (error) {
    unstable_rethrow(error);
    console.error('resolveLocale: could not read the saved locale', error);
  }
  const store = await cookies();
  const fromCookie = store.get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  const header = (await headers()).get('accept-language');
  return header ? localeFromAcceptLanguage(header) : DEFAULT_LOCALE;
}
