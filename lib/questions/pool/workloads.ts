/**
 * The data and worker functions pool scenarios use: each is a piece of Python source and the
 * object graph CPython builds for it (identity included — see lib/sim/pool/values.ts), plus
 * what the function returns for each item.
 */
import {
  pyDict,
  pyFloat,
  pyFunction,
  pyInt,
  pyLiteral,
  pyStr,
  pyTuple,
  pyZeroBytes,
  codePointLength,
  type PyGlobal,
  type PyValue,
  type WorkerOutcome,
} from '@/lib/sim/pool';

export type DataRecipe =
  /** `list(range(start, stop))` */
  | { readonly kind: 'range'; readonly start: number; readonly stop: number }
  /** `[f"{prefix}{i}" for i in range(n)]`: a new str per item. */
  | { readonly kind: 'names'; readonly n: number; readonly prefix: string }
  /** `["text"] * n`: n references to one str object. */
  | { readonly kind: 'repeat'; readonly n: number; readonly text: string }
  /** `[bytes(size) for _ in range(n)]` */
  | { readonly kind: 'blobs'; readonly n: number; readonly size: number }
  /** `[(i, i * i) for i in range(n)]` */
  | { readonly kind: 'pairs'; readonly n: number }
  /** `[{"id": i, "name": f"user{i}"} for i in range(n)]`: the keys are literals, shared by every dict. */
  | { readonly kind: 'records'; readonly n: number }
  /** `[i * 0.5 for i in range(n)]` */
  | { readonly kind: 'floats'; readonly n: number };

export function dataLength(d: DataRecipe): number {
  return d.kind === 'range' ? d.stop - d.start : d.n;
}

/** Underscored literal for big numbers, as one would write it (100_000). */
export function pyNumber(n: number): string {
  return n < 10_000 ? String(n) : n.toLocaleString('en-US').replace(/,/g, '_');
}

/** The Python expression building the data. */
export function dataSource(d: DataRecipe): string {
  switch (d.kind) {
    case 'range':
      return d.start === 0 ? `list(range(${d.stop}))` : `list(range(${d.start}, ${d.stop}))`;
    case 'names':
      return `[f"${d.prefix}{i}" for i in range(${d.n})]`;
    case 'repeat':
      return `[${JSON.stringify(d.text)}] * ${d.n}`;
    case 'blobs':
      return `[bytes(${pyNumber(d.size)}) for _ in range(${d.n})]`;
    case 'pairs':
      return `[(i, i * i) for i in range(${d.n})]`;
    case 'records':
      return `[{"id": i, "name": f"user{i}"} for i in range(${d.n})]`;
    case 'floats':
      return `[i * 0.5 for i in range(${d.n})]`;
  }
}

/** `[make(0), …, make(n - 1)]`. */
const times = (n: number, make: (i: number) => PyValue): PyValue[] => Array.from({ length: n }, (_, i) => make(i));

/** The items as CPython builds them. */
export function dataItems(d: DataRecipe): PyValue[] {
  switch (d.kind) {
    case 'range':
      return times(d.stop - d.start, (i) => pyInt(d.start + i));
    case 'names':
      return times(d.n, (i) => pyStr(`${d.prefix}${i}`));
    case 'repeat': {
      const s = pyLiteral(d.text);
      return times(d.n, () => s);
    }
    case 'blobs':
      return times(d.n, () => pyZeroBytes(d.size));
    case 'pairs':
      return times(d.n, (i) => pyTuple([pyInt(i), pyInt(i * i)]));
    case 'records': {
      const id = pyLiteral('id');
      const name = pyLiteral('name');
      return times(d.n, (i) => pyDict([[id, pyInt(i)], [name, pyStr(`user${i}`)]]));
    }
    case 'floats':
      return times(d.n, (i) => pyFloat(i * 0.5));
  }
}

export type WorkName = 'square' | 'double' | 'length' | 'shout' | 'total' | 'get_id';

export interface WorkFunction {
  readonly name: WorkName;
  /** The function's source lines (def … return …). */
  readonly source: readonly string[];
  /** What it returns for an item. */
  result(item: PyValue): PyValue;
}

const intOf = (v: PyValue): bigint => (v.kind === 'int' ? v.value : v.kind === 'float' ? BigInt(Math.trunc(v.value)) : 0n);

function lengthOf(v: PyValue): number {
  switch (v.kind) {
    case 'str':
      return codePointLength(v.value);
    case 'bytes':
      return v.data.length;
    case 'tuple':
    case 'list':
      return v.items.length;
    case 'dict':
      return v.entries.length;
    default:
      return 0;
  }
}

/** Python's str.upper on the ASCII letters and Korean text the recipes use: a-z → A-Z. */
const upper = (s: string): string => s.replace(/[a-z]/g, (c) => c.toUpperCase());

export const WORK: Readonly<Record<WorkName, WorkFunction>> = {
  square: {
    name: 'square',
    source: ['def square(x):', '    return x * x'],
    result: (x) => (x.kind === 'float' ? pyFloat(x.value * x.value) : pyInt(intOf(x) * intOf(x))),
  },
  double: {
    name: 'double',
    source: ['def double(x):', '    return x * 2'],
    result: (x) => (x.kind === 'float' ? pyFloat(x.value * 2) : x.kind === 'str' ? pyStr(x.value + x.value) : pyInt(intOf(x) * 2n)),
  },
  length: {
    name: 'length',
    source: ['def length(x):', '    return len(x)'],
    result: (x) => pyInt(lengthOf(x)),
  },
  shout: {
    name: 'shout',
    source: ['def shout(x):', '    return x.upper() + "!"'],
    result: (x) => pyStr(upper(x.kind === 'str' ? x.value : '') + '!'),
  },
  total: {
    name: 'total',
    source: ['def total(pair):', '    return sum(pair)'],
    result: (x) => pyInt(x.kind === 'tuple' ? x.items.reduce((n, v) => n + intOf(v), 0n) : 0n),
  },
  get_id: {
    name: 'get_id',
    source: ['def get_id(record):', '    return record["id"]'],
    result: (x) => (x.kind === 'dict' ? (x.entries[0]?.[1] ?? pyInt(0)) : pyInt(0)),
  },
};

/** Functions that make sense for each kind of data. */
export const WORK_FOR: Readonly<Record<DataRecipe['kind'], readonly WorkName[]>> = {
  range: ['square', 'double'],
  names: ['shout', 'length', 'double'],
  repeat: ['length', 'shout'],
  blobs: ['length'],
  pairs: ['total'],
  records: ['get_id'],
  floats: ['square', 'double'],
};

export const workGlobal = (w: WorkName): PyGlobal => pyFunction('__main__', w);

export const workOutcome =
  (w: WorkName) =>
  (x: PyValue): WorkerOutcome => ({ ok: true, value: WORK[w].result(x) });
