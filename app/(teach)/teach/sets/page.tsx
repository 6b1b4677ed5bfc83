import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { listSets } from '@/lib/db/question-sets';
import { generatorChoices } from './generators';
import { SetEditor } from './set-editor';
import { currentLang } from '@/lib/i18n/current-lang';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teaching'))('questionSets') };
}

export default async function SetsPage() {
  const user = await requireRole('INSTRUCTOR', '/teach/sets');
  const t = await getTranslations('teaching');
  const lang = await currentLang();
  const sets = await listSets(user.id);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/teach" className="underline">
          {t('classes')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('questionSets')}</h1>
      {sets.length > 0 && (
        <ul className="card divide-y divide-line" data-testid="set-list">
          {sets.map((s) => (
            <li key={s.id} className="flex justify-between py-2">
              <Link href={`/teach/sets/${s.id}`} className="text-accent underline">
                {s.name}
              </Link>
              <span className="text-sm text-muted">{t('totalQuestions', { total: s.items.reduce((n, i) => n + i.count, 0) })}</span>
            </li>
          ))}
        </ul>
      )}
      <h2 className="text-lg font-semibold">{t('newSet')}</h2>
      <SetEditor name="" items={[]} generators={generatorChoices(lang)} />
    </div>
  );
}
