'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Lang, ThreadCellState, TimelineView as Timeline } from '@/lib/questions/types';
import { StepControls } from './step-controls';

const STATE_STYLE: Record<ThreadCellState, { mark: string; className: string }> = {
  'not-started': { mark: '', className: 'bg-transparent' },
  running: { mark: '▶', className: 'bg-ok/25 text-fg' },
  ready: { mark: '·', className: 'bg-surface-2 text-muted' },
  blocked: { mark: 'B', className: 'bg-bad/20 text-fg' },
  sleeping: { mark: 'z', className: 'bg-accent/15 text-fg' },
  finished: { mark: '✓', className: 'text-muted' },
  killed: { mark: '✗', className: 'bg-bad/30 text-fg' },
};

/** Threads as rows, ticks as columns; step through ticks to see who runs, waits and holds what. */
export function TimelineView({ view, lang }: { view: Timeline; lang: Lang }) {
  const t = useTranslations('practice');
  const [tick, setTick] = useState(view.open ?? view.ticks - 1);
  const columns = Array.from({ length: view.ticks }, (_, i) => i);
  const eventsNow = view.events.filter((e) => e.tick === tick);
  return (
    <div className="space-y-3" data-testid="timeline">
      <StepControls index={tick} count={view.ticks} onChange={(i) => setTick(Math.max(0, Math.min(view.ticks - 1, i)))} label={t('tick')} />
      <div className="overflow-x-auto">
        <table className="border-collapse font-mono text-xs">
          <caption className="sr-only">{t('timelineCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="px-2 py-1 text-left">
                {t('thread')}
              </th>
              {columns.map((c) => (
                <th key={c} scope="col" className={`w-7 px-1 py-1 text-center ${c === tick ? 'bg-accent text-on-accent' : ''}`}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={row.id}>
                <th scope="row" className="px-2 py-1 text-left whitespace-nowrap">
                  {row.label}
                </th>
                {columns.map((c) => {
                  const cell = row.cells[c];
                  const hidden = c > tick || !cell;
                  const style = cell ? STATE_STYLE[cell.state] : STATE_STYLE['not-started'];
                  const description = cell ? `${t(`states.${cell.state}`)}${cell.detail ? ` (${cell.detail})` : ''}${cell.holds?.length ? ` — ${t('holds')} ${cell.holds.join(', ')}` : ''}` : '';
                  return (
                    <td
                      key={c}
                      className={`h-7 w-7 border border-line text-center ${hidden ? 'opacity-20' : style.className} ${c === tick ? 'outline-2 outline-accent' : ''}`}
                      title={description}
                    >
                      {!hidden && (
                        <>
                          <span aria-hidden="true">
                            {style.mark}
                            {cell?.holds?.length ? '●' : ''}
                          </span>
                          <span className="sr-only">{description}</span>
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
            {view.locks.map((lock) => (
              <tr key={lock.id} className="border-t-2 border-line">
                <th scope="row" className="px-2 py-1 text-left whitespace-nowrap">
                  ● {lock.id}
                </th>
                {columns.map((c) => (
                  <td key={c} className={`h-7 w-7 border border-line text-center ${c > tick ? 'opacity-20' : ''}`}>
                    {c <= tick ? (lock.holders[c] ?? '–') : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <h4 className="text-sm font-semibold">{t('eventsAt', { tick })}</h4>
        {eventsNow.length === 0 ? (
          <p className="text-sm text-muted">{t('noEvents')}</p>
        ) : (
          <ul className="list-disc pl-6 text-sm" data-testid="timeline-events">
            {eventsNow.map((e, i) => (
              <li key={i}>
                <span className="font-mono">{e.thread}</span>: {e.text[lang]}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="text-xs text-muted">{t('legend')}</p>
    </div>
  );
}
