/**
 * The pickler's rules, pinned with bytes printed by CPython 3.11's pickle.dumps, plus
 * properties over random value graphs (fast-check drives the seeds).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OP,
  PY_NONE,
  disassemble,
  globalError,
  literalSource,
  literalValue,
  lit,
  longBytes,
  pickleDumps,
  pickleError,
  pickledSize,
  pyBytes,
  pyClass,
  pyDict,
  pyFunction,
  pyGenerator,
  pyInstance,
  pyInt,
  pyLambda,
  pyList,
  pyLiteral,
  pyLocalFunction,
  pyPartial,
  pyProcessLock,
  pyStr,
  pyTextFile,
  pyThreadLock,
  pyTuple,
  pyZeroBytes,
  type PyValue,
} from '@/lib/sim/pool';
import { createRng } from '@/lib/sim/rng';
import { bigValue, randomValue } from './python-values';

const hex = (v: PyValue, p: 4 | 5 = 4): string => {
  const r = pickleDumps(v, p);
  if (!r.ok) throw new Error(r.error.message);
  return Buffer.from(r.bytes).toString('hex');
};
const py = (s: string): string => Buffer.from(s, 'latin1').toString('hex');

describe('bytes CPython 3.11 writes (pinned from pickle.dumps)', () => {
  it('atoms: no frame under 4 bytes of body, a 9-byte FRAME from 4 on', () => {
    expect(hex(PY_NONE)).toBe(py('\x80\x04N.'));
    expect(hex(pyInt(1))).toBe(py('\x80\x04K\x01.'));
    expect(hex(pyInt(1000))).toBe(py('\x80\x04\x95\x04\x00\x00\x00\x00\x00\x00\x00M\xe8\x03.'));
    expect(hex(pyInt(-1))).toBe(py('\x80\x04\x95\x06\x00\x00\x00\x00\x00\x00\x00J\xff\xff\xff\xff.'));
    expect(hex(pyInt(2n ** 31n))).toBe(py('\x80\x04\x95\x08\x00\x00\x00\x00\x00\x00\x00\x8a\x05\x00\x00\x00\x80\x00.'));
    expect(hex(pyInt(-(2n ** 31n) - 1n))).toBe(py('\x80\x04\x95\x08\x00\x00\x00\x00\x00\x00\x00\x8a\x05\xff\xff\xff\x7f\xff.'));
  });

  it('instances: class by reference, EMPTY_TUPLE, NEWOBJ, __dict__, BUILD (no BUILD when empty)', () => {
    const P = pyClass('__main__', 'P');
    expect(hex(pyInstance(P, [['x', pyInt(1)], ['y', pyInt(2)]]))).toBe(
      py('\x80\x04\x95&\x00\x00\x00\x00\x00\x00\x00\x8c\x08__main__\x94\x8c\x01P\x94\x93\x94)\x81\x94}\x94(\x8c\x01x\x94K\x01\x8c\x01y\x94K\x02ub.'),
    );
    expect(hex(pyInstance(pyClass('__main__', 'E'), []))).toBe(py('\x80\x04\x95\x15\x00\x00\x00\x00\x00\x00\x00\x8c\x08__main__\x94\x8c\x01E\x94\x93\x94)\x81\x94.'));
  });

  it('functools.partial: REDUCE then the (func, args, kwargs, None) state, the function a memo reference', () => {
    const square = pyFunction('__main__', 'square');
    expect(hex(pyPartial(square, [pyInt(2)]))).toBe(
      py(
        '\x80\x04\x95@\x00\x00\x00\x00\x00\x00\x00\x8c\tfunctools\x94\x8c\x07partial\x94\x93\x94\x8c\x08__main__\x94\x8c\x06square\x94\x93\x94\x85\x94R\x94(h\x05K\x02\x85\x94}\x94Nt\x94b.',
      ),
    );
  });

  it('the same function twice is a BINGET; a module-level function is module + qualname', () => {
    const square = pyFunction('__main__', 'square');
    expect(hex(pyList([square, square, pyStr('f')]))).toBe(
      py('\x80\x04\x95!\x00\x00\x00\x00\x00\x00\x00]\x94(\x8c\x08__main__\x94\x8c\x06square\x94\x93\x94h\x03\x8c\x01f\x94e.'),
    );
    expect(hex(pyFunction('math', 'sqrt'))).toBe(py('\x80\x04\x95\x11\x00\x00\x00\x00\x00\x00\x00\x8c\x04math\x94\x8c\x04sqrt\x94\x93\x94.'));
  });

  it('bytearray: BYTEARRAY8 in protocol 5, a reduce to builtins.bytearray in protocol 4', () => {
    const ba: PyValue = { kind: 'bytearray', data: new Uint8Array([0x61, 0x62]) };
    expect(hex(ba, 5)).toBe(py('\x80\x05\x95\r\x00\x00\x00\x00\x00\x00\x00\x96\x02\x00\x00\x00\x00\x00\x00\x00ab\x94.'));
    expect(hex({ kind: 'bytearray', data: new Uint8Array([0x61]) }, 4)).toBe(
      py('\x80\x04\x95"\x00\x00\x00\x00\x00\x00\x00\x8c\x08builtins\x94\x8c\tbytearray\x94\x93\x94C\x01a\x94\x85\x94R\x94.'),
    );
  });

  it("singletons: b'', 1-character latin-1 strs and () are shared; () is never memoized", () => {
    const v = pyList([
      { kind: 'bytes', data: new Uint8Array(0) },
      { kind: 'bytes', data: new Uint8Array(0) },
      pyStr('a'),
      pyStr('a'),
      pyTuple([]),
      pyTuple([]),
    ]);
    expect(hex(v)).toBe(py('\x80\x04\x95\x12\x00\x00\x00\x00\x00\x00\x00]\x94(C\x00\x94h\x01\x8c\x01a\x94h\x02))e.'));
  });

  it('sizes of batches: dicts and sets get an empty MARK … at exactly 1000 items, lists do not', () => {
    const dict = (n: number) => pyDict(Array.from({ length: n }, (_, i) => [pyInt(i), pyInt(i)] as const));
    expect(pickledSize(dict(999))).toBe(5498);
    expect(pickledSize(dict(1000))).toBe(5506);
    expect(pickledSize(dict(1001))).toBe(5512);
    const list = (n: number) => pyList(Array.from({ length: n }, (_, i) => pyInt(i)));
    expect(pickledSize(list(1000))).toBe(2760);
    expect(pickledSize(list(1001))).toBe(2765);
    const set = (n: number): PyValue => ({ kind: 'set', items: Array.from({ length: n }, (_, i) => pyInt(i)) });
    expect(pickledSize(set(999))).toBe(2757);
    expect(pickledSize(set(1000))).toBe(2762);
  });

  it('frames: a frame is committed when the next object starts at 64 KiB or more', () => {
    const floats = (n: number) => pyList(Array.from({ length: n }, (_, i) => ({ kind: 'float', value: i }) as PyValue));
    expect(pickledSize(floats(7280))).toBe(65550);
    expect(pickledSize(floats(7281))).toBe(65568);
    const r = pickleDumps(floats(20000));
    const frames = r.ok ? disassemble(r.bytes).filter((o) => o.name === 'FRAME').map((o) => o.offset) : [];
    expect(frames).toEqual([2, 65548, 131100]);
  });
});

describe('what cannot be pickled, and the exception CPython raises', () => {
  const error = (v: PyValue) => {
    const r = pickleDumps(v);
    return r.ok ? null : `${r.error.qualifiedType}: ${r.error.message}`;
  };
  it('functions by reference only', () => {
    expect(error(pyLambda())).toBe("_pickle.PicklingError: Can't pickle <function <lambda> at 0x...>: attribute lookup <lambda> on __main__ failed");
    expect(error(pyLocalFunction('__main__', 'outer', 'inner'))).toBe("AttributeError: Can't pickle local object 'outer.<locals>.inner'");
    expect(error(pyLambda('__main__', 'main'))).toBe("AttributeError: Can't pickle local object 'main.<locals>.<lambda>'");
    expect(globalError(pyFunction('__main__', 'work'))).toBeNull();
  });
  it('objects without pickling support', () => {
    expect(error(pyThreadLock())).toBe("TypeError: cannot pickle '_thread.lock' object");
    expect(error(pyTextFile())).toBe("TypeError: cannot pickle '_io.TextIOWrapper' object");
    expect(error(pyGenerator())).toBe("TypeError: cannot pickle 'generator' object");
    expect(error(pyProcessLock())).toBe('RuntimeError: Lock objects should only be shared between processes through inheritance');
  });
  it('the first failing object in pickling order decides (left to right)', () => {
    expect(error(pyTuple([pyLambda(), pyThreadLock()]))).toMatch(/^_pickle.PicklingError/);
    expect(error(pyTuple([pyThreadLock(), pyLambda()]))).toMatch(/^TypeError/);
    expect(error(pyPartial(pyLambda(), [pyInt(1)]))).toMatch(/^_pickle.PicklingError/);
  });

  it('pickleError (no bytes written) names the same exception as pickling, or none', () => {
    const bad = (rng: ReturnType<typeof createRng>): PyValue =>
      rng.pick<() => PyValue>([pyLambda, pyThreadLock, pyGenerator, pyTextFile, () => pyProcessLock('Lock'), () => pyLocalFunction('__main__', 'main', 'f'), () => pyPartial(pyLambda(), [pyInt(1)])])();
    /** A random value with unpicklable objects slipped in here and there. */
    const spoil = (rng: ReturnType<typeof createRng>, v: PyValue): PyValue => {
      if (rng.bool(0.1)) return bad(rng);
      switch (v.kind) {
        case 'list':
        case 'tuple':
          return { ...v, items: v.items.map((x) => spoil(rng, x)) };
        case 'dict':
          return { ...v, entries: v.entries.map(([k, x]) => [k, spoil(rng, x)] as const) };
        default:
          return v;
      }
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (seed) => {
        const rng = createRng(seed);
        const v = spoil(rng, randomValue(rng, 4, [], { allowSets: true }));
        const r = pickleDumps(v);
        expect(pickleError(v)).toEqual(r.ok ? null : r.error);
      }),
      { numRuns: 400 },
    );
  });
});

describe('LONG1 bytes (save_long)', () => {
  it('drops a redundant sign byte only for -(2**(8k-1))', () => {
    expect([...longBytes(-128n)]).toEqual([0x80]);
    expect([...longBytes(-129n)]).toEqual([0x7f, 0xff]);
    expect([...longBytes(255n)]).toEqual([0xff, 0x00]);
    expect([...longBytes(-(2n ** 39n))]).toEqual([0, 0, 0, 0, 0x80]);
    expect(longBytes(0n).length).toBe(0);
  });
  it('round-trips through the disassembler for any int', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }), (v) => {
        const r = pickleDumps(pyInt(v));
        if (!r.ok) return false;
        const op = disassemble(r.bytes).find((o) => !['PROTO', 'FRAME', 'STOP'].includes(o.name));
        return op !== undefined && (op.arg === v.toString() || op.arg.endsWith('…'));
      }),
    );
  });
});

describe('properties over random value graphs', () => {
  const values = fc.integer({ min: 0, max: 2 ** 31 }).map((seed) => randomValue(createRng(seed), 3, [], { allowSets: true }));

  it('size-only pickling gives exactly the length of the full pickle', () => {
    fc.assert(
      fc.property(values, (v) => {
        const full = pickleDumps(v);
        const size = pickleDumps(v, 4, { sizeOnly: true });
        return full.ok && size.ok && full.bytes.length === size.size && size.bytes.length === 0;
      }),
      { numRuns: 300 },
    );
  });

  it('size-only pickling is exact for big values too (frames, out-of-frame payloads, batches)', () => {
    const rng = createRng(77);
    for (let i = 0; i < 30; i++) {
      const v = bigValue(rng, { allowSets: true });
      const full = pickleDumps(v);
      const size = pickleDumps(v, 4, { sizeOnly: true });
      expect(full.ok && size.ok && full.bytes.length === size.size).toBe(true);
    }
  });

  it('bytes(n) nodes viewing the one zero buffer pickle as fresh zero bytes do, also after the buffer grows', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 70_000 }), { minLength: 1, maxLength: 6 }), (sizes) => {
        const shared = sizes.map((n) => pyZeroBytes(n));
        pyZeroBytes(Math.max(...sizes) * 2 + 1);
        expect(hex(pyList(shared))).toBe(hex(pyList(sizes.map((n) => pyBytes(new Uint8Array(n))))));
      }),
      { numRuns: 40 },
    );
  });

  it('the disassembly covers every byte: PROTO first, STOP last, sizes add up', () => {
    fc.assert(
      fc.property(values, fc.constantFrom(4 as const, 5 as const), (v, p) => {
        const r = pickleDumps(v, p);
        if (!r.ok) return false;
        const ops = disassemble(r.bytes);
        const sum = ops.reduce((n, o) => n + o.size, 0);
        return ops[0]?.name === 'PROTO' && ops[ops.length - 1]?.name === 'STOP' && sum === r.bytes.length && r.bytes[1] === p;
      }),
      { numRuns: 300 },
    );
  });

  it('every BINGET refers to an index already memoized', () => {
    fc.assert(
      fc.property(values, (v) => {
        const r = pickleDumps(v);
        if (!r.ok) return false;
        let memo = 0;
        return disassemble(r.bytes).every((o) => {
          if (o.name === 'MEMOIZE') memo++;
          return o.name !== 'BINGET' && o.name !== 'LONG_BINGET' ? true : Number(o.arg) < memo;
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a repeated object costs a 2-byte BINGET, an equal copy costs its full size again', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 40 }), fc.integer({ min: 2, max: 30 }), (text, n) => {
        const one = pyStr(text);
        const shared = pickledSize(pyList(Array.from({ length: n }, () => one)));
        const copies = pickledSize(pyList(Array.from({ length: n }, () => pyStr(text))));
        const single = pickledSize(pyList([one, one]));
        return shared === single + 2 * (n - 2) && copies >= shared;
      }),
    );
  });
});

describe('literals', () => {
  it('equal str literals and tuples of constants are one object; lists are not', () => {
    const l = lit.list([lit.str('안녕'), lit.tuple([lit.int(1), lit.int(2)]), lit.str('안녕'), lit.tuple([lit.int(1), lit.int(2)]), lit.list([lit.int(1)]), lit.list([lit.int(1)])]);
    expect(literalSource(l)).toBe('["안녕", (1, 2), "안녕", (1, 2), [1], [1]]');
    const r = pickleDumps(literalValue(l));
    const gets = r.ok ? disassemble(r.bytes).filter((o) => o.name === 'BINGET').length : -1;
    expect(gets).toBe(2);
    expect(literalValue(lit.str('x'))).toEqual(pyLiteral('x'));
  });
  it('floats print as Python floats', () => {
    expect(literalSource(lit.tuple([lit.float(3), lit.float(0.5), lit.none(), lit.bool(true)]))).toBe('(3.0, 0.5, None, True)');
    expect(literalSource(lit.tuple([lit.int(7)]))).toBe('(7,)');
    expect(literalSource(lit.bytes([0x61, 0x00, 0x22]))).toBe('b"a\\x00\\x22"');
  });
  it('opcode table is consistent', () => {
    expect(new Set(Object.values(OP)).size).toBe(Object.values(OP).length);
  });
});
