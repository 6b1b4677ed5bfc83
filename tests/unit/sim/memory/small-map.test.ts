import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SmallMap } from '@/lib/sim/memory/small-map';

type Action = { readonly kind: 'set'; readonly key: number; readonly value: string } | { readonly kind: 'delete'; readonly key: number } | { readonly kind: 'copy' };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 7 }), value: fc.string({ maxLength: 2 }) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('copy' as const) }),
);

describe('SmallMap behaves like a Map', () => {
  it('same entries, order, size and lookups after any sequence of set, delete and copy', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 40 }), (actions) => {
        let small = SmallMap.empty<string>();
        let map = new Map<number, string>();
        const left: [SmallMap<string>, [number, string][]][] = [];
        for (const a of actions) {
          if (a.kind === 'set') {
            small.set(a.key, a.value);
            map.set(a.key, a.value);
          } else if (a.kind === 'delete') {
            expect(small.delete(a.key)).toBe(map.delete(a.key));
          } else {
            left.push([small, [...map]]);
            small = SmallMap.copy(small);
            map = new Map(map);
          }
          expect([...small.entries()]).toEqual([...map.entries()]);
          expect([...small.keys()]).toEqual([...map.keys()]);
          expect([...small.values()]).toEqual([...map.values()]);
          expect(small.size).toBe(map.size);
          for (let k = 0; k <= 7; k++) {
            expect(small.get(k)).toBe(map.get(k));
            expect(small.has(k)).toBe(map.has(k));
          }
          const seen: [number, string][] = [];
          small.forEach((v, k) => seen.push([k, v]));
          expect(seen).toEqual([...map]);
        }
        // a copy is private: what happened to it afterwards left the original as it was
        for (const [original, entries] of left) expect([...original]).toEqual(entries);
      }),
      { numRuns: 300 },
    );
  });

  it('copies a plain Map in its order, and a copy does not write through', () => {
    const source = new Map<number, string>([
      [5, 'a'],
      [1, 'b'],
    ]);
    const copy = SmallMap.copy(source);
    expect([...copy]).toEqual([...source]);
    const original = SmallMap.copy(source);
    const second = SmallMap.copy(original);
    second.set(9, 'c');
    second.delete(5);
    expect([...original]).toEqual([
      [5, 'a'],
      [1, 'b'],
    ]);
  });
});
