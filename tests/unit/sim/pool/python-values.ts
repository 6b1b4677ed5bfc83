/**
 * Test support: random Python values (with shared sub-objects, big ints, Korean text,
 * 64 KiB payloads, 1000-item batches) and a JSON encoding that a small Python builder turns
 * back into the very same object graph — same identity, so memoization matches — before
 * pickling it with the real `pickle.dumps`.
 */
import { spawn } from 'node:child_process';
import type { Rng } from '@/lib/sim/rng';
import {
  PY_NONE,
  pyBool,
  pyClass,
  pyDict,
  pyFloat,
  pyFunction,
  pyInstance,
  pyInt,
  pyLiteral,
  pyPartial,
  pyBoundMethod,
  pyStr,
  type PyGlobal,
  type PyValue,
} from '@/lib/sim/pool';

type Node = unknown[];

/** Encodes a value graph; a node reached twice is sent once and then referenced. */
export function encodeValue(root: PyValue): Node {
  const counts = new Map<PyValue, number>();
  const count = (v: PyValue): void => {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > 1) return;
    for (const child of childrenOf(v)) count(child);
  };
  count(root);
  const ids = new Map<PyValue, number>();
  const enc = (v: PyValue): Node => {
    const id = ids.get(v);
    if (id !== undefined) return ['r', id];
    const node = encodeNode(v, enc);
    if ((counts.get(v) ?? 0) > 1) {
      const newId = ids.size;
      ids.set(v, newId);
      return ['@', newId, node];
    }
    return node;
  };
  return enc(root);
}

function childrenOf(v: PyValue): PyValue[] {
  switch (v.kind) {
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset':
      return [...v.items];
    case 'dict':
      return v.entries.flatMap(([k, x]) => [k, x]);
    case 'instance':
      return v.state ? [v.state] : [];
    case 'reduce':
      return [v.args, ...(v.state ? [v.state] : [])];
    default:
      return [];
  }
}

const hex = (data: Uint8Array): string => Buffer.from(data).toString('hex');

function floatText(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0.0';
  return String(x);
}

function encodeNode(v: PyValue, enc: (v: PyValue) => Node): Node {
  switch (v.kind) {
    case 'none':
      return ['N'];
    case 'bool':
      return [v.value ? 'T' : 'F'];
    case 'int':
      return ['i', v.value.toString()];
    case 'float':
      return ['f', floatText(v.value)];
    case 'str':
      return v.shared !== undefined ? ['S', v.shared, v.value] : ['s', v.value];
    case 'bytes':
      return ['b', hex(v.data)];
    case 'bytearray':
      return ['B', hex(v.data)];
    case 'list':
      return ['l', v.items.map(enc)];
    case 'tuple':
      return ['t', v.items.map(enc)];
    case 'set':
      return ['e', v.items.map(enc)];
    case 'frozenset':
      return ['z', v.items.map(enc)];
    case 'dict':
      return ['d', v.entries.map(([k, x]) => [enc(k), enc(x)])];
    case 'global':
      return ['g', v.module, v.qualname];
    case 'instance':
      return ['o', v.cls.qualname, v.state ? v.state.entries.map(([k, x]) => [(k as { value: string }).value, enc(x)]) : []];
    case 'reduce': {
      if (v.callable.qualname === 'getattr') {
        const [obj, name] = v.args.items as [PyValue, { value: string }];
        return ['m', enc(obj), name.value];
      }
      // Otherwise functools.partial: state = (func, args, kwargs, None).
      const state = v.state as { items: readonly PyValue[] };
      const [func, args, kw] = state.items as [PyValue, { items: readonly PyValue[] }, { entries: readonly (readonly [PyValue, PyValue])[] }];
      return ['p', enc(func), args.items.map(enc), kw.entries.map(([k, x]) => [(k as { value: string }).value, enc(x)])];
    }
    case 'opaque':
      throw new Error('opaque values are not sent to python');
  }
}

/** Functions and classes the Python side defines (or imports), by module and qualname. */
export const GLOBALS: readonly PyGlobal[] = [
  pyFunction('__main__', 'work'),
  pyFunction('__main__', 'f0'),
  pyFunction('__main__', 'process_item'),
  pyFunction('__main__', 'Outer.method'),
  pyFunction('math', 'sqrt'),
  pyFunction('builtins', 'len'),
  pyFunction('_operator', 'add'),
  pyClass('__main__', 'Point'),
];
export const CLASSES = ['Point', 'Record'] as const;

export const PYTHON_BUILDER = String.raw`
import sys, json, pickle, functools, hashlib, importlib, re, math, operator

def work(x): return x
def f0(x): return x
def process_item(x): return x
class Outer:
    def method(self): pass
class Point:
    def norm(self): return 0
class Record:
    def norm(self): return 0
CLASSES = {"Point": Point, "Record": Record}

def build_all(root):
    objs = {}
    shared = {}
    def b(n):
        t = n[0]
        if t == "@":
            v = b(n[2]); objs[n[1]] = v; return v
        if t == "r": return objs[n[1]]
        if t == "N": return None
        if t == "T": return True
        if t == "F": return False
        if t == "i": return int(n[1])
        if t == "f": return float(n[1])
        if t == "s": return n[1]
        if t == "S":
            key, val = n[1], n[2]
            if key not in shared:
                shared[key] = sys.intern(val) if re.fullmatch(r"[A-Za-z0-9_]+", val) else val
            return shared[key]
        if t == "b": return bytes.fromhex(n[1])
        if t == "B": return bytearray.fromhex(n[1])
        if t == "l": return [b(x) for x in n[1]]
        if t == "t": return tuple([b(x) for x in n[1]])
        if t == "e": return set([b(x) for x in n[1]])
        if t == "z": return frozenset([b(x) for x in n[1]])
        if t == "d":
            d = {}
            for k, v in n[1]:
                kk = b(k); d[kk] = b(v)
            return d
        if t == "g":
            obj = importlib.import_module(n[1])
            for part in n[2].split("."): obj = getattr(obj, part)
            return obj
        if t == "o":
            cls = CLASSES[n[1]]
            o = cls.__new__(cls)
            for k, v in n[2]: setattr(o, k, b(v))
            return o
        if t == "m":
            return getattr(b(n[1]), n[2])
        if t == "p":
            return functools.partial(b(n[1]), *[b(x) for x in n[2]], **{sys.intern(k): b(v) for k, v in n[3]})
        raise ValueError(t)
    return b(root)
`;

/** Runs python3 on a script with stdin input; resolves stdout (rejects on a non-zero exit). */
export function runPythonScript(script: string, input: string, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`python3 could not be started: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`python3 exited with ${code}: ${err.slice(-2000)}`));
      else resolve(out);
    });
    child.stdin.end(input);
  });
}

// --------------------------------------------------------------- random values

const KOREAN = '가나다라마바사아자차카타파하안녕하세요세계프로세스풀피클';
const EMOJI = ['😀', '🐍', '🚀', '𝔘'];

function randomText(rng: Rng, maxLen: number): string {
  const n = rng.int(0, maxLen);
  let s = '';
  const style = rng.int(0, 4);
  for (let i = 0; i < n; i++) {
    const r = style === 0 ? 0 : rng.int(0, 9);
    if (r <= 5) s += String.fromCharCode(rng.int(0x20, 0x7e));
    else if (r <= 7) s += KOREAN[rng.int(0, KOREAN.length - 1)];
    else if (r === 8) s += String.fromCharCode(rng.int(0xa0, 0x2ff));
    else s += rng.pick(EMOJI);
  }
  return s;
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

function randomInt(rng: Rng): bigint {
  switch (rng.int(0, 7)) {
    case 0:
      return BigInt(rng.int(0, 255));
    case 1:
      return BigInt(rng.int(256, 65535));
    case 2:
      return BigInt(rng.int(-300, -1));
    case 3:
      return BigInt(rng.int(-(2 ** 31), 2 ** 31 - 1));
    case 4:
      return rng.pick([2n ** 31n, -(2n ** 31n), -(2n ** 31n) - 1n, 2n ** 31n - 1n, 65536n, -128n, -(2n ** 63n), 2n ** 64n - 1n]);
    case 5: {
      const bits = rng.int(32, 200);
      const v = BigInt.asUintN(bits, BigInt(rng.int(1, 2 ** 30)) * 2n ** BigInt(bits - 30) + BigInt(rng.int(0, 2 ** 30)));
      return rng.bool() ? -v : v;
    }
    case 6: {
      // powers of two around byte boundaries: the LONG1 sign-byte rule
      const k = rng.int(3, 40) * 8 + rng.int(-1, 1);
      const v = 2n ** BigInt(k);
      return rng.pick([v, -v, v - 1n, -v + 1n, -v - 1n]);
    }
    default: {
      const bits = rng.int(2000, 2200); // LONG4 territory (>= 256 bytes)
      const v = 2n ** BigInt(bits) + BigInt(rng.int(0, 1000));
      return rng.bool() ? -v : v;
    }
  }
}

function randomFloat(rng: Rng): number {
  switch (rng.int(0, 5)) {
    case 0:
      return rng.int(-1000, 1000) / 8;
    case 1:
      return rng.pick([NaN, Infinity, -Infinity, -0, 0, 5e-324, 1.7976931348623157e308]);
    default:
      return (rng.next() - 0.5) * 10 ** rng.int(-20, 20);
  }
}

export interface RandomValueOptions {
  /** Values containing a set may be pickled in a different order by CPython: compare sizes only. */
  readonly allowSets: boolean;
}

/** A random value graph; `shareable` collects nodes later parts may reuse (same object). */
export function randomValue(rng: Rng, depth: number, shareable: PyValue[], opts: RandomValueOptions, noShare = false): PyValue {
  const remember = <T extends PyValue>(v: T): T => {
    if (!noShare) shareable.push(v);
    return v;
  };
  if (!noShare && shareable.length > 0 && rng.bool(0.08)) return rng.pick(shareable);
  const leaf = depth <= 0 || rng.bool(0.45);
  if (leaf) {
    switch (rng.int(0, 14)) {
      case 0:
        return PY_NONE;
      case 1:
        return pyBool(rng.bool());
      case 2:
      case 3:
        return pyInt(randomInt(rng));
      case 4:
        return pyFloat(randomFloat(rng));
      case 5:
      case 6:
        return remember(pyStr(randomText(rng, rng.bool(0.15) ? 200 : 12)));
      case 7:
        return remember(pyLiteral(rng.pick(['name', 'id', 'value', '안녕', 'hello world', 'é', ''])));
      case 8:
        return remember({ kind: 'bytes', data: randomBytes(rng, rng.int(0, rng.bool(0.2) ? 400 : 6)) });
      case 9:
        return { kind: 'bytearray', data: randomBytes(rng, rng.int(0, 5)) };
      case 10:
        return remember(rng.pick(GLOBALS));
      case 11:
        return remember(
          pyInstance(
            pyClass('__main__', rng.pick(CLASSES)),
            rng.sample(['xs', 'label', 'name', 'id', 'value'], rng.int(0, 3)).map((k) => [k, pyInt(rng.int(0, 300))] as const),
          ),
        );
      case 13:
        return pyBoundMethod(
          pyInstance(pyClass('__main__', rng.pick(CLASSES)), rng.sample(['xs', 'label', 'name'], rng.int(0, 2)).map((k) => [k, pyStr(randomText(rng, 4))] as const)),
          'norm',
        );
      case 12:
        return remember(pyPartial(rng.pick(GLOBALS.slice(0, 3)), [pyInt(rng.int(0, 9))], rng.bool() ? [['scale', pyInt(3)]] : []));
      default:
        return pyInt(rng.int(0, 255));
    }
  }
  const width = rng.bool(0.1) ? rng.int(4, 12) : rng.int(0, 4);
  const kids = (n: number, share = noShare) => Array.from({ length: n }, () => randomValue(rng, depth - 1, shareable, opts, share));
  switch (rng.int(0, opts.allowSets ? 6 : 4)) {
    case 0:
    case 1:
      return remember({ kind: 'list', items: kids(width) });
    case 2:
      return remember({ kind: 'tuple', items: kids(width) });
    case 3:
    case 4: {
      const seen = new Set<string>();
      const entries: (readonly [PyValue, PyValue])[] = [];
      for (let i = 0; i < width; i++) {
        const useStr = rng.bool();
        const k = useStr ? pyStr(randomText(rng, 6)) : pyInt(randomInt(rng));
        const id = useStr ? `s:${(k as { value: string }).value}` : `i:${(k as { value: bigint }).value}`;
        if (seen.has(id)) continue;
        seen.add(id);
        entries.push([k, randomValue(rng, depth - 1, shareable, opts, noShare)]);
      }
      return remember(pyDict(entries));
    }
    default: {
      // Sets: distinct ints and fresh strs only, never shared (CPython's order is its own).
      const seen = new Set<string>();
      const items: PyValue[] = [];
      for (let i = 0; i < width; i++) {
        const v = rng.bool() ? pyInt(rng.int(-1000, 100000)) : pyStr(randomText(rng, 5) + 'z');
        const id = v.kind === 'int' ? `i:${v.value}` : `s:${(v as { value: string }).value}`;
        if (seen.has(id)) continue;
        seen.add(id);
        items.push(v);
      }
      return { kind: rng.bool() ? 'set' : 'frozenset', items };
    }
  }
}

/** Big values: batch boundaries (1000 items), frames (64 KiB), out-of-frame payloads. */
export function bigValue(rng: Rng, opts: RandomValueOptions): PyValue {
  switch (rng.int(0, opts.allowSets ? 8 : 7)) {
    case 0:
      return { kind: 'list', items: Array.from({ length: rng.pick([999, 1000, 1001, 2000, 2001, 7281, 12000]) }, () => pyFloat(rng.next())) };
    case 1:
      return pyDict(Array.from({ length: rng.pick([999, 1000, 1001, 2000, 3000]) }, (_, i) => [pyInt(i), pyInt(rng.int(0, 70000))] as const));
    case 2:
      return { kind: 'bytes', data: randomBytes(rng, rng.pick([65535, 65536, 70000, 65536 * 2 + 5])) };
    case 3:
      return pyStr(KOREAN.repeat(rng.int(1100, 1500)));
    case 4: {
      // many shared strings: memo indices beyond 255 (LONG_BINGET)
      const strs = Array.from({ length: 300 }, (_, i) => pyStr(`s${i}`));
      return { kind: 'list', items: [...strs, ...Array.from({ length: 400 }, () => rng.pick(strs))] };
    }
    case 5:
      return {
        kind: 'list',
        items: [
          { kind: 'list', items: Array.from({ length: 8000 }, () => pyInt(rng.int(0, 70000))) },
          { kind: 'bytes', data: randomBytes(rng, 66000) },
          pyStr('after'),
          { kind: 'tuple', items: Array.from({ length: 5000 }, () => pyFloat(rng.next())) },
        ],
      };
    case 6:
      return { kind: 'list', items: Array.from({ length: rng.int(1, 3000) }, () => pyStr(randomText(rng, 40))) };
    case 7:
      return { kind: 'list', items: Array.from({ length: 2500 }, (_, i) => pyInstance(pyClass('__main__', 'Point'), [['lat', pyInt(i)], ['lon', pyFloat(i / 3)]])) };
    default:
      return { kind: 'set', items: Array.from({ length: rng.pick([999, 1000, 1001, 2000]) }, (_, i) => pyInt(1000 + i)) };
  }
}
