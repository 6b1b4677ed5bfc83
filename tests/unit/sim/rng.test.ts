import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, hashSeed, isValidSeed, MAX_SEED, MAX_SEED_32 } from '@/lib/sim/rng';

const draw = (seed: number, n: number) => {
  const r = createRng(seed);
  return Array.from({ length: n }, () => r.next());
};

describe('rng', () => {
  it('same seed, same sequence; different seeds, different sequences', () => {
    expect(draw(42, 50)).toEqual(draw(42, 50));
    expect(draw(42, 10)).not.toEqual(draw(43, 10));
    expect(draw(0, 10)).not.toEqual(draw(MAX_SEED, 10));
  });

  it('pins the first outputs of a seed (changing them changes every stored question)', () => {
    const r = createRng(1);
    const pinned = [r.int(0, 1_000_000), r.int(0, 1_000_000), r.int(0, 1_000_000)];
    expect(pinned).toEqual(PINNED_SEED_1);
  });

  it('wide seeds (above 2^32) each start their own sequence; 32-bit seeds are unchanged by them', () => {
    // The low 32 bits alone do not decide a wide seed's sequence: all 2^53 seeds count.
    expect(draw(2 ** 32 + 7, 10)).not.toEqual(draw(7, 10));
    expect(draw(2 ** 40 + 7, 10)).not.toEqual(draw(2 ** 41 + 7, 10));
    expect(draw(MAX_SEED, 10)).not.toEqual(draw(MAX_SEED_32, 10));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_SEED_32 }), fc.integer({ min: 1, max: 2 ** 21 - 1 }), fc.integer({ min: 1, max: 2 ** 21 - 1 }), (low, h1, h2) => {
        fc.pre(h1 !== h2);
        expect(draw(h1 * 2 ** 32 + low, 4)).not.toEqual(draw(h2 * 2 ** 32 + low, 4));
      }),
      { numRuns: 200 },
    );
    const r = createRng(2 ** 48 + 1);
    expect([r.int(0, 1_000_000), r.int(0, 1_000_000), r.int(0, 1_000_000)]).toEqual(PINNED_WIDE_SEED);
  });

  it('next() is in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_SEED }), (seed) => {
        for (const x of draw(seed, 20)) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  it('int(min, max) stays in range, inclusive at both ends, and reaches both ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_SEED }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 6 }), (seed, min, span) => {
        const r = createRng(seed);
        for (let i = 0; i < 30; i++) {
          const v = r.int(min, min + span);
          expect(Number.isInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(min);
          expect(v).toBeLessThanOrEqual(min + span);
        }
      }),
    );
    const r = createRng(7);
    const seen = new Set(Array.from({ length: 500 }, () => r.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('rejects bad ranges and bad seeds', () => {
    const r = createRng(3);
    expect(() => r.int(2, 1)).toThrow(RangeError);
    expect(() => r.int(0.5, 2)).toThrow(RangeError);
    expect(() => r.pick([])).toThrow(RangeError);
    expect(() => r.sample([1, 2], 3)).toThrow(RangeError);
    for (const bad of [-1, 1.5, MAX_SEED + 1, Number.NaN]) {
      expect(isValidSeed(bad)).toBe(false);
      expect(() => createRng(bad)).toThrow(RangeError);
    }
    expect(isValidSeed(0)).toBe(true);
    expect(isValidSeed(MAX_SEED)).toBe(true);
  });

  it('shuffle is a permutation, sample gives distinct elements, pick gives a member', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_SEED }), fc.array(fc.integer(), { maxLength: 20 }), (seed, items) => {
        const r = createRng(seed);
        const shuffled = r.shuffle(items);
        expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
        const idx = items.map((_, i) => i);
        const k = Math.min(3, idx.length);
        const s = r.sample(idx, k);
        expect(new Set(s).size).toBe(k);
        if (items.length > 0) expect(items).toContain(r.pick(items));
      }),
    );
  });

  it('bool(p) respects its extremes', () => {
    const r = createRng(9);
    for (let i = 0; i < 100; i++) {
      expect(r.bool(0)).toBe(false);
      expect(r.bool(1)).toBe(true);
    }
  });

  it('hashSeed is a stable 32-bit FNV-1a', () => {
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('a')).toBe(0xe40c292c);
    expect(isValidSeed(hashSeed('card-123:4'))).toBe(true);
    expect(hashSeed('card-123:4')).toBe(hashSeed('card-123:4'));
    expect(hashSeed('card-123:4')).not.toBe(hashSeed('card-123:5'));
  });
});

const PINNED_SEED_1 = [425650, 790422, 691015];
const PINNED_WIDE_SEED = [811572, 797377, 146016];
