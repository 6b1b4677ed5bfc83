import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LINUX_RULES,
  PAGE_SIZE,
  ZERO_FRAME,
  countMappings,
  framesInUse,
  mappedFrames,
  mappingAt,
  peek,
  simulate,
  type MemoryOp,
  type MemoryRules,
  type MemoryState,
} from '@/lib/sim/memory';
import { simulateUnder } from '@/lib/questions/memory/explain';
import { opsArb } from './arbitrary';

function checkInvariants(state: MemoryState): void {
  // a frame's count equals the number of entries mapping it
  for (const f of state.frames.values()) expect(f.refcount).toBe(countMappings(state, f.id));
  // no frame is freed while mapped
  for (const p of state.processes) {
    for (const pte of p.ptes.values()) {
      if (pte.frame !== ZERO_FRAME) expect(state.frames.has(pte.frame)).toBe(true);
    }
  }
  // frames in use equals distinct frames mapped, plus MAP_SHARED page-cache frames nobody maps right now
  const mapped = mappedFrames(state);
  const cached = new Set<number>();
  for (const o of state.objects.values()) for (const f of o.frames.values()) if (!mapped.has(f)) cached.add(f);
  expect(framesInUse(state)).toBe(mapped.size + cached.size);
  for (const f of state.frames.values()) if (f.kind === 'anon') expect(f.refcount).toBeGreaterThan(0);
  // a writable private entry is never shared; the zero page is never writable
  for (const p of state.processes) {
    for (const [v, pte] of p.ptes) {
      if (pte.frame === ZERO_FRAME) expect(pte.writable).toBe(false);
      else if (pte.writable && mappingAt(p, v)?.kind === 'private') expect(state.frames.get(pte.frame)?.refcount).toBe(1);
    }
  }
  expect(state.counters.bytesCopied).toBe(state.counters.copies * PAGE_SIZE);
}

describe('memory simulator invariants (fast-check)', () => {
  it('refcounts, frames in use and liveness hold after every step', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const trace = simulate(ops);
        for (const e of trace.entries) checkInvariants(e.state);
      }),
      { numRuns: 400 },
    );
  });

  it('copy-on-write is invisible: every process reads what a full copy at fork would hold', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        // reference model: each process owns a plain copy of its private bytes; shared bytes are one array
        const priv = new Map<string, Map<number, string>>([['parent', new Map()]]);
        const shared = new Map<number, string>();
        const isShared = new Map<string, (v: number) => boolean>();
        const trace = simulate(ops);
        ops.forEach((op: MemoryOp, k) => {
          const state = trace.entries[k]!.state;
          const proc = state.processes.find((p) => p.pid === op.pid)!;
          const sharedPage = (v: number) => mappingAt(proc, v)?.kind === 'shared';
          isShared.set(op.pid, sharedPage);
          if (op.kind === 'write') {
            if (sharedPage(op.vpage)) shared.set(op.vpage, op.value);
            else priv.get(op.pid)!.set(op.vpage, op.value);
          } else if (op.kind === 'fork') {
            priv.set(op.child, new Map(priv.get(op.pid)));
          } else if (op.kind === 'exec' || op.kind === 'exit') {
            priv.set(op.pid, new Map());
          } else if (op.kind === 'munmap') {
            priv.get(op.pid)!.delete(op.vpage);
          } else if (op.kind === 'read') {
            const expected = (sharedPage(op.vpage) ? shared.get(op.vpage) : priv.get(op.pid)!.get(op.vpage)) ?? '\0';
            expect(trace.entries[k]!.event.value).toBe(expected);
          }
          for (const p of state.processes) {
            if (p.status !== 'running') continue;
            for (const m of p.mappings) {
              for (let v = m.base; v < m.base + m.pages; v++) {
                if (!mappingAt(p, v)) continue;
                const want = (m.kind === 'shared' ? shared.get(v) : priv.get(p.pid)?.get(v)) ?? '\0';
                expect(peek(state, p.pid, v)).toBe(want);
              }
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never copies more than an eager fork would, and faults at most once per access', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const lazy = simulate(ops, LINUX_RULES);
        const eager = simulate(ops, { ...LINUX_RULES, eagerForkCopy: true });
        expect(lazy.final.counters.copies).toBeLessThanOrEqual(eager.final.counters.copies);
        const accesses = ops.filter((o) => o.kind === 'read' || o.kind === 'write').length;
        expect(lazy.final.counters.pageFaults).toBeLessThanOrEqual(accesses);
      }),
      { numRuns: 200 },
    );
  });

  it('a changed rule acts only from the first step that consults it: the misconception runs reuse the Linux prefix', () => {
    const changes: Partial<MemoryRules>[] = [
      { reuseSoleReference: false },
      { readAllocates: true },
      { exitKeepsReferences: true },
      { execKeepsReferences: true },
      { eagerForkCopy: true },
      { reuseSoleReference: false, exitKeepsReferences: true },
    ];
    fc.assert(
      fc.property(opsArb, fc.nat(), fc.constantFrom(...changes), (ops, cut, change) => {
        const upTo = cut % (ops.length + 1);
        const linux = simulate(ops);
        const full = simulate(ops.slice(0, upTo), { ...LINUX_RULES, ...change });
        expect(simulateUnder(linux, ops, upTo, change)).toEqual(full);
      }),
      { numRuns: 400 },
    );
  });

  it('without sole-reference reuse, every copy-on-write fault copies', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const linux = simulate(ops);
        const noReuse = simulate(ops, { ...LINUX_RULES, reuseSoleReference: false });
        expect(noReuse.final.counters.reuses).toBe(0);
        expect(noReuse.final.counters.copies).toBeGreaterThanOrEqual(linux.final.counters.copies);
      }),
      { numRuns: 200 },
    );
  });
});
