import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { ServiceWorker } from '@/components/service-worker';
import { SiteHeader } from '@/components/site-header';
import { setLocale, setTheme } from './actions/preferences';
import { TimeZoneCookie } from '@/components/time-zone-cookie';
import { isTheme, THEME_COOKIE } from '@/lib/theme';
import './globals.css';

// Every page depends on the visitor's language, theme and session.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: { default: t('title'), template: '%s · Lockstep' }, description: t('description') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('nav');
  const themeCookie = (await cookies()).get(THEME_COOKIE)?.value;
  const theme = isTheme(themeCookie) && themeCookie !== 'system' ? themeCookie : undefined;
  return (
    <html lang={locale} data-theme={theme}>
      <body className="min-h-screen font-sans antialiased">
        <ServiceWorker />
        <NextIntlClientProvider>
          <TimeZoneCookie />
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 btn-primary">
            {t('skip')}
          </a>
          <SiteHeader setLocale={setLocale} setTheme={setTheme} />
          <main id="main" className="mx-auto w-full max-w-5xl px-4 py-8">
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
