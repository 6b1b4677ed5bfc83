'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef, useState, type ComponentProps, type ReactNode } from 'react';
import { FORECAST_CHART_HEIGHT, retentionChartHeight } from './chart-sizes';
import type { ForecastChart, RetentionChart } from './charts';

// recharts is the heaviest thing the stats page would send (~70 kB gzip): it is fetched when a
// chart scrolls near the screen, never with the page. The tables beside the charts hold the numbers.
const Retention = dynamic(() => import('./charts').then((m) => m.RetentionChart), { ssr: false });
const Forecast = dynamic(() => import('./charts').then((m) => m.ForecastChart), { ssr: false });

/** Keeps the chart's room and renders it once the box comes within 200 px of the viewport. */
function WhenShown({ height, children }: { height: number; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setShown(true);
          observer.disconnect();
        }
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} style={{ minHeight: height }} data-testid="chart-box" data-shown={shown}>
      {shown && children}
    </div>
  );
}

export function LazyRetentionChart(props: ComponentProps<typeof RetentionChart>) {
  return (
    <WhenShown height={retentionChartHeight(props.data.length)}>
      <Retention {...props} />
    </WhenShown>
  );
}

export function LazyForecastChart(props: ComponentProps<typeof ForecastChart>) {
  return (
    <WhenShown height={FORECAST_CHART_HEIGHT}>
      <Forecast {...props} />
    </WhenShown>
  );
}
