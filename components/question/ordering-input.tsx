'use client';

import { useTranslations } from 'next-intl';
import type { PublicResponseSpec } from '@/lib/questions/public';
import type { Lang } from '@/lib/questions/types';
import type { ResponseValue } from './response-input';

/** Puts items in order with up/down buttons; `value` is the ids in the chosen order. */
export function OrderingInput({
  spec,
  lang,
  value,
  onChange,
  disabled,
}: {
  spec: Extract<PublicResponseSpec, { kind: 'ordering' }>;
  lang: Lang;
  value: ResponseValue;
  onChange: (value: ResponseValue) => void;
  disabled: boolean;
}) {
  const t = useTranslations('practice');
  const order = Array.isArray(value) && value.length === spec.items.length ? value : spec.items.map((i) => i.id);
  const move = (index: number, delta: number) => {
    const next = order.slice();
    const target = index + delta;
    if (target < 0 || target >= next.length) return;
    [next[index], next[target]] = [next[target] as string, next[index] as string];
    onChange(next);
  };
  return (
    <div data-testid="response-ordering">
      <p className="mb-2 text-sm text-muted">{t('orderHint')}</p>
      <ol className="space-y-2">
        {order.map((id, index) => {
          const item = spec.items.find((i) => i.id === id);
          return (
            <li key={id} className="flex items-center gap-2 rounded-md border border-line bg-surface p-2" data-item={id}>
              <span className="w-6 text-right font-mono text-sm text-muted">{index + 1}.</span>
              <span className={`flex-1 ${item?.code ? 'font-mono text-sm' : ''}`}>{item?.label[lang] ?? id}</span>
              <button type="button" className="btn-secondary px-2 py-1" disabled={disabled || index === 0} onClick={() => move(index, -1)} aria-label={t('moveUp', { item: item?.label[lang] ?? id })}>
                ↑
              </button>
              <button
                type="button"
                className="btn-secondary px-2 py-1"
                disabled={disabled || index === order.length - 1}
                onClick={() => move(index, 1)}
                aria-label={t('moveDown', { item: item?.label[lang] ?? id })}
              >
                ↓
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
