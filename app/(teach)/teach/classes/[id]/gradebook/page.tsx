import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { currentLang } from '@/lib/i18n/current-lang';
import { instantToLocalTime } from '@/lib/i18n/zoned-time';
import { viewerTimes, viewerTimeZone } from '@/lib/i18n/viewer-zone';
import { gradebookPage, type StudentAccommodations } from '@/lib/teach/service';
import { pointsEarned } from '@/lib/teach/policy';
import { cellOf, pointsPossible, totalOf } from '@/lib/teach/view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teaching'))('gradebook') };
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

export default async function GradebookPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ student?: string }> }) {
  const { id } = await params;
  const user = await requireRole('INSTRUCTOR', `/teach/classes/${id}/gradebook`);
  const lang = await currentLang();
  const { student } = await searchParams;
  const at = await now();
  const page = await gradebookPage(user.id, id, at, lang, student);
  if (!page) notFound();
  const when = await viewerTimes(at);
  const zone = await viewerTimeZone();
  const t = await getTranslations('teaching');
  const { book, detail, accommodations } = page;
  const g = await getTranslations('grading');
  const { data } = book;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/teach/classes/${id}`} className="underline">
          {data.name}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t('gradebook')}</h1>
      <div className="flex flex-wrap gap-2">
        <a href={`/api/teach/classes/${id}/gradebook.csv`} className="btn-secondary" data-testid="gradebook-csv">
          {t('downloadGradebook')}
        </a>
        <a href={`/api/teach/classes/${id}/answers.csv?lang=${lang}`} className="btn-secondary" data-testid="answers-csv">
          {t('downloadAnswers')}
        </a>
        <a href={`/api/teach/classes/${id}/canvas.csv`} className="btn-secondary" data-testid="canvas-csv">
          {t('downloadCanvas')}
        </a>
        <a href={`/api/teach/classes/${id}/moodle.csv`} className="btn-secondary" data-testid="moodle-csv">
          {t('downloadMoodle')}
        </a>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm" data-testid="gradebook">
          <caption className="sr-only">{t('gradebook')}</caption>
          <thead>
            <tr>
              <th scope="col" className="border border-line bg-surface-2 px-2 py-1 text-left">
                {t('student')}
              </th>
              {data.assignments.map((a) => (
                <th key={a.id} scope="col" className="border border-line bg-surface-2 px-2 py-1 text-left">
                  {a.title} <span className="font-normal text-muted">({t('pointsOf', { points: pointsPossible(a) })})</span>
                </th>
              ))}
              <th scope="col" className="border border-line bg-surface-2 px-2 py-1 text-left">
                {t('total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => (
              <tr key={m.user.id}>
                <th scope="row" className="border border-line px-2 py-1 text-left font-normal">
                  <Link href={`?student=${m.user.id}`} className="text-accent underline">
                    {m.user.name}
                  </Link>
                  <AccommodationMark terms={accommodations.get(m.user.id)} email={m.user.email} t={g} />
                  <Link href={`/teach/classes/${id}/students/${m.user.id}`} className="block text-xs underline" data-testid={`manage-${m.user.email}`}>
                    {g('manageFor', { name: m.user.name })}
                  </Link>
                </th>
                {data.assignments.map((a) => {
                  const cell = cellOf(book, m.user.id, a.id);
                  return (
                    <td key={a.id} className="border border-line px-2 py-1">
                      <span data-testid={`cell-${m.user.email}-${a.title}`}>
                        {pct(cell.score)} <span className="text-muted">· {t(`status.${cell.status}`)}</span>
                        <ExtensionMark due={accommodations.get(m.user.id)?.extensions.get(a.id)} t={g} zone={zone} />
                      </span>
                      {cell.submittedAt && (
                        <span className="block text-xs text-muted" data-testid={`handed-in-${m.user.email}-${a.title}`}>
                          {t('pointsEarned', { earned: pointsEarned(cell, pointsPossible(a)), possible: pointsPossible(a) })} ·{' '}
                          <time dateTime={cell.submittedAt.toISOString()}>{when(cell.submittedAt)}</time>
                        </span>
                      )}
                    </td>
                  );
                })}
                <td className="border border-line px-2 py-1 font-medium" data-testid={`total-${m.user.email}`}>
                  {(() => {
                    const total = totalOf(book, m.user.id);
                    return `${t('pointsEarned', { earned: total.earned, possible: total.possible })} · ${pct(total.percent)}`;
                  })()}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {detail.length > 0 && (
        <section className="space-y-2" data-testid="student-detail">
          <h2 className="text-lg font-semibold">{t('studentDetail', { name: detail[0]?.student ?? '' })}</h2>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm">
              <thead>
                <tr>
                  {['assignment', 'question', 'seed', 'trueAnswer', 'submitted', 'answeredAt', 'score', 'time'].map((h) => (
                    <th key={h} scope="col" className="border border-line bg-surface-2 px-2 py-1 text-left">
                      {t(`columns.${h}` as 'columns.seed')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {detail.map((r, i) => (
                  <tr key={i}>
                    <td className="border border-line px-2 py-1">
                      {r.assignment} #{r.attempt}
                    </td>
                    <td className="border border-line px-2 py-1 font-mono">
                      {r.position}. {r.generator} T{r.tier}
                    </td>
                    <td className="border border-line px-2 py-1 font-mono">{r.seed}</td>
                    <td className="border border-line px-2 py-1">{r.trueAnswer}</td>
                    <td className="border border-line px-2 py-1">{r.submittedLabel || '—'}</td>
                    <td className="border border-line px-2 py-1">{r.answeredAt ? <time dateTime={r.answeredAt.toISOString()}>{when(r.answeredAt)}</time> : '—'}</td>
                    <td className="border border-line px-2 py-1">{pct(r.score)}</td>
                    <td className="border border-line px-2 py-1">{r.durationMs === null ? '—' : `${Math.round(r.durationMs / 1000)} s`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {data.assignments.map((a) => {
        const stats = book.stats.get(a.id) ?? [];
        if (stats.length === 0) return null;
        return (
          <section key={a.id} className="space-y-2">
            <h2 className="text-lg font-semibold">{t('questionStats', { title: a.title })}</h2>
            <table className="w-full border-collapse text-sm" data-testid={`stats-${a.title}`}>
              <thead>
                <tr>
                  {['question', 'answered', 'mean', 'discrimination', 'wrong'].map((h) => (
                    <th key={h} scope="col" className="border border-line bg-surface-2 px-2 py-1 text-left">
                      {t(`columns.${h}` as 'columns.seed')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {stats.map((s) => (
                  <tr key={s.position}>
                    <td className="border border-line px-2 py-1">{s.position + 1}</td>
                    <td className="border border-line px-2 py-1">{s.answered}</td>
                    <td className="border border-line px-2 py-1">{pct(s.meanScore)}</td>
                    <td className="border border-line px-2 py-1">{s.discrimination === null ? '—' : s.discrimination.toFixed(2)}</td>
                    <td className="border border-line px-2 py-1">
                      {s.mostChosenWrong ? (
                        <>
                          <span>{s.mostChosenWrong.label}</span> ×{s.mostChosenWrong.count}
                          {s.mostChosenWrong.misconception && <span className="block text-muted">{s.mostChosenWrong.misconception.text[lang]}</span>}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}

type GradingT = Awaited<ReturnType<typeof getTranslations<'grading'>>>;

/** The student's standing accommodations, spelled out beside their name. */
function AccommodationMark({ terms, email, t }: { terms: StudentAccommodations | undefined; email: string; t: GradingT }) {
  if (!terms || terms.timeMultiplier === 1) return null;
  return (
    <span className="block text-xs text-muted" data-testid={`accommodation-${email}`}>
      ⏱ {t('accommodationMark', { details: t('extraTimeMark', { multiplier: terms.timeMultiplier }) })}
    </span>
  );
}

/** A student's own due time for one assignment, shown in its cell. */
function ExtensionMark({ due, t, zone }: { due: Date | undefined; t: GradingT; zone: string }) {
  if (!due) return null;
  return (
    <span className="block text-xs text-muted" data-testid="extension-mark">
      ⏱ {t('accommodationMark', { details: t('extensionMark', { time: `${instantToLocalTime(due, zone)} ${zone}` }) })}
    </span>
  );
}
