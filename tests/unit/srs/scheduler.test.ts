import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newCardState, parseCardState, serializeCardState } from '@/lib/srs/mapper';
import { PROMOTE_STABILITY } from '@/lib/srs/ladder';
import { effectiveRetention, EXAM_RETENTION, EXAM_WINDOW_DAYS, inExamWindow, MAXIMUM_INTERVAL_DAYS, retrievability, reviewCard } from '@/lib/srs/scheduler';
import { CARD_STATE, DEFAULT_SETTINGS, RATING, type CardState, type RatingValue } from '@/lib/srs/types';
import { at, DAY, deepFreeze, HOUR, graduated, historyArb, MINUTE, NOW, ratingArb, replay, reviewState, settings } from './fixtures';

const ALL: readonly RatingValue[] = [RATING.again, RATING.hard, RATING.good, RATING.easy];
const daysBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / DAY;

describe('reviewCard basics', () => {
  it('moves the review count on by one for every rating and every state', () => {
    const cards: CardState[] = [newCardState(NOW), replay(at(NOW, -MINUTE), [[RATING.again, 0]]).card, reviewState({ reviewCount: 7 }), reviewState({ state: CARD_STATE.relearning, reviewCount: 3 })];
    for (const card of cards) {
      for (const rating of ALL) {
        const next = reviewCard(card, NOW, rating, settings());
        expect(next.reviewCount).toBe(card.reviewCount + 1);
        expect(next.reps).toBe(card.reps + 1);
        expect(next.lastReview).toEqual(NOW);
      }
    }
  });

  it('starts new skills at tier 1; a first answer moves up only if its stability already reaches the threshold', () => {
    expect(newCardState(NOW).tier).toBe(1);
    for (const rating of ALL) {
      const next = reviewCard(newCardState(NOW), NOW, rating, settings());
      expect(next.tier).toBe(rating !== RATING.again && next.stability >= PROMOTE_STABILITY[1]! ? 2 : 1);
    }
    // Again, Hard and Good on first sight give a short-term stability well under a week.
    for (const rating of [RATING.again, RATING.hard, RATING.good]) expect(reviewCard(newCardState(NOW), NOW, rating, settings()).tier).toBe(1);
  });

  it('uses Anki-style learning steps (1m, 10m) for a new card', () => {
    const card = newCardState(NOW);
    const again = reviewCard(card, NOW, RATING.again, settings());
    const hard = reviewCard(card, NOW, RATING.hard, settings());
    const good = reviewCard(card, NOW, RATING.good, settings());
    const easy = reviewCard(card, NOW, RATING.easy, settings());
    expect(again.state).toBe(CARD_STATE.learning);
    expect(again.due).toEqual(at(NOW, MINUTE));
    expect(good.state).toBe(CARD_STATE.learning);
    expect(good.due).toEqual(at(NOW, 10 * MINUTE));
    expect(hard.state).toBe(CARD_STATE.learning);
    expect(hard.due.getTime()).toBeGreaterThan(again.due.getTime());
    expect(hard.due.getTime()).toBeLessThan(good.due.getTime());
    // Easy skips the steps and graduates at once.
    expect(easy.state).toBe(CARD_STATE.review);
    expect(easy.scheduledDays).toBeGreaterThanOrEqual(1);
    // A first Again is not a lapse: the card was never known.
    expect(again.lapses).toBe(0);
  });

  it('graduates a learning card after the last step', () => {
    const card = graduated(NOW);
    expect(card.state).toBe(CARD_STATE.review);
    expect(card.scheduledDays).toBeGreaterThanOrEqual(1);
    expect(card.lapses).toBe(0);
    expect(card.reviewCount).toBe(2);
  });

  it('Good on a review card moves due forward by whole days and keeps it in review', () => {
    const card = reviewState({ stability: 10, elapsedDays: 10, due: NOW });
    const next = reviewCard(card, NOW, RATING.good, settings());
    expect(next.state).toBe(CARD_STATE.review);
    expect(next.due.getTime()).toBeGreaterThan(card.due.getTime());
    expect(next.scheduledDays).toBeGreaterThanOrEqual(1);
    expect(daysBetween(NOW, next.due)).toBe(next.scheduledDays);
    expect(next.lapses).toBe(card.lapses);
    // Remembered after about the stability: memory gets stronger.
    expect(next.stability).toBeGreaterThan(card.stability);
  });

  it('Again on a review card is a lapse: lapses + 1, relearning with a 10 minute step, weaker memory', () => {
    const card = reviewState({ stability: 30, elapsedDays: 20, lapses: 1 });
    const next = reviewCard(card, NOW, RATING.again, settings());
    expect(next.lapses).toBe(2);
    expect(next.state).toBe(CARD_STATE.relearning);
    expect(next.due).toEqual(at(NOW, 10 * MINUTE));
    expect(next.stability).toBeLessThan(card.stability);
    expect(next.consecutiveLapses).toBe(1);
  });

  it('Again while relearning or learning is not another lapse', () => {
    const relearning = reviewCard(reviewState({ lapses: 1 }), NOW, RATING.again, settings());
    const again = reviewCard(relearning, relearning.due, RATING.again, settings());
    expect(again.lapses).toBe(relearning.lapses);
    expect(again.state).toBe(CARD_STATE.relearning);
  });

  it('never schedules beyond MAXIMUM_INTERVAL_DAYS', () => {
    const card = reviewState({ stability: 1e6, elapsedDays: 30000, difficulty: 1 });
    for (const rating of [RATING.hard, RATING.good, RATING.easy]) {
      const next = reviewCard(card, NOW, rating, settings({ desiredRetention: 0.7 }));
      expect(next.scheduledDays).toBeLessThanOrEqual(MAXIMUM_INTERVAL_DAYS);
      expect(daysBetween(NOW, next.due)).toBeLessThanOrEqual(MAXIMUM_INTERVAL_DAYS);
    }
  });
});

describe('rating order', () => {
  it('Easy never schedules earlier than Good, nor Good than Hard, nor Hard than Again (property)', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 60 * DAY }), (history, delay) => {
        const { card, now: last } = replay(history.start, history.steps);
        const now = at(last, delay);
        const dues = ALL.map((r) => reviewCard(card, now, r, settings()).due.getTime());
        for (let i = 1; i < dues.length; i++) expect(dues[i]!).toBeGreaterThanOrEqual(dues[i - 1]!);
      }),
      { numRuns: 200 },
    );
  });

  it('Easy is strictly later than Good for a review card', () => {
    const card = reviewState({ stability: 15, elapsedDays: 15 });
    const good = reviewCard(card, NOW, RATING.good, settings());
    const easy = reviewCard(card, NOW, RATING.easy, settings());
    expect(easy.due.getTime()).toBeGreaterThan(good.due.getTime());
    expect(easy.stability).toBeGreaterThan(good.stability);
  });
});

describe('determinism and fuzz', () => {
  it('gives the same card for the same inputs, fuzz included (property)', () => {
    fc.assert(
      fc.property(historyArb, ratingArb, fc.integer({ min: 0, max: 90 * DAY }), (history, rating, delay) => {
        const a = replay(history.start, history.steps);
        const b = replay(history.start, history.steps);
        expect(serializeCardState(b.card)).toBe(serializeCardState(a.card));
        const now = at(a.now, delay);
        expect(reviewCard(a.card, now, rating, settings())).toEqual(reviewCard(b.card, now, rating, settings()));
      }),
      { numRuns: 150 },
    );
  });

  it('has fuzz on: the same long interval varies with the review instant', () => {
    const card = reviewState({ stability: 60, elapsedDays: 60, difficulty: 5 });
    const intervals = new Set<number>();
    // Same UTC day, so FSRS sees the same elapsed days; only the fuzz seed changes.
    for (let ms = 0; ms < 200; ms++) intervals.add(reviewCard(card, at(NOW, ms * 1000), RATING.good, settings()).scheduledDays);
    expect(intervals.size).toBeGreaterThan(1);
    // Fuzz stays close to the unfuzzed interval: within ±15 % here.
    const values = [...intervals];
    expect(Math.max(...values) / Math.min(...values)).toBeLessThan(1.35);
  });
});

describe('desired retention', () => {
  it('defaults to 0.90', () => {
    expect(DEFAULT_SETTINGS.desiredRetention).toBe(0.9);
    expect(effectiveRetention(DEFAULT_SETTINGS, NOW)).toBe(0.9);
  });

  it('higher retention gives shorter (never longer) intervals for the same card and time (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.7, max: 0.98, noNaN: true }),
        fc.double({ min: 0.7, max: 0.98, noNaN: true }),
        fc.double({ min: 3, max: 300, noNaN: true }),
        fc.constantFrom(RATING.hard, RATING.good, RATING.easy),
        (r1, r2, stability, rating) => {
          const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
          const card = reviewState({ stability, elapsedDays: Math.round(stability) });
          const low = reviewCard(card, NOW, rating, settings({ desiredRetention: lo }));
          const high = reviewCard(card, NOW, rating, settings({ desiredRetention: hi }));
          expect(high.scheduledDays).toBeLessThanOrEqual(low.scheduledDays);
          // Retention only sets the interval, not the memory model.
          expect(high.stability).toBe(low.stability);
        },
      ),
    );
  });

  it('clearly shorter at 0.97 than at 0.80', () => {
    const card = reviewState({ stability: 100, elapsedDays: 100 });
    const low = reviewCard(card, NOW, RATING.good, settings({ desiredRetention: 0.8 }));
    const high = reviewCard(card, NOW, RATING.good, settings({ desiredRetention: 0.97 }));
    expect(high.scheduledDays * 2).toBeLessThan(low.scheduledDays);
  });
});

describe('exam window', () => {
  const exam = (offsetMs: number) => settings({ examDate: at(NOW, offsetMs) });

  it('inExamWindow: only within EXAM_WINDOW_DAYS before the exam', () => {
    expect(inExamWindow({ examDate: null }, NOW)).toBe(false);
    expect(inExamWindow(exam(DAY), NOW)).toBe(true);
    expect(inExamWindow(exam(1), NOW)).toBe(true);
    expect(inExamWindow(exam(EXAM_WINDOW_DAYS * DAY), NOW)).toBe(true);
    expect(inExamWindow(exam(EXAM_WINDOW_DAYS * DAY + 1), NOW)).toBe(false);
    expect(inExamWindow(exam(0), NOW)).toBe(false);
    expect(inExamWindow(exam(-DAY), NOW)).toBe(false);
  });

  it('effectiveRetention rises to EXAM_RETENTION in the window, never below the learner’s own setting', () => {
    expect(EXAM_RETENTION).toBeGreaterThan(DEFAULT_SETTINGS.desiredRetention);
    expect(effectiveRetention(exam(10 * DAY), NOW)).toBe(EXAM_RETENTION);
    expect(effectiveRetention({ ...exam(10 * DAY), desiredRetention: 0.8 }, NOW)).toBe(EXAM_RETENTION);
    expect(effectiveRetention({ ...exam(10 * DAY), desiredRetention: 0.97 }, NOW)).toBe(0.97);
    expect(effectiveRetention(exam((EXAM_WINDOW_DAYS + 1) * DAY), NOW)).toBe(0.9);
    expect(effectiveRetention(exam(-HOUR), NOW)).toBe(0.9);
    expect(effectiveRetention({ ...exam(-DAY), desiredRetention: 0.85 }, NOW)).toBe(0.85);
  });

  it('reviews inside the window get shorter intervals; before the window or after the exam they do not', () => {
    const card = reviewState({ stability: 40, elapsedDays: 40 });
    const plain = reviewCard(card, NOW, RATING.good, settings());
    const inWindow = reviewCard(card, NOW, RATING.good, exam(10 * DAY));
    const early = reviewCard(card, NOW, RATING.good, exam((EXAM_WINDOW_DAYS + 5) * DAY));
    const after = reviewCard(card, NOW, RATING.good, exam(-DAY));
    expect(inWindow.scheduledDays).toBeLessThan(plain.scheduledDays);
    expect(early).toEqual(plain);
    expect(after).toEqual(plain);
    // Same as asking for EXAM_RETENTION directly.
    expect(inWindow).toEqual({ ...reviewCard(card, NOW, RATING.good, settings({ desiredRetention: EXAM_RETENTION })) });
  });
});

describe('retrievability', () => {
  it('is 0 for a card never reviewed', () => {
    expect(retrievability(newCardState(NOW), NOW, settings())).toBe(0);
  });

  it('is 1 right after a review, 0.9 after `stability` days, and falls over time', () => {
    const card = reviewState({ stability: 10, lastReview: NOW });
    expect(retrievability(card, NOW, settings())).toBeCloseTo(1, 10);
    expect(retrievability(card, at(NOW, 10 * DAY), settings())).toBeCloseTo(0.9, 6);
    let previous = 1;
    for (let d = 1; d <= 60; d++) {
      const r = retrievability(card, at(NOW, d * DAY), settings());
      expect(r).toBeLessThan(previous);
      expect(r).toBeGreaterThan(0);
      previous = r;
    }
  });

  it('does not depend on the desired retention or an exam date', () => {
    const card = reviewState({ stability: 5, lastReview: at(NOW, -7 * DAY) });
    const r = retrievability(card, NOW, settings());
    expect(retrievability(card, NOW, settings({ desiredRetention: 0.97 }))).toBe(r);
    expect(retrievability(card, NOW, settings({ examDate: at(NOW, DAY) }))).toBe(r);
  });
});

describe('undo: reviewCard never changes its input (property)', () => {
  it('leaves a deep-frozen card untouched, so restoring stateBefore restores the card exactly', () => {
    fc.assert(
      fc.property(historyArb, ratingArb, fc.integer({ min: 0, max: 90 * DAY }), fc.boolean(), (history, rating, delay, examSoon) => {
        const { card, now: last } = replay(history.start, history.steps);
        const now = at(last, delay);
        const stateBefore = serializeCardState(card);
        const jsonBefore = JSON.stringify(card);
        const frozen = deepFreeze(card);
        const s = deepFreeze(settings({ examDate: examSoon ? at(now, 5 * DAY) : null }));
        const nowCopy = new Date(now);

        const after = reviewCard(frozen, now, rating, s);

        expect(JSON.stringify(frozen)).toBe(jsonBefore);
        expect(serializeCardState(frozen)).toBe(stateBefore);
        expect(now).toEqual(nowCopy);
        expect(after).not.toBe(frozen);
        expect(after.reviewCount).toBe(frozen.reviewCount + 1);
        // Undo = restore the stored stateBefore: it parses back to exactly the card before.
        expect(parseCardState(stateBefore)).toEqual(card);
        // And the new state survives storage too.
        expect(parseCardState(serializeCardState(after))).toEqual(after);
      }),
      { numRuns: 200 },
    );
  });

  it('returns dates that are not the input card’s own Date objects', () => {
    const due = new Date('2026-11-26T12:00:00Z');
    const lastReview = new Date('2026-11-16T12:00:00Z');
    const card = reviewState({ due, lastReview });
    const now = new Date('2026-11-27T08:00:00Z');
    const after = reviewCard(card, now, RATING.good, settings());
    expect(after.due).not.toBe(due);
    expect(after.lastReview).not.toBe(lastReview);
    expect(after.lastReview).toEqual(now);
  });
});
