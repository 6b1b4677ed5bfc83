import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { listClasses } from '@/lib/db/classes';
import { CreateClassForm } from './forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teach'))('title') };
}

export default async function TeachPage() {
  const user = await requireRole('INSTRUCTOR', '/teach');
  const t = await getTranslations('teach');
  const tt = await getTranslations('teaching');
  const classes = await listClasses(user.id);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold" data-testid="teach-title">
        {t('title')}
      </h1>
      <section className="card space-y-4" aria-labelledby="classes-title">
        <h2 id="classes-title" className="text-lg font-semibold">
          {tt('classes')}
        </h2>
        {classes.length === 0 ? (
          <p className="text-muted">{tt('noClasses')}</p>
        ) : (
          <ul className="divide-y divide-line" data-testid="class-list">
            {classes.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link href={`/teach/classes/${c.id}`} className="font-medium text-accent underline">
                  {c.name}
                </Link>
                <span className="text-sm text-muted">
                  {tt('classSummary', { students: c._count.members, assignments: c._count.assignments })} · {tt('code')}{' '}
                  <span className="font-mono">{c.joinCode}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
        <CreateClassForm />
      </section>
      <p>
        <Link href="/teach/sets" className="btn-secondary" data-testid="sets-link">
          {tt('questionSets')}
        </Link>
      </p>
    </div>
  );
}
