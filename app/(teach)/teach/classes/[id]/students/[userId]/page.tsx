import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { viewerTimeZone } from '@/lib/i18n/viewer-zone';
import { instantToLocalTime } from '@/lib/i18n/zoned-time';
import { studentGradingPage } from '@/lib/teach/service';
import { ExtensionForm, MultiplierForm, OverrideForm, RegradeForm } from '../../../../grading-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('grading'))('manage') };
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
const cell = 'border border-line px-2 py-1';
const head = 'border border-line bg-surface-2 px-2 py-1 text-left';

export default async function StudentGradingPage({ params }: { params: Promise<{ id: string; userId: string }> }) {
  const { id, userId } = await params;
  const user = await requireRole('INSTRUCTOR', `/teach/classes/${id}/students/${userId}`);
  const page = await studentGradingPage(user.id, id, userId, await now());
  if (!page) notFound();
  const t = await getTranslations('grading');
  // Times are shown and entered in the instructor's own zone, which is named beside them.
  const zone = await viewerTimeZone();
  const local = (d: Date) => instantToLocalTime(d, zone);
  const { student, accommodations, assignments, overrides } = page;
  return (
    <div className="space-y-6">
      <p className="flex gap-3 text-sm">
        <Link href={`/teach/classes/${id}`} className="underline">
          {page.className}
        </Link>
        <Link href={`/teach/classes/${id}/gradebook`} className="underline">
          {(await getTranslations('teaching'))('gradebook')}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('studentPage', { name: student.name })}</h1>
      <Section id="extra-time" title={t('extraTime')} hint={t('extraTimeHint')} card>
        <MultiplierForm classId={id} userId={student.id} multiplier={accommodations.timeMultiplier} />
      </Section>
      <Section id="extensions" title={t('extensions')} hint={t('extensionsHint')} card>
        <ul className="divide-y divide-line">
          {assignments.map((a) => {
            const own = accommodations.extensions.get(a.id);
            return (
              <li key={a.id} className="space-y-1 py-2">
                <p>
                  <span className="font-medium">{a.title}</span> <span className="text-sm text-muted">{t('classDue', { time: `${local(a.dueAt)} ${zone}` })}</span>
                </p>
                <ExtensionForm classId={id} userId={student.id} assignmentId={a.id} title={a.title} dueAt={own ? local(own) : ''} timeZone={zone} />
              </li>
            );
          })}
        </ul>
      </Section>
      <Section id="attempts" title={t('attempts')}>
        {assignments.map((a) => (
          <div key={a.id} className="card space-y-2" data-testid={`attempts-${a.title}`}>
            <h3 className="font-semibold">{a.title}</h3>
            {a.attempts.length === 0 ? (
              <p className="text-muted">{t('noAttempts')}</p>
            ) : (
              a.attempts.map((x) => (
                <div key={x.id} className="space-y-1">
                  <p className="text-sm">
                    {t('attemptN', { number: x.number })} · {x.submittedAt ? <span data-testid="attempt-total">{t('total', { score: pct(x.score) })}</span> : t('inProgress')}
                  </p>
                  <table className="w-full border-collapse text-sm">
                    <thead>
                      <tr>
                        <th scope="col" className={head}>
                          {t('question')}
                        </th>
                        <th scope="col" className={head}>
                          {t('score')}
                        </th>
                        <th scope="col" className={head}>
                          {t('override')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {x.questions.map((q) => (
                        <tr key={q.position} data-testid={`question-${a.title}-${x.number}-${q.position + 1}`}>
                          <td className={`${cell} font-mono`}>
                            {q.position + 1}. {q.generator} T{q.tier}
                          </td>
                          <td className={cell}>
                            {pct(q.score)} {q.overridden && <span className="text-muted">({t('overridden')})</span>}
                          </td>
                          <td className={cell}>{x.submittedAt && <OverrideForm classId={id} attemptId={x.id} position={q.position} title={a.title} percent={Math.round((q.score ?? 0) * 100)} />}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))
            )}
            <RegradeForm classId={id} assignmentId={a.id} title={a.title} />
            <p className="text-sm text-muted">{t('regradeHint')}</p>
          </div>
        ))}
      </Section>
      <Section id="audit" title={t('auditTrail')}>
        {overrides.length === 0 ? (
          <p className="text-muted">{t('noOverrides')}</p>
        ) : (
          <table className="w-full border-collapse text-sm" data-testid="override-trail">
            <thead>
              <tr>
                {(['when', 'who', 'where', 'change', 'reason'] as const).map((h) => (
                  <th key={h} scope="col" className={head}>
                    {t(`columns.${h}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {overrides.map((o) => (
                <tr key={o.id}>
                  <td className={cell}>{local(o.at)} {zone}</td>
                  <td className={cell}>{o.instructor.name}</td>
                  <td className={cell}>
                    {o.question.attempt.assignment?.title} #{o.question.attempt.number} · {t('question')} {o.question.position + 1}
                  </td>
                  <td className={cell}>
                    {pct(o.oldScore)} → {pct(o.newScore)}
                  </td>
                  <td className={cell}>{o.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}

/** A titled part of the page (its heading labels it), with an optional hint under the title. */
function Section({ id, title, hint, card, children }: { id: string; title: string; hint?: string; card?: boolean; children: React.ReactNode }) {
  return (
    <section className={card ? 'card space-y-2' : 'space-y-2'} aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {hint && <p className="text-sm text-muted">{hint}</p>}
      {children}
    </section>
  );
}
