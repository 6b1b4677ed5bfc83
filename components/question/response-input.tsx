'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import type { PublicResponseSpec } from '@/lib/questions/public';
import type { Answer, Lang } from '@/lib/questions/types';

// The scheduler board and its simulator are fetched only for a scheduler challenge, not with
// every page that shows a question (issue 16's JS budget).
const ChallengeBoard = dynamic(() => import('@/components/challenge/challenge-board').then((m) => m.ChallengeBoard));

export type ResponseValue = string | string[] | null;

/** What the control starts with: a saved response where there is one, else empty (an ordering starts in the order shown). */
export function initialResponse(spec: PublicResponseSpec, saved?: unknown): ResponseValue {
  const strings = Array.isArray(saved) ? saved.filter((x): x is string => typeof x === 'string') : null;
  if (spec.kind === 'choice') return typeof saved === 'string' ? saved : null;
  if (spec.kind === 'multi') return strings ?? [];
  if (spec.kind === 'ordering') return strings ?? spec.items.map((i) => i.id);
  if (spec.kind === 'schedule') return saved === 'impossible' ? saved : (strings ?? []);
  return saved === null || saved === undefined ? '' : String(saved);
}

/** The response to send to the grader, or null when nothing was entered yet. */
export function responseToSend(spec: PublicResponseSpec, value: ResponseValue): unknown {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return null;
  if (spec.kind === 'schedule' && Array.isArray(value) && value.length === 0) return null;
  return spec.kind === 'number' && typeof value === 'string' ? Number(value) : value;
}

/**
 * The keyboard's option picking (drill review and extra practice): digit n chooses option n, or
 * toggles it in a multi-select. The new value, or null when the key picks nothing.
 */
export function valueForKey(spec: PublicResponseSpec, key: string, value: ResponseValue): ResponseValue | null {
  const digit = Number(key);
  if ((spec.kind !== 'choice' && spec.kind !== 'multi') || !Number.isInteger(digit) || digit < 1 || digit > spec.options.length) return null;
  const id = spec.options[digit - 1]!.id;
  if (spec.kind === 'choice') return id;
  return Array.isArray(value) ? (value.includes(id) ? value.filter((x) => x !== id) : [...value, id]) : [id];
}

/** The control for one answer kind. `value` is what the grader receives. */
export function ResponseInput({
  spec,
  lang,
  value,
  onChange,
  disabled,
  reveal,
  assist = false,
}: {
  spec: PublicResponseSpec;
  lang: Lang;
  value: ResponseValue;
  onChange: (value: ResponseValue) => void;
  disabled: boolean;
  /** Once graded: the true answer, so each option says whether it was chosen and whether it is right. */
  reveal?: Answer;
  /** Self-study (practice): controls may offer hints. */
  assist?: boolean;
}) {
  const t = useTranslations('practice');
  const tv = useTranslations('verdict');
  const right = new Set(reveal === undefined ? [] : Array.isArray(reveal) ? reveal : [String(reveal)]);
  const chosenIds = new Set(Array.isArray(value) ? value : value === null ? [] : [value]);
  /** The border and the words that mark an option after grading (words, not only colour). */
  const marks = (id: string) => {
    if (reveal === undefined) return { frame: 'border-line', note: null };
    const isRight = right.has(id);
    const chosen = chosenIds.has(id);
    const notes = [chosen ? tv('yourChoice') : null, isRight ? tv('rightChoice') : null].filter(Boolean).join(' · ');
    const frame = isRight ? 'border-ok border-2' : chosen ? 'border-bad border-2' : 'border-line';
    return {
      frame,
      note: notes ? (
        <span className={`ml-auto shrink-0 text-xs font-semibold ${isRight ? 'text-ok' : 'text-bad'}`} data-testid="option-mark" data-mark={isRight ? 'right' : 'chosen-wrong'}>
          {isRight ? '✓' : '✗'} {notes}
        </span>
      ) : null,
    };
  };
  switch (spec.kind) {
    case 'choice':
      return (
        <fieldset className="space-y-2" data-testid="response-choice">
          <legend className="sr-only">{t('yourAnswer')}</legend>
          {spec.options.map((o) => (
            <label key={o.id} className={`flex cursor-pointer items-start gap-3 rounded-md border bg-surface p-3 hover:bg-surface-2 ${marks(o.id).frame}`}>
              <input
                type="radio"
                name="answer"
                value={o.id}
                checked={value === o.id}
                disabled={disabled}
                onChange={() => onChange(o.id)}
                className="mt-1"
                data-option={o.id}
              />
              <span className={o.code ? 'font-mono text-sm' : ''}>{o.label[lang]}</span>
              {marks(o.id).note}
            </label>
          ))}
        </fieldset>
      );
    case 'multi': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="space-y-2" data-testid="response-multi">
          <legend className="mb-1 text-sm text-muted">{t('chooseAll')}</legend>
          {spec.options.map((o) => (
            <label key={o.id} className={`flex cursor-pointer items-start gap-3 rounded-md border bg-surface p-3 hover:bg-surface-2 ${marks(o.id).frame}`}>
              <input
                type="checkbox"
                value={o.id}
                checked={chosen.includes(o.id)}
                disabled={disabled}
                onChange={(e) => onChange(e.target.checked ? [...chosen, o.id] : chosen.filter((id) => id !== o.id))}
                className="mt-1"
                data-option={o.id}
              />
              <span className={o.code ? 'font-mono text-sm' : ''}>{o.label[lang]}</span>
              {marks(o.id).note}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'ordering': {
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
    case 'number':
      return (
        <div>
          <label htmlFor="answer-number" className="mb-1 block text-sm font-medium">
            {t('yourAnswer')}
            {spec.unit ? ` (${spec.unit[lang]})` : ''}
          </label>
          <input
            id="answer-number"
            type="number"
            inputMode={spec.integer ? 'numeric' : 'decimal'}
            step={spec.integer ? 1 : 'any'}
            min={spec.min}
            max={spec.max}
            value={typeof value === 'string' ? value : ''}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
            className="field-input max-w-xs"
            data-testid="response-number"
          />
        </div>
      );
    case 'text':
      return (
        <div>
          <label htmlFor="answer-text" className="mb-1 block text-sm font-medium">
            {t('yourAnswer')}
          </label>
          <input
            id="answer-text"
            type="text"
            maxLength={spec.maxLength}
            placeholder={spec.placeholder?.[lang]}
            value={typeof value === 'string' ? value : ''}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
            className="field-input"
            data-testid="response-text"
          />
        </div>
      );
    case 'schedule':
      return <ChallengeBoard program={spec.program} goal={spec.goal} maxMoves={spec.maxMoves} lang={lang} value={value} onChange={onChange} disabled={disabled} assist={assist} />;
  }
}
