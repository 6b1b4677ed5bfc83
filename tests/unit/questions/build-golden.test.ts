/**
 * Golden seeds for the build generators (pinned: a change means a generator's output for a
 * stored seed changed — bump its version instead), then hand-built scenarios whose answers
 * follow from the documented rules (loader formats and CPU fields, glibc/musl loaders,
 * glibc symbol versions, .pyc magic numbers, class-file majors).
 */
import { describe, expect, it } from 'vitest';
import { buildQuestion, questionOf } from '@/lib/questions/registry';
import { buildGenerators } from '@/lib/questions/build';
import { buildsToShipGenerator, buildsToShipV3, type BuildsToShipScenario } from '@/lib/questions/build/builds-to-ship';
import { buildMisconceptions as M } from '@/lib/questions/build/misconceptions';
import { orderFlow, orderFlowV3, orderFlowV4 } from '@/lib/questions/build/order-flow';
import { platformDependentSteps } from '@/lib/questions/build/platform-dependent-steps';
import { runsOnMachine, runsOnMachineV3, type RunsOnMachineScenario } from '@/lib/questions/build/runs-on-machine';
import { grade } from '@/lib/questions/grade';
import { classArtifact, machineBase, nativeArtifact, pycArtifact, type Machine } from '@/lib/sim/build';
import type { Generator, Question, Tier } from '@/lib/questions/types';

const GOLDEN: readonly [generator: string, version: number, tier: Tier, seed: number, answer: unknown][] = [
  ['runs-on-machine', 3, 1, 1, ['windows-x86_64-msvc']],
  ['runs-on-machine', 3, 1, 2024, ['macos-arm64', 'pyc-3.12']],
  ['runs-on-machine', 3, 2, 1, ['pyc-3.11']],
  ['runs-on-machine', 3, 2, 2024, ['pyc-3.11']],
  ['runs-on-machine', 3, 3, 1, ['linux-x86_64-musl', 'pyc-3.12']],
  ['runs-on-machine', 3, 3, 2024, ['linux-aarch64-musl']],
  ['builds-to-ship', 3, 1, 1, 3],
  ['builds-to-ship', 3, 1, 2024, 4],
  ['builds-to-ship', 3, 2, 1, 4],
  ['builds-to-ship', 3, 2, 2024, 5],
  ['builds-to-ship', 3, 3, 1, 1],
  ['builds-to-ship', 3, 3, 2024, 1],
  ['platform-dependent-steps', 2, 1, 1, ['c.binary', 'c.run', 'java.vm']],
  ['platform-dependent-steps', 2, 1, 2024, ['c.binary', 'c.run']],
  ['platform-dependent-steps', 2, 2, 1, ['c.binary', 'c.compile', 'c.run', 'java.jit']],
  ['platform-dependent-steps', 2, 2, 2024, ['c.binary', 'c.compile', 'c.run']],
  ['platform-dependent-steps', 2, 3, 1, ['c.compile', 'c.run', 'py.vm']],
  ['platform-dependent-steps', 2, 3, 2024, ['c.binary', 'c.run', 'java.vm', 'wasm.runtime']],
  ['order-flow', 3, 1, 1, ['c.source', 'c.compile', 'c.binary', 'c.run', 'output']],
  ['order-flow', 3, 1, 2024, ['c.source', 'c.compile', 'c.binary', 'c.run', 'output']],
  ['order-flow', 3, 2, 1, ['java.source', 'java.compile', 'java.class', 'java.vm', 'java.jit', 'output']],
  ['order-flow', 3, 2, 2024, ['wasm.source', 'wasm.compile', 'wasm.module', 'wasm.runtime', 'wasm.jit', 'output']],
  ['order-flow', 3, 3, 1, ['pd.source', 'pd.parse', 'pd.compile', 'pd.cache', 'pd.eval', 'pd.cpu']],
  ['order-flow', 3, 3, 2024, ['jd.source', 'jd.javac', 'jd.load', 'jd.verify', 'jd.interpret', 'jd.jit', 'jd.cpu']],
  // Version 4: the headline beliefs always give a wrong answer (issue 12 §2).
  ['runs-on-machine', 4, 1, 1, ['windows-x86_64-msvc']],
  ['runs-on-machine', 4, 3, 2024, ['linux-aarch64-musl']],
  ['builds-to-ship', 4, 1, 1, 3],
  ['builds-to-ship', 4, 2, 2024, 5],
  ['builds-to-ship', 4, 3, 1, 6],
  ['order-flow', 4, 3, 1, ['pd.source', 'pd.parse', 'pd.compile', 'pd.cache', 'pd.eval', 'pd.cpu']],
  ['order-flow', 4, 3, 2024, ['jd.source', 'jd.javac', 'jd.load', 'jd.verify', 'jd.interpret', 'jd.jit', 'jd.cpu']],
  // Version 5: only flows with a .pyc step, so "the .pyc is written after the run" is always wrong.
  ['order-flow', 5, 1, 1, ['py.source', 'py.compile', 'py.pyc', 'py.vm', 'py.run', 'output']],
  ['order-flow', 5, 2, 2024, ['pd.source', 'pd.parse', 'pd.compile', 'pd.cache', 'pd.eval', 'pd.cpu']],
  ['order-flow', 5, 3, 1, ['pi.main', 'pi.import', 'pi.find', 'pi.compile', 'pi.cache', 'pi.exec', 'pi.next', 'pi.call']],
];

function ask<S>(g: Generator, scenario: S, tier: Tier = 1): Question {
  return questionOf({ generator: g.id, version: g.version, seed: 0, tier }, scenario);
}

describe('build generators: golden seeds', () => {
  for (const [generator, version, tier, seed, answer] of GOLDEN) {
    it(`${generator}@${version} tier ${tier} seed ${seed}`, () => {
      expect(buildQuestion({ generator, version, seed, tier }).answer).toEqual(answer);
    });
  }
});

const machine = (id: string, vm: Partial<Pick<Machine, 'python' | 'java' | 'wasmtime'>> = {}): Machine => ({
  ...machineBase(id),
  python: null,
  java: null,
  wasmtime: false,
  ...vm,
});

describe('build generators: hand-worked scenarios', () => {
  it('runs-on-machine: Ubuntu x86_64 with glibc 2.39, CPython 3.12 and Java 17', () => {
    const s: RunsOnMachineScenario = {
      machine: machine('ubuntu-24.04-x86_64', { python: '3.12', java: 17 }),
      artifacts: [
        nativeArtifact('linux-x86_64-gnu', { os: 'linux', cpu: 'x86_64', abi: 'gnu' }, { glibc: [2, 34] }),
        nativeArtifact('windows-x86_64-msvc', { os: 'windows', cpu: 'x86_64', abi: 'msvc' }),
        nativeArtifact('linux-aarch64-gnu', { os: 'linux', cpu: 'aarch64', abi: 'gnu' }, { glibc: [2, 17] }),
        nativeArtifact('linux-x86_64-musl', { os: 'linux', cpu: 'x86_64', abi: 'musl' }),
        nativeArtifact('linux-x86_64-musl-static', { os: 'linux', cpu: 'x86_64', abi: 'musl' }, { linking: 'static' }),
        nativeArtifact('python3@macos-arm64', { os: 'macos', cpu: 'aarch64', abi: 'darwin' }, { vm: 'python' }),
        pycArtifact('pyc-3.11', '3.11'),
        pycArtifact('pyc-3.12', '3.12'),
        classArtifact('jar-11', 11),
        classArtifact('jar-21', 21),
      ],
    };
    const q = ask(runsOnMachine, s);
    expect(q.answer).toEqual(['jar-11', 'linux-x86_64-gnu', 'linux-x86_64-musl-static', 'pyc-3.12']);
    const tag = (id: string) => (q.response.kind === 'multi' ? q.response.options.find((o) => o.id === id)?.misconception?.id : undefined);
    expect(tag('windows-x86_64-msvc')).toBe(M.sameCpuAnyOs.id);
    expect(tag('linux-aarch64-gnu')).toBe(M.sameOsAnyCpu.id);
    expect(tag('linux-x86_64-musl')).toBe(M.libcIrrelevant.id);
    expect(tag('python3@macos-arm64')).toBe(M.vmPortable.id);
    expect(tag('pyc-3.11')).toBe(M.pycAnyPython3.id);
    expect(tag('jar-21')).toBe(M.oldJvmRunsNew.id);
  });

  it('runs-on-machine: a binary needing GLIBC_2.34 fails on Debian 11 (glibc 2.31); no VM installed → no bytecode runs', () => {
    const s: RunsOnMachineScenario = {
      machine: machine('debian-11-x86_64'),
      artifacts: [
        nativeArtifact('new-glibc', { os: 'linux', cpu: 'x86_64', abi: 'gnu' }, { glibc: [2, 34] }),
        nativeArtifact('old-glibc', { os: 'linux', cpu: 'x86_64', abi: 'gnu' }, { glibc: [2, 28] }),
        pycArtifact('pyc-3.11', '3.11'),
        { kind: 'wasm', id: 'wasm' },
      ],
    };
    const q = ask(runsOnMachine, s);
    expect(q.answer).toEqual(['old-glibc']);
    const opts = q.response.kind === 'multi' ? q.response.options : [];
    expect(opts.find((o) => o.id === 'new-glibc')?.misconception?.id).toBe(M.glibcForward.id);
    expect(opts.find((o) => o.id === 'wasm')?.misconception?.id).toBe(M.bytecodeIsMachineCode.id);
  });

  it('builds-to-ship: one native build per OS × CPU × C library; .pyc per CPython version; class files once', () => {
    const ids = ['ubuntu-24.04-x86_64', 'debian-11-x86_64', 'alpine-3.20-x86_64', 'debian-12-aarch64', 'windows-11-x64', 'macos-14-arm64'];
    const native: BuildsToShipScenario = { platforms: ids.map((id) => machine(id)), mode: 'native' };
    expect(ask(buildsToShipGenerator, native).answer).toBe(5);
    expect(ask(buildsToShipGenerator, { ...native, mode: 'vm-builds' }).answer).toBe(5);
    const pyc: BuildsToShipScenario = {
      platforms: [machine('windows-11-x64', { python: '3.11' }), machine('macos-14-arm64', { python: '3.12' }), machine('debian-12-aarch64', { python: '3.11' })],
      mode: 'pyc',
    };
    expect(ask(buildsToShipGenerator, pyc).answer).toBe(2);
    const jar: BuildsToShipScenario = {
      platforms: [machine('windows-11-x64', { java: 21 }), machine('macos-14-arm64', { java: 11 }), machine('alpine-3.20-aarch64', { java: 17 })],
      mode: 'jar',
    };
    const q = ask(buildsToShipGenerator, jar);
    expect(q.answer).toBe(1);
    expect(JSON.stringify(q.explanation.views)).toContain('javac --release 11');
  });

  it('platform-dependent-steps: bytecode and source are the same everywhere; the VM and machine code are not', () => {
    const q = ask(platformDependentSteps, {
      steps: ['c.source', 'c.binary', 'py.source', 'py.pyc', 'py.vm', 'java.class', 'java.jit'],
      platforms: [
        { os: 'linux', cpu: 'x86_64', abi: 'gnu' },
        { os: 'linux', cpu: 'aarch64', abi: 'gnu' },
      ],
      versions: { python: '3.12', java: 21 },
    });
    expect(q.answer).toEqual(['c.binary', 'java.jit', 'py.vm']);
    const opts = q.response.kind === 'multi' ? q.response.options : [];
    expect(opts.find((o) => o.id === 'py.pyc')?.misconception?.id).toBe(M.bytecodeIsMachineCode.id);
    expect(opts.find((o) => o.id === 'c.source')?.misconception?.id).toBe(M.sourcePerPlatform.id);
  });

  it('order-flow: the seed notes’ two flows, graded', () => {
    const q = ask(orderFlow, { flow: 'python', shown: ['py.vm', 'py.source', 'output', 'py.pyc', 'py.run', 'py.compile'], target: { os: 'linux', cpu: 'x86_64', abi: 'gnu' }, versions: { python: '3.11', java: 17 } });
    expect(q.answer).toEqual(['py.source', 'py.compile', 'py.pyc', 'py.vm', 'py.run', 'output']);
    expect(grade(q.response, q.answer, q.answer)).toMatchObject({ correct: true });
    expect(grade(q.response, q.answer, ['py.source', 'py.pyc', 'py.compile', 'py.vm', 'py.run', 'output'])).toMatchObject({ correct: false });
  });
});

describe('order-flow v5: a script importing a module', () => {
  const q = ask(
    orderFlow,
    { flow: 'python-import', shown: ['pi.exec', 'pi.main', 'pi.call', 'pi.next', 'pi.cache', 'pi.find', 'pi.import', 'pi.compile'], target: { os: 'linux', cpu: 'x86_64', abi: 'gnu' }, versions: { python: '3.11', java: 17 } },
    3,
  );

  it('helper’s .pyc is written before its code runs, all while main waits at its import; the script gets no .pyc', () => {
    expect(orderFlow.version).toBe(5);
    expect(q.answer).toEqual(['pi.main', 'pi.import', 'pi.find', 'pi.compile', 'pi.cache', 'pi.exec', 'pi.next', 'pi.call']);
    const rows = q.explanation.views[0]?.kind === 'table' ? q.explanation.views[0].rows : [];
    expect(JSON.stringify(rows)).toContain('__pycache__/helper.cpython-311.pyc, magic 3495');
    expect(JSON.stringify(rows)).toContain('no .pyc for the script');
    expect(q.explanation.summary[0]?.en).toContain('before it executes the code object');
  });

  it('the .pyc after helper’s code, or helper’s code put off until helper.greet(), is wrong and names its belief; another wrong order names nothing', () => {
    const pycLate = ['pi.main', 'pi.import', 'pi.find', 'pi.compile', 'pi.exec', 'pi.cache', 'pi.next', 'pi.call'];
    expect(grade(q.response, q.answer, pycLate)).toMatchObject({ correct: false, misconceptions: [M.pycAfterRun] });
    const lazy = ['pi.main', 'pi.import', 'pi.find', 'pi.compile', 'pi.cache', 'pi.next', 'pi.exec', 'pi.call'];
    expect(grade(q.response, q.answer, lazy)).toMatchObject({ correct: false, misconceptions: [M.importRunsLater] });
    const other = ['pi.import', 'pi.main', 'pi.find', 'pi.compile', 'pi.cache', 'pi.exec', 'pi.next', 'pi.call'];
    expect(grade(q.response, q.answer, other)).toMatchObject({ status: 'graded', correct: false, misconceptions: [] });
  });
});

describe('build generators: issue 12 §2 seeds, fixed in version 2 (version 1 kept as it was)', () => {
  const v = (generator: string, version: number, seed: number, tier: Tier) => buildQuestion({ generator, version, seed, tier });

  it('builds-to-ship t2 seed 224002618: v2 ships one Java version to machines without Java', () => {
    const old = v('builds-to-ship', 1, 224002618, 2);
    expect(JSON.stringify(old.prompt)).toContain('Java runtime');
    const q = v('builds-to-ship', 2, 224002618, 2);
    const prompt = JSON.stringify(q.prompt);
    expect(prompt).toContain('None of them has Java installed');
    expect(prompt).not.toMatch(/Java (11|17)\b/);
    // One build per OS × CPU × C library of the shipped runtime: the table's targets.
    const targets = new Set(JSON.stringify(q.explanation.views).match(/(linux|macos|windows)-[a-z0-9_]+(-[a-z]+)?/g));
    expect(q.answer).toBe(targets.size);
  });

  it('order-flow t3 seed 684093997: in v2 hello.s depends on the OS (Linux vs macOS on arm64)', () => {
    const rows = (version: number) => {
      const view = v('order-flow', version, 684093997, 3).explanation.views[0];
      return view?.kind === 'table' ? view.rows : [];
    };
    const asm = (version: number) => rows(version).find((r) => JSON.stringify(r).includes('hello.s:'));
    expect(JSON.stringify(asm(1))).toContain('"no"');
    const row = JSON.stringify(asm(2));
    expect(row).toContain('Apple arm64 ABI');
    expect(row).toContain('_main');
    expect(row).toContain('"yes"');
  });

  it('runs-on-machine t1 seed 782360231: v2 tags on an arm64 machine never talk about x86_64 OSes', () => {
    const texts = (version: number) => {
      const q = v('runs-on-machine', version, 782360231, 1);
      return q.response.kind === 'multi' ? q.response.options.map((o) => o.misconception?.text.en ?? '') : [];
    };
    expect(texts(1).some((t) => t.includes('any x86_64 OS'))).toBe(true);
    const linuxArm = texts(2).find((t) => t.startsWith('A Linux aarch64 binary runs on macOS'));
    expect(linuxArm).toBeDefined();
    expect(texts(2).join(' ')).not.toContain('any x86_64 OS');
  });
});

describe('build questions say what is not checkable here (issue 12 §1)', () => {
  const latest = [runsOnMachine, buildsToShipGenerator, platformDependentSteps, orderFlow, runsOnMachineV3, buildsToShipV3, orderFlowV3, orderFlowV4];
  it.each(latest.map((g) => [g.id, g.version] as const))('%s@%i states what the real tools check and what they cannot', (generator, version) => {
    for (const tier of [1, 2, 3] as const) {
      const q = buildQuestion({ generator, version, seed: 7, tier });
      const stated = (q.assumptions ?? []).map((a) => a.en).join(' ');
      expect(stated).toContain('Not checkable there');
      expect(stated).toContain('macOS (Mach-O)');
      expect((q.assumptions ?? []).every((a) => a.ko.length > 0)).toBe(true);
    }
  });

  it('older versions keep their wording (stored refs render as before)', () => {
    for (const g of buildGenerators.filter((x) => !latest.includes(x))) {
      const q = buildQuestion({ generator: g.id, version: g.version, seed: 7, tier: 1 });
      expect((q.assumptions ?? []).map((a) => a.en).join(' ')).not.toContain('Not checkable there');
    }
  });
});
