import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { setLocale } from '@/app/actions/preferences';
import { LanguageSwitch } from '@/components/language-switch';
import { requireUser } from '@/lib/auth/session';
import { getDrillSettings, savedTimeZone } from '@/lib/db/drills';
import { optimizerView } from '@/lib/drills/optimize';
import { viewerTimeZone } from '@/lib/i18n/viewer-zone';
import { optimizeProgress, resetFsrsWeights, startOptimize } from './actions';
import { Optimizer } from './optimizer';
import { SettingsForm } from './settings-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings'))('title') };
}

export default async function SettingsPage() {
  const user = await requireUser('/settings');
  const t = await getTranslations('settings');
  const [settings, optimizer] = await Promise.all([getDrillSettings(user.id), optimizerView(user.id)]);
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
      <Optimizer
        reviews={optimizer.reviews}
        needed={optimizer.needed}
        weights={optimizer.weights}
        own={optimizer.own}
        report={optimizer.report ? { ...optimizer.report, at: optimizer.report.at.toISOString() } : null}
        running={optimizer.progress.status === 'running'}
        startOptimize={startOptimize}
        optimizeProgress={optimizeProgress}
        resetFsrsWeights={resetFsrsWeights}
      />
    </div>
  );
}
