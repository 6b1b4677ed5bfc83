/**
 * "After the program has run, which of these are True?" over `'x' in a.__dict__`,
 * `'x' in Box.__dict__`, `type(a) is Box` and `type(Box) is type`: which names are classes
 * and which are instances, what their type is, and where each attribute lives after
 * assignments through instances and through the class.
 */
import type { Rng } from '@/lib/sim/rng';
import {
  baseRun,
  evalIn,
  exprCode,
  objectLabel,
  renderProgram,
  runFrom,
  type ClassObject,
  type Expr,
  type ObjRun,
  type ObjState,
  type ObjectProgram,
} from '@/lib/sim/objects';
import { L, option, text } from '../kit';
import { defineGenerator, type Generated, type Localized, type Misconception, type Tier } from '../types';
import {
  classFeatures,
  codeBlock,
  explanation,
  instanceNames,
  int,
  makeClasses,
  name,
  pickClassNames,
  randomBody,
  searchScenario,
  setAttr,
  setName,
  type ClassFeatures,
  type StmtKind,
} from './common';
import { describeValue } from './explain';
import { objectMisconceptions as M } from './misconceptions';
import { exportObjects, pyString } from './python-export';

/**
 * One statement offered: an expression the simulator evaluates, or a fact about a class
 * object itself (`type(Box) is type`), whose truth is Python's rule, not the program's.
 */
export type Claim =
  | { readonly kind: 'expr'; readonly expr: Expr }
  | { readonly kind: 'class-type'; readonly cls: string; readonly of: 'type' | 'self' };

export interface ClassOrInstanceScenario {
  readonly features: ClassFeatures;
  readonly program: ObjectProgram;
  /** The claims offered, in display order. */
  readonly claims: readonly Claim[];
}

export function claimCode(c: Claim): string {
  if (c.kind === 'expr') return exprCode(c.expr);
  return `type(${c.cls}) is ${c.of === 'type' ? 'type' : c.cls}`;
}

/** The real run, the claims that are True (codes, sorted), the misconception each tagged False claim stands for, and what "lookup copies" believes True. */
export interface ClassOrInstanceAnalysis {
  readonly run: ObjRun;
  readonly answer: readonly string[];
  readonly tags: Readonly<Record<string, Misconception>>;
  /** The claims a learner who thinks lookup copies attributes into `__dict__` calls True (codes, sorted). */
  readonly lookupCopies: readonly string[];
}

const ATTRS = ['value', 'count', 'items', 'tags'] as const;

/** The attributes a program of these features can have. */
function attrsOf(f: ClassFeatures): string[] {
  return ATTRS.filter((a) => a === 'value' || (a === 'count' && f.counter) || (a === 'items' && f.sharedList) || (a === 'tags' && f.ownList));
}

/** Whether evaluating `e` in `state` gives True (false where Python would raise). */
function holds(program: ObjectProgram, state: ObjState, e: Expr, beliefs?: ReadonlySet<'type-includes-subclasses'>): boolean {
  try {
    const v = evalIn(program, state, e, beliefs);
    return v.t === 'bool' && v.v;
  } catch {
    return false;
  }
}

/** Whether `target.attr` can be read (found on the object or on a class it looks in). */
function readable(program: ObjectProgram, state: ObjState, target: Expr, attr: string): boolean {
  try {
    evalIn(program, state, { kind: 'attr', target, attr });
    return true;
  } catch {
    return false;
  }
}

/** Whether `attr` is in the own `__dict__` of some instance alive in `state`. */
function onSomeInstance(state: ObjState, attr: string): boolean {
  return state.heap.some((o) => o !== null && o.kind === 'instance' && attr in o.dict);
}

function isTrue(program: ObjectProgram, end: ObjState, c: Claim): boolean {
  return c.kind === 'expr' ? holds(program, end, c.expr) : c.of === 'type';
}

/**
 * The "lookup copies" model: `'x' in o.__dict__` is True whenever `o.x` can be read (the
 * learner believes reading finds a copy in the object itself); other claims as they are.
 */
export function lookupCopiesModel(program: ObjectProgram, end: ObjState, c: Claim): boolean {
  if (c.kind === 'expr' && c.expr.kind === 'has-own') return readable(program, end, c.expr.target, c.expr.attr);
  return isTrue(program, end, c);
}

/** Why a False claim looks True to some learners, if a misconception explains it. */
function tagOf(program: ObjectProgram, end: ObjState, c: Claim): Misconception | undefined {
  if (c.kind === 'class-type') return c.of === 'self' ? M.typeOfClass : undefined;
  const e = c.expr;
  if (e.kind === 'has-own') {
    if (lookupCopiesModel(program, end, c)) return M.lookupCopies;
    const isClass = e.target.kind === 'name' && program.classes.some((k) => k.name === (e.target as { name: string }).name);
    if (isClass && onSomeInstance(end, e.attr)) return M.initAttrsOnClass;
    return undefined;
  }
  if (e.kind === 'type-is' && holds(program, end, e, new Set(['type-includes-subclasses'] as const))) return M.typeIncludesSubclasses;
  return undefined;
}

function analysisOf(run: ObjRun, program: ObjectProgram, claims: readonly Claim[]): ClassOrInstanceAnalysis {
  const end = run.states[run.states.length - 1] as ObjState;
  const answer: string[] = [];
  const lookupCopies: string[] = [];
  const tags: Record<string, Misconception> = {};
  for (const c of claims) {
    const code = claimCode(c);
    if (lookupCopiesModel(program, end, c)) lookupCopies.push(code);
    if (isTrue(program, end, c)) {
      answer.push(code);
      continue;
    }
    const tag = tagOf(program, end, c);
    if (tag) tags[code] = tag;
  }
  return { run, answer: answer.sort(), tags, lookupCopies: lookupCopies.sort() };
}

function analyze(s: ClassOrInstanceScenario): ClassOrInstanceAnalysis {
  return analysisOf(runFrom(baseRun(s.program)), s.program, s.claims);
}

function features(rng: Rng, tier: Tier): ClassFeatures {
  const { cls, sub } = pickClassNames(rng);
  if (tier === 1) return classFeatures(cls, { counter: 'class' });
  if (tier === 2) return classFeatures(cls, { counter: rng.bool(0.5) ? 'class' : 'self', sharedList: true, ownList: rng.bool(0.5) });
  return classFeatures(cls, { counter: rng.bool(0.7) ? 'class' : 'self', sub, subOverride: rng.bool(0.5), sharedList: rng.bool(0.4) });
}

const WEIGHTS: Record<Tier, Partial<Record<StmtKind, number>>> = {
  1: { new: 2, alias: 1, 'set-count': 2, 'aug-count': 2, 'set-class': 1.5, 'aug-class': 1 },
  2: { new: 1.5, alias: 1, 'set-count': 1.5, 'aug-count': 1.5, 'set-class': 1, 'append-shared': 1.5, 'rebind-list': 1.5, 'append-own': 1, 'del-count': 1 },
  3: { new: 2, alias: 1, rebind: 1, 'set-count': 1.5, 'aug-count': 1.5, 'set-class': 1, 'del-count': 1, 'rebind-list': 1 },
};

/** Every claim a program of these features can be asked about, in display order: instances first, then classes. */
function candidates(f: ClassFeatures, end: ObjState, tier: Tier): Claim[] {
  const insts = instanceNames(end);
  const classes = f.sub ? [f.cls, f.sub] : [f.cls];
  const out: Claim[] = [];
  const own = (target: string, attr: string): Claim => ({ kind: 'expr', expr: { kind: 'has-own', target: name(target), attr } });
  for (const n of insts) {
    for (const a of attrsOf(f)) out.push(own(n, a));
    if (tier >= 2) for (const k of classes) out.push({ kind: 'expr', expr: { kind: 'type-is', target: name(n), cls: k } });
  }
  for (const k of classes) for (const a of attrsOf(f)) out.push(own(k, a));
  if (tier >= 2) out.push({ kind: 'class-type', cls: f.cls, of: 'type' }, { kind: 'class-type', cls: f.cls, of: 'self' });
  return out;
}

const SIZE: Record<Tier, number> = { 1: 5, 2: 6, 3: 7 };

function build(rng: Rng, tier: Tier): Generated<ClassOrInstanceScenario, ClassOrInstanceAnalysis> | null {
  const f = features(rng, tier);
  const body = randomBody(rng, f, WEIGHTS[tier], tier === 1 ? rng.int(4, 5) : rng.int(5, 7), ['new', 'new']);
  if (!body) return null;
  const run = runFrom(body.base);
  const all = candidates(f, body.state, tier);
  const probe = analysisOf(run, body.program, all);
  const id = (c: Claim) => claimCode(c);
  const right = all.filter((c) => probe.answer.includes(id(c)));
  const headline = all.filter((c) => probe.tags[id(c)]?.id === M.lookupCopies.id);
  const otherTagged = all.filter((c) => id(c) in probe.tags && probe.tags[id(c)]?.id !== M.lookupCopies.id);
  const plain = all.filter((c) => !probe.answer.includes(id(c)) && !(id(c) in probe.tags));
  if (right.length < 2 || headline.length === 0) return null;
  const chosen = [...rng.sample(headline, Math.min(headline.length, rng.int(1, 2))), ...rng.sample(right, rng.int(1, Math.min(3, right.length)))];
  if (otherTagged.length > 0) chosen.push(rng.pick(otherTagged));
  const chosenIds = new Set(chosen.map(id));
  const rest = rng.shuffle([...right, ...headline, ...otherTagged, ...plain].filter((c) => !chosenIds.has(id(c))));
  while (chosen.length < SIZE[tier] && rest.length > 0) chosen.push(rest.shift() as Claim);
  const position = new Map(all.map((c, i) => [id(c), i]));
  chosen.sort((x, y) => (position.get(id(x)) as number) - (position.get(id(y)) as number));
  const scenario: ClassOrInstanceScenario = { features: f, program: body.program, claims: chosen };
  return { scenario, analysis: analysisOf(run, body.program, chosen) };
}

function fallback(): ClassOrInstanceScenario {
  const f = classFeatures('Box', { counter: 'class' });
  const program: ObjectProgram = {
    classes: makeClasses(f),
    body: [
      setName('a', { kind: 'new', cls: 'Box', args: [int(1)] }),
      setName('b', { kind: 'new', cls: 'Box', args: [int(2)] }),
      setAttr(name('a'), 'count', int(7)),
    ],
  };
  const own = (target: string, attr: string): Claim => ({ kind: 'expr', expr: { kind: 'has-own', target: name(target), attr } });
  return { features: f, program, claims: [own('a', 'count'), own('b', 'count'), own('b', 'value'), own('Box', 'count'), own('Box', 'value')] };
}

/** `a.__dict__ == {'value': 3}` for each instance name, then each class's own attributes (dunder names left out). */
function dictsText(program: ObjectProgram, end: ObjState): string[] {
  const lines: string[] = [];
  for (const n of instanceNames(end)) {
    const v = end.globals[n];
    const o = v && v.t === 'ref' ? end.heap[v.id] : null;
    if (!o || o.kind !== 'instance') continue;
    const entries = Object.entries(o.dict).map(([k, x]) => `'${k}': ${describeValue(end.heap, x)}`);
    lines.push(`${n} → ${objectLabel(end.heap, o.id)}, ${n}.__dict__ = {${entries.join(', ')}}`);
  }
  for (const k of program.classes) {
    const v = end.globals[k.name];
    const o = v && v.t === 'ref' ? (end.heap[v.id] as ClassObject | null) : null;
    if (!o) continue;
    const entries = Object.entries(o.dict).map(([a, x]) => `'${a}': ${describeValue(end.heap, x)}`);
    lines.push(`${k.name}.__dict__ ⊇ {${entries.join(', ')}}`);
  }
  return lines;
}

function reason(code: string, m: Misconception): Localized | undefined {
  const t = `\`${code}\``;
  if (m.id === M.lookupCopies.id)
    return L(
      `${t} is False: the attribute can be read through that object, but it is found by lookup in a class; nothing was ever assigned to it on this object.`,
      `${t} 식은 False입니다. 그 객체를 통해 속성을 읽을 수는 있지만 클래스에서 조회해 찾은 것이며, 이 객체에 직접 대입된 적은 없습니다.`,
    );
  if (m.id === M.initAttrsOnClass.id)
    return L(
      `${t} is False: __init__ (or an assignment through an instance) stored that attribute on the instances, not on the class.`,
      `${t} 식은 False입니다. __init__(또는 인스턴스를 통한 대입)이 그 속성을 클래스가 아니라 인스턴스에 저장했습니다.`,
    );
  if (m.id === M.typeIncludesSubclasses.id)
    return L(`${t} is False: type() gives the exact class the instance was made from, a subclass here.`, `${t} 식은 False입니다. type()은 인스턴스를 만든 바로 그 클래스를 돌려주며, 여기서는 자식 클래스입니다.`);
  if (m.id === M.typeOfClass.id) return L(`${t} is False: a class is an instance of \`type\`.`, `${t} 식은 False입니다. 클래스는 \`type\`의 인스턴스입니다.`);
  return undefined;
}

export const classOrInstance = defineGenerator<ClassOrInstanceScenario, ClassOrInstanceAnalysis>({
  id: 'class-or-instance',
  version: 1,
  domain: 'objects',
  topic: 'objects',
  title: L('Class or instance: where does it live?', '클래스에 있습니까, 인스턴스에 있습니까?'),
  tiers: [1, 2, 3],
  generate(rng, tier) {
    return searchScenario(rng, (r) => build(r, tier), () => fallback(), analyze);
  },
  analyze,
  question(s, a) {
    const { code } = renderProgram(s.program);
    const end = a.run.states[a.run.states.length - 1] as ObjState;
    const options = s.claims.map((c) => option(claimCode(c), claimCode(c), a.tags[claimCode(c)], true));
    const dicts = dictsText(s.program, end).join('; ');
    const summary: Localized[] = [
      L(`At the end: ${dicts}.`, `끝났을 때: ${dicts}.`),
      a.answer.length > 0
        ? L(`True: ${a.answer.map((x) => `\`${x}\``).join(', ')}.`, `True인 것: ${a.answer.map((x) => `\`${x}\``).join(', ')}.`)
        : L('None of them is True.', 'True인 것이 없습니다.'),
    ];
    for (const [c, m] of Object.entries(a.tags)) {
      const r = reason(c, m);
      if (r) summary.push(r);
    }
    return {
      prompt: [
        text('After the program has run, which of these expressions are True?', '프로그램이 끝난 뒤, 다음 식 중 True인 것을 모두 고르십시오.'),
        codeBlock(code),
      ],
      response: { kind: 'multi', options },
      answer: a.answer,
      explanation: explanation(
        a.run,
        summary,
        L(
          'A class is an object (an instance of `type`); calling it makes an instance, whose type() is that class. An assignment through an instance (`self.x = …` in __init__, `a.x = …`, `a.x += 1`) stores in the instance\'s own __dict__; an assignment through the class (`Box.x = …`, or in the class body) stores in the class __dict__. Reading `a.x` looks in a.__dict__ first, then in the class and its bases; it copies nothing.',
          '클래스도 객체(`type`의 인스턴스)이며, 클래스를 호출하면 인스턴스가 생기고 그 type()은 그 클래스입니다. 인스턴스를 통한 대입(__init__의 `self.x = …`, `a.x = …`, `a.x += 1`)은 인스턴스 자신의 __dict__에 저장하고, 클래스를 통한 대입(`Box.x = …` 또는 클래스 본문)은 클래스 __dict__에 저장합니다. `a.x`를 읽으면 먼저 a.__dict__를, 다음에 클래스와 부모 클래스를 찾을 뿐, 아무것도 복사하지 않습니다.',
        ),
      ),
      assumptions: [L('CPython 3; the program runs top to bottom as a script.', 'CPython 3이며, 프로그램은 스크립트로 위에서 아래로 실행됩니다.')],
    };
  },
  program(s) {
    const tests = s.claims.map((c) => `(${pyString(claimCode(c))}, ${claimCode(c)})`).join(', ');
    return exportObjects(s.program, {}, [`_answer(sorted(k for k, v in [${tests}] if v))`]);
  },
});
