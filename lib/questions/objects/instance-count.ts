/** "How many instances of Node exist right after line 9?" */
import type { Rng } from '@/lib/sim/rng';
import {
  baseRun,
  evalIn,
  liveInstances,
  objectLabel,
  renderProgram,
  runFrom,
  stmtCode,
  tryRunFrom,
  type BaseRun,
  type Misbelief,
  type ObjRun,
  type ObjState,
  type ObjectProgram,
  type Stmt,
} from '@/lib/sim/objects';
import { L, PARTICLE, josa, option, text } from '../kit';
import { defineGenerator, type Generated, type Generator, type Localized, type Misconception, type Tier } from '../types';
import {
  NO_FEATURES,
  searchScenario,
  REFCOUNT_RULE,
  classFeatures,
  codeBlock,
  explanation,
  makeClasses,
  pickClassNames,
  randomBody,
  referrers,
  attr,
  name,
  type ClassFeatures,
  type StmtKind,
} from './common';
import { misbeliefMisconception, objectMisconceptions as M } from './misconceptions';
import { exportObjects } from './python-export';

export interface InstanceCountScenario {
  readonly features: ClassFeatures;
  readonly program: ObjectProgram;
  /** The question asks about the moment right after module statement `at`. */
  readonly at: number;
}

const BELIEFS: readonly Misbelief[] = ['alias-copies', 'del-destroys', 'never-freed'];

function liveCount(state: ObjState, cls: string): number {
  return liveInstances(state, cls).length;
}

/** The real run, the answer, and the wrong counts the misbeliefs give. */
export interface InstanceCountAnalysis {
  readonly run: ObjRun;
  readonly answer: number;
  /** Wrong counts and the misconception each stands for, in the order found (the first one wins on a tie). */
  readonly distractors: readonly (readonly [number, Misconception])[];
}

function analyzeRun(s: InstanceCountScenario, base: BaseRun): InstanceCountAnalysis {
  const r = runFrom(base);
  const state = r.states[s.at] as ObjState;
  const answer = liveCount(state, s.features.cls);
  const distractors: [number, Misconception][] = [];
  const add = (n: number, m: Misconception) => {
    if (n !== answer && !distractors.some(([d]) => d === n)) distractors.push([n, m]);
  };
  // The misbeliefs only need to run up to the statement asked about.
  for (const b of BELIEFS) {
    const wrong = tryRunFrom(base, new Set([b]), s.at + 1);
    const ws = wrong?.states[s.at];
    if (ws) add(liveCount(ws, s.features.cls), misbeliefMisconception[b]);
  }
  if (s.features.counter === 'class') {
    const c = evalIn(s.program, state, attr(name(s.features.cls), 'count'));
    if (c.t === 'int') add(c.v, M.counterIsLive);
  }
  return { run: r, answer, distractors };
}

function features(rng: Rng, tier: Tier): ClassFeatures {
  const { cls, sub } = pickClassNames(rng);
  if (tier === 1) return classFeatures(cls, { counter: 'class' });
  if (tier === 2) return classFeatures(cls, { counter: 'class', sharedList: rng.bool(0.3) });
  return classFeatures(cls, { counter: 'class', linked: true, live: rng.bool(0.5), sub: rng.bool(0.4) ? sub : null });
}

const WEIGHTS: Record<Tier, Partial<Record<StmtKind, number>>> = {
  1: { new: 2, rebind: 2, alias: 3, del: 3 },
  2: { new: 1, rebind: 2, alias: 2, del: 3, keep: 2.5, 'keep-clear': 1.5, 'keep-del': 1, 'from-keep': 1.5 },
  3: { new: 1, rebind: 2, alias: 1.5, del: 3, link: 3, unlink: 1.5, 'from-next': 1.5, keep: 1, 'keep-clear': 1 },
};

const analyze = (s: InstanceCountScenario): InstanceCountAnalysis => analyzeRun(s, baseRun(s.program));

function build(rng: Rng, tier: Tier, version: 1 | 2): Generated<InstanceCountScenario, InstanceCountAnalysis> | null {
  const f = features(rng, tier);
  const length = tier === 1 ? rng.int(5, 6) : tier === 2 ? rng.int(7, 8) : rng.int(7, 9);
  const start: StmtKind[] = tier === 1 ? ['new', 'new'] : ['new', 'new', 'new'];
  const body = randomBody(rng, f, WEIGHTS[tier], length, start);
  if (!body) return null;
  // Prefer asking right after a statement that drops a reference (del, rebinding, clear).
  const from = Math.max(3, length - 4);
  const candidates: number[] = [];
  for (let i = from; i < length; i++) candidates.push(i);
  const drops = candidates.filter((i) => {
    const st = body.program.body[i];
    return st !== undefined && (st.kind === 'del-name' || st.kind === 'clear' || (st.kind === 'assign' && st.value.kind !== 'list'));
  });
  const at = drops.length > 0 && rng.bool(0.75) ? rng.pick(drops) : rng.pick(candidates);
  const s: InstanceCountScenario = { features: f, program: body.program, at };
  // Cheap rejection first: nothing freed and no del up to `at` leaves no interesting distractor.
  const frees = body.base.trace.slice(0, at + 1).some((t) => t.freed.length > 0);
  if (!frees && !body.program.body.slice(0, at + 1).some((st) => st.kind === 'del-name')) return null;
  const a = analyzeRun(s, body.base);
  const tagged = new Set(a.distractors.map(([, m]) => m.id));
  if (tagged.size < (tier === 1 ? 1 : 2)) return null;
  // The statements that matter must be in play: something freed, or kept alive by another reference.
  if (!a.run.trace.slice(0, at + 1).some((t) => t.freed.length > 0) && !tagged.has(M.delDestroys.id)) return null;
  // Version 2: "objects live until the program ends" is always a wrong option (82 % in version 1).
  if (version === 2 && !tagged.has(M.neverFreed.id)) return null;
  return { scenario: s, analysis: a };
}

function fallback(tier: Tier): InstanceCountScenario {
  const f: ClassFeatures = { ...NO_FEATURES, cls: 'Node', counter: 'class' };
  const N = (v: number) => ({ kind: 'new' as const, cls: 'Node', args: [{ kind: 'int' as const, value: v }] });
  const program: ObjectProgram = {
    classes: makeClasses(f),
    body: [
      { kind: 'assign', target: { kind: 'name', name: 'a' }, value: N(1) },
      { kind: 'assign', target: { kind: 'name', name: 'b' }, value: name('a') },
      { kind: 'assign', target: { kind: 'name', name: 'c' }, value: N(2) },
      { kind: 'del-name', name: 'a' },
      { kind: 'assign', target: { kind: 'name', name: 'c' }, value: N(3) },
      ...(tier > 1 ? [{ kind: 'del-name' as const, name: 'b' }] : []),
    ],
  };
  return { features: f, program, at: program.body.length - 1 };
}

/**
 * Version 1 as first published, and version 2: only scenarios where "objects live until the
 * program ends" gives a wrong count (the misconception property), asked in 합니다체 (issue 16 §4).
 */
function instanceCountAt(version: 1 | 2): Generator {
  const polite = version >= 2;
  return defineGenerator<InstanceCountScenario, InstanceCountAnalysis>({
    id: 'instance-count',
    version,
    domain: 'objects',
    topic: 'objects',
    title: L('How many instances are alive?', polite ? '살아 있는 인스턴스는 몇 개입니까?' : '인스턴스는 몇 개 살아 있나?'),
    tiers: [1, 2, 3],
    generate(rng, tier) {
      return searchScenario(rng, (r) => build(r, tier, version), () => fallback(tier), analyze);
    },
    analyze,
    question(s, a) {
      const { code, lines } = renderProgram(s.program);
      const cls = s.features.cls;
      const line = lines[s.at] as number;
      const stmt = stmtCode(s.program.body[s.at] as Stmt);
      const state = a.run.states[s.at] as ObjState;
      const values = new Set<number>([a.answer, ...a.distractors.map(([n]) => n)]);
      for (const d of [1, -1, 2, -2, 3]) {
        if (values.size >= 4) break;
        if (a.answer + d >= 0) values.add(a.answer + d);
      }
      const options = [...values]
        .sort((x, y) => x - y)
        .map((n) => option(String(n), String(n), a.distractors.find(([d]) => d === n)?.[1]));

      const lbl = (id: number) => objectLabel(state.heap, id);
      const live = liveInstances(state, cls);
      const summary: Localized[] = [];
      const held = live.map((o) => `${lbl(o.id)} ← ${referrers(state, o.id, lbl).join(', ')}`);
      summary.push(
        live.length === 0
          ? L(`Right after line ${line} no ${cls} instance is alive: every one lost its last reference.`, `${line}번 줄 직후에는 살아 있는 ${cls} 인스턴스가 없습니다. 모두 마지막 참조를 잃었습니다.`)
          : L(
              `Right after line ${line}, ${live.length} alive, each still referenced (object ← references): ${held.join('; ')}.`,
              `${line}번 줄 직후 ${live.length}개가 살아 있고, 각각 아직 참조되고 있습니다(객체 ← 참조): ${held.join('; ')}.`,
            ),
      );
      const freedLines = a.run.trace
        .slice(0, s.at + 1)
        .filter((t) => t.freed.length > 0)
        .map((t) => `${t.freedLabels.join(', ')} (${lines[t.index]})`);
      if (freedLines.length > 0) {
        summary.push(
          L(
            `Freed on the way, at the line where the last reference went away: ${freedLines.join('; ')}.`,
            `도중에 해제된 것(마지막 참조가 사라진 줄): ${freedLines.join('; ')}.`,
          ),
        );
      }
      for (const [n, m] of a.distractors) {
        if (m.id === M.counterIsLive.id) {
          summary.push(L(`${cls}.count is ${n}: it counts every instance ever created, not the live ones.`, `${cls}.count는 ${n}입니다. 지금 살아 있는 수가 아니라 지금까지 만들어진 수를 셉니다.`));
        } else if (m.id === M.aliasCopies.id) {
          summary.push(L(`${n} would be right if \`b = a\` copied the object; it only adds a name.`, `\`b = a\`가 객체를 복사한다면 ${josa(String(n), PARTICLE.i)} 맞겠지만, 이름을 하나 더 붙일 뿐입니다.`));
        } else if (m.id === M.delDestroys.id) {
          summary.push(L(`${n} would be right if \`del\` destroyed the object; it only removes a name.`, `\`del\`이 객체를 파괴한다면 ${josa(String(n), PARTICLE.i)} 맞겠지만, 이름 하나를 지울 뿐입니다.`));
        } else if (m.id === M.neverFreed.id) {
          summary.push(L(`${n} would be right if nothing were freed before the program ends.`, `프로그램이 끝날 때까지 아무것도 해제되지 않는다면 ${josa(String(n), PARTICLE.i)} 맞겠지요.`));
        }
      }
      return {
        prompt: [
          text(
            `How many instances of \`${cls}\`${s.features.sub ? ` (including instances of its subclass \`${s.features.sub}\`)` : ''} are alive right after line ${line} (\`${stmt}\`) runs under CPython?`,
            `CPython에서 ${line}번 줄(\`${stmt}\`)이 실행된 직후 살아 있는 \`${cls}\` 인스턴스${s.features.sub ? `(자식 클래스 \`${s.features.sub}\`의 인스턴스 포함)` : ''}는 몇 개${polite ? '입니까' : '인가'}?`,
          ),
          codeBlock(code),
        ],
        response: { kind: 'choice', options },
        answer: String(a.answer),
        explanation: explanation(a.run, summary, L(
          `${REFCOUNT_RULE.en} Assignment (b = a, keep = [a]) adds a reference to the same object; del and rebinding remove one reference.`,
          `${REFCOUNT_RULE.ko} 대입(b = a, keep = [a])은 같은 객체에 참조를 하나 더하고, del과 재대입은 참조를 하나 없앱니다.`,
        ), s.at, s.at),
        assumptions: [
          L(
            'CPython 3 (reference counting). Nothing here forms a reference cycle, so no object waits for the cycle collector.',
            'CPython 3(참조 카운팅). 여기에는 순환 참조가 없으므로 순환 GC를 기다리는 객체가 없습니다.',
          ),
        ],
      };
    },
    program(s) {
      return exportObjects(s.program, { [s.at]: [`_ans = _live(${s.features.cls})`] }, ['_answer(str(_ans))']);
    },
  });
}

/** Version 2 (misconception property, 합니다체). */
export const instanceCount = instanceCountAt(2);
/** Version 1, kept for stored refs. */
export const instanceCountV1 = instanceCountAt(1);
