/**
 * Explanations from the simulator's trace: what each step did (in words), the page
 * tables and frames after every step (a `MemoryView`), and a step-by-step table.
 */
import { framesInUse, mappingAt, step, type MemoryTrace, type TraceEntry } from '@/lib/sim/memory/machine';
import { LINUX_RULES, ZERO_FRAME, type MemoryOp, type MemoryRules, type MemoryState, type StepEvent } from '@/lib/sim/memory/types';
import type { ExplanationView, Localized, MemorySnapshotView, MemoryView, Option, PageTableEntryView, ResponseSpec, TableView } from '../types';
import { misconceptionsOf, MISCONCEPTIONS, opCode, pageName, procName, quoteByte, showByte, stepLabel, type MemoryVersion } from './common';
import { josa, PARTICLE } from '../kit';

type MisconceptionKey = keyof typeof MISCONCEPTIONS;

function f(n: number | undefined): string {
  return n === ZERO_FRAME ? 'the zero page' : `frame ${n}`;
}

function fk(n: number | undefined): string {
  return n === ZERO_FRAME ? '제로 페이지' : `프레임 ${n}`;
}

/** What a step did, in one sentence (from version 3, an exit, exec or munmap that frees nothing says so). */
export function eventText(e: StepEvent, refsBefore?: number, version: MemoryVersion = 2): Localized {
  const op = e.op;
  switch (e.outcome) {
    case 'hit':
      return op.kind === 'read'
        ? { en: `No fault: the entry is present; reads ${quoteByte(e.value ?? '\0')}.`, ko: `폴트 없음: 엔트리가 있으므로 ${quoteByte(e.value ?? '\0')} 값을 읽는다.` }
        : { en: `No fault: the entry is already writable (${f(e.frame)}).`, ko: `폴트 없음: 엔트리가 이미 쓰기 가능하다 (${fk(e.frame)}).` };
    case 'zero-map':
      return {
        en: 'Page fault: the page was never written, so the kernel maps the shared zero page read-only; reads \\0.',
        ko: '페이지 폴트: 쓴 적이 없는 페이지라 커널이 공유 제로 페이지를 읽기 전용으로 매핑한다. \\0을 읽는다.',
      };
    case 'alloc':
      return {
        en: `Page fault: first touch of the page; the kernel allocates ${f(e.frame)} (zero-filled), nothing is copied.`,
        ko: `페이지 폴트: 페이지를 처음 건드렸다. 커널이 ${josa(fk(e.frame), PARTICLE.eul, 'vowel')} 0으로 채워 할당하고, 복사는 없다.`,
      };
    case 'zero-fill':
      return {
        en: `Page fault: the entry maps the read-only zero page; the kernel allocates ${f(e.frame)} zero-filled (no copy).`,
        ko: `페이지 폴트: 엔트리가 읽기 전용 제로 페이지를 가리킨다. 커널이 ${josa(fk(e.frame), PARTICLE.eul, 'vowel')} 0으로 채워 할당한다 (복사 없음).`,
      };
    case 'cow-copy':
      return {
        en: `Page fault on a read-only copy-on-write entry: ${f(e.fromFrame)} has ${refsBefore ?? 'more than one'} references, so the kernel copies it into ${f(e.frame)}, maps that writable and drops one reference from ${f(e.fromFrame)}.`,
        ko: `읽기 전용 COW 엔트리에서 페이지 폴트: ${fk(e.fromFrame)}의 참조가 ${refsBefore ?? '둘 이상'}개이므로 커널이 ${josa(fk(e.frame), PARTICLE.ro, 'vowel')} 복사해 쓰기 가능으로 매핑하고 ${fk(e.fromFrame)}의 참조를 하나 줄인다.`,
      };
    case 'cow-reuse':
      return {
        en: `Page fault on a read-only copy-on-write entry, but ${f(e.frame)} has only this one reference left: the kernel makes the entry writable again, without copying.`,
        ko: `읽기 전용 COW 엔트리에서 페이지 폴트가 나지만 ${fk(e.frame)}의 참조가 이것 하나뿐이다. 커널은 복사 없이 엔트리를 다시 쓰기 가능으로 만든다.`,
      };
    case 'shared-map':
      return {
        en: `Page fault: fork did not copy MAP_SHARED entries, so the kernel maps the shared object's ${f(e.frame)} (no copy).`,
        ko: `페이지 폴트: fork는 MAP_SHARED 엔트리를 복사하지 않으므로 커널이 공유 객체의 ${josa(fk(e.frame), PARTICLE.eul, 'vowel')} 매핑한다 (복사 없음).`,
      };
    case 'shared-alloc':
      return {
        en: `Page fault: first touch of the shared page; the kernel allocates ${f(e.frame)} in the shared object.`,
        ko: `페이지 폴트: 공유 페이지를 처음 건드렸다. 커널이 공유 객체에 ${josa(fk(e.frame), PARTICLE.eul, 'vowel')} 할당한다.`,
      };
    case undefined:
      break;
  }
  switch (op.kind) {
    case 'map':
      return { en: 'Creates the mapping; no frame is allocated yet.', ko: '매핑을 만든다. 아직 프레임은 할당되지 않는다.' };
    case 'fork': {
      const n = e.shared?.length ?? 0;
      const child = op.kind === 'fork' ? procName(op.child) : { en: 'child', ko: '자식' };
      return {
        en: `The ${child.en} gets a copy of the page table, not of the pages: ${n} frame${n === 1 ? ' now has' : 's now have'} one more reference, and both entries of each become read-only.`,
        ko: `${josa(child.ko, PARTICLE.eun, 'vowel')} 페이지가 아니라 페이지 테이블의 복사본을 받는다. 프레임 ${n}개의 참조가 하나씩 늘고, 각 프레임의 양쪽 엔트리가 읽기 전용이 된다.`,
      };
    }
    case 'exec':
    case 'exit': {
      const freed = e.freed.filter((x) => x !== ZERO_FRAME);
      if (version >= 3) return dropText(op.kind, freed);
      const list = freed.length ? freed.join(', ') : '—';
      return op.kind === 'exec'
        ? { en: `The old address space is dropped: every frame loses one reference; freed: ${list}.`, ko: `옛 주소 공간을 버린다. 각 프레임의 참조가 하나씩 줄고, 해제된 프레임: ${list}.` }
        : { en: `The process's memory is released at exit (not at wait): every frame loses one reference; freed: ${list}.`, ko: `프로세스의 메모리는 (wait가 아니라) 종료할 때 해제된다. 각 프레임의 참조가 하나씩 줄고, 해제된 프레임: ${list}.` };
    }
    case 'munmap': {
      if (version >= 3) return dropText('munmap', e.freed);
      const list = e.freed.length ? e.freed.join(', ') : '—';
      return { en: `The entry is removed; its frame loses one reference; freed: ${list}.`, ko: `엔트리를 지우고 그 프레임의 참조를 하나 줄인다. 해제된 프레임: ${list}.` };
    }
    default:
      return { en: '', ko: '' };
  }
}

/** What an exec, exit or munmap did to the frames, naming the freed ones only when there are some (version 3). */
function dropText(kind: 'exec' | 'exit' | 'munmap', freed: readonly number[]): Localized {
  const what: Localized =
    kind === 'exec'
      ? { en: 'The old address space is dropped: every frame loses one reference', ko: '옛 주소 공간을 버린다. 각 프레임의 참조가 하나씩 줄고' }
      : kind === 'exit'
        ? { en: "The process's memory is released at exit (not at wait): every frame loses one reference", ko: '프로세스의 메모리는 (wait가 아니라) 종료할 때 해제된다. 각 프레임의 참조가 하나씩 줄고' }
        : { en: 'The entry is removed and its frame loses one reference', ko: '엔트리를 지우고 그 프레임의 참조가 하나 줄고' };
  const list = freed.join(', ');
  return freed.length
    ? { en: `${what.en}; the frames left with no reference are freed: ${list}.`, ko: `${what.ko}, 참조가 남지 않은 프레임을 해제한다: ${list}.` }
    : { en: `${what.en}; every frame is still referenced, so none is freed.`, ko: `${what.ko}, 모든 프레임에 참조가 남아 해제되는 프레임은 없다.` };
}

/** The reference count the written frame had right before step `k` (1-based). */
export function refsBeforeStep(trace: MemoryTrace, k: number): number | undefined {
  const e = trace.entries[k - 1];
  if (!e || e.event.fromFrame === undefined) return undefined;
  const before = k >= 2 ? trace.entries[k - 2]?.state : trace.initial;
  return before?.frames.get(e.event.fromFrame)?.refcount;
}

/** "Step k: <what the step does>" for step `k` (1-based) of the trace. */
function labelOf(trace: MemoryTrace, k: number, version: MemoryVersion): Localized {
  return stepLabel((trace.entries[k - 1] as TraceEntry).event.op, k, version);
}

/** What the kernel did in step `k` (1-based) of the trace. */
function eventTextOf(trace: MemoryTrace, k: number, version: MemoryVersion): Localized {
  return eventText((trace.entries[k - 1] as TraceEntry).event, refsBeforeStep(trace, k), version);
}

/** "Step k: <what the step does>. <what the kernel did>" from the trace. */
export function stepExplanation(trace: MemoryTrace, k: number, version: MemoryVersion = 2): Localized {
  const e = trace.entries[k - 1];
  if (!e) return { en: '', ko: '' };
  const what = eventTextOf(trace, k, version);
  const label = labelOf(trace, k, version);
  return { en: `${label.en}. ${what.en}`, ko: `${label.ko}. ${what.ko}` };
}

// ------------------------------------------------------------------ page tables and frames

/**
 * One snapshot: each process that still has an address space (exited processes are left
 * out), every page of its mappings (present or not), and every allocated frame with its
 * reference count. The zero page is listed (frame 0, `zero: true`) while some entry maps it.
 */
function snapshotView(state: MemoryState, label: Localized): MemorySnapshotView {
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
      entries.sort((a, b) => a.vpage - b.vpage);
      return { pid: p.pid, label: `${procName(p.pid).en}${p.execed ? ' (exec)' : ''}`, entries };
    });
  const zeroRefs = state.processes.flatMap((p) => [...p.ptes.values()]).filter((pte) => pte.frame === ZERO_FRAME).length;
  const zero = zeroRefs > 0 ? [{ frame: ZERO_FRAME, refcount: zeroRefs, content: '\\0', zero: true }] : [];
  const allocated = [...state.frames.values()].sort((a, b) => a.id - b.id).map((f) => ({ frame: f.id, refcount: f.refcount, content: showByte(f.value) }));
  return {
    label,
    processes,
    frames: [...zero, ...allocated],
    counters: {
      framesInUse: framesInUse(state),
      pageFaults: state.counters.pageFaults,
      copies: state.counters.copies,
      bytesCopied: state.counters.bytesCopied,
    },
  };
}

/** The whole trace as a view: one snapshot per step, labelled "Step k: …". */
function memoryView(trace: MemoryTrace, version: MemoryVersion): MemoryView {
  return { kind: 'memory', steps: trace.entries.map((e) => snapshotView(e.state, labelOf(trace, e.step, version))) };
}

const yes: Localized = { en: 'yes', ko: '예' };
const no: Localized = { en: 'no', ko: '아니요' };

/** One row per step: process, operation, fault, what happened, frames in use after it. */
export function stepsTableView(ops: readonly MemoryOp[], trace: MemoryTrace, version: MemoryVersion = 2): TableView {
  return {
    kind: 'table',
    caption: { en: 'What each step did', ko: '각 단계에서 일어난 일' },
    header: [
      { en: 'Step', ko: '단계' },
      { en: 'Process', ko: '프로세스' },
      { en: 'Operation', ko: '연산' },
      { en: 'Fault', ko: '폴트' },
      { en: 'What the kernel did', ko: '커널이 한 일' },
      { en: 'Frames in use', ko: '사용 중 프레임' },
    ],
    rows: trace.entries.map((e, i) => {
      const op = ops[i] as MemoryOp;
      const access = op.kind === 'read' || op.kind === 'write';
      return [
        String(e.step),
        procName(op.pid),
        opCode(op, e.step),
        access ? (e.event.fault ? yes : no) : '—',
        eventTextOf(trace, e.step, version),
        String(framesInUse(e.state)),
      ];
    }),
  };
}

/** The standard views: page tables and frames per step, then the step table. */
export function traceViews(ops: readonly MemoryOp[], trace: MemoryTrace, version: MemoryVersion = 2): ExplanationView[] {
  return [memoryView(trace, version), stepsTableView(ops, trace, version)];
}

// ------------------------------------------------------------------ numeric choices

export interface NumberCandidate {
  /** The value, or a thunk computing it (evaluated only while options are still needed). */
  readonly value: number | (() => number);
  readonly misconception: MisconceptionKey;
}

/**
 * A choice among numbers: the correct one, the values misconceptions lead to (first
 * come, first kept; a misconception that gives the right answer is dropped), and
 * neighbours to reach `size` options. Options are sorted; ids are `n<value>`.
 */
export function numberChoice(
  correct: number,
  candidates: readonly NumberCandidate[],
  label: (n: number) => Localized,
  size = 4,
  version: MemoryVersion = 2,
): { response: ResponseSpec; answer: string } {
  const misconceptions = misconceptionsOf(version);
  const chosen = new Map<number, MisconceptionKey | null>([[correct, null]]);
  for (const c of candidates) {
    if (chosen.size >= size) break;
    const value = typeof c.value === 'function' ? c.value() : c.value;
    if (value < 0 || chosen.has(value)) continue;
    chosen.set(value, c.misconception);
  }
  for (let d = 1; chosen.size < size && d < 20; d++) {
    for (const v of [correct + d, correct - d]) {
      if (chosen.size < size && v >= 0 && !chosen.has(v)) chosen.set(v, null);
    }
  }
  const options: Option[] = [...chosen.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([value, mis]) => ({ id: `n${value}`, label: label(value), ...(mis ? { misconception: misconceptions[mis] } : {}) }));
  return { response: { kind: 'choice', options }, answer: `n${correct}` };
}

export { pageName };

/** "frame 1 (parent p[0], child p[0]); frame 3 (child p[1])" for a state. */
export function frameHolders(state: MemoryTrace['final']): Localized {
  const holders = new Map<number, { en: string[]; ko: string[] }>();
  for (const p of state.processes) {
    for (const [v, pte] of [...p.ptes].sort((a, b) => a[0] - b[0])) {
      if (pte.frame === ZERO_FRAME) continue;
      const h = holders.get(pte.frame) ?? { en: [], ko: [] };
      h.en.push(`${procName(p.pid).en} ${pageName(v)}`);
      h.ko.push(`${procName(p.pid).ko} ${pageName(v)}`);
      holders.set(pte.frame, h);
    }
  }
  for (const f of state.frames.values()) {
    if (!holders.has(f.id)) holders.set(f.id, { en: ['shared object only'], ko: ['공유 객체에만'] });
  }
  const ids = [...holders.keys()].sort((a, b) => a - b);
  if (ids.length === 0) return { en: 'none', ko: '없음' };
  return {
    en: ids.map((id) => `frame ${id} (${holders.get(id)?.en.join(', ')})`).join('; '),
    ko: ids.map((id) => `프레임 ${id} (${holders.get(id)?.ko.join(', ')})`).join('; '),
  };
}

/** Steps from `from` to `to` (1-based, inclusive) that allocated, copied, reused or freed frames, explained. */
export function keySteps(trace: MemoryTrace, from: number, to: number, version: MemoryVersion = 2): Localized[] {
  const out: Localized[] = [];
  for (let k = Math.max(1, from); k <= to; k++) {
    const e = trace.entries[k - 1];
    if (!e) continue;
    const ev = e.event;
    const interesting =
      ev.op.kind === 'fork' ||
      ev.op.kind === 'exec' ||
      ev.op.kind === 'exit' ||
      ev.op.kind === 'munmap' ||
      (ev.outcome !== undefined && ev.outcome !== 'hit');
    if (interesting) out.push(stepExplanation(trace, k, version));
  }
  return out;
}

// ------------------------------------------------------------------ misconception runs

/**
 * Where each rule switch is consulted, read off a Linux step: the step function looks at
 * the switch only in steps like this one (a write that reused its frame, a read that
 * mapped the zero page, an exit, an exec, a fork). Any other step behaves the same with
 * the switch flipped.
 */
const CONSULTED: { readonly [K in keyof MemoryRules]: (e: StepEvent) => boolean } = {
  reuseSoleReference: (e) => e.outcome === 'cow-reuse',
  readAllocates: (e) => e.outcome === 'zero-map',
  exitKeepsReferences: (e) => e.op.kind === 'exit',
  execKeepsReferences: (e) => e.op.kind === 'exec',
  eagerForkCopy: (e) => e.op.kind === 'fork',
};

/**
 * The first step (1-based, at most `upTo`) at which running under Linux's rules changed by
 * `change` can differ from the Linux trace, or 0 if none can. Before it, both runs take
 * the same steps through the same states.
 */
function firstDifference(trace: MemoryTrace, upTo: number, change: Partial<MemoryRules>): number {
  const changed = (Object.keys(change) as (keyof MemoryRules)[]).filter((k) => change[k] !== undefined && change[k] !== LINUX_RULES[k]);
  if (changed.length === 0) return 0;
  const last = Math.min(upTo, trace.entries.length);
  for (let k = 1; k <= last; k++) {
    const e = (trace.entries[k - 1] as TraceEntry).event;
    if (changed.some((rule) => CONSULTED[rule](e))) return k;
  }
  return 0;
}

/**
 * Whether running the first `upTo` steps under `rules` can differ from Linux at all,
 * judged from the Linux trace: e.g. "always copy" only matters if some write reused a
 * frame. Lets generators skip misconception runs that would repeat the right answer.
 */
export function rulesMatter(trace: MemoryTrace, upTo: number, rules: Partial<MemoryRules>): boolean {
  return firstDifference(trace, upTo, rules) > 0;
}

/**
 * The first `upTo` steps of `ops` under Linux's rules changed by `change`, given `linux`,
 * the Linux trace of the same `ops`: its steps before the first one the change can affect
 * are taken as they are (they would be simulated identically), the rest are simulated.
 * A misconception run so costs the steps from its first difference on, not all `upTo`
 * (none when the change cannot matter); tests/unit/sim/memory/invariants.test.ts checks
 * it equals a full run under the changed rules.
 */
export function simulateUnder(linux: MemoryTrace, ops: readonly MemoryOp[], upTo: number, change: Partial<MemoryRules>): MemoryTrace {
  const last = Math.min(upTo, ops.length);
  if (linux.entries.length !== ops.length) throw new Error('simulateUnder needs the Linux trace of the same steps');
  const from = firstDifference(linux, last, change) || last + 1;
  const rules = { ...LINUX_RULES, ...change };
  const entries = linux.entries.slice(0, from - 1);
  let state = from >= 2 ? (linux.entries[from - 2] as TraceEntry).state : linux.initial;
  for (let k = from; k <= last; k++) {
    const r = step(state, ops[k - 1] as MemoryOp, rules);
    state = r.state;
    entries.push({ step: k, event: r.event, state });
  }
  return { initial: linux.initial, entries, final: state };
}
