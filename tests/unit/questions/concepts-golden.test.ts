/**
 * Golden seeds for the generators on the notes' concepts: class-or-instance (where attributes
 * live, what type() is), pipe-ends (what each end of a Pipe can do) and who-runs-bytecode (the
 * interpreter loop runs CPython's bytecode; no machine code is made for it) and event-waiters
 * (Event.set() wakes every waiter; the flag stays set; clear() takes no wake-up back). Each
 * pinned answer was produced by the simulator and printed by the exported program under
 * real CPython 3.11 (`npm run -s question -- export <id> --seed <s> --tier <t> | python3`).
 * A change here means a generator's output for a stored seed changed: bump its version
 * instead. Below them, hand-built scenarios whose answers were worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { buildQuestion, generateScenario, questionOf } from '@/lib/questions/registry';
import { classOrInstance, lookupCopiesModel, claimCode, type Claim, type ClassOrInstanceScenario } from '@/lib/questions/objects/class-or-instance';
import { classFeatures, int, makeClasses, name, setAttr, setName } from '@/lib/questions/objects/common';
import { objectMisconceptions as OM } from '@/lib/questions/objects/misconceptions';
import { whoRunsBytecode, type WhoRunsBytecodeScenario } from '@/lib/questions/build/who-runs-bytecode';
import { buildMisconceptions as BM } from '@/lib/questions/build/misconceptions';
import { acquireResult } from '@/lib/questions/threads/acquire-result';
import { believedWait, eventWaiters, truth, type EventWaitersScenario } from '@/lib/questions/threads/event-waiters';
import { threadMisconceptions as TM } from '@/lib/questions/misconceptions';
import { believedReturns, pipeEnds, type PipeEndsScenario } from '@/lib/questions/pool/pipe-ends';
import { poolMisconceptions as PM } from '@/lib/questions/pool/misconceptions';
import type { Generator, Option, Question, Tier } from '@/lib/questions/types';
import { compileStraight, type StraightFunction } from '@/lib/sim/build';
import { baseRun, runFrom, type ObjState } from '@/lib/sim/objects';
import { hashSeed } from '@/lib/sim/rng';

const GOLDEN: readonly [generator: Generator, tier: Tier, seed: number, answer: readonly string[]][] = [
  [classOrInstance, 1, 1, ["'count' in Box.__dict__", "'value' in c.__dict__", "'value' in d.__dict__"]],
  [classOrInstance, 1, 2024, ["'count' in Card.__dict__", "'value' in c.__dict__", "'value' in d.__dict__"]],
  [classOrInstance, 2, 1, ["'count' in c.__dict__", "'items' in Box.__dict__", "'value' in c.__dict__"]],
  [classOrInstance, 2, 2024, ["'value' in b.__dict__", 'type(b) is Card', 'type(d) is Card']],
  [classOrInstance, 3, 1, ["'count' in c.__dict__", "'value' in a.__dict__", "'value' in c.__dict__", 'type(Box) is type']],
  [classOrInstance, 3, 2024, ["'value' in c.__dict__", 'type(a) is Shape', 'type(b) is Square', 'type(c) is Shape']],
  [pipeEnds, 1, 1, ['1', '3', '4']],
  [pipeEnds, 1, 2024, ['2', '3']],
  [pipeEnds, 2, 1, ['2', '3', '4', '5']],
  [pipeEnds, 2, 2024, ['2', '3']],
  [pipeEnds, 3, 1, ['1', '3']],
  [pipeEnds, 3, 2024, ['2', '3']],
  [eventWaiters, 1, 1, ['T1']],
  [eventWaiters, 1, 2024, ['T1']],
  [eventWaiters, 2, 1, ['T3']],
  [eventWaiters, 2, 2024, ['T3']],
  [eventWaiters, 3, 1, ['T1', 'T4']],
  [eventWaiters, 3, 2024, ['T3', 'T4']],
];

/** acquire-result v3 (every marked acquire has a timeout): answers printed by the exported programs under python3. */
const GOLDEN_ACQUIRE: readonly [tier: Tier, seed: number, answer: string][] = [
  [1, 1, 'True@4'],
  [1, 2024, 'True@3'],
  [2, 1, 'True@6'],
  [2, 2024, 'False@5'],
  [3, 1, 'True@0'],
  [3, 2024, 'False@5'],
];

/** who-runs-bytecode: the answer per tier, and the length of the real `dis` listing shown. */
const GOLDEN_BYTECODE: readonly [tier: Tier, seed: number, answer: string, instructions: number][] = [
  [1, 1, 'interpreter', 9],
  [1, 2024, 'interpreter', 9],
  [2, 1, 'specialized', 9],
  [2, 2024, 'specialized', 9],
  [3, 1, 'specialized', 11],
  [3, 2024, 'specialized', 21],
];

function ask<S>(g: Generator, scenario: S, tier: Tier = 1): Question {
  return questionOf({ generator: g.id, version: g.version, seed: 0, tier }, scenario);
}

function optionsOf(q: Question): readonly Option[] {
  return q.response.kind === 'multi' || q.response.kind === 'choice' ? q.response.options : [];
}

const tagOf = (q: Question, id: string) => optionsOf(q).find((o) => o.id === id)?.misconception?.id;

describe('concept generators: golden seeds checked against real CPython', () => {
  for (const [g, tier, seed, answer] of GOLDEN) {
    it(`${g.id} tier ${tier} seed ${seed}`, () => {
      expect(buildQuestion({ generator: g.id, version: g.version, seed, tier }).answer).toEqual(answer);
    });
  }
});

describe('acquire-result v3: golden seeds checked against real CPython', () => {
  for (const [tier, seed, answer] of GOLDEN_ACQUIRE) {
    it(`tier ${tier} seed ${seed}`, () => {
      const q = buildQuestion({ generator: acquireResult.id, version: 3, seed, tier });
      expect(q.answer).toBe(answer);
      expect(optionsOf(q).find((o) => o.id === 'raises')?.misconception?.id).toBe(TM.timeoutRaises.id);
    });
  }
});

describe('who-runs-bytecode: golden seeds checked against real CPython', () => {
  for (const [tier, seed, answer, length] of GOLDEN_BYTECODE) {
    it(`tier ${tier} seed ${seed}`, () => {
      const ref = { generator: whoRunsBytecode.id, version: whoRunsBytecode.version, seed, tier };
      const q = buildQuestion(ref);
      expect(q.answer).toBe(answer);
      const listing = q.prompt.find((b) => b.kind === 'table');
      expect(listing && 'rows' in listing ? listing.rows.length : 0).toBe(length);
      expect(tagOf(q, 'jit')).toBe(BM.vmEmitsMachineCode.id);
    });
  }
});

describe('who-runs-bytecode: the 3.11 compiler model', () => {
  it('lists what `dis.get_instructions` printed for t = x * 3; u = t - y; return u + x under CPython 3.11', () => {
    const x = { kind: 'name', name: 'x' } as const;
    const fn: StraightFunction = {
      name: 'f',
      params: ['x', 'y'],
      assigns: [
        { local: 't', value: { kind: 'bin', op: '*', left: x, right: { kind: 'const', value: 3 } } },
        { local: 'u', value: { kind: 'bin', op: '-', left: { kind: 'name', name: 't' }, right: { kind: 'name', name: 'y' } } },
      ],
      returns: { kind: 'bin', op: '+', left: { kind: 'name', name: 'u' }, right: x },
    };
    // Recorded from python3.11 -c "import dis; ...; print([(i.offset, i.opname, i.argrepr) for i in dis.get_instructions(f)])".
    expect(compileStraight(fn).instructions.map((i) => [i.offset, i.opname, i.argrepr])).toEqual([
      [0, 'RESUME', ''],
      [2, 'LOAD_FAST', 'x'],
      [4, 'LOAD_CONST', '3'],
      [6, 'BINARY_OP', '*'],
      [10, 'STORE_FAST', 't'],
      [12, 'LOAD_FAST', 't'],
      [14, 'LOAD_FAST', 'y'],
      [16, 'BINARY_OP', '-'],
      [20, 'STORE_FAST', 'u'],
      [22, 'LOAD_FAST', 'u'],
      [24, 'LOAD_FAST', 'x'],
      [26, 'BINARY_OP', '+'],
      [30, 'RETURN_VALUE', ''],
    ]);
    expect(() => compileStraight({ ...fn, returns: { kind: 'bin', op: '+', left: { kind: 'const', value: 1 }, right: { kind: 'const', value: 2 } } })).toThrow(/folded/);
  });

  it('a cold function is interpreted as listed; a warmed one is specialized, and the JIT option is never right', () => {
    const cold: WhoRunsBytecodeScenario = {
      fn: { name: 'f', params: ['a', 'b'], assigns: [], returns: { kind: 'bin', op: '+', left: { kind: 'name', name: 'a' }, right: { kind: 'name', name: 'b' } } },
      warmCalls: 0,
      args: [2, 3],
    };
    expect(ask(whoRunsBytecode, cold).answer).toBe('interpreter');
    const warm = ask(whoRunsBytecode, { ...cold, warmCalls: 1000 }, 2);
    expect(warm.answer).toBe('specialized');
    expect(tagOf(warm, 'interpreter')).toBe(BM.bytecodeFixed.id);
    expect(tagOf(warm, 'jit')).toBe(BM.vmEmitsMachineCode.id);
  });
});

const own = (target: string, attr: string): Claim => ({ kind: 'expr', expr: { kind: 'has-own', target: name(target), attr } });

describe('class-or-instance: hand-worked scenarios', () => {
  it('an assignment through an instance lands in its __dict__; reading a class attribute copies nothing', () => {
    const f = classFeatures('Box', { counter: 'class' });
    const s: ClassOrInstanceScenario = {
      features: f,
      program: {
        classes: makeClasses(f),
        body: [setName('a', { kind: 'new', cls: 'Box', args: [int(1)] }), setName('b', { kind: 'new', cls: 'Box', args: [int(2)] }), setAttr(name('a'), 'count', int(7))],
      },
      claims: [own('a', 'count'), own('b', 'count'), own('Box', 'count'), own('Box', 'value'), { kind: 'class-type', cls: 'Box', of: 'type' }, { kind: 'class-type', cls: 'Box', of: 'self' }],
    };
    const q = ask(classOrInstance, s);
    expect(q.answer).toEqual(["'count' in Box.__dict__", "'count' in a.__dict__", 'type(Box) is type']);
    // b.count can be read (found on Box), which is why a learner who thinks lookup copies says True.
    expect(tagOf(q, "'count' in b.__dict__")).toBe(OM.lookupCopies.id);
    expect(tagOf(q, "'value' in Box.__dict__")).toBe(OM.initAttrsOnClass.id);
    expect(tagOf(q, 'type(Box) is Box')).toBe(OM.typeOfClass.id);
    const text = q.explanation.summary.map((x) => x.en).join('\n');
    expect(text).toContain("a.__dict__ = {'value': 1, 'count': 7}");
    expect(text).toContain("b.__dict__ = {'value': 2}");
  });

  it('a subclass without its own count finds the base\'s; type() is the exact class', () => {
    const f = classFeatures('Node', { counter: 'class', sub: 'Leaf' });
    const s: ClassOrInstanceScenario = {
      features: f,
      program: { classes: makeClasses(f), body: [setName('a', { kind: 'new', cls: 'Leaf', args: [int(1)] })] },
      claims: [own('Leaf', 'count'), own('Node', 'count'), { kind: 'expr', expr: { kind: 'type-is', target: name('a'), cls: 'Node' } }, { kind: 'expr', expr: { kind: 'type-is', target: name('a'), cls: 'Leaf' } }],
    };
    const q = ask(classOrInstance, s, 3);
    expect(q.answer).toEqual(["'count' in Node.__dict__", 'type(a) is Leaf']);
    expect(tagOf(q, "'count' in Leaf.__dict__")).toBe(OM.lookupCopies.id);
    expect(tagOf(q, 'type(a) is Node')).toBe(OM.typeIncludesSubclasses.id);
  });

  it('the "lookup copies" tag is exactly what that model calls True beyond the real answer', () => {
    for (const tier of [1, 2, 3] as const) {
      for (let i = 0; i < 60; i++) {
        const ref = { generator: classOrInstance.id, version: classOrInstance.version, seed: hashSeed(`coi-model:${tier}:${i}`), tier };
        const { scenario } = generateScenario(ref) as { scenario: ClassOrInstanceScenario };
        const q = buildQuestion(ref);
        const end = runFrom(baseRun(scenario.program)).states.at(-1) as ObjState;
        const believed = scenario.claims.filter((c) => lookupCopiesModel(scenario.program, end, c)).map(claimCode);
        const tagged = optionsOf(q).filter((o) => o.misconception?.id === OM.lookupCopies.id).map((o) => o.id);
        expect(tagged.sort(), `seed ${ref.seed} tier ${tier}`).toEqual(believed.filter((c) => !(q.answer as string[]).includes(c)).sort());
        expect(tagged.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('pipe-ends: hand-worked scenarios', () => {
  it('Pipe(duplex=False) is (reader, writer): sending on the first end and receiving on the second raise', () => {
    const s: PipeEndsScenario = {
      pipes: [{ duplex: false, ends: ['a', 'b'] }],
      steps: [
        { call: { kind: 'send', end: 'b', value: 1 }, n: 1 },
        { call: { kind: 'send', end: 'a', value: 2 }, n: 2 },
        { call: { kind: 'recv', end: 'a' }, n: 3 },
        { call: { kind: 'recv', end: 'b' }, n: 4 },
      ],
    };
    const q = ask(pipeEnds, s);
    expect(q.answer).toEqual(['1', '3']);
    expect(tagOf(q, '2')).toBe(PM.pipeAlwaysDuplex.id);
    // Under "both ends are two-way", a.send(2) put 2 in b's buffer, so b.recv() returns it.
    expect(believedReturns(s, 'always-duplex')).toEqual(['1', '2', '3', '4']);
    expect(believedReturns(s, 'first-end-sends')).toEqual(['2', '4']);
  });

  it('a duplex Pipe() sends both ways; after close(), recv raises EOFError and send BrokenPipeError', () => {
    const s: PipeEndsScenario = {
      pipes: [{ duplex: true, ends: ['a', 'b'] }],
      steps: [
        { call: { kind: 'send', end: 'a', value: 5 }, n: 1 },
        { call: { kind: 'send', end: 'b', value: 6 }, n: 2 },
        { call: { kind: 'close', end: 'a' } },
        { call: { kind: 'recv', end: 'b' }, n: 3 },
        { call: { kind: 'recv', end: 'b' }, n: 4 },
        { call: { kind: 'send', end: 'b', value: 7 }, n: 5 },
        { call: { kind: 'poll', end: 'a' }, n: 6 },
      ],
    };
    const q = ask(pipeEnds, s);
    expect(q.answer).toEqual(['1', '2', '3']);
    const rows = q.explanation.views[0]?.kind === 'table' ? q.explanation.views[0].rows : [];
    expect(JSON.stringify(rows)).toContain('raises EOFError');
    expect(JSON.stringify(rows)).toContain('raises BrokenPipeError');
    expect(JSON.stringify(rows)).toContain('handle is closed');
    expect(q.explanation.summary.map((x) => x.en).join(' ')).toContain('2 pipe file descriptors');
  });

  it('every tagged option is a call that raises and that its belief expects to return', () => {
    for (const tier of [1, 2, 3] as const) {
      for (let i = 0; i < 60; i++) {
        const ref = { generator: pipeEnds.id, version: pipeEnds.version, seed: hashSeed(`pipe-model:${tier}:${i}`), tier };
        const { scenario } = generateScenario(ref) as { scenario: PipeEndsScenario };
        const q = buildQuestion(ref);
        for (const o of optionsOf(q)) {
          if (!o.misconception) continue;
          expect(q.answer).not.toContain(o.id);
          const belief = o.misconception.id === PM.pipeAlwaysDuplex.id ? 'always-duplex' : 'first-end-sends';
          expect(believedReturns(scenario, belief), `seed ${ref.seed} tier ${tier}`).toContain(o.id);
        }
      }
    }
  });
});

describe('event-waiters', () => {
  const scenario = (over: Partial<EventWaitersScenario>): EventWaitersScenario => ({
    waiters: [
      { id: 'T1', start: 0, timeout: 6 },
      { id: 'T2', start: 1, timeout: 6 },
      { id: 'T3', start: 0, timeout: 2 },
    ],
    setter: 'T4',
    setAt: 4,
    clearAfter: false,
    ...over,
  });

  it('one set() wakes both threads still waiting; the one whose timeout ended first gets False', () => {
    const q = ask(eventWaiters, scenario({}));
    expect(q.answer).toEqual(['T3']);
    // "wakes only one": T1 waits longest and is woken; T2 would wait to t = 7 and get False.
    expect(tagOf(q, 'T2')).toBe(TM.eventWakesOne.id);
    expect(tagOf(q, 'T1')).toBeUndefined();
  });

  it('a wait() after set() returns True at once; after set() and clear() it waits again', () => {
    const late = { id: 'T5', start: 6, timeout: 2 };
    const s = scenario({ waiters: [...scenario({}).waiters, late], setter: 'T6' });
    const q = ask(eventWaiters, s, 2);
    expect(q.answer).toEqual(['T3']);
    expect(tagOf(q, 'T5')).toBe(TM.setIsSignal.id);
    const cleared = ask(eventWaiters, { ...s, clearAfter: true }, 3);
    expect(cleared.answer).toEqual(['T3', 'T5']);
    // The waiter woken first would lose its wake-up to clear() in that belief.
    expect(tagOf(cleared, 'T1')).toBe(TM.clearUnwakes.id);
  });

  it('the rule-based truth agrees with the thread simulator, and each tag is what its belief predicts', () => {
    for (const tier of [1, 2, 3] as const) {
      for (let i = 0; i < 40; i++) {
        const ref = { generator: eventWaiters.id, version: eventWaiters.version, seed: hashSeed(`waiters-model:${tier}:${i}`), tier };
        const { scenario: s } = generateScenario(ref) as { scenario: EventWaitersScenario };
        const q = buildQuestion(ref);
        expect(q.answer, `seed ${ref.seed} tier ${tier}`).toEqual(s.waiters.filter((w) => truth(s, w) === false).map((w) => w.id).sort());
        for (const o of optionsOf(q)) {
          if (!o.misconception) continue;
          const belief = o.misconception.id === TM.eventWakesOne.id ? 'wakes-one' : o.misconception.id === TM.clearUnwakes.id ? 'clear-unwakes' : 'set-is-signal';
          const w = s.waiters.find((x) => x.id === o.id);
          expect(w && believedWait(s, w, belief), `seed ${ref.seed} tier ${tier} ${o.id}`).toBe(false);
          expect(q.answer).not.toContain(o.id);
        }
      }
    }
  });
});
