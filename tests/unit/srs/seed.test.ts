import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replaySeed, reviewSeed } from '@/lib/srs/seed';

const isUint32 = (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff;

// cuid-like card ids, as the database hands them out.
const cardIds = Array.from({ length: 100 }, (_, i) => `cm${(i * 7919 + 12345).toString(36).padStart(6, '0')}x${i.toString(36)}`);

describe('reviewSeed', () => {
  it('is deterministic: derived from (card id, review count) only', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.nat(100_000), (id, n) => {
        expect(reviewSeed(id, n)).toBe(reviewSeed(id, n));
        expect(replaySeed(id, n)).toBe(replaySeed(id, n));
      }),
    );
  });

  it('is a valid uint32', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.nat(1_000_000), (id, n) => {
        expect(isUint32(reviewSeed(id, n))).toBe(true);
        expect(isUint32(replaySeed(id, n))).toBe(true);
      }),
    );
  });

  it('changes from one review to the next of the same card', () => {
    for (const id of cardIds) {
      for (let n = 0; n < 100; n++) expect(reviewSeed(id, n + 1)).not.toBe(reviewSeed(id, n));
    }
  });

  it('differs between cards at the same review index', () => {
    for (let n = 0; n < 5; n++) {
      const seeds = new Set(cardIds.map((id) => reviewSeed(id, n)));
      expect(seeds.size).toBe(cardIds.length);
    }
    expect(reviewSeed('card-a', 0)).not.toBe(reviewSeed('card-b', 0));
  });

  it('has very few collisions over 10,000 (card, index) pairs (a 32-bit hash cannot promise none)', () => {
    const seeds = new Set<number>();
    for (const id of cardIds) for (let n = 0; n < 100; n++) seeds.add(reviewSeed(id, n));
    // Expected collisions for 10^4 random 32-bit values ≈ 10^8 / 2^33 ≈ 0.01.
    expect(10_000 - seeds.size).toBeLessThanOrEqual(2);
  });

  it('spreads over the whole 32-bit range', () => {
    let high = 0;
    let odd = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const id of cardIds) {
      for (let n = 0; n < 100; n++) {
        const s = reviewSeed(id, n);
        if (s >= 0x80000000) high++;
        if (s & 1) odd++;
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
    }
    expect(high).toBeGreaterThan(4_000);
    expect(high).toBeLessThan(6_000);
    expect(odd).toBeGreaterThan(4_000);
    expect(odd).toBeLessThan(6_000);
    expect(min).toBeLessThan(0x01000000);
    expect(max).toBeGreaterThan(0xff000000);
  });

  it('does not collide between (card, index) pairs whose text could run together', () => {
    // "a1" + index 23 vs "a12" + index 3, and so on.
    expect(reviewSeed('a1', 23)).not.toBe(reviewSeed('a12', 3));
    expect(reviewSeed('a', 123)).not.toBe(reviewSeed('a1', 23));
  });
});

describe('replaySeed', () => {
  it('differs from the review seed of the same card and index', () => {
    expect(replaySeed('cm123', 4)).not.toBe(reviewSeed('cm123', 4));
    let same = 0;
    for (const id of cardIds) for (let n = 0; n < 100; n++) if (replaySeed(id, n) === reviewSeed(id, n)) same++;
    expect(same).toBeLessThanOrEqual(1);
  });

  it('is not the seed of any nearby review of the same card', () => {
    for (const id of cardIds.slice(0, 20)) {
      const reviews = new Set(Array.from({ length: 200 }, (_, n) => reviewSeed(id, n)));
      let hits = 0;
      for (let n = 0; n < 200; n++) if (reviews.has(replaySeed(id, n))) hits++;
      expect(hits).toBeLessThanOrEqual(1);
    }
  });

  it('changes with the review index and the card', () => {
    const seeds = new Set<number>();
    for (const id of cardIds) for (let n = 0; n < 100; n++) seeds.add(replaySeed(id, n));
    expect(10_000 - seeds.size).toBeLessThanOrEqual(2);
  });
});
