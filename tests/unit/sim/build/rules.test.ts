/**
 * Properties of the build simulator's rules over every machine, target, VM version and
 * platform set fast-check draws: what runs where, how many builds ship, and which flow steps
 * depend on the platform.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FLOWS,
  JAVA_VERSIONS,
  MACHINES,
  PY_VERSIONS,
  buildsToShip,
  classArtifact,
  compareFlow,
  nativeArtifact,
  nativeTarget,
  pycArtifact,
  runsOn,
  targetId,
  type GlibcVersion,
  type Machine,
  type Target,
} from '@/lib/sim/build';

const machineArb: fc.Arbitrary<Machine> = fc.record({
  base: fc.constantFrom(...MACHINES),
  python: fc.option(fc.constantFrom(...PY_VERSIONS), { nil: null }),
  java: fc.option(fc.constantFrom(...JAVA_VERSIONS), { nil: null }),
  wasmtime: fc.boolean(),
}).map(({ base, ...vm }) => ({ ...base, ...vm }));

const targetArb: fc.Arbitrary<Target> = fc.oneof(
  fc.record({ os: fc.constant('linux' as const), cpu: fc.constantFrom('x86_64' as const, 'aarch64' as const), abi: fc.constantFrom('gnu' as const, 'musl' as const) }),
  fc.record({ os: fc.constant('windows' as const), cpu: fc.constantFrom('x86_64' as const, 'aarch64' as const), abi: fc.constant('msvc' as const) }),
  fc.record({ os: fc.constant('macos' as const), cpu: fc.constantFrom('x86_64' as const, 'aarch64' as const), abi: fc.constant('darwin' as const) }),
);

const glibcArb: fc.Arbitrary<GlibcVersion> = fc.tuple(fc.constant(2), fc.integer({ min: 17, max: 39 }));

describe('what runs where', () => {
  it('a native file runs only on its own OS and CPU', () => {
    fc.assert(
      fc.property(machineArb, targetArb, glibcArb, fc.constantFrom('dynamic' as const, 'static' as const), (m, t, glibc, linking) => {
        const v = runsOn(nativeArtifact('x', t, { glibc, linking }), m);
        if (v.runs) {
          expect(t.os).toBe(m.os);
          expect(t.cpu).toBe(m.cpu);
        }
        if (t.os !== m.os || t.cpu !== m.cpu) expect(v.runs).toBe(false);
        expect(v.checks.at(-1)?.ok).toBe(v.runs);
      }),
    );
  });

  it('a build for the machine’s own target runs (glibc no newer than the system’s); a static Linux build runs on any libc', () => {
    fc.assert(
      fc.property(machineArb, (m) => {
        const t = nativeTarget(m);
        const need: GlibcVersion = m.libc?.kind === 'glibc' ? m.libc.version : [2, 17];
        expect(runsOn(nativeArtifact('own', t, { glibc: need }), m).runs).toBe(true);
        if (m.os === 'linux') expect(runsOn(nativeArtifact('static', { ...t, abi: 'musl' }, { linking: 'static' }), m).runs).toBe(true);
      }),
    );
  });

  it('glibc is backward compatible only', () => {
    fc.assert(
      fc.property(glibcArb, glibcArb, (built, system) => {
        const m: Machine = { ...(MACHINES[0] as Machine), libc: { kind: 'glibc', version: system }, python: null, java: null, wasmtime: false };
        const runs = runsOn(nativeArtifact('x', { os: m.os, cpu: m.cpu, abi: 'gnu' }, { glibc: built }), m).runs;
        expect(runs).toBe(built[1] <= system[1]);
      }),
    );
  });

  it('a sourceless .pyc runs exactly on its own CPython minor version, on any OS or CPU', () => {
    fc.assert(
      fc.property(machineArb, fc.constantFrom(...PY_VERSIONS), (m, v) => {
        expect(runsOn(pycArtifact('p', v), m).runs).toBe(m.python === v);
      }),
    );
  });

  it('class files run on their own Java version and every newer one', () => {
    fc.assert(
      fc.property(machineArb, fc.constantFrom(...JAVA_VERSIONS), (m, j) => {
        const runs = runsOn(classArtifact('c', j), m).runs;
        expect(runs).toBe(m.java !== null && m.java >= j);
      }),
    );
  });
});

describe('builds to ship', () => {
  it('native: one build per target triple, never fewer than the OSes or CPUs involved', () => {
    fc.assert(
      fc.property(fc.array(machineArb, { minLength: 1, maxLength: 8 }), (ms) => {
        const n = buildsToShip(ms, 'native').length;
        expect(n).toBe(new Set(ms.map((m) => targetId(nativeTarget(m)))).size);
        expect(n).toBeGreaterThanOrEqual(new Set(ms.map((m) => m.os)).size);
        expect(n).toBeGreaterThanOrEqual(new Set(ms.map((m) => m.cpu)).size);
        expect(n).toBeLessThanOrEqual(ms.length);
        expect(buildsToShip(ms, 'vm-builds').length).toBe(n);
      }),
    );
  });

  it('bytecode: one .pyc build per CPython version; class files once for the oldest JVM', () => {
    fc.assert(
      fc.property(fc.array(machineArb, { minLength: 1, maxLength: 8 }), (ms) => {
        expect(buildsToShip(ms, 'pyc').length).toBe(new Set(ms.map((m) => m.python).filter((v) => v !== null)).size);
        const javas = ms.map((m) => m.java).filter((j) => j !== null);
        const jar = buildsToShip(ms, 'jar');
        expect(jar.length).toBe(javas.length > 0 ? 1 : 0);
        if (jar[0]) {
          const j = Number(jar[0].key.split(' ').pop());
          for (const m of ms) if (m.java !== null) expect(runsOn(classArtifact('c', j as 8 | 11 | 17 | 21), m).runs).toBe(true);
        }
      }),
    );
  });
});

describe('flows', () => {
  it('source and bytecode never depend on the platform; VMs and executables do whenever the targets differ, JIT output whenever the CPUs do', () => {
    fc.assert(
      fc.property(fc.array(targetArb, { minLength: 2, maxLength: 4 }), fc.constantFrom(...PY_VERSIONS), fc.constantFrom(...JAVA_VERSIONS), (ts, python, java) => {
        const distinct = new Set(ts.map(targetId)).size > 1;
        const cpus = new Set(ts.map((t) => t.cpu)).size > 1;
        for (const steps of Object.values(FLOWS)) {
          for (const c of compareFlow(steps, ts, { python, java })) {
            const id = c.id;
            if (/\.source$|^py\.pyc$|^java\.class$|^wasm\.module$|^wasm\.compile$|^output$/.test(id)) expect(c.platformDependent, id).toBe(false);
            if (/^(c\.binary|c\.run|py\.vm|java\.vm|wasm\.runtime|cd\.link)$/.test(id)) expect(c.platformDependent, id).toBe(distinct);
            // JIT output and the CPU step are about the instruction set only.
            if (/^(java\.jit|wasm\.jit|jd\.jit|cd\.cpu)$/.test(id)) expect(c.platformDependent, id).toBe(cpus);
          }
        }
      }),
    );
  });
});
