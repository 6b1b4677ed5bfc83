/** Pool message model: chunking rules and message shapes, as properties and pinned cases. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MESSAGE_HEADER_BYTES,
  chunkCount,
  defaultChunksize,
  disassemble,
  effectiveChunksize,
  pyFunction,
  pyInt,
  pyLambda,
  pyLiteral,
  pyStr,
  pyThreadLock,
  simulatePoolCall,
  taskTuples,
  wireBytes,
  type PyValue,
  type WorkerOutcome,
} from '@/lib/sim/pool';

const square = pyFunction('__main__', 'square');
const sq = (x: PyValue): WorkerOutcome => ({ ok: true, value: pyInt(x.kind === 'int' ? x.value * x.value : 0n) });
const ints = (n: number) => Array.from({ length: n }, (_, i) => pyInt(i));

describe('map chunksize (Pool._map_async)', () => {
  it('pinned: divmod(len, 4 × processes), rounded up', () => {
    expect(defaultChunksize(37, 3)).toBe(4);
    expect(defaultChunksize(74, 4)).toBe(5);
    expect(defaultChunksize(16, 4)).toBe(1);
    expect(defaultChunksize(10, 4)).toBe(1);
    expect(defaultChunksize(0, 4)).toBe(0);
    expect(defaultChunksize(100, 1)).toBe(25);
  });

  it('never more than 4 × processes chunks, and the chunks cover the data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 64 }), (n, p) => {
        const c = defaultChunksize(n, p);
        const chunks = chunkCount(n, c);
        return c >= 1 && chunks <= 4 * p && (chunks - 1) * c < n && chunks * c >= n;
      }),
    );
  });
});

describe('simulatePoolCall', () => {
  it('map: one task and one result message per chunk, items in order, header + payload on the wire', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 6 }), fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }), (n, p, chunksize) => {
        const run = simulatePoolCall({ method: 'map', func: square, items: ints(n), processes: p, outcome: sq, ...(chunksize ? { chunksize } : {}) });
        const c = chunksize ?? defaultChunksize(n, p);
        return (
          run.chunksize === c &&
          run.tasks.length === Math.ceil(n / c) &&
          run.results.length === run.tasks.length &&
          run.tasks.every((m, i) => m.index === i && m.first === i * c && m.wire === m.payload + MESSAGE_HEADER_BYTES && m.pickle.length === m.payload) &&
          run.tasks.reduce((k, m) => k + m.count, 0) === n &&
          run.outcome.kind === 'ok'
        );
      }),
      { numRuns: 200 },
    );
  });

  it('imap defaults to one message per item; apply_async sends one task', () => {
    expect(simulatePoolCall({ method: 'imap', func: square, items: ints(9), processes: 2, outcome: sq }).tasks).toHaveLength(9);
    expect(simulatePoolCall({ method: 'imap', func: square, items: ints(9), processes: 2, chunksize: 4, outcome: sq }).tasks).toHaveLength(3);
    expect(simulatePoolCall({ method: 'apply_async', func: square, items: [pyInt(3)], processes: 2, outcome: sq }).tasks).toHaveLength(1);
    expect(effectiveChunksize({ method: 'imap', items: ints(9), processes: 2 })).toBe(1);
  });

  it('task tuples: (job, i, mapstar, ((func, chunk),), {}) for map, (job, i, func, (x,), {}) for imap', () => {
    const [map] = taskTuples({ method: 'map', func: square, items: ints(4), processes: 1, chunksize: 4, job: 3, outcome: sq });
    expect(map?.value.kind).toBe('tuple');
    const items = map?.value.kind === 'tuple' ? map.value.items : [];
    expect(items.map((x) => x.kind)).toEqual(['int', 'int', 'global', 'tuple', 'dict']);
    expect(items[0]).toEqual(pyInt(3));
    expect(items[2]).toMatchObject({ module: 'multiprocessing.pool', qualname: 'mapstar' });
    const ops = disassemble(simulatePoolCall({ method: 'apply_async', func: square, items: [pyInt(2)], processes: 1, outcome: sq }).tasks[0]?.pickle ?? new Uint8Array());
    expect(ops.filter((o) => o.name === 'STACK_GLOBAL')).toHaveLength(1);
    const [imap] = taskTuples({ method: 'imap', func: square, items: ints(2), processes: 1, outcome: sq });
    const imapItems = imap?.value.kind === 'tuple' ? imap.value.items : [];
    expect(imapItems[2]).toBe(square);
  });

  it('pinned sizes measured on a real Pool (map of 37 ints × 1000 over Pool(3))', () => {
    const items = Array.from({ length: 37 }, (_, i) => pyInt(i * 1000));
    const run = simulatePoolCall({ method: 'map', func: square, items, processes: 3, outcome: sq });
    expect(run.tasks.map((m) => m.wire)).toEqual([100, 101, 101, 101, 101, 101, 101, 101, 101, 91]);
    expect(wireBytes(run.tasks)).toBe(999);
    expect(wireBytes(run.results)).toBe(471);
    // one str object repeated: memo references inside each chunk
    const hi = pyLiteral('안녕하세요');
    const rep = simulatePoolCall({
      method: 'imap',
      func: pyFunction('__main__', 'shout'),
      items: Array.from({ length: 10 }, () => hi),
      chunksize: 3,
      processes: 2,
      job: 1,
      outcome: (x) => ({ ok: true, value: pyStr('X' + (x.kind === 'str' ? x.value : '')) }),
    });
    expect(rep.tasks.map((m) => m.wire)).toEqual([109, 109, 109, 105]);
    expect(wireBytes(rep.results)).toBe(305);
  });

  it('unpicklable tasks are not sent and raise; map order can make the raised type uncertain', () => {
    const lam = simulatePoolCall({ method: 'map', func: pyLambda(), items: ints(6), processes: 2, outcome: sq });
    expect(lam.tasks).toHaveLength(0);
    expect(lam.outcome).toMatchObject({ kind: 'raises', where: 'task-pickle', certain: true, error: { type: 'PicklingError' } });
    const lock = pyThreadLock();
    const mixed = simulatePoolCall({
      method: 'map',
      func: square,
      items: [pyInt(0), pyInt(1), lock],
      processes: 1,
      chunksize: 1,
      outcome: (x) => (x.kind === 'int' && x.value === 0n ? { ok: false, error: { type: 'ZeroDivisionError', qualifiedType: 'ZeroDivisionError', message: '' } } : sq(x)),
    });
    expect(mixed.outcome).toMatchObject({ kind: 'raises', certain: false });
    const result = simulatePoolCall({ method: 'map', func: square, items: ints(2), processes: 1, outcome: () => ({ ok: true, value: pyThreadLock() }) });
    expect(result.outcome).toMatchObject({ kind: 'raises', where: 'result-pickle', error: { type: 'MaybeEncodingError' } });
  });

  it('counting only (no sizes) sends the same messages and ends the same way', () => {
    const lock = pyThreadLock();
    fc.assert(
      fc.property(
        fc.constantFrom('map', 'imap', 'apply_async'),
        fc.array(fc.oneof(fc.integer({ min: -5, max: 300 }).map((i) => pyInt(i)), fc.constant(lock), fc.string().map((t) => pyStr(t))), { minLength: 1, maxLength: 30 }),
        fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
        fc.constantFrom(square, pyLambda()),
        fc.boolean(),
        (method, items, chunksize, func, lockResults) => {
          const call = {
            method,
            func,
            items,
            processes: 3,
            ...(chunksize !== undefined ? { chunksize } : {}),
            outcome: (x: PyValue): WorkerOutcome => (lockResults && x.kind === 'str' ? { ok: true, value: lock } : sq(x)),
          };
          const sized = simulatePoolCall({ ...call, sizeOnly: true });
          const counted = simulatePoolCall({ ...call, countOnly: true });
          const shape = (r: typeof sized) => ({
            chunksize: r.chunksize,
            outcome: r.outcome,
            tasks: r.tasks.map((m) => [m.index, m.first, m.count]),
            results: r.results.map((m) => [m.index, m.first, m.count]),
          });
          expect(shape(counted)).toEqual(shape(sized));
        },
      ),
      { numRuns: 200 },
    );
  });
});
