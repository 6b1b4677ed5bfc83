/**
 * A memo slot on an object: a pure result computed from an immutable input (a program's
 * runs, its rendering) kept on the input itself, as a non-enumerable symbol-keyed
 * property. It is invisible to JSON, to equality checks and to key iteration, and it
 * becomes garbage together with the object.
 *
 * (A WeakMap did the same job, but question generation makes and drops thousands of
 * programs a second, and the WeakMap's ephemeron table made every young-generation
 * garbage collection slower than the memo saved.) An object that cannot be extended
 * (frozen) is simply not memoized.
 */
export class MemoSlot<K extends object, V> {
  private readonly key: symbol;

  constructor(description: string) {
    this.key = Symbol(description);
  }

  get(owner: K): V | undefined {
    return (owner as Record<symbol, V | undefined>)[this.key];
  }

  set(owner: K, value: V): void {
    if (!Object.isExtensible(owner)) return;
    Object.defineProperty(owner, this.key, { value, writable: true, configurable: true, enumerable: false });
  }

  /** The value memoized on `owner`, computed (by a pure function of it) the first time. */
  of(owner: K, compute: (owner: K) => V): V {
    let value = this.get(owner);
    if (value === undefined) {
      value = compute(owner);
      this.set(owner, value);
    }
    return value;
  }
}
