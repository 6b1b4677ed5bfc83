import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileProgram,
  defaultPolicy,
  permutations,
  runCompiled,
  runEnd,
  simulate,
  step,
  initialState,
  type Op,
  type ProgramSpec,
  type SimState,
} from '@/lib/sim/threads';

const LOCKS = ['la', 'lb'];

function opArb(threads: string[], depth: number): fc.Arbitrary<Op> {
  const lock = fc.constantFrom(...LOCKS);
  const small = fc.integer({ min: 0, max: 3 });
  const base: fc.Arbitrary<Op>[] = [
    fc.record({ kind: fc.constant('sleep' as const), ticks: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant('cpu' as const), ticks: fc.integer({ min: 1, max: 2 }) }),
    fc.record({ kind: fc.constant('print' as const), text: fc.constantFrom('a', 'b', 'c') }),
    fc.record({ kind: fc.constant('acquire' as const), lock }),
    fc.record({ kind: fc.constant('acquire' as const), lock, timeout: small }),
    fc.record({ kind: fc.constant('acquire' as const), lock, blocking: fc.constant(false) }),
    fc.record({ kind: fc.constant('release' as const), lock }),
    fc.record({ kind: fc.constant('set' as const), event: fc.constant('ev') }),
    fc.record({ kind: fc.constant('clear' as const), event: fc.constant('ev') }),
    fc.record({ kind: fc.constant('wait' as const), event: fc.constant('ev'), timeout: small }),
    fc.record({ kind: fc.constant('is-alive' as const), thread: fc.constantFrom(...threads) }),
  ];
  if (depth > 0) {
    base.push(
      fc.record({
        kind: fc.constant('with' as const),
        lock,
        body: fc.array(opArb(threads, depth - 1), { maxLength: 3 }),
      }),
      fc.record({
        kind: fc.constant('if-acquire' as const),
        lock,
        timeout: small,
        body: fc.array(opArb(threads, depth - 1), { maxLength: 2 }),
        orElse: fc.array(opArb(threads, depth - 1), { maxLength: 2 }),
      }),
    );
  }
  return fc.oneof(...base);
}

const programArb: fc.Arbitrary<ProgramSpec> = fc.integer({ min: 1, max: 3 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `T${i + 1}`);
  return fc.record({
    locks: fc.tuple(fc.constantFrom('Lock' as const, 'RLock' as const), fc.constantFrom('Lock' as const, 'RLock' as const)).map(([a, b]) => [
      { id: 'la', kind: a },
      { id: 'lb', kind: b },
    ]),
    events: fc.constant([{ id: 'ev' }]),
    threads: fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), daemon: fc.boolean(), body: fc.array(opArb(ids, 1), { maxLength: 5 }) }))),
    main: fc.array(opArb(ids, 1), { maxLength: 3 }).map((rest): Op[] => [
      ...ids.map((id) => ({ kind: 'start' as const, thread: id })),
      ...rest,
      ...ids.map((id) => ({ kind: 'join' as const, thread: id, timeout: 6 })),
    ]),
  });
});

function checkState(s: SimState): void {
  for (const l of s.locks) {
    expect(l.holder === null).toBe(l.count === 0);
    if (l.kind === 'Lock') expect(l.count).toBeLessThanOrEqual(1);
    if (l.holder !== null) expect(s.threads.some((t) => t.id === l.holder)).toBe(true);
  }
  for (const t of s.threads) {
    if (t.status === 'blocked' && t.wait?.on === 'lock') {
      const lock = s.locks.find((l) => l.id === (t.wait as { lock: string }).lock);
      expect(lock?.holder).not.toBeNull();
    }
  }
}

describe('thread simulator invariants', () => {
  it('a lock has at most one holder, blocked threads see it held, time never goes back, runs terminate', () => {
    fc.assert(
      fc.property(programArb, (spec) => {
        const program = compileProgram(spec);
        const policy = defaultPolicy(program.threads.length);
        let s = initialState(program);
        let steps = 0;
        while (s.status === 'running') {
          const next = step(s, policy).state;
          expect(next.now).toBeGreaterThanOrEqual(s.now);
          expect(next.now - s.now).toBeLessThanOrEqual(1);
          checkState(next);
          s = next;
          steps++;
          expect(steps).toBeLessThan(5000);
        }
        expect(['exited', 'hung']).toContain(s.status);
        for (let i = 1; i < s.output.length; i++) expect(s.output[i]!.tick).toBeGreaterThanOrEqual(s.output[i - 1]!.tick);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('a tie-free run gives the same outcome under every tie-break order', () => {
    let tieFreeSeen = 0;
    fc.assert(
      fc.property(programArb, (spec) => {
        const program = compileProgram(spec);
        const base = runCompiled(program);
        if (!base.tieFree) return;
        tieFreeSeen++;
        const key = (r: ReturnType<typeof runCompiled>) =>
          JSON.stringify({
            out: r.final.output,
            calls: r.final.threads.map((t) => r.final.calls.filter((c) => c.thread === t.id)),
            status: r.final.status,
            now: r.final.now,
            snaps: r.final.snapshots,
            threads: r.final.threads.map((t) => [t.status, t.raised ?? null]),
          });
        const want = key(base);
        for (const perm of permutations(program.threads.length)) {
          const r = runCompiled(program, { priority: perm });
          expect(r.tieFree).toBe(true);
          expect(key(r)).toBe(want);
        }
      }),
      { numRuns: 300 },
    );
    expect(tieFreeSeen).toBeGreaterThan(20);
  }, 120_000);

  it('a whole run (one machine) takes exactly the steps of the pure step function; runEnd ends where it does', () => {
    fc.assert(
      fc.property(programArb, fc.boolean(), (spec, reversed) => {
        const program = compileProgram(spec);
        const policy = reversed ? { priority: defaultPolicy(program.threads.length).priority.slice().reverse() } : defaultPolicy(program.threads.length);
        let s = initialState(program);
        const trace = [];
        while (s.status === 'running') {
          const r = step(s, policy);
          trace.push(r.entry);
          s = r.state;
        }
        const run = runCompiled(program, policy);
        expect(JSON.stringify(run.trace)).toBe(JSON.stringify(trace));
        expect(JSON.stringify(run.final)).toBe(JSON.stringify(s));
        expect(runEnd(program, policy)).toEqual({ status: s.status, now: s.now, tieFree: s.issues.length === 0, output: s.output });
        const gil = { ...policy, gil: 'priority' as const };
        const unfair = runCompiled(program, gil).final;
        expect(runEnd(program, gil)).toEqual({ status: unfair.status, now: unfair.now, tieFree: unfair.issues.length === 0, output: unfair.output });
      }),
      { numRuns: 200 },
    );
  });

  it('a run told to stop at the first race is the whole run when it finds none', () => {
    let tieFreeSeen = 0;
    fc.assert(
      fc.property(programArb, (spec) => {
        const stopped = simulate(spec, undefined, { stopOnIssue: true });
        const whole = simulate(spec);
        expect(stopped.tieFree).toBe(whole.tieFree);
        if (!whole.tieFree) return;
        tieFreeSeen++;
        expect(JSON.stringify(stopped)).toBe(JSON.stringify(whole));
      }),
      { numRuns: 200 },
    );
    expect(tieFreeSeen).toBeGreaterThan(10);
  });

  it('same program, same run (deterministic)', () => {
    fc.assert(
      fc.property(programArb, (spec) => {
        expect(JSON.stringify(runCompiled(compileProgram(spec)))).toBe(JSON.stringify(runCompiled(compileProgram(spec))));
      }),
      { numRuns: 100 },
    );
  });
});
