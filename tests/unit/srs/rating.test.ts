import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedRatings, median, MIN_SAMPLES, ratingForKey, SLOW_FACTOR, suggestedRating } from '@/lib/srs/rating';
import { RATING } from '@/lib/srs/types';

describe('median', () => {
  it('is null for no values', () => {
    expect(median([])).toBeNull();
  });

  it('is the middle value for an odd count, whatever the order', () => {
    expect(median([7])).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([900, 10, 500, 20, 30])).toBe(30);
  });

  it('is the mean of the two middle values for an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([100, 300])).toBe(200);
    expect(median([10, 1000, 20, 30])).toBe(25);
  });

  it('sorts numerically, not as strings', () => {
    // As strings, 1000 < 200 < 30; numerically the middle is 200.
    expect(median([1000, 30, 200])).toBe(200);
  });

  it('does not reorder its input', () => {
    const values = [5, 1, 4];
    median(values);
    expect(values).toEqual([5, 1, 4]);
  });

  it('splits the values in half (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 600_000 }), { minLength: 1, maxLength: 50 }), (values) => {
        const m = median(values) as number;
        const below = values.filter((v) => v < m).length;
        const above = values.filter((v) => v > m).length;
        expect(below).toBeLessThanOrEqual(values.length / 2);
        expect(above).toBeLessThanOrEqual(values.length / 2);
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(m).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });
});

describe('suggestedRating', () => {
  const history = [10_000, 12_000, 14_000]; // median 12 s

  it('a wrong answer is always Again, however fast or slow', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.array(fc.nat(1_000_000), { maxLength: 20 }), (duration, earlier) => {
        expect(suggestedRating(false, duration, earlier)).toBe(RATING.again);
      }),
    );
  });

  it('a right answer is never Again or Easy', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.array(fc.nat(1_000_000), { maxLength: 20 }), (duration, earlier) => {
        expect([RATING.hard, RATING.good]).toContain(suggestedRating(true, duration, earlier));
      }),
    );
  });

  it('pre-selects Hard only when much slower than the median', () => {
    expect(suggestedRating(true, 12_000, history)).toBe(RATING.good);
    expect(suggestedRating(true, 1, history)).toBe(RATING.good);
    expect(suggestedRating(true, 12_000 * SLOW_FACTOR, history)).toBe(RATING.good); // exactly the factor: not "more than"
    expect(suggestedRating(true, 12_000 * SLOW_FACTOR + 1, history)).toBe(RATING.hard);
    expect(suggestedRating(true, 10 * 60_000, history)).toBe(RATING.hard);
  });

  it('needs at least MIN_SAMPLES earlier answers before judging speed', () => {
    const few = history.slice(0, MIN_SAMPLES - 1);
    expect(suggestedRating(true, 3_600_000, few)).toBe(RATING.good);
    expect(suggestedRating(true, 3_600_000, [])).toBe(RATING.good);
    const enough = Array.from({ length: MIN_SAMPLES }, () => 10_000);
    expect(suggestedRating(true, 3_600_000, enough)).toBe(RATING.hard);
  });

  it('uses the median, not the mean or the fastest answer', () => {
    // Mean 46.7 s, median 10 s: 25 s is more than twice the median.
    expect(suggestedRating(true, 25_000, [10_000, 10_000, 120_000])).toBe(RATING.hard);
    // Fastest 1 s, median 30 s: 50 s is not more than twice the median.
    expect(suggestedRating(true, 50_000, [1_000, 30_000, 40_000])).toBe(RATING.good);
  });

  it('uses the mean of the middle pair for an even number of earlier answers', () => {
    // Median 200 (lower middle 100, upper middle 300).
    const earlier = [300, 100, 300, 100];
    expect(suggestedRating(true, 399, earlier)).toBe(RATING.good); // would be Hard with the lower middle
    expect(suggestedRating(true, 401, earlier)).toBe(RATING.hard); // would be Good with the upper middle
  });

  it('agrees with the rule "Hard iff ≥ MIN_SAMPLES earlier answers and duration > SLOW_FACTOR × median" (property)', () => {
    fc.assert(
      fc.property(fc.nat(200_000), fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 12 }), (duration, earlier) => {
        const sorted = [...earlier].sort((a, b) => a - b);
        const n = sorted.length;
        const m = n === 0 ? 0 : n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
        const slow = n >= MIN_SAMPLES && duration > SLOW_FACTOR * m;
        expect(suggestedRating(true, duration, earlier)).toBe(slow ? RATING.hard : RATING.good);
      }),
    );
  });
});

describe('allowedRatings', () => {
  it('offers only Again after a wrong answer', () => {
    expect(allowedRatings(false)).toEqual([RATING.again]);
  });

  it('offers Hard, Good, Easy after a right answer', () => {
    expect(allowedRatings(true)).toEqual([RATING.hard, RATING.good, RATING.easy]);
  });
});

describe('ratingForKey', () => {
  it('maps keys as in Anki after a right answer: 2 Hard, 3 Good, 4 Easy, Space Good', () => {
    expect(ratingForKey('2', true)).toBe(RATING.hard);
    expect(ratingForKey('3', true)).toBe(RATING.good);
    expect(ratingForKey('4', true)).toBe(RATING.easy);
    expect(ratingForKey(' ', true)).toBe(RATING.good);
  });

  it('refuses Again (1) for a right answer', () => {
    expect(ratingForKey('1', true)).toBeNull();
  });

  it('accepts only Again after a wrong answer: 1 and Space give Again, 2–4 are refused', () => {
    expect(ratingForKey('1', false)).toBe(RATING.again);
    expect(ratingForKey(' ', false)).toBe(RATING.again);
    for (const key of ['2', '3', '4']) expect(ratingForKey(key, false)).toBeNull();
  });

  it('ignores every other key', () => {
    for (const key of ['0', '5', '9', 'a', 'Enter', 'Space', 'Escape', '', '11', 'Numpad3', '  ', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(ratingForKey(key, true)).toBeNull();
      expect(ratingForKey(key, false)).toBeNull();
    }
  });

  it('only ever returns an allowed rating (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3 }), fc.boolean(), (key, correct) => {
        const r = ratingForKey(key, correct);
        if (r !== null) expect(allowedRatings(correct)).toContain(r);
      }),
    );
  });
});
