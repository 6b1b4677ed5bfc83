/**
 * fast-check arbitraries for the memory simulator: random but always valid operation
 * lists, built by interpreting random "intents" against the state they run on.
 */
import fc from 'fast-check';
import { mappingAt, step, type MemoryOp, type MemoryState, initialMemoryState } from '@/lib/sim/memory';

export interface Intent {
  readonly kind: 'read' | 'write' | 'fork' | 'exec' | 'exit' | 'munmap';
  readonly a: number;
  readonly b: number;
}

export const intentArb: fc.Arbitrary<Intent> = fc.record({
  kind: fc.constantFrom('read', 'write', 'write', 'read', 'fork', 'exec', 'exit', 'munmap'),
  a: fc.nat(1000),
  b: fc.nat(1000),
});

export interface Layout {
  readonly privatePages: number;
  readonly sharedPages: number;
}

export const layoutArb: fc.Arbitrary<Layout> = fc.record({
  privatePages: fc.integer({ min: 1, max: 6 }),
  sharedPages: fc.integer({ min: 0, max: 3 }),
});

/** Turns intents into valid ops: processes, pages and values are chosen modulo what exists. */
export function buildOps(layout: Layout, intents: readonly Intent[]): MemoryOp[] {
  const ops: MemoryOp[] = [{ kind: 'map', pid: 'parent', name: 'p', base: 0, pages: layout.privatePages, shared: false }];
  if (layout.sharedPages > 0) {
    ops.push({ kind: 'map', pid: 'parent', name: 's', base: 16, pages: layout.sharedPages, shared: true });
  }
  let state: MemoryState = initialMemoryState();
  for (const op of ops) state = step(state, op).state;
  let children = 0;
  for (const it of intents) {
    const live = state.processes.filter((p) => p.status === 'running');
    if (live.length === 0) break;
    const proc = live[it.a % live.length]!;
    const pages: number[] = [];
    for (const m of proc.mappings) for (let v = m.base; v < m.base + m.pages; v++) if (mappingAt(proc, v)) pages.push(v);
    let op: MemoryOp | undefined;
    switch (it.kind) {
      case 'read':
      case 'write': {
        if (pages.length === 0) break;
        const vpage = pages[it.b % pages.length]!;
        op =
          it.kind === 'read'
            ? { kind: 'read', pid: proc.pid, vpage }
            : { kind: 'write', pid: proc.pid, vpage, value: String.fromCharCode(65 + (it.b % 26)) };
        break;
      }
      case 'fork':
        if (children >= 4) break;
        op = { kind: 'fork', pid: proc.pid, child: `c${++children}` };
        break;
      case 'exec':
        op = { kind: 'exec', pid: proc.pid };
        break;
      case 'exit':
        op = { kind: 'exit', pid: proc.pid };
        break;
      case 'munmap': {
        const priv = pages.filter((v) => mappingAt(proc, v)?.kind === 'private');
        if (priv.length === 0) break;
        op = { kind: 'munmap', pid: proc.pid, vpage: priv[it.b % priv.length]!, pages: 1 };
        break;
      }
    }
    if (!op) continue;
    ops.push(op);
    state = step(state, op).state;
  }
  return ops;
}

export const opsArb: fc.Arbitrary<MemoryOp[]> = fc
  .tuple(layoutArb, fc.array(intentArb, { maxLength: 40 }))
  .map(([layout, intents]) => buildOps(layout, intents));
