/**
 * Wrong answers diagnose: for every generator (newest versions, every domain),
 *  - a tagged option, or a modelled wrong number or order of a non-choice answer (its
 *    response's `diagnoses`), is never the right answer, and its misconception has an id and
 *    text in both languages;
 *  - where a misconception has a model here (thread generators: gil-runtime, deadlock,
 *    event-wait, lock-holder; build generators: runs-on-machine, builds-to-ship, order-flow;
 *    every copy-on-write generator, with the models of lib/questions/memory/models.ts),
 *    the option it tags, or the number or order it diagnoses, is exactly what that model
 *    produces for the scenario;
 *  - the generator's headline misconception (the one it diagnoses most often) is offered as a
 *    wrong answer in at least 95 % of its questions, over a few hundred seeds.
 * The measured rate per generator is printed. Generators below 95 % that other modules own
 * are listed in KNOWN_BELOW with their rate at the time; the test checks each is still below,
 * so fixing one forces its removal from the list.
 */
import { describe, expect, it } from 'vitest';
import { buildQuestion, generateScenario, listGenerators } from '@/lib/questions/registry';
import { threadMisconceptions as M } from '@/lib/questions/misconceptions';
import { oppositeOrderModel } from '@/lib/questions/threads/deadlock';
import { wakesOneModel } from '@/lib/questions/threads/event-wait';
import { parallelModel, serialModel } from '@/lib/questions/threads/gil-runtime';
import { buildMisconceptions as B } from '@/lib/questions/build/misconceptions';
import { nativeBeliefModels, type BuildsToShipScenario } from '@/lib/questions/build/builds-to-ship';
import { sameCpuAnyOsModel, type RunsOnMachineScenario } from '@/lib/questions/build/runs-on-machine';
import { orderDiagnoses } from '@/lib/questions/build/order-flow';
import { grade } from '@/lib/questions/grade';
import { buildsToShip } from '@/lib/sim/build';
import { poolMisconceptions as P } from '@/lib/questions/pool/misconceptions';
import { measuredFastestBeliefs } from '@/lib/questions/pool/fastest-executor';
import { calibrationFor, type MeasuredScenario } from '@/lib/questions/pool/measured';
import { breakEvenBeliefs, type BreakEvenScenario } from '@/lib/questions/pool/pool-overhead';
import { noFrameModel, type PickleBytesScenario } from '@/lib/questions/pool/pickle-bytes';
import { RAISES_BELIEFS, sharedMemoryModel, type PoolRaisesScenario } from '@/lib/questions/pool/pool-raises';
import { poolMessagesBeliefs, type PoolMessagesScenario } from '@/lib/questions/pool/pool-messages';
import { inLang, type Answer, type Misconception, type Option, type Question, type QuestionRef, type Tier } from '@/lib/questions/types';
import { sleepReleasesModel, type LockHolderScenario } from '@/lib/questions/threads/lock-holder';
import { releaseHarmlessModel } from '@/lib/questions/threads/which-raises';
import type { ProgramSpec, RunResult } from '@/lib/sim/threads';
import { framesInUse, stateAfter, type MemoryTrace } from '@/lib/sim/memory/machine';
import type { MemoryOp } from '@/lib/sim/memory/types';
import { MISCONCEPTIONS as COW } from '@/lib/questions/memory/common';
import { bornFrameCount } from '@/lib/questions/memory/frame-refcount';
import * as cow from '@/lib/questions/memory/models';
import * as bothWrite from '@/lib/questions/memory/both-write';
import * as forkExec from '@/lib/questions/memory/fork-exec-savings';
import * as sharedVsPrivate from '@/lib/questions/memory/shared-vs-private';
import { LINUX_RULES } from '@/lib/sim/memory/types';
import { hashSeed } from '@/lib/sim/rng';

const SEEDS_PER_TIER = 100;
const TARGET = 0.95;

/**
 * Generators whose headline misconception (their most often tagged one) is offered in fewer
 * than 95 % of questions: id → the share measured when listed (300 questions each). Not
 * fixed yet; the test checks each is still below, so a fix must remove its entry.
 */
const KNOWN_BELOW: Readonly<Record<string, number>> = {
  // pool (lib/questions/pool): fastest-executor (measured): "a process pool is always faster"
  // picks Pool.map, the right answer whenever CPU-heavy work wins it (about a quarter of version
  // 4's questions, 74 % offered; 38 % of version 5's, whose model makes a clear case for the pool
  // with big CPU-heavy items more often: 61.7 %); the loop (tiny work) and the thread pool (waiting) win the rest, and no one belief
  // is wrong in all three.
  'fastest-executor': 0.617,
};

function optionsOf(q: Question): readonly Option[] {
  return q.response.kind === 'choice' || q.response.kind === 'multi' ? q.response.options : [];
}

/**
 * The wrong answers a question diagnoses, each with its misconception: tagged options, and the
 * modelled wrong numbers and orders of non-choice answers (`diagnoses`). `key` names the answer
 * as the grader receives it (an option id, a number, an order of item ids).
 */
function diagnosedOf(q: Question): { key: string; misconception: Misconception }[] {
  const r = q.response;
  if (r.kind === 'number' || r.kind === 'ordering') return (r.diagnoses ?? []).map((d) => ({ key: JSON.stringify(d.value), misconception: d.misconception }));
  return optionsOf(q).flatMap((o) => (o.misconception ? [{ key: o.id, misconception: o.misconception }] : []));
}

function isAnswer(q: Question, key: string): boolean {
  const a: Answer = q.answer;
  if (q.response.kind === 'number' || q.response.kind === 'ordering') return key === JSON.stringify(a);
  return Array.isArray(a) ? a.includes(key) : a === key;
}

interface Sample {
  readonly ref: QuestionRef;
  readonly question: Question;
}

/**
 * Generators whose questions offer options. A scheduler challenge is answered by playing a
 * schedule (or "impossible"), so it has no options to tag; its wrong answers are the
 * learner's own moves, which the board replays and explains.
 */
const generators = listGenerators().filter((g) => !g.id.startsWith('challenge-'));
const samples = new Map<string, Sample[]>();
for (const g of generators) {
  const mine: Sample[] = [];
  for (const tier of g.tiers) {
    for (let i = 0; i < SEEDS_PER_TIER; i++) {
      const ref = { generator: g.id, version: g.version, seed: hashSeed(`misconceptions:${g.id}:${tier}:${i}`), tier: tier as Tier };
      mine.push({ ref, question: buildQuestion(ref) });
    }
  }
  samples.set(g.id, mine);
}

/** The generator's most often tagged misconception and the share of its questions offering it. */
function headline(id: string): { misconception: string | undefined; rate: number; n: number } {
  const mine = samples.get(id) ?? [];
  const counts = new Map<string, number>();
  for (const { question } of mine) {
    for (const m of new Set(diagnosedOf(question).map((d) => d.misconception.id))) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return { misconception: top?.[0], rate: top ? top[1] / mine.length : 0, n: mine.length };
}

const rates = new Map(generators.map((g) => [g.id, headline(g.id)]));
console.log(
  ['headline misconception offered as a wrong answer: an option, a number or an order (share of questions):']
    .concat(generators.map((g) => {
      const r = rates.get(g.id);
      return `  ${g.id.padEnd(26)} ${r?.misconception ? `${(100 * r.rate).toFixed(1).padStart(5)} %  ${r.misconception}` : '  n/a   (no tagged options)'}  (${r?.n} questions)`;
    }))
    .join('\n'),
);

/** Thread scenarios carry the program spec they run. */
function specOf(ref: QuestionRef): ProgramSpec {
  return (generateScenario(ref).scenario as { spec: ProgramSpec }).spec;
}

/** The shown code of one thread: its function's body, or main's top-level lines. */
function holderCode(q: Question, thread: string): string {
  const block = q.prompt.find((b) => b.kind === 'code');
  const lines = block && 'code' in block ? inLang(block.code, 'en').split('\n') : [];
  if (thread === 'main') return lines.filter((l) => l.length > 0 && !/^\s/.test(l) && !l.startsWith('def ')).join('\n');
  const start = lines.indexOf(`def run_${thread.toLowerCase()}():`);
  const body: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.length > 0 && !/^\s/.test(l)) break;
    body.push(l);
  }
  return start < 0 ? '' : body.join('\n');
}

function tagged(q: Question, id: string): string[] {
  return optionsOf(q).filter((o) => o.misconception?.id === id).map((o) => o.id);
}

describe('every diagnosed answer (tagged option, modelled number or order) is wrong and says what the belief is, in both languages', () => {
  for (const g of generators) {
    it(`${g.id}@${g.version}`, () => {
      const bad = (samples.get(g.id) ?? []).flatMap(({ ref, question }) =>
        diagnosedOf(question)
          .filter(({ key, misconception: m }) => isAnswer(question, key) || !m.id || !m.text.en || !m.text.ko)
          .map(({ key, misconception }) => `seed ${ref.seed} tier ${ref.tier}: ${key} (${misconception.id})`),
      );
      expect(bad).toEqual([]);
    });
  }
});

describe('a tagged option is what its misconception predicts', () => {
  const sample = (id: string) => samples.get(id) ?? [];

  it('gil-runtime: "threads run in parallel" is the slowest thread alone; "sleep keeps the GIL" is all work in a row', () => {
    expect(sample('gil-runtime').length).toBeGreaterThan(0);
    for (const { ref, question } of sample('gil-runtime')) {
      const spec = specOf(ref);
      for (const id of tagged(question, M.gilParallel.id)) expect(id, `seed ${ref.seed}`).toBe(`${parallelModel(spec)}s`);
      for (const id of tagged(question, M.sleepHoldsGil.id)) expect(id, `seed ${ref.seed}`).toBe(`${serialModel(spec)}s`);
    }
  });

  it('deadlock: "opposite order always deadlocks" only tags threads whose lock order lies on a cycle', () => {
    for (const { ref, question } of sample('deadlock')) {
      const believed = oppositeOrderModel(specOf(ref));
      for (const id of tagged(question, M.oppositeOrderAlways.id)) expect(believed, `seed ${ref.seed} tier ${ref.tier}`).toContain(id);
    }
  });

  it('deadlock t3 seed 35887942: the timeout thread carries no "opposite order" tag (it did in version 1)', () => {
    const ref = { generator: 'deadlock', version: 2, seed: 35887942, tier: 3 as Tier };
    const old = buildQuestion({ ...ref, version: 1 });
    const now = buildQuestion(ref);
    expect(tagged(old, M.oppositeOrderAlways.id)).toContain('T3');
    expect(tagged(now, M.oppositeOrderAlways.id)).not.toContain('T3');
  });

  it('event-wait: "set() wakes only one waiter" tags only what that belief predicts, never with a single waiter', () => {
    let seen = 0;
    for (const { ref, question } of sample('event-wait')) {
      const { scenario, analysis } = generateScenario(ref) as { scenario: { thread: string }; analysis: { run: RunResult } };
      const predicted = wakesOneModel(analysis.run, scenario.thread);
      const ids = tagged(question, M.eventWakesOne.id);
      seen += ids.length;
      expect(ids, `seed ${ref.seed} tier ${ref.tier}`).toEqual(predicted && optionsOf(question).some((o) => o.id === predicted) ? [predicted] : []);
    }
    expect(seen).toBeGreaterThan(0);
    const old = buildQuestion({ generator: 'event-wait', version: 1, seed: 381581993, tier: 2 });
    const now = buildQuestion({ generator: 'event-wait', version: 2, seed: 381581993, tier: 2 });
    expect(tagged(old, M.eventWakesOne.id).length).toBe(1);
    expect(tagged(now, M.eventWakesOne.id)).toEqual([]);
  });

  it('lock-holder: "sleep releases the lock" speaks of `with` only when the holder\'s code uses `with`, of acquire() when it calls it', () => {
    let seen = 0;
    for (const { ref, question } of sample('lock-holder')) {
      const holder = String(question.answer);
      const code = holderCode(question, holder);
      if (tagged(question, M.sleepReleasesLock.id).length > 0) {
        seen++;
        expect(code, `seed ${ref.seed} ${holder}`).toMatch(/with r?lock:/);
        expect(code, `seed ${ref.seed} ${holder}`).not.toContain('.acquire(');
      }
      if (tagged(question, M.sleepReleasesAcquiredLock.id).length > 0) {
        seen++;
        expect(code, `seed ${ref.seed} ${holder}`).toContain('.acquire(');
        expect(code, `seed ${ref.seed} ${holder}`).not.toMatch(/with r?lock:/);
      }
    }
    expect(seen).toBeGreaterThan(0);
    const old = buildQuestion({ generator: 'lock-holder', version: 1, seed: 22418523, tier: 2 });
    const now = buildQuestion({ generator: 'lock-holder', version: 2, seed: 22418523, tier: 2 });
    expect(tagged(old, M.sleepReleasesLock.id)).toEqual(['none']);
    expect(tagged(now, M.sleepReleasesAcquiredLock.id)).toEqual(['none']);
  });

  it('deadlock v4: "opposite order always deadlocks" tags exactly the threads it has stuck that finish, in every question', () => {
    expect(sample('deadlock').length).toBeGreaterThan(0);
    for (const { ref, question } of sample('deadlock')) {
      const believed = oppositeOrderModel(specOf(ref));
      const otherwise = optionsOf(question).filter((o) => o.misconception && o.misconception.id !== M.oppositeOrderAlways.id).map((o) => o.id);
      const wrong = believed.filter((id) => !isAnswer(question, id));
      expect(wrong.length, `seed ${ref.seed} tier ${ref.tier}: the belief picks no wrong thread`).toBeGreaterThan(0);
      expect(tagged(question, M.oppositeOrderAlways.id), `seed ${ref.seed} tier ${ref.tier}`).toEqual(wrong.filter((id) => !otherwise.includes(id)));
    }
  });

  it('which-raises v3: "releasing an unheld lock does nothing" tags what the program does with those releases as no-ops', () => {
    let offered = 0;
    for (const { ref, question } of sample('which-raises')) {
      const believed = releaseHarmlessModel(specOf(ref));
      const ids = tagged(question, M.releaseUnlockedHarmless.id);
      offered += ids.length;
      expect(ids, `seed ${ref.seed} tier ${ref.tier}`).toEqual(believed === question.answer ? [] : [believed]);
      const { analysis } = generateScenario(ref) as { analysis: { run: RunResult } };
      for (const id of tagged(question, M.timeoutRaises.id)) {
        const call = analysis.run.final.calls.find((c) => c.mark === id.split(':')[0]);
        expect(call?.value, `seed ${ref.seed} tier ${ref.tier}: ${id} did not time out`).toBe(false);
      }
    }
    expect(offered).toBeGreaterThan(0);
  });

  it('lock-holder v3: "sleep releases the lock" tags "none", which is what that belief answers while the holder sleeps', () => {
    for (const { ref, question } of sample('lock-holder')) {
      const { scenario, analysis } = generateScenario(ref) as { scenario: LockHolderScenario; analysis: { run: RunResult } };
      const believed = sleepReleasesModel(analysis.run, scenario.lock, scenario.at);
      expect(believed, `seed ${ref.seed} tier ${ref.tier}`).not.toBe(question.answer);
      expect(tagged(question, M.sleepReleasesLock.id), `seed ${ref.seed} tier ${ref.tier}`).toEqual([believed]);
    }
  });
});

/** A copy-on-write question's scenario and its Linux run. */
function cowScenario<S>(ref: QuestionRef): { s: S & { ops: readonly MemoryOp[] }; trace: MemoryTrace } {
  const { scenario, analysis } = generateScenario(ref);
  return { s: scenario as S & { ops: readonly MemoryOp[] }, trace: analysis as MemoryTrace };
}

/** Every tagged option of a question as [option id, misconception id]. */
function tags(q: Question): [string, string][] {
  return optionsOf(q).flatMap((o) => (o.misconception ? [[o.id, o.misconception.id] as [string, string]] : []));
}

describe('copy-on-write: a tagged option is what its misconception\'s model (memory/models.ts) gives', () => {
  const sample = (id: string) => samples.get(id) ?? [];
  const ruleModels: Record<string, typeof cow.forkCopiesAllModel> = {
    [COW.forkCopiesAll.id]: cow.forkCopiesAllModel,
    [COW.cowAlwaysCopies.id]: cow.cowAlwaysCopiesModel,
    [COW.readAllocates.id]: cow.readAllocatesModel,
    [COW.exitKeepsRefs.id]: cow.exitKeepsRefsModel,
    [COW.execKeepsPages.id]: cow.execKeepsPagesModel,
  };

  it('frames-after-step: each wrong count is the frames in use under the belief\'s rules, or with the zero page counted', () => {
    for (const { ref, question } of sample('frames-after-step')) {
      const { s, trace } = cowScenario<{ step: number }>(ref);
      for (const [id, m] of tags(question)) {
        const model = ruleModels[m];
        const believed = m === COW.zeroPageCounted.id ? cow.zeroPageCountedModel(stateAfter(trace, s.step)) : model ? framesInUse(model(trace, s.ops, s.step).final) : undefined;
        expect(id, `seed ${ref.seed} tier ${ref.tier} ${m}`).toBe(`n${believed}`);
      }
    }
  });

  it('frame-refcount: each wrong count is the frame\'s count under the belief\'s rules, or every entry that ever mapped it', () => {
    for (const { ref, question } of sample('frame-refcount')) {
      const { s, trace } = cowScenario<{ born: number; step: number }>(ref);
      const frame = trace.entries[s.born - 1]?.event.frame ?? 0;
      for (const [id, m] of tags(question)) {
        const model = ruleModels[m];
        const believed = m === COW.refcountPerProcess.id ? cow.refcountEverModel(trace, frame, s.born, s.step) : model ? bornFrameCount(model(trace, s.ops, s.step), s.ops, s.born, s.step) : undefined;
        expect(id, `seed ${ref.seed} tier ${ref.tier} ${m}`).toBe(`n${believed}`);
      }
    }
  });

  /** What a write belief predicts for write step `k`. */
  function believedWrite(m: string, trace: MemoryTrace, ops: readonly MemoryOp[], k: number): cow.WriteOutcome | undefined {
    switch (m) {
      case COW.everyWriteFaults.id:
        return cow.everyWriteFaultsModel(trace, k);
      case COW.everyWriteCopies.id:
        return cow.everyWriteCopiesModel();
      case COW.zeroPageCopied.id:
        return cow.zeroPageCopiedModel(trace, k);
      case COW.cowAlwaysCopies.id:
        return cow.writeOutcome(cow.cowAlwaysCopiesModel(trace, ops, k).entries[k - 1]?.event.outcome);
      case COW.exitRestoresWrite.id:
        return cow.exitRestoresWriteModel(trace, ops, k);
      case COW.exitFreesForSurvivor.id:
        return cow.exitFreesForSurvivorModel(trace, ops, k);
      case COW.exitDropsShared.id:
        return cow.exitDropsSharedModel(trace, ops, k);
      default:
        return undefined;
    }
  }

  it('which-writes-fault: a tagged "faults" is a write the belief says faults, a tagged "copies" one it says copies', () => {
    for (const { ref, question } of sample('which-writes-fault')) {
      const { s, trace } = cowScenario<{ writes: readonly number[] }>(ref);
      for (const [id, m] of tags(question)) {
        const [, k, what] = /^s(\d+)-(fault|copy)$/.exec(id) ?? [];
        const believed = believedWrite(m, trace, s.ops, Number(k));
        const where = `seed ${ref.seed} tier ${ref.tier} ${id} ${m}`;
        expect(believed, where).toBeDefined();
        if (what === 'fault') expect(believed, where).not.toBe('no-fault');
        else expect(believed, where).toBe('fault-copy');
      }
    }
  });

  it('after-exit: each tagged outcome is what its belief predicts for the survivor\'s write', () => {
    let seen = 0;
    for (const { ref, question } of sample('after-exit')) {
      const { s, trace } = cowScenario<{ step: number }>(ref);
      for (const [id, m] of tags(question)) {
        seen++;
        expect(believedWrite(m, trace, s.ops, s.step), `seed ${ref.seed} tier ${ref.tier} ${m}`).toBe(id);
      }
    }
    expect(seen).toBeGreaterThan(300);
  });

  it('fork-exec-savings: each wrong count pair is the copies made under the belief\'s rules (fork copying all: every page at every fork, none saved)', () => {
    for (const { ref, question } of sample('fork-exec-savings')) {
      const { s, trace } = cowScenario<object>(ref);
      const { eager } = forkExec.countsOf(s.ops, trace);
      for (const [id, m] of tags(question)) {
        const model = ruleModels[m];
        const copied = m === COW.forkCopiesAll.id ? eager : model ? forkExec.countsOf(s.ops, model(trace, s.ops, s.ops.length)).copied : undefined;
        expect(id, `seed ${ref.seed} tier ${ref.tier} ${m}`).toBe(copied === undefined ? undefined : forkExec.countsId({ copied, saved: eager - copied }));
      }
    }
  });

  it('both-write: each tagged outcome is its belief\'s run (private made shared, rules changed) or its belief about who moves', () => {
    for (const { ref, question } of sample('both-write')) {
      const { s, trace } = cowScenario<bothWrite.BothWriteScenario>(ref);
      const correct = bothWrite.outcomeOf(s, s.ops, trace);
      const moved = (fresh: bothWrite.Outcome['fresh']) => bothWrite.outcomeId({ fresh, values: correct.values });
      for (const [id, m] of tags(question)) {
        const model = ruleModels[m];
        const believed =
          m === COW.privateVisible.id
            ? bothWrite.outcomeId(bothWrite.outcomeOf(s, s.ops, cow.privateVisibleModel(s.ops)))
            : m === COW.childGetsCopy.id
              ? moved(cow.childGetsCopyModel(s.ops))
              : m === COW.writerKeepsOriginal.id
                ? moved(cow.writerKeepsOriginalModel(s.ops, correct.fresh))
                : model
                  ? bothWrite.outcomeId(bothWrite.outcomeOf(s, s.ops, model(trace, s.ops, s.ops.length)))
                  : undefined;
        expect(id, `seed ${ref.seed} tier ${ref.tier} ${m}`).toBe(believed);
      }
    }
  });

  it('both-write: "private is visible" tags one option only (version 4 and before also tagged a mixed outcome)', () => {
    const twice = (version: number) =>
      [1, 2, 3].flatMap((tier) => Array.from({ length: 40 }, (_, seed) => buildQuestion({ generator: 'both-write', version, seed, tier: tier as Tier })))
        .filter((q) => tagged(q, COW.privateVisible.id).length > 1).length;
    expect(twice(4)).toBeGreaterThan(0);
    expect(twice(5)).toBe(0);
  });

  it('shared-vs-private: each tagged outcome is the run with the region\'s mapping the belief assumes, or with the belief\'s rules', () => {
    for (const { ref, question } of sample('shared-vs-private')) {
      const { s, trace } = cowScenario<sharedVsPrivate.SharedVsPrivateScenario>(ref);
      const outcome = (t: MemoryTrace) => sharedVsPrivate.outcomeId(sharedVsPrivate.outcomeUnder(s, s.ops, LINUX_RULES, t));
      for (const [id, m] of tags(question)) {
        const believed =
          m === COW.sharedIsCow.id
            ? outcome(cow.sharedIsCowModel(s.ops))
            : m === COW.privateVisible.id
              ? outcome(cow.privateVisibleModel(s.ops))
              : m === COW.forkCopiesAll.id
                ? outcome(cow.sharedIsCowModel(s.ops, 's', { ...LINUX_RULES, eagerForkCopy: true }))
                : m === COW.cowAlwaysCopies.id
                  ? outcome(cow.cowAlwaysCopiesModel(trace, s.ops, s.ops.length))
                  : undefined;
        expect(id, `seed ${ref.seed} tier ${ref.tier} ${m}`).toBe(believed);
      }
    }
  });

  it('after-exit t2 seed 3: "exit restores write" no longer tags a never-written page\'s "no fault" (version 3 did)', () => {
    const ref = { generator: 'after-exit', version: 4, seed: 3, tier: 2 as Tier };
    const old = buildQuestion({ ...ref, version: 3 });
    const now = buildQuestion(ref);
    expect(old.answer).toBe('fault-alloc');
    expect(tagged(old, COW.exitRestoresWrite.id)).toEqual(['no-fault']);
    expect(now.answer).toBe('fault-alloc');
    expect(tagged(now, COW.exitRestoresWrite.id)).toEqual([]);
  });
});

describe('build: a diagnosed answer is what its belief predicts, and grading it names that belief', () => {
  const sample = (id: string) => samples.get(id) ?? [];
  const scenarioOf = <S,>(ref: QuestionRef) => generateScenario(ref).scenario as S;

  it('runs-on-machine: "same CPU, any OS" tags exactly the native files for this CPU built for another OS (interpreters aside)', () => {
    for (const { ref, question } of sample('runs-on-machine')) {
      const s = scenarioOf<RunsOnMachineScenario>(ref);
      expect(tagged(question, B.sameCpuAnyOs.id), `seed ${ref.seed} tier ${ref.tier}`).toEqual(sameCpuAnyOsModel(s));
      expect(sameCpuAnyOsModel(s).length, `seed ${ref.seed} tier ${ref.tier}`).toBeGreaterThan(0);
    }
  });

  it('builds-to-ship: each diagnosed count is the builds the belief merges targets into; the grader names the belief', () => {
    const merged = (s: BuildsToShipScenario, erase: (m: BuildsToShipScenario['platforms'][number]) => object) => buildsToShip(s.platforms.map((m) => ({ ...m, ...erase(m) })), 'native').length;
    const believed: Record<string, (s: BuildsToShipScenario) => number> = {
      // One build per OS (and C library): every CPU made the same.
      [B.sameOsAnyCpu.id]: (s) => merged(s, () => ({ cpu: 'x86_64' })),
      // One build per CPU: every OS made Linux with one glibc.
      [B.sameCpuAnyOs.id]: (s) => merged(s, () => ({ os: 'linux', libc: { kind: 'glibc', version: [2, 17] } })),
      // glibc and musl merged: every Linux C library made one glibc.
      [B.libcIrrelevant.id]: (s) => merged(s, (m) => (m.os === 'linux' ? { libc: { kind: 'glibc', version: [2, 17] } } : {})),
      [B.vmPortable.id]: () => 1,
    };
    let diagnosed = 0;
    for (const { ref, question } of sample('builds-to-ship')) {
      const s = scenarioOf<BuildsToShipScenario>(ref);
      const r = question.response;
      expect(r.kind).toBe('number');
      for (const d of r.kind === 'number' ? (r.diagnoses ?? []) : []) {
        diagnosed++;
        expect(d.value, `seed ${ref.seed} tier ${ref.tier} ${d.misconception.id}`).toBe(believed[d.misconception.id]?.(s));
        if (d.misconception.id === B.vmPortable.id) expect(s.mode).toBe('vm-builds');
        expect(grade(r, question.answer, d.value)).toMatchObject({ correct: false, misconceptions: expect.arrayContaining([d.misconception]) });
      }
      expect(nativeBeliefModels.perOs(s.platforms), `seed ${ref.seed}`).toBeLessThan(question.answer as number);
    }
    expect(diagnosed).toBeGreaterThan(0);
  });

  it('order-flow: each diagnosed order moves only the step its belief is about, to where the belief puts it', () => {
    const where: Record<string, (order: readonly string[]) => boolean> = {
      [B.pycAfterRun.id]: (o) => ['py.pyc', 'pd.cache'].includes(o[o.length - 1] ?? '') || o.indexOf('pi.cache') === o.indexOf('pi.exec') + 1,
      [B.javacVerifies.id]: (o) => o.indexOf('jd.verify') === o.indexOf('jd.javac') + 1,
      [B.includeIsLinking.id]: (o) => o.indexOf('cd.preprocess') === o.indexOf('cd.link') - 1,
      [B.importRunsLater.id]: (o) => o.indexOf('pi.exec') === o.indexOf('pi.call') - 1,
    };
    const step: Record<string, readonly string[]> = { [B.pycAfterRun.id]: ['py.pyc', 'pd.cache', 'pi.cache'], [B.javacVerifies.id]: ['jd.verify'], [B.includeIsLinking.id]: ['cd.preprocess'], [B.importRunsLater.id]: ['pi.exec'] };
    let diagnosed = 0;
    for (const { ref, question } of sample('order-flow')) {
      const r = question.response;
      const answer = question.answer as readonly string[];
      for (const d of r.kind === 'ordering' ? (r.diagnoses ?? []) : []) {
        diagnosed++;
        const moved = step[d.misconception.id] ?? [];
        expect(where[d.misconception.id]?.(d.value), `seed ${ref.seed} ${d.misconception.id}`).toBe(true);
        expect(d.value.filter((id) => !moved.includes(id))).toEqual(answer.filter((id) => !moved.includes(id)));
        expect([...d.value].sort()).toEqual([...answer].sort());
        expect(grade(r, answer, d.value)).toMatchObject({ correct: false, misconceptions: [d.misconception] });
      }
    }
    expect(diagnosed).toBeGreaterThan(0);
  });
});

describe('order-flow v5: the .pyc belief in every question', () => {
  it('diagnoses exactly the orders ORDER_BELIEFS give, "the .pyc is written after the run" among them in every question; version 4 had it in a fifth', () => {
    const mine = samples.get('order-flow') ?? [];
    expect(mine.length).toBe(300);
    for (const { ref, question } of mine) {
      const r = question.response;
      const answer = question.answer as readonly string[];
      expect(r.kind === 'ordering' ? (r.diagnoses ?? []) : [], `seed ${ref.seed} tier ${ref.tier}`).toEqual(orderDiagnoses(answer));
      expect(orderDiagnoses(answer).map((d) => d.misconception.id), `seed ${ref.seed} tier ${ref.tier}`).toContain(B.pycAfterRun.id);
    }
    const v4 = [1, 2, 3].flatMap((tier) => Array.from({ length: 30 }, (_, seed) => buildQuestion({ generator: 'order-flow', version: 4, seed, tier: tier as Tier })));
    expect(v4.filter((q) => q.response.kind === 'ordering' && (q.response.diagnoses ?? []).some((d) => d.misconception.id === B.pycAfterRun.id)).length).toBeLessThan(v4.length / 2);
  });
});

describe('pool: a tagged option is what its belief\'s model gives', () => {
  const sample = (id: string) => samples.get(id) ?? [];

  it('pickle-bytes: every question offers "a pickle is only the value\'s opcodes", as the bytes without PROTO, FRAME headers and STOP', () => {
    expect(sample('pickle-bytes').length).toBeGreaterThan(0);
    for (const { ref, question } of sample('pickle-bytes')) {
      const s = generateScenario(ref).scenario as PickleBytesScenario;
      expect(tagged(question, P.pickleNoFrame.id), `seed ${ref.seed} tier ${ref.tier}`).toEqual([String(noFrameModel(s))]);
    }
  });

  it('pool-messages: every tagged option is the count its belief gives, and "only full chunks are sent" is in every question', () => {
    expect(sample('pool-messages').length).toBeGreaterThan(0);
    for (const { ref, question } of sample('pool-messages')) {
      const beliefs = poolMessagesBeliefs(generateScenario(ref).scenario as PoolMessagesScenario);
      for (const o of optionsOf(question)) if (o.misconception) expect(o.id, `seed ${ref.seed} tier ${ref.tier} ${o.misconception.id}`).toBe(String(beliefs[o.misconception.id]));
      expect(tagged(question, P.lastChunkDropped.id), `seed ${ref.seed} tier ${ref.tier}`).toHaveLength(1);
    }
  });

  it('pool-raises: every tagged option is an outcome its belief predicts (RAISES_BELIEFS); the multiprocessing lock\'s TypeError no longer says "arguments are shared"', () => {
    const outside = (q: Question) => optionsOf(q).filter((o) => o.misconception && !(RAISES_BELIEFS[o.misconception.id] ?? []).includes(o.id)).map((o) => `${o.id} ${o.misconception?.id}`);
    expect(sample('pool-raises').length).toBeGreaterThan(0);
    for (const { ref, question } of sample('pool-raises')) expect(outside(question), `seed ${ref.seed} tier ${ref.tier}`).toEqual([]);
    const seed = Array.from({ length: 200 }, (_, i) => i).find((i) => (generateScenario({ generator: 'pool-raises', version: 3, seed: i, tier: 2 }).scenario as PoolRaisesScenario).variant === 'mp-lock-arg');
    expect(seed).toBeDefined();
    const ref = { generator: 'pool-raises', seed: seed ?? 0, tier: 2 as Tier };
    expect(outside(buildQuestion({ ...ref, version: 2 }))).toEqual([`TypeError ${P.argsShared.id}`]);
    expect(tagged(buildQuestion({ ...ref, version: 3 }), P.mpLockLikeThreadLock.id)).toEqual(['TypeError']);
  });

  it('pool-raises v4: "workers share the parent\'s memory" tags "shared" in every question, saying the len(calls) its model gives; version 3 had no such option', () => {
    expect(sample('pool-raises').length).toBeGreaterThan(0);
    for (const { ref, question } of sample('pool-raises')) {
      const s = generateScenario(ref).scenario as PoolRaisesScenario;
      const believed = sharedMemoryModel(s);
      const where = `seed ${ref.seed} tier ${ref.tier} ${s.variant}`;
      expect(tagged(question, P.workersShareMemory.id), where).toEqual([believed.answer]);
      expect(question.answer, where).not.toBe(believed.answer);
      const label = optionsOf(question).find((o) => o.id === believed.answer)?.label.en ?? '';
      expect(label, where).toContain(`then ${believed.calls} —`);
      expect(optionsOf(question).find((o) => o.id === 'ok')?.label.en ?? 'then 0 —', where).toContain('then 0 —');
    }
    const old = buildQuestion({ generator: 'pool-raises', version: 3, seed: 1, tier: 1 });
    expect(tagged(old, P.workersShareMemory.id)).toEqual([]);
  });

  it('fastest-executor: a wrong option carries a belief only when that belief\'s model picks it; the thread pool never "a process pool is always faster"', () => {
    let seen = 0;
    for (const { ref, question } of sample('fastest-executor')) {
      // version 4 on: the measured scenarios, each belief's idea of the measured times
      const beliefs = measuredFastestBeliefs(calibrationFor(ref.version), generateScenario(ref).scenario as MeasuredScenario);
      for (const o of optionsOf(question)) {
        if (!o.misconception) continue;
        seen++;
        expect(o.id, `seed ${ref.seed} tier ${ref.tier} ${o.misconception.id}`).toBe(beliefs[o.misconception.id]);
      }
    }
    expect(seen).toBeGreaterThan(0);
    // t2 seed 41: more waiting than CPU, the process pool wins; version 2 tagged the thread pool
    // "a process pool is always faster", a belief that never picks it.
    const ref = { generator: 'fastest-executor', seed: 41, tier: 2 as Tier };
    expect(buildQuestion({ ...ref, version: 2 }).answer).toBe('pool-map');
    expect(tagged(buildQuestion({ ...ref, version: 2 }), P.alwaysFaster.id)).toEqual(['threads']);
    expect(tagged(buildQuestion({ ...ref, version: 3 }), P.alwaysFaster.id)).toEqual([]);
    expect(tagged(buildQuestion({ ...ref, version: 3 }), P.threadsParallelCpu.id)).toEqual(['threads']);
  });
});

describe('pool-overhead version 4 on: measured break-even', () => {
  it('a tagged candidate is the one its belief\'s model picks (breakEvenBeliefs), never the answer', () => {
    let seen = 0;
    for (const { ref, question } of samples.get('pool-overhead') ?? []) {
      const beliefs = breakEvenBeliefs(calibrationFor(ref.version), generateScenario(ref).scenario as BreakEvenScenario);
      for (const o of optionsOf(question)) {
        if (!o.misconception) continue;
        seen++;
        expect(o.id, `seed ${ref.seed} tier ${ref.tier} ${o.misconception.id}`).toBe(beliefs[o.misconception.id]);
        expect(o.id).not.toBe(question.answer);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});

describe(`the headline misconception is offered as a wrong answer in ≥ ${TARGET * 100} % of questions`, () => {
  for (const g of generators) {
    const r = rates.get(g.id);
    if (g.id in KNOWN_BELOW) {
      it(`${g.id}: known to fall short (${((KNOWN_BELOW[g.id] ?? 0) * 100).toFixed(1)} % when listed); remove it from KNOWN_BELOW once fixed`, () => {
        expect(r?.rate ?? 0).toBeLessThan(TARGET);
      });
    } else {
      it(`${g.id}: ${r?.misconception ?? 'no tag'} in ${((r?.rate ?? 0) * 100).toFixed(1)} %`, () => {
        expect(r?.rate ?? 0).toBeGreaterThanOrEqual(TARGET);
      });
    }
  }
});
