import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMove,
  initialState,
  isDeadlocked,
  isRunnable,
  legalMoves,
  outcome,
  replay,
  solve,
  TICK,
  type ChallengeProgram,
  type ChallengeState,
  type Goal,
  type Instr,
  type Move,
} from '@/lib/sim/challenge';

const acq = (lock: string, timeout?: number): Instr => (timeout === undefined ? { op: 'acquire', lock } : { op: 'acquire', lock, timeout });
const rel = (lock: string): Instr => ({ op: 'release', lock });
const say = (text: string): Instr => ({ op: 'print', text });
const incr: Instr[] = [{ op: 'load' }, { op: 'add' }, { op: 'store' }];

function program(bodies: Instr[][], opts: { rlock?: boolean; daemon?: number; events?: string[] } = {}): ChallengeProgram {
  return {
    threads: bodies.map((body, i) => ({ name: `T${i + 1}`, daemon: opts.daemon === i, body })),
    locks: [
      { name: 'A', reentrant: opts.rlock ?? false },
      { name: 'B', reentrant: false },
    ],
    events: opts.events ?? ['ev'],
    counter: true,
  };
}

const crossed = program([
  [acq('A'), acq('B'), rel('B'), rel('A')],
  [acq('B'), acq('A'), rel('A'), rel('B')],
]);

describe('the challenge engine', () => {
  it('a thread cannot take a lock another holds; crossed lock order deadlocks in 2 moves', () => {
    const s1 = applyMove(crossed, initialState(crossed), 'T1').state;
    expect(s1.locks.A).toEqual({ owner: 'T1', count: 1 });
    expect(isRunnable(crossed, s1, 'T2')).toBe(true);
    const s2 = applyMove(crossed, s1, 'T2').state;
    expect(legalMoves(crossed, s2)).toEqual([]);
    expect(isDeadlocked(crossed, s2)).toBe(true);
    expect(solve(crossed, { kind: 'deadlock' }).par).toEqual(['T1', 'T2']);
  });

  it('the same lock order cannot deadlock: impossible', () => {
    const same = program([
      [acq('A'), acq('B'), rel('B'), rel('A')],
      [acq('A'), acq('B'), rel('B'), rel('A')],
    ]);
    expect(solve(same, { kind: 'deadlock' }).par).toBeNull();
  });

  it('a Lock taken twice by its owner deadlocks; an RLock does not', () => {
    const twice = (rlock: boolean) => program([[acq('A'), acq('A'), rel('A'), rel('A')]], { rlock });
    expect(solve(twice(false), { kind: 'deadlock' }).par).toEqual(['T1']);
    expect(solve(twice(true), { kind: 'deadlock' }).par).toBeNull();
  });

  it('a timed acquire returns False when the clock runs out, True when the lock is handed over', () => {
    const p = program([
      [acq('A'), say('x'), rel('A')],
      [acq('A', 1), { op: 'release-if-got', lock: 'A' }],
    ]);
    const goal: Goal = { kind: 'acquire-false', thread: 'T2' };
    expect(solve(p, goal).par).toEqual(['T1', 'T2', TICK]);
    const r = replay(p, goal, ['T1', 'T2', 'T1', 'T1']);
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    const last = r.states[r.states.length - 1] as ChallengeState;
    expect(last.threads.T2?.got).toBe(true);
    expect(last.locks.A?.owner).toBe('T2');
    expect(r.outcome).toBe('lost');
  });

  it('counter += 1 in two threads loses an update only when LOAD and STORE interleave', () => {
    const p = program([incr, incr]);
    const goal: Goal = { kind: 'counter-wrong', expected: 2 };
    expect(solve(p, goal).par).toHaveLength(6);
    const serial = replay(p, goal, ['T1', 'T1', 'T1', 'T2', 'T2', 'T2']);
    expect(serial.status === 'ok' && serial.outcome).toBe('lost');
    const locked = program([[acq('A'), ...incr, rel('A')], [acq('A'), ...incr, rel('A')]]);
    expect(solve(locked, goal).par).toBeNull();
  });

  it('a daemon is killed when the last non-daemon thread finishes', () => {
    const p = program([[say('d1'), say('d2')], [say('w')]], { daemon: 0 });
    const goal: Goal = { kind: 'daemon-silent', thread: 'T1', line: 'd2' };
    expect(solve(p, goal).par).toEqual(['T2']);
    const after = applyMove(p, initialState(p), 'T2').state;
    expect(legalMoves(p, after)).toEqual([]);
    // the worker waits for an event the daemon sets after its last line: impossible
    const waits = program([[say('d1'), say('d2'), { op: 'set', event: 'ev' }], [{ op: 'wait', event: 'ev' }, say('w')]], { daemon: 0 });
    expect(solve(waits, goal).par).toBeNull();
  });

  it('sleeps end on the clock; a sleeping thread cannot step', () => {
    const p = program([[{ op: 'sleep', ticks: 1 }, say('late')], [say('early')]]);
    const s1 = applyMove(p, initialState(p), 'T1').state;
    expect(isRunnable(p, s1, 'T1')).toBe(false);
    expect(legalMoves(p, s1)).toEqual(['T2', TICK]);
    const s2 = applyMove(p, s1, TICK).state;
    expect(s2.clock).toBe(1);
    expect(isRunnable(p, s2, 'T1')).toBe(true);
    expect(solve(p, { kind: 'print-first', line: 'late' }).par).toEqual(['T1', TICK, 'T1']);
  });

  it('replay refuses an illegal move and a move after the game is decided', () => {
    expect(replay(crossed, { kind: 'deadlock' }, ['T1', 'T1'])).toEqual({ status: 'ok', states: expect.any(Array), outcome: 'open' });
    expect(replay(crossed, { kind: 'deadlock' }, ['T1', 'T1', 'T2'])).toEqual({ status: 'illegal', at: 2 });
    expect(replay(crossed, { kind: 'deadlock' }, ['T1', 'T2', 'T1'])).toEqual({ status: 'illegal', at: 2 });
    expect(replay(crossed, { kind: 'deadlock' }, [TICK])).toEqual({ status: 'illegal', at: 0 });
    expect(replay(crossed, { kind: 'deadlock' }, ['T9'])).toEqual({ status: 'illegal', at: 0 });
  });
});

// ------------------------------------------------------------ random small programs

/** A well-formed body: locks released in reverse order, one section per lock. */
const block = fc.oneof(
  fc.constantFrom<Instr[]>([say('a')], [say('b')], [{ op: 'set', event: 'ev' }], [{ op: 'wait', event: 'ev' }], [{ op: 'sleep', ticks: 1 }], incr),
  fc.record({ lock: fc.constantFrom('A', 'B'), timeout: fc.option(fc.constantFrom(1, 2), { nil: undefined }), inner: fc.constantFrom<Instr[]>([], [say('c')], incr, [acq('B'), rel('B')]) }).map(({ lock, timeout, inner }) =>
    timeout === undefined ? [acq(lock), ...inner, rel(lock)] : [acq(lock, timeout), ...inner, { op: 'release-if-got', lock } as Instr],
  ),
);
const body = fc.array(block, { minLength: 1, maxLength: 2 }).map((bs) => bs.flat().slice(0, 4));
/** Small enough for the brute force to enumerate every schedule quickly. */
const smallProgram = fc.record({ bodies: fc.array(body, { minLength: 2, maxLength: 3 }), rlock: fc.boolean(), daemon: fc.option(fc.constantFrom(0, 1), { nil: undefined }) }).map(({ bodies, rlock, daemon }) =>
  program(
    bodies.length === 3 ? bodies.map((b) => b.slice(0, 3)) : bodies,
    { rlock, ...(daemon === undefined ? {} : { daemon }) },
  ),
);
const goals: Goal[] = [
  { kind: 'deadlock' },
  { kind: 'print-first', line: 'b' },
  { kind: 'acquire-false', thread: 'T2' },
  { kind: 'counter-wrong', expected: 0 },
  { kind: 'daemon-silent', thread: 'T1', line: 'a' },
];

/** Independent check: every schedule, depth first, no memo; the shortest winning length or null. */
function bruteForce(p: ChallengeProgram, goal: Goal): number | null {
  let best: number | null = null;
  const visit = (state: ChallengeState, depth: number) => {
    if (best !== null && depth >= best) return;
    const o = outcome(p, state, goal);
    if (o === 'won') {
      best = depth;
      return;
    }
    if (o === 'lost') return;
    for (const m of legalMoves(p, state)) visit(applyMove(p, state, m).state, depth + 1);
  };
  visit(initialState(p), 0);
  return best;
}

const goalFor = (p: ChallengeProgram, g: Goal): Goal => (g.kind === 'counter-wrong' ? { ...g, expected: p.threads.reduce((n, t) => n + t.body.filter((i) => i.op === 'store').length, 0) } : g);

describe('the search against brute force', () => {
  it('agrees on "impossible" and on par for random small programs, and par replays to a win', () => {
    fc.assert(
      fc.property(smallProgram, fc.constantFrom(...goals), (p, g) => {
        const goal = goalFor(p, g);
        const { par } = solve(p, goal);
        const brute = bruteForce(p, goal);
        expect(par === null ? null : par.length).toBe(brute);
        if (par) {
          const r = replay(p, goal, par);
          expect(r.status === 'ok' && r.outcome).toBe('won');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps lock invariants on every reachable state', () => {
    fc.assert(
      fc.property(smallProgram, fc.array(fc.nat(), { maxLength: 30 }), (p, picks) => {
        let state = initialState(p);
        const stores = () => p.threads.reduce((n, t) => n + t.body.slice(0, state.threads[t.name]?.pc).filter((i) => i.op === 'store').length, 0);
        for (const pick of picks) {
          const moves: Move[] = legalMoves(p, state);
          if (moves.length === 0) break;
          state = applyMove(p, state, moves[pick % moves.length] as Move).state;
          for (const l of p.locks) {
            const ls = state.locks[l.name];
            expect(ls?.owner === null).toBe(ls?.count === 0);
            if (!l.reentrant) expect(ls?.count).toBeLessThanOrEqual(1);
          }
          expect(state.counter).toBeLessThanOrEqual(stores());
        }
      }),
      { numRuns: 300 },
    );
  });
});
