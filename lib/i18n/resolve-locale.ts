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
  let userId: string | null = null;
  try {
    userId = (await currentSession())?.user.id ?? null;
  } catch (error) {
    unstable_rethrow(error);
    console.error('resolveLocale: could not read the session', error);
  }
  const store = await cookies();
  return localeFor(userId, store.get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
}

/**
 * The UI language of a request of `userId` (null: signed out) with the locale cookie and
 * Accept-Language header given: the saved choice, else the cookie, else the header, else English.
 */
export async function localeFor(userId: string | null, cookie: string | undefined, acceptLanguage: string | null): Promise<AppLocale> {
  if (userId) {
    try {
      const saved = await findUserLocale(userId);
      if (saved) return saved;
    } catch (error) {
      console.error('resolveLocale: could not read the saved locale', error);
    }
  }
  if (isLocale(cookie)) return cookie;
  return acceptLanguage ? localeFromAcceptLanguage(acceptLanguage) : DEFAULT_LOCALE;
}
