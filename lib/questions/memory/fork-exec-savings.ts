/**
 * fork-exec-savings: fork then exec. How many pages were actually copied, and how many
 * copies did copy-on-write save compared with a fork that copies every resident page?
 */
import { residentPrivatePages, stateAfter, type MemoryTrace } from '@/lib/sim/memory/machine';
import { PAGE_SIZE, type MemoryOp, type MemoryRules } from '@/lib/sim/memory/types';
import type { Rng } from '@/lib/sim/rng';
import type { Generated, Localized, Misconception, Option, QuestionBody, Tier } from '../types';
import { ScenarioBuilder, type CowGenerator } from './build';
import { oracleProgram, processOrder } from './c-oracle';
import { ASSUMPTIONS, COW_RULE, kernelAssumptions, misconceptionsOf, SHARED_BASE, procName, type MemoryVersion, privateMappingKo } from './common';
import { scenarioBlocks } from './display';
import { keySteps, rulesMatter, simulateUnder, traceViews } from './explain';

export interface ForkExecSavingsScenario {
  readonly ops: readonly MemoryOp[];
}

function generate(rng: Rng, tier: Tier): Generated<ForkExecSavingsScenario, MemoryTrace> {
  const b = new ScenarioBuilder();
  const pages = tier === 1 ? rng.int(3, 5) : rng.int(4, 7);
  b.mapPrivate(pages);
  const all = Array.from({ length: pages }, (_, i) => i);
  const written = tier === 1 ? all : rng.sample(all, rng.int(3, pages));
  for (const v of [...written].sort((x, y) => x - y)) b.write('parent', v);
  const children = tier === 3 ? ['child', 'child2'] : ['child'];
  for (const child of children) {
    b.fork('parent', child);
    // parent writes while the child still shares (copies) …
    const before = tier === 1 ? 0 : rng.int(0, 2);
    for (let i = 0; i < before; i++) b.write('parent', rng.pick(all));
    // … the child may touch a page before exec (tier ≥ 2) …
    if (tier >= 2 && rng.bool(0.6)) b.write(child, rng.pick(written));
    b.exec(child);
    // … and after exec, nothing is shared any more
    const after = tier === 1 ? rng.int(1, 3) : rng.int(1, 2);
    for (let i = 0; i < after; i++) b.write('parent', rng.pick(all));
  }
  return { scenario: { ops: b.build() }, analysis: b.trace() };
}

interface Counts {
  readonly copied: number;
  readonly eager: number;
}

/** Copies actually made, and what eager forks would have copied (resident private pages at each fork). */
export function countsOf(ops: readonly MemoryOp[], t: MemoryTrace): Counts {
  let eager = 0;
  ops.forEach((op, k) => {
    if (op.kind === 'fork') eager += residentPrivatePages(stateAfter(t, k), op.pid);
  });
  return { copied: t.final.counters.copies, eager };
}

export function countsId(c: { copied: number; saved: number }): string {
  return `c${c.copied}-s${c.saved}`;
}

function kib(n: number): number {
  return (n * PAGE_SIZE) / 1024;
}

function countsLabel(copied: number, saved: number): Localized {
  return {
    en: `${copied} page${copied === 1 ? '' : 's'} copied (${kib(copied)} KiB); ${saved} cop${saved === 1 ? 'y' : 'ies'} saved (${kib(saved)} KiB)`,
    ko: `${copied}페이지 복사 (${kib(copied)} KiB), ${saved}페이지 복사 절약 (${kib(saved)} KiB)`,
  };
}

function question(s: ForkExecSavingsScenario, trace: MemoryTrace, version: MemoryVersion): QuestionBody {
  const M = misconceptionsOf(version);
  const { copied, eager } = countsOf(s.ops, trace);
  const countsUnder = (change: Partial<MemoryRules>): Counts =>
    rulesMatter(trace, s.ops.length, change) ? countsOf(s.ops, simulateUnder(trace, s.ops, s.ops.length, change)) : { copied, eager };
  const saved = eager - copied;
  const candidates: { copied: number; saved: number; m: Misconception }[] = [];
  candidates.push({ copied: eager, saved: 0, m: M.forkCopiesAll });
  const noReuse = countsUnder({ reuseSoleReference: false });
  candidates.push({ copied: noReuse.copied, saved: eager - noReuse.copied, m: M.cowAlwaysCopies });
  const keep = countsUnder({ execKeepsReferences: true });
  candidates.push({ copied: keep.copied, saved: eager - keep.copied, m: M.execKeepsPages });
  const options = new Map<string, Option>();
  options.set(countsId({ copied, saved }), { id: countsId({ copied, saved }), label: countsLabel(copied, saved) });
  for (const c of candidates) {
    const id = countsId(c);
    if (c.saved < 0 || options.has(id)) continue;
    options.set(id, { id, label: countsLabel(c.copied, c.saved), misconception: c.m });
  }
  for (let d = 1; options.size < 4 && d < 10; d++) {
    for (const c of [copied + d, copied - d]) {
      const id = countsId({ copied: c, saved: eager - c });
      if (options.size < 4 && c >= 0 && c <= eager && !options.has(id)) options.set(id, { id, label: countsLabel(c, eager - c) });
    }
  }
  const sorted = [...options.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const forks = s.ops.filter((o) => o.kind === 'fork').length;
  return {
    prompt: [
      {
        kind: 'text',
        text: {
          en: `The common pattern: fork, then exec in the child. A parent fills a private region p and forks ${forks === 1 ? 'a child that execs' : 'two children, one after the other, each of which execs'} /bin/true, while the parent keeps writing.`,
          ko: `흔한 패턴: fork한 뒤 자식에서 exec한다. 부모가 ${privateMappingKo(version, '사적 영역 p')}를 채우고 ${forks === 1 ? '자식 하나를' : '자식 둘을 차례로'} fork하며, 자식은 /bin/true를 exec하고 부모는 계속 쓴다.`,
        },
      },
      ...scenarioBlocks(s.ops, version),
      {
        kind: 'text',
        text: {
          en: 'Over the whole run, how many pages of p does the kernel copy? And how many page copies does copy-on-write save, compared with a fork that copied every resident page of p (a page with its own frame) at the moment of the fork?',
          ko: '실행 전체에서 커널이 p의 페이지를 몇 개 복사하는가? 그리고 fork 순간 p의 상주 페이지(자기 프레임이 있는 페이지)를 모두 복사하는 fork와 비교해 쓰기 시 복사는 페이지 복사를 몇 번 아끼는가?',
        },
      },
    ],
    response: { kind: 'choice', options: sorted },
    answer: countsId({ copied, saved }),
    explanation: {
      summary: [
        {
          en: `An eager fork would copy ${eager} page${eager === 1 ? '' : 's'} in all; copy-on-write copies ${copied}, so it saves ${saved} (${(saved * PAGE_SIZE) / 1024} KiB).`,
          ko: `즉시 복사하는 fork라면 모두 ${eager}페이지를 복사한다. 쓰기 시 복사는 ${copied}페이지만 복사하므로 ${saved}페이지(${(saved * PAGE_SIZE) / 1024} KiB)를 아낀다.`,
        },
        ...keySteps(trace, s.ops.findIndex((o) => o.kind === 'fork') + 1, s.ops.length, version),
        {
          en: `Only writes made while a ${procName('child').en} still shared the frame copy. exec throws the ${procName('child').en}'s address space away, so the parent's later writes find frames with one reference and reuse them.`,
          ko: '자식이 아직 프레임을 공유하는 동안의 쓰기만 복사를 일으킨다. exec가 자식의 주소 공간을 버리므로 그 뒤 부모의 쓰기는 참조가 하나뿐인 프레임을 만나 그대로 재사용한다.',
        },
      ],
      views: traceViews(s.ops, trace, version),
      rule: COW_RULE,
    },
    assumptions: [ASSUMPTIONS.order, ASSUMPTIONS.pages, ...kernelAssumptions(version)],
  };
}

function program(s: ForkExecSavingsScenario): string {
  const order = processOrder(s.ops);
  const lines = ['int copies = 0, eager = 0;'];
  s.ops.forEach((op, i) => {
    const k = i + 1;
    if (op.kind === 'write') lines.push(`copies += copied(${k});`);
    if (op.kind === 'fork') {
      lines.push(`for (int v = 0; v < NVPAGES && v < ${SHARED_BASE}; v++) eager += is_frame(PFN[${k - 1}][${order.indexOf(op.pid)}][v]);`);
    }
  });
  lines.push('printf("ANSWER \\"c%d-s%d\\"\\n", copies, eager - copies);');
  return oracleProgram(s.ops, lines.join('\n'));
}

/**
 * Generator 4. Tier 1: the child execs at once; tier 2: parent and child write before the
 * exec (copies) and the parent after it (reuse); tier 3: two children, each exec'ing.
 */
export const forkExecSavings: CowGenerator<ForkExecSavingsScenario> = { id: 'fork-exec-savings', title: { en: 'fork + exec: what copy-on-write saves', ko: 'fork + exec: 쓰기 시 복사가 아끼는 것' }, generate, question, program };
