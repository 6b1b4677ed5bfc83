import { describe, expect, it } from 'vitest';
import { grade, normalizeText } from '@/lib/questions/grade';
import type { Misconception, ResponseSpec } from '@/lib/questions/types';

const mis: Misconception = { id: 'x.m', text: { en: 'm', ko: 'm' } };
const choice: ResponseSpec = {
  kind: 'choice',
  options: [
    { id: 'T1', label: { en: 'T1', ko: 'T1' } },
    { id: 'T2', label: { en: 'T2', ko: 'T2' }, misconception: mis },
    { id: 'none', label: { en: 'none', ko: '없음' } },
  ],
};
const multi: ResponseSpec = { kind: 'multi', options: choice.kind === 'choice' ? choice.options : [] };
const ordering: ResponseSpec = {
  kind: 'ordering',
  items: [
    { id: 'a', label: { en: 'a', ko: 'a' } },
    { id: 'b', label: { en: 'b', ko: 'b' } },
    { id: 'c', label: { en: 'c', ko: 'c' } },
  ],
};
const number: ResponseSpec = { kind: 'number', integer: true, min: 0, max: 100 };
const text: ResponseSpec = { kind: 'text', maxLength: 20 };

describe('grade', () => {
  it('choice: right, wrong with its misconception, unknown option, bad shape', () => {
    expect(grade(choice, 'T1', 'T1')).toEqual({ status: 'graded', correct: true, score: 1, misconceptions: [], response: 'T1' });
    expect(grade(choice, 'T1', 'T2')).toEqual({ status: 'graded', correct: false, score: 0, misconceptions: [mis], response: 'T2' });
    expect(grade(choice, 'T1', 'none')).toMatchObject({ correct: false, misconceptions: [] });
    expect(grade(choice, 'T1', 'T9')).toEqual({ status: 'invalid', reason: 'unknown-option' });
    for (const bad of [1, null, undefined, ['T1'], { id: 'T1' }]) expect(grade(choice, 'T1', bad)).toEqual({ status: 'invalid', reason: 'shape' });
  });

  it('multi: exact set is correct, partial credit, duplicates ignored, empty answers', () => {
    expect(grade(multi, ['T1', 'T2'], ['T2', 'T1'])).toMatchObject({ correct: true, score: 1, response: ['T1', 'T2'] });
    expect(grade(multi, ['T1', 'T2'], ['T1', 'T1', 'T2'])).toMatchObject({ correct: true, response: ['T1', 'T2'] });
    expect(grade(multi, ['T1', 'T2'], ['T1'])).toMatchObject({ correct: false, score: 0.5, misconceptions: [] });
    expect(grade(multi, ['T1'], ['T1', 'T2'])).toMatchObject({ correct: false, score: 0, misconceptions: [mis] });
    expect(grade(multi, [], [])).toMatchObject({ correct: true, score: 1 });
    expect(grade(multi, [], ['T1'])).toMatchObject({ correct: false, score: 0 });
    expect(grade(multi, ['T1'], ['zz'])).toEqual({ status: 'invalid', reason: 'unknown-option' });
    for (const bad of ['T1', [1], null, { T1: true }]) expect(grade(multi, ['T1'], bad)).toEqual({ status: 'invalid', reason: 'shape' });
  });

  it('ordering: exact order only; wrong length, repeats and unknown items are invalid', () => {
    expect(grade(ordering, ['a', 'b', 'c'], ['a', 'b', 'c'])).toMatchObject({ correct: true, score: 1 });
    expect(grade(ordering, ['a', 'b', 'c'], ['b', 'a', 'c'])).toMatchObject({ correct: false, score: 0 });
    expect(grade(ordering, ['a', 'b', 'c'], ['a', 'b'])).toEqual({ status: 'invalid', reason: 'shape' });
    expect(grade(ordering, ['a', 'b', 'c'], ['a', 'a', 'b'])).toEqual({ status: 'invalid', reason: 'shape' });
    expect(grade(ordering, ['a', 'b', 'c'], ['a', 'b', 'z'])).toEqual({ status: 'invalid', reason: 'unknown-option' });
    expect(grade(ordering, ['a', 'b', 'c'], 'abc')).toEqual({ status: 'invalid', reason: 'shape' });
  });

  it('number: numbers and numeric strings, integer and range checks, tolerance', () => {
    expect(grade(number, 6, 6)).toMatchObject({ correct: true });
    expect(grade(number, 6, ' 6 ')).toMatchObject({ correct: true });
    expect(grade(number, 6, 5)).toMatchObject({ correct: false });
    expect(grade(number, 6, 5.5)).toEqual({ status: 'invalid', reason: 'shape' });
    expect(grade(number, 6, 101)).toEqual({ status: 'invalid', reason: 'out-of-range' });
    expect(grade(number, 6, -1)).toEqual({ status: 'invalid', reason: 'out-of-range' });
    for (const bad of ['', 'six', Number.NaN, Number.POSITIVE_INFINITY, null, [6]]) expect(grade(number, 6, bad)).toEqual({ status: 'invalid', reason: 'shape' });
    const tol: ResponseSpec = { kind: 'number', integer: false, tolerance: 0.5 };
    expect(grade(tol, 2, 2.4)).toMatchObject({ correct: true });
    expect(grade(tol, 2, 2.6)).toMatchObject({ correct: false });
  });

  it('oversized responses are refused; what is graded comes back normalised for storage', () => {
    // 8 MB of spaces before a 3 was graded as 3 and stored as sent.
    expect(grade(number, 3, `${' '.repeat(8_000_000)}3`)).toEqual({ status: 'invalid', reason: 'too-long' });
    expect(grade(number, 3, ' 3 ')).toMatchObject({ status: 'graded', correct: true, response: 3 });
    // 100,000 copies of one option id were accepted and stored.
    expect(grade(multi, ['T1'], Array.from({ length: 100_000 }, () => 'T1'))).toEqual({ status: 'invalid', reason: 'shape' });
    expect(grade(multi, ['T1'], ['none', 'T1', 'none'])).toMatchObject({ status: 'graded', response: ['T1', 'none'] });
    expect(grade(text, 'ab', '  AB  ')).toMatchObject({ correct: true, response: 'AB' });
    expect(grade(ordering, ['a', 'b', 'c'], ['c', 'b', 'a'])).toMatchObject({ correct: false, response: ['c', 'b', 'a'] });
  });

  it('number and ordering: a wrong answer a misconception models is diagnosed, each belief once; others and right answers are not', () => {
    const other: Misconception = { id: 'x.other', text: { en: 'o', ko: 'o' } };
    const counted: ResponseSpec = { ...number, diagnoses: [{ value: 3, misconception: mis }, { value: 3, misconception: other }, { value: 4, misconception: mis }] } as ResponseSpec;
    expect(grade(counted, 6, '3')).toEqual({ status: 'graded', correct: false, score: 0, misconceptions: [mis, other], response: 3 });
    expect(grade(counted, 6, 4)).toMatchObject({ correct: false, misconceptions: [mis] });
    expect(grade(counted, 6, 5)).toMatchObject({ correct: false, misconceptions: [] });
    expect(grade(counted, 6, 6)).toMatchObject({ correct: true, misconceptions: [] });
    const near: ResponseSpec = { kind: 'number', integer: false, tolerance: 0.5, diagnoses: [{ value: 4, misconception: mis }] };
    expect(grade(near, 2, 4.4)).toMatchObject({ correct: false, misconceptions: [mis] });
    expect(grade(near, 2, 4.6)).toMatchObject({ correct: false, misconceptions: [] });
    const ordered: ResponseSpec = { ...ordering, diagnoses: [{ value: ['b', 'a', 'c'], misconception: mis }] } as ResponseSpec;
    expect(grade(ordered, ['a', 'b', 'c'], ['b', 'a', 'c'])).toMatchObject({ correct: false, misconceptions: [mis] });
    expect(grade(ordered, ['a', 'b', 'c'], ['c', 'a', 'b'])).toMatchObject({ correct: false, misconceptions: [] });
    expect(grade(ordered, ['a', 'b', 'c'], ['a', 'b', 'c'])).toMatchObject({ correct: true, misconceptions: [] });
  });

  it('text: normalized comparison and a length limit', () => {
    expect(grade(text, 'Hello  World', '  hello world ')).toMatchObject({ correct: true });
    expect(grade(text, 'abc', 'abd')).toMatchObject({ correct: false });
    expect(grade(text, 'abc', 'x'.repeat(21))).toEqual({ status: 'invalid', reason: 'too-long' });
    expect(grade(text, 'abc', 3)).toEqual({ status: 'invalid', reason: 'shape' });
    expect(normalizeText('  A\tB  ')).toBe('a b');
  });
});
