import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { findOwnClass } from '@/lib/db/classes';
import { listSets } from '@/lib/db/question-sets';
import { viewerTimeZone } from '@/lib/i18n/viewer-zone';
import { formatInZone, instantToLocalTime, timeZoneChoices } from '@/lib/i18n/zoned-time';
import { RegenerateCodeForm, RemoveStudentForm, RescheduleForm } from '../../forms';
import { pendingInvitations } from '@/lib/teach/service';
import { RosterImportForm } from '../../grading-forms';
import { AssignmentForm } from './assignment-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teaching'))('classes') };
}

export default async function ClassPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole('INSTRUCTOR', `/teach/classes/${id}`);
  const klass = await findOwnClass(user.id, id);
  if (!klass) notFound();
  const t = await getTranslations('teaching');
  const g = await getTranslations('grading');
  const invitations = await pendingInvitations(user.id, klass.id);
  const sets = await listSets(user.id);
  const at = await now();
  const [zone, locale] = await Promise.all([viewerTimeZone(), getLocale()]);
  const zones = timeZoneChoices(zone);
  const local = (d: Date) => instantToLocalTime(d, zone);
  const shown = (d: Date) => formatInZone(d, locale, zone, at);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/teach" className="underline">
          {t('classes')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold" data-testid="class-name">
        {klass.name}
      </h1>
      <section className="card flex flex-wrap items-center gap-4">
        <p>
          {t('joinCodeIs')}{' '}
          <span className="rounded bg-surface-2 px-2 py-1 font-mono text-lg" data-testid="join-code">
            {klass.joinCode}
          </span>
        </p>
        <RegenerateCodeForm classId={klass.id} />
        <Link href={`/teach/classes/${klass.id}/gradebook`} className="btn-primary" data-testid="gradebook-link">
          {t('gradebook')}
        </Link>
      </section>
      <section className="card space-y-2" aria-labelledby="roster-title">
        <h2 id="roster-title" className="text-lg font-semibold">
          {t('roster')} ({klass.members.length})
        </h2>
        {klass.members.length === 0 ? (
          <p className="text-muted">{t('noStudents')}</p>
        ) : (
          <ul className="divide-y divide-line" data-testid="roster">
            {klass.members.map((m) => (
              <li key={m.user.id} className="flex items-center justify-between gap-2 py-1">
                <span>
                  {m.user.name} <span className="text-sm text-muted">{m.user.email}</span>
                </span>
                <Link href={`/teach/classes/${klass.id}/students/${m.user.id}`} className="ml-auto text-sm underline" data-testid={`manage-${m.user.email}`}>
                  {g('manageFor', { name: m.user.name })}
                </Link>
                <RemoveStudentForm classId={klass.id} userId={m.user.id} name={m.user.name} />
              </li>
            ))}
          </ul>
        )}
        {invitations.length > 0 && (
          <div>
            <h3 className="text-sm font-semibold">{g('pendingInvitations', { count: invitations.length })}</h3>
            <ul className="text-sm text-muted" data-testid="pending-invitations">
              {invitations.map((i) => (
                <li key={i.email}>{i.email}</li>
              ))}
            </ul>
          </div>
        )}
        <RosterImportForm classId={klass.id} />
      </section>
      <section className="card space-y-3" aria-labelledby="assignments-title">
        <h2 id="assignments-title" className="text-lg font-semibold">
          {t('assignments')}
        </h2>
        {klass.assignments.length > 0 && (
          <ul className="divide-y divide-line" data-testid="assignment-list">
            {klass.assignments.map((a) => (
              <li key={a.id} className="py-1">
                <span className="font-medium">{a.title}</span>{' '}
                <span className="text-sm text-muted">
                  {t(`options.${a.kind}` as 'options.exam')} · {a.set.name} · <time dateTime={a.opensAt.toISOString()}>{shown(a.opensAt)}</time> → <time dateTime={a.dueAt.toISOString()} data-testid="due-at">{shown(a.dueAt)}</time>
                  {a.timeLimitMinutes !== null && ` · ${t('limitMinutes', { minutes: a.timeLimitMinutes })}`}
                  {a.kind === 'exam' && a.lockdown && <span data-testid="exam-mode"> · {t('examMode')}</span>}
                </span>
                <Link href={`/teach/classes/${klass.id}/preview/${a.id}`} className="ml-2 text-sm underline" data-testid={`preview-${a.id}`}>
                  {g('previewFor', { title: a.title })}
                </Link>
                <RescheduleForm classId={klass.id} assignmentId={a.id} title={a.title} opensAt={local(a.opensAt)} dueAt={local(a.dueAt)} zone={zone} />
              </li>
            ))}
          </ul>
        )}
        {sets.length === 0 ? (
          <p className="text-muted">
            {t('needSet')}{' '}
            <Link href="/teach/sets" className="underline">
              {t('questionSets')}
            </Link>
          </p>
        ) : (
          <AssignmentForm
            classId={klass.id}
            sets={sets.map((s) => ({ id: s.id, name: s.name }))}
            defaults={{ opensAt: local(at), dueAt: local(new Date(at.getTime() + 7 * 86_400_000)), timeZone: zone }}
            zones={zones}
            key={zone}
          />
        )}
      </section>
    </div>
  );
}
