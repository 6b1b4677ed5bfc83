'use client';

import { useTranslations } from 'next-intl';
import { lazyComponent } from '@/components/lazy';
import type { PublicResponseSpec } from '@/lib/questions/public';
import type { Answer, Lang } from '@/lib/questions/types';

// Most questions are answered by picking options; the other controls (the scheduler board with
// its simulator, an ordering, a typed number or text) are fetched only for a question of their
// kind, not with every page that shows a question (issue 16's JS budget). They show once their
// code has arrived (components/lazy.tsx).
const ChallengeBoard = lazyComponent(() => import('@/components/challenge/challenge-board').then((m) => m.ChallengeBoard));
const OrderingInput = lazyComponent(() => import('./ordering-input').then((m) => m.OrderingInput));
const TypedInput = lazyComponent(() => import('./typed-input').then((m) => m.TypedInput));

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
    case 'ordering':
      return <OrderingInput spec={spec} lang={lang} value={value} onChange={onChange} disabled={disabled} />;
    case 'number':
    case 'text':
      return <TypedInput spec={spec} lang={lang} value={value} onChange={onChange} disabled={disabled} />;
    case 'schedule':
      return <ChallengeBoard program={spec.program} goal={spec.goal} maxMoves={spec.maxMoves} lang={lang} value={value} onChange={onChange} disabled={disabled} assist={assist} />;
  }
}
