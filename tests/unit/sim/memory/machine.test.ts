import { describe, expect, it } from 'vitest';
import {
  LINUX_RULES,
  MemoryOpError,
  ZERO_FRAME,
  frameRefcount,
  framesInUse,
  pteOf,
  simulate,
  stateAfter,
  type MemoryOp,
} from '@/lib/sim/memory';

const map: MemoryOp = { kind: 'map', pid: 'parent', name: 'p', base: 0, pages: 4, shared: false };
const w = (pid: string, vpage: number, value: string): MemoryOp => ({ kind: 'write', pid, vpage, value });
const r = (pid: string, vpage: number): MemoryOp => ({ kind: 'read', pid, vpage });
const fork = (pid = 'parent', child = 'child'): MemoryOp => ({ kind: 'fork', pid, child });

describe('memory simulator: the Linux rules', () => {
  it('first read maps the zero page, first write allocates', () => {
    const t = simulate([map, r('parent', 0), w('parent', 1, 'A'), w('parent', 0, 'B')]);
    expect(t.entries[1]!.event).toMatchObject({ fault: true, outcome: 'zero-map', frame: ZERO_FRAME, value: '\0' });
    expect(t.entries[2]!.event).toMatchObject({ fault: true, outcome: 'alloc', frame: 1 });
    expect(t.entries[3]!.event).toMatchObject({ fault: true, outcome: 'zero-fill', frame: 2, fromFrame: ZERO_FRAME });
    expect(t.final.counters).toMatchObject({ pageFaults: 3, copies: 0, zeroFills: 2 });
    expect(framesInUse(t.final)).toBe(2);
  });

  it('fork shares frames read-only; the first writer copies, the last one reuses', () => {
    const t = simulate([map, w('parent', 0, 'A'), fork(), w('parent', 0, 'B'), w('child', 0, 'C')]);
    const afterFork = stateAfter(t, 3);
    expect(frameRefcount(afterFork, 1)).toBe(2);
    expect(pteOf(afterFork, 'parent', 0)).toEqual({ frame: 1, writable: false });
    expect(pteOf(afterFork, 'child', 0)).toEqual({ frame: 1, writable: false });
    expect(t.entries[3]!.event).toMatchObject({ outcome: 'cow-copy', frame: 2, fromFrame: 1 });
    expect(t.entries[4]!.event).toMatchObject({ fault: true, outcome: 'cow-reuse', frame: 1 });
    expect(t.final.counters.copies).toBe(1);
    expect(framesInUse(t.final)).toBe(2);
  });

  it('a write after the other process exited faults but does not copy', () => {
    const t = simulate([map, w('parent', 0, 'A'), fork(), { kind: 'exit', pid: 'child' }, w('parent', 0, 'B')]);
    expect(frameRefcount(stateAfter(t, 4), 1)).toBe(1);
    expect(t.entries[4]!.event).toMatchObject({ fault: true, outcome: 'cow-reuse', frame: 1 });
    const zombie = simulate([map, w('parent', 0, 'A'), fork(), { kind: 'exit', pid: 'child' }, w('parent', 0, 'B')], {
      ...LINUX_RULES,
      exitKeepsReferences: true,
    });
    expect(zombie.entries[4]!.event.outcome).toBe('cow-copy');
  });

  it('exec drops the address space and frees frames whose count reaches zero', () => {
    const t = simulate([map, w('parent', 0, 'A'), w('parent', 1, 'B'), fork(), w('child', 0, 'C'), { kind: 'exec', pid: 'child' }]);
    expect(framesInUse(stateAfter(t, 5))).toBe(3);
    expect(t.entries[5]!.event.freed).toEqual([3]);
    expect(framesInUse(t.final)).toBe(2);
    expect(frameRefcount(t.final, 2)).toBe(1);
  });

  it('a private area that was only read is not copied at fork (no anon_vma)', () => {
    const t = simulate([map, r('parent', 0), fork(), r('child', 0)]);
    expect(pteOf(stateAfter(t, 3), 'child', 0)).toBeUndefined();
    expect(t.entries[3]!.event).toMatchObject({ fault: true, outcome: 'zero-map' });
    const written = simulate([map, r('parent', 0), w('parent', 1, 'A'), fork(), r('child', 0)]);
    expect(written.entries[4]!.event).toMatchObject({ fault: false, outcome: 'hit', frame: ZERO_FRAME });
  });

  it('MAP_SHARED: writes are seen by both and never copied; the child faults the page in', () => {
    const t = simulate([
      { kind: 'map', pid: 'parent', name: 's', base: 8, pages: 2, shared: true },
      w('parent', 8, 'A'),
      fork(),
      w('child', 8, 'B'),
      r('parent', 8),
    ]);
    expect(pteOf(stateAfter(t, 3), 'child', 8)).toBeUndefined();
    expect(t.entries[3]!.event).toMatchObject({ fault: true, outcome: 'shared-map', frame: 1 });
    expect(t.entries[4]!.event).toMatchObject({ fault: false, value: 'B' });
    expect(t.final.counters.copies).toBe(0);
  });

  it('eager fork (a misconception) copies every resident page', () => {
    const ops = [map, w('parent', 0, 'A'), r('parent', 1), w('parent', 2, 'B'), fork()];
    const t = simulate(ops, { ...LINUX_RULES, eagerForkCopy: true });
    expect(t.final.counters.copies).toBe(2);
    expect(framesInUse(t.final)).toBe(4);
  });

  it('rejects impossible operations with a typed error', () => {
    expect(() => simulate([map, w('parent', 9, 'A')])).toThrow(MemoryOpError);
    expect(() => simulate([map, { kind: 'exit', pid: 'parent' }, r('parent', 0)])).toThrow(MemoryOpError);
    expect(() => simulate([map, w('ghost', 0, 'A')])).toThrow(MemoryOpError);
  });
});
