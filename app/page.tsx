import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

const TOPICS = ['objects', 'targets', 'compile', 'pool', 'cow', 'daemon', 'event', 'lock'] as const;

export default async function LandingPage() {
  const t = await getTranslations('landing');
  const audiences = [
    ['forStudents', 'forStudentsText'],
    ['forCrammers', 'forCrammersText'],
    ['forInstructors', 'forInstructorsText'],
  ] as const;
  return (
    <div className="space-y-10">
      <section className="space-y-4 pt-6">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t('tagline')}</h1>
        <p className="max-w-3xl text-lg text-muted">{t('lead')}</p>
        <div className="flex flex-wrap gap-3 pt-2">
          <Link href="/sign-up" className="btn-primary">
            {t('start')}
          </Link>
          <Link href="/sign-in" className="btn-secondary">
            {t('haveAccount')}
          </Link>
          <Link href="/practice" className="btn-secondary">
            {t('tryOne')}
          </Link>
        </div>
      </section>
      <section className="grid gap-4 sm:grid-cols-3">
        {audiences.map(([title, text]) => (
          <div key={title} className="card">
            <h2 className="mb-2 font-semibold">{t(title)}</h2>
            <p className="text-sm text-muted">{t(text)}</p>
          </div>
        ))}
      </section>
      <section>
        <h2 className="mb-3 text-xl font-semibold">{t('topicsTitle')}</h2>
        <ol className="grid list-decimal gap-2 pl-6 sm:grid-cols-2">
          {TOPICS.map((topic) => (
            <li key={topic}>{t(`topics.${topic}`)}</li>
          ))}
        </ol>
      </section>
    </div>
  );
}
