import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { listAssignmentsForStudent } from '@/lib/attempts/service';
import { requireUser } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { viewerTimes } from '@/lib/i18n/viewer-zone';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('exams.assignments'))('title') };
}

export default async function AssignmentsPage() {
  const user = await requireUser('/assignments');
  const t = await getTranslations('exams.assignments');
  const at = await now();
  const rows = await listAssignmentsForStudent(user.id, at);
  const when = await viewerTimes(at);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-muted">{t('intro')}</p>
      {rows.length === 0 ? (
        <p data-testid="no-assignments">{t('none')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="assignment-list">
            <thead>
              <tr className="border-b border-line text-left">
                <th scope="col" className="py-2 pr-4">{t('name')}</th>
                <th scope="col" className="py-2 pr-4">{t('class')}</th>
                <th scope="col" className="py-2 pr-4">{t('due')}</th>
                <th scope="col" className="py-2 pr-4">{t('status')}</th>
                <th scope="col" className="py-2"><span className="sr-only">{t('take')}</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} className="border-b border-line" data-testid={`assignment-${a.id}`}>
                  <th scope="row" className="py-2 pr-4 text-left font-medium">
                    {a.title}
                    <span className="ml-2 text-xs text-muted">{a.kind === 'exam' ? t('kindExam') : t('kindAssignment')}</span>
                  </th>
                  <td className="py-2 pr-4">{a.className}</td>
                  <td className="py-2 pr-4">
                    <time dateTime={a.dueAt.toISOString()}>{when(a.dueAt)}</time>
                    {a.status === 'upcoming' && <span className="block text-xs text-muted">{t('opensAt', { date: when(a.opensAt) })}</span>}
                  </td>
                  <td className="py-2 pr-4" data-testid="assignment-status" data-status={a.status}>
                    {t(`statuses.${a.status}`)}
                    {a.score !== null && <span className="ml-2 font-mono">{Math.round(a.score * 100)}%</span>}
                  </td>
                  <td className="py-2">
                    <Link href={`/assignments/${a.id}`} className="underline" aria-label={`${a.status === 'in-progress' ? t('continue') : a.canStart ? t('take') : t('view')}: ${a.title}`}>
                      {a.status === 'in-progress' ? t('continue') : a.canStart ? t('take') : t('view')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
