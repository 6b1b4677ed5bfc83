import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LockdownNotice } from '@/components/attempt/lockdown-notice';
import { currentLockdown } from '@/lib/attempts/lockdown';
import { currentLang } from '@/lib/i18n/current-lang';
import { listGenerators } from '@/lib/questions/registry';
import type { TopicId } from '@/lib/questions/types';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('practice'))('title') };
}

const TOPIC_ORDER: TopicId[] = ['lock', 'event', 'daemon', 'cow', 'pool', 'compile', 'targets', 'objects'];

export default async function PracticeIndex() {
  const lockdown = await currentLockdown();
  if (lockdown) return <LockdownNotice notice={lockdown} />;
  const t = await getTranslations('practice');
  const tl = await getTranslations('landing.topics');
  const lang = await currentLang();
  const generators = listGenerators();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-muted">{t('intro')}</p>
      {generators.length === 0 && <p className="card">{t('none')}</p>}
      {TOPIC_ORDER.map((topic) => {
        const inTopic = generators.filter((g) => g.topic === topic);
        if (inTopic.length === 0) return null;
        return (
          <section key={topic} className="space-y-2">
            <h2 className="text-lg font-semibold">{tl(topic)}</h2>
            <ul className="grid gap-2 sm:grid-cols-2">
              {inTopic.map((g) => (
                <li key={g.id} className="card flex flex-col gap-2">
                  <span className="font-medium">{g.title[lang]}</span>
                  <span className="flex flex-wrap gap-2 text-sm">
                    {g.tiers.map((tier) => (
                      <Link key={tier} href={`/practice/${g.id}?tier=${tier}`} className="rounded border border-line px-2 py-0.5 hover:bg-surface-2" data-testid={`open-${g.id}-${tier}`}>
                        {t('tier', { tier })}
                      </Link>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
