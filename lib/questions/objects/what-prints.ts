/** "What does line 12 (`print(b.count)`) print?" */
import type { Rng } from '@/lib/sim/rng';
import {
  ProgramBuilder,
  baseRun,
  dependsOn,
  evalIn,
  evalTracked,
  exprCode,
  objectLabel,
  renderProgram,
  stmtCode,
  runFrom,
  strOf,
  tryRunFrom,
  type BaseRun,
  type Expr,
  type HeapObject,
  type Misbelief,
  type ObjRun,
  type ObjState,
  type ObjectProgram,
  type Stmt,
  type Value,
} from '@/lib/sim/objects';
import { L, option, text } from '../kit';
import { defineGenerator, type Generated, type Localized, type Misconception, type Tier } from '../types';
import {
  NO_FEATURES,
  searchScenario,
  attr,
  classFeatures,
  codeBlock,
  eul,
  printedEul,
  explanation,
  instanceNames,
  makeClasses,
  name,
  pickClassNames,
  randomBody,
  setAttr,
  setName,
  int,
  type ClassFeatures,
  type StmtKind,
} from './common';
import { misbeliefMisconception, objectMisconceptions as M } from './misconceptions';
import { exportObjects } from './python-export';

export interface WhatPrintsScenario {
  /** The tier decides which misbeliefs the distractors come from. */
  readonly tier: Tier;
  readonly features: ClassFeatures;
  readonly program: ObjectProgram;
  /** Index of the `print` statement asked about. */
  readonly at: number;
}

const TIER_BELIEFS: Record<Tier, readonly Misbelief[]> = {
  1: ['instance-write-to-class', 'class-wins', 'alias-copies'],
  2: ['list-copied', 'instance-write-to-class', 'class-wins', 'alias-copies', 'eq-compares-fields'],
  3: [
    'is-means-eq',
    'eq-compares-fields',
    'isinstance-exact',
    'type-includes-subclasses',
    'instance-write-to-class',
    'class-wins',
    'list-copied',
    'never-freed',
    'del-destroys',
    'alias-copies',
  ],
};

/** What a learner holding the misbelief expects, in a few words. */
const IF_BELIEF: Record<Misbelief, Localized> = {
  'alias-copies': L('if `b = a` copied the object', '`b = a`가 객체를 복사한다면'),
  'del-destroys': L('if `del` destroyed the object', '`del`이 객체를 파괴한다면'),
  'never-freed': L('if objects were only freed at the end (no __del__ on the way)', '객체가 끝에서야 해제된다면(도중에 __del__ 없음)'),
  'list-copied': L('if each instance had its own copy of the class-level list', '인스턴스마다 클래스 수준 리스트의 복사본을 가진다면'),
  'instance-write-to-class': L('if assigning through an instance changed the class attribute', '인스턴스를 통한 대입이 클래스 속성을 바꾼다면'),
  'class-wins': L('if the class attribute won over the instance’s own', '클래스 속성이 인스턴스 자신의 속성보다 우선한다면'),
  'is-means-eq': L('if `is` compared values like `==`', '`is`가 `==`처럼 값을 비교한다면'),
  'eq-compares-fields': L('if the default `==` compared attributes', '기본 `==`가 속성을 비교한다면'),
  'isinstance-exact': L('if isinstance ignored subclasses', 'isinstance가 자식 클래스를 무시한다면'),
  'type-includes-subclasses': L('if `type(x) is C` accepted subclasses', '`type(x) is C`가 자식 클래스도 받아들인다면'),
};

function features(rng: Rng, tier: Tier): ClassFeatures {
  const { cls, sub } = pickClassNames(rng);
  if (tier === 1) return classFeatures(cls, { counter: 'class' });
  if (tier === 2) return classFeatures(cls, { counter: rng.bool(0.5) ? 'class' : 'self', sharedList: true, ownList: rng.bool(0.5) });
  const withSub = rng.bool(0.6);
  return classFeatures(cls, {
    counter: rng.bool(0.5) ? 'class' : 'self',
    eq: rng.bool(0.5),
    sub: withSub ? sub : null,
    subOverride: withSub && rng.bool(0.5),
    live: rng.bool(0.4),
    sharedList: rng.bool(0.3),
  });
}

const WEIGHTS: Record<Tier, Partial<Record<StmtKind, number>>> = {
  1: { new: 2, alias: 2, 'set-count': 2, 'set-class': 1.5, 'aug-class': 1, 'aug-count': 1, 'set-value': 1.5, rebind: 1 },
  2: {
    new: 1.5,
    alias: 1.5,
    'append-shared': 2.5,
    'append-own': 1.5,
    'rebind-list': 1,
    'set-count': 1.5,
    'aug-count': 1.5,
    'set-class': 1,
    'aug-class': 1,
    'set-value': 1,
  },
  3: {
    new: 2,
    alias: 1.5,
    rebind: 1,
    del: 1,
    'set-count': 1,
    'aug-count': 1,
    'set-class': 1.5,
    'del-count': 1.5,
    'set-value': 1.5,
    'append-shared': 1,
  },
};

/** Expressions worth printing in the given state. */
function candidates(f: ClassFeatures, state: ObjState, tier: Tier): Expr[] {
  const names = instanceNames(state);
  const C = name(f.cls);
  const out: Expr[] = [];
  for (const n of names) {
    const x = name(n);
    if (f.counter) out.push(attr(x, 'count'));
    out.push(attr(x, 'value'));
    if (f.sharedList) out.push(attr(x, 'items'), { kind: 'len', target: attr(x, 'items') });
    if (f.ownList) out.push(attr(x, 'tags'));
    if (tier === 3) {
      if (f.counter) out.push({ kind: 'has-own', target: x, attr: 'count' });
      if (f.sub) {
        out.push({ kind: 'isinstance', target: x, cls: f.cls }, { kind: 'type-is', target: x, cls: f.cls }, { kind: 'type-name', target: x });
        out.push({ kind: 'isinstance', target: x, cls: f.sub });
      }
    }
  }
  if (f.counter) out.push(attr(C, 'count'));
  if (f.sharedList) out.push(attr(C, 'items'));
  if (f.live) out.push(attr(C, 'live'));
  if (f.sub && f.counter) out.push(attr(name(f.sub), 'count'));
  if (tier >= 2) {
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const x = name(names[i] as string);
        const y = name(names[j] as string);
        out.push({ kind: 'is', left: x, right: y });
        if (tier === 3 || !f.eq) out.push({ kind: 'eq', left: x, right: y });
      }
    }
  }
  return out;
}

/** The real run, what the line prints, the wrong outputs (each with the misconception it stands for, first found first) and what each misbelief prints. */
export interface WhatPrintsAnalysis {
  readonly run: ObjRun;
  readonly answer: string;
  readonly distractors: readonly (readonly [string, Misconception])[];
  readonly believed: readonly { belief: Misbelief; output: string }[];
}

/** A printable expression and what it prints (under no misbelief) in the state it is printed in. */
interface Printed {
  readonly expr: Expr;
  readonly output: string;
  /** The misbeliefs that could change the value (see `evalTracked`). */
  readonly sensitive: number;
}

/**
 * `expr` evaluated in `state`, or null when printing it would raise (or show an instance's
 * address, which is not modelled).
 */
function printed(program: ObjectProgram, state: ObjState, expr: Expr): Printed | null {
  try {
    const { value, sensitive } = evalTracked(program, state, expr);
    return { expr, output: strOf(state.heap, value), sensitive };
  } catch {
    return null;
  }
}

/**
 * What a print of each of `exprs` placed after the first `length` statements of `program`
 * shows under each misbelief of the tier: each belief runs those statements once, then
 * every expression is evaluated in that state (a print changes nothing, so this equals
 * running the print). Where the misbelief changed none of those statements (its run
 * reached the very same state) and could not change the expression's value, the output
 * is the real one, without evaluating again.
 */
function believedOutputs(base: BaseRun, length: number, exprs: readonly Printed[], tier: Tier): Map<Misbelief, (string | undefined)[]> {
  const program = base.program;
  const real = runFrom(base, undefined, length);
  const realState = real.states[length - 1] ?? real.initial;
  const out = new Map<Misbelief, (string | undefined)[]>();
  for (const b of TIER_BELIEFS[tier]) {
    const beliefs = new Set([b]);
    const w = tryRunFrom(base, beliefs, length);
    const state = w ? (w.states[w.states.length - 1] ?? w.initial) : null;
    out.set(
      b,
      exprs.map((e) => {
        if (!state) return undefined;
        if (state === realState && !dependsOn(e.sensitive, beliefs)) return e.output;
        try {
          return strOf(state.heap, evalIn(program, state, e.expr, beliefs));
        } catch {
          return undefined;
        }
      }),
    );
  }
  return out;
}

function analysisOf(r: ObjRun, answer: string, believedAll: Map<Misbelief, (string | undefined)[]>, i: number): WhatPrintsAnalysis {
  const distractors: [string, Misconception][] = [];
  const believed: { belief: Misbelief; output: string }[] = [];
  for (const [b, outs] of believedAll) {
    const out = outs[i];
    if (out === undefined || out === answer) continue;
    believed.push({ belief: b, output: out });
    if (!distractors.some(([d]) => d === out)) distractors.push([out, misbeliefMisconception[b]]);
  }
  return { run: r, answer, distractors, believed };
}

/** The analysis of a scenario from the real run of its program (`base`). */
function analyzeRun(s: WhatPrintsScenario, base: BaseRun): WhatPrintsAnalysis {
  const r = runFrom(base);
  const answer = r.trace[s.at]?.printed as string;
  const stmt = s.program.body[s.at] as Extract<Stmt, { kind: 'print' }>;
  const before = r.states[s.at - 1] ?? r.initial;
  return analysisOf(r, answer, believedOutputs(base, s.at, [printed(s.program, before, stmt.expr) as Printed], s.tier), 0);
}

const analyze = (s: WhatPrintsScenario): WhatPrintsAnalysis => analyzeRun(s, baseRun(s.program));

/** `need`: only print expressions with a wrong output tagged with that misconception are chosen (version 3). */
function build(rng: Rng, tier: Tier, need?: Misconception): Generated<WhatPrintsScenario, WhatPrintsAnalysis> | null {
  const f = features(rng, tier);
  const length = tier === 1 ? rng.int(4, 6) : rng.int(5, 7);
  const body = randomBody(rng, f, WEIGHTS[tier], length, tier === 3 ? ['new', 'new', 'new'] : ['new', 'new']);
  if (!body) return null;
  const pos = rng.int(Math.max(2, length - 2), length);
  // The print goes in after the first `pos` statements.
  const before = runFrom(body.base, undefined, pos);
  const state = (before.states[pos - 1] ?? before.initial) as ObjState;
  const exprs: Printed[] = [];
  for (const e of candidates(f, state, tier)) {
    const p = printed(body.program, state, e);
    if (p) exprs.push(p);
  }
  const believed = believedOutputs(body.base, pos, exprs, tier);
  const scored: { index: number; weight: number }[] = [];
  exprs.forEach((p, i) => {
    const a = analysisOf(before, p.output, believed, i);
    if (a.distractors.length > 0 && (!need || a.distractors.some(([, m]) => m.id === need.id))) scored.push({ index: i, weight: a.distractors.length });
  });
  if (scored.length === 0) return null;
  // Favour expressions more misbeliefs get wrong, without always taking the same kind.
  const total = scored.reduce((n, x) => n + x.weight * x.weight, 0);
  let x = rng.next() * total;
  let chosen = (scored[scored.length - 1] as { index: number }).index;
  for (const c of scored) {
    x -= c.weight * c.weight;
    if (x < 0) {
      chosen = c.index;
      break;
    }
  }
  const print: Stmt = { kind: 'print', expr: (exprs[chosen] as Printed).expr };
  // The program with the print: its run goes on from the one already computed up to the print.
  const builder = ProgramBuilder.continuing(body.base, pos);
  let ran = builder.append(print, keepAll);
  for (const st of body.program.body.slice(pos)) ran = ran && builder.append(st, keepAll);
  const base = ran
    ? builder.baseRun()
    : baseRun({ classes: body.program.classes, body: [...body.program.body.slice(0, pos), print, ...body.program.body.slice(pos)] });
  const scenario: WhatPrintsScenario = { tier, features: f, program: base.program, at: pos };
  // The same statements run before the print, so the chosen expression's outputs carry over.
  const outputs = new Map<Misbelief, (string | undefined)[]>();
  for (const [b, outs] of believed) outputs.set(b, [outs[chosen]]);
  const r = runFrom(base);
  return { scenario, analysis: analysisOf(r, r.trace[pos]?.printed as string, outputs, 0) };
}

/** Statements of a program already accepted are run again as they are. */
const keepAll = (): boolean => true;

function fallback(tier: Tier): WhatPrintsScenario {
  const f: ClassFeatures = { ...NO_FEATURES, cls: 'Node', counter: 'class' };
  const program: ObjectProgram = {
    classes: makeClasses(f),
    body: [
      setName('a', { kind: 'new', cls: 'Node', args: [int(1)] }),
      setName('b', { kind: 'new', cls: 'Node', args: [int(2)] }),
      setAttr(name('a'), 'count', int(7)),
      { kind: 'print', expr: attr(name('b'), 'count') },
    ],
  };
  return { tier, features: f, program, at: 3 };
}

/** Why the value printed is what it is: where the lookup found it. */
function reason(s: WhatPrintsScenario, state: ObjState, expr: Expr): Localized[] {
  const lbl = (v: Value) => (v.t === 'ref' ? objectLabel(state.heap, v.id) : '?');
  const out: Localized[] = [];
  const describeAttr = (target: Expr, a: string) => {
    const v = evalIn(s.program, state, target);
    if (v.t !== 'ref') return;
    const o = state.heap[v.id];
    if (!o) return;
    if (o.kind === 'instance') {
      if (a in o.dict) {
        out.push(
          L(
            `\`${exprCode(target)}\` is ${lbl(v)}, which has its own \`${a}\` in its __dict__: that one is found first.`,
            `\`${exprCode(target)}\`는 ${lbl(v)}이고, 자기 __dict__에 \`${a}\`가 있어서 그것이 먼저 찾아집니다.`,
          ),
        );
      } else {
        let c: number | null = o.cls;
        let owner = '';
        while (c !== null) {
          const co: HeapObject | null | undefined = state.heap[c];
          if (!co || co.kind !== 'class') break;
          if (a in co.dict) {
            owner = co.name;
            break;
          }
          c = co.base;
        }
        out.push(
          L(
            `\`${exprCode(target)}\` is ${lbl(v)}, which has no \`${a}\` of its own, so the lookup continues in the class: ${owner}.${a}.`,
            `\`${exprCode(target)}\`는 ${lbl(v)}이고 자기 \`${a}\`가 없으므로 클래스에서 찾습니다: ${owner}.${a}.`,
          ),
        );
      }
    } else if (o.kind === 'class') {
      out.push(L(`\`${exprCode(target)}.${a}\` reads the class attribute itself; instance attributes never change it.`, `\`${exprCode(target)}.${a}\`는 클래스 속성 자체를 읽습니다. 인스턴스 속성은 이것을 바꾸지 않습니다.`));
    }
  };
  switch (expr.kind) {
    case 'attr':
      describeAttr(expr.target, expr.attr);
      break;
    case 'len':
      if (expr.target.kind === 'attr') describeAttr(expr.target.target, expr.target.attr);
      break;
    case 'is': {
      const l = evalIn(s.program, state, expr.left);
      const r = evalIn(s.program, state, expr.right);
      out.push(
        L(
          `\`${exprCode(expr.left)}\` is ${lbl(l)} and \`${exprCode(expr.right)}\` is ${lbl(r)}: \`is\` is true only for one and the same object.`,
          `\`${exprCode(expr.left)}\`는 ${lbl(l)}, \`${exprCode(expr.right)}\`는 ${lbl(r)}입니다. \`is\`는 같은 객체일 때만 참입니다.`,
        ),
      );
      break;
    }
    case 'eq': {
      const l = evalIn(s.program, state, expr.left);
      const r = evalIn(s.program, state, expr.right);
      out.push(
        s.features.eq
          ? L(
              `\`${exprCode(expr.left)}\` is ${lbl(l)} and \`${exprCode(expr.right)}\` is ${lbl(r)}; ${s.features.cls}.__eq__ compares their \`value\`, not their identity.`,
              `\`${exprCode(expr.left)}\`는 ${lbl(l)}, \`${exprCode(expr.right)}\`는 ${lbl(r)}입니다. ${s.features.cls}.__eq__는 동일성이 아니라 \`value\`를 비교합니다.`,
            )
          : L(
              `\`${exprCode(expr.left)}\` is ${lbl(l)} and \`${exprCode(expr.right)}\` is ${lbl(r)}; ${s.features.cls} defines no __eq__, so == falls back to identity.`,
              `\`${exprCode(expr.left)}\`는 ${lbl(l)}, \`${exprCode(expr.right)}\`는 ${lbl(r)}입니다. ${s.features.cls}에는 __eq__가 없어서 ==는 동일성 비교가 됩니다.`,
            ),
      );
      break;
    }
    case 'isinstance':
    case 'type-is':
    case 'type-name':
    case 'has-own': {
      const v = evalIn(s.program, state, expr.target);
      const o = v.t === 'ref' ? state.heap[v.id] : null;
      const cls = o && o.kind === 'instance' ? state.heap[o.cls] : null;
      const clsName = cls && cls.kind === 'class' ? cls.name : '?';
      if (expr.kind === 'has-own') {
        out.push(L(`\`${exprCode(expr.target)}\` is ${lbl(v)}; the trace shows its own attributes (__dict__).`, `\`${exprCode(expr.target)}\`는 ${lbl(v)}입니다. 추적표에 그 자신의 속성(__dict__)이 있습니다.`));
      } else {
        out.push(
          L(
            `\`${exprCode(expr.target)}\` is ${lbl(v)}, created by ${clsName}(…): type() gives exactly ${clsName}; isinstance also accepts its base classes${s.features.sub ? ` (${s.features.sub} → ${s.features.cls})` : ''}.`,
            `\`${exprCode(expr.target)}\`는 ${clsName}(…)로 만든 ${lbl(v)}입니다. type()은 정확히 ${clsName}이고, isinstance는 부모 클래스도 인정합니다${s.features.sub ? ` (${s.features.sub} → ${s.features.cls})` : ''}.`,
          ),
        );
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/** Lists one change away from `answer` ("[1, 2, 3]"): its last item dropped, its first item repeated. */
function nearLists(answer: string): string[] {
  const items = answer.slice(1, -1).split(', ').filter((x) => x !== '');
  if (items.length === 0) return [];
  return [`[${items.slice(0, -1).join(', ')}]`, `[${[...items, items[0]].join(', ')}]`];
}

/**
 * The options shown. Version 1 could end with two (a list answer with one distractor, and
 * every True/False answer); version 2 fills a list answer up to at least three with nearby
 * lists, and its search drops scenarios that still have fewer than three (issue 12 §2).
 */
function fillOptions(answer: string, distractors: WhatPrintsAnalysis['distractors'], f: ClassFeatures, version: 1 | 2 = 1): string[] {
  const values = new Set<string>([answer, ...distractors.map(([d]) => d)]);
  if (answer === 'True' || answer === 'False') values.add(answer === 'True' ? 'False' : 'True');
  else if (/^-?\d+$/.test(answer)) {
    const n = Number(answer);
    for (const d of [1, -1, 2]) if (values.size < 4) values.add(String(n + d));
  } else if (answer.startsWith('[')) {
    if (values.size < 3) values.add('[]');
    if (version === 2) for (const l of nearLists(answer)) if (values.size < 3) values.add(l);
  } else if (f.sub) {
    values.add(f.cls).add(f.sub);
  }
  return [...values].sort((a, b) => {
    const na = Number(a);
    const nb = Number(b);
    return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a < b ? -1 : a > b ? 1 : 0;
  });
}

/**
 * Version 3 chooses only print lines with a wrong output that "writing through an instance
 * changes the class attribute" predicts (the headline misconception is a wrong option in every
 * question), asks and explains in 합니다체, and picks the particle after a printed value from how
 * it is read (printedEul), where versions 1 and 2 wrote "은(는)" / "을(를)"; options are filled as
 * in version 2.
 */
function whatPrintsAt(version: 1 | 2 | 3) {
  const fill = version === 1 ? 1 : 2;
  const polite = version >= 3;
  const obj = polite ? printedEul : eul;
  const enough = (g: Generated<WhatPrintsScenario, WhatPrintsAnalysis> | null) =>
    g && (fill === 1 || fillOptions(g.analysis.answer, g.analysis.distractors, g.scenario.features, 2).length >= 3) ? g : null;
  const need = version === 3 ? M.instanceWriteToClass : undefined;
  return defineGenerator<WhatPrintsScenario, WhatPrintsAnalysis>({
    id: 'what-prints',
    version,
    domain: 'objects',
    topic: 'objects',
    title: L('What does this line print?', polite ? '이 줄은 무엇을 출력합니까?' : '이 줄은 무엇을 출력하나?'),
    tiers: [1, 2, 3],
    generate(rng, tier) {
      return searchScenario(rng, (r) => enough(build(r, tier, need)), () => fallback(tier), analyze);
    },
    analyze,
    question(s, a) {
      const { code, lines } = renderProgram(s.program);
      const line = lines[s.at] as number;
      const stmt = s.program.body[s.at] as Extract<Stmt, { kind: 'print' }>;
      const before = s.at === 0 ? a.run.initial : (a.run.states[s.at - 1] as ObjState);
      const choices = fillOptions(a.answer, a.distractors, s.features, fill).map((o) => option(o, o, a.distractors.find(([d]) => d === o)?.[1], true));
      const summary: Localized[] = [
        L(`Line ${line} prints ${a.answer}.`, `${line}번 줄은 ${obj(a.answer)} 출력합니다.`),
        ...reason(s, before, stmt.expr),
        ...a.believed.map((b) =>
          L(`${IF_BELIEF[b.belief].en[0]?.toUpperCase()}${IF_BELIEF[b.belief].en.slice(1)}, it would print ${b.output}.`, `${IF_BELIEF[b.belief].ko} ${obj(b.output)} 출력하겠지만 실제로는 그렇지 않습니다.`),
        ),
      ];
      return {
        prompt: [
          text(
            `What does line ${line}, \`${stmtCode(stmt)}\`, print?`,
            polite ? `${line}번 줄 \`${stmtCode(stmt)}\`의 출력은 무엇입니까?` : `${line}번 줄 \`${stmtCode(stmt)}\`은(는) 무엇을 출력하는가?`,
          ),
          codeBlock(code),
        ],
        response: { kind: 'choice', options: choices },
        answer: a.answer,
        explanation: explanation(
          a.run,
          summary,
          L(
            'Python looks an attribute up in the instance __dict__ first, then in the class and its bases (the MRO). Assigning through an instance (x.a = …, x.a += …) stores into the instance; mutating a shared object (x.items.append) changes it for everyone who refers to it. `is` is identity; `==` calls __eq__ (default: identity). isinstance follows inheritance, type() does not.',
            '파이썬은 속성을 인스턴스 __dict__에서 먼저 찾고, 없으면 클래스와 부모 클래스(MRO)에서 찾습니다. 인스턴스를 통한 대입(x.a = …, x.a += …)은 인스턴스에 저장됩니다. 공유 객체를 변경하면(x.items.append) 그것을 참조하는 모두에게 보입니다. `is`는 동일성, `==`는 __eq__ 호출(기본은 동일성)입니다. isinstance는 상속을 따르고 type()은 따르지 않습니다.',
          ),
          s.at,
          s.at,
        ),
        assumptions: [L('CPython 3; the program runs top to bottom as a script.', 'CPython 3, 프로그램은 스크립트로 위에서 아래로 실행됩니다.')],
      };
    },
    program(s) {
      const k = s.program.body.slice(0, s.at).filter((st) => st.kind === 'print').length;
      return exportObjects(s.program, {}, [`_answer(_out[${k}])`]);
    },
  });
}

/** Version 3: the headline misconception (instance-write-to-class) in every question; 합니다체 and particles from the printed value (issue 16 §4). */
export const whatPrints = whatPrintsAt(3);
/** Version 2: at least three options (issue 12 §2); kept for stored refs. */
export const whatPrintsV2 = whatPrintsAt(2);
/** Version 1, kept for stored refs. */
export const whatPrintsV1 = whatPrintsAt(1);
