'use client';

import { useTranslations } from 'next-intl';

/** Previous / next / range controls for stepping through a trace. */
export function StepControls({ index, count, onChange, label, position }: { index: number; count: number; onChange: (i: number) => void; label: string; position?: string }) {
  const t = useTranslations('practice');
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="step-controls">
      <button type="button" className="btn-secondary px-3 py-1" onClick={() => onChange(0)} disabled={index === 0}>
        « <span className="sr-only">{t('first')}</span>
      </button>
      <button type="button" className="btn-secondary px-3 py-1" onClick={() => onChange(index - 1)} disabled={index === 0} data-testid="step-prev">
        ← {t('prev')}
      </button>
      <input
        type="range"
        min={0}
        max={count - 1}
        value={index}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-label={label}
        className="w-40"
      />
      <button type="button" className="btn-secondary px-3 py-1" onClick={() => onChange(index + 1)} disabled={index >= count - 1} data-testid="step-next">
        {t('next')} →
      </button>
      <button type="button" className="btn-secondary px-3 py-1" onClick={() => onChange(count - 1)} disabled={index >= count - 1}>
        » <span className="sr-only">{t('last')}</span>
      </button>
      <span className="font-mono text-sm" aria-live="polite" data-testid="step-position">
        {position ?? `${label} ${index} / ${count - 1}`}
      </span>
    </div>
  );
}
