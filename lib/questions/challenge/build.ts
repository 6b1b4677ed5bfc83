/**
 * Random challenge programs by tier: tier 1 is two threads and plain Locks; tier 2 adds
 * RLock, an Event and a third thread; tier 3 adds timed acquires, sleeps and up to four
 * threads. Every body is well formed: a section releases what it acquired, in reverse order.
 */
import type { ChallengeLock, ChallengeProgram, ChallengeThread, GoalKind, Instr } from '@/lib/sim/challenge';
import type { Rng } from '@/lib/sim/rng';
import type { Tier } from '../types';

interface Features {
  readonly threads: readonly [number, number];
  readonly rlock: boolean;
  readonly events: boolean;
  readonly timeouts: boolean;
  readonly sleeps: boolean;
}

const FEATURES: Record<Tier, Features> = {
  1: { threads: [2, 2], rlock: false, events: false, timeouts: false, sleeps: false },
  2: { threads: [2, 3], rlock: true, events: true, timeouts: false, sleeps: false },
  3: { threads: [3, 3], rlock: true, events: true, timeouts: true, sleeps: true },
};

/** Longest body in steps: keeps the state space small enough to search exhaustively in a few ms. */
const MAX_STEPS = 7;
const WORDS = ['start', 'working', 'in section', 'done'];
const INCREMENT: Instr[] = [{ op: 'load' }, { op: 'add' }, { op: 'store' }];

class BodyBuilder {
  private words = 0;
  constructor(
    private readonly rng: Rng,
    private readonly name: string,
    private readonly f: Features,
    private readonly locks: readonly ChallengeLock[],
    private readonly events: readonly string[],
  ) {}

  get lockNames(): string[] {
    return this.locks.map((l) => l.name);
  }

  say(): Instr {
    const word = WORDS[Math.min(this.words++, WORDS.length - 1)] as string;
    return { op: 'print', text: `${this.name}: ${word}${this.words > WORDS.length ? ` ${this.words}` : ''}` };
  }

  /** A lock section: acquire (maybe timed), something inside (maybe a nested section), release. */
  section(inner: Instr[], timed = false, depth = 0): Instr[] {
    const lock = this.rng.pick(this.locks).name;
    const timeout = timed ? this.rng.int(1, 2) : undefined;
    const acquire: Instr = timeout === undefined ? { op: 'acquire', lock } : { op: 'acquire', lock, timeout };
    const release: Instr = timeout === undefined ? { op: 'release', lock } : { op: 'release-if-got', lock };
    const nested = depth === 0 && !timed && this.rng.bool(0.6) ? this.section([], this.f.timeouts && this.rng.bool(0.3), 1) : [];
    return [acquire, ...nested, ...inner, release];
  }

  block(): Instr[] {
    const options: (() => Instr[])[] = [() => [this.say()], () => this.section(this.rng.bool(0.5) ? [this.say()] : [])];
    if (this.f.events) options.push(() => [{ op: this.rng.bool() ? 'set' : 'wait', event: this.rng.pick(this.events) }]);
    if (this.f.sleeps) options.push(() => [{ op: 'sleep', ticks: this.rng.int(1, 2) }]);
    if (this.f.timeouts) options.push(() => this.section([this.say()], true));
    return this.rng.pick(options)();
  }
}

/**
 * A thread's body, built from whole units (a statement, a lock section, one `counter += 1`)
 * so that a unit added later never lands inside another one.
 */
function bodyFor(b: BodyBuilder, rng: Rng, kind: GoalKind, role: { timed: boolean; daemon: boolean; increments: number }): Instr[] {
  const units: Instr[][] = [];
  // A lost update needs every thread to run to its end: fewer other statements keep the search small.
  const blocks = kind === 'counter-wrong' ? rng.int(0, 1) : rng.int(1, 3);
  for (let i = 0; i < blocks; i++) units.push(b.block());
  if (role.timed) units.splice(rng.int(0, units.length), 0, b.section(rng.bool() ? [b.say()] : [], true));
  for (let i = 0; i < role.increments; i++) {
    const lock = rng.pick(b.lockNames);
    units.splice(rng.int(0, units.length), 0, rng.bool(0.5) ? [{ op: 'acquire', lock }, ...INCREMENT, { op: 'release', lock }] : INCREMENT);
  }
  if (role.daemon) {
    units.unshift([b.say()]);
    units.push([b.say()]);
  }
  return units.flat();
}

/** A random program for a goal kind and tier, or null when it came out too long or malformed (the caller tries again). */
export function randomProgram(rng: Rng, tier: Tier, kind: GoalKind): ChallengeProgram | null {
  const f = FEATURES[tier];
  const n = rng.int(f.threads[0], f.threads[1]);
  const lockCount = tier === 1 ? rng.int(1, 2) : 2;
  const locks: ChallengeLock[] = ['A', 'B'].slice(0, lockCount).map((name) => ({ name, reentrant: f.rlock && rng.bool(0.4) }));
  const events = f.events ? ['ev'] : [];
  const names = Array.from({ length: n }, (_, i) => `T${i + 1}`);
  const timedThread = kind === 'acquire-false' ? rng.pick(names.slice(1)) : null;
  const threads: ChallengeThread[] = names.map((name, i) => {
    // A timed acquire cannot deadlock: deadlock and lost-update challenges leave them out.
    const b = new BodyBuilder(rng, name, { ...f, timeouts: f.timeouts && kind !== 'counter-wrong' && kind !== 'deadlock' }, locks, events);
    const daemon = kind === 'daemon-silent' && i === 0;
    const increments = kind === 'counter-wrong' ? 1 : 0;
    return { name, daemon, body: bodyFor(b, rng, kind, { timed: name === timedThread, daemon, increments }) };
  });
  if (threads.some((t) => t.body.length > MAX_STEPS + (kind === 'counter-wrong' ? 3 : 0))) return null;
  // Every event waited for is set by some other thread; an unused event is left out.
  const usedEvents = events.filter((e) => threads.some((t) => t.body.some((i) => (i.op === 'set' || i.op === 'wait') && i.event === e)));
  for (const e of usedEvents) {
    for (const t of threads) {
      const waits = t.body.some((i) => i.op === 'wait' && i.event === e);
      if (waits && !threads.some((o) => o !== t && o.body.some((i) => i.op === 'set' && i.event === e))) return null;
    }
  }
  const usedLocks = locks.filter((l) => threads.some((t) => t.body.some((i) => 'lock' in i && i.lock === l.name)));
  return { threads, locks: usedLocks, events: usedEvents, counter: kind === 'counter-wrong' };
}
