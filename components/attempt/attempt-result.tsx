import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { AttemptView } from '@/lib/attempts/service';
import type { Lang } from '@/lib/questions/types';
import type { FormAction } from '@/lib/form-state';
import { AddWeakTopics } from './add-weak-topics';

const percent = (x: number) => Math.round(x * 100);

/**
 * The score of a submitted attempt and, once its answers may be seen, the breakdown by topic
 * and misconception with the weak skills (fed to the drills, or offered to add).
 */
export async function AttemptResult({ view, lang, addTopics }: { view: AttemptView; lang: Lang; addTopics: FormAction }) {
  const t = await getTranslations('exams.attempt');
  const tt = await getTranslations('landing.topics');
  const format = await getFormatter();
  if (!view.submittedAt) return null;
  const breakdown = view.breakdown;
  const notDrilled = [...new Set(breakdown?.weakSkills.filter((w) => !w.inDrills).map((w) => w.topic) ?? [])];
  return (
    <section className="space-y-6" aria-labelledby="result-title" data-testid="attempt-result">
      <div className="card space-y-2">
        <h2 id="result-title" className="text-xl font-semibold">
          {t('submittedTitle')}
        </h2>
        <p className="text-2xl font-bold" data-testid="attempt-score">
          {t('score', { score: percent(view.score ?? 0) })}
        </p>
        <p className="text-sm text-muted">{t('submittedAt', { date: format.dateTime(view.submittedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
        {view.timedOut && <p data-testid="timed-out">{t('timedOut')}</p>}
        {view.late && <p className="text-warn">{t('late')}</p>}
        {!view.revealed && <p className="text-muted">{view.dueAt && view.submittedAt < view.dueAt ? t('hiddenAfterDue') : t('hidden')}</p>}
      </div>
      {breakdown && (
        <div className="card space-y-6" data-testid="breakdown">
          <h2 className="text-xl font-semibold">{t('breakdownTitle')}</h2>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm" data-testid="breakdown-topics">
              <caption className="mb-2 text-left font-medium">{t('byTopic')}</caption>
              <thead>
                <tr className="border-b border-line text-left">
                  <th scope="col" className="py-1 pr-4">{t('topic')}</th>
                  <th scope="col" className="py-1 pr-4">{t('correctCount')}</th>
                  <th scope="col" className="py-1">{t('topicScore')}</th>
                </tr>
              </thead>
              <tbody>
                {breakdown.byTopic.map((row) => (
                  <tr key={row.topic} className="border-b border-line">
                    <th scope="row" className="py-1 pr-4 text-left font-normal">{tt(row.topic)}</th>
                    <td className="py-1 pr-4 font-mono">
                      {row.correct}/{row.total}
                    </td>
                    <td className="py-1 font-mono">{percent(row.total ? row.score / row.total : 0)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {breakdown.byMisconception.length === 0 ? (
            <p className="text-sm text-muted">{t('noMisconceptions')}</p>
          ) : (
            <table className="w-full border-collapse text-sm" data-testid="breakdown-misconceptions">
              <caption className="mb-2 text-left font-medium">{t('byMisconception')}</caption>
              <thead>
                <tr className="border-b border-line text-left">
                  <th scope="col" className="py-1 pr-4">{t('misconception')}</th>
                  <th scope="col" className="py-1">{t('misconceptionCount')}</th>
                </tr>
              </thead>
              <tbody>
                {breakdown.byMisconception.map((m) => (
                  <tr key={m.id} className="border-b border-line">
                    <td className="py-1 pr-4">{m.text[lang]}</td>
                    <td className="py-1 font-mono">{m.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="space-y-2" data-testid="weak-skills">
            <h3 className="font-medium">{t('weakTitle')}</h3>
            {breakdown.weakSkills.length === 0 ? (
              <p className="text-sm text-muted">{t('weakNone')}</p>
            ) : (
              <>
                <ul className="list-disc pl-6">
                  {breakdown.weakSkills.map((w) => (
                    <li key={w.generator} data-testid={`weak-${w.generator}`} data-in-drills={w.inDrills}>
                      {w.title[lang]} <span className="text-sm text-muted">({tt(w.topic)})</span> —{' '}
                      <span className="text-sm">{w.inDrills ? t('weakInDrills') : t('weakNotInDrills')}</span>
                    </li>
                  ))}
                </ul>
                <p className="text-sm text-muted">{t('weakHint')}</p>
                {notDrilled.length > 0 && <AddWeakTopics topics={notDrilled} addTopics={addTopics} />}
              </>
            )}
            <Link href="/drill" className="btn-secondary inline-block" data-testid="to-drills">
              {t('toDrills')}
            </Link>
          </div>
        </div>
      )}
    </section>
  );
}
