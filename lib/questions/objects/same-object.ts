/** "At the end, which of these `is` tests are True?" (which names refer to the same object) */
import type { Rng } from '@/lib/sim/rng';
import {
  baseRun,
  evalIn,
  exprCode,
  identical,
  objectLabel,
  renderProgram,
  runFrom,
  tryRunFrom,
  type BaseRun,
  type Expr,
  type Misbelief,
  type ObjRun,
  type ObjState,
  type ObjectProgram,
  type Value,
} from '@/lib/sim/objects';
import { inHamnida, L, option, text } from '../kit';
import { defineGenerator, type Generated, type Generator, type Localized, type Misconception, type Tier } from '../types';
import {
  KEEP,
  NO_FEATURES,
  searchScenario,
  attr,
  classFeatures,
  codeBlock,
  explanation,
  instanceNames,
  int,
  makeClasses,
  name,
  pickClassNames,
  randomBody,
  setName,
  type ClassFeatures,
  type StmtKind,
} from './common';
import { objectMisconceptions as M } from './misconceptions';
import { exportObjects, pyString } from './python-export';

export interface SameObjectScenario {
  readonly features: ClassFeatures;
  readonly program: ObjectProgram;
  /** The `left is right` tests offered, in display order. */
  readonly pairs: readonly (readonly [Expr, Expr])[];
}

/** The module-level name an expression starts from (`a` in `a.next`, `keep` in `keep[0]`). */
function rootName(e: Expr): string {
  if (e.kind === 'name') return e.name;
  if (e.kind === 'attr' || e.kind === 'index') return rootName(e.target);
  return '';
}

const pairId = (p: readonly [Expr, Expr]) => `${exprCode(p[0])}~${exprCode(p[1])}`;
const isExpr = (p: readonly [Expr, Expr]): Expr => ({ kind: 'is', left: p[0], right: p[1] });

function features(rng: Rng, tier: Tier): ClassFeatures {
  const { cls } = pickClassNames(rng);
  if (tier === 1) return classFeatures(cls);
  if (tier === 2) return classFeatures(cls, { eq: rng.bool(0.6), sharedList: true, ownList: true });
  return classFeatures(cls, { eq: rng.bool(0.5), linked: true, sharedList: rng.bool(0.4) });
}

const WEIGHTS: Record<Tier, Partial<Record<StmtKind, number>>> = {
  1: { new: 2, alias: 3, rebind: 2.5, del: 0.5 },
  2: { new: 1.5, alias: 2, rebind: 1.5, 'set-value': 2, 'append-shared': 1, 'append-own': 1, 'rebind-list': 1.5 },
  3: { new: 1.5, alias: 1.5, rebind: 1.5, link: 2.5, 'from-next': 2, unlink: 1, keep: 2, 'from-keep': 2, 'set-value': 1 },
};

/** Expressions naming objects at the end: instance names, list attributes, `x.next`, `keep[i]`. */
function handles(f: ClassFeatures, state: ObjState, program: ObjectProgram): { instances: Expr[]; lists: Expr[] } {
  const names = instanceNames(state).filter((n) => n !== KEEP);
  const instances: Expr[] = names.map(name);
  const lists: Expr[] = [];
  for (const n of names) {
    if (f.sharedList) lists.push(attr(name(n), 'items'));
    if (f.ownList) lists.push(attr(name(n), 'tags'));
    if (f.linked) {
      const v = evalIn(program, state, attr(name(n), 'next'));
      if (v.t === 'ref') instances.push(attr(name(n), 'next'));
    }
  }
  if (f.sharedList) lists.push(attr(name(f.cls), 'items'));
  const keep = state.globals[KEEP];
  if (keep && keep.t === 'ref') {
    const o = state.heap[keep.id];
    if (o && o.kind === 'list') o.items.forEach((_, i) => instances.push({ kind: 'index', target: name(KEEP), index: i }));
  }
  return { instances, lists };
}

/** Beliefs under which a False test would look True, and the misconception each tags. */
const TAG_BELIEFS: readonly { readonly beliefs: readonly Misbelief[]; readonly tag: Misconception }[] = [
  { beliefs: ['instance-write-to-class'], tag: M.instanceWriteToClass },
  { beliefs: ['is-means-eq'], tag: M.isMeansEq },
  { beliefs: ['is-means-eq', 'eq-compares-fields'], tag: M.eqComparesFields },
];

/** The real run, the pairs that are True (ids, sorted), and the misconception each tagged False pair stands for, by pair id. */
export interface SameObjectAnalysis {
  readonly run: ObjRun;
  readonly answer: readonly string[];
  readonly tags: Readonly<Record<string, Misconception>>;
}

/** Each pair's test in the program's final state: whether it is True, and the misconception a False one tags. */
function pairResults(program: ObjectProgram, base: BaseRun, r: ObjRun, pairs: readonly (readonly [Expr, Expr])[]): PairResult[] {
  const end = r.states[r.states.length - 1] as ObjState;
  // Both sides' names must be bound in that state (else evaluating the test raises).
  const bound = (p: readonly [Expr, Expr], st: ObjState) => st.globals[rootName(p[0])] !== undefined && st.globals[rootName(p[1])] !== undefined;
  /** `p[0] is p[1]` in a state under misbeliefs; false where Python would raise. */
  const same = (p: readonly [Expr, Expr], st: ObjState, beliefs: ReadonlySet<Misbelief>) => {
    if (!bound(p, st)) return false;
    try {
      const v = evalIn(program, st, isExpr(p), beliefs);
      return v.t === 'bool' && v.v;
    } catch {
      return false;
    }
  };
  // Under no misbelief, what each expression names is worked out once per state (many
  // pairs share a side, and the rebinding check looks at every earlier state).
  const values = new Map<ObjState, Map<Expr, Value | null>>();
  const valueIn = (st: ObjState, e: Expr): Value | null => {
    let byExpr = values.get(st);
    if (!byExpr) {
      byExpr = new Map();
      values.set(st, byExpr);
    }
    let v = byExpr.get(e);
    if (v === undefined) {
      try {
        v = evalIn(program, st, e);
      } catch {
        v = null;
      }
      byExpr.set(e, v);
    }
    return v;
  };
  /** `same(p, st)` under no misbelief: evaluating `is` is evaluating both sides, then identity. */
  const sameNow = (p: readonly [Expr, Expr], st: ObjState) => {
    if (!bound(p, st)) return false;
    const l = valueIn(st, p[0]);
    if (l === null) return false;
    const r = valueIn(st, p[1]);
    return r !== null && identical(l, r);
  };
  let believed: { beliefs: ReadonlySet<Misbelief>; tag: Misconception; run: ObjRun | null }[] | null = null;
  /** Why a false test looks true to some learners, if a misconception explains it. */
  const tagOf = (p: readonly [Expr, Expr]): Misconception | undefined => {
    const bothTags = p[0].kind === 'attr' && p[1].kind === 'attr' && p[0].attr === 'tags' && p[1].attr === 'tags';
    if (bothTags) return M.ownListShared;
    believed ??= TAG_BELIEFS.map((t) => {
      const beliefs = new Set(t.beliefs);
      return { beliefs, tag: t.tag, run: tryRunFrom(base, beliefs) };
    });
    for (const { beliefs, tag, run: w } of believed) {
      const ws = w?.states[w.states.length - 1];
      if (ws && same(p, ws, beliefs)) return tag;
    }
    if (r.states.slice(0, -1).some((st) => sameNow(p, st))) return M.rebindMovesAlias;
    return undefined;
  };
  return pairs.map((p) => {
    const isSame = sameNow(p, end);
    return { same: isSame, tag: isSame ? undefined : tagOf(p) };
  });
}

/** The analysis of `pairs` from their results (`pairResults`). */
function analysisOf(r: ObjRun, pairs: readonly (readonly [Expr, Expr])[], results: readonly PairResult[]): SameObjectAnalysis {
  const pairIds = pairs.map(pairId);
  const answer = pairIds.filter((_, i) => results[i]?.same).sort();
  const tags: Record<string, Misconception> = {};
  results.forEach((result, i) => {
    if (result.tag) tags[pairIds[i] as string] = result.tag;
  });
  return { run: r, answer, tags };
}

function analyze(s: SameObjectScenario): SameObjectAnalysis {
  const base = baseRun(s.program);
  const r = runFrom(base);
  return analysisOf(r, s.pairs, pairResults(s.program, base, r, s.pairs));
}

/** A pair's test: whether it is True at the end, and the misconception a False one tags. */
interface PairResult {
  readonly same: boolean;
  readonly tag: Misconception | undefined;
}

function build(rng: Rng, tier: Tier, version: 1 | 2): Generated<SameObjectScenario, SameObjectAnalysis> | null {
  const f = features(rng, tier);
  const length = tier === 1 ? rng.int(5, 6) : rng.int(6, 8);
  const body = randomBody(rng, f, WEIGHTS[tier], length, ['new', 'new']);
  if (!body) return null;
  const { instances, lists } = handles(f, body.state, body.program);
  const all: [Expr, Expr][] = [];
  for (const group of [instances, lists]) {
    for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) all.push([group[i] as Expr, group[j] as Expr]);
  }
  if (all.length < 4) return null;
  // Every pair is tested once; the scenario's analysis takes the chosen pairs' results (each depends on the program and the pair only).
  const r = runFrom(body.base);
  const allResults = pairResults(body.program, body.base, r, all);
  const probe = analysisOf(r, all, allResults);
  const resultOf = new Map<string, PairResult>();
  all.forEach((p, i) => {
    if (!resultOf.has(pairId(p))) resultOf.set(pairId(p), allResults[i] as PairResult);
  });
  // Each pair's id, worked out once (the filters and the sort below compare pairs by id).
  const idOf = new Map<readonly [Expr, Expr], string>(all.map((p) => [p, pairId(p)]));
  const id = (p: readonly [Expr, Expr]) => idOf.get(p) as string;
  const right = all.filter((p) => probe.answer.includes(id(p)));
  const tagged = all.filter((p) => id(p) in probe.tags);
  const plain = all.filter((p) => !probe.answer.includes(id(p)) && !(id(p) in probe.tags));
  if (right.length === 0 || tagged.length === 0) return null;
  const size = Math.min(all.length, tier === 1 ? 5 : 6);
  // Version 2: a pair that named one object before a rebinding is always offered ("rebinding moves the alias", 49 % in version 1).
  const rebound = tagged.filter((p) => probe.tags[id(p)]?.id === M.rebindMovesAlias.id);
  if (version === 2 && rebound.length === 0) return null;
  const first = version === 2 ? [rng.pick(rebound)] : [];
  const others = tagged.filter((p) => !first.includes(p));
  const chosen = [...first, ...rng.sample(right, Math.min(right.length, rng.int(1, 3))), ...rng.sample(others, Math.min(others.length, rng.int(version === 2 ? 0 : 1, 3)))];
  const chosenIds = new Set(chosen.map(id));
  const rest = rng.shuffle([...plain, ...right, ...tagged].filter((p) => !chosenIds.has(id(p))));
  while (chosen.length < size && rest.length > 0) chosen.push(rest.shift() as [Expr, Expr]);
  // Keep the program's order of appearance: names first, then attributes.
  const position = new Map<string, number>();
  all.forEach((p, i) => {
    if (!position.has(id(p))) position.set(id(p), i);
  });
  chosen.sort((x, y) => (position.get(id(x)) as number) - (position.get(id(y)) as number));
  const scenario: SameObjectScenario = { features: f, program: body.program, pairs: chosen };
  return { scenario, analysis: analysisOf(r, chosen, chosen.map((p) => resultOf.get(id(p)) as PairResult)) };
}

function fallback(): SameObjectScenario {
  const f: ClassFeatures = { ...NO_FEATURES, cls: 'Node' };
  const program: ObjectProgram = {
    classes: makeClasses(f),
    body: [
      setName('a', { kind: 'new', cls: 'Node', args: [int(1)] }),
      setName('b', name('a')),
      setName('c', { kind: 'new', cls: 'Node', args: [int(1)] }),
      setName('a', { kind: 'new', cls: 'Node', args: [int(2)] }),
    ],
  };
  return {
    features: f,
    program,
    pairs: [
      [name('a'), name('b')],
      [name('a'), name('c')],
      [name('b'), name('c')],
    ],
  };
}

const v1: Generator<SameObjectScenario, SameObjectAnalysis> = {
  id: 'same-object',
  version: 1,
  domain: 'objects',
  topic: 'objects',
  title: L('Same object or not?', '같은 객체인가?'),
  tiers: [1, 2, 3],
  generate(rng, tier) {
    return searchScenario(rng, (r) => build(r, tier, 1), () => fallback(), analyze);
  },
  analyze,
  question(s, a) {
    const { code } = renderProgram(s.program);
    const end = a.run.states[a.run.states.length - 1] as ObjState;
    const lbl = (e: Expr) => {
      const v = evalIn(s.program, end, e);
      return v.t === 'ref' ? objectLabel(end.heap, v.id) : exprCode(e);
    };
    const options = s.pairs.map((p) => option(pairId(p), `${exprCode(p[0])} is ${exprCode(p[1])}`, a.tags[pairId(p)], true));
    const shown: Expr[] = [];
    for (const p of s.pairs) for (const e of p) if (!shown.some((x) => exprCode(x) === exprCode(e))) shown.push(e);
    const where = shown.map((e) => `${exprCode(e)} → ${lbl(e)}`).join(', ');
    const trueTests = a.answer.map((id) => `\`${id.replace('~', ' is ')}\``).join(', ');
    const summary: Localized[] = [
      L(`At the end: ${where}.`, `끝났을 때: ${where}.`),
      a.answer.length > 0
        ? L(`True (one and the same object): ${trueTests}.`, `True(같은 객체): ${trueTests}.`)
        : L('No pair names one and the same object.', '같은 객체를 가리키는 쌍이 없습니다.'),
    ];
    for (const [id, m] of Object.entries(a.tags)) {
      const t = `\`${id.replace('~', ' is ')}\``;
      if (m.id === M.isMeansEq.id) summary.push(L(`${t} is False: the two are equal (==) but distinct objects.`, `${t}는 False입니다. 두 객체는 같다(==)고 해도 서로 다른 객체입니다.`));
      else if (m.id === M.eqComparesFields.id) summary.push(L(`${t} is False: the two have equal attributes but are distinct objects (with no __eq__ they are not even ==).`, `${t}는 False입니다. 속성 값은 같지만 서로 다른 객체입니다(__eq__가 없으니 ==도 False).`));
      else if (m.id === M.rebindMovesAlias.id) summary.push(L(`${t} is False: they referred to one object earlier, but one name was rebound later.`, `${t}는 False입니다. 전에는 한 객체를 가리켰지만 나중에 한쪽 이름이 다시 묶였습니다.`));
      else if (m.id === M.ownListShared.id) summary.push(L(`${t} is False: __init__ made a new list for each instance.`, `${t}는 False입니다. __init__이 인스턴스마다 새 리스트를 만들었습니다.`));
      else if (m.id === M.instanceWriteToClass.id) summary.push(L(`${t} is False: assigning a list through an instance gave that instance its own list; the class-level list is untouched.`, `${t}는 False입니다. 인스턴스를 통해 리스트를 대입하면 그 인스턴스만의 리스트가 생기고, 클래스 수준 리스트는 그대로입니다.`));
    }
    return {
      prompt: [
        text(
          'After the program has run, which of these `is` tests are True (both sides refer to one and the same object)?',
          '프로그램이 끝난 뒤, 다음 `is` 검사 중 True인 것(양쪽이 같은 객체를 가리키는 것)을 모두 고르시오.',
        ),
        codeBlock(code),
      ],
      response: { kind: 'multi', options },
      answer: a.answer,
      explanation: explanation(
        a.run,
        summary,
        L(
          'A name (or list slot, or attribute) refers to an object; assignment copies the reference, never the object. `x is y` is True only when both refer to the same object; `==` may call two different objects equal (__eq__, equal lists). Rebinding one name leaves the others where they were.',
          '이름(또는 리스트 칸, 속성)은 객체를 가리킵니다. 대입은 참조를 복사할 뿐 객체를 복사하지 않습니다. `x is y`는 양쪽이 같은 객체일 때만 True이고, `==`는 서로 다른 객체도 같다고 할 수 있습니다(__eq__, 같은 내용의 리스트). 한 이름을 다시 묶어도 다른 이름은 그대로입니다.',
        ),
      ),
      assumptions: [L('CPython 3; the program runs top to bottom as a script.', 'CPython 3, 프로그램은 스크립트로 위에서 아래로 실행됩니다.')],
    };
  },
  program(s) {
    const tests = s.pairs.map((p) => `(${pyString(pairId(p))}, ${exprCode(p[0])}, ${exprCode(p[1])})`).join(', ');
    return exportObjects(s.program, {}, [`_answer(sorted(k for k, x, y in [${tests}] if x is y))`]);
  },
};

/** Version 1, kept for stored refs. */
export const sameObjectV1 = defineGenerator(v1);
/**
 * Version 2: every question offers a pair that named one object before a rebinding (the
 * misconception property), and the Korean title and text are in 합니다체 (issue 16 §4).
 */
export const sameObject = defineGenerator<SameObjectScenario, SameObjectAnalysis>({
  ...v1,
  version: 2,
  title: L('Same object or not?', '같은 객체입니까?'),
  generate(rng, tier) {
    return searchScenario(rng, (r) => build(r, tier, 2), () => fallback(), analyze);
  },
  question: (s, a) => inHamnida(v1.question(s, a)),
});
