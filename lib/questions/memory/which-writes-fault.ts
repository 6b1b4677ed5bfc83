/**
 * which-writes-fault: after fork, which writes take a page fault, and which of them copy a page?
 */
import type { MemoryTrace } from '@/lib/sim/memory/machine';
import type { MemoryOp } from '@/lib/sim/memory/types';
import type { Rng } from '@/lib/sim/rng';
import type { Generated, Localized, Option, QuestionBody, Tier } from '../types';
import { randomActions, ScenarioBuilder, type CowGenerator } from './build';
import { oracleProgram } from './c-oracle';
import { ASSUMPTIONS, COW_RULE, kernelAssumptions, misconceptionsOf, opCode, procName, type MemoryVersion, privateMappingKo } from './common';
import { scenarioBlocks } from './display';
import { stepExplanation, traceViews } from './explain';

export interface WhichWritesFaultScenario {
  readonly ops: readonly MemoryOp[];
  /** The write steps the options are about (1-based), all after the first fork. */
  readonly writes: readonly number[];
}

const MAX_WRITES = 5;

function generate(rng: Rng, tier: Tier, version: MemoryVersion): Generated<WhichWritesFaultScenario, MemoryTrace> {
  for (let attempt = 0; ; attempt++) {
    const b = new ScenarioBuilder();
    const pages = tier === 1 ? rng.int(2, 3) : tier === 2 ? rng.int(3, 4) : rng.int(3, 5);
    b.mapPrivate(pages);
    const all = Array.from({ length: pages }, (_, i) => i);
    const written = tier === 1 ? rng.sample(all, rng.int(pages - 1, pages)) : rng.sample(all, rng.int(2, pages - 1));
    for (const v of [...written].sort((x, y) => x - y)) b.write('parent', v);
    if (tier >= 2) {
      const untouched = all.filter((v) => !written.includes(v));
      if (untouched.length > 0 && rng.bool(0.7)) b.read('parent', rng.pick(untouched));
    }
    b.fork('parent', 'child');
    const forkStep = b.ops.length;
    if (tier === 1) {
      randomActions(rng, b, 3, { write: 1, read: 0 });
    } else if (tier === 2) {
      randomActions(rng, b, rng.int(4, 5), { write: 5, read: 1 });
    } else {
      randomActions(rng, b, 2, { write: 3, read: 0 });
      if (rng.bool()) b.fork('parent', 'child2');
      else b.fork('child', 'grandchild');
      randomActions(rng, b, rng.int(3, 4), { write: 5, read: 1, exit: 2 });
    }
    const writes = b.ops.map((op, k) => (op.kind === 'write' && k + 1 > forkStep ? k + 1 : 0)).filter((k) => k > 0);
    const outcomes = new Set(writes.map((k) => b.events[k - 1]?.outcome));
    // version 4: some write reuses its frame, so "a copy-on-write write always copies" is a wrong option
    const reuse = version < 4 || outcomes.has('cow-reuse') || attempt > 60;
    // keep scenarios with at least two kinds of outcome, so the question discriminates
    if ((writes.length >= 2 && writes.length <= MAX_WRITES && (outcomes.size >= 2 || attempt > 20) && reuse) || attempt > 80 || (version < 4 && attempt > 60)) {
      return { scenario: { ops: b.build(), writes: writes.slice(0, MAX_WRITES) }, analysis: b.trace() };
    }
  }
}

function describeWrite(op: MemoryOp, k: number): Localized {
  const who = procName(op.pid);
  return { en: `step ${k} (${who.en}: ${opCode(op, k)})`, ko: `${k}단계 (${who.ko}: ${opCode(op, k)})` };
}

/** Option ids in the order JSON answers list them (sorted, as the Answer contract requires). */
function optionIds(writes: readonly number[]): string[] {
  return writes.flatMap((k) => [`s${k}-fault`, `s${k}-copy`]).sort();
}

function question(s: WhichWritesFaultScenario, trace: MemoryTrace, version: MemoryVersion): QuestionBody {
  const M = misconceptionsOf(version);
  const options: Option[] = [];
  const right: string[] = [];
  for (const k of s.writes) {
    const op = s.ops[k - 1] as MemoryOp;
    const ev = trace.entries[k - 1]?.event;
    const d = describeWrite(op, k);
    const faults = ev?.fault === true;
    const copies = ev?.outcome === 'cow-copy';
    if (faults) right.push(`s${k}-fault`);
    if (copies) right.push(`s${k}-copy`);
    const copyMisconception =
      ev?.outcome === 'cow-reuse'
        ? M.cowAlwaysCopies
        : ev?.outcome === 'alloc' || ev?.outcome === 'zero-fill'
          ? M.zeroPageCopied
          : M.everyWriteCopies;
    options.push({
      id: `s${k}-fault`,
      label: { en: `${d.en.charAt(0).toUpperCase()}${d.en.slice(1)} takes a page fault`, ko: `${d.ko}에서 페이지 폴트가 난다` },
      ...(faults ? {} : { misconception: M.everyWriteFaults }),
    });
    options.push({
      id: `s${k}-copy`,
      label: { en: `${d.en.charAt(0).toUpperCase()}${d.en.slice(1)} copies a page into a new frame`, ko: `${d.ko}에서 페이지를 새 프레임으로 복사한다` },
      ...(copies ? {} : { misconception: copyMisconception }),
    });
  }
  const answer = [...right].sort();
  const faults = s.writes.filter((k) => trace.entries[k - 1]?.event.fault).length;
  const copies = s.writes.filter((k) => trace.entries[k - 1]?.event.outcome === 'cow-copy').length;
  return {
    prompt: [
      {
        kind: 'text',
        text: {
          en: 'A parent process maps a private anonymous region p, touches some pages and forks. The processes then run the steps below, in order.',
          ko: `부모 프로세스가 ${privateMappingKo(version)}를 매핑하고 몇 페이지를 건드린 뒤 fork한다. 이후 프로세스들은 아래 단계를 순서대로 실행한다.`,
        },
      },
      ...scenarioBlocks(s.ops, version),
      {
        kind: 'text',
        text: {
          en: 'Select every true statement about the writes after the fork: which ones take a page fault, and which ones copy a page into a newly allocated frame? (Allocating a zero-filled frame is not a copy.)',
          ko: 'fork 이후의 쓰기에 대해 참인 문장을 모두 고르시오. 어떤 쓰기가 페이지 폴트를 내고, 어떤 쓰기가 페이지를 새로 할당한 프레임으로 복사하는가? (0으로 채운 프레임을 할당하는 것은 복사가 아니다.)',
        },
      },
    ],
    response: { kind: 'multi', options },
    answer,
    explanation: {
      summary: [
        {
          en: `${faults} of the ${s.writes.length} writes fault and ${copies} of them copy a page.`,
          ko: `쓰기 ${s.writes.length}번 중 ${faults}번이 폴트를 내고, 그중 ${copies}번이 페이지를 복사한다.`,
        },
        ...s.writes.map((k) => stepExplanation(trace, k, version)),
        {
          en: 'A write faults whenever its entry is missing or read-only; it copies only when the frame is still mapped by another entry. A page a process has already made its own stays writable: later writes do not fault.',
          ko: '엔트리가 없거나 읽기 전용이면 쓰기는 폴트를 낸다. 복사는 그 프레임을 다른 엔트리가 아직 매핑하고 있을 때만 일어난다. 이미 자기 것이 된 페이지는 쓰기 가능으로 남으므로 이후의 쓰기는 폴트를 내지 않는다.',
        },
      ],
      views: traceViews(s.ops, trace, version),
      rule: COW_RULE,
    },
    assumptions: [ASSUMPTIONS.order, ASSUMPTIONS.pages, ...kernelAssumptions(version)],
  };
}

function program(s: WhichWritesFaultScenario): string {
  const lines = ['int first = 1;', 'printf("ANSWER [");'];
  for (const id of optionIds(s.writes)) {
    const [, k, what] = /^s(\d+)-(fault|copy)$/.exec(id) as RegExpExecArray;
    const cond = what === 'fault' ? `FAULT[${k}]` : `copied(${k})`;
    lines.push(`if (${cond}) { printf("%s\\"${id}\\"", first ? "" : ","); first = 0; }`);
  }
  lines.push('printf("]\\n");');
  return oracleProgram(s.ops, lines.join('\n'));
}

/**
 * Generator 2 (multi-select). Tier 1: first writes after one fork; tier 2: repeated writes
 * (no fault), zero-page writes (fault, no copy), sole-reference reuse; tier 3: a second
 * fork and an exit. From version 4 some write always reuses its frame (fault, no copy).
 */
export const whichWritesFault: CowGenerator<WhichWritesFaultScenario> = { id: 'which-writes-fault', title: { en: 'Which writes fault, which copy', ko: '어떤 쓰기가 폴트를 내고 어떤 쓰기가 복사하는가' }, generate, question, program };
