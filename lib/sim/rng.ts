/**
 * Seeded pseudo-random numbers for the engine. Everything random in `lib/sim` and
 * `lib/questions` draws from an `Rng` passed in, so `(generator, version, seed, tier)`
 * always yields the same question. The generator is sfc32 (a small, fast, well-tested
 * 128-bit state PRNG) seeded by splitmix32.
 *
 * Seeds are integers in [0, 2^53 − 1]. A seed below 2^32 seeds all four state words from
 * one splitmix32 stream, as it always has (stored refs replay unchanged). A wider seed — the
 * ones graded attempts draw with a server secret, so that nobody can search the seed space
 * for the question on the screen — seeds two words from its low 32 bits and two from its
 * high bits, so every one of the 2^53 seeds starts a different sequence.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  bool(p?: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
  /** k distinct elements, in random order. */
  sample<T>(items: readonly T[], k: number): T[];
}

/** Largest seed accepted anywhere: seeds are integers that a JavaScript number holds exactly. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;
/** Largest seed of the original 32-bit space (practice links, drill reviews, FNV-1a hashes). */
export const MAX_SEED_32 = 0xffff_ffff;
const TWO_32 = 0x1_0000_0000;

export function isValidSeed(seed: number): boolean {
  return Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  if (!isValidSeed(seed)) throw new RangeError(`seed must be an integer in [0, ${MAX_SEED}], got ${seed}`);
  const low = seed % TWO_32;
  const high = Math.floor(seed / TWO_32);
  const init = splitmix32(low);
  let a = init();
  let b = init();
  // The high part gets a stream of its own, offset so that it never equals the low one's.
  const wide = high === 0 ? init : splitmix32(high ^ 0x5bd1_e995);
  let c = wide();
  let d = wide();
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) nextU32();

  const rng: Rng = {
    next: () => nextU32() / 0x1_0000_0000,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`bad int range [${min}, ${max}]`);
      }
      return min + Math.floor(rng.next() * (max - min + 1));
    },
    bool: (p = 0.5) => rng.next() < p,
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty array');
      return items[rng.int(0, items.length - 1)] as (typeof items)[number];
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        const tmp = out[i] as (typeof out)[number];
        out[i] = out[j] as (typeof out)[number];
        out[j] = tmp;
      }
      return out;
    },
    sample(items, k) {
      if (k > items.length) throw new RangeError(`sample ${k} of ${items.length}`);
      return rng.shuffle(items).slice(0, k);
    },
  };
  return rng;
}

/** FNV-1a over a string, for seeds derived from data (e.g. card id + review count). */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
