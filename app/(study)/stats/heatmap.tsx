import { getFormatter, getTranslations } from 'next-intl/server';
import { addDays, type Heatmap, type HeatLevel } from '@/lib/srs/stats';

const CELL = 11;
const PITCH = 14;
const LEFT = 30;
const TOP = 16;

/** Level 0 is the empty cell; 1–4 mix more of the accent colour into the surface. */
const LEVEL_FILL: Record<HeatLevel, string> = {
  0: 'var(--surface-2)',
  1: 'color-mix(in srgb, var(--accent) 30%, var(--surface))',
  2: 'color-mix(in srgb, var(--accent) 55%, var(--surface))',
  3: 'color-mix(in srgb, var(--accent) 80%, var(--surface))',
  4: 'var(--accent)',
};

const asDate = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * A year of reviews per day as an SVG grid (weeks as columns, Sunday on top). The grid is one
 * image with a text summary; a table under it lists every day with reviews.
 */
export async function ReviewHeatmap({ heatmap }: { heatmap: Heatmap }) {
  const t = await getTranslations('stats.heatmap');
  const format = await getFormatter();
  const day = (date: string) => format.dateTime(asDate(date), { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
  const width = LEFT + heatmap.weeks.length * PITCH;
  const height = TOP + 7 * PITCH;

  // A month's name above the first column that starts in it (when there is room).
  const months: { x: number; text: string }[] = [];
  heatmap.weeks.forEach((week, col) => {
    const first = week.find((c) => c !== null);
    if (!first || Number(first.date.slice(8, 10)) > 7) return;
    const x = LEFT + col * PITCH;
    const last = months.at(-1);
    if (last && x - last.x < 3 * PITCH) return;
    months.push({ x, text: format.dateTime(asDate(first.date), { timeZone: 'UTC', month: 'short' }) });
  });
  // 2026-11-29 is a Sunday: rows 1, 3, 5 are Monday, Wednesday, Friday.
  const weekdays = [1, 3, 5].map((row) => ({ row, text: format.dateTime(asDate(addDays('2026-11-29', row)), { timeZone: 'UTC', weekday: 'short' }) }));
  const summary = t('label', { start: day(heatmap.start), end: day(heatmap.end), total: heatmap.total, days: heatmap.activeDays.length, max: heatmap.max });

  return (
    <div className="space-y-3">
      {/* Right-to-left scrolling starts at the newest weeks when the grid is wider than the screen. */}
      <div className="overflow-x-auto" dir="rtl" tabIndex={0} role="region" aria-label={t('region')}>
        <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" style={{ direction: 'ltr', minWidth: width * 0.8, maxWidth: width * 1.4 }} role="img" aria-label={summary} data-testid="heatmap-grid">
          {months.map((m) => (
            <text key={m.x} x={m.x} y={TOP - 5} fontSize={10} style={{ fill: 'var(--muted)' }}>
              {m.text}
            </text>
          ))}
          {weekdays.map((w) => (
            <text key={w.row} x={0} y={TOP + w.row * PITCH + CELL - 1} fontSize={9} style={{ fill: 'var(--muted)' }}>
              {w.text}
            </text>
          ))}
          {heatmap.weeks.map((week, col) =>
            week.map((cell, row) =>
              cell ? (
                <rect
                  key={cell.date}
                  x={LEFT + col * PITCH}
                  y={TOP + row * PITCH}
                  width={CELL}
                  height={CELL}
                  rx={2}
                  style={{ fill: LEVEL_FILL[cell.level], stroke: cell.level === 0 ? 'var(--border)' : 'none', strokeWidth: 0.5 }}
                  data-date={cell.date}
                  data-count={cell.count}
                >
                  <title>{t('cell', { date: day(cell.date), count: cell.count })}</title>
                </rect>
              ) : null,
            ),
          )}
        </svg>
      </div>
      <div className="flex items-center justify-end gap-1 text-xs text-muted" aria-hidden="true">
        <span className="mr-1">{t('less')}</span>
        {([0, 1, 2, 3, 4] as const).map((level) => (
          <span key={level} className="inline-block size-3 rounded-sm border border-line" style={{ background: LEVEL_FILL[level] }} />
        ))}
        <span className="ml-1">{t('more')}</span>
      </div>
      {heatmap.total === 0 ? (
        <p className="text-sm text-muted">{t('empty')}</p>
      ) : (
        <details className="text-sm">
          <summary className="cursor-pointer text-accent underline">{t('table')}</summary>
          <div className="mt-2 max-h-72 overflow-y-auto" tabIndex={0} role="region" aria-label={t('caption')}>
            <table className="w-full max-w-sm text-left">
              <caption className="sr-only">{t('caption')}</caption>
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="py-1 pr-4 font-medium">
                    {t('date')}
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    {t('reviews')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {heatmap.activeDays.map((d) => (
                  <tr key={d.date} className="border-b border-line last:border-0">
                    <td className="py-1 pr-4">
                      <time dateTime={d.date}>{day(d.date)}</time>
                    </td>
                    <td className="py-1 text-right tabular-nums">{d.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </div>
  );
}
