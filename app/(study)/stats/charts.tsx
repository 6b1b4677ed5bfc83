'use client';

import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { FORECAST_CHART_HEIGHT, retentionChartHeight } from './chart-sizes';

// Colours come from the theme's CSS variables, so both charts follow the light/dark switch.
const AXIS = { fill: 'var(--muted)', fontSize: 12 };
const TOOLTIP = {
  contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--text)' },
  labelStyle: { color: 'var(--text)', fontWeight: 600 },
  itemStyle: { color: 'var(--text)' },
  cursor: { fill: 'var(--surface-2)' },
};

export interface RetentionBar {
  readonly label: string;
  /** Percent 0–100, or null without reviews. */
  readonly retention: number | null;
}

/**
 * True retention per topic as horizontal bars with the desired retention marked. The SVG is
 * an image named by `title` and described by `desc`; the page's table holds the numbers.
 */
export function RetentionChart({ data, target, targetLabel, title, desc, valueLabel }: { data: readonly RetentionBar[]; target: number; targetLabel: string; title: string; desc: string; valueLabel: string }) {
  const height = retentionChartHeight(data.length);
  return (
    <BarChart
      responsive
      style={{ width: '100%', height }}
      data={[...data]}
      layout="vertical"
      margin={{ top: 20, right: 24, bottom: 4, left: 8 }}
      accessibilityLayer={false}
      role="img"
      title={title}
      desc={desc}
    >
      <CartesianGrid horizontal={false} stroke="var(--border)" />
      <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} tick={AXIS} stroke="var(--border)" />
      <YAxis type="category" dataKey="label" width={130} tick={AXIS} stroke="var(--border)" interval={0} />
      <Tooltip {...TOOLTIP} formatter={(v) => [`${Math.round(Number(v))}%`, valueLabel]} />
      <ReferenceLine x={target} stroke="var(--text)" strokeDasharray="4 3" label={{ value: targetLabel, position: 'top', fill: 'var(--text)', fontSize: 12 }} />
      <Bar dataKey="retention" name={valueLabel} fill="var(--accent)" radius={[0, 4, 4, 0]} maxBarSize={24} isAnimationActive={false} />
    </BarChart>
  );
}

export interface ForecastBar {
  readonly label: string;
  readonly count: number;
}

/** Cards due per day as vertical bars; the page's table holds the numbers. */
export function ForecastChart({ data, title, desc, valueLabel }: { data: readonly ForecastBar[]; title: string; desc: string; valueLabel: string }) {
  return (
    <BarChart
      responsive
      style={{ width: '100%', height: FORECAST_CHART_HEIGHT }}
      data={[...data]}
      margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
      accessibilityLayer={false}
      role="img"
      title={title}
      desc={desc}
    >
      <CartesianGrid vertical={false} stroke="var(--border)" />
      <XAxis dataKey="label" tick={AXIS} stroke="var(--border)" interval="preserveStartEnd" minTickGap={16} />
      <YAxis allowDecimals={false} width={36} tick={AXIS} stroke="var(--border)" />
      <Tooltip {...TOOLTIP} formatter={(v) => [String(v), valueLabel]} />
      <Bar dataKey="count" name={valueLabel} fill="var(--accent)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
    </BarChart>
  );
}
