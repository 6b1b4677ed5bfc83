/**
 * One grader for every answer kind. A learner's response arrives as untrusted data
 * (JSON from a form); a malformed one is `invalid`, never an exception. A graded response
 * comes back normalised (a number as a number, each chosen option once, text trimmed), and
 * that is what gets stored: never the bytes as sent.
 */
import { IMPOSSIBLE } from '@/lib/sim/challenge/types';
import { replay } from '@/lib/sim/challenge/step';
import type { Answer, Diagnosis, Misconception, Option, ResponseSpec } from './types';

export type GradeResult =
  | {
      readonly status: 'graded';
      readonly correct: boolean;
      /** 0..1; partial credit only for multi-select. */
      readonly score: number;
      /** The misconceptions behind the chosen wrong options, or that a wrong number or order matches, if any. */
      readonly misconceptions: readonly Misconception[];
      /** The response as graded, normalised: what to store. */
      readonly response: string | number | readonly string[];
    }
  | { readonly status: 'invalid'; readonly reason: 'shape' | 'unknown-option' | 'out-of-range' | 'too-long' };

const invalid = (reason: 'shape' | 'unknown-option' | 'out-of-range' | 'too-long'): GradeResult => ({
  status: 'invalid',
  reason,
});

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((v) => typeof v === 'string');
}

/** Each misconception once (by id), in the order first met. */
function distinct(found: readonly (Misconception | undefined)[]): Misconception[] {
  const out: Misconception[] = [];
  for (const m of found) if (m && !out.some((x) => x.id === m.id)) out.push(m);
  return out;
}

function misconceptionsOf(options: readonly Option[], chosenWrong: readonly string[]): Misconception[] {
  return distinct(chosenWrong.map((id) => options.find((o) => o.id === id)?.misconception));
}

/** The misconceptions whose modelled wrong answer the response matches (non-choice answers). */
function diagnosedBy<V>(diagnoses: readonly Diagnosis<V>[] | undefined, matches: (value: V) => boolean): Misconception[] {
  return distinct((diagnoses ?? []).filter((d) => matches(d.value)).map((d) => d.misconception));
}

const sameOrder = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** Normalizes free text: trims, folds case and inner whitespace. */
export function normalizeText(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A number typed as text longer than this is refused: no real answer needs more characters. */
export const MAX_NUMBER_CHARS = 40;

export function grade(spec: ResponseSpec, answer: Answer, response: unknown): GradeResult {
  switch (spec.kind) {
    case 'choice': {
      if (typeof response !== 'string') return invalid('shape');
      if (!spec.options.some((o) => o.id === response)) return invalid('unknown-option');
      const correct = response === answer;
      return {
        status: 'graded',
        correct,
        score: correct ? 1 : 0,
        misconceptions: correct ? [] : misconceptionsOf(spec.options, [response]),
        response,
      };
    }
    case 'multi': {
      // Each option at most once: a longer list is not a selection.
      if (!isStringArray(response) || response.length > spec.options.length) return invalid('shape');
      const picked = new Set(response);
      if (![...picked].every((id) => spec.options.some((o) => o.id === id))) return invalid('unknown-option');
      const chosen = spec.options.map((o) => o.id).filter((id) => picked.has(id));
      const right = new Set(answer as readonly string[]);
      const hits = chosen.filter((id) => right.has(id)).length;
      const wrong = chosen.filter((id) => !right.has(id));
      const missed = right.size - hits;
      const correct = wrong.length === 0 && missed === 0;
      const score = right.size === 0 ? (correct ? 1 : 0) : Math.max(0, (hits - wrong.length) / right.size);
      return { status: 'graded', correct, score: correct ? 1 : score, misconceptions: misconceptionsOf(spec.options, wrong), response: chosen };
    }
    case 'ordering': {
      if (!isStringArray(response)) return invalid('shape');
      const ids = spec.items.map((i) => i.id);
      if (response.length !== ids.length || new Set(response).size !== ids.length) return invalid('shape');
      if (!response.every((id) => ids.includes(id))) return invalid('unknown-option');
      const correct = sameOrder(response, answer as readonly string[]);
      const misconceptions = correct ? [] : diagnosedBy(spec.diagnoses, (order) => sameOrder(order, response));
      return { status: 'graded', correct, score: correct ? 1 : 0, misconceptions, response };
    }
    case 'number': {
      if (typeof response === 'string' && response.length > MAX_NUMBER_CHARS) return invalid('too-long');
      const n = typeof response === 'string' && response.trim() !== '' ? Number(response) : response;
      if (typeof n !== 'number' || !Number.isFinite(n)) return invalid('shape');
      if (spec.integer && !Number.isInteger(n)) return invalid('shape');
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        return invalid('out-of-range');
      }
      const near = (value: number) => Math.abs(n - value) <= (spec.tolerance ?? 0);
      const correct = near(answer as number);
      return { status: 'graded', correct, score: correct ? 1 : 0, misconceptions: correct ? [] : diagnosedBy(spec.diagnoses, near), response: n };
    }
    case 'text': {
      if (typeof response !== 'string') return invalid('shape');
      if (response.length > spec.maxLength) return invalid('too-long');
      const correct = normalizeText(response) === normalizeText(answer as string);
      return { status: 'graded', correct, score: correct ? 1 : 0, misconceptions: [], response: response.trim() };
    }
    case 'schedule': {
      // "impossible" is right exactly when the search found no winning schedule.
      if (response === IMPOSSIBLE) {
        const correct = answer === IMPOSSIBLE;
        return { status: 'graded', correct, score: correct ? 1 : 0, misconceptions: [], response };
      }
      if (!isStringArray(response) || response.length > spec.maxMoves) return invalid('shape');
      const run = replay(spec.program, spec.goal, response);
      if (run.status === 'illegal') return invalid('shape');
      const correct = run.outcome === 'won';
      // Full score at par; each move over par costs its share.
      const par = Array.isArray(answer) ? answer.length : response.length;
      const score = correct ? Math.min(1, par / Math.max(1, response.length)) : 0;
      return { status: 'graded', correct, score, misconceptions: [], response };
    }
  }
}
