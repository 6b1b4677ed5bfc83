/**
 * What a learner's browser may see before answering: the prompt and how to answer, without
 * the answer, the explanation, or which options are misconception distractors.
 */
import type { Lang, Localized, Option, Question, ResponseSpec } from './types';

export type PublicOption = Omit<Option, 'misconception'>;

export type PublicResponseSpec =
  | { readonly kind: 'choice'; readonly options: readonly PublicOption[] }
  | { readonly kind: 'multi'; readonly options: readonly PublicOption[] }
  | { readonly kind: 'ordering'; readonly items: readonly PublicOption[] }
  | Extract<ResponseSpec, { kind: 'number' | 'text' | 'schedule' }>;

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
  const r = q.response;
  const label = (options: readonly Option[], id: string) => options.find((o) => o.id === id)?.label[lang] ?? id;
  switch (r.kind) {
    case 'choice':
      return label(r.options, q.answer as string);
    case 'multi': {
      const ids = q.answer as readonly string[];
      return ids.length === 0 ? '—' : ids.map((id) => label(r.options, id)).join(', ');
    }
    case 'ordering':
      return (q.answer as readonly string[]).map((id) => label(r.items, id)).join(' → ');
    case 'number':
      return `${q.answer}${r.unit ? ` ${r.unit[lang]}` : ''}`;
    case 'text':
      return String(q.answer);
    case 'schedule':
      if (!Array.isArray(q.answer)) return lang === 'ko' ? '불가능' : 'impossible';
      return (q.answer as readonly string[]).join(' → ');
  }
}
