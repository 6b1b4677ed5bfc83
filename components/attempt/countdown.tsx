'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';

function format(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** Shows the time left; the server enforces the deadline whatever this shows. */
export function Countdown({ remainingMs, onExpire }: { remainingMs: number; onExpire: () => void }) {
  const t = useTranslations('exams.attempt');
  const [left, setLeft] = useState(remainingMs);
  const fired = useRef(false);
  useEffect(() => {
    const start = performance.now();
    const tick = () => {
      const rest = remainingMs - (performance.now() - start);
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
  return (
    <p className="font-mono text-lg" data-testid="time-left">
      <span className="font-sans text-sm text-muted">{t('timeLeft')}: </span>
      <span role="timer">{left > 0 ? format(left) : t('timeUp')}</span>
    </p>
  );
}
