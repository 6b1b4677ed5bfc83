/**
 * The drill answer's wire format (POST /api/drill/answer replies with JSON, no longer React's
 * flight encoding): every question a review can carry, and every reply, reads back from JSON as
 * what the server built; the day's-end summary's date comes back as a Date.
 */
import { describe, expect, it } from 'vitest';
import { answerStateFromJson } from '@/app/(study)/drill/review/post-answer';
import type { AnswerState } from '@/app/(study)/drill/answer';
import { toPublicQuestion } from '@/lib/questions/public';
import { buildQuestion, listGenerators } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';

const viaJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

describe('the answer route\'s JSON', () => {
  it('carries every generator\'s public question and explanation unchanged (no dates, maps, sets or other values JSON would change)', () => {
    let checked = 0;
    for (const g of listGenerators()) {
      for (const tier of g.tiers) {
        for (const seed of [1, 2, 3]) {
          const full = buildQuestion({ generator: g.id, version: g.version, seed, tier: tier as Tier });
          const question = toPublicQuestion(full);
          expect(viaJson(question), `${g.id}@${g.version} t${tier} seed ${seed}`).toEqual(question);
          expect(viaJson(full.explanation), `${g.id}@${g.version} t${tier} seed ${seed} explanation`).toEqual(full.explanation);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('reads a day\'s-end reply back with its date, and other replies as they are', () => {
    const summary = { reviewed: 3, correct: 2, durationMs: 9000, later: 4, nextLaterAt: new Date('2026-12-05T08:00:00.000Z'), dueTomorrow: 1 };
    const done = { status: 'graded', logId: 'l1', correct: true, next: { status: 'done', done: 3, total: 3, canUndo: true, summary } } as unknown as AnswerState;
    const back = answerStateFromJson(viaJson(done));
    expect(back).toEqual(done);
    expect((back as { next: { summary: { nextLaterAt: unknown } } }).next.summary.nextLaterAt).toBeInstanceOf(Date);
    const none = { ...done, next: { status: 'done', done: 3, total: 3, canUndo: true, summary: { ...summary, nextLaterAt: null } } } as unknown as AnswerState;
    expect(answerStateFromJson(viaJson(none))).toEqual(none);
    for (const state of [{ status: 'locked', message: 'Exam mode until 10:00' }, { status: 'unauthorized' }, { status: 'invalid', reason: 'request' }] as AnswerState[]) {
      expect(answerStateFromJson(viaJson(state))).toEqual(state);
    }
  });
});
