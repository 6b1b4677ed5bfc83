import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { currentSession } from '@/lib/auth/session';
import type { FormAction } from '@/lib/form-state';
import { isTheme, THEME_COOKIE } from '@/lib/theme';
import { LanguageSwitch } from './language-switch';
import { SignOutButton } from './sign-out-button';
import { ThemeSwitch } from './theme-switch';

/** The header; the preference actions come in from the layout (components do not import app/). */
export async function SiteHeader({ setLocale, setTheme }: { setLocale: FormAction; setTheme: FormAction }) {
  const t = await getTranslations('nav');
  let session: Awaited<ReturnType<typeof currentSession>> = null;
  try {
    session = await currentSession();
  } catch (error) {
    unstable_rethrow(error);
    console.error('header: could not read the session', error);
  }
  const themeCookie = (await cookies()).get(THEME_COOKIE)?.value;
  const theme = isTheme(themeCookie) ? themeCookie : 'system';
  const link = 'rounded px-2 py-1 text-sm text-fg hover:bg-surface-2';
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 md:py-3">
        <Link href={session ? '/home' : '/'} className="mr-auto text-lg font-bold tracking-tight md:mr-2">
          Lockstep
        </Link>
        {/* On a phone the links are one row under the logo that scrolls sideways, not a column above the page. */}
        <nav aria-label={t('main')} className="order-last -mx-2 flex w-full items-center gap-1 overflow-x-auto whitespace-nowrap md:order-none md:mx-0 md:w-auto md:flex-1 md:flex-wrap md:overflow-visible">
          {session && (
            <Link href="/home" className={link}>
              {t('home')}
            </Link>
          )}
          {session && (
            <Link href="/drill" className={link}>
              {t('drill')}
            </Link>
          )}
          <Link href="/practice" className={link}>
            {t('practice')}
          </Link>
          {session && (
            <>
              {session.user.role === 'STUDENT' && (
                <>
                  <Link href="/assignments" className={link}>
                    {t('assignments')}
                  </Link>
                  <Link href="/exams" className={link}>
                    {t('exams')}
                  </Link>
                  <Link href="/classes" className={link}>
                    {t('classes')}
                  </Link>
                </>
              )}
              <Link href="/stats" className={link}>
                {t('stats')}
              </Link>
              <Link href="/settings" className={link}>
                {t('settings')}
              </Link>
            </>
          )}
          {session?.user.role === 'INSTRUCTOR' && (
            <Link href="/teach" className={link}>
              {t('teach')}
            </Link>
          )}
        </nav>
        <LanguageSwitch setLocale={setLocale} />
        <ThemeSwitch current={theme} setTheme={setTheme} />
        {session ? (
          <SignOutButton />
        ) : (
          <>
            <Link href="/sign-in" className={link}>
              {t('signIn')}
            </Link>
            <Link href="/sign-up" className="btn-primary px-3 py-1 text-sm">
              {t('signUp')}
            </Link>
          </>
        )}
      </div>
    </header>
  );
}
