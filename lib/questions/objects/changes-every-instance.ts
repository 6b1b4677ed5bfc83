/** "Which statement changes the attribute for every instance?" */
import type { Rng } from '@/lib/sim/rng';
import {
  baseRun,
  evalIn,
  ProgramBuilder,
  renderProgram,
  reprOf,
  runFrom,
  stmtCode,
  type Expr,
  type ObjRun,
  type ObjState,
  type ObjectProgram,
  type Stmt,
} from '@/lib/sim/objects';
import { inHamnida, L, option, text } from '../kit';
import { defineGenerator, type Generator, type Generated, type Localized, type Misconception, type TableView, type Tier } from '../types';
import {
  NO_FEATURES,
  searchScenario,
  SUB_COUNT,
  attr,
  augAttr,
  classFeatures,
  codeBlock,
  explanation,
  extendBody,
  int,
  leavesNoCycle,
  makeClasses,
  name,
  pickClassNames,
  setAttr,
  setName,
  tryAppend,
  type ClassFeatures,
  type StmtKind,
} from './common';
import { objectMisconceptions as M } from './misconceptions';
import { exportObjects, pyString } from './python-export';

export interface ChangesEveryInstanceScenario {
  readonly features: ClassFeatures;
  readonly program: ObjectProgram;
  /** The names of the instances (each a distinct object). */
  readonly instances: readonly string[];
  /** Statements tried one at a time right after the program. */
  readonly candidates: readonly Stmt[];
}

const INSTANCES = ['a', 'b', 'c'] as const;

/** The attribute a candidate statement is about. */
function attrOf(s: Stmt): string {
  if (s.kind === 'assign' || s.kind === 'aug') return s.target.kind === 'attr' ? s.target.attr : '?';
  if (s.kind === 'del-attr') return s.attr;
  if (s.kind === 'append' || s.kind === 'clear') return s.list.kind === 'attr' ? s.list.attr : '?';
  return '?';
}

/** The object whose attribute the statement writes (`x` in `x.attr = …`, `x.items.append`). */
function ownerOf(s: Stmt): Expr | null {
  if ((s.kind === 'assign' || s.kind === 'aug') && s.target.kind === 'attr') return s.target.target;
  if (s.kind === 'del-attr') return s.target;
  if ((s.kind === 'append' || s.kind === 'clear') && s.list.kind === 'attr') return s.list.target;
  return null;
}

interface Effect {
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly all: boolean;
}

function effectOf(s: ChangesEveryInstanceScenario, end: ObjState, cand: Stmt): Effect | null {
  const next = tryAppend(s.program.classes, s.program.body, end, cand);
  if (!next) return null;
  const a = attrOf(cand);
  const program: ObjectProgram = { classes: s.program.classes, body: [...s.program.body, cand] };
  try {
    const before = s.instances.map((n) => reprOf(end.heap, evalIn(s.program, end, attr(name(n), a))));
    const after = s.instances.map((n) => reprOf(next.heap, evalIn(program, next, attr(name(n), a))));
    return { before, after, all: before.every((b, i) => b !== after[i]) };
  } catch {
    return null;
  }
}

/** Why a wrong candidate looks right to some learners. */
function tagOf(s: ChangesEveryInstanceScenario, end: ObjState, cand: Stmt, eff: Effect): Misconception | undefined {
  const a = attrOf(cand);
  const owner = ownerOf(cand);
  const ownerValue = owner ? evalIn(s.program, end, owner) : null;
  const ownerObj = ownerValue && ownerValue.t === 'ref' ? end.heap[ownerValue.id] : null;
  const onClass = ownerObj?.kind === 'class';
  if (cand.kind === 'append' && a === 'tags') return M.ownListShared;
  if (!onClass && ownerObj?.kind === 'instance' && cand.kind !== 'append' && cand.kind !== 'clear') {
    return a === 'count' || a === 'items' ? M.instanceWriteToClass : undefined;
  }
  // Changing only the subclass is not a common slip worth a tag.
  if (onClass && ownerObj.kind === 'class' && ownerObj.name !== s.features.cls) return undefined;
  // A class-level change (or a mutation of the shared list) that some instance does not see.
  const unchanged = s.instances.filter((_, i) => eff.before[i] === eff.after[i]);
  for (const n of unchanged) {
    const v = evalIn(s.program, end, name(n));
    const o = v.t === 'ref' ? end.heap[v.id] : null;
    if (o && o.kind === 'instance' && a in o.dict) return M.classWins;
  }
  if (s.features.sub && s.features.subOverride && a === 'count') return M.subclassAttrIgnored;
  return undefined;
}

function features(rng: Rng, tier: Tier): ClassFeatures {
  const { cls, sub } = pickClassNames(rng);
  if (tier === 1) return classFeatures(cls, { counter: 'class' });
  if (tier === 2) return classFeatures(cls, { counter: rng.bool(0.75) ? 'class' : 'self', sharedList: true, ownList: true });
  return classFeatures(cls, { counter: rng.bool(0.7) ? 'class' : 'self', sharedList: rng.bool(0.5), sub, subOverride: rng.bool(0.7) });
}

const WEIGHTS: Record<Tier, Partial<Record<StmtKind, number>>> = {
  1: { 'set-value': 2, 'aug-class': 1, 'set-class': 1 },
  2: { 'set-count': 2, 'aug-count': 1, 'append-shared': 2, 'append-own': 1.5, 'rebind-list': 1, 'set-value': 1 },
  3: { 'set-count': 2, 'del-count': 1.5, 'set-class': 1, 'append-shared': 1, 'set-value': 1 },
};

function freshInt(rng: Rng, used: ReadonlySet<number>): number {
  for (;;) {
    const v = rng.int(30, 99);
    if (!used.has(v)) return v;
  }
}

function allCandidates(rng: Rng, f: ClassFeatures, end: ObjState, tier: Tier): Stmt[] {
  const used = new Set<number>([SUB_COUNT]);
  const v = () => {
    const x = freshInt(rng, used);
    used.add(x);
    return int(x);
  };
  const C = name(f.cls);
  const x = () => name(rng.pick(INSTANCES));
  const out: Stmt[] = [];
  if (f.counter) {
    out.push(setAttr(C, 'count', v()), augAttr(C, 'count', 1), setAttr(x(), 'count', v()), augAttr(x(), 'count', 1));
    if (tier === 3) {
      out.push({ kind: 'assign', target: { kind: 'attr', target: { kind: 'type', target: x() }, attr: 'count' }, value: v() });
      if (f.sub) out.push(setAttr(name(f.sub), 'count', v()));
      for (const n of INSTANCES) {
        const o = end.globals[n];
        const inst = o && o.t === 'ref' ? end.heap[o.id] : null;
        if (inst && inst.kind === 'instance' && 'count' in inst.dict) out.push({ kind: 'del-attr', target: name(n), attr: 'count' });
      }
    }
  }
  out.push(setAttr(x(), 'value', v()));
  if (f.sharedList) {
    out.push(
      { kind: 'append', list: attr(x(), 'items'), value: int(rng.int(1, 9)) },
      { kind: 'append', list: attr(C, 'items'), value: int(rng.int(1, 9)) },
      setAttr(x(), 'items', { kind: 'list', items: [int(rng.int(1, 9))] }),
      setAttr(C, 'items', { kind: 'list', items: [int(rng.int(1, 9))] }),
    );
  }
  if (f.ownList) out.push({ kind: 'append', list: attr(x(), 'tags'), value: int(rng.int(1, 9)) });
  return out;
}

/**
 * The real run, the candidates that change every instance (sorted), and by statement what
 * each candidate that runs does and the misconception a wrong one tags.
 */
export interface ChangesAnalysis {
  readonly run: ObjRun;
  readonly answer: readonly string[];
  readonly effects: Readonly<Record<string, Effect>>;
  readonly tags: Readonly<Record<string, Misconception>>;
}

/** What one candidate statement does (null: Python would raise), and the misconception it tags if it is wrong. */
interface CandidateResult {
  readonly effect: Effect | null;
  readonly tag: Misconception | undefined;
}

/** What each candidate does when tried after the program's real run `r`. */
function candidateResults(s: ChangesEveryInstanceScenario, r: ObjRun): CandidateResult[] {
  const end = (r.states[r.states.length - 1] ?? r.initial) as ObjState;
  return s.candidates.map((c) => {
    const effect = effectOf(s, end, c);
    return { effect, tag: effect && !effect.all ? tagOf(s, end, c, effect) : undefined };
  });
}

/** The analysis of the scenario's candidates from their results. */
function analysisOf(s: ChangesEveryInstanceScenario, r: ObjRun, results: readonly CandidateResult[]): ChangesAnalysis {
  const effects: Record<string, Effect> = {};
  const tags: Record<string, Misconception> = {};
  s.candidates.forEach((c, i) => {
    const result = results[i] as CandidateResult;
    if (!result.effect) return;
    effects[stmtCode(c)] = result.effect;
    if (result.tag) tags[stmtCode(c)] = result.tag;
  });
  const answer = s.candidates.map(stmtCode).filter((id) => effects[id]?.all).sort();
  return { run: r, answer, effects, tags };
}

function analyze(s: ChangesEveryInstanceScenario): ChangesAnalysis {
  const r = runFrom(baseRun(s.program));
  return analysisOf(s, r, candidateResults(s, r));
}

function build(rng: Rng, tier: Tier): Generated<ChangesEveryInstanceScenario, ChangesAnalysis> | null {
  const f = features(rng, tier);
  const classes = makeClasses(f);
  const start: Stmt[] = INSTANCES.map((n, i) =>
    setName(n, { kind: 'new', cls: f.sub && i === 2 ? f.sub : f.cls, args: [int(rng.int(1, 9))] }),
  );
  const builder = new ProgramBuilder(classes);
  for (const s of start) if (!builder.append(s, leavesNoCycle)) return null;
  const extra = tier === 1 ? rng.int(0, 2) : rng.int(1, 3);
  const body = extendBody(rng, f, builder, WEIGHTS[tier], start.length + extra, INSTANCES);
  if (!body) return null;
  const probe: ChangesEveryInstanceScenario = {
    features: f,
    program: body.program,
    instances: INSTANCES,
    candidates: allCandidates(rng, f, body.state, tier),
  };
  // Every candidate is tried once; the scenario's analysis takes the chosen ones' results (each depends on the program, the instances and the statement only).
  const r = runFrom(body.base);
  const results = candidateResults(probe, r);
  const resultOf = new Map<string, CandidateResult>();
  probe.candidates.forEach((c, i) => {
    if (!resultOf.has(stmtCode(c))) resultOf.set(stmtCode(c), results[i] as CandidateResult);
  });
  const a = analysisOf(probe, r, results);
  const valid = probe.candidates.filter((c) => stmtCode(c) in a.effects);
  const right = valid.filter((c) => a.effects[stmtCode(c)]?.all);
  const tagged = valid.filter((c) => stmtCode(c) in a.tags);
  const plain = valid.filter((c) => !a.effects[stmtCode(c)]?.all && !(stmtCode(c) in a.tags));
  if (right.length === 0 || tagged.length === 0) return null;
  const size = tier === 1 ? 4 : 5;
  const chosen = [...rng.sample(right, Math.min(right.length, rng.int(1, 2))), ...rng.sample(tagged, Math.min(tagged.length, rng.int(2, 3)))];
  const rest = rng.shuffle([...tagged, ...plain, ...right].filter((c) => !chosen.includes(c)));
  while (chosen.length < size && rest.length > 0) chosen.push(rest.shift() as Stmt);
  if (chosen.length < 4) return null;
  const scenario: ChangesEveryInstanceScenario = { ...probe, candidates: rng.shuffle(chosen) };
  return { scenario, analysis: analysisOf(scenario, r, scenario.candidates.map((c) => resultOf.get(stmtCode(c)) as CandidateResult)) };
}

function fallback(): ChangesEveryInstanceScenario {
  const f: ClassFeatures = { ...NO_FEATURES, cls: 'Node', counter: 'class' };
  const program: ObjectProgram = {
    classes: makeClasses(f),
    body: INSTANCES.map((n, i) => setName(n, { kind: 'new', cls: 'Node', args: [int(i + 1)] })),
  };
  return {
    features: f,
    program,
    instances: INSTANCES,
    candidates: [setAttr(name('Node'), 'count', int(42)), setAttr(name('a'), 'count', int(50)), augAttr(name('b'), 'count', 1), setAttr(name('c'), 'value', int(60))],
  };
}

const v1: Generator<ChangesEveryInstanceScenario, ChangesAnalysis> = {
  id: 'changes-every-instance',
  version: 1,
  domain: 'objects',
  topic: 'objects',
  title: L('Which statement changes every instance?', '모든 인스턴스를 바꾸는 문장은?'),
  tiers: [1, 2, 3],
  generate(rng, tier) {
    return searchScenario(rng, (r) => build(r, tier), () => fallback(), analyze);
  },
  analyze,
  question(s, a) {
    const { code } = renderProgram(s.program);
    const names = s.instances.join(', ');
    const options = s.candidates.map((c) => option(stmtCode(c), stmtCode(c), a.tags[stmtCode(c)], true));
    const table: TableView = {
      kind: 'table',
      caption: L(
        'Each statement tried on its own after the program: the attribute as read through each instance, before → after.',
        '프로그램 뒤에 각 문장을 따로 실행했을 때, 각 인스턴스를 통해 읽은 속성 값(전 → 후).',
      ),
      header: [L('Statement', '문장'), ...s.instances.map((n) => L(`${n}.<attr>`, `${n}.<속성>`)), L('Every instance changed?', '모든 인스턴스가 바뀜?')],
      rows: s.candidates.map((c) => {
        const id = stmtCode(c);
        const e = a.effects[id];
        const at = attrOf(c);
        return [
          id,
          ...s.instances.map((n, i) => (e ? `${n}.${at}: ${e.before[i]} → ${e.after[i]}` : '?')),
          e?.all ? L('yes', '예') : L('no', '아니요'),
        ];
      }),
    };
    const summary: Localized[] = [
      a.answer.length > 0
        ? L(`Changes what every instance sees: ${a.answer.map((x) => `\`${x}\``).join(', ')}.`, `모든 인스턴스가 보는 값을 바꾸는 문장: ${a.answer.map((x) => `\`${x}\``).join(', ')}.`)
        : L('None of them changes what every instance sees.', '모든 인스턴스가 보는 값을 바꾸는 문장은 없습니다.'),
    ];
    for (const [id, m] of Object.entries(a.tags)) {
      if (m.id === M.instanceWriteToClass.id) summary.push(L(`\`${id}\` writes through one instance: it changes (or removes) that instance's own attribute only.`, `\`${id}\`는 인스턴스 하나를 통해 씁니다. 그 인스턴스 자신의 속성만 바꾸거나 지웁니다.`));
      else if (m.id === M.classWins.id) summary.push(L(`\`${id}\` changes the class-level value, but an instance with its own attribute of that name keeps seeing its own.`, `\`${id}\`는 클래스 수준 값을 바꾸지만, 같은 이름의 자기 속성이 있는 인스턴스는 계속 자기 것을 봅니다.`));
      else if (m.id === M.subclassAttrIgnored.id) summary.push(L(`\`${id}\` misses the ${s.features.sub} instance: ${s.features.sub}.count shadows ${s.features.cls}.count.`, `\`${id}\`는 ${s.features.sub} 인스턴스에는 닿지 않습니다. ${s.features.sub}.count가 ${s.features.cls}.count를 가립니다.`));
      else if (m.id === M.ownListShared.id) summary.push(L(`\`${id}\` appends to one instance's own list: __init__ gave each instance a new one.`, `\`${id}\`는 한 인스턴스 자신의 리스트에 추가합니다. __init__이 인스턴스마다 새 리스트를 주었습니다.`));
    }
    const base = explanation(
      a.run,
      summary,
      L(
        'Lookup order: the instance __dict__, then its class, then the base classes. A change made on the class (or to an object the class attribute refers to) is seen by every instance that has no attribute of its own with that name and whose class does not redefine it; writing through an instance only touches that instance.',
        '조회 순서: 인스턴스 __dict__, 그다음 클래스, 그다음 부모 클래스. 클래스에서 바꾼 것(또는 클래스 속성이 가리키는 객체를 변경한 것)은 같은 이름의 자기 속성이 없고 클래스가 재정의하지 않은 모든 인스턴스에 보입니다. 인스턴스를 통한 쓰기는 그 인스턴스만 건드립니다.',
      ),
    );
    return {
      prompt: [
        text(
          `Each statement below is tried on its own, right after this program (starting from the same state each time). Which ones change the value of their attribute as read through every instance (${names})? For \`${s.features.cls}.count = 50\`, that means: do ${s.instances.map((n) => `${n}.count`).join(', ')} all read a different value afterwards?`,
          `아래 문장을 하나씩, 매번 이 프로그램이 끝난 같은 상태에서 따로 실행한다. 모든 인스턴스(${names})를 통해 읽은 그 속성 값을 바꾸는 문장을 모두 고르시오. 예를 들어 \`${s.features.cls}.count = 50\`이라면 ${s.instances.map((n) => `${n}.count`).join(', ')}가 모두 전과 다른 값을 읽는가를 묻는다.`,
        ),
        codeBlock(code),
      ],
      response: { kind: 'multi', options },
      answer: a.answer,
      explanation: { ...base, views: [...base.views, table] },
      assumptions: [L('CPython 3; each statement runs in a fresh run of the program.', 'CPython 3, 각 문장은 프로그램을 새로 실행한 뒤에 실행됩니다.')],
    };
  },
  program(s) {
    const { code } = renderProgram(s.program);
    const tests = s.candidates.map((c) => `(${pyString(stmtCode(c))}, ${pyString(attrOf(c))})`).join(', ');
    return exportObjects(s.program, {}, [
      `_SRC = ${pyString(code)}`,
      `_NAMES = ${JSON.stringify(s.instances)}`,
      '_ans = []',
      `for _stmt, _attr in [${tests}]:`,
      '    _ns = {"__name__": "__main__"}',
      '    exec(_SRC, _ns)  # a fresh run of the program',
      '    _before = [repr(getattr(_ns[n], _attr)) for n in _NAMES]',
      '    exec(_stmt, _ns)',
      '    _after = [repr(getattr(_ns[n], _attr)) for n in _NAMES]',
      '    if all(x != y for x, y in zip(_before, _after)):',
      '        _ans.append(_stmt)',
      '_answer(sorted(_ans))',
    ]);
  },
};

/** Version 1, kept for stored refs. */
export const changesEveryInstanceV1 = defineGenerator(v1);
/** Version 2: version 1 with its Korean text in 합니다체 (issue 16 §4). */
export const changesEveryInstance = defineGenerator<ChangesEveryInstanceScenario, ChangesAnalysis>({ ...v1, version: 2, question: (s, a) => inHamnida(v1.question(s, a)) });
