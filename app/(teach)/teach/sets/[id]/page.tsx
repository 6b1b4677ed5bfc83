import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { findOwnSet } from '@/lib/db/question-sets';
import { generatorChoices } from '../generators';
import { SetEditor } from '../set-editor';
import { currentLang } from '@/lib/i18n/current-lang';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teaching'))('questionSets') };
}

export default async function SetPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  const user = await requireRole('INSTRUCTOR', `/teach/sets/${id}`);
  const set = await findOwnSet(user.id, id);
  if (!set) notFound();
  const t = await getTranslations('teaching');
  const lang = await currentLang();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/teach/sets" className="underline">
          {t('questionSets')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold" data-testid="set-title">
        {set.name}
      </h1>
      {(await searchParams).saved && (
        <p role="status" data-testid="set-saved">
          {t('saved')}
        </p>
      )}
      <SetEditor key={set.items.map((i) => i.id).join()} setId={set.id} name={set.name} items={set.items} generators={generatorChoices(lang)} />
    </div>
  );
}
