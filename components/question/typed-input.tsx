'use client';

import { useTranslations } from 'next-intl';
import type { PublicResponseSpec } from '@/lib/questions/public';
import type { Lang } from '@/lib/questions/types';
import type { ResponseValue } from './response-input';

/** A typed answer: a number (with its unit, bounds and step) or a short text. */
export function TypedInput({
  spec,
  lang,
  value,
  onChange,
  disabled,
}: {
  spec: Extract<PublicResponseSpec, { kind: 'number' | 'text' }>;
  lang: Lang;
  value: ResponseValue;
  onChange: (value: ResponseValue) => void;
  disabled: boolean;
}) {
  const t = useTranslations('practice');
  const id = `answer-${spec.kind}`;
  const kindProps =
    spec.kind === 'number'
      ? { type: 'number', inputMode: spec.integer ? ('numeric' as const) : ('decimal' as const), step: spec.integer ? 1 : 'any', min: spec.min, max: spec.max, className: 'field-input max-w-xs' }
      : { type: 'text', maxLength: spec.maxLength, placeholder: spec.placeholder?.[lang], className: 'field-input' };
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {t('yourAnswer')}
        {spec.kind === 'number' && spec.unit ? ` (${spec.unit[lang]})` : ''}
      </label>
      <input
        id={id}
        {...kindProps}
        value={typeof value === 'string' ? value : ''}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        data-testid={`response-${spec.kind}`}
      />
    </div>
  );
}
