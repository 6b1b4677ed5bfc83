/**
 * shared-vs-private: a MAP_PRIVATE region p and a MAP_SHARED region s, both written after
 * fork. What does each process read, and how many pages are copied?
 */
import { simulate, type MemoryTrace } from '@/lib/sim/memory/machine';
import { LINUX_RULES, type MemoryOp, type MemoryRules, type ProcessId } from '@/lib/sim/memory/types';
import type { Rng } from '@/lib/sim/rng';
import type { Generated, Localized, Misconception, Option, QuestionBody, Tier } from '../types';
import { ScenarioBuilder, type CowGenerator } from './build';
import { oracleProgram, processOrder } from './c-oracle';
import { ASSUMPTIONS, COW_RULE, kernelAssumptions, misconceptionsOf, PRIVATE_BASE, SHARED_BASE, pageName, procName, quoteByte, type MemoryVersion } from './common';
import { josa, PARTICLE } from '../kit';
import { scenarioBlocks } from './display';
import { withMapping } from './models';
import { keySteps, rulesMatter, traceViews } from './explain';

export interface SharedVsPrivateScenario {
  readonly ops: readonly MemoryOp[];
  /** The read steps asked about (1-based), in the order they run. */
  readonly reads: readonly number[];
}

const P0 = PRIVATE_BASE;
const S0 = SHARED_BASE;

function generate(rng: Rng, tier: Tier): Generated<SharedVsPrivateScenario, MemoryTrace> {
  const b = new ScenarioBuilder();
  const pages = tier === 1 ? 1 : rng.int(1, 2);
  b.mapPrivate(pages);
  b.mapShared(pages);
  const initial = rng.shuffle([P0, S0]);
  for (const v of initial) b.write('parent', v);
  if (pages > 1 && rng.bool()) b.write('parent', P0 + 1);
  b.fork('parent', 'child');
  let procs: ProcessId[] = ['parent', 'child'];
  if (tier === 3) {
    const [who, child] = rng.bool() ? ['parent', 'child2'] : ['child', 'grandchild'];
    b.fork(who, child);
    procs = [...procs, child];
  }
  if (tier === 1) {
    for (const v of rng.shuffle([P0, S0])) b.write('child', v);
  } else {
    // every region written by somebody after the fork; a few more writes at random
    const writes: [ProcessId, number][] = [
      [rng.pick(procs.filter((p) => p !== 'parent')), P0],
      ['parent', rng.pick([P0, S0])],
      [rng.pick(procs), S0],
    ];
    const extra = tier === 2 ? rng.int(0, 1) : rng.int(1, 2);
    for (let i = 0; i < extra; i++) writes.push([rng.pick(procs), rng.pick([P0, S0])]);
    for (const [pid, v] of rng.shuffle(writes)) b.write(pid, v);
  }
  const readers: ProcessId[] = tier === 1 ? ['parent'] : tier === 2 ? ['parent', 'child'] : ['parent', procs[2] as ProcessId];
  const reads: number[] = [];
  for (const pid of rng.shuffle(readers)) {
    for (const v of rng.shuffle([P0, S0])) {
      b.read(pid, v);
      reads.push(b.ops.length);
    }
  }
  return { scenario: { ops: b.build(), reads }, analysis: b.trace() };
}

export interface Outcome {
  /** [process, vpage, byte] in process order, then p before s. */
  readonly values: readonly (readonly [ProcessId, number, string])[];
  readonly copies: number;
}

export function outcomeUnder(s: SharedVsPrivateScenario, ops: readonly MemoryOp[], rules: MemoryRules = LINUX_RULES, trace?: MemoryTrace): Outcome {
  const t = trace ?? simulate(ops, rules);
  const order = processOrder(ops);
  const values = s.reads
    .map((k) => {
      const op = ops[k - 1] as Extract<MemoryOp, { kind: 'read' }>;
      return [op.pid, op.vpage, t.entries[k - 1]?.event.value ?? '\0'] as const;
    })
    .sort((a, c) => order.indexOf(a[0]) - order.indexOf(c[0]) || a[1] - c[1]);
  return { values, copies: t.final.counters.copies };
}

function region(vpage: number): string {
  return vpage >= SHARED_BASE ? 's' : 'p';
}

export function outcomeId(o: Outcome): string {
  return [...o.values.map(([p, v, b]) => `${p}.${region(v)}=${b === '\0' ? '0' : b}`), `copies=${o.copies}`].join(';');
}

function outcomeLabel(o: Outcome): Localized {
  const byProc = new Map<ProcessId, { en: string[]; ko: string[] }>();
  for (const [p, v, b] of o.values) {
    const e = byProc.get(p) ?? { en: [], ko: [] };
    e.en.push(`${pageName(v)} = ${quoteByte(b)}`);
    e.ko.push(`${pageName(v)} = ${quoteByte(b)}`);
    byProc.set(p, e);
  }
  const en = [...byProc].map(([p, e]) => `${procName(p).en} reads ${e.en.join(', ')}`).join('; ');
  const ko = [...byProc].map(([p, e]) => `${procName(p).ko}: ${e.ko.join(', ')}`).join('; ');
  return {
    en: `${en.charAt(0).toUpperCase()}${en.slice(1)}; ${o.copies} page${o.copies === 1 ? '' : 's'} copied`,
    ko: `${ko}; 복사된 페이지 ${o.copies}개`,
  };
}

function question(s: SharedVsPrivateScenario, trace: MemoryTrace, version: MemoryVersion): QuestionBody {
  const M = misconceptionsOf(version);
  const correct = outcomeUnder(s, s.ops, LINUX_RULES, trace);
  const correctLabel = outcomeLabel(correct);
  const candidates: { o: Outcome; m: Misconception }[] = [
    { o: outcomeUnder(s, withMapping(s.ops, 's', false)), m: M.sharedIsCow },
    { o: outcomeUnder(s, withMapping(s.ops, 'p', true)), m: M.privateVisible },
    { o: outcomeUnder(s, withMapping(s.ops, 's', false), { ...LINUX_RULES, eagerForkCopy: true }), m: M.forkCopiesAll },
    {
      o: rulesMatter(trace, s.ops.length, { reuseSoleReference: false }) ? outcomeUnder(s, s.ops, { ...LINUX_RULES, reuseSoleReference: false }) : correct,
      m: M.cowAlwaysCopies,
    },
  ];
  const options = new Map<string, Option>([[outcomeId(correct), { id: outcomeId(correct), label: correctLabel }]]);
  for (const c of candidates) {
    const id = outcomeId(c.o);
    if (options.size < 5 && !options.has(id)) options.set(id, { id, label: outcomeLabel(c.o), misconception: c.m });
  }
  for (let d = 1; options.size < 4 && d < 5; d++) {
    for (const copies of [correct.copies + d, correct.copies - d]) {
      const o = { values: correct.values, copies };
      if (options.size < 4 && copies >= 0 && !options.has(outcomeId(o))) options.set(outcomeId(o), { id: outcomeId(o), label: outcomeLabel(o) });
    }
  }
  const sorted = [...options.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const readers = [...new Set(s.reads.map((k) => (s.ops[k - 1] as MemoryOp).pid))];
  return {
    prompt: [
      {
        kind: 'text',
        text: {
          en: 'A parent maps two anonymous regions: p with MAP_PRIVATE and s with MAP_SHARED. It writes to both and forks; the processes then run the steps below, in order.',
          ko: '부모가 익명 영역 두 개를 매핑한다: p는 MAP_PRIVATE, s는 MAP_SHARED. 둘 다에 쓰고 fork한 뒤, 프로세스들은 아래 단계를 순서대로 실행한다.',
        },
      },
      ...scenarioBlocks(s.ops, version),
      {
        kind: 'text',
        text: {
          en: `What ${readers.length > 1 ? 'do' : 'does'} the ${readers.map((p) => procName(p).en).join(' and the ')} read in the final steps, and how many pages does the kernel copy in the whole run?`,
          ko: `마지막 단계들에서 ${josa(readers.map((p, i) => (i < readers.length - 1 ? josa(procName(p).ko, PARTICLE.gwa, 'vowel') : procName(p).ko)).join(' '), PARTICLE.i, 'vowel')} 읽는 값은 무엇이고, 실행 전체에서 커널은 페이지를 몇 개 복사하는가?`,
        },
      },
    ],
    response: { kind: 'choice', options: sorted },
    answer: outcomeId(correct),
    explanation: {
      summary: [
        { en: `${correctLabel.en}.`, ko: `${correctLabel.ko}.` },
        {
          en: 'MAP_SHARED pages are one set of frames for every process that maps them: fork does not even copy their entries (the child faults them in on first touch), a write is seen by everyone, and nothing is ever copied. MAP_PRIVATE pages are copy-on-write: each process sees only its own writes.',
          ko: 'MAP_SHARED 페이지는 그것을 매핑한 모든 프로세스에 대해 하나의 프레임 묶음이다. fork는 그 엔트리조차 복사하지 않고(자식은 처음 건드릴 때 폴트로 매핑한다), 쓴 값은 모두에게 보이며, 복사는 전혀 일어나지 않는다. MAP_PRIVATE 페이지는 쓰기 시 복사이므로 각 프로세스는 자기가 쓴 값만 본다.',
        },
        ...keySteps(trace, s.ops.findIndex((o) => o.kind === 'fork') + 1, s.ops.length, version),
        {
          en: `In the page tables, p[i] is virtual page ${PRIVATE_BASE}+i and s[i] is virtual page ${SHARED_BASE}+i.`,
          ko: `페이지 테이블에서 p[i]는 가상 페이지 ${PRIVATE_BASE}+i, s[i]는 가상 페이지 ${SHARED_BASE}+i이다.`,
        },
      ],
      views: traceViews(s.ops, trace, version),
      rule: COW_RULE,
    },
    assumptions: [ASSUMPTIONS.order, ASSUMPTIONS.pages, ...kernelAssumptions(version)],
  };
}

function program(s: SharedVsPrivateScenario): string {
  const order = processOrder(s.ops);
  const sortedReads = [...s.reads].sort((a, c) => {
    const x = s.ops[a - 1] as Extract<MemoryOp, { kind: 'read' }>;
    const y = s.ops[c - 1] as Extract<MemoryOp, { kind: 'read' }>;
    return order.indexOf(x.pid) - order.indexOf(y.pid) || x.vpage - y.vpage;
  });
  const lines = ['char id[512] = "";', 'int copies = 0;'];
  s.ops.forEach((op, i) => {
    if (op.kind === 'write') lines.push(`copies += copied(${i + 1});`);
  });
  for (const k of sortedReads) {
    const op = s.ops[k - 1] as Extract<MemoryOp, { kind: 'read' }>;
    lines.push(
      `{ char part[64]; snprintf(part, sizeof part, "%s.${region(op.vpage)}=%c;", PROC_NAME[${order.indexOf(op.pid)}], VALUE[${k}] ? VALUE[${k}] : '0'); strcat(id, part); }`,
    );
  }
  lines.push('printf("ANSWER \\"%scopies=%d\\"\\n", id, copies);');
  return oracleProgram(s.ops, lines.join('\n'));
}

/**
 * Generator 6. Tier 1: the child writes both regions, the parent reads; tier 2: both write
 * and both read; tier 3: a third process.
 */
export const sharedVsPrivate: CowGenerator<SharedVsPrivateScenario> = { id: 'shared-vs-private', title: { en: 'MAP_SHARED vs MAP_PRIVATE after fork', ko: 'fork 이후 MAP_SHARED와 MAP_PRIVATE' }, generate, question, program };
