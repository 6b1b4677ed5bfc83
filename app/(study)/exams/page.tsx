import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { listMockExams } from '@/lib/attempts/service';
import { requireUser } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { viewerTimes } from '@/lib/i18n/viewer-zone';
import { availableTopics } from '@/lib/drills/service';
import { MockForm } from './mock-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('exams.mock'))('title') };
}

export default async function ExamsPage() {
  const user = await requireUser('/exams');
  const t = await getTranslations('exams.mock');
  const at = await now();
  const past = await listMockExams(user.id, at);
  const when = await viewerTimes(at);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-muted">{t('intro')}</p>
      <MockForm topics={availableTopics()} />
      <section className="space-y-3" aria-labelledby="mock-past-title">
        <h2 id="mock-past-title" className="text-lg font-semibold">
          {t('pastTitle')}
        </h2>
        {past.length === 0 ? (
          <p className="text-muted">{t('none')}</p>
        ) : (
          <ul className="space-y-2" data-testid="mock-list">
            {past.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-3 rounded-md border border-line p-3">
                <span>{t('started', { date: when(a.startedAt) })}</span>
                <span className="text-sm text-muted">{t('questions', { count: a._count.questions })}</span>
                <span className="font-medium">{a.submittedAt ? t('scored', { score: Math.round((a.score ?? 0) * 100) }) : t('inProgress')}</span>
                <Link href={`/exams/${a.id}`} className="btn-secondary ml-auto">
                  {a.submittedAt ? t('review') : t('open')}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
