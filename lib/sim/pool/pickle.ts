/**
 * A pickler that writes the same bytes as CPython 3.11's C pickler (`Modules/_pickle.c`,
 * used by `pickle.dumps` and by multiprocessing's `ForkingPickler`) for protocols 4 and 5,
 * so sizes are exact, not estimated. What it reproduces:
 *
 * - `PROTO p` first (outside any frame), `STOP` last.
 * - Framing (protocol ≥ 4): output is cut into frames; a frame is committed at the first
 *   opcode boundary after it reaches 64 KiB (`FRAME_SIZE_TARGET`), and a frame shorter
 *   than 4 bytes loses its 9-byte `FRAME` header. A str/bytes payload of ≥ 64 KiB is
 *   written outside any frame (`_Pickler_write_bytes`).
 * - Memoization: every str, bytes, non-empty tuple, list, dict, set, global and reduced
 *   object gets `MEMOIZE` after it is written; the same object again is `BINGET i`
 *   (2 bytes, i < 256) or `LONG_BINGET i` (5 bytes). None, bools, ints and floats are
 *   never memoized.
 * - ints: `BININT1` (0…255), `BININT2` (256…65535), `BININT` (other signed 32-bit),
 *   otherwise `LONG1`/`LONG4` with the minimal two's-complement little-endian bytes.
 * - floats: `BINFLOAT` (8 bytes, big-endian IEEE-754).
 * - str: UTF-8 with `SHORT_BINUNICODE` (≤ 255 bytes), `BINUNICODE`, `BINUNICODE8`.
 * - bytes: `SHORT_BINBYTES`, `BINBYTES`, `BINBYTES8`; bytearray: `BYTEARRAY8` (protocol 5)
 *   or a reduce to `builtins.bytearray` (protocol 4).
 * - lists: `EMPTY_LIST`, then one `APPEND` for one item, else `MARK … APPENDS` per batch of
 *   1000 items; dicts: `EMPTY_DICT`, one `SETITEM`, else `MARK … SETITEMS` per 1000 — and a
 *   trailing empty `MARK SETITEMS` when the size is a multiple of 1000 (`batch_dict_exact`
 *   loops `while (i == BATCHSIZE)`); sets the same with `ADDITEMS`; frozensets
 *   `MARK … FROZENSET`.
 * - tuples: `EMPTY_TUPLE`, `TUPLE1`–`TUPLE3`, else `MARK … TUPLE`.
 * - functions and classes by reference: module name and qualname as memoized strings,
 *   then `STACK_GLOBAL` (`save_global`); a qualname with `<locals>` raises
 *   `AttributeError: Can't pickle local object …`, a name the module does not have (a
 *   lambda) raises `PicklingError: … attribute lookup … failed`.
 * - instances of plain classes: class, `EMPTY_TUPLE`, `NEWOBJ`, then `__dict__` and `BUILD`.
 */
import { utf8Encode, utf8Length, type PyException, type PyGlobal, type PyTuple, type PyValue } from './values';

export type Protocol = 4 | 5;

/** The default protocol of Python 3.8–3.13, and what multiprocessing uses. */
export const DEFAULT_PROTOCOL: Protocol = 4;
export const FRAME_SIZE_TARGET = 64 * 1024;
const FRAME_SIZE_MIN = 4;
const FRAME_HEADER_SIZE = 9;
export const BATCHSIZE = 1000;

/** Opcode bytes (Lib/pickle.py names). */
export const OP = {
  MARK: 0x28, // (
  STOP: 0x2e, // .
  BININT: 0x4a, // J
  BININT1: 0x4b, // K
  BININT2: 0x4d, // M
  NONE: 0x4e, // N
  REDUCE: 0x52, // R
  BINUNICODE: 0x58, // X
  APPEND: 0x61, // a
  BUILD: 0x62, // b
  EMPTY_DICT: 0x7d, // }
  APPENDS: 0x65, // e
  BINGET: 0x68, // h
  LONG_BINGET: 0x6a, // j
  EMPTY_LIST: 0x5d, // ]
  SETITEM: 0x73, // s
  TUPLE: 0x74, // t
  SETITEMS: 0x75, // u
  BINFLOAT: 0x47, // G
  EMPTY_TUPLE: 0x29, // )
  PROTO: 0x80,
  NEWOBJ: 0x81,
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  NEWTRUE: 0x88,
  NEWFALSE: 0x89,
  LONG1: 0x8a,
  LONG4: 0x8b,
  SHORT_BINBYTES: 0x43, // C
  BINBYTES: 0x42, // B
  SHORT_BINUNICODE: 0x8c,
  BINUNICODE8: 0x8d,
  BINBYTES8: 0x8e,
  EMPTY_SET: 0x8f,
  ADDITEMS: 0x90,
  FROZENSET: 0x91,
  STACK_GLOBAL: 0x93,
  MEMOIZE: 0x94,
  FRAME: 0x95,
  BYTEARRAY8: 0x96,
} as const;

/** Raised inside the pickler to abort with the Python exception CPython would raise. */
class PickleAbort {
  constructor(readonly error: PyException) {}
}

export type PickleResult =
  | {
      readonly ok: true;
      /** The pickle (empty when only the size was asked for). */
      readonly bytes: Uint8Array;
      readonly size: number;
    }
  | { readonly ok: false; readonly error: PyException };

export interface PickleOptions {
  /** Compute the exact size without keeping the bytes (fast for big payloads). */
  readonly sizeOnly?: boolean;
}

/** What a size-only pickle returns as its bytes. */
const NO_BYTES = new Uint8Array(0);

/** The pickler's output: the bytes (unless only the size is wanted) and the framing state. */
class Output {
  /** The bytes so far; null when only the size is kept. */
  private buf: Uint8Array | null;
  len = 0;
  framing = false;
  frameStart = -1;

  constructor(readonly sizeOnly = false) {
    this.buf = sizeOnly ? null : new Uint8Array(256);
  }

  /** Room for `n` more bytes (only when keeping bytes). */
  private ensure(n: number): Uint8Array {
    const buf = this.buf as Uint8Array;
    if (this.len + n <= buf.length) return buf;
    let cap = buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(buf.subarray(0, this.len));
    this.buf = next;
    return next;
  }

  /**
   * `_Pickler_Write` of `n` bytes: opens a frame (9 placeholder bytes) when framing and
   * none is open, and returns where the `n` bytes go (-1 when only counting).
   */
  private reserve(n: number): number {
    const newFrame = this.framing && this.frameStart === -1;
    const header = newFrame ? FRAME_HEADER_SIZE : 0;
    if (this.sizeOnly) {
      if (newFrame) this.frameStart = this.len;
      this.len += header + n;
      return -1;
    }
    const buf = this.ensure(n + header);
    if (newFrame) {
      this.frameStart = this.len;
      buf.fill(0xfe, this.len, this.len + FRAME_HEADER_SIZE);
    }
    const at = this.len + header;
    this.len = at + n;
    return at;
  }

  write(data: ArrayLike<number>): void {
    const at = this.reserve(data.length);
    if (at >= 0) (this.buf as Uint8Array).set(data, at);
  }

  byte(b: number): void {
    const at = this.reserve(1);
    if (at >= 0) (this.buf as Uint8Array)[at] = b;
  }

  byte2(b0: number, b1: number): void {
    const at = this.reserve(2);
    if (at < 0) return;
    const buf = this.buf as Uint8Array;
    buf[at] = b0;
    buf[at + 1] = b1;
  }

  /** An opcode followed by a 4-byte little-endian unsigned int. */
  byteU32(op: number, n: number): void {
    const at = this.reserve(5);
    if (at < 0) return;
    const buf = this.buf as Uint8Array;
    buf[at] = op;
    buf[at + 1] = n & 0xff;
    buf[at + 2] = (n >>> 8) & 0xff;
    buf[at + 3] = (n >>> 16) & 0xff;
    buf[at + 4] = (n >>> 24) & 0xff;
  }

  /** `_Pickler_CommitFrame`: fills in the header, or drops it for a frame under 4 bytes. */
  commitFrame(): void {
    if (!this.framing || this.frameStart === -1) return;
    const frameLen = this.len - this.frameStart - FRAME_HEADER_SIZE;
    if (this.buf === null) {
      if (frameLen < FRAME_SIZE_MIN) this.len -= FRAME_HEADER_SIZE;
    } else if (frameLen >= FRAME_SIZE_MIN) {
      this.buf[this.frameStart] = OP.FRAME;
      this.buf.set(u64le(frameLen), this.frameStart + 1);
    } else {
      this.buf.copyWithin(this.frameStart, this.frameStart + FRAME_HEADER_SIZE, this.len);
      this.len -= FRAME_HEADER_SIZE;
    }
    this.frameStart = -1;
  }

  /** `_Pickler_OpcodeBoundary`: ends the frame once it holds 64 KiB or more. */
  opcodeBoundary(): void {
    if (!this.framing || this.frameStart === -1) return;
    if (this.len - this.frameStart - FRAME_HEADER_SIZE >= FRAME_SIZE_TARGET) this.commitFrame();
  }

  /** `_Pickler_write_bytes`: a payload of 64 KiB or more goes outside any frame. */
  writePayload(header: ArrayLike<number>, data: Uint8Array | number): void {
    const length = typeof data === 'number' ? data : data.length;
    const bypass = length >= FRAME_SIZE_TARGET;
    const framing = this.framing;
    if (bypass) {
      this.commitFrame();
      this.framing = false;
    }
    this.write(header);
    if (typeof data === 'number') {
      if (!this.sizeOnly) throw new Error('a payload length alone is only allowed when counting sizes');
      this.len += data;
    } else this.write(data);
    this.framing = framing;
  }

  bytes(): Uint8Array {
    return this.buf === null ? NO_BYTES : this.buf.slice(0, this.len);
  }
}

function u32le(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

function u64le(n: number): number[] {
  const lo = n % 0x1_0000_0000;
  const hi = Math.floor(n / 0x1_0000_0000);
  return [...u32le(lo), ...u32le(hi)];
}

/**
 * Minimal two's-complement little-endian bytes of a nonzero int, as `save_long` computes
 * them: `nbits // 8 + 1` bytes, one fewer for a negative int whose top byte would be a
 * redundant 0xff (e.g. -128 is `80`, not `80 ff`).
 */
export function longBytes(v: bigint): Uint8Array {
  if (v === 0n) return new Uint8Array(0);
  const abs = v < 0n ? -v : v;
  const nbits = abs.toString(2).length;
  let nbytes = Math.floor(nbits / 8) + 1;
  const mod = 1n << BigInt(8 * nbytes);
  let tc = v < 0n ? mod + v : v;
  const out = new Uint8Array(nbytes);
  for (let i = 0; i < nbytes; i++) {
    out[i] = Number(tc & 0xffn);
    tc >>= 8n;
  }
  if (v < 0n && nbytes > 1 && out[nbytes - 1] === 0xff && ((out[nbytes - 2] ?? 0) & 0x80) !== 0) nbytes--;
  return out.slice(0, nbytes);
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/**
 * The key of a value in the pickler's memo, which is keyed by object identity. Most nodes
 * are their own object (keyed by the node). Objects CPython shares are one object for
 * several nodes, named by a string: `''` and a run-time 1-character latin-1 str by their
 * text (cached singletons — but an interned literal of that character may be another
 * object, so a node with a `shared` key keeps that key), a str, bytes or tuple literal by
 * its `shared` key, `b''` and 1-byte bytes by their byte, and a global by module, name and
 * lookup.
 */
function memoKey(v: PyValue): PyValue | string {
  switch (v.kind) {
    case 'str':
      if (v.value.length === 0 || (v.shared === undefined && v.value.length === 1 && v.value.charCodeAt(0) < 256)) return `char:${v.value}`;
      return v.shared !== undefined ? `str:${v.shared}` : v;
    case 'bytes':
      if (v.data.length <= 1) return `byte:${v.data[0] ?? -1}`;
      return v.shared !== undefined ? `bytes:${v.shared}` : v;
    case 'tuple':
      return v.shared !== undefined ? `tuple:${v.shared}` : v;
    case 'global':
      return `global:${v.module}:${v.qualname}:${v.lookup}`;
    default:
      return v;
  }
}

/** The str objects save_global writes: a module's `__name__` is one object per module. */
const moduleName = (g: PyGlobal): PyValue => ({ kind: 'str', value: g.module, shared: g.moduleKey ?? `module:${g.module}` });
/** A qualname made of name characters is interned, so it is the same object as an equal literal. */
const qualName = (qualname: string): PyValue => ({
  kind: 'str',
  value: qualname,
  shared: /^[A-Za-z0-9_]+$/.test(qualname) ? `lit:${qualname}` : `qualname:${qualname}`,
});

class Pickler {
  readonly out: Output;
  readonly memo = new Map<PyValue | string, number>();

  constructor(
    readonly proto: Protocol,
    sizeOnly = false,
  ) {
    this.out = new Output(sizeOnly);
  }

  dump(v: PyValue): Uint8Array {
    this.out.byte2(OP.PROTO, this.proto);
    this.out.framing = true;
    this.save(v);
    this.out.byte(OP.STOP);
    this.out.commitFrame();
    this.out.framing = false;
    return this.out.bytes();
  }

  private memoPut(v: PyValue): void {
    this.memo.set(memoKey(v), this.memo.size);
    this.out.byte(OP.MEMOIZE);
  }

  private memoGet(index: number): void {
    if (index < 256) this.out.byte2(OP.BINGET, index);
    else this.out.byteU32(OP.LONG_BINGET, index);
  }

  /** `save()`: every object starts at an opcode boundary, where a full frame is committed. */
  save(v: PyValue): void {
    this.out.opcodeBoundary();
    this.saveInner(v);
  }

  private saveInner(v: PyValue): void {
    switch (v.kind) {
      case 'none':
        this.out.byte(OP.NONE);
        return;
      case 'bool':
        this.out.byte(v.value ? OP.NEWTRUE : OP.NEWFALSE);
        return;
      case 'int':
        this.saveLong(v.value);
        return;
      case 'float': {
        const b = new Uint8Array(9);
        b[0] = OP.BINFLOAT;
        new DataView(b.buffer).setFloat64(1, v.value, false);
        this.out.write(b);
        return;
      }
      default:
        break;
    }
    const seen = this.memo.get(memoKey(v));
    if (seen !== undefined) {
      this.memoGet(seen);
      return;
    }
    switch (v.kind) {
      case 'str': {
        const data = this.out.sizeOnly ? utf8Length(v.value) : utf8Encode(v.value);
        const n = typeof data === 'number' ? data : data.length;
        const header = n <= 0xff ? [OP.SHORT_BINUNICODE, n] : n <= 0xffff_ffff ? [OP.BINUNICODE, ...u32le(n)] : [OP.BINUNICODE8, ...u64le(n)];
        this.out.writePayload(header, data);
        this.memoPut(v);
        return;
      }
      case 'bytes': {
        const n = v.data.length;
        const header = n <= 0xff ? [OP.SHORT_BINBYTES, n] : n <= 0xffff_ffff ? [OP.BINBYTES, ...u32le(n)] : [OP.BINBYTES8, ...u64le(n)];
        this.out.writePayload(header, v.data);
        this.memoPut(v);
        return;
      }
      case 'bytearray': {
        if (this.proto >= 5) {
          this.out.writePayload([OP.BYTEARRAY8, ...u64le(v.data.length)], v.data);
          this.memoPut(v);
          return;
        }
        // bytearray.__reduce_ex__(4) == (bytearray, (bytes(self),)), or (bytearray, ()) when empty.
        const args: PyValue = { kind: 'tuple', items: v.data.length === 0 ? [] : [{ kind: 'bytes', data: v.data }] };
        this.save({ kind: 'global', module: 'builtins', qualname: 'bytearray', lookup: 'same', repr: "<class 'bytearray'>", moduleKey: 'lit:builtins' });
        this.save(args);
        this.out.byte(OP.REDUCE);
        this.memoPut(v);
        return;
      }
      case 'tuple':
        this.saveTuple(v);
        return;
      case 'list':
        this.out.byte(OP.EMPTY_LIST);
        this.memoPut(v);
        this.batchList(v.items);
        return;
      case 'dict':
        this.out.byte(OP.EMPTY_DICT);
        this.memoPut(v);
        this.batchDict(v.entries);
        return;
      case 'set':
        this.out.byte(OP.EMPTY_SET);
        this.memoPut(v);
        if (v.items.length > 0) this.batchSet(v.items);
        return;
      case 'frozenset': {
        this.out.byte(OP.MARK);
        for (const item of v.items) this.save(item);
        // A frozenset that contains itself cannot be built, so no recursion check is needed.
        this.out.byte(OP.FROZENSET);
        this.memoPut(v);
        return;
      }
      case 'global':
        this.saveGlobal(v);
        return;
      case 'instance': {
        // object.__reduce_ex__(4) -> (copyreg.__newobj__, (cls,), state): NEWOBJ path.
        this.save(v.cls);
        this.save({ kind: 'tuple', items: [] });
        this.out.byte(OP.NEWOBJ);
        this.memoPut(v);
        if (v.state) {
          this.save(v.state);
          this.out.byte(OP.BUILD);
        }
        return;
      }
      case 'reduce':
        this.save(v.callable);
        this.save(v.args);
        this.out.byte(OP.REDUCE);
        this.memoPut(v);
        if (v.state !== undefined && v.state.kind !== 'none') {
          this.save(v.state);
          this.out.byte(OP.BUILD);
        }
        return;
      case 'opaque':
        throw new PickleAbort(v.error);
    }
  }

  private saveLong(value: bigint): void {
    if (value >= INT32_MIN && value <= INT32_MAX) {
      const n = Number(value);
      if (n >= 0 && n <= 0xff) this.out.byte2(OP.BININT1, n);
      else if (n >= 0 && n <= 0xffff) this.out.write([OP.BININT2, n & 0xff, n >> 8]);
      else this.out.byteU32(OP.BININT, n >>> 0);
      return;
    }
    const data = longBytes(value);
    if (data.length < 256) this.out.byte2(OP.LONG1, data.length);
    else this.out.byteU32(OP.LONG4, data.length);
    this.out.write(data);
  }

  private saveTuple(v: PyTuple): void {
    const items = v.items;
    const n = items.length;
    if (n === 0) {
      this.out.byte(OP.EMPTY_TUPLE);
      return;
    }
    if (n <= 3) {
      for (const item of items) this.save(item);
      this.out.byte(n === 1 ? OP.TUPLE1 : n === 2 ? OP.TUPLE2 : OP.TUPLE3);
    } else {
      this.out.byte(OP.MARK);
      for (const item of items) this.save(item);
      this.out.byte(OP.TUPLE);
    }
    this.memoPut(v);
  }

  /** `batch_list_exact`: one APPEND for a single item, else MARK … APPENDS per 1000. */
  private batchList(items: readonly PyValue[]): void {
    if (items.length === 0) return;
    if (items.length === 1) {
      this.save(items[0] as PyValue);
      this.out.byte(OP.APPEND);
      return;
    }
    let total = 0;
    do {
      this.out.byte(OP.MARK);
      let batch = 0;
      while (total < items.length) {
        this.save(items[total] as PyValue);
        total++;
        if (++batch === BATCHSIZE) break;
      }
      this.out.byte(OP.APPENDS);
    } while (total < items.length);
  }

  /** `batch_dict_exact`: note the do/while on a full batch (an empty last batch at 1000·k). */
  private batchDict(entries: readonly (readonly [PyValue, PyValue])[]): void {
    if (entries.length === 0) return;
    if (entries.length === 1) {
      const [k, val] = entries[0] as readonly [PyValue, PyValue];
      this.save(k);
      this.save(val);
      this.out.byte(OP.SETITEM);
      return;
    }
    let pos = 0;
    let i: number;
    do {
      i = 0;
      this.out.byte(OP.MARK);
      while (pos < entries.length) {
        const [k, val] = entries[pos++] as readonly [PyValue, PyValue];
        this.save(k);
        this.save(val);
        if (++i === BATCHSIZE) break;
      }
      this.out.byte(OP.SETITEMS);
    } while (i === BATCHSIZE);
  }

  /** `save_set`: MARK … ADDITEMS per 1000, same do/while as dicts. */
  private batchSet(items: readonly PyValue[]): void {
    let pos = 0;
    let i: number;
    do {
      i = 0;
      this.out.byte(OP.MARK);
      while (pos < items.length) {
        this.save(items[pos++] as PyValue);
        if (++i === BATCHSIZE) break;
      }
      this.out.byte(OP.ADDITEMS);
    } while (i === BATCHSIZE);
  }

  /** `save_global` for protocol ≥ 4. */
  private saveGlobal(g: PyGlobal): void {
    const error = globalError(g);
    if (error) throw new PickleAbort(error);
    this.save(moduleName(g));
    this.save(qualName(g.qualname));
    this.out.byte(OP.STACK_GLOBAL);
    this.memoPut(g);
  }
}

/**
 * The exception `save_global` raises for a function or class it cannot reference, or null:
 * `get_dotted_path` refuses a qualname with a `<locals>` part (AttributeError), then the
 * module attribute lookup must find the very same object (PicklingError otherwise).
 */
export function globalError(g: PyGlobal): PyException | null {
  if (g.qualname.split('.').includes('<locals>')) {
    return { type: 'AttributeError', qualifiedType: 'AttributeError', message: `Can't pickle local object '${g.qualname}'` };
  }
  if (g.lookup === 'missing') {
    return {
      type: 'PicklingError',
      qualifiedType: '_pickle.PicklingError',
      message: `Can't pickle ${g.repr}: attribute lookup ${g.qualname} on ${g.module} failed`,
    };
  }
  if (g.lookup === 'other') {
    return {
      type: 'PicklingError',
      qualifiedType: '_pickle.PicklingError',
      message: `Can't pickle ${g.repr}: it's not the same object as ${g.module}.${g.qualname}`,
    };
  }
  return null;
}

/**
 * `pickle.dumps(value, protocol)` as CPython 3.11 computes it (see the module comment),
 * or the exception it raises for an unpicklable object.
 */
export function pickleDumps(value: PyValue, protocol: Protocol = DEFAULT_PROTOCOL, options: PickleOptions = {}): PickleResult {
  try {
    const p = new Pickler(protocol, options.sizeOnly);
    const bytes = p.dump(value);
    return { ok: true, bytes, size: p.out.len };
  } catch (e) {
    if (e instanceof PickleAbort) return { ok: false, error: e.error };
    throw e;
  }
}

/**
 * The exception `pickle.dumps(value)` raises, or null when it pickles: the same answer as
 * `pickleDumps(value)` (the first unpicklable object in pickling order, depth first, left
 * to right), without writing anything. The protocol does not matter: nothing that differs
 * between protocols 4 and 5 can fail.
 */
export function pickleError(value: PyValue): PyException | null {
  // Containers already walked are not walked again (pickle writes a memo reference then).
  const seen = new Set<PyValue>();
  const walk = (v: PyValue): PyException | null => {
    switch (v.kind) {
      case 'opaque':
        return v.error;
      case 'global':
        return globalError(v);
      case 'list':
      case 'tuple':
      case 'set':
      case 'frozenset':
      case 'dict':
      case 'instance':
      case 'reduce': {
        if (seen.has(v)) return null;
        seen.add(v);
        if (v.kind === 'dict') {
          for (const [k, x] of v.entries) {
            const e = walk(k) ?? walk(x);
            if (e) return e;
          }
          return null;
        }
        if (v.kind === 'instance') return walk(v.cls) ?? (v.state ? walk(v.state) : null);
        if (v.kind === 'reduce') return walk(v.callable) ?? walk(v.args) ?? (v.state !== undefined && v.state.kind !== 'none' ? walk(v.state) : null);
        for (const x of v.items) {
          const e = walk(x);
          if (e) return e;
        }
        return null;
      }
      default:
        // None, bools, numbers, str, bytes, bytearray (reduced to builtins.bytearray, which pickles).
        return null;
    }
  };
  return walk(value);
}

/** `len(pickle.dumps(value, protocol))`; throws (a programmer error) if it is unpicklable. */
export function pickledSize(value: PyValue, protocol: Protocol = DEFAULT_PROTOCOL): number {
  const r = pickleDumps(value, protocol, { sizeOnly: true });
  if (!r.ok) throw new Error(`value is not picklable: ${r.error.type}: ${r.error.message}`);
  return r.size;
}
