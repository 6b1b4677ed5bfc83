import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/session';
import { studentClasses } from '@/lib/db/classes';
import { JoinForm } from './join-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teaching'))('myClasses') };
}

export default async function ClassesPage() {
  const user = await requireUser('/classes');
  const t = await getTranslations('teaching');
  const classes = await studentClasses(user.id);
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-bold">{t('myClasses')}</h1>
      {classes.length === 0 ? (
        <p className="text-muted">{t('noMemberships')}</p>
      ) : (
        <ul className="card divide-y divide-line" data-testid="my-classes">
          {classes.map((c) => (
            <li key={c.class.id} className="py-2">
              {c.class.name} <span className="text-sm text-muted">· {c.class.instructor.name}</span>
            </li>
          ))}
        </ul>
      )}
      <JoinForm />
    </div>
  );
}
