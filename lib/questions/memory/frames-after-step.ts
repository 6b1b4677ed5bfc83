/**
 * frames-after-step: how many physical frames back the region after step k?
 */
import { framesInUse, stateAfter, type MemoryTrace } from '@/lib/sim/memory/machine';
import { ZERO_FRAME, type MemoryOp, type MemoryRules } from '@/lib/sim/memory/types';
import type { Rng } from '@/lib/sim/rng';
import type { Generated, QuestionBody, Tier } from '../types';
import { randomActions, ScenarioBuilder, type CowGenerator } from './build';
import { oracleProgram } from './c-oracle';
import { ASSUMPTIONS, COW_RULE, kernelAssumptions, type MemoryVersion, privateMappingKo } from './common';
import { scenarioBlocks } from './display';
import { frameHolders, keySteps, numberChoice, rulesMatter, simulateUnder, traceViews, type NumberCandidate } from './explain';
import { search } from '../kit';
import { zeroPageCountedModel } from './models';

export interface FramesAfterStepScenario {
  readonly ops: readonly MemoryOp[];
  /** The step after which frames are counted (1-based). */
  readonly step: number;
}

function draw(rng: Rng, tier: Tier): Generated<FramesAfterStepScenario, MemoryTrace> {
  const b = new ScenarioBuilder();
  const pages = tier === 1 ? rng.int(3, 4) : tier === 2 ? rng.int(4, 5) : rng.int(4, 6);
  b.mapPrivate(pages);
  const all = Array.from({ length: pages }, (_, i) => i);
  const written = rng.sample(all, tier === 1 ? rng.int(2, pages) : rng.int(2, Math.min(4, pages - 1)));
  for (const v of written.sort((a, c) => a - c)) b.write('parent', v);
  if (tier >= 2) {
    const untouched = all.filter((v) => !written.includes(v));
    if (untouched.length > 0) b.read('parent', rng.pick(untouched));
  }
  b.fork('parent', 'child');
  const forkStep = b.ops.length;
  if (tier === 1) {
    randomActions(rng, b, rng.int(2, 3), { write: 1, read: 0 });
  } else if (tier === 2) {
    randomActions(rng, b, rng.int(3, 4), { write: 4, read: 1, exit: 1 });
  } else {
    randomActions(rng, b, 2, { write: 3, read: 1 });
    const [who, child] = rng.bool() ? ['parent', 'child2'] : ['child', 'grandchild'];
    if (b.active().includes(who)) b.fork(who, child);
    else b.fork('parent', 'child2');
    randomActions(rng, b, rng.int(3, 4), { write: 4, read: 1, exit: 1, exec: 1, munmap: 1 });
  }
  const last = b.ops.length;
  const step = tier === 1 ? last : rng.int(Math.min(last, forkStep + 2), last);
  return { scenario: { ops: b.build(), step }, analysis: b.trace() };
}

/**
 * Version 4 keeps only scenarios where "fork copies every page" gives a wrong count (some page
 * the fork shared is still shared, or was freed, at the step asked), so the headline belief
 * is always a wrong option; versions 1-3 take the first draw.
 */
function generate(rng: Rng, tier: Tier, version: MemoryVersion): Generated<FramesAfterStepScenario, MemoryTrace> {
  if (version < 4) return draw(rng, tier);
  const eagerIsWrong = (g: Generated<FramesAfterStepScenario, MemoryTrace>) => countUnder(g.scenario, g.analysis, { eagerForkCopy: true }) !== framesInUse(stateAfter(g.analysis, g.scenario.step));
  return search(rng, (r) => {
    const g = draw(r, tier);
    return eagerIsWrong(g) ? g : null;
  }, () => draw(rng, tier), 50);
}

/** Frames in use after `step` under Linux's rules changed by `change` (answer if it cannot matter). */
function countUnder(s: FramesAfterStepScenario, trace: MemoryTrace, change: Partial<MemoryRules>): number {
  if (!rulesMatter(trace, s.step, change)) return framesInUse(stateAfter(trace, s.step));
  return framesInUse(simulateUnder(trace, s.ops, s.step, change).final);
}

function question(s: FramesAfterStepScenario, trace: MemoryTrace, version: MemoryVersion): QuestionBody {
  const state = stateAfter(trace, s.step);
  const answer = framesInUse(state);
  const holders = frameHolders(state);
  const zeroMapped = state.processes.some((p) => [...p.ptes.values()].some((e) => e.frame === ZERO_FRAME));
  const eager = countUnder(s, trace, { eagerForkCopy: true });
  // the same value as answer + 1 while the zero page is mapped (version 4 names the model)
  const zeroCounted = version >= 4 ? zeroPageCountedModel(state) : answer + 1;
  const candidates: NumberCandidate[] = [
    { value: eager, misconception: 'forkCopiesAll' },
    { value: () => countUnder(s, trace, { reuseSoleReference: false }), misconception: 'cowAlwaysCopies' },
    ...(zeroMapped ? [{ value: zeroCounted, misconception: 'zeroPageCounted' as const }] : []),
    { value: () => countUnder(s, trace, { readAllocates: true }), misconception: 'readAllocates' },
    { value: () => countUnder(s, trace, { exitKeepsReferences: true }), misconception: 'exitKeepsRefs' },
  ];
  const { response, answer: answerId } = numberChoice(answer, candidates, (n) => ({
    en: `${n} frame${n === 1 ? '' : 's'}`,
    ko: `프레임 ${n}개`,
  }), 4, version);
  return {
    prompt: [
      {
        kind: 'text',
        text: {
          en: 'A parent process maps a private anonymous region p, writes to some pages and forks. The processes then run the steps below, in order.',
          ko: `부모 프로세스가 ${privateMappingKo(version)}를 매핑하고 몇 페이지에 쓴 뒤 fork한다. 이후 프로세스들은 아래 단계를 순서대로 실행한다.`,
        },
      },
      ...scenarioBlocks(s.ops, version),
      {
        kind: 'text',
        text: {
          en: `Right after step ${s.step}, how many physical frames hold pages of p, counting all processes together? (The shared zero page does not count.)`,
          ko: `${s.step}단계 직후, 모든 프로세스를 합쳐 p의 페이지를 담고 있는 물리 프레임은 몇 개인가? (공유 제로 페이지는 세지 않는다.)`,
        },
      },
    ],
    response,
    answer: answerId,
    explanation: {
      summary: [
        {
          en: `After step ${s.step}, ${answer} frame${answer === 1 ? '' : 's'} back p: ${holders.en}.`,
          ko: `${s.step}단계 뒤 p를 뒷받침하는 프레임은 ${answer}개다: ${holders.ko}.`,
        },
        ...keySteps(trace, 1, s.step, version),
        {
          en: `Had fork copied every resident page at once, ${eager} frames would be in use at this point; copy-on-write shares what nobody has written since.`,
          ko: `fork가 상주 페이지를 모두 즉시 복사했다면 이 시점에 프레임 ${eager}개가 쓰였을 것이다. 쓰기 시 복사는 그 뒤로 아무도 쓰지 않은 페이지를 공유한다.`,
        },
      ],
      views: traceViews(s.ops, trace, version),
      rule: COW_RULE,
    },
    assumptions: [ASSUMPTIONS.order, ASSUMPTIONS.pages, ASSUMPTIONS.zeroPage, ...kernelAssumptions(version)],
  };
}

function program(s: FramesAfterStepScenario): string {
  return oracleProgram(s.ops, `printf("ANSWER \\"n%d\\"\\n", frames_in_use(${s.step}));`);
}

/**
 * Generator 1. Tier 1: one fork and first writes after it; tier 2: adds a zero-page read,
 * sole-reference reuse and an exit, asked at a random step; tier 3: a second fork
 * (second child or grandchild), exec, exit and munmap. From version 4 only scenarios where
 * "fork copies every page" gives a wrong count.
 */
export const framesAfterStep: CowGenerator<FramesAfterStepScenario> = { id: 'frames-after-step', title: { en: 'Frames in use after a step', ko: '어떤 단계 뒤에 사용 중인 프레임 수' }, generate, question, program, askedStep: (s) => s.step };
