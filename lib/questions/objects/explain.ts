/**
 * The explanation view of an objects run: a `TableView` with one row per module statement
 * and, after it, where every name points, every live instance with its own attributes, and
 * the class attributes. Lists are named `L1`, `L2`… so that a list shared by several owners
 * is visibly one object.
 */
import { objectLabel, renderProgram, reprOf, stmtCode, type ClassObject, type HeapObject, type InstanceObject, type ObjRun, type ObjState, type Value } from '@/lib/sim/objects';
import { L } from '../kit';
import type { CellText, TableView } from '../types';

type Heap = readonly (HeapObject | null)[];

/** A value as the table shows it: literals as Python writes them, objects by label, lists with contents. */
export function describeValue(heap: Heap, v: Value, depth = 0): string {
  if (v.t !== 'ref') return reprOf(heap, v);
  const o = heap[v.id];
  if (o && o.kind === 'list' && depth === 0) return `${objectLabel(heap, v.id)} [${o.items.map((i) => describeValue(heap, i, 1)).join(', ')}]`;
  return objectLabel(heap, v.id);
}

/** `parts` joined with `separator`, or a dash when there are none. */
const listed = (parts: readonly string[], separator: string): string => (parts.length === 0 ? '—' : parts.join(separator));

/** `a → Node#1, keep → L2 [Node#1]`; class names are left out. */
export function namesText(state: ObjState): string {
  const bound = Object.entries(state.globals).filter(([, v]) => !(v.t === 'ref' && state.heap[v.id]?.kind === 'class'));
  return listed(
    bound.map(([n, v]) => `${n} → ${describeValue(state.heap, v)}`),
    ', ',
  );
}

/** Every live instance with its own `__dict__`: `Node#1 {value: 1, count: 1}`. */
export function instancesText(state: ObjState): string {
  const live = state.heap.filter((o): o is InstanceObject => o !== null && o.kind === 'instance' && !state.destroyed.includes(o.id));
  return listed(
    live.map((o) => `${objectLabel(state.heap, o.id)} {${Object.entries(o.dict).map(([k, v]) => `${k}: ${describeValue(state.heap, v)}`).join(', ')}}`),
    '; ',
  );
}

/** Class attributes: `Node.count = 2, Node.items → L1 [1]`. */
export function classAttrsText(state: ObjState): string {
  const classes = state.heap.filter((o): o is ClassObject => o !== null && o.kind === 'class');
  return listed(
    classes.flatMap((o) => Object.entries(o.dict).map(([k, v]) => `${o.name}.${k} ${v.t === 'ref' ? '→' : '='} ${describeValue(state.heap, v)}`)),
    ', ',
  );
}

/** The three state columns of a row of the trace table. */
const stateTexts = (s: ObjState): string[] => [namesText(s), instancesText(s), classAttrsText(s)];

/**
 * The trace table: line, statement, names, live instances (own attributes), class
 * attributes, and what happened (created, freed, printed).
 */
export function traceTable(run: ObjRun, opts: { readonly upTo?: number; readonly highlight?: number } = {}): TableView {
  const { lines } = renderProgram(run.program);
  const last = Math.min(opts.upTo ?? run.states.length - 1, run.states.length - 1);
  const rows: CellText[][] = [['—', L('(classes defined)', '(클래스 정의)'), ...stateTexts(run.initial), '']];
  for (let i = 0; i <= last; i++) {
    const s = run.states[i] as ObjState;
    const t = run.trace[i];
    const stmt = run.program.body[i];
    if (!stmt || !t) continue;
    const en: string[] = [];
    const ko: string[] = [];
    if (t.createdLabels.length > 0) {
      en.push(`+ ${t.createdLabels.join(', ')}`);
      ko.push(`+ ${t.createdLabels.join(', ')}`);
    }
    if (t.freedLabels.length > 0) {
      en.push(`freed ${t.freedLabels.join(', ')}`);
      ko.push(`해제 ${t.freedLabels.join(', ')}`);
    }
    if (t.printed !== undefined) {
      en.push(`prints ${t.printed}`);
      ko.push(`출력 ${t.printed}`);
    }
    const events: CellText = en.length > 0 ? L(en.join('; '), ko.join('; ')) : '';
    const line = String(lines[i] ?? '?');
    rows.push([opts.highlight === i ? `▶ ${line}` : line, stmtCode(stmt), ...stateTexts(s), events]);
  }
  return {
    kind: 'table',
    caption: L(
      'Trace: after each line, where the names point, the live instances with their own attributes (__dict__), and the class attributes.',
      '추적: 각 줄을 실행한 뒤 이름이 가리키는 객체, 살아 있는 인스턴스와 그 자신의 속성(__dict__), 클래스 속성.',
    ),
    header: [
      L('Line', '줄'),
      L('Statement', '문장'),
      L('Names', '이름'),
      L('Live instances (own attributes)', '살아 있는 인스턴스 (자신의 속성)'),
      L('Class attributes', '클래스 속성'),
      L('Effect', '효과'),
    ],
    rows,
  };
}
