'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { processName } from '@/lib/i18n/glossary';
import type { Lang, MemoryView as Memory } from '@/lib/questions/types';
import { StepControls } from './step-controls';

/**
 * A page table's process in the learner's language (부모, 자식 (exec)). The view's `label` is
 * the English name, with " (exec)" once the process has exec'd; stored question versions keep
 * it so, so the name is looked up by pid.
 */
function processLabel(p: { pid: string; label: string }, lang: Lang): string {
  return `${processName(p.pid, lang)}${p.label.endsWith(' (exec)') ? ' (exec)' : ''}`;
}

/** Page tables and physical frames side by side, one snapshot per step; shared frames marked. */
export function MemoryView({ view, lang }: { view: Memory; lang: Lang }) {
  const t = useTranslations('practice');
  const [index, setIndex] = useState(view.open ?? view.steps.length - 1);
  const step = view.steps[index];
  if (!step) return null;
  const shared = new Set(step.frames.filter((f) => f.refcount > 1).map((f) => f.frame));
  return (
    <div className="space-y-3" data-testid="memory-view">
      <StepControls index={index} count={view.steps.length} onChange={(i) => setIndex(Math.max(0, Math.min(view.steps.length - 1, i)))} label={t('snapshot')} position={t('snapshotPosition', { n: index + 1, count: view.steps.length })} />
      <p className="font-medium" data-testid="memory-step-label">
        {step.label[lang]}
      </p>
      <div className="flex flex-wrap gap-4">
        {step.processes.map((p) => (
          <table key={p.pid} className="border-collapse font-mono text-xs" data-testid="page-table">
            <caption className="text-left font-sans text-sm font-semibold">
              {t('pageTableOf', { process: processLabel(p, lang) })}
            </caption>
            <thead>
              <tr>
                {['vpage', 'frame', 'flags'].map((h) => (
                  <th key={h} scope="col" className="border border-line bg-surface-2 px-2 py-1">
                    {t(`columns.${h}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.entries.map((e) => (
                <tr key={e.vpage}>
                  <td className="border border-line px-2 py-1">{e.vpage}</td>
                  <td className={`border border-line px-2 py-1 ${e.frame !== null && shared.has(e.frame) ? 'bg-warn/25' : ''}`}>
                    {e.present && e.frame !== null ? e.frame : '—'}
                  </td>
                  <td className="border border-line px-2 py-1">
                    {[e.present ? 'P' : '', e.writable ? 'W' : 'R', e.cow ? 'COW' : '', e.shared ? 'SHARED' : ''].filter(Boolean).join(' ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <table className="border-collapse font-mono text-xs" data-testid="frame-table">
          <caption className="text-left font-sans text-sm font-semibold">{t('frames')}</caption>
          <thead>
            <tr>
              {['frame', 'refcount', 'content'].map((h) => (
                <th key={h} scope="col" className="border border-line bg-surface-2 px-2 py-1">
                  {t(`columns.${h}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {step.frames.map((f) => (
              <tr key={f.frame} className={shared.has(f.frame) ? 'bg-warn/25' : ''}>
                <td className="border border-line px-2 py-1">
                  {f.frame}
                  {f.zero ? ' (zero)' : ''}
                </td>
                <td className="border border-line px-2 py-1">{f.refcount}</td>
                <td className="border border-line px-2 py-1">{f.content ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        {Object.entries(step.counters).map(([k, v]) => (
          <div key={k} className="flex gap-2">
            <dt className="text-muted">{t.has(`counters.${k}`) ? t(`counters.${k}`) : k}</dt>
            <dd className="font-mono">{v}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-muted">{t('memoryLegend')}</p>
    </div>
  );
}
