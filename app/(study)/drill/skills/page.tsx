import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { SKILL_FILTERS, SKILL_SORTS } from '@/lib/drills/skill-changes';
import { skillBrowser } from '@/lib/drills/skills';
import { changeSkillState } from '../actions';
import { SkillActions } from './skill-actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('skills'))('title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SkillsPage({ searchParams }: Props) {
  const user = await requireUser('/drill/skills');
  const t = await getTranslations('skills');
  const tt = await getTranslations('landing.topics');
  const tx = await getTranslations('drill.extra');
  const format = await getFormatter();
  const { query, topics, rows, total } = await skillBrowser(user.id, await now(), await searchParams);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-muted">{t('intro')}</p>
      <form method="get" className="flex flex-wrap items-end gap-3" data-testid="skill-query">
        {[
          { name: 'sort', label: t('sortLabel'), value: query.sort, options: SKILL_SORTS.map((s) => ({ value: s, text: t(`sort.${s}`) })) },
          { name: 'filter', label: t('filterLabel'), value: query.filter, options: SKILL_FILTERS.map((f) => ({ value: f, text: t(`filter.${f}`) })) },
          { name: 'topic', label: t('topicLabel'), value: query.topic ?? '', options: [{ value: '', text: t('allTopics') }, ...topics.map((topic) => ({ value: topic, text: tt(topic as 'lock') }))] },
        ].map((select) => (
          <label key={select.name} className="flex flex-col text-sm">
            {select.label}
            <select name={select.name} defaultValue={select.value} className="field-input" data-testid={`skill-${select.name}`}>
              {select.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.text}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button type="submit" className="btn-primary" data-testid="apply-query">
          {t('apply')}
        </button>
      </form>
      <p role="status" data-testid="skill-count">
        {t('count', { shown: rows.length, total })}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="skills">
          <caption className="sr-only">{t('title')}</caption>
          <thead>
            <tr>
              {(['skill', 'topic', 'tier', 'state', 'due', 'stability', 'retrievability', 'lapses', 'actions'] as const).map((c) => (
                <th key={c} scope="col" className="px-2 py-1 text-left">
                  {t(`column.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.cardId} className="border-t border-line" data-testid={`skill-${r.generator}`}>
                <th scope="row" className="px-2 py-1 text-left font-mono font-normal">
                  {r.generator}
                  {r.leech && <span className="ml-1 rounded bg-warn/20 px-1 text-xs">{t('leech')}</span>}
                </th>
                <td className="px-2 py-1">{tt(r.topic as 'lock')}</td>
                <td className="px-2 py-1">{r.tier}</td>
                <td className="px-2 py-1" data-testid={`state-${r.generator}`}>
                  {t(`filter.${r.state}`)}
                  {r.suspended && ` · ${t('filter.suspended')}`}
                  {r.buried && ` · ${t('filter.buried')}`}
                </td>
                <td className="px-2 py-1">{format.dateTime(r.due, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                <td className="px-2 py-1">{t('days', { days: format.number(r.stability, { maximumFractionDigits: 1 }) })}</td>
                <td className="px-2 py-1">{r.state === 'new' ? '—' : format.number(r.retrievability, { style: 'percent' })}</td>
                <td className="px-2 py-1">{r.lapses}</td>
                <td className="px-2 py-1">
                  <Link href={`/drill/practice?skill=${r.generator}&count=5`} className="mb-1 inline-block underline" aria-label={tx('skillLink', { skill: r.generator })} data-testid={`practise-${r.generator}`}>
                    {tx('skillLinkShort')}
                  </Link>
                  <SkillActions cardId={r.cardId} name={r.generator} suspended={r.suspended} buried={r.buried} action={changeSkillState} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm">
        <Link href="/drill" className="underline">
          {t('back')}
        </Link>
      </p>
    </div>
  );
}
