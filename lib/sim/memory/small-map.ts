/**
 * A map from small integers (virtual pages, frame numbers, page indices) to values, held
 * as two parallel arrays in insertion order.
 *
 * Why not a `Map`: the simulator's states are immutable, so a step that changes a page
 * table or the frame table copies it first, and almost every step does. Here a copy is two
 * array slices and a lookup is a linear scan; both are O(n) in the entries of one table,
 * and n is bounded by a region's pages (a handful), so a step costs O(pages) however the
 * tables were built, with no hashing or rebuilding of a hash table per copy. It behaves
 * like a `Map` where the simulator can tell: iteration is in insertion order, `set` on a
 * present key keeps its place, `delete` then `set` moves the key to the end (the order
 * frames are released in, and so the explanations, depend on it);
 * tests/unit/sim/memory/small-map.test.ts checks it against `Map`.
 *
 * States expose it as a `ReadonlyMap`; only the step function that copied one mutates it,
 * and never while iterating over it (the iterators walk the live arrays).
 */
export class SmallMap<V> implements ReadonlyMap<number, V> {
  private constructor(
    private readonly keyList: number[],
    private readonly valueList: V[],
  ) {}

  static empty<V>(): SmallMap<V> {
    return new SmallMap<V>([], []);
  }

  /** A private copy of `map` (of any `ReadonlyMap`, so states built with a `Map` work too). */
  static copy<V>(map: ReadonlyMap<number, V>): SmallMap<V> {
    if (map instanceof SmallMap) return new SmallMap<V>(map.keyList.slice(), (map as SmallMap<V>).valueList.slice());
    const copy = SmallMap.empty<V>();
    for (const [k, v] of map) copy.set(k, v);
    return copy;
  }

  get size(): number {
    return this.keyList.length;
  }

  get(key: number): V | undefined {
    const i = this.keyList.indexOf(key);
    return i < 0 ? undefined : this.valueList[i];
  }

  has(key: number): boolean {
    return this.keyList.indexOf(key) >= 0;
  }

  set(key: number, value: V): this {
    const i = this.keyList.indexOf(key);
    if (i < 0) {
      this.keyList.push(key);
      this.valueList.push(value);
    } else {
      this.valueList[i] = value;
    }
    return this;
  }

  delete(key: number): boolean {
    const i = this.keyList.indexOf(key);
    if (i < 0) return false;
    this.keyList.splice(i, 1);
    this.valueList.splice(i, 1);
    return true;
  }

  forEach(callback: (value: V, key: number, map: ReadonlyMap<number, V>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.keyList.length; i++) callback.call(thisArg, this.valueList[i] as V, this.keyList[i] as number, this);
  }

  keys(): MapIterator<number> {
    return this.keyList.values();
  }

  values(): MapIterator<V> {
    return this.valueList.values();
  }

  entries(): MapIterator<[number, V]> {
    return this.keyList.map((k, i): [number, V] => [k, this.valueList[i] as V]).values();
  }

  [Symbol.iterator](): MapIterator<[number, V]> {
    return this.entries();
  }
}
