/**
 * What the browser gets before grading (practice: the public question; attempts: the sealed
 * one) carries no answer: not the answer itself, not which options are distractors, and not
 * the wrong numbers or orders misconceptions predict (`diagnoses`), which would narrow the
 * answer down.
 */
import { describe, expect, it } from 'vitest';
import { toPublicQuestion, toSealedQuestion } from '@/lib/questions/public';
import type { Misconception, Question, ResponseSpec } from '@/lib/questions/types';

const mis: Misconception = { id: 'x.m', text: { en: 'believed', ko: '믿음' } };
const L = (en: string) => ({ en, ko: en });

function questionWith(response: ResponseSpec, answer: Question['answer']): Question {
  return {
    ref: { generator: 'g', version: 1, seed: 7, tier: 1 },
    topic: 'compile',
    domain: 'build',
    title: L('t'),
    prompt: [{ kind: 'text', text: L('How many?') }],
    response,
    answer,
    explanation: { summary: [L('because')], views: [] },
  };
}

const number = questionWith({ kind: 'number', integer: true, min: 0, max: 12, unit: L('builds'), diagnoses: [{ value: 3, misconception: mis }] }, 5);
const ordering = questionWith(
  { kind: 'ordering', items: [{ id: 'a', label: L('a') }, { id: 'b', label: L('b'), misconception: mis }], diagnoses: [{ value: ['b', 'a'], misconception: mis }] },
  ['a', 'b'],
);

describe('public and sealed questions', () => {
  for (const [name, q] of [['number', number], ['ordering', ordering]] as const) {
    it(`${name}: no diagnoses, answer, explanation or misconception reach the browser`, () => {
      for (const shown of [toPublicQuestion(q), toSealedQuestion(q)]) {
        const json = JSON.stringify(shown);
        expect(shown.response).not.toHaveProperty('diagnoses');
        expect(shown).not.toHaveProperty('answer');
        expect(shown).not.toHaveProperty('explanation');
        expect(json).not.toContain('diagnoses');
        expect(json).not.toContain(mis.id);
        expect(json).not.toContain('believed');
      }
      expect(toSealedQuestion(q)).not.toHaveProperty('ref');
    });
  }

  it('keeps what the learner needs to answer: the number range and unit, the items to order', () => {
    expect(toPublicQuestion(number).response).toEqual({ kind: 'number', integer: true, min: 0, max: 12, unit: L('builds') });
    expect(toPublicQuestion(ordering).response).toEqual({ kind: 'ordering', items: [{ id: 'a', label: L('a') }, { id: 'b', label: L('b') }] });
  });
});
