import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyLadder, DEMOTE_AFTER_CONSECUTIVE, isLeech, LEECH_LAPSES, MAX_TIER, PROMOTE_STABILITY } from '@/lib/srs/ladder';
import { newCardState } from '@/lib/srs/mapper';
import { reviewCard } from '@/lib/srs/scheduler';
import { CARD_STATE, RATING, type CardState, type RatingValue } from '@/lib/srs/types';
import { at, DAY, graduated, MINUTE, NOW, ratingArb, reviewState, settings } from './fixtures';

const CORRECT: readonly RatingValue[] = [RATING.hard, RATING.good, RATING.easy];
const threshold = (tier: number) => {
  const t = PROMOTE_STABILITY[tier];
  if (t === undefined) throw new Error(`no threshold for tier ${tier}`);
  return t;
};

/** A review that FSRS counted as a lapse (lapses + 1). */
function lapse(before: CardState): CardState {
  return { ...before, lapses: before.lapses + 1, state: CARD_STATE.relearning, stability: Math.max(0.1, before.stability / 4) };
}

describe('constants', () => {
  it('match the spec: three tiers, leech at 4 lapses, thresholds rising with the tier', () => {
    expect(MAX_TIER).toBeGreaterThanOrEqual(2);
    expect(LEECH_LAPSES).toBe(4);
    expect(DEMOTE_AFTER_CONSECUTIVE).toBeGreaterThanOrEqual(2);
    for (let t = 1; t < MAX_TIER; t++) expect(threshold(t)).toBeGreaterThan(0);
    for (let t = 2; t < MAX_TIER; t++) expect(threshold(t)).toBeGreaterThan(threshold(t - 1));
  });
});

describe('promotion', () => {
  it('moves up one tier once stability reaches the threshold, for any correct rating', () => {
    for (let tier = 1; tier < MAX_TIER; tier++) {
      const before = reviewState({ tier, stability: threshold(tier) / 2 });
      for (const rating of CORRECT) {
        expect(applyLadder(before, { ...before, stability: threshold(tier) }, rating).tier).toBe(tier + 1);
        expect(applyLadder(before, { ...before, stability: threshold(tier) * 10 }, rating).tier).toBe(tier + 1);
      }
    }
  });

  it('stays put just below the threshold', () => {
    for (let tier = 1; tier < MAX_TIER; tier++) {
      const before = reviewState({ tier, stability: 1 });
      for (const rating of CORRECT) {
        expect(applyLadder(before, { ...before, stability: threshold(tier) - 1e-9 }, rating).tier).toBe(tier);
      }
    }
  });

  it('uses the threshold of the tier the card was at, and climbs one tier per review', () => {
    const before = reviewState({ tier: 1 });
    // Enough stability for tier 2's threshold too: still only one step.
    expect(applyLadder(before, { ...before, stability: threshold(MAX_TIER - 1) + 1000 }, RATING.good).tier).toBe(2);
  });

  it('never goes above MAX_TIER', () => {
    const before = reviewState({ tier: MAX_TIER, stability: 1e6 });
    for (const rating of CORRECT) {
      expect(applyLadder(before, { ...before, stability: 1e7 }, rating).tier).toBe(MAX_TIER);
    }
  });

  it('never promotes on Again, however stable the card', () => {
    const before = reviewState({ tier: 1, stability: 1000 });
    expect(applyLadder(before, { ...before, stability: 1000 }, RATING.again).tier).toBe(1);
  });
});

describe('demotion after consecutive lapses', () => {
  it('does not demote before DEMOTE_AFTER_CONSECUTIVE lapses in a row and counts them', () => {
    const before = reviewState({ tier: 2, consecutiveLapses: 0 });
    expect(applyLadder(before, before, RATING.again)).toEqual({ tier: 2, consecutiveLapses: 1, replayNext: false });
  });

  it('drops a tier on the DEMOTE_AFTER_CONSECUTIVE-th lapse in a row, and restarts the count', () => {
    const before = reviewState({ tier: 3, consecutiveLapses: DEMOTE_AFTER_CONSECUTIVE - 1, lapses: 0 });
    expect(applyLadder(before, lapse(before), RATING.again)).toEqual({ tier: 2, consecutiveLapses: 0, replayNext: false });
  });

  it('never drops below tier 1', () => {
    const before = reviewState({ tier: 1, consecutiveLapses: DEMOTE_AFTER_CONSECUTIVE - 1 });
    expect(applyLadder(before, before, RATING.again).tier).toBe(1);
  });

  it('drops one tier per DEMOTE_AFTER_CONSECUTIVE wrong answers in a row (not a leech)', () => {
    let card = reviewState({ tier: MAX_TIER, lapses: 0 });
    const tiers: number[] = [];
    for (let i = 0; i < 3 * DEMOTE_AFTER_CONSECUTIVE; i++) {
      // Again while relearning: FSRS lapses do not grow, so only the streak counts.
      card = { ...card, ...applyLadder(card, card, RATING.again) };
      tiers.push(card.tier);
    }
    const expected = tiers.map((_, i) => Math.max(1, MAX_TIER - Math.floor((i + 1) / DEMOTE_AFTER_CONSECUTIVE)));
    expect(tiers).toEqual(expected);
  });

  it('a correct answer in between breaks the streak', () => {
    let card = reviewState({ tier: 2 });
    const answers: RatingValue[] = [];
    for (let i = 0; i < 4 * DEMOTE_AFTER_CONSECUTIVE; i++) answers.push(i % DEMOTE_AFTER_CONSECUTIVE === DEMOTE_AFTER_CONSECUTIVE - 1 ? RATING.good : RATING.again);
    for (const rating of answers) card = { ...card, ...applyLadder(card, { ...card, stability: 1 }, rating) };
    expect(card.tier).toBe(2);
  });
});

describe('leeches', () => {
  it('isLeech is true from LEECH_LAPSES lapses on', () => {
    expect(isLeech({ lapses: 0 })).toBe(false);
    expect(isLeech({ lapses: LEECH_LAPSES - 1 })).toBe(false);
    expect(isLeech({ lapses: LEECH_LAPSES })).toBe(true);
    expect(isLeech({ lapses: LEECH_LAPSES + 10 })).toBe(true);
  });

  it('a lapse that makes the card a leech drops a tier and sets replayNext, even on the first lapse in a row', () => {
    const before = reviewState({ tier: 3, lapses: LEECH_LAPSES - 1, consecutiveLapses: 0 });
    const out = applyLadder(before, lapse(before), RATING.again);
    expect(out.tier).toBe(2);
    expect(out.replayNext).toBe(true);
    expect(out.consecutiveLapses).toBe(1);
  });

  it('every further lapse of a leech drops another tier, never below 1, and keeps replayNext', () => {
    let card = reviewState({ tier: MAX_TIER, lapses: LEECH_LAPSES - 1 });
    const tiers: number[] = [];
    for (let i = 0; i < MAX_TIER + 2; i++) {
      const after = lapse(card);
      card = { ...after, ...applyLadder(card, after, RATING.again) };
      expect(card.replayNext).toBe(true);
      tiers.push(card.tier);
    }
    expect(tiers).toEqual(tiers.map((_, i) => Math.max(1, MAX_TIER - 1 - i)));
  });

  it('a lapse below the leech count without a streak keeps the tier and does not replay', () => {
    const before = reviewState({ tier: 2, lapses: LEECH_LAPSES - 2, consecutiveLapses: 0 });
    expect(applyLadder(before, lapse(before), RATING.again)).toEqual({ tier: 2, consecutiveLapses: 1, replayNext: false });
  });

  it('a correct answer clears consecutiveLapses and replayNext', () => {
    const before = reviewState({ tier: 1, lapses: LEECH_LAPSES + 1, consecutiveLapses: 3, replayNext: true, stability: 0.5 });
    for (const rating of CORRECT) {
      expect(applyLadder(before, { ...before, stability: 0.6 }, rating)).toEqual({ tier: 1, consecutiveLapses: 0, replayNext: false });
    }
  });
});

describe('ladder invariants (property)', () => {
  it('tier stays within 1..MAX_TIER and moves at most one step per review', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_TIER }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.boolean(),
        fc.boolean(),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        ratingArb,
        (tier, lapses, consecutiveLapses, replayNext, lapsed, stability, rating) => {
          const before = reviewState({ tier, lapses, consecutiveLapses, replayNext });
          const after = { ...before, stability, lapses: lapses + (rating === RATING.again && lapsed ? 1 : 0) };
          const out = applyLadder(before, after, rating);
          expect(out.tier).toBeGreaterThanOrEqual(1);
          expect(out.tier).toBeLessThanOrEqual(MAX_TIER);
          expect(Math.abs(out.tier - tier)).toBeLessThanOrEqual(1);
          if (rating === RATING.again) {
            expect(out.tier).toBeLessThanOrEqual(tier);
            expect(out.replayNext).toBe(after.lapses > lapses && after.lapses >= LEECH_LAPSES);
          } else {
            expect(out.tier).toBeGreaterThanOrEqual(tier);
            expect(out.consecutiveLapses).toBe(0);
            expect(out.replayNext).toBe(false);
          }
        },
      ),
    );
  });
});

describe('ladder through reviewCard', () => {
  it('new skills enter at tier 1', () => {
    expect(newCardState(NOW).tier).toBe(1);
  });

  it('a card that keeps being remembered climbs to MAX_TIER and stays there', () => {
    let card = graduated(at(NOW, -400 * DAY));
    let now = card.due;
    const tiers: number[] = [card.tier];
    for (let i = 0; i < 12; i++) {
      card = reviewCard(card, now, RATING.good, settings());
      tiers.push(card.tier);
      now = card.due;
    }
    expect(card.tier).toBe(MAX_TIER);
    for (let i = 1; i < tiers.length; i++) expect(tiers[i]! - tiers[i - 1]!).toBeGreaterThanOrEqual(0);
    for (let i = 1; i < tiers.length; i++) expect(tiers[i]! - tiers[i - 1]!).toBeLessThanOrEqual(1);
  });

  it('the 4th lapse of a review card makes it a leech: tier drops, replayNext set; the next correct answer clears it', () => {
    const before = reviewState({ tier: 2, lapses: LEECH_LAPSES - 1, consecutiveLapses: 0, stability: 10, elapsedDays: 10 });
    const lapsed = reviewCard(before, NOW, RATING.again, settings());
    expect(lapsed.lapses).toBe(LEECH_LAPSES);
    expect(lapsed.tier).toBe(1);
    expect(lapsed.replayNext).toBe(true);
    expect(isLeech(lapsed)).toBe(true);
    // Not suspended: it is due again soon (relearning step).
    expect(lapsed.due.getTime()).toBeLessThan(NOW.getTime() + DAY);

    const again = reviewCard(lapsed, lapsed.due, RATING.good, settings());
    expect(again.replayNext).toBe(false);
    expect(again.consecutiveLapses).toBe(0);
    expect(again.tier).toBe(1);
  });

  it('DEMOTE_AFTER_CONSECUTIVE wrong answers in a row drop a tier even for a young card', () => {
    let card = reviewState({ tier: 2, lapses: 0, consecutiveLapses: 0 });
    let now = NOW;
    for (let i = 1; i <= DEMOTE_AFTER_CONSECUTIVE; i++) {
      card = reviewCard(card, now, RATING.again, settings());
      expect(card.tier).toBe(i < DEMOTE_AFTER_CONSECUTIVE ? 2 : 1);
      expect(card.replayNext).toBe(false);
      now = at(card.due, MINUTE);
    }
  });
});
