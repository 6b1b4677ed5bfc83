/**
 * frame-refcount: the reference count of one frame (entries mapping it) right after step k.
 */
import { stateAfter, type MemoryTrace } from '@/lib/sim/memory/machine';
import type { MemoryOp, MemoryRules } from '@/lib/sim/memory/types';
import type { Rng } from '@/lib/sim/rng';
import type { Generated, QuestionBody, Tier } from '../types';
import { randomActions, ScenarioBuilder, type CowGenerator } from './build';
import { oracleProgram, processOrder } from './c-oracle';
import { ASSUMPTIONS, COW_RULE, kernelAssumptions, opText, procName, type MemoryVersion, privateMappingKo } from './common';
import { josa, PARTICLE, search } from '../kit';
import { refcountEverModel } from './models';
import { scenarioBlocks } from './display';
import { keySteps, numberChoice, rulesMatter, simulateUnder, traceViews, type NumberCandidate } from './explain';

export interface FrameRefcountScenario {
  readonly ops: readonly MemoryOp[];
  /** The write step that allocated the frame asked about (1-based). */
  readonly born: number;
  /** The step after which its count is asked (1-based, ≥ born). */
  readonly step: number;
}

/**
 * Versions 1-3 take the first draw and prefer frames that were shared at some point before the
 * step asked. Version 4 asks only about a frame whose count has dropped below the number of
 * entries that ever mapped it, so "the count is who ever shared it" is a wrong option (it
 * draws again until there is one); its tier 1 may also let the child exit.
 */
function generate(rng: Rng, tier: Tier, version: MemoryVersion): Generated<FrameRefcountScenario, MemoryTrace> {
  if (version < 4) {
    const d = draw(rng, tier, version);
    const shared = d.born.filter((k) => {
      const frame = d.trace.entries[k - 1]?.event.frame ?? 0;
      return d.trace.entries.slice(k - 1, d.step).some((e) => (e.state.frames.get(frame)?.refcount ?? 0) > 1);
    });
    return { scenario: { ops: d.ops, born: rng.pick(shared.length > 0 ? shared : d.born), step: d.step }, analysis: d.trace };
  }
  // the answer is drawn first, so that 0 (freed) and, with three processes, 2 come up beside
  // the commonest count 1; a scenario with a dropped frame of that count is then searched for
  const target = rng.pick(tier === 3 ? [0, 1, 1, 2] : [0, 1, 1]);
  const withDrop = (r: Rng, count?: number): Generated<FrameRefcountScenario, MemoryTrace> | null => {
    const d = draw(r, tier, version);
    const dropped = d.born.filter(
      (k) =>
        refcountEverModel(d.trace, d.trace.entries[k - 1]?.event.frame ?? 0, k, d.step) !== bornFrameCount(d.trace, d.ops, k, d.step) &&
        (count === undefined || bornFrameCount(d.trace, d.ops, k, d.step) === count),
    );
    return dropped.length > 0 ? { scenario: { ops: d.ops, born: r.pick(dropped), step: d.step }, analysis: d.trace } : null;
  };
  const anyDrop = () =>
    search(rng, (r) => withDrop(r), () => {
      const d = draw(rng, tier, version);
      return { scenario: { ops: d.ops, born: rng.pick(d.born), step: d.step }, analysis: d.trace };
    }, 60);
  return search(rng, (r) => withDrop(r, target), anyDrop, 60);
}

/** Steps and their Linux run, the step asked, and the writes at or before it that allocated a frame. */
function draw(rng: Rng, tier: Tier, version: MemoryVersion): { ops: MemoryOp[]; trace: MemoryTrace; step: number; born: number[] } {
  const b = new ScenarioBuilder();
  const pages = tier === 1 ? rng.int(2, 3) : rng.int(3, 5);
  b.mapPrivate(pages);
  const all = Array.from({ length: pages }, (_, i) => i);
  for (const v of rng.sample(all, rng.int(Math.min(2, pages), pages)).sort((x, y) => x - y)) b.write('parent', v);
  b.fork('parent', 'child');
  const forkStep = b.ops.length;
  if (tier === 1) {
    randomActions(rng, b, rng.int(1, 2), version >= 4 ? { write: 2, read: 0, exit: 1 } : { write: 1, read: 0 });
  } else if (tier === 2) {
    randomActions(rng, b, rng.int(2, 4), { write: 4, read: 1, exit: 2, exec: 1 });
  } else {
    randomActions(rng, b, rng.int(1, 2), { write: 3, read: 1 });
    const second = b.active().includes('child') && rng.bool() ? (['child', 'grandchild'] as const) : (['parent', 'child2'] as const);
    b.fork(second[0], second[1]);
    randomActions(rng, b, rng.int(2, 4), { write: 4, read: 1, exit: 2, exec: 1, munmap: 1 });
  }
  const last = b.ops.length;
  const step = tier === 1 ? last : rng.int(Math.min(last, forkStep + 1), last);
  // frames born by a write at or before `step`; tier 1 asks about one the fork shared
  const born = b.events
    .map((e, i) => (i + 1 <= step && e.op.kind === 'write' && (e.outcome === 'alloc' || e.outcome === 'cow-copy' || e.outcome === 'zero-fill') ? i + 1 : 0))
    .filter((k) => k > 0)
    .filter((k) => tier > 1 || k < forkStep);
  return { ops: b.build(), trace: b.trace(), step, born };
}

/** Count, after `step`, of the frame the write at `born` left its writer on, under changed rules. */
function countUnder(s: FrameRefcountScenario, trace: MemoryTrace, change: Partial<MemoryRules>): number {
  if (!rulesMatter(trace, s.step, change)) return bornFrameCount(trace, s.ops, s.born, s.step);
  return bornFrameCount(simulateUnder(trace, s.ops, s.step, change), s.ops, s.born, s.step);
}

/** The count after `step` of the frame the write at `born` left its writer on (0 once it was freed), in run `t`. */
export function bornFrameCount(t: MemoryTrace, ops: readonly MemoryOp[], born: number, step: number): number {
  const w = ops[born - 1] as Extract<MemoryOp, { kind: 'write' }>;
  const frame = stateAfter(t, born).processes.find((p) => p.pid === w.pid)?.ptes.get(w.vpage)?.frame;
  if (frame === undefined) return 0;
  for (let k = born; k <= step; k++) if (!stateAfter(t, k).frames.has(frame)) return 0;
  return stateAfter(t, step).frames.get(frame)?.refcount ?? 0;
}

function question(s: FrameRefcountScenario, trace: MemoryTrace, version: MemoryVersion): QuestionBody {
  const w = s.ops[s.born - 1] as Extract<MemoryOp, { kind: 'write' }>;
  const frame = trace.entries[s.born - 1]?.event.frame ?? 0;
  const answer = bornFrameCount(trace, s.ops, s.born, s.step);
  let maxCount = 0;
  for (let k = s.born; k <= s.step; k++) maxCount = Math.max(maxCount, stateAfter(trace, k).frames.get(frame)?.refcount ?? 0);
  const ever: NumberCandidate = { value: () => refcountEverModel(trace, frame, s.born, s.step), misconception: 'refcountPerProcess' };
  const candidates: NumberCandidate[] = [
    // version 4 puts the headline belief first, as its model (models.ts) counts
    ...(version >= 4 ? [ever] : []),
    { value: () => countUnder(s, trace, { eagerForkCopy: true }), misconception: 'forkCopiesAll' },
    { value: () => countUnder(s, trace, { exitKeepsReferences: true }), misconception: 'exitKeepsRefs' },
    { value: () => countUnder(s, trace, { execKeepsReferences: true }), misconception: 'execKeepsPages' },
    ...(version >= 4 ? [] : [{ value: maxCount, misconception: 'refcountPerProcess' as const }]),
    { value: () => countUnder(s, trace, { reuseSoleReference: false }), misconception: 'cowAlwaysCopies' },
  ];
  const { response, answer: answerId } = numberChoice(answer, candidates, (n) =>
    n === 0 ? { en: '0 (the frame has been freed)', ko: '0 (프레임이 해제됨)' } : { en: String(n), ko: String(n) },
    4,
    version,
  );
  const born = opText(w, version);
  const after = stateAfter(trace, s.step);
  const holders = after.processes.flatMap((p) =>
    [...p.ptes.entries()].filter(([, e]) => e.frame === frame).map(([v]) => ({ pid: p.pid, v })),
  );
  const holderText = {
    en: holders.length ? holders.map((h) => `${procName(h.pid).en} p[${h.v}]`).join(', ') : 'no entry',
    ko: holders.length ? holders.map((h) => `${procName(h.pid).ko} p[${h.v}]`).join(', ') : '매핑하는 엔트리 없음',
  };
  return {
    prompt: [
      {
        kind: 'text',
        text: {
          en: 'A parent process maps a private anonymous region p, writes to some pages and forks. The processes then run the steps below, in order. Frames are numbered in the order they are allocated.',
          ko: `부모 프로세스가 ${privateMappingKo(version)}를 매핑하고 몇 페이지에 쓴 뒤 fork한다. 이후 프로세스들은 아래 단계를 순서대로 실행한다. 프레임에는 할당된 순서대로 번호를 붙인다.`,
        },
      },
      ...scenarioBlocks(s.ops, version),
      {
        kind: 'text',
        text: {
          en: `Frame ${frame} is the frame allocated at step ${s.born} (${born.en}). Right after step ${s.step}, what is its reference count, i.e. how many page-table entries, over all processes, map it?`,
          ko: `${josa(`프레임 ${frame}`, PARTICLE.eun, 'vowel')} ${s.born}단계(${born.ko})에서 할당된 프레임이다. ${s.step}단계 직후 이 프레임의 참조 수, 즉 모든 프로세스를 통틀어 이 프레임을 매핑하는 페이지 테이블 엔트리 수는 얼마인가?`,
        },
      },
    ],
    response,
    answer: answerId,
    explanation: {
      summary: [
        answer === 0
          ? {
              en: `Frame ${frame} is no longer allocated after step ${s.step}: its last reference went away, so the kernel freed it.`,
              ko: `${s.step}단계 뒤 ${josa(`프레임 ${frame}`, PARTICLE.eun, 'vowel')} 더 이상 할당되어 있지 않다. 마지막 참조가 사라져 커널이 해제했다.`,
            }
          : {
              en: `After step ${s.step}, frame ${frame} is mapped by ${answer} entr${answer === 1 ? 'y' : 'ies'}: ${holderText.en}.`,
              ko: `${s.step}단계 뒤 ${josa(`프레임 ${frame}`, PARTICLE.eul, 'vowel')} 매핑하는 엔트리는 ${answer}개다: ${holderText.ko}.`,
            },
        ...keySteps(trace, s.born, s.step, version),
        {
          en: 'The count goes up by one for each process that inherits the entry at fork, and down by one when an entry stops mapping the frame: a copy-on-write copy moves the writer to a new frame, and exit, exec and munmap drop entries. At zero the frame is freed.',
          ko: '참조 수는 fork로 엔트리를 물려받는 프로세스마다 하나씩 늘고, 엔트리가 더 이상 그 프레임을 매핑하지 않으면 하나씩 준다. 쓰기 시 복사는 쓰는 쪽을 새 프레임으로 옮기고, exit·exec·munmap은 엔트리를 없앤다. 0이 되면 프레임이 해제된다.',
        },
      ],
      views: traceViews(s.ops, trace, version),
      rule: COW_RULE,
    },
    assumptions: [ASSUMPTIONS.order, ASSUMPTIONS.pages, ASSUMPTIONS.refcount, ASSUMPTIONS.numbering, ...kernelAssumptions(version)],
  };
}

function program(s: FrameRefcountScenario): string {
  const w = s.ops[s.born - 1] as Extract<MemoryOp, { kind: 'write' }>;
  const proc = processOrder(s.ops).indexOf(w.pid);
  return oracleProgram(s.ops, `printf("ANSWER \\"n%d\\"\\n", refcount_of(${s.born}, ${proc}, ${w.vpage}, ${s.step}));`);
}

/**
 * Generator 3. Tier 1: a frame the fork shared, after one or two writes; tier 2: any
 * frame, with exits and execs (a count can drop to 0: freed); tier 3: three processes.
 * From version 4 the frame's count has always dropped by the step asked (tier 1: a write or
 * the child's exit), and "the count is who ever shared it" is offered first.
 */
export const frameRefcount: CowGenerator<FrameRefcountScenario> = { id: 'frame-refcount', title: { en: "A frame's reference count", ko: '프레임의 참조 수' }, generate, question, program, askedStep: (s) => s.step };
