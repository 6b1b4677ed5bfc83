'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import type { OptimizeProgress } from '@/lib/drills/optimize';
import type { OptimizeState, ResetWeightsState } from './actions';

/** How often the page asks how a running fit is going. */
const POLL_MS = 500;

/** The two figures of an evaluation, in the order the table shows them. */
const MEASURES = [
  { key: 'logLoss', label: 'logLoss', testId: 'logloss' },
  { key: 'rmseBins', label: 'rmse', testId: 'rmse' },
] as const;

interface Report {
  at: string;
  reviews: number;
  current: { logLoss: number; rmseBins: number };
  fitted: { logLoss: number; rmseBins: number };
  adopted: boolean;
}

export interface OptimizerProps {
  reviews: number;
  needed: number;
  weights: readonly number[];
  own: boolean;
  report: Report | null;
  running: boolean;
  startOptimize: () => Promise<OptimizeState>;
  optimizeProgress: () => Promise<OptimizeProgress | { status: 'unauthorized' }>;
  resetFsrsWeights: () => Promise<ResetWeightsState>;
}

export function Optimizer(props: OptimizerProps) {
  const t = useTranslations('settings.optimizer');
  const format = useFormatter();
  const router = useRouter();
  const [running, setRunning] = useState(props.running);
  const [progress, setProgress] = useState<{ current: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    const timer = setInterval(() => {
      void props.optimizeProgress().then((p) => {
        if (stopped) return;
        if (p.status === 'running') setProgress({ current: p.current, total: p.total });
        else {
          setRunning(false);
          setProgress(null);
          if (p.status === 'failed') setMessage(t('failed'));
          router.refresh();
        }
      });
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [running, props, router, t]);

  const optimize = () =>
    startTransition(async () => {
      setMessage(null);
      const state = await props.startOptimize();
      if (state.status === 'started' || state.status === 'running') setRunning(true);
      else if (state.status === 'too-few') setMessage(t('tooFew', { reviews: state.reviews, needed: state.needed }));
      else if (state.status === 'busy') setMessage(t('busy'));
      else setMessage(t('failed'));
    });
  const reset = () =>
    startTransition(async () => {
      const state = await props.resetFsrsWeights();
      setMessage(state.status === 'ok' ? t('resetDone') : t('failed'));
      router.refresh();
    });

  const enough = props.reviews >= props.needed;
  const figure = (n: number) => format.number(n, { maximumFractionDigits: 4, minimumFractionDigits: 4 });
  const { report } = props;
  return (
    <section className="card space-y-3" aria-labelledby="optimizer-title" data-testid="optimizer">
      <h2 id="optimizer-title" className="font-semibold">
        {t('title')}
      </h2>
      <p className="text-sm text-muted">{t('intro')}</p>
      <p data-testid="optimizer-reviews">{t('reviews', { reviews: props.reviews, needed: props.needed })}</p>
      <p data-testid="weights-in-use">{props.own ? t('ownWeights') : t('defaultWeights')}</p>
      <details>
        <summary>{t('showWeights')}</summary>
        <p className="mt-1 break-all font-mono text-sm" data-testid="weights">
          {props.weights.map((w) => w.toFixed(4)).join(', ')}
        </p>
      </details>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" onClick={optimize} disabled={pending || running || !enough} data-testid="optimize">
          {t('optimize')}
        </button>
        <button type="button" className="btn-secondary" onClick={reset} disabled={pending || running || !props.own} data-testid="reset-weights">
          {t('reset')}
        </button>
      </div>
      {running && (
        <div role="status" data-testid="optimize-progress">
          <p>{t('running')}</p>
          <progress className="w-full" max={progress?.total || 1} value={progress?.current ?? 0} aria-label={t('running')} />
        </div>
      )}
      {message && (
        <p role="status" data-testid="optimize-message">
          {message}
        </p>
      )}
      {report && (
        <div data-testid="optimize-report" className="space-y-1">
          <h3 className="font-medium">{t('reportTitle', { date: format.dateTime(new Date(report.at), { dateStyle: 'medium', timeStyle: 'short' }), reviews: report.reviews })}</h3>
          <table className="text-sm">
            <thead>
              <tr>
                {[t('measure'), t('before'), t('after')].map((label, column) => (
                  <th key={label} scope="col" className={column === 0 ? 'pr-4 text-left' : 'pr-4 text-right'}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {MEASURES.map(({ key, label, testId }) => (
                <tr key={key}>
                  <th scope="row" className="pr-4 text-left font-normal">
                    {t(label)}
                  </th>
                  <td className="pr-4 text-right font-mono" data-testid={`${testId}-current`}>
                    {figure(report.current[key])}
                  </td>
                  <td className="pr-4 text-right font-mono" data-testid={`${testId}-fitted`}>
                    {figure(report.fitted[key])}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="optimize-verdict">{report.adopted ? t('adopted') : t('kept')}</p>
        </div>
      )}
    </section>
  );
}
