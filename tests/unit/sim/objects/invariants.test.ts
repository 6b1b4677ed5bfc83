/**
 * Invariants of the objects simulator over random programs from the generators' grammar
 * (fast-check drives the seed and the class features): step is pure and deterministic,
 * reference counting frees exactly the unreachable objects, counters agree with the trace,
 * misbelief runs differ only where they should, and the renderer puts each statement on
 * the line it reports.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/sim/rng';
import {
  MISBELIEFS,
  ObjectsError,
  ProgramBuilder,
  baseRun,
  dependsOn,
  evalIn,
  evalTracked,
  initialState,
  liveInstances,
  reachable,
  renderProgram,
  run,
  runFrom,
  step,
  stmtCode,
  tryRun,
  type Expr,
  type Misbelief,
  type ObjRun,
  type ObjState,
  type ObjectProgram,
  type Stmt,
} from '@/lib/sim/objects';
import { NO_FEATURES, attr, instanceNames, name, randomBody, type ClassFeatures, type StmtKind } from '@/lib/questions/objects/common';

const ALL_KINDS: Partial<Record<StmtKind, number>> = {
  new: 2,
  rebind: 2,
  alias: 2,
  del: 2,
  keep: 1,
  'keep-clear': 1,
  'keep-del': 1,
  'from-keep': 1,
  link: 2,
  unlink: 1,
  'from-next': 1,
  'set-count': 1,
  'aug-count': 1,
  'append-shared': 1,
  'append-own': 1,
  'rebind-list': 1,
  'del-count': 1,
  'set-value': 1,
};

const featuresArb: fc.Arbitrary<ClassFeatures> = fc
  .record({
    counter: fc.constantFrom<ClassFeatures['counter']>('class', 'self', null),
    sharedList: fc.boolean(),
    ownList: fc.boolean(),
    eq: fc.boolean(),
    live: fc.boolean(),
    linked: fc.boolean(),
    withSub: fc.boolean(),
    subOverride: fc.boolean(),
  })
  .map(({ withSub, ...f }) => ({ ...NO_FEATURES, ...f, cls: 'Node', sub: withSub ? 'Leaf' : null, subOverride: withSub && f.subOverride }));

const programArb: fc.Arbitrary<{ f: ClassFeatures; program: ObjectProgram }> = fc
  .record({ seed: fc.integer({ min: 0, max: 0xffff_ffff }), f: featuresArb, length: fc.integer({ min: 3, max: 12 }) })
  .map(({ seed, f, length }) => {
    const body = randomBody(createRng(seed), f, ALL_KINDS, length, ['new']);
    return { f, program: body?.program ?? { classes: [], body: [] } };
  })
  .filter(({ program }) => program.body.length > 0);

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

const states = (r: ObjRun): ObjState[] => [r.initial, ...r.states];

describe('objects simulator invariants', () => {
  it('step never mutates the state it is given, and runs are deterministic', () => {
    fc.assert(
      fc.property(programArb, ({ program }) => {
        let s = deepFreeze(initialState(program));
        for (let i = 0; i < program.body.length; i++) s = deepFreeze(step(program, s, i).state);
        expect(run(program)).toEqual(run(program));
      }),
      { numRuns: 150 },
    );
  });

  it('the run recorded while a program is built equals a fresh run of it (also when building goes on from a prefix of another program)', () => {
    fc.assert(
      fc.property(programArb, fc.nat(), ({ program }, cut) => {
        const fresh: ObjectProgram = { classes: program.classes, body: [...program.body] };
        expect(run(program)).toEqual(run(fresh));
        const k = cut % (program.body.length + 1);
        const builder = ProgramBuilder.continuing(baseRun(program), k);
        for (const st of program.body.slice(k)) expect(builder.append(st, () => true)).toBe(true);
        expect(builder.baseRun()).toEqual(baseRun(fresh));
        expect(runFrom(builder.baseRun())).toEqual(run(fresh));
      }),
      { numRuns: 100 },
    );
  });

  it('a misbelief run (sharing the real run up to the first statement the misbelief could change) equals stepping every statement under it', () => {
    // Programs ending in prints of identity, equality, type tests and attributes, so every
    // decision a misbelief changes is reached.
    const withPrints = programArb.chain(({ f, program }) => {
      const names = instanceNames(run(program).states[program.body.length - 1] as ObjState).filter((n) => n !== 'keep');
      const x = fc.constantFrom(...names, 'a');
      const exprArb: fc.Arbitrary<Expr> = fc.oneof(
        fc.record({ kind: fc.constant('is' as const), left: x.map(name), right: x.map(name) }),
        fc.record({ kind: fc.constant('eq' as const), left: x.map(name), right: x.map(name) }),
        fc.record({ kind: fc.constant('isinstance' as const), target: x.map(name), cls: fc.constantFrom('Node', f.sub ?? 'Node') }),
        fc.record({ kind: fc.constant('type-is' as const), target: x.map(name), cls: fc.constantFrom('Node', f.sub ?? 'Node') }),
        fc.tuple(x, fc.constantFrom('value', 'count', 'items', 'tags')).map(([n, a]) => attr(name(n), a)),
      );
      return fc
        .array(exprArb, { maxLength: 3 })
        .map((exprs) => ({ program: { ...program, body: [...program.body, ...exprs.map((expr): Stmt => ({ kind: 'print', expr }))] } }));
    });
    // Each misbelief alone, and the pair same-object uses.
    const beliefSets: Misbelief[][] = [...MISBELIEFS.map((b) => [b]), ['is-means-eq', 'eq-compares-fields']];
    fc.assert(
      fc.property(withPrints, ({ program }) => {
        for (const beliefs of beliefSets) {
          const set = new Set(beliefs);
          let expected: { states: ObjState[]; trace: unknown[] } | null = { states: [], trace: [] };
          try {
            let s = initialState(program);
            for (let i = 0; i < program.body.length; i++) {
              const r = step(program, s, i, set);
              s = r.state;
              expected.states.push(s);
              expected.trace.push(r.trace);
            }
          } catch (e) {
            if (!(e instanceof ObjectsError)) throw e;
            expected = null;
          }
          const shared = tryRun(program, set);
          expect(shared && { states: shared.states, trace: shared.trace }, beliefs.join(', ')).toEqual(expected);
          if (expected) {
            const k = Math.floor(program.body.length / 2);
            expect(run(program, set, k).states).toEqual(expected.states.slice(0, k));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an expression no misbelief could change (evalTracked) evaluates the same under those misbeliefs', () => {
    fc.assert(
      fc.property(programArb, fc.nat(), ({ f, program }, pick) => {
        const r = run(program);
        const st = r.states[pick % r.states.length] as ObjState;
        const names = [...instanceNames(st).filter((n) => n !== 'keep'), 'a'];
        const exprs: Expr[] = [];
        for (const x of names) {
          for (const y of names) exprs.push({ kind: 'is', left: name(x), right: name(y) }, { kind: 'eq', left: name(x), right: name(y) });
          for (const cls of ['Node', f.sub ?? 'Node']) exprs.push({ kind: 'isinstance', target: name(x), cls }, { kind: 'type-is', target: name(x), cls });
          for (const a of ['value', 'count', 'items', 'tags', 'next']) exprs.push(attr(name(x), a));
          exprs.push({ kind: 'new', cls: 'Node', args: [{ kind: 'int', value: 1 }] });
        }
        const attempt = <T,>(fn: () => T): T | 'raises' => {
          try {
            return fn();
          } catch (e) {
            if (e instanceof ObjectsError) return 'raises';
            throw e;
          }
        };
        for (const e of exprs) {
          const tracked = attempt(() => evalTracked(program, st, e));
          for (const b of MISBELIEFS) {
            const set = new Set([b]);
            if (tracked !== 'raises' && !dependsOn(tracked.sensitive, set)) {
              expect(attempt(() => evalIn(program, st, e, set)), `${b}: ${JSON.stringify(e)}`).toEqual(tracked.value);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reference counting: after every statement exactly the reachable objects are alive', () => {
    fc.assert(
      fc.property(programArb, ({ program }) => {
        for (const s of states(run(program))) {
          const reach = reachable(s.heap, s.globals);
          s.heap.forEach((o, id) => {
            if (o) expect(reach.has(id), `object ${id} alive but unreachable`).toBe(true);
          });
          for (const id of reach) expect(s.heap[id], `dangling reference to ${id}`).not.toBeNull();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('created − freed = live, and __del__ keeps the live counter equal to the live instances', () => {
    fc.assert(
      fc.property(programArb, ({ f, program }) => {
        const r = run(program);
        let created = 0;
        let freed = 0;
        r.trace.forEach((t, i) => {
          created += t.created.length;
          freed += t.freed.length;
          const s = r.states[i] as ObjState;
          expect(liveInstances(s, 'Node').length).toBe(created - freed);
          if (f.live) expect(evalIn(program, s, attr(name('Node'), 'live'))).toEqual({ t: 'int', v: created - freed });
        });
      }),
      { numRuns: 150 },
    );
  });

  it('a class-level counter counts creations; under "never freed" nothing is ever freed', () => {
    fc.assert(
      fc.property(programArb, ({ f, program }) => {
        const r = run(program);
        const never = run(program, new Set(['never-freed']));
        let created = 0;
        r.trace.forEach((t, i) => {
          created += t.created.length;
          if (f.counter === 'class') expect(evalIn(program, r.states[i] as ObjState, attr(name('Node'), 'count'))).toEqual({ t: 'int', v: created });
          expect(liveInstances(never.states[i] as ObjState, 'Node').length).toBe(created);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('is is reflexive and == agrees with is when there is no __eq__', () => {
    fc.assert(
      fc.property(programArb, ({ f, program }) => {
        const r = run(program);
        const end = r.states[r.states.length - 1] as ObjState;
        const names = instanceNames(end).filter((n) => n !== 'keep');
        for (const x of names) {
          expect(evalIn(program, end, { kind: 'is', left: name(x), right: name(x) })).toEqual({ t: 'bool', v: true });
          for (const y of names) {
            const is = evalIn(program, end, { kind: 'is', left: name(x), right: name(y) });
            const eq = evalIn(program, end, { kind: 'eq', left: name(x), right: name(y) });
            if (!f.eq) expect(eq).toEqual(is);
            else if (is.t === 'bool' && is.v) expect(eq).toEqual({ t: 'bool', v: true });
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the renderer reports the line each statement is on', () => {
    fc.assert(
      fc.property(programArb, ({ program }) => {
        const { code, lines } = renderProgram(program);
        const src = code.split('\n');
        program.body.forEach((s, i) => expect(src[(lines[i] as number) - 1]).toBe(stmtCode(s)));
      }),
      { numRuns: 100 },
    );
  });
});
