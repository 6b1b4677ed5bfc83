import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { drillOverview } from '@/lib/drills/service';
import { ProgressBar } from '../drill/progress-bar';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('home') };
}

export default async function HomePage() {
  const user = await requireUser('/home');
  const t = await getTranslations('home');
  const tl = await getTranslations('language');
  const td = await getTranslations('drill');
  const at = await now();
  const { queue, counts, topics } = await drillOverview(user.id, at);
  const done = counts.reviewsToday + counts.newToday;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold" data-testid="home-title">
        {t('title', { name: user.name })}
      </h1>
      <dl className="card grid max-w-md grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="text-muted">{t('emailLabel')}</dt>
        <dd>{user.email}</dd>
        <dt className="text-muted">{t('roleLabel')}</dt>
        <dd data-testid="home-role">{t(`roles.${user.role}`)}</dd>
        <dt className="text-muted">{t('languageLabel')}</dt>
        <dd>{tl(user.locale)}</dd>
      </dl>
      <div className="grid gap-4 sm:grid-cols-2">
        <section className="card space-y-3 sm:col-span-2" data-testid="home-drill" aria-labelledby="home-drill-title">
          <h2 id="home-drill-title" className="font-semibold">
            {t('drillTitle')}
          </h2>
          <p className="text-sm text-muted">
            {topics.length === 0 ? td('emptyDeck') : td('dueToday', { due: queue.dueCount, fresh: queue.newCount })}
          </p>
          <ProgressBar done={done} total={done + queue.cards.length} label={td('progress')} />
          <Link href={queue.cards.length > 0 ? '/drill/review' : '/drill'} className="btn-primary">
            {queue.cards.length === 0 ? td('title') : done > 0 ? td('resume') : td('start')}
          </Link>
        </section>
        <Link href="/practice" className="card block hover:bg-surface-2">
          <h2 className="mb-1 font-semibold">{t('practiceTitle')}</h2>
          <p className="text-sm text-muted">{t('practiceText')}</p>
        </Link>
        {user.role === 'INSTRUCTOR' && (
          <Link href="/teach" className="card block hover:bg-surface-2">
            <h2 className="mb-1 font-semibold">{t('teachTitle')}</h2>
            <p className="text-sm text-muted">{t('teachText')}</p>
          </Link>
        )}
      </div>
    </div>
  );
}
