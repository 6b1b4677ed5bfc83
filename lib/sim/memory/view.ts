/**
 * Turns simulator states into the explanation view model (`MemoryView`): per step, every
 * process's page table beside the frame table, shared frames marked.
 */
import type { Localized, MemorySnapshotView, MemoryView, PageTableEntryView } from '@/lib/questions/types';
import { framesInUse, mappingAt, type MemoryTrace } from './machine';
import { sortByKey } from './order';
import { ZERO_FRAME, type Frame, type MemoryState } from './types';

/** How a page's byte is shown: the character, or \0 for a zero-filled page. */
export function showByte(value: string): string {
  return value === '\0' ? '\\0' : value;
}

/**
 * One snapshot: each process that still has an address space (exited processes are left
 * out), every page of its mappings (present or not), and every allocated frame with its
 * reference count. The zero page is listed (frame 0, `zero: true`) while some entry maps it.
 */
export function snapshotView(state: MemoryState, label: Localized, labelOf: (pid: string) => string = (p) => p): MemorySnapshotView {
  const processes = state.processes
    .filter((p) => p.status === 'running')
    .map((p) => {
      const entries: PageTableEntryView[] = [];
      for (const m of p.mappings) {
        for (let v = m.base; v < m.base + m.pages; v++) {
          if (!mappingAt(p, v)) continue;
          const pte = p.ptes.get(v);
          const frame = pte ? state.frames.get(pte.frame) : undefined;
          entries.push({
            vpage: v,
            frame: pte ? pte.frame : null,
            present: pte !== undefined,
            writable: pte?.writable ?? false,
            cow: m.kind === 'private' && pte !== undefined && !pte.writable,
            shared: m.kind === 'shared' || (frame !== undefined && frame.refcount > 1) || pte?.frame === ZERO_FRAME,
          });
        }
      }
      sortByKey(entries, (e) => e.vpage);
      return { pid: p.pid, label: labelOf(p.pid) + (p.execed ? ' (exec)' : ''), entries };
    });
  // forEach rather than spreading iterators: this runs for every step of every explanation.
  let zeroRefs = 0;
  for (const p of state.processes) {
    p.ptes.forEach((pte) => {
      if (pte.frame === ZERO_FRAME) zeroRefs++;
    });
  }
  const frames: MemorySnapshotView['frames'][number][] = [];
  if (zeroRefs > 0) frames.push({ frame: ZERO_FRAME, refcount: zeroRefs, content: '\\0', zero: true });
  const allocated: Frame[] = [];
  state.frames.forEach((f) => allocated.push(f));
  for (const f of sortByKey(allocated, (x) => x.id)) {
    frames.push({ frame: f.id, refcount: f.refcount, content: showByte(f.value) });
  }
  return {
    label,
    processes,
    frames,
    counters: {
      framesInUse: framesInUse(state),
      pageFaults: state.counters.pageFaults,
      copies: state.counters.copies,
      bytesCopied: state.counters.bytesCopied,
    },
  };
}

/** The whole trace as a view: one snapshot per step, labelled by `stepLabel(k)`. */
export function memoryView(
  trace: MemoryTrace,
  stepLabel: (step: number) => Localized,
  labelOf?: (pid: string) => string,
): MemoryView {
  return {
    kind: 'memory',
    steps: trace.entries.map((e) => snapshotView(e.state, stepLabel(e.step), labelOf)),
  };
}
