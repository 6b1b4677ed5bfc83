import fc from 'fast-check';
import { createEmptyCard, type Card as FsrsCard } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { CARD_STATE_FIELDS, pickCardState } from '@/lib/srs/card-state';
import { fromFsrsCard, newCardState, parseCardState, serializeCardState, toFsrsCard } from '@/lib/srs/mapper';
import { reviewCard } from '@/lib/srs/scheduler';
import { CARD_STATE, RATING, type CardState } from '@/lib/srs/types';
import { historyArb, NOW, replay, reviewState, settings } from './fixtures';

const dateArb = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true });
const realArb = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));
const countArb = fc.nat(10_000);

/** Arbitrary valid card states (any field combination the type allows). */
const cardStateArb: fc.Arbitrary<CardState> = fc.record({
  tier: fc.integer({ min: 1, max: 3 }),
  due: dateArb,
  stability: realArb,
  difficulty: fc.double({ min: 1, max: 10, noNaN: true }),
  elapsedDays: countArb,
  scheduledDays: countArb,
  learningSteps: fc.nat(5),
  reps: countArb,
  lapses: countArb,
  state: fc.constantFrom(CARD_STATE.new, CARD_STATE.learning, CARD_STATE.review, CARD_STATE.relearning),
  lastReview: fc.option(dateArb, { nil: null }),
  reviewCount: countArb,
  consecutiveLapses: countArb,
  replayNext: fc.boolean(),
});

const FSRS_KEYS = ['due', 'stability', 'difficulty', 'elapsedDays', 'scheduledDays', 'learningSteps', 'reps', 'lapses', 'state', 'lastReview'] as const;
const fsrsPart = (c: CardState) => Object.fromEntries(FSRS_KEYS.map((k) => [k, c[k]]));

describe('serializeCardState / parseCardState', () => {
  it('round-trips arbitrary valid states exactly (property)', () => {
    fc.assert(
      fc.property(cardStateArb, (card) => {
        const text = serializeCardState(card);
        const back = parseCardState(text);
        expect(back).toEqual(card);
        expect(back.due.getTime()).toBe(card.due.getTime());
        expect(back.lastReview?.getTime() ?? null).toBe(card.lastReview?.getTime() ?? null);
        // Stable: serializing again gives the same text.
        expect(serializeCardState(back)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips states produced by real review histories (property)', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const { card } = replay(h.start, h.steps);
        expect(parseCardState(serializeCardState(card))).toEqual(card);
      }),
      { numRuns: 100 },
    );
  });

  it('writes plain JSON with ISO dates and null for a missing last review', () => {
    const card = newCardState(NOW);
    const json = JSON.parse(serializeCardState(card)) as Record<string, unknown>;
    expect(json.due).toBe('2026-11-26T12:00:00.000Z');
    expect(json.lastReview).toBeNull();
    expect(json.replayNext).toBe(false);
    expect(Object.keys(json).sort()).toEqual(Object.keys(card).sort());
  });

  it('does not depend on the key order of the stored JSON', () => {
    const card = reviewState({ replayNext: true, lapses: 4 });
    const json = JSON.parse(serializeCardState(card)) as Record<string, unknown>;
    const reversed = Object.fromEntries(Object.entries(json).reverse());
    expect(parseCardState(JSON.stringify(reversed))).toEqual(card);
  });

  describe('rejects malformed input with an error', () => {
    const valid = JSON.parse(serializeCardState(reviewState({ replayNext: true }))) as Record<string, unknown>;
    const withField = (key: string, value: unknown) => JSON.stringify({ ...valid, [key]: value });
    const without = (key: string) => {
      const copy = { ...valid };
      delete copy[key];
      return JSON.stringify(copy);
    };
    const numeric = ['tier', 'stability', 'difficulty', 'elapsedDays', 'scheduledDays', 'learningSteps', 'reps', 'lapses', 'state', 'reviewCount', 'consecutiveLapses'];

    it('sanity: the unmodified fixture parses', () => {
      expect(() => parseCardState(JSON.stringify(valid))).not.toThrow();
    });

    it.each(numeric)('numeric field %s: string, null, boolean, missing, object, infinite', (key) => {
      expect(() => parseCardState(withField(key, '3'))).toThrow(TypeError);
      expect(() => parseCardState(withField(key, null))).toThrow(TypeError);
      expect(() => parseCardState(withField(key, true))).toThrow(TypeError);
      expect(() => parseCardState(withField(key, { value: 3 }))).toThrow(TypeError);
      expect(() => parseCardState(without(key))).toThrow(new RegExp(key));
      // JSON has no Infinity, but an overflowing literal parses to it.
      expect(() => parseCardState(JSON.stringify(valid).replace(`"${key}":${String(valid[key])}`, `"${key}":1e999`))).toThrow(TypeError);
    });

    it('due: not a date, a number, null or missing', () => {
      for (const bad of ['not a date', '', '2026-13-45T00:00:00Z', 1_764_000_000_000, null, true]) {
        expect(() => parseCardState(withField('due', bad))).toThrow(/due/);
      }
      expect(() => parseCardState(without('due'))).toThrow(/due/);
    });

    it('lastReview: a non-date string, a number or missing (null is allowed)', () => {
      for (const bad of ['yesterday-ish', 12345, false, {}]) {
        expect(() => parseCardState(withField('lastReview', bad))).toThrow(/lastReview/);
      }
      expect(() => parseCardState(without('lastReview'))).toThrow(/lastReview/);
      expect(parseCardState(withField('lastReview', null)).lastReview).toBeNull();
    });

    it('text that is not JSON', () => {
      expect(() => parseCardState('')).toThrow();
      expect(() => parseCardState('{tier: 1')).toThrow();
      expect(() => parseCardState('null')).toThrow();
      expect(() => parseCardState('[]')).toThrow();
      expect(() => parseCardState('42')).toThrow();
    });
  });
});

describe('toFsrsCard / fromFsrsCard', () => {
  it('round-trips the FSRS part of any valid state (property)', () => {
    fc.assert(
      fc.property(cardStateArb, (card) => {
        const back = fromFsrsCard(toFsrsCard(card));
        expect(back).toEqual(fsrsPart(card));
      }),
    );
  });

  it('maps field names and a missing last review (null ↔ undefined)', () => {
    const card = reviewState({ elapsedDays: 3, scheduledDays: 4, learningSteps: 1, reps: 9, lapses: 2 });
    const f = toFsrsCard(card);
    expect(f).toMatchObject({ elapsed_days: 3, scheduled_days: 4, learning_steps: 1, reps: 9, lapses: 2, state: CARD_STATE.review });
    expect(f.last_review).toEqual(card.lastReview);
    expect(toFsrsCard({ ...card, lastReview: null }).last_review).toBeUndefined();
    expect(fromFsrsCard({ ...f, last_review: undefined }).lastReview).toBeNull();
  });

  it('round-trips ts-fsrs cards the other way (property)', () => {
    fc.assert(
      fc.property(cardStateArb, fc.integer({ min: 1, max: 3 }), (state, tier) => {
        const f: FsrsCard = toFsrsCard(state);
        const back = toFsrsCard({ ...fromFsrsCard(f), tier, reviewCount: 0, consecutiveLapses: 0, replayNext: false });
        expect(back).toEqual(f);
      }),
    );
  });

  it('leaves out Lockstep’s own fields', () => {
    const f = toFsrsCard(reviewState({ tier: 3, reviewCount: 12, consecutiveLapses: 2, replayNext: true }));
    expect(Object.keys(f)).not.toContain('tier');
    expect(Object.keys(f)).not.toContain('replayNext');
    expect(Object.keys(f)).not.toContain('reviewCount');
  });
});

describe('newCardState', () => {
  it('is a brand-new tier 1 card due now, matching ts-fsrs’s empty card', () => {
    const card = newCardState(NOW);
    expect(card).toMatchObject({ tier: 1, reviewCount: 0, consecutiveLapses: 0, replayNext: false, state: CARD_STATE.new, reps: 0, lapses: 0, lastReview: null });
    expect(card.due).toEqual(NOW);
    expect(fsrsPart(card)).toEqual(fromFsrsCard(createEmptyCard(NOW)));
  });

  it('can be reviewed straight away', () => {
    const next = reviewCard(newCardState(NOW), NOW, RATING.good, settings());
    expect(next.state).not.toBe(CARD_STATE.new);
  });
});

describe('CARD_STATE_FIELDS', () => {
  it('names exactly the fields pickCardState keeps', () => {
    const row = { ...reviewState(), id: 'card', userId: 'user', generator: 'g', createdAt: NOW };
    expect([...CARD_STATE_FIELDS].sort()).toEqual(Object.keys(pickCardState(row)).sort());
  });
});
