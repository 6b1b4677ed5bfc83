'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { saveSetAction, type TeachState } from '../actions';
import { StateMessage } from '../forms';

export interface GeneratorChoice {
  id: string;
  title: string;
  tiers: number[];
}

type Item = { key: number; generator: string; tier: number; count: number };

/** Pick generators and tiers with counts, reorder them, preview a sample of each. */
export function SetEditor({ setId, name, items, generators }: { setId?: string; name: string; items: Omit<Item, 'key'>[]; generators: GeneratorChoice[] }) {
  const t = useTranslations('teaching');
  const [state, action, pending] = useActionState<TeachState, FormData>(saveSetAction, { status: 'idle' });
  const [rows, setRows] = useState<Item[]>(() => items.map((item, key) => ({ ...item, key })));
  const [nextKey, setNextKey] = useState(items.length);
  const first = generators[0];
  const update = (key: number, patch: Partial<Item>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (index: number, delta: number) =>
    setRows((rs) => {
      const next = rs.slice();
      const target = index + delta;
      if (target < 0 || target >= next.length) return rs;
      [next[index], next[target]] = [next[target] as Item, next[index] as Item];
      return next;
    });
  const add = () => {
    if (!first) return;
    setRows((rs) => [...rs, { key: nextKey, generator: first.id, tier: first.tiers[0] ?? 1, count: 1 }]);
    setNextKey((k) => k + 1);
  };
  const payload = JSON.stringify(rows.map(({ generator, tier, count }) => ({ generator, tier, count })));
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  return (
    <form action={action} noValidate className="card space-y-4" data-testid="set-editor">
      {setId && <input type="hidden" name="setId" value={setId} />}
      <input type="hidden" name="items" value={payload} />
      <div>
        <label htmlFor="set-name" className="mb-1 block font-medium">
          {t('setName')}
        </label>
        <input id="set-name" name="name" defaultValue={name} maxLength={120} className="field-input" />
      </div>
      <ol className="space-y-2">
        {rows.map((row, index) => {
          const g = generators.find((x) => x.id === row.generator);
          return (
            <li key={row.key} className="flex flex-wrap items-center gap-2 rounded border border-line p-2" data-testid="set-item">
              <span className="w-6 text-right font-mono text-sm text-muted">{index + 1}.</span>
              <label className="sr-only" htmlFor={`gen-${row.key}`}>
                {t('generator')}
              </label>
              <select
                id={`gen-${row.key}`}
                className="field-input max-w-72"
                value={row.generator}
                onChange={(e) => {
                  const chosen = generators.find((x) => x.id === e.target.value);
                  update(row.key, { generator: e.target.value, tier: chosen?.tiers.includes(row.tier) ? row.tier : (chosen?.tiers[0] ?? 1) });
                }}
              >
                {generators.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.title}
                  </option>
                ))}
              </select>
              <label className="sr-only" htmlFor={`tier-${row.key}`}>
                {t('tier')}
              </label>
              <select id={`tier-${row.key}`} className="field-input w-28" value={row.tier} onChange={(e) => update(row.key, { tier: Number(e.target.value) })}>
                {(g?.tiers ?? [1]).map((tier) => (
                  <option key={tier} value={tier}>
                    {t('tierN', { tier })}
                  </option>
                ))}
              </select>
              <label className="text-sm" htmlFor={`count-${row.key}`}>
                ×
              </label>
              <input id={`count-${row.key}`} type="number" min={1} max={20} value={row.count} onChange={(e) => update(row.key, { count: Number(e.target.value) })} className="field-input w-20" aria-label={t('count')} />
              <a href={`/practice/${row.generator}?tier=${row.tier}`} target="_blank" rel="noreferrer" className="text-sm text-accent underline">
                {t('preview')}
              </a>
              <button type="button" className="btn-secondary px-2 py-1" onClick={() => move(index, -1)} disabled={index === 0} aria-label={t('moveUp')}>
                ↑
              </button>
              <button type="button" className="btn-secondary px-2 py-1" onClick={() => move(index, 1)} disabled={index === rows.length - 1} aria-label={t('moveDown')}>
                ↓
              </button>
              <button type="button" className="text-sm text-bad underline" onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}>
                {t('remove')}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className="btn-secondary" onClick={add} data-testid="add-item">
          {t('addItem')}
        </button>
        <span className="text-sm text-muted">{t('totalQuestions', { total })}</span>
      </div>
      <button type="submit" className="btn-primary" disabled={pending} data-testid="save-set">
        {t('saveSet')}
      </button>
      <StateMessage state={state} />
    </form>
  );
}
