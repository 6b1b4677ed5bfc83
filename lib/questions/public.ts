/**
 * What a learner's browser may see before answering: the prompt and how to answer, without
 * the answer, the explanation, which options are misconception distractors, or the wrong
 * numbers and orders misconceptions predict (a response's `diagnoses`).
 */
import type { Lang, Localized, Option, Question, ResponseSpec } from './types';

export type PublicOption = Omit<Option, 'misconception'>;

export type PublicResponseSpec =
  | { readonly kind: 'choice'; readonly options: readonly PublicOption[] }
  | { readonly kind: 'multi'; readonly options: readonly PublicOption[] }
  | { readonly kind: 'ordering'; readonly items: readonly PublicOption[] }
  | Omit<Extract<ResponseSpec, { kind: 'number' }>, 'diagnoses'>
  | Extract<ResponseSpec, { kind: 'text' | 'schedule' }>;

export type PublicQuestion = Omit<Question, 'answer' | 'explanation' | 'response'> & { readonly response: PublicResponseSpec };

const strip = (options: readonly Option[]): PublicOption[] => options.map(({ id, label, code }) => (code ? { id, label, code } : { id, label }));

export function toPublicQuestion(q: Question): PublicQuestion {
  const { answer: _answer, explanation: _explanation, response, ...rest } = q;
  let publicResponse: PublicResponseSpec;
  switch (response.kind) {
    case 'choice':
    case 'multi':
      publicResponse = { kind: response.kind, options: strip(response.options) };
      break;
    case 'ordering':
      publicResponse = { kind: 'ordering', items: strip(response.items) };
      break;
    case 'number': {
      // The modelled wrong numbers would narrow the answer down: they go with it.
      const { diagnoses: _diagnoses, ...number } = response;
      publicResponse = number;
      break;
    }
    default:
      publicResponse = response;
  }
  return { ...rest, response: publicResponse };
}

/**
 * A question of a graded attempt before its answers are released: also without its ref
 * (generator, version, seed, tier), which would let anyone rebuild it — and its answer — on
 * the practice page.
 */
export type SealedQuestion = Omit<PublicQuestion, 'ref'>;

export function toSealedQuestion(q: Question): SealedQuestion {
  const { ref: _ref, ...sealed } = toPublicQuestion(q);
  return sealed;
}

export function localize(text: Localized, lang: Lang): string {
  return text[lang];
}

/** The answer in words, for showing after grading. */
export function describeAnswer(q: Question, lang: Lang): string {
  return describeValue(q, q.answer, lang) ?? String(q.answer);
}

/**
 * A learner's stored response in words, as the true answer is shown: option labels instead of
 * ids, in the viewer's language. The stored text is JSON from the grader; anything that does
 * not read as a response of this question's kind is shown as stored, never thrown on.
 */
export function describeResponse(q: Question, stored: string, lang: Lang): string {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return stored;
  }
  return describeValue(q, value, lang) ?? stored;
}

/** A value (the answer or a response) of a question's kind in words; null if it is not of that kind. */
function describeValue(q: Question, value: unknown, lang: Lang): string | null {
  const r = q.response;
  const label = (options: readonly Option[], id: string) => options.find((o) => o.id === id)?.label[lang] ?? id;
  const ids = Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
  switch (r.kind) {
    case 'choice':
      return typeof value === 'string' ? label(r.options, value) : null;
    case 'multi':
      if (!ids) return null;
      return ids.length === 0 ? '—' : ids.map((id) => label(r.options, id)).join(', ');
    case 'ordering':
      return ids ? ids.map((id) => label(r.items, id)).join(' → ') : null;
    case 'number':
      return typeof value === 'number' || typeof value === 'string' ? `${value}${r.unit ? ` ${r.unit[lang]}` : ''}` : null;
    case 'text':
      return typeof value === 'string' ? value : null;
    case 'schedule':
      if (value === 'impossible') return lang === 'ko' ? '불가능' : 'impossible';
      return ids ? ids.join(' → ') : null;
  }
}
