/**
 * after-exit: one process exits; what happens when the survivor then writes a page it
 * shared? (Usually the no-copy case: the frame's only reference is left, so the kernel
 * reuses it; but not if a third process still maps it, or if the page was never shared.)
 */
import { step, type MemoryTrace } from '@/lib/sim/memory/machine';
import type { MemoryOp, ProcessId } from '@/lib/sim/memory/types';
import type { Rng } from '@/lib/sim/rng';
import type { Generated, Localized, Misconception, Option, QuestionBody, Tier } from '../types';
import { randomActions, ScenarioBuilder, type CowGenerator } from './build';
import { oracleProgram } from './c-oracle';
import { ASSUMPTIONS, COW_RULE, kernelAssumptions, misconceptionsOf, pageName, procKo, procName, type MemoryVersion, privateMappingKo } from './common';
import { scenarioBlocks } from './display';
import { keySteps, refsBeforeStep, simulateUnder, traceViews } from './explain';
import { everyWriteCopiesModel, everyWriteFaultsModel, exitDropsSharedModel, exitFreesForSurvivorModel, exitRestoresWriteModel, writeOutcome, type WriteOutcome } from './models';

export interface AfterExitScenario {
  readonly ops: readonly MemoryOp[];
  /** The step at which a process exits (1-based). */
  readonly exitStep: number;
  /** The survivor's write asked about: the last step. */
  readonly step: number;
}

type OutcomeId = WriteOutcome;
const classify = writeOutcome;

function generate(rng: Rng, tier: Tier, version: MemoryVersion): Generated<AfterExitScenario, MemoryTrace> {
  const b = new ScenarioBuilder();
  const pages = tier === 1 ? rng.int(1, 3) : rng.int(2, 4);
  b.mapPrivate(pages);
  const all = Array.from({ length: pages }, (_, i) => i);
  const written = tier === 1 ? all : rng.sample(all, rng.int(1, pages - 1));
  for (const v of [...written].sort((x, y) => x - y)) b.write('parent', v);
  if (tier >= 2 && written.length < pages && rng.bool(0.5)) b.read('parent', rng.pick(all.filter((v) => !written.includes(v))));
  b.fork('parent', 'child');
  if (tier === 1) {
    if (rng.bool(0.5)) b.write('child', rng.pick(all));
  } else if (tier === 2) {
    randomActions(rng, b, rng.int(1, 3), { write: 1, read: 0 });
  } else {
    randomActions(rng, b, rng.int(0, 1), { write: 1, read: 0 });
    if (rng.bool()) b.fork('parent', 'child2');
    else b.fork('child', 'grandchild');
    randomActions(rng, b, rng.int(1, 2), { write: 1, read: 0 });
  }
  const procs = b.active();
  const exiter: ProcessId = tier === 1 ? (rng.bool(0.75) ? 'child' : 'parent') : rng.pick(procs);
  b.exit(exiter);
  const exitStep = b.ops.length;
  const survivors = b.active();
  // pick the kind of outcome first, so that every kind comes up
  const byOutcome = new Map<OutcomeId, [ProcessId, number][]>();
  for (const pid of survivors) {
    for (const v of b.privatePages(pid)) {
      const ev = step(b.state, { kind: 'write', pid, vpage: v, value: 'x' }).event;
      const id = classify(ev.outcome);
      byOutcome.set(id, [...(byOutcome.get(id) ?? []), [pid, v]]);
    }
  }
  const kinds = [...byOutcome.keys()].sort();
  // from version 4 a copy is drawn as often as the other outcomes, not twice as often: "every
  // write after fork copies" (the headline belief) is then wrong in ≥ 95 % of questions
  const twice = (k: OutcomeId) => k === 'fault-reuse' || (k === 'fault-copy' && version < 4);
  const weighted = kinds.flatMap((k) => (twice(k) ? [k, k] : [k]));
  const [pid, vpage] = rng.pick(byOutcome.get(rng.pick(weighted)) ?? []);
  b.write(pid, vpage);
  return { scenario: { ops: b.build(), exitStep, step: b.ops.length }, analysis: b.trace() };
}

const LABELS: Record<OutcomeId, Localized> = {
  'no-fault': {
    en: 'No page fault: the entry is already writable.',
    ko: '페이지 폴트 없음: 엔트리가 이미 쓰기 가능하다.',
  },
  'fault-reuse': {
    en: 'A page fault, but no copy: the frame has no other reference left, so the kernel makes the entry writable again.',
    ko: '페이지 폴트가 나지만 복사는 없다: 프레임에 다른 참조가 남아 있지 않아 커널이 엔트리를 다시 쓰기 가능으로 만든다.',
  },
  'fault-copy': {
    en: 'A page fault and a copy: the kernel copies the page into a new frame for the writer.',
    ko: '페이지 폴트와 복사: 커널이 페이지를 쓰는 쪽의 새 프레임으로 복사한다.',
  },
  'fault-alloc': {
    en: 'A page fault that allocates a fresh zero-filled frame; nothing is copied.',
    ko: '0으로 채운 새 프레임을 할당하는 페이지 폴트; 복사는 없다.',
  },
};

function question(s: AfterExitScenario, trace: MemoryTrace, version: MemoryVersion): QuestionBody {
  const M = misconceptionsOf(version);
  const w = s.ops[s.step - 1] as Extract<MemoryOp, { kind: 'write' }>;
  const exiter = (s.ops[s.exitStep - 1] as MemoryOp).pid;
  const correct = classify(trace.entries[s.step - 1]?.event.outcome);
  // versions 1-3 only: which belief a wrong copy stood for
  const zombie = version < 4 ? classify(simulateUnder(trace, s.ops, s.step, { exitKeepsReferences: true }).entries[s.step - 1]?.event.outcome) : undefined;
  /**
   * Version 4: each wrong outcome is tagged with the belief whose model (models.ts) gives it;
   * "every write after fork copies" stands behind every wrong copy.
   */
  const modelled = (id: OutcomeId): Misconception | undefined => {
    const k = s.step;
    const beliefs: [Misconception, WriteOutcome][] = [
      [M.everyWriteCopies, everyWriteCopiesModel()],
      [M.exitRestoresWrite, exitRestoresWriteModel(trace, s.ops, k)],
      [M.exitFreesForSurvivor, exitFreesForSurvivorModel(trace, s.ops, k)],
      [M.everyWriteFaults, everyWriteFaultsModel(trace, k)],
      [M.exitDropsShared, exitDropsSharedModel(trace, s.ops, k)],
    ];
    return id === correct ? undefined : beliefs.find(([, out]) => out === id)?.[0];
  };
  const misconceptionFor = (id: OutcomeId): Misconception | undefined => {
    if (version >= 4) return modelled(id);
    if (id === correct) return undefined;
    switch (id) {
      case 'no-fault':
        return M.exitRestoresWrite;
      case 'fault-copy':
        if (correct === 'fault-reuse') return zombie === 'fault-copy' ? M.exitKeepsRefs : M.cowAlwaysCopies;
        return correct === 'no-fault' ? M.everyWriteCopies : M.zeroPageCopied;
      case 'fault-reuse':
        if (correct === 'fault-copy') return M.exitFreesForSurvivor;
        return correct === 'no-fault' ? M.everyWriteFaults : undefined;
      case 'fault-alloc':
        return correct === 'no-fault' ? undefined : M.exitDropsShared;
    }
  };
  const ids: OutcomeId[] = ['fault-alloc', 'fault-copy', 'fault-reuse', 'no-fault'];
  const options: Option[] = ids.map((id) => {
    const m = misconceptionFor(id);
    return { id, label: LABELS[id], ...(m ? { misconception: m } : {}) };
  });
  const refs = refsBeforeStep(trace, s.step);
  const who = procName(w.pid);
  const page = pageName(w.vpage);
  const why: Record<OutcomeId, Localized> = {
    'no-fault': {
      en: `The ${who.en} had already written ${page} after the fork, so its entry was writable; the exit changes nothing for it.`,
      ko: `${procKo(w.pid, 'topic')} fork 이후 이미 ${page}에 썼으므로 엔트리가 쓰기 가능하다. 종료는 이 엔트리에 아무 영향도 없다.`,
    },
    'fault-reuse': {
      en: `The exit dropped the ${procName(exiter).en}'s references, but the ${who.en}'s entry for ${page} stayed read-only. The write faults; the kernel sees the frame has ${refs ?? 1} reference (its own) and makes the entry writable without copying${version >= 3 ? '' : ', the case the notes call "the allocation can be skipped"'}.`,
      ko: `종료로 ${procName(exiter).ko}의 참조는 사라졌지만 ${who.ko}의 ${page} 엔트리는 읽기 전용으로 남아 있다. 쓰기는 폴트를 내고, 커널은 프레임의 참조가 ${refs ?? 1}개(자기 것)뿐임을 보고 복사 없이 엔트리를 쓰기 가능으로 만든다.${version >= 3 ? '' : ' 노트에서 말한 "allocation can be skipped"에 해당한다.'}`,
    },
    'fault-copy': {
      en: `The frame behind ${page} is still mapped by another process (${refs ?? 2} references before the write), so the write faults and copies, exit or not.`,
      ko: `${page} 뒤의 프레임을 다른 프로세스가 아직 매핑하고 있으므로(쓰기 전 참조 ${refs ?? 2}개), 종료와 상관없이 쓰기는 폴트를 내고 복사한다.`,
    },
    'fault-alloc': {
      en: `${page} was never written by anyone before (absent or the zero page), so there is nothing to share or copy: the write allocates a zero-filled frame.`,
      ko: `${page}에는 그전까지 아무도 쓰지 않았으므로(엔트리가 없거나 제로 페이지) 공유하거나 복사할 것이 없다. 쓰기는 0으로 채운 프레임을 할당한다.`,
    },
  };
  return {
    prompt: [
      {
        kind: 'text',
        text: {
          en: `A parent process maps a private anonymous region p, writes to it and forks. At step ${s.exitStep} the ${procName(exiter).en} exits; its memory is released before the next step runs.`,
          ko: `부모 프로세스가 ${privateMappingKo(version)}를 매핑해 쓰고 fork한다. ${s.exitStep}단계에서 ${procKo(exiter)} 종료하며, 다음 단계가 실행되기 전에 그 메모리가 해제된다.`,
        },
      },
      ...scenarioBlocks(s.ops, version),
      {
        kind: 'text',
        text: {
          en: `What happens at step ${s.step}, when the ${who.en} writes to ${page}?`,
          ko: `${s.step}단계에서 ${procKo(w.pid)} ${page}에 쓸 때 무슨 일이 일어나는가?`,
        },
      },
    ],
    response: { kind: 'choice', options },
    answer: correct,
    explanation: {
      summary: [why[correct], ...keySteps(trace, 1, s.step, version)],
      views: traceViews(s.ops, trace, version),
      rule: COW_RULE,
    },
    assumptions: [ASSUMPTIONS.order, ASSUMPTIONS.pages, ...kernelAssumptions(version)],
  };
}

function program(s: AfterExitScenario): string {
  const k = s.step;
  return oracleProgram(
    s.ops,
    [
      `const char *id = !FAULT[${k}] ? "no-fault" : copied(${k}) ? "fault-copy" : fresh(${k}) ? "fault-alloc" : "fault-reuse";`,
      'printf("ANSWER \\"%s\\"\\n", id);',
    ].join('\n'),
  );
}

/**
 * Generator 7. Tier 1: the classic no-copy case (write after the other process exited);
 * tier 2: also pages already written since fork (no fault) and never-written pages
 * (allocation); tier 3: a third process may still share the frame (copy). From version 4 a
 * copy is drawn less often and the tags follow models.ts (headline: every write copies).
 */
export const afterExit: CowGenerator<AfterExitScenario> = { id: 'after-exit', title: { en: 'After the other process exits', ko: '다른 프로세스가 종료한 뒤' }, generate, question, program };
