/**
 * Shared grammar of the objects generators: the class (which features its `__init__`,
 * `__eq__` and `__del__` have) and a random walk that proposes module statements and keeps
 * only those the simulator runs without a Python error or a reference cycle.
 */
import type { Rng } from '@/lib/sim/rng';
import {
  hasCycle,
  ObjectsError,
  ProgramBuilder,
  type BaseRun,
  step,
  stmtCode,
  type ClassSpec,
  type Expr,
  type ObjRun,
  type ObjState,
  type ObjectProgram,
  type Stmt,
  type Value,
} from '@/lib/sim/objects';
import { finalConsonant, L, PARTICLE, josa, search as kitSearch } from '../kit';
import type { Explanation, Generated, Localized, PromptBlock } from '../types';
import { traceTable } from './explain';


/**
 * An objects generator's `generate`: `build` tries random scenarios (up to SEARCH_TRIES of
 * them), handing on what it worked out; else the fallback scenario with its analysis.
 */
export function searchScenario<S, A>(rng: Rng, build: (rng: Rng) => Generated<S, A> | null, fallback: () => S, analyze: (s: S) => A): Generated<S, A> {
  return kitSearch(
    rng,
    build,
    () => {
      const scenario = fallback();
      return { scenario, analysis: analyze(scenario) };
    },
    SEARCH_TRIES,
  );
}

/** A word with the object particle 을/를 (both forms when its reading is not known; what-prints before version 3). */
export const eul = (word: string): string => josa(word, PARTICLE.eul);

/**
 * A printed Python value with the object particle, as Korean reads it: a literal's closing
 * brackets and quotes are read past ("[1, 2]를", "(3,)을", "None을"); a value whose reading
 * is not known is named as a value ("'ab' 값을") instead of showing both particles.
 */
export function printedEul(value: string): string {
  const consonant = finalConsonant(value.replace(/[\])'",]+$/, ''));
  if (consonant === undefined) return `${value} 값을`;
  return value + (consonant ? PARTICLE.eul[0] : PARTICLE.eul[1]);
}

/** Every objects generator searches up to this many random scenarios before its fallback. */
export const SEARCH_TRIES = 300;

/** A key drawn with probability proportional to its weight. */
export function weighted<K extends string>(rng: Rng, weights: Partial<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  let x = rng.next() * entries.reduce((total, [, w]) => total + w, 0);
  for (const [k, w] of entries) {
    x -= w;
    if (x < 0) return k;
  }
  return (entries[entries.length - 1]?.[0] ?? '') as K;
}

// ------------------------------------------------------------------ AST shorthands

/** AST shorthands: `n`, `target.a`, an int literal, `n = value`, `target.a = value`, `target.a += delta`. */
export const name = (n: string): Expr => ({ kind: 'name', name: n });
export const attr = (target: Expr, a: string): Expr => ({ kind: 'attr', target, attr: a });
export const int = (value: number): Expr => ({ kind: 'int', value });
export const setName = (n: string, value: Expr): Stmt => ({ kind: 'assign', target: { kind: 'name', name: n }, value });
export const setAttr = (target: Expr, a: string, value: Expr): Stmt => ({ kind: 'assign', target: { kind: 'attr', target, attr: a }, value });
export const augAttr = (target: Expr, a: string, delta: number): Stmt => ({ kind: 'aug', target: { kind: 'attr', target, attr: a }, delta });

// ------------------------------------------------------------------ the class

export interface ClassFeatures {
  readonly cls: string;
  /** A subclass with no `__init__` of its own (it inherits the base's). */
  readonly sub: string | null;
  /** `Cls.count += 1` (class) or `self.count += 1` (instance, shadowing) in `__init__`. */
  readonly counter: 'class' | 'self' | null;
  /** `items = []` at class level and `self.items.append(value)` in `__init__`. */
  readonly sharedList: boolean;
  /** `self.tags = []` in `__init__`. */
  readonly ownList: boolean;
  /** `__eq__` comparing `value`. */
  readonly eq: boolean;
  /** `live = 0`; `__init__` adds one, `__del__` takes one away. */
  readonly live: boolean;
  /** `self.next = None` in `__init__`: instances can point at each other. */
  readonly linked: boolean;
  /** The subclass redefines `count = 100`. */
  readonly subOverride: boolean;
}

export const CLASS_NAMES: readonly (readonly [string, string])[] = [
  ['Node', 'Leaf'],
  ['Item', 'Gift'],
  ['Box', 'Crate'],
  ['Card', 'Joker'],
  ['Shape', 'Square'],
];

export const SUB_COUNT = 100;

/** A base class name and a subclass name that reads naturally with it (Node/Leaf, Box/Crate…). */
export function pickClassNames(rng: Rng): { cls: string; sub: string } {
  const [cls, sub] = rng.pick(CLASS_NAMES);
  return { cls, sub };
}

/**
 * The class statements for `f`: class attributes first (`count = 0`, `live = 0`,
 * `items = []`), then `__init__(self, value)`, `__eq__` and `__del__` as enabled, and the
 * optional subclass (which inherits `__init__`, so CPython runs the base's).
 */
export function makeClasses(f: ClassFeatures): ClassSpec[] {
  const C = name(f.cls);
  const self = name('self');
  const attrs: ClassSpec['attrs'][number][] = [];
  if (f.counter) attrs.push({ name: 'count', value: int(0) });
  if (f.live) attrs.push({ name: 'live', value: int(0) });
  if (f.sharedList) attrs.push({ name: 'items', value: { kind: 'list', items: [] } });
  const init: Stmt[] = [setAttr(self, 'value', name('value'))];
  if (f.counter === 'class') init.push(augAttr(C, 'count', 1));
  if (f.counter === 'self') init.push(augAttr(self, 'count', 1));
  if (f.live) init.push(augAttr(C, 'live', 1));
  if (f.sharedList) init.push({ kind: 'append', list: attr(self, 'items'), value: name('value') });
  if (f.ownList) init.push(setAttr(self, 'tags', { kind: 'list', items: [] }));
  if (f.linked) init.push(setAttr(self, 'next', { kind: 'none' }));
  const base: ClassSpec = {
    name: f.cls,
    base: null,
    attrs,
    init: { params: ['value'], body: init },
    ...(f.eq ? { eq: { attr: 'value' } } : {}),
    ...(f.live ? { del: [augAttr(C, 'live', -1)] } : {}),
  };
  if (!f.sub) return [base];
  return [
    base,
    { name: f.sub, base: f.cls, attrs: f.subOverride && f.counter ? [{ name: 'count', value: int(SUB_COUNT) }] : [] },
  ];
}

export const NO_FEATURES = {
  sub: null,
  counter: null,
  sharedList: false,
  ownList: false,
  eq: false,
  live: false,
  linked: false,
  subOverride: false,
} as const;

/** Features for class `cls`: those in `on`, everything else off. */
export function classFeatures(cls: string, on: Partial<Omit<ClassFeatures, 'cls'>> = {}): ClassFeatures {
  return { ...NO_FEATURES, ...on, cls };
}

// ------------------------------------------------------------------ the module statements

export type StmtKind =
  | 'new'
  | 'rebind'
  | 'alias'
  | 'del'
  | 'keep'
  | 'keep-clear'
  | 'keep-del'
  | 'from-keep'
  | 'link'
  | 'unlink'
  | 'from-next'
  | 'set-count'
  | 'aug-count'
  | 'set-class'
  | 'aug-class'
  | 'append-shared'
  | 'append-class'
  | 'append-own'
  | 'rebind-list'
  | 'del-count'
  | 'set-value';

export const NAMES = ['a', 'b', 'c', 'd'] as const;
export const KEEP = 'keep';

/** Names bound to instances, in binding order. */
export function instanceNames(state: ObjState): string[] {
  const out: string[] = [];
  for (const n in state.globals) {
    const v = state.globals[n] as Value;
    if (v.t === 'ref' && state.heap[v.id]?.kind === 'instance') out.push(n);
  }
  return out;
}

function instanceOfName(state: ObjState, n: string) {
  const v = state.globals[n];
  if (!v || v.t !== 'ref') return undefined;
  const o = state.heap[v.id];
  return o && o.kind === 'instance' ? o : undefined;
}

function isInstanceValue(state: ObjState, v: Value | undefined): boolean {
  return !!v && v.t === 'ref' && state.heap[v.id]?.kind === 'instance';
}

function keepLength(state: ObjState): number {
  const v = state.globals[KEEP];
  if (!v || v.t !== 'ref') return -1;
  const o = state.heap[v.id];
  return o && o.kind === 'list' ? o.items.length : -1;
}

/** `Cls(v)` (or, for a class with a subclass, now and then `Sub(v)`) with a random small value. */
function newObj(rng: Rng, f: ClassFeatures): Expr {
  return { kind: 'new', cls: f.sub && rng.bool(0.3) ? f.sub : f.cls, args: [int(rng.int(1, 9))] };
}

/** One of the names bound to instances, or null when there is none. */
function someInst(rng: Rng, inst: readonly string[]): string | null {
  return inst.length > 0 ? rng.pick(inst) : null;
}

/** The names `propose` chooses from in a state: those bound to instances (not `keep`), and the unbound ones. */
interface NamesIn {
  readonly state: ObjState;
  readonly inst: readonly string[];
  readonly fresh: readonly string[];
}

function namesIn(state: ObjState, names: readonly string[]): NamesIn {
  const inst = Object.entries(state.globals)
    .filter(([n, v]) => n !== KEEP && v.t === 'ref' && state.heap[v.id]?.kind === 'instance')
    .map(([n]) => n);
  const fresh = names.filter((n) => !(n in state.globals));
  return { state, inst, fresh };
}

/** A statement of the given kind for the current state, or null when none applies. */
export function propose(rng: Rng, kind: StmtKind, f: ClassFeatures, state: ObjState, names: readonly string[] = NAMES): Stmt | null {
  return proposeIn(rng, kind, f, namesIn(state, names));
}

/** `propose`, with the names of the state worked out already (the random walk proposes many statements per state). */
function proposeIn(rng: Rng, kind: StmtKind, f: ClassFeatures, { state, inst, fresh }: NamesIn): Stmt | null {
  const C = name(f.cls);
  switch (kind) {
    case 'new':
      return fresh.length > 0 ? setName(rng.pick(fresh), newObj(rng, f)) : null;
    case 'rebind': {
      const x = someInst(rng, inst);
      return x ? setName(x, newObj(rng, f)) : null;
    }
    case 'alias': {
      const x = someInst(rng, inst);
      if (!x) return null;
      const targets = [...fresh, ...inst.filter((n) => n !== x)];
      return targets.length > 0 ? setName(fresh.length > 0 && rng.bool(0.7) ? rng.pick(fresh) : rng.pick(targets), name(x)) : null;
    }
    case 'del': {
      const x = someInst(rng, inst);
      return x ? { kind: 'del-name', name: x } : null;
    }
    case 'keep': {
      if (state.globals[KEEP] !== undefined || inst.length === 0) return null;
      const k = Math.min(inst.length, rng.int(1, 2));
      return setName(KEEP, { kind: 'list', items: rng.sample(inst, k).map(name) });
    }
    case 'keep-clear':
      return keepLength(state) > 0 ? { kind: 'clear', list: name(KEEP) } : null;
    case 'keep-del':
      return keepLength(state) >= 0 ? { kind: 'del-name', name: KEEP } : null;
    case 'from-keep': {
      const n = keepLength(state);
      if (n <= 0) return null;
      const targets = fresh.length > 0 ? fresh : inst;
      return targets.length > 0 ? setName(rng.pick(targets), { kind: 'index', target: name(KEEP), index: rng.int(0, n - 1) }) : null;
    }
    case 'link': {
      if (!f.linked || inst.length < 2) return null;
      const [x, y] = rng.sample(inst, 2) as [string, string];
      return setAttr(name(x), 'next', name(y));
    }
    case 'unlink': {
      if (!f.linked) return null;
      const linked = inst.filter((n) => isInstanceValue(state, instanceOfName(state, n)?.dict.next));
      return linked.length > 0 ? setAttr(name(rng.pick(linked)), 'next', { kind: 'none' }) : null;
    }
    case 'from-next': {
      if (!f.linked) return null;
      const linked = inst.filter((n) => isInstanceValue(state, instanceOfName(state, n)?.dict.next));
      if (linked.length === 0) return null;
      const x = rng.pick(linked);
      const targets = [...fresh, ...inst.filter((n) => n !== x)];
      return targets.length > 0 ? setName(rng.pick(targets), attr(name(x), 'next')) : null;
    }
    case 'set-count': {
      const x = someInst(rng, inst);
      return x && f.counter ? setAttr(name(x), 'count', int(rng.int(5, 9))) : null;
    }
    case 'aug-count': {
      const x = someInst(rng, inst);
      return x && f.counter ? augAttr(name(x), 'count', 1) : null;
    }
    case 'set-class':
      return f.counter ? setAttr(C, 'count', int(rng.int(10, 20))) : null;
    case 'aug-class':
      return f.counter ? augAttr(C, 'count', 1) : null;
    case 'append-shared': {
      const x = someInst(rng, inst);
      return x && f.sharedList ? { kind: 'append', list: attr(name(x), 'items'), value: int(rng.int(1, 9)) } : null;
    }
    case 'append-class':
      return f.sharedList ? { kind: 'append', list: attr(C, 'items'), value: int(rng.int(1, 9)) } : null;
    case 'append-own': {
      const x = someInst(rng, inst);
      return x && f.ownList ? { kind: 'append', list: attr(name(x), 'tags'), value: int(rng.int(1, 9)) } : null;
    }
    case 'rebind-list': {
      const x = someInst(rng, inst);
      return x && f.sharedList ? setAttr(name(x), 'items', { kind: 'list', items: [int(rng.int(1, 9))] }) : null;
    }
    case 'del-count': {
      const own = inst.filter((n) => 'count' in (instanceOfName(state, n)?.dict ?? {}));
      return own.length > 0 && f.counter ? { kind: 'del-attr', target: name(rng.pick(own)), attr: 'count' } : null;
    }
    case 'set-value': {
      const x = someInst(rng, inst);
      return x ? setAttr(name(x), 'value', int(rng.int(1, 9))) : null;
    }
  }
}

/** Only storing a reference into an object (an attribute, a list) can close a cycle. */
function storesReference(stmt: Stmt): boolean {
  return (stmt.kind === 'assign' && stmt.target.kind === 'attr') || stmt.kind === 'append';
}

/** Whether a statement that ran without error may be kept: it left no reference cycle. */
export function leavesNoCycle(stmt: Stmt, next: ObjState): boolean {
  return !(storesReference(stmt) && hasCycle(next));
}

/** Runs one more statement after `body`; null when Python would raise or a cycle appears. */
export function tryAppend(classes: readonly ClassSpec[], body: readonly Stmt[], state: ObjState, stmt: Stmt): ObjState | null {
  const program: ObjectProgram = { classes, body: [...body, stmt] };
  try {
    const next = step(program, state, body.length).state;
    return leavesNoCycle(stmt, next) ? next : null;
  } catch (e) {
    if (e instanceof ObjectsError) return null;
    throw e;
  }
}

/** A program the random walk built, the state it ends in and its real run (recorded while building). */
export interface Body {
  readonly program: ObjectProgram;
  readonly state: ObjState;
  readonly base: BaseRun;
}

/**
 * Extends the program in `builder` to `length` statements drawn with `weights`.
 * Every statement runs without error, leaves no cycle, and differs from the one before.
 */
export function extendBody(
  rng: Rng,
  f: ClassFeatures,
  builder: ProgramBuilder,
  weights: Partial<Record<StmtKind, number>>,
  length: number,
  names: readonly string[] = NAMES,
): Body | null {
  const last = builder.last;
  let lastCode = last ? stmtCode(last) : null;
  let here = namesIn(builder.state, names);
  for (let tries = 0; builder.length < length && tries < length * 25; tries++) {
    const s = proposeIn(rng, weighted(rng, weights), f, here);
    if (!s) continue;
    const code = stmtCode(s);
    if (code === lastCode) continue;
    if (builder.append(s, leavesNoCycle)) {
      lastCode = code;
      here = namesIn(builder.state, names);
    }
  }
  if (builder.length < length) return null;
  const base = builder.baseRun();
  return { program: base.program, state: builder.state, base };
}

/**
 * A random module body of `length` statements drawn with `weights`, starting with
 * `start` (e.g. a few `new`). Every statement runs without error and leaves no cycle.
 */
export function randomBody(
  rng: Rng,
  f: ClassFeatures,
  weights: Partial<Record<StmtKind, number>>,
  length: number,
  start: readonly StmtKind[] = ['new', 'new'],
  names: readonly string[] = NAMES,
): Body | null {
  const builder = new ProgramBuilder(makeClasses(f));
  for (const kind of start) {
    const s = propose(rng, kind, f, builder.state, names);
    if (!s || !builder.append(s, leavesNoCycle)) return null;
  }
  return extendBody(rng, f, builder, weights, length, names);
}

// ------------------------------------------------------------------ explanation

export const REFCOUNT_RULE = L(
  'CPython frees an object the moment its reference count drops to zero (the programs here have no reference cycles, so the cycle collector never matters); __del__ runs right then.',
  'CPython은 참조 횟수가 0이 되는 순간 객체를 해제합니다(여기 프로그램에는 순환 참조가 없어 순환 GC는 상관없습니다). __del__도 바로 그때 실행됩니다.',
);

/** The explanation every objects question carries: summary, the rule, and the trace table (up to `upTo`). */
export function explanation(run: ObjRun, summary: readonly Localized[], rule: Localized, highlight?: number, upTo?: number): Explanation {
  return {
    summary,
    views: [traceTable(run, { highlight, upTo })],
    rule,
  };
}

/** Code block of the program. */
export function codeBlock(code: string): PromptBlock {
  return { kind: 'code', language: 'python', code };
}

/** What holds a reference to heap object `id`: names, list slots (`keep[0]`), attributes (`Node#1.next`). */
export function referrers(state: ObjState, id: number, labelOf: (id: number) => string): string[] {
  const out: string[] = [];
  for (const [n, v] of Object.entries(state.globals)) if (v.t === 'ref' && v.id === id) out.push(n);
  state.heap.forEach((o) => {
    if (!o) return;
    if (o.kind === 'list') {
      const owner = Object.entries(state.globals).find(([, v]) => v.t === 'ref' && v.id === o.id)?.[0] ?? labelOf(o.id);
      o.items.forEach((v, i) => {
        if (v.t === 'ref' && v.id === id) out.push(`${owner}[${i}]`);
      });
    } else if (o.kind === 'instance') {
      for (const [k, v] of Object.entries(o.dict)) if (v.t === 'ref' && v.id === id) out.push(`${labelOf(o.id)}.${k}`);
    }
  });
  return out;
}
