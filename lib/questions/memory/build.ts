/**
 * Building random copy-on-write scenarios: an operation list grown step by step against
 * the simulator's state, so every operation is valid (live process, mapped page) when added.
 */
import type { Rng } from '@/lib/sim/rng';
import { mappingAt, processOf, simulate, step, initialMemoryState, type MemoryTrace } from '@/lib/sim/memory/machine';
import { ZERO_FRAME, type MemoryOp, type MemoryState, type ProcessId, type StepEvent } from '@/lib/sim/memory/types';
import { defineGenerator, type Generated, type Generator, type Localized, type QuestionBody, type Tier } from '../types';
import { inHamnida } from '../kit';
import { PRIVATE_BASE, SHARED_BASE, type MemoryVersion } from './common';

/** What one copy-on-write generator is, apart from its version (topic cow, tiers 1–3). */
export interface CowGenerator<S extends { readonly ops: readonly MemoryOp[] }> {
  readonly id: string;
  readonly title: Localized;
  /** The scenario as `version` draws it, and the Linux run of its steps the builder took. */
  generate(rng: Rng, tier: Tier, version: MemoryVersion): Generated<S, MemoryTrace>;
  /** The question shown as `version` shows it (display edition, kernel wording). */
  question(scenario: S, trace: MemoryTrace, version: MemoryVersion): QuestionBody;
  /** The C program's source. */
  program(scenario: S): string;
  /** The step (1-based) after which the question asks about the memory, if it asks about one. */
  askedStep?(scenario: S): number;
}

/**
 * A copy-on-write generator at one version. Its analysis is the Linux run of the
 * scenario's steps: `generate` hands on the builder's, `analyze` simulates the steps again.
 * `registered` is the registry's version number when a generator's own fix made a later
 * version shown as `version` shows it (both-write 3 is shown as memory version 2).
 */
export function cowGenerator<S extends { readonly ops: readonly MemoryOp[] }>(version: MemoryVersion, g: CowGenerator<S>, registered: number = version): Generator {
  const asked = g.askedStep;
  return defineGenerator<S, MemoryTrace>({
    id: g.id,
    version: registered,
    domain: 'memory',
    topic: 'cow',
    title: version >= 3 ? inHamnida(g.title) : g.title,
    tiers: [1, 2, 3],
    generate: (rng, tier) => g.generate(rng, tier, version),
    analyze: (s) => simulate(s.ops),
    question: (s, trace) => (version >= 3 ? inHamnida(g.question(s, trace, version)) : g.question(s, trace, version)),
    program: (s) => ({ language: 'c', source: g.program(s) }),
    // the memory view's snapshot k-1 is the state after step k
    ...(asked ? { askedStep: (s: S) => asked(s) - 1 } : {}),
  });
}

export class ScenarioBuilder {
  readonly ops: MemoryOp[] = [];
  /** What each added step did (index k-1 for step k): lets scenarios look at outcomes without re-simulating. */
  readonly events: StepEvent[] = [];
  /** The state after each added step (index k-1 for step k). */
  readonly states: MemoryState[] = [];
  private readonly initial: MemoryState = initialMemoryState();
  state: MemoryState = this.initial;
  private letter = 0;

  /** The next value to write: 'A', 'B', … in order. */
  nextValue(): string {
    const v = String.fromCharCode(65 + (this.letter % 26));
    this.letter++;
    return v;
  }

  add(op: MemoryOp): this {
    const r = step(this.state, op);
    this.state = r.state;
    this.events.push(r.event);
    this.states.push(r.state);
    this.ops.push(op);
    return this;
  }

  mapPrivate(pages: number): this {
    return this.add({ kind: 'map', pid: 'parent', name: 'p', base: PRIVATE_BASE, pages, shared: false });
  }

  mapShared(pages: number): this {
    return this.add({ kind: 'map', pid: 'parent', name: 's', base: SHARED_BASE, pages, shared: true });
  }

  write(pid: ProcessId, vpage: number, value = this.nextValue()): this {
    return this.add({ kind: 'write', pid, vpage, value });
  }

  read(pid: ProcessId, vpage: number): this {
    return this.add({ kind: 'read', pid, vpage });
  }

  fork(pid: ProcessId, child: ProcessId): this {
    return this.add({ kind: 'fork', pid, child });
  }

  exit(pid: ProcessId): this {
    return this.add({ kind: 'exit', pid });
  }

  exec(pid: ProcessId): this {
    return this.add({ kind: 'exec', pid });
  }

  munmap(pid: ProcessId, vpage: number): this {
    return this.add({ kind: 'munmap', pid, vpage, pages: 1 });
  }

  /** Processes that are running and still have their address space (not exec'd). */
  active(): ProcessId[] {
    return this.state.processes.filter((p) => p.status === 'running' && !p.execed).map((p) => p.pid);
  }

  /** Mapped pages of `pid` in the private region (munmapped ones excluded). */
  privatePages(pid: ProcessId): number[] {
    const p = processOf(this.state, pid);
    if (!p) return [];
    const out: number[] = [];
    for (const m of p.mappings) {
      if (m.kind !== 'private') continue;
      for (let v = m.base; v < m.base + m.pages; v++) if (mappingAt(p, v)) out.push(v);
    }
    return out;
  }

  /** The private pages of `pid` whose entry is write-protected copy-on-write over a real frame. */
  cowPages(pid: ProcessId): number[] {
    const p = processOf(this.state, pid);
    if (!p) return [];
    return this.privatePages(pid).filter((v) => {
      const pte = p.ptes.get(v);
      return pte !== undefined && !pte.writable && pte.frame !== ZERO_FRAME;
    });
  }

  /** The operations added so far (a copy). */
  build(): MemoryOp[] {
    return [...this.ops];
  }

  /** The Linux run of the operations added so far, as `simulate` would give it: the builder already took every step. */
  trace(): MemoryTrace {
    const entries = this.states.map((state, k) => ({ step: k + 1, event: this.events[k] as StepEvent, state }));
    return { initial: this.initial, entries, final: this.state };
  }
}

export interface ActionMix {
  /** Relative weights of the action kinds. */
  readonly write: number;
  readonly read: number;
  readonly exit?: number;
  readonly exec?: number;
  readonly munmap?: number;
}

/**
 * Appends `count` random actions by running processes: writes (biased towards
 * copy-on-write pages so the interesting cases come up), reads, and at most one each of
 * exit, exec and munmap. The root process is kept alive unless `allowRootExit`.
 */
export function randomActions(
  rng: Rng,
  b: ScenarioBuilder,
  count: number,
  mix: ActionMix,
  allowRootExit = false,
): void {
  const used = new Set<string>();
  let guard = 0;
  for (let i = 0; i < count && guard++ < count * 10; i++) {
    const procs = b.active();
    if (procs.length === 0) return;
    const kinds: string[] = [];
    for (const [k, w] of [
      ['write', mix.write],
      ['read', mix.read],
      ['exit', used.has('exit') ? 0 : mix.exit],
      ['exec', used.has('exec') ? 0 : mix.exec],
      ['munmap', used.has('munmap') ? 0 : mix.munmap],
    ] as const) {
      for (let j = 0; j < (w ?? 0); j++) kinds.push(k);
    }
    const kind = rng.pick(kinds);
    if (kind === 'exit' || kind === 'exec') {
      const candidates = procs.filter((p) => allowRootExit || p !== 'parent');
      if (candidates.length === 0 || procs.length < 2) {
        i--;
        used.add(kind);
        continue;
      }
      const pid = rng.pick(candidates);
      if (kind === 'exit') b.exit(pid);
      else b.exec(pid);
      used.add(kind);
      continue;
    }
    const pid = rng.pick(procs);
    const pages = b.privatePages(pid);
    if (pages.length === 0) {
      i--;
      used.add('munmap');
      continue;
    }
    if (kind === 'munmap') {
      b.munmap(pid, rng.pick(pages));
      used.add('munmap');
    } else if (kind === 'write') {
      const cow = b.cowPages(pid);
      b.write(pid, cow.length > 0 && rng.bool(0.7) ? rng.pick(cow) : rng.pick(pages));
    } else {
      b.read(pid, rng.pick(pages));
    }
  }
}
