/**
 * Python literals (what a learner reads in `value = [...]`) as data: rendered as source and
 * turned into the object graph CPython builds from it. The compiler merges equal constants
 * module-wide (`_PyCode_ConstantKey`, `merge_consts_recursive`), so equal str and bytes
 * literals, and equal tuples made only of constants, are one object each — and pickle's
 * memo writes the second occurrence as a 2-byte BINGET. Lists and dicts are built fresh.
 */
import { PY_NONE, pyBool, pyFloat, pyInt, type PyValue } from './values';

export type Literal =
  | { readonly t: 'none' }
  | { readonly t: 'bool'; readonly v: boolean }
  /** Decimal text, so that big ints stay JSON-safe. */
  | { readonly t: 'int'; readonly v: string }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'bytes'; readonly hex: string }
  | { readonly t: 'list' | 'tuple'; readonly items: readonly Literal[] }
  | { readonly t: 'dict'; readonly entries: readonly (readonly [Literal, Literal])[] };

export const lit = {
  none: (): Literal => ({ t: 'none' }),
  bool: (v: boolean): Literal => ({ t: 'bool', v }),
  int: (v: number | bigint): Literal => ({ t: 'int', v: BigInt(v).toString() }),
  float: (v: number): Literal => ({ t: 'float', v }),
  str: (v: string): Literal => ({ t: 'str', v }),
  bytes: (data: readonly number[]): Literal => ({ t: 'bytes', hex: data.map((b) => b.toString(16).padStart(2, '0')).join('') }),
  list: (items: readonly Literal[]): Literal => ({ t: 'list', items }),
  tuple: (items: readonly Literal[]): Literal => ({ t: 'tuple', items }),
  dict: (entries: readonly (readonly [Literal, Literal])[]): Literal => ({ t: 'dict', entries }),
};

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function floatSource(v: number): string {
  if (Number.isNaN(v)) return 'float("nan")';
  if (!Number.isFinite(v)) return v > 0 ? 'float("inf")' : 'float("-inf")';
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

function strSource(s: string): string {
  return JSON.stringify(s);
}

function bytesSource(hex: string): string {
  let s = 'b"';
  for (const b of hexBytes(hex)) {
    s += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${s}"`;
}

/** Python source for a literal (str with double quotes, non-ASCII text kept as is). */
export function literalSource(l: Literal): string {
  switch (l.t) {
    case 'none':
      return 'None';
    case 'bool':
      return l.v ? 'True' : 'False';
    case 'int':
      return l.v;
    case 'float':
      return floatSource(l.v);
    case 'str':
      return strSource(l.v);
    case 'bytes':
      return bytesSource(l.hex);
    case 'list':
      return `[${l.items.map(literalSource).join(', ')}]`;
    case 'tuple':
      return l.items.length === 1 ? `(${literalSource(l.items[0] as Literal)},)` : `(${l.items.map(literalSource).join(', ')})`;
    case 'dict':
      return `{${l.entries.map(([k, v]) => `${literalSource(k)}: ${literalSource(v)}`).join(', ')}}`;
  }
}

/** The compiler's constant key (typed, so `1`, `1.0` and `True` stay distinct), or null. */
function constKey(l: Literal): string | null {
  switch (l.t) {
    case 'none':
      return 'N';
    case 'bool':
      return l.v ? 'T' : 'F';
    case 'int':
      return `i${l.v}`;
    case 'float':
      return Object.is(l.v, -0) ? 'f-0' : `f${l.v}`;
    case 'str':
      return `s${JSON.stringify(l.v)}`;
    case 'bytes':
      return `b${l.hex}`;
    case 'tuple': {
      const keys = l.items.map(constKey);
      return keys.every((k) => k !== null) ? `(${keys.join(',')})` : null;
    }
    default:
      return null;
  }
}

/** The object graph `value = <literal>` builds in CPython 3.11 (see the module comment). */
export function literalValue(l: Literal): PyValue {
  switch (l.t) {
    case 'none':
      return PY_NONE;
    case 'bool':
      return pyBool(l.v);
    case 'int':
      return pyInt(BigInt(l.v));
    case 'float':
      return pyFloat(l.v);
    case 'str':
      return { kind: 'str', value: l.v, shared: `lit:${l.v}` };
    case 'bytes':
      return { kind: 'bytes', data: hexBytes(l.hex), shared: `lit:${l.hex}` };
    case 'list':
      return { kind: 'list', items: l.items.map(literalValue) };
    case 'tuple': {
      const key = constKey(l);
      const items = l.items.map(literalValue);
      return key !== null && l.items.length > 0 ? { kind: 'tuple', items, shared: key } : { kind: 'tuple', items };
    }
    case 'dict':
      return { kind: 'dict', entries: l.entries.map(([k, v]) => [literalValue(k), literalValue(v)] as const) };
  }
}
