import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { setLocale } from '@/app/actions/preferences';
import { LanguageSwitch } from '@/components/language-switch';
import { requireUser } from '@/lib/auth/session';
import { getDrillSettings, savedTimeZone } from '@/lib/db/drills';
import { viewerTimeZone } from '@/lib/i18n/viewer-zone';
import { SettingsForm } from './settings-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings'))('title') };
}

export default async function SettingsPage() {
  const user = await requireUser('/settings');
  const t = await getTranslations('settings');
  const settings = await getDrillSettings(user.id);
  // Never saved: offer the zone the browser reports rather than UTC.
  const timeZone = (await savedTimeZone(user.id)) ?? (await viewerTimeZone());
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <section className="card space-y-2">
        <h2 className="font-semibold">{t('language')}</h2>
        <LanguageSwitch setLocale={setLocale} />
      </section>
      <SettingsForm
        initial={{
          desiredRetention: settings.desiredRetention,
          newPerDay: settings.newPerDay,
          reviewsPerDay: settings.reviewsPerDay,
          timeZone,
          examDate: settings.examDate ? settings.examDate.toISOString().slice(0, 10) : '',
        }}
      />
    </div>
  );
}
