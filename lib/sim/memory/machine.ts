/**
 * The memory simulator's step function: one operation (mmap, read, write, fork, exec,
 * exit, munmap) applied to an immutable `MemoryState`, returning the next state and a
 * trace entry. Pure and deterministic; performs nothing.
 *
 * The rules are Linux's anonymous-memory rules (mm/memory.c, mm/mmap.c), checked against
 * a real kernel by tests/oracle/memory.test.ts:
 * - first read of an untouched private page maps the shared zero page read-only
 *   (`do_anonymous_page`); the first write allocates a zero-filled frame;
 * - fork shares every frame of a private area that has an `anon_vma` and write-protects
 *   both entries (`copy_present_pte`); areas without one, and MAP_SHARED areas, are not
 *   copied at all (`vma_needs_copy`): the child faults those pages in on first touch;
 * - a write to a write-protected private page copies it if other references remain
 *   (`wp_page_copy`), and reuses it in place if this is the last one
 *   (`wp_can_reuse_anon_folio`), which is the notes' "allocation can be skipped";
 * - a write over the zero page allocates a zero-filled frame: a fault, but no copy;
 * - a read fault on a MAP_SHARED page also maps the neighbouring pages that are already
 *   in the shared object's page cache (`do_fault_around`, 64 KiB window); write faults do not;
 * - exec and exit drop the whole address space; a frame is freed when its last
 *   reference goes; MAP_SHARED frames live in the shared object's page cache until the
 *   last mapping of the object goes.
 */
import {
  LINUX_RULES,
  PAGE_SIZE,
  ZERO_FRAME,
  type Frame,
  type Mapping,
  type MemoryCounters,
  type MemoryOp,
  type MemoryRules,
  type MemoryState,
  type Process,
  type ProcessId,
  type Pte,
  type SharedObject,
  type StepEvent,
} from './types';
import { SmallMap } from './small-map';

/** A programmer mistake in an operation list (unknown process, access outside a mapping…). */
export class MemoryOpError extends Error {
  override readonly name = 'MemoryOpError';
}

const ZERO_COUNTERS: MemoryCounters = { pageFaults: 0, copies: 0, bytesCopied: 0, zeroFills: 0, reuses: 0 };

/** One running process (`root`, default "parent") with an empty address space. */
export function initialMemoryState(root: ProcessId = 'parent'): MemoryState {
  return {
    processes: [{ pid: root, parent: null, status: 'running', execed: false, mappings: [], ptes: SmallMap.empty() }],
    frames: SmallMap.empty(),
    objects: SmallMap.empty(),
    nextFrame: 1,
    nextObject: 1,
    counters: ZERO_COUNTERS,
  };
}

/**
 * Mutable working copy used inside one step; the result is frozen into a new state. The
 * frame and object tables are copied on their first write only, so a step that leaves one
 * alone (mmap, a hit, most reads) shares it with the previous state: O(1) for that table
 * instead of O(entries), and a trace holds one copy per change rather than one per step.
 */
interface Draft {
  processes: Process[];
  /** Read through `d.frames`; write through `framesW(d)` (copied on first write). */
  frames: ReadonlyMap<number, Frame>;
  objects: ReadonlyMap<number, SharedObject>;
  ownFrames: boolean;
  ownObjects: boolean;
  nextFrame: number;
  nextObject: number;
  counters: { -readonly [K in keyof MemoryCounters]: MemoryCounters[K] };
  freed: number[];
  allocated: number[];
}

function draftOf(s: MemoryState): Draft {
  return {
    processes: [...s.processes],
    frames: s.frames,
    objects: s.objects,
    ownFrames: false,
    ownObjects: false,
    nextFrame: s.nextFrame,
    nextObject: s.nextObject,
    counters: { ...s.counters },
    freed: [],
    allocated: [],
  };
}

function framesW(d: Draft): SmallMap<Frame> {
  if (!d.ownFrames) {
    d.frames = SmallMap.copy(d.frames);
    d.ownFrames = true;
  }
  return d.frames as SmallMap<Frame>;
}

function objectsW(d: Draft): SmallMap<SharedObject> {
  if (!d.ownObjects) {
    d.objects = SmallMap.copy(d.objects);
    d.ownObjects = true;
  }
  return d.objects as SmallMap<SharedObject>;
}

function finish(d: Draft): MemoryState {
  return {
    processes: d.processes,
    frames: d.frames,
    objects: d.objects,
    nextFrame: d.nextFrame,
    nextObject: d.nextObject,
    counters: d.counters,
  };
}

/** `p` with some fields replaced. */
function processWith(p: Process, change: Partial<Pick<Process, 'pid' | 'status' | 'execed' | 'mappings' | 'ptes'>>): Process {
  return { ...p, ...change };
}

/** `m` with new anon_vma pages and holes. */
function mappingWith(m: Mapping, anonVma: readonly number[], holes: readonly number[]): Mapping {
  return { ...m, anonVma, holes };
}

/** `f` with a new reference count and byte; shmem frames keep their object and page. */
function frameWith(f: Frame, refcount: number, value: string): Frame {
  return { ...f, refcount, value };
}

function sharedObjectWith(o: SharedObject, frames: SharedObject['frames'], users: number): SharedObject {
  return { ...o, frames, users };
}

/** The event of a write: what the fault did, and the frame the page was on before (if any). */
function writeEvent(d: Draft, op: MemoryOp, fault: boolean, outcome: StepEvent['outcome'], frame: number, fromFrame?: number): StepEvent {
  return { op, freed: d.freed, allocated: d.allocated, fault, outcome, frame, ...(fromFrame === undefined ? {} : { fromFrame }) };
}

function processIndex(d: Draft, pid: ProcessId): number {
  const i = d.processes.findIndex((p) => p.pid === pid);
  if (i < 0) throw new MemoryOpError(`no process ${pid}`);
  return i;
}

function liveProcess(d: Draft, pid: ProcessId): [number, Process] {
  const i = processIndex(d, pid);
  const p = d.processes[i] as Process;
  if (p.status !== 'running') throw new MemoryOpError(`process ${pid} has exited`);
  return [i, p];
}

/** The pages of the area (VMA) holding `vpage`: the run of `m`'s pages around it that munmap left. */
export function areaOf(m: Mapping, vpage: number): number[] {
  let lo = vpage;
  while (lo - 1 >= m.base && !m.holes.includes(lo - 1)) lo--;
  let hi = vpage;
  while (hi + 1 < m.base + m.pages && !m.holes.includes(hi + 1)) hi++;
  const out: number[] = [];
  for (let v = lo; v <= hi; v++) out.push(v);
  return out;
}

/** `m` with an anon_vma on the area around `vpage` (set when a private frame is allocated there). */
function withAnonVma(m: Mapping, vpage: number): Mapping {
  if (m.anonVma.includes(vpage)) return m;
  const anonVma = [...m.anonVma, ...areaOf(m, vpage).filter((v) => !m.anonVma.includes(v))].sort((a, b) => a - b);
  return mappingWith(m, anonVma, m.holes);
}

/** The mapping covering `vpage` in `p`, or undefined (unmapped or a munmap hole). */
export function mappingAt(p: Process, vpage: number): Mapping | undefined {
  return p.mappings.find((m) => vpage >= m.base && vpage < m.base + m.pages && !m.holes.includes(vpage));
}

function frameOf(d: Draft, id: number): Frame {
  const f = d.frames.get(id);
  if (!f) throw new MemoryOpError(`frame ${id} is not allocated`);
  return f;
}

function allocFrame(d: Draft, value: string, extra?: Pick<Frame, 'object' | 'objectPage'>): number {
  const id = d.nextFrame++;
  const frame: Frame = extra
    ? { id, kind: 'shmem', refcount: 0, value, object: extra.object, objectPage: extra.objectPage }
    : { id, kind: 'anon', refcount: 0, value };
  framesW(d).set(id, frame);
  d.allocated.push(id);
  return id;
}

function addRef(d: Draft, id: number, delta: number): void {
  if (id === ZERO_FRAME) return;
  const f = frameOf(d, id);
  const refcount = f.refcount + delta;
  if (refcount < 0) throw new MemoryOpError(`frame ${id} reference count below zero`);
  if (refcount === 0 && f.kind === 'anon') {
    framesW(d).delete(id);
    d.freed.push(id);
  } else {
    framesW(d).set(id, frameWith(f, refcount, f.value));
  }
}

function setValue(d: Draft, id: number, value: string): void {
  const f = frameOf(d, id);
  framesW(d).set(id, frameWith(f, f.refcount, value));
}

function setProcess(d: Draft, i: number, p: Process): void {
  d.processes[i] = p;
}

function withPte(p: Process, vpage: number, pte: Pte | undefined): Process {
  const ptes = SmallMap.copy(p.ptes);
  if (pte) ptes.set(vpage, pte);
  else ptes.delete(vpage);
  return processWith(p, { ptes });
}

function withMapping(p: Process, m: Mapping): Process {
  return processWith(p, { mappings: p.mappings.map((x) => (x.name === m.name ? m : x)) });
}

/** Drops every entry and mapping of a process (exec, exit): frames lose references. */
function teardown(d: Draft, p: Process): void {
  for (const pte of p.ptes.values()) addRef(d, pte.frame, -1);
  for (const m of p.mappings) if (m.object !== undefined) releaseObject(d, m.object);
}

function releaseObject(d: Draft, objectId: number): void {
  const o = d.objects.get(objectId);
  if (!o) throw new MemoryOpError(`no shared object ${objectId}`);
  if (o.users > 1) {
    objectsW(d).set(objectId, sharedObjectWith(o, o.frames, o.users - 1));
    return;
  }
  for (const id of o.frames.values()) {
    const f = frameOf(d, id);
    if (f.refcount !== 0) throw new MemoryOpError(`shared frame ${id} still mapped when its object died`);
    framesW(d).delete(id);
    d.freed.push(id);
  }
  objectsW(d).delete(objectId);
}

function opMap(d: Draft, op: Extract<MemoryOp, { kind: 'map' }>): StepEvent {
  const [i, p] = liveProcess(d, op.pid);
  if (op.pages < 1) throw new MemoryOpError('map needs at least one page');
  if (p.mappings.some((m) => m.name === op.name)) throw new MemoryOpError(`mapping ${op.name} exists`);
  if (p.mappings.some((m) => op.base < m.base + m.pages && m.base < op.base + op.pages)) {
    throw new MemoryOpError(`mapping ${op.name} overlaps another`);
  }
  let object: number | undefined;
  if (op.shared) {
    object = d.nextObject++;
    objectsW(d).set(object, { id: object, pages: op.pages, frames: SmallMap.empty(), users: 1 });
  }
  const m: Mapping = {
    name: op.name,
    kind: op.shared ? 'shared' : 'private',
    base: op.base,
    pages: op.pages,
    anonVma: [],
    holes: [],
    ...(object === undefined ? {} : { object }),
  };
  setProcess(d, i, processWith(p, { mappings: [...p.mappings, m] }));
  return { op, fault: false, freed: d.freed, allocated: d.allocated };
}

/** Pages per fault-around window: Linux's default fault_around_bytes (64 KiB) over 4 KiB pages. */
export const FAULT_AROUND_PAGES = 16;

/**
 * The pages a read fault on a MAP_SHARED page may map at once (`do_fault_around`): the
 * 16-page window around it, aligned in the address space, clipped to the area. The model
 * assumes areas start on a 64 KiB boundary, so the window is aligned on the page index.
 */
export function faultAroundWindow(m: Mapping, vpage: number): number[] {
  const start = m.base + Math.floor((vpage - m.base) / FAULT_AROUND_PAGES) * FAULT_AROUND_PAGES;
  const out: number[] = [];
  for (let v = start; v < Math.min(start + FAULT_AROUND_PAGES, m.base + m.pages); v++) if (!m.holes.includes(v)) out.push(v);
  return out;
}

/** Faults in a MAP_SHARED page: the object's frame, allocated zero-filled on first touch. */
function sharedFault(d: Draft, m: Mapping, vpage: number): { frame: number; outcome: 'shared-map' | 'shared-alloc' } {
  const o = d.objects.get(m.object as number);
  if (!o) throw new MemoryOpError(`mapping ${m.name} has no object`);
  const index = vpage - m.base;
  const existing = o.frames.get(index);
  if (existing !== undefined) return { frame: existing, outcome: 'shared-map' };
  const frame = allocFrame(d, '\0', { object: o.id, objectPage: index });
  const frames = SmallMap.copy(o.frames);
  frames.set(index, frame);
  objectsW(d).set(o.id, sharedObjectWith(o, frames, o.users));
  return { frame, outcome: 'shared-alloc' };
}

function readDone(d: Draft, op: MemoryOp, fault: boolean, frame: number, outcome: StepEvent['outcome']): StepEvent {
  if (fault) d.counters.pageFaults++;
  const value = frame === ZERO_FRAME ? '\0' : frameOf(d, frame).value;
  return { op, fault, outcome, frame, value, freed: d.freed, allocated: d.allocated };
}

function opRead(d: Draft, op: Extract<MemoryOp, { kind: 'read' }>, rules: MemoryRules): StepEvent {
  const [i, p] = liveProcess(d, op.pid);
  const m = mappingAt(p, op.vpage);
  if (!m) throw new MemoryOpError(`${op.pid} reads unmapped page ${op.vpage}`);
  const pte = p.ptes.get(op.vpage);
  if (pte) return readDone(d, op, false, pte.frame, 'hit');
  if (m.kind === 'shared') {
    // fault-around first: neighbours already in the page cache are mapped too
    let next = p;
    const around: number[] = [];
    for (const v of faultAroundWindow(m, op.vpage)) {
      const cached = d.objects.get(m.object as number)?.frames.get(v - m.base);
      if (v === op.vpage || cached === undefined || next.ptes.has(v)) continue;
      addRef(d, cached, +1);
      next = withPte(next, v, { frame: cached, writable: true });
      around.push(v);
    }
    const { frame, outcome } = sharedFault(d, m, op.vpage);
    addRef(d, frame, +1);
    setProcess(d, i, withPte(next, op.vpage, { frame, writable: true }));
    const done = readDone(d, op, true, frame, outcome);
    return around.length === 0 ? done : { ...done, mappedAround: around };
  }
  if (rules.readAllocates) {
    const frame = allocFrame(d, '\0');
    addRef(d, frame, +1);
    d.counters.zeroFills++;
    setProcess(d, i, withMapping(withPte(p, op.vpage, { frame, writable: true }), withAnonVma(m, op.vpage)));
    return readDone(d, op, true, frame, 'alloc');
  }
  setProcess(d, i, withPte(p, op.vpage, { frame: ZERO_FRAME, writable: false }));
  return readDone(d, op, true, ZERO_FRAME, 'zero-map');
}

function opWrite(d: Draft, op: Extract<MemoryOp, { kind: 'write' }>, rules: MemoryRules): StepEvent {
  const [i, p] = liveProcess(d, op.pid);
  const m = mappingAt(p, op.vpage);
  if (!m) throw new MemoryOpError(`${op.pid} writes unmapped page ${op.vpage}`);
  const pte = p.ptes.get(op.vpage);

  if (pte?.writable) {
    setValue(d, pte.frame, op.value);
    return writeEvent(d, op, false, 'hit', pte.frame);
  }
  d.counters.pageFaults++;

  if (m.kind === 'shared') {
    const { frame, outcome } = sharedFault(d, m, op.vpage);
    addRef(d, frame, +1);
    setValue(d, frame, op.value);
    setProcess(d, i, withPte(p, op.vpage, { frame, writable: true }));
    return writeEvent(d, op, true, outcome, frame);
  }

  const withAnon: Mapping = withAnonVma(m, op.vpage);
  if (!pte || pte.frame === ZERO_FRAME) {
    const frame = allocFrame(d, op.value);
    addRef(d, frame, +1);
    d.counters.zeroFills++;
    setProcess(d, i, withMapping(withPte(p, op.vpage, { frame, writable: true }), withAnon));
    return pte ? writeEvent(d, op, true, 'zero-fill', frame, ZERO_FRAME) : writeEvent(d, op, true, 'alloc', frame);
  }

  const old = frameOf(d, pte.frame);
  if (old.refcount === 1 && rules.reuseSoleReference) {
    setValue(d, old.id, op.value);
    d.counters.reuses++;
    setProcess(d, i, withPte(p, op.vpage, { frame: old.id, writable: true }));
    return writeEvent(d, op, true, 'cow-reuse', old.id, old.id);
  }
  const frame = allocFrame(d, op.value);
  addRef(d, frame, +1);
  d.counters.copies++;
  d.counters.bytesCopied += PAGE_SIZE;
  addRef(d, old.id, -1);
  setProcess(d, i, withMapping(withPte(p, op.vpage, { frame, writable: true }), withAnon));
  return writeEvent(d, op, true, 'cow-copy', frame, old.id);
}

function opFork(d: Draft, op: Extract<MemoryOp, { kind: 'fork' }>, rules: MemoryRules): StepEvent {
  const [i, p] = liveProcess(d, op.pid);
  if (d.processes.some((x) => x.pid === op.child)) throw new MemoryOpError(`process ${op.child} exists`);
  const parentPtes = SmallMap.copy(p.ptes);
  const childPtes = SmallMap.empty<Pte>();
  const shared: number[] = [];
  for (const m of p.mappings) {
    if (m.kind === 'shared') {
      const o = d.objects.get(m.object as number);
      if (!o) throw new MemoryOpError(`mapping ${m.name} has no object`);
      objectsW(d).set(o.id, sharedObjectWith(o, o.frames, o.users + 1));
      continue;
    }
    for (let v = m.base; v < m.base + m.pages; v++) {
      const pte = p.ptes.get(v);
      if (!pte) continue;
      if (!m.anonVma.includes(v) && !rules.eagerForkCopy) continue;
      if (pte.frame === ZERO_FRAME) {
        childPtes.set(v, pte);
      } else if (rules.eagerForkCopy) {
        const frame = allocFrame(d, frameOf(d, pte.frame).value);
        addRef(d, frame, +1);
        d.counters.copies++;
        d.counters.bytesCopied += PAGE_SIZE;
        childPtes.set(v, { frame, writable: pte.writable });
      } else {
        addRef(d, pte.frame, +1);
        shared.push(pte.frame);
        parentPtes.set(v, { frame: pte.frame, writable: false });
        childPtes.set(v, { frame: pte.frame, writable: false });
      }
    }
  }
  setProcess(d, i, processWith(p, { ptes: parentPtes }));
  d.processes.push({
    pid: op.child,
    parent: p.pid,
    status: 'running',
    execed: false,
    mappings: p.mappings,
    ptes: childPtes,
  });
  return { op, fault: false, shared, freed: d.freed, allocated: d.allocated };
}

function opExec(d: Draft, op: Extract<MemoryOp, { kind: 'exec' }>, rules: MemoryRules): StepEvent {
  const [i, p] = liveProcess(d, op.pid);
  if (rules.execKeepsReferences) {
    // the misconception: the old frames stay referenced by an address space nobody can use
    const ghost = processWith(p, { pid: `${p.pid}~old`, status: 'exited' });
    d.processes.push(ghost);
  } else {
    teardown(d, p);
  }
  setProcess(d, i, processWith(p, { execed: true, mappings: [], ptes: SmallMap.empty() }));
  return { op, fault: false, freed: d.freed, allocated: d.allocated };
}

function opExit(d: Draft, op: Extract<MemoryOp, { kind: 'exit' }>, rules: MemoryRules): StepEvent {
  const [i, p] = liveProcess(d, op.pid);
  if (rules.exitKeepsReferences) {
    setProcess(d, i, processWith(p, { status: 'exited' }));
  } else {
    teardown(d, p);
    setProcess(d, i, processWith(p, { status: 'exited', mappings: [], ptes: SmallMap.empty() }));
  }
  return { op, fault: false, freed: d.freed, allocated: d.allocated };
}

function opMunmap(d: Draft, op: Extract<MemoryOp, { kind: 'munmap' }>): StepEvent {
  const [i, p] = liveProcess(d, op.pid);
  let next = p;
  for (let v = op.vpage; v < op.vpage + op.pages; v++) {
    const m = mappingAt(next, v);
    if (!m) throw new MemoryOpError(`${op.pid} unmaps unmapped page ${v}`);
    if (m.kind !== 'private') throw new MemoryOpError('munmap of part of a shared mapping is not modelled');
    const pte = next.ptes.get(v);
    if (pte) addRef(d, pte.frame, -1);
    next = withMapping(withPte(next, v, undefined), mappingWith(m, m.anonVma, [...m.holes, v]));
  }
  setProcess(d, i, next);
  return { op, fault: false, freed: d.freed, allocated: d.allocated };
}

/**
 * Applies one operation. Throws `MemoryOpError` for an impossible operation (a process
 * that does not exist or has exited, an access outside every mapping); never for a
 * legitimate one.
 */
export function step(
  state: MemoryState,
  op: MemoryOp,
  rules: MemoryRules = LINUX_RULES,
): { state: MemoryState; event: StepEvent } {
  const d = draftOf(state);
  let event: StepEvent;
  switch (op.kind) {
    case 'map':
      event = opMap(d, op);
      break;
    case 'read':
      event = opRead(d, op, rules);
      break;
    case 'write':
      event = opWrite(d, op, rules);
      break;
    case 'fork':
      event = opFork(d, op, rules);
      break;
    case 'exec':
      event = opExec(d, op, rules);
      break;
    case 'exit':
      event = opExit(d, op, rules);
      break;
    case 'munmap':
      event = opMunmap(d, op);
      break;
  }
  return { state: finish(d), event };
}

/** One step of a simulated scenario. */
export interface TraceEntry {
  /** 1-based step number. */
  readonly step: number;
  readonly event: StepEvent;
  /** The state right after the step. */
  readonly state: MemoryState;
}

/** A whole run: the initial state and the state after every step. */
export interface MemoryTrace {
  readonly initial: MemoryState;
  readonly entries: readonly TraceEntry[];
  readonly final: MemoryState;
}

/** Runs a whole scenario from an empty parent process; the trace holds every state. */
export function simulate(
  ops: readonly MemoryOp[],
  rules: MemoryRules = LINUX_RULES,
  root: ProcessId = 'parent',
): MemoryTrace {
  const initial = initialMemoryState(root);
  let state = initial;
  const entries: TraceEntry[] = [];
  ops.forEach((op, k) => {
    const r = step(state, op, rules);
    state = r.state;
    entries.push({ step: k + 1, event: r.event, state });
  });
  return { initial, entries, final: state };
}

/** The state right after step `k` (1-based; 0 is the initial state). */
export function stateAfter(trace: MemoryTrace, k: number): MemoryState {
  if (k === 0) return trace.initial;
  const e = trace.entries[k - 1];
  if (!e) throw new MemoryOpError(`no step ${k}`);
  return e.state;
}

// ------------------------------------------------------------------ derived quantities

/** Frames allocated right now: anonymous frames plus MAP_SHARED page-cache frames. The zero page is not counted. */
export function framesInUse(state: MemoryState): number {
  return state.frames.size;
}

/** The number of page-table entries mapping `frame` (0 once it is freed). */
export function frameRefcount(state: MemoryState, frame: number): number {
  return state.frames.get(frame)?.refcount ?? 0;
}

/** Distinct frames mapped by some live entry, without the zero page. */
export function mappedFrames(state: MemoryState): Set<number> {
  const out = new Set<number>();
  for (const p of state.processes) for (const pte of p.ptes.values()) if (pte.frame !== ZERO_FRAME) out.add(pte.frame);
  return out;
}

/** Entries mapping `frame`, counted over every process (the invariant refcount must equal). */
export function countMappings(state: MemoryState, frame: number): number {
  let n = 0;
  for (const p of state.processes) for (const pte of p.ptes.values()) if (pte.frame === frame) n++;
  return n;
}

/** The process named `pid` (running or exited), if it exists. */
export function processOf(state: MemoryState, pid: ProcessId): Process | undefined {
  return state.processes.find((p) => p.pid === pid);
}

/** `pid`'s page-table entry for `vpage`, or undefined when not present. */
export function pteOf(state: MemoryState, pid: ProcessId, vpage: number): Pte | undefined {
  return processOf(state, pid)?.ptes.get(vpage);
}

/** Private pages of `pid` backed by a real frame (not the zero page): what an eager fork would copy. */
export function residentPrivatePages(state: MemoryState, pid: ProcessId): number {
  const p = processOf(state, pid);
  if (!p) return 0;
  let n = 0;
  for (const [v, pte] of p.ptes) if (pte.frame !== ZERO_FRAME && mappingAt(p, v)?.kind === 'private') n++;
  return n;
}

/** The byte `pid` would read at `vpage` now, without changing anything. */
export function peek(state: MemoryState, pid: ProcessId, vpage: number): string {
  const p = processOf(state, pid);
  const m = p && mappingAt(p, vpage);
  if (!p || !m) throw new MemoryOpError(`${pid} has no page ${vpage}`);
  const pte = p.ptes.get(vpage);
  if (pte) return pte.frame === ZERO_FRAME ? '\0' : (state.frames.get(pte.frame)?.value ?? '\0');
  if (m.kind === 'shared') {
    const f = state.objects.get(m.object as number)?.frames.get(vpage - m.base);
    return f === undefined ? '\0' : (state.frames.get(f)?.value ?? '\0');
  }
  return '\0';
}
