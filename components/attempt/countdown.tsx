'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';

const MINUTE = 60_000;
/** Spoken and shown once each as the time left crosses them. */
const WARNINGS = [5 * MINUTE, MINUTE] as const;

function format(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/**
 * Shows the time left, and announces (to screen readers too) when 5 and 1 minutes are left;
 * the server enforces the deadline whatever this shows.
 */
export function Countdown({ remainingMs, onExpire }: { remainingMs: number; onExpire: () => void }) {
  const t = useTranslations('exams.attempt');
  const [left, setLeft] = useState(remainingMs);
  const [warning, setWarning] = useState<number | null>(null);
  const fired = useRef(false);
  useEffect(() => {
    const start = performance.now();
    let previous = remainingMs;
    const tick = () => {
      const rest = remainingMs - (performance.now() - start);
      const crossed = WARNINGS.find((w) => previous > w && rest <= w && rest > 0);
      if (crossed !== undefined) setWarning(crossed);
      previous = rest;
      setLeft(rest);
      if (rest <= 0 && !fired.current) {
        fired.current = true;
        onExpire();
      }
    };
    tick();
    const id = window.setInterval(tick, 1000);
    return () => window.clearInterval(id);
  }, [remainingMs, onExpire]);
  const urgent = left <= MINUTE;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <p className={`font-mono text-lg ${urgent ? 'text-bad' : ''}`} data-testid="time-left">
        <span className="font-sans text-sm text-muted">{t('timeLeft')}: </span>
        <span role="timer">{left > 0 ? format(left) : t('timeUp')}</span>
      </p>
      <p className="text-sm font-semibold text-warn" role="alert" aria-live="assertive" data-testid="time-warning">
        {warning !== null && left > 0 ? t('timeWarning', { minutes: warning / MINUTE }) : ''}
      </p>
    </div>
  );
}
