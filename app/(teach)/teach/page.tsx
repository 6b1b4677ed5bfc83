import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teach'))('title') };
}

export default async function TeachPage() {
  await requireRole('INSTRUCTOR', '/teach');
  const t = await getTranslations('teach');
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold" data-testid="teach-title">
        {t('title')}
      </h1>
      <p className="card text-muted">{t('placeholder')}</p>
    </div>
  );
}
