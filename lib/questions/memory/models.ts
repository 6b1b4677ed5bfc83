/**
 * The copy-on-write misconceptions as models: what a learner holding one belief (common.ts
 * MISCONCEPTIONS) predicts for a scenario. A wrong option tagged with a misconception is what
 * its model gives (tests/unit/questions/misconceptions.test.ts checks it), so the tag names the
 * belief that really leads there.
 *
 * Beliefs about a kernel rule are the simulator run under that rule changed (MemoryRules);
 * beliefs about counting or about one write are small functions over the Linux trace.
 */
import { framesInUse, simulate, stateAfter, type MemoryTrace } from '@/lib/sim/memory/machine';
import { ZERO_FRAME, type MemoryOp, type MemoryRules, type MemoryState, type ProcessId, type StepEvent } from '@/lib/sim/memory/types';
import { processOrder } from './c-oracle';
import { simulateUnder } from './explain';

/** What one write does, as the options of after-exit name it. */
export type WriteOutcome = 'no-fault' | 'fault-reuse' | 'fault-copy' | 'fault-alloc';

/** A simulator outcome of a write as a WriteOutcome. */
export function writeOutcome(outcome: StepEvent['outcome']): WriteOutcome {
  switch (outcome) {
    case 'hit':
      return 'no-fault';
    case 'cow-reuse':
      return 'fault-reuse';
    case 'cow-copy':
      return 'fault-copy';
    default:
      return 'fault-alloc';
  }
}

function under(change: Partial<MemoryRules>) {
  return (linux: MemoryTrace, ops: readonly MemoryOp[], upTo: number): MemoryTrace => simulateUnder(linux, ops, upTo, change);
}

/** "fork() copies every page right away": the first `upTo` steps with fork copying every resident page. */
export const forkCopiesAllModel = under({ eagerForkCopy: true });
/** "A copy-on-write write always copies": no reuse of a frame the writer alone maps. */
export const cowAlwaysCopiesModel = under({ reuseSoleReference: false });
/** "Reading an untouched page allocates a frame": no shared zero page. */
export const readAllocatesModel = under({ readAllocates: true });
/** "An exited child's pages stay referenced until wait()": exit keeps its references. */
export const exitKeepsRefsModel = under({ exitKeepsReferences: true });
/** "exec keeps the old address space's frames referenced". */
export const execKeepsPagesModel = under({ execKeepsReferences: true });

/** "The shared zero page counts as a frame": frames in use, plus one while some entry maps the zero page. */
export function zeroPageCountedModel(state: MemoryState): number {
  const zeroMapped = state.processes.some((p) => [...p.ptes.values()].some((e) => e.frame === ZERO_FRAME));
  return framesInUse(state) + (zeroMapped ? 1 : 0);
}

/**
 * "A frame's count is the number of processes that ever shared it": the distinct page-table
 * entries that mapped `frame` after any step from `from` to `to` (1-based, inclusive).
 */
export function refcountEverModel(trace: MemoryTrace, frame: number, from: number, to: number): number {
  const entries = new Set<string>();
  for (let k = from; k <= to; k++) {
    for (const p of stateAfter(trace, k).processes) {
      for (const [v, pte] of p.ptes) if (pte.frame === frame) entries.add(`${p.pid}:${v}`);
    }
  }
  return entries.size;
}

function linuxWrite(trace: MemoryTrace, k: number): WriteOutcome {
  return writeOutcome(trace.entries[k - 1]?.event.outcome);
}

/** "Every write after fork faults": a write that hits faults too (its frame is its own, so nothing is copied). */
export function everyWriteFaultsModel(trace: MemoryTrace, k: number): WriteOutcome {
  const linux = linuxWrite(trace, k);
  return linux === 'no-fault' ? 'fault-reuse' : linux;
}

/** "Every write after fork copies a page": a fault and a copy, whatever the page. */
export function everyWriteCopiesModel(): WriteOutcome {
  return 'fault-copy';
}

/** "A first write to an untouched or only read page copies some data": an allocation becomes a copy. */
export function zeroPageCopiedModel(trace: MemoryTrace, k: number): WriteOutcome {
  const linux = linuxWrite(trace, k);
  return linux === 'fault-alloc' ? 'fault-copy' : linux;
}

/**
 * The frame the writer of step `k` maps before its write, and whether a process that exited
 * before step `k` mapped that frame when it exited (undefined if the entry is absent or maps
 * the zero page, or nobody exited).
 */
function sharedWithExited(trace: MemoryTrace, ops: readonly MemoryOp[], k: number): boolean {
  const w = ops[k - 1];
  if (w?.kind !== 'write') return false;
  const frame = stateAfter(trace, k - 1).processes.find((p) => p.pid === w.pid)?.ptes.get(w.vpage)?.frame;
  if (frame === undefined || frame === ZERO_FRAME) return false;
  for (let j = 1; j < k; j++) {
    const op = ops[j - 1] as MemoryOp;
    if (op.kind !== 'exit') continue;
    const exiter = stateAfter(trace, j - 1).processes.find((p) => p.pid === op.pid);
    if (exiter && [...exiter.ptes.values()].some((e) => e.frame === frame)) return true;
  }
  return false;
}

/**
 * "When the other process exits, the survivor's entries become writable again at once": a
 * write to a read-only entry over a frame an exited process mapped does not fault.
 */
export function exitRestoresWriteModel(trace: MemoryTrace, ops: readonly MemoryOp[], k: number): WriteOutcome {
  const linux = linuxWrite(trace, k);
  return linux !== 'no-fault' && sharedWithExited(trace, ops, k) ? 'no-fault' : linux;
}

/**
 * "When one sharer exits, the survivor owns every frame it shared": a write to a frame an
 * exited process mapped reuses it, even where a third process still maps it (Linux copies).
 */
export function exitFreesForSurvivorModel(trace: MemoryTrace, ops: readonly MemoryOp[], k: number): WriteOutcome {
  const linux = linuxWrite(trace, k);
  return linux === 'fault-copy' && sharedWithExited(trace, ops, k) ? 'fault-reuse' : linux;
}

/**
 * "An exiting process frees the frames it shared": the survivor's page behind a frame an
 * exited process mapped starts over as a fresh zero-filled frame.
 */
export function exitDropsSharedModel(trace: MemoryTrace, ops: readonly MemoryOp[], k: number): WriteOutcome {
  const linux = linuxWrite(trace, k);
  return linux !== 'no-fault' && sharedWithExited(trace, ops, k) ? 'fault-alloc' : linux;
}

/** The same steps with region `name` mapped MAP_SHARED (`shared`) or MAP_PRIVATE. */
export function withMapping(ops: readonly MemoryOp[], name: string, shared: boolean): MemoryOp[] {
  return ops.map((o) => (o.kind === 'map' && o.name === name ? { ...o, shared } : o));
}

/** "After fork, a write to a MAP_PRIVATE page is seen by the other process": region `name` run as MAP_SHARED. */
export function privateVisibleModel(ops: readonly MemoryOp[], name = 'p'): MemoryTrace {
  return simulate(withMapping(ops, name, true));
}

/** "MAP_SHARED pages are copied on write after fork too": region `name` run as MAP_PRIVATE. */
export function sharedIsCowModel(ops: readonly MemoryOp[], name = 's', rules?: MemoryRules): MemoryTrace {
  return simulate(withMapping(ops, name, false), rules);
}

/** "The child always gets the copy, whoever writes": every process but the first moves to a new frame. */
export function childGetsCopyModel(ops: readonly MemoryOp[]): ProcessId[] {
  return processOrder(ops).filter((p) => p !== 'parent');
}

/**
 * "The writer keeps the original frame and the other process is moved to a copy": who moves
 * and who stays is the other way round from Linux's `fresh` (the processes that moved).
 */
export function writerKeepsOriginalModel(ops: readonly MemoryOp[], fresh: readonly ProcessId[]): ProcessId[] {
  return processOrder(ops).filter((p) => !fresh.includes(p));
}
