/**
 * Turns an objects run into the explanation view model: a `TableView` with one row per
 * module statement and, after it, where every name points, every live instance with its
 * own attributes, and the class attributes. Lists are named `L1`, `L2`… so that a list
 * shared by several owners is visibly one object.
 */
import type { CellText, Localized, TableView } from '@/lib/questions/types';
import { objectLabel, type ObjRun } from './interpret';
import { renderProgram, stmtCode } from './render';
import type { HeapObject, ObjState, Value } from './types';

type Heap = readonly (HeapObject | null)[];

const label = objectLabel;

/** A value as the table shows it: literals as Python writes them, objects by label, lists with contents. */
export function describeValue(heap: Heap, v: Value, depth = 0): string {
  switch (v.t) {
    case 'int':
      return String(v.v);
    case 'str':
      return `'${v.v}'`;
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'ref': {
      const o = heap[v.id];
      if (o && o.kind === 'list' && depth === 0) return `${label(heap, v.id)} [${o.items.map((i) => describeValue(heap, i, 1)).join(', ')}]`;
      return label(heap, v.id);
    }
  }
}

// The texts below are built with plain loops: the trace table of every question is made of them.

/** `a → Node#1, keep → L2 [Node#1]`; class names are left out. */
export function namesText(state: ObjState): string {
  let out = '';
  for (const n in state.globals) {
    const v = state.globals[n] as Value;
    if (v.t === 'ref' && state.heap[v.id]?.kind === 'class') continue;
    out += `${out === '' ? '' : ', '}${n} → ${describeValue(state.heap, v)}`;
  }
  return out === '' ? '—' : out;
}

/** Every live instance with its own `__dict__`: `Node#1 {value: 1, count: 1}`. */
export function instancesText(state: ObjState): string {
  let out = '';
  for (const o of state.heap) {
    if (o === null || o.kind !== 'instance' || state.destroyed.includes(o.id)) continue;
    let dict = '';
    for (const k in o.dict) dict += `${dict === '' ? '' : ', '}${k}: ${describeValue(state.heap, o.dict[k] as Value)}`;
    out += `${out === '' ? '' : '; '}${label(state.heap, o.id)} {${dict}}`;
  }
  return out === '' ? '—' : out;
}

/** Class attributes: `Node.count = 2, Node.items → L1 [1]`. */
export function classAttrsText(state: ObjState): string {
  let out = '';
  for (const o of state.heap) {
    if (!o || o.kind !== 'class') continue;
    for (const k in o.dict) {
      const v = o.dict[k] as Value;
      out += `${out === '' ? '' : ', '}${o.name}.${k} ${v.t === 'ref' ? '→' : '='} ${describeValue(state.heap, v)}`;
    }
  }
  return out === '' ? '—' : out;
}

const H = (en: string, ko: string): Localized => ({ en, ko });

/**
 * The trace table: line, statement, names, live instances (own attributes), class
 * attributes, and what happened (created, freed, printed).
 */
export function traceTable(run: ObjRun, opts: { readonly upTo?: number; readonly highlight?: number } = {}): TableView {
  const { lines } = renderProgram(run.program);
  const last = Math.min(opts.upTo ?? run.states.length - 1, run.states.length - 1);
  const rows: CellText[][] = [];
  // A step that changed no object shares the heap array (and, if it bound no name, the
  // globals) with the state before it: its texts are then the same, and are not rebuilt.
  let prev = run.initial;
  let texts = [namesText(prev), instancesText(prev), classAttrsText(prev)] as const;
  const textsOf = (s: ObjState) => {
    if (s.heap !== prev.heap || s.destroyed !== prev.destroyed) texts = [namesText(s), instancesText(s), classAttrsText(s)];
    else if (s.globals !== prev.globals) texts = [namesText(s), texts[1], texts[2]];
    prev = s;
    return texts;
  };
  rows.push(['—', H('(classes defined)', '(클래스 정의)'), ...texts, '']);
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
    const events: CellText = en.length > 0 ? H(en.join('; '), ko.join('; ')) : '';
    const line = String(lines[i] ?? '?');
    rows.push([opts.highlight === i ? `▶ ${line}` : line, stmtCode(stmt), ...textsOf(s), events]);
  }
  return {
    kind: 'table',
    caption: H(
      'Trace: after each line, where the names point, the live instances with their own attributes (__dict__), and the class attributes.',
      '추적: 각 줄을 실행한 뒤 이름이 가리키는 객체, 살아 있는 인스턴스와 그 자신의 속성(__dict__), 클래스 속성.',
    ),
    header: [
      H('Line', '줄'),
      H('Statement', '문장'),
      H('Names', '이름'),
      H('Live instances (own attributes)', '살아 있는 인스턴스 (자신의 속성)'),
      H('Class attributes', '클래스 속성'),
      H('Effect', '효과'),
    ],
    rows,
  };
}
