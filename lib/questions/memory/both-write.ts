/**
 * both-write: parent and child (and in tier 3 a third process) all write the same page
 * after fork. Who ends up on a new frame, and what does each one read afterwards?
 */
import type { MemoryTrace } from '@/lib/sim/memory/machine';
import type { MemoryOp, MemoryRules, ProcessId } from '@/lib/sim/memory/types';
import type { Rng } from '@/lib/sim/rng';
import type { Generated, Localized, Misconception, Option, QuestionBody, Tier } from '../types';
import { ScenarioBuilder, type CowGenerator } from './build';
import { oracleProgram, processOrder } from './c-oracle';
import { ASSUMPTIONS, COW_RULE, kernelAssumptions, misconceptionsOf, procKo, procName, quoteByte, type MemoryVersion } from './common';
import { josa, PARTICLE } from '../kit';
import { scenarioBlocks } from './display';
import { childGetsCopyModel, writerKeepsOriginalModel } from './models';
import { rulesMatter, simulateUnder, stepExplanation, traceViews } from './explain';

export interface BothWriteScenario {
  readonly ops: readonly MemoryOp[];
  /** The page everyone writes. */
  readonly vpage: number;
  /** The write steps to that page after the (last) fork, in order (1-based). */
  readonly writes: readonly number[];
  /** The final read steps, one per process, in order (1-based). */
  readonly reads: readonly number[];
}

function generate(rng: Rng, tier: Tier): Generated<BothWriteScenario, MemoryTrace> {
  const b = new ScenarioBuilder();
  const pages = rng.int(1, 3);
  b.mapPrivate(pages);
  const vpage = rng.int(0, pages - 1);
  // tier 2: the page may only have been read before fork (zero page): then nobody copies
  const initial = tier === 2 && rng.bool(0.4) ? 'read' : 'written';
  if (pages > 1) b.write('parent', (vpage + 1) % pages);
  if (initial === 'written') b.write('parent', vpage);
  else b.read('parent', vpage);
  b.fork('parent', 'child');
  if (tier === 3) {
    if (rng.bool()) b.fork('parent', 'child2');
    else b.fork('child', 'grandchild');
  }
  const procs = processOrder(b.ops);
  const writers = rng.shuffle(procs);
  const writes: number[] = [];
  for (const [i, pid] of writers.entries()) {
    b.write(pid, vpage);
    writes.push(b.ops.length);
    // tier 2: someone who has not written yet reads in between and still sees the old byte
    if (tier === 2 && i === 0 && rng.bool(0.5)) b.read(writers[1] as ProcessId, vpage);
  }
  const reads: number[] = [];
  for (const pid of rng.shuffle(procs)) {
    b.read(pid, vpage);
    reads.push(b.ops.length);
  }
  return { scenario: { ops: b.build(), vpage, writes, reads }, analysis: b.trace() };
}

export interface Outcome {
  /** Processes that ended on a frame they did not map before their write, in creation order. */
  readonly fresh: readonly ProcessId[];
  /** Byte each process reads at the end, in creation order. */
  readonly values: readonly (readonly [ProcessId, string])[];
}

export function outcomeOf(s: BothWriteScenario, ops: readonly MemoryOp[], t: MemoryTrace): Outcome {
  const order = processOrder(ops);
  const freshSet = new Set(
    s.writes
      .filter((k) => ['cow-copy', 'alloc', 'zero-fill'].includes(t.entries[k - 1]?.event.outcome ?? ''))
      .map((k) => (ops[k - 1] as MemoryOp).pid),
  );
  const values = s.reads
    .map((k) => [(ops[k - 1] as MemoryOp).pid, t.entries[k - 1]?.event.value ?? '\0'] as const)
    .sort((a, c) => order.indexOf(a[0]) - order.indexOf(c[0]));
  return { fresh: order.filter((p) => freshSet.has(p)), values };
}

function byteId(v: string): string {
  return v === '\0' ? '0' : v;
}

export function outcomeId(o: Outcome): string {
  return [`new=${o.fresh.length ? o.fresh.join('+') : 'none'}`, ...o.values.map(([p, v]) => `${p}=${byteId(v)}`)].join(';');
}

function listNames(pids: readonly ProcessId[]): Localized {
  if (pids.length === 0) return { en: 'nobody', ko: '없음' };
  return {
    en: pids.map((p) => procName(p).en).join(' and '),
    ko: pids.map((p, i) => (i < pids.length - 1 ? josa(procName(p).ko, PARTICLE.gwa, 'vowel') : procName(p).ko)).join(' '),
  };
}

function outcomeLabel(o: Outcome): Localized {
  const who = listNames(o.fresh);
  const reads = {
    en: o.values.map(([p, v]) => `${procName(p).en} ${quoteByte(v)}`).join(', '),
    ko: o.values.map(([p, v]) => `${procName(p).ko} ${quoteByte(v)}`).join(', '),
  };
  return { en: `New frame: ${who.en}. Reads at the end: ${reads.en}.`, ko: `새 프레임: ${who.ko}. 마지막에 읽는 값: ${reads.ko}.` };
}

/** Version 1 and 2's closing remark: right whenever some write copies the page. */
const FIRST_WRITER_COPIES: Localized = {
  en: 'Whoever writes first while the frame is shared gets the copy; it is not always the child. The last process still mapping the old frame keeps it and writes it in place. Private pages never show another process’s writes.',
  ko: '프레임이 공유된 상태에서 먼저 쓰는 쪽이 복사본을 받는다. 항상 자식인 것은 아니다. 옛 프레임을 마지막까지 매핑하는 프로세스는 그 프레임을 그대로 쓴다. private 페이지에는 다른 프로세스가 쓴 값이 보이지 않는다.',
};

/** Version 3's remark when every write lands on the zero page: nothing is copied at all. */
const ZERO_PAGE_WRITES: Localized = {
  en: 'Nothing is copied here: the page was only read before fork, so every process maps the shared zero page, and each process’s first write allocates its own zero-filled frame, whoever writes first. Private pages never show another process’s writes.',
  ko: '여기서는 아무것도 복사되지 않는다. fork 전에 페이지를 읽기만 했으므로 모든 프로세스가 공유 제로 페이지를 매핑하고, 누가 먼저 쓰든 각 프로세스의 첫 쓰기가 0으로 채운 자기 프레임을 할당한다. private 페이지에는 다른 프로세스가 쓴 값이 보이지 않는다.',
};

/**
 * The closing remark. Versions 1 and 2 always said "whoever writes first gets the copy", also
 * when every write lands on the zero page and nothing is copied (issue 12 §2); version 3 says
 * what happened then.
 */
function closingRemark(s: BothWriteScenario, trace: MemoryTrace, fixed: boolean): Localized {
  const copied = s.writes.some((k) => trace.entries[k - 1]?.event.outcome === 'cow-copy');
  return fixed && !copied ? ZERO_PAGE_WRITES : FIRST_WRITER_COPIES;
}

function question(s: BothWriteScenario, trace: MemoryTrace, version: MemoryVersion, fixed = false): QuestionBody {
  const M = misconceptionsOf(version);
  const correct = outcomeOf(s, s.ops, trace);
  const under = (change: Partial<MemoryRules>): Outcome =>
    rulesMatter(trace, s.ops.length, change) ? outcomeOf(s, s.ops, simulateUnder(trace, s.ops, s.ops.length, change)) : correct;
  const order = processOrder(s.ops);
  const writers = s.writes.map((k) => (s.ops[k - 1] as MemoryOp).pid);
  const lastValue = (s.ops[(s.writes[s.writes.length - 1] as number) - 1] as Extract<MemoryOp, { kind: 'write' }>).value;

  const candidates: { o: Outcome; m: Misconception | undefined }[] = [];
  const others = childGetsCopyModel(s.ops);
  const childGets: Outcome = { fresh: others, values: correct.values };
  candidates.push({
    o: childGets,
    m: outcomeId(childGets) === outcomeId(correct) ? M.writerKeepsOriginal : M.childGetsCopy,
  });
  if (outcomeId(childGets) === outcomeId(correct)) {
    // the child(ren) really got the new frames: the distractor is the parent getting it instead
    candidates.push({ o: { fresh: writerKeepsOriginalModel(s.ops, correct.fresh), values: correct.values }, m: M.writerKeepsOriginal });
  }
  candidates.push({ o: under({ reuseSoleReference: false }), m: M.cowAlwaysCopies });
  candidates.push({ o: { fresh: [], values: correct.values.map(([p]) => [p, lastValue] as const) }, m: M.privateVisible });
  candidates.push({ o: under({ eagerForkCopy: true }), m: M.forkCopiesAll });
  // every writer on a new frame yet everyone reading the last byte: no belief's model gives
  // this mix, so from version 4 it is a plain distractor, not a second "private is visible"
  const mixed: Outcome = { fresh: order.filter((p) => writers.includes(p)), values: correct.values.map(([p]) => [p, lastValue] as const) };
  candidates.push({ o: mixed, m: version >= 4 ? undefined : M.privateVisible });

  const options = new Map<string, Option>([[outcomeId(correct), { id: outcomeId(correct), label: outcomeLabel(correct) }]]);
  for (const c of candidates) {
    const id = outcomeId(c.o);
    if (options.size >= 5) break;
    if (!options.has(id)) options.set(id, { id, label: outcomeLabel(c.o), ...(c.m ? { misconception: c.m } : {}) });
  }
  const sorted = [...options.values()].sort((a, c) => (a.id < c.id ? -1 : a.id > c.id ? 1 : 0));
  const first = writers[0] as ProcessId;
  const page = `p[${s.vpage}]`;
  return {
    prompt: [
      {
        kind: 'text',
        text: {
          en: `After fork, every process writes to ${page} and then reads it back. The steps below run in order.`,
          ko: `fork 이후 모든 프로세스가 ${page}에 쓰고 나서 다시 읽는다. 아래 단계는 순서대로 실행된다.`,
        },
      },
      ...scenarioBlocks(s.ops, version),
      {
        kind: 'text',
        text: {
          en: `Which processes end up on a newly allocated frame for ${page} when they write it, and what does each process read at the end?`,
          ko: `${page}에 쓸 때 새로 할당된 프레임으로 옮겨 가는 프로세스는 누구이며, 마지막에 각 프로세스가 읽는 값은 무엇인가?`,
        },
      },
    ],
    response: { kind: 'choice', options: sorted },
    answer: outcomeId(correct),
    explanation: {
      summary: [
        {
          en: `The ${procName(first).en} writes first. ${outcomeLabel(correct).en}`,
          ko: `${procKo(first)} 먼저 쓴다. ${outcomeLabel(correct).ko}`,
        },
        ...s.writes.map((k) => stepExplanation(trace, k, version)),
        closingRemark(s, trace, fixed),
      ],
      views: traceViews(s.ops, trace, version),
      rule: COW_RULE,
    },
    assumptions: [ASSUMPTIONS.order, ASSUMPTIONS.pages, ...kernelAssumptions(version)],
  };
}

function program(s: BothWriteScenario): string {
  const order = processOrder(s.ops);
  const lines = ['char id[256] = "new=";', 'int any = 0;'];
  for (const [i, pid] of order.entries()) {
    const ks = s.writes.filter((k) => (s.ops[k - 1] as MemoryOp).pid === pid);
    const cond = ks.map((k) => `fresh(${k})`).join(' || ') || '0';
    lines.push(`if (${cond}) { strcat(id, any ? "+" : ""); strcat(id, PROC_NAME[${i}]); any = 1; }`);
  }
  lines.push('if (!any) strcat(id, "none");');
  const readsByProc = [...s.reads].sort(
    (a, c) => order.indexOf((s.ops[a - 1] as MemoryOp).pid) - order.indexOf((s.ops[c - 1] as MemoryOp).pid),
  );
  for (const k of readsByProc) {
    const i = order.indexOf((s.ops[k - 1] as MemoryOp).pid);
    lines.push(`{ char part[64]; snprintf(part, sizeof part, ";%s=%c", PROC_NAME[${i}], VALUE[${k}] ? VALUE[${k}] : '0'); strcat(id, part); }`);
  }
  lines.push('printf("ANSWER \\"%s\\"\\n", id);');
  return oracleProgram(s.ops, lines.join('\n'));
}

/**
 * Generator 5. Tier 1: parent and child each write the page, in either order; tier 2: the
 * page may only have been read before fork (zero page: both allocate), plus a read in
 * between; tier 3: three processes write (the first two copy, the last reuses).
 */
export const bothWrite: CowGenerator<BothWriteScenario> = { id: 'both-write', title: { en: 'Both processes write the same page', ko: '두 프로세스가 같은 페이지에 쓴다' }, generate, question, program };

/** Version 3 of both-write (shown as memory version 2): the zero-page case says nothing is copied. */
export const bothWriteFixed: CowGenerator<BothWriteScenario> = { ...bothWrite, question: (s, trace, version) => question(s, trace, version, true) };
