'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { undoLast } from '../actions';

export function useUndo() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const undo = () =>
    start(async () => {
      const result = await undoLast();
      if (result.status === 'ok') router.replace(`/drill/review?card=${encodeURIComponent(result.cardId)}`);
    });
  return { undo, pending };
}

export function UndoButton() {
  const t = useTranslations('drill');
  const { undo, pending } = useUndo();
  return (
    <button type="button" className="btn-secondary" onClick={undo} disabled={pending} data-testid="undo">
      {t('undo')} <kbd className="text-xs text-muted">U</kbd>
    </button>
  );
}
