/** "How many builds ship this program to these machines — natively, or as bytecode?" */
import type { Rng } from '@/lib/sim/rng';
import {
  JAVA_VERSIONS,
  MACHINES,
  PY_VERSIONS,
  buildsToShip,
  glibcText,
  machineBase,
  nativeTarget,
  osName,
  targetId,
  type Machine,
  type ShipGroup,
  type ShipMode,
} from '@/lib/sim/build';
import { inHamnidaGenerator, L } from '../kit';
import { defineGenerator, type Diagnosis, type Generated, type Localized, type Misconception, type PromptBlock, type TableView, type Tier } from '../types';
import { CHECKED_HERE, NATIVE_ONLY, searchAnalyzed } from './common';
import { machineName } from './explain';
import { buildMisconceptions as M } from './misconceptions';

export interface BuildsToShipScenario {
  readonly platforms: readonly Machine[];
  readonly mode: ShipMode;
  /** Version 4 `vm-builds`: the runtime shipped with the bytecode (version 2–3: always Java). */
  readonly runtime?: ShippedRuntime;
}

/** The runtime a version-4 `vm-builds` question ships with the app: Java 21 with app.jar, or CPython 3.12 with sourceless .pyc files. */
export type ShippedRuntime = 'java' | 'python';

/** What the search worked out: the builds that ship the program, with the machines each serves. */
export interface BuildsToShipAnalysis {
  readonly groups: readonly ShipGroup[];
}

function analyze(s: BuildsToShipScenario): BuildsToShipAnalysis {
  return { groups: buildsToShip(s.platforms, s.mode) };
}

const BASIC = ['ubuntu-24.04-x86_64', 'debian-11-x86_64', 'debian-12-aarch64', 'windows-11-x64', 'macos-14-arm64', 'macos-13-x86_64'];

function platformsOf(rng: Rng, ids: readonly string[], n: number, vm: (rng: Rng) => Pick<Machine, 'python' | 'java'>): Machine[] {
  return rng.sample(ids, n).map((id) => ({ ...machineBase(id), ...vm(rng), wasmtime: false }));
}

/**
 * Version 1 gave every machine of a `vm-builds` question a Java runtime (11, 17 or 21) and then
 * asked how many builds of "the JVM" ship the jar: the table said Java was already there, and
 * Java 17 and Java 21 are different JVM builds (issue 12 §2). Version 2 ships one named Java
 * version with the app to machines that have none.
 */
type Version = 1 | 2 | 3 | 4;
const SHIPPED_JAVA = 21;
const SHIPPED_PYTHON = '3.12';

/** Distinct values of `key` over the platforms: how many builds a belief that only tells platforms apart by `key` counts. */
function distinctBy(platforms: readonly Machine[], key: (t: ReturnType<typeof nativeTarget>) => string): number {
  return new Set(platforms.map((m) => key(nativeTarget(m)))).size;
}

/**
 * Models of the beliefs about native builds, each the number of builds it counts for these
 * machines. "An executable for an OS runs on that OS on any CPU" (`sameOsAnyCpu`, the
 * headline): one build per OS and C library, CPUs merged. "Machine code for a CPU runs under
 * every OS on that CPU" (`sameCpuAnyOs`): one build per CPU. "Any Linux binary for the CPU runs
 * on any distribution" (`libcIrrelevant`): one build per OS and CPU, glibc and musl merged. "The
 * VM itself is portable" (`vmPortable`, only when a runtime is shipped): one build.
 */
export const nativeBeliefModels = {
  perOs: (platforms: readonly Machine[]) => distinctBy(platforms, (t) => `${t.os}-${t.abi}`),
  perCpu: (platforms: readonly Machine[]) => distinctBy(platforms, (t) => t.cpu),
  libcMerged: (platforms: readonly Machine[]) => distinctBy(platforms, (t) => `${t.os}-${t.cpu}`),
  portableVm: () => 1,
} as const;

/** The wrong counts the beliefs' models give for a version-4 scenario (a count equal to the answer diagnoses nothing). */
export function buildsToShipDiagnoses(s: BuildsToShipScenario, answer: number): Diagnosis<number>[] {
  const models: [number, Misconception][] = [
    [nativeBeliefModels.perOs(s.platforms), M.sameOsAnyCpu],
    [nativeBeliefModels.perCpu(s.platforms), M.sameCpuAnyOs],
    [nativeBeliefModels.libcMerged(s.platforms), M.libcIrrelevant],
    ...(s.mode === 'vm-builds' ? [[nativeBeliefModels.portableVm(), M.vmPortable] as [number, Misconception]] : []),
  ];
  return models.filter(([value]) => value !== answer).map(([value, misconception]) => ({ value, misconception }));
}

/** What counting by each belief's model overlooks, said in the explanation (version 4). */
const BELIEF_COUNT: Readonly<Record<string, (count: number) => Localized>> = {
  [M.sameOsAnyCpu.id]: (c) => L(`One build per OS and C library (${c}) assumes an executable runs on any CPU.`, `OS와 C 라이브러리마다 하나(${c})로 세면 실행 파일이 어떤 CPU에서든 돈다고 본 것입니다.`),
  [M.sameCpuAnyOs.id]: (c) => L(`One per CPU (${c}) assumes it runs under any OS.`, `CPU마다 하나(${c})로 세면 실행 파일이 어떤 OS에서든 돈다고 본 것입니다.`),
  [M.libcIrrelevant.id]: (c) => L(`One per OS and CPU (${c}) assumes glibc and musl builds are interchangeable.`, `OS와 CPU마다 하나(${c})로 세면 glibc 빌드와 musl 빌드를 바꿔 써도 된다고 본 것입니다.`),
  [M.vmPortable.id]: (c) => L(`A single build (${c}) assumes the runtime itself runs everywhere, like the bytecode.`, `빌드 하나(${c})로 세면 런타임 자체도 바이트코드처럼 어디서나 돈다고 본 것입니다.`),
};

/**
 * Version 4 asks only about native builds (a C program, or the Java or CPython runtime shipped
 * with the bytecode), every one with some OS present on two CPUs, so the headline belief (one
 * build per OS) always counts too few. Version 1–3's tier 3 (.pyc and class-file builds) is
 * dropped: no belief about native builds is wrong there.
 */
function buildV4(rng: Rng, tier: Tier): Generated<BuildsToShipScenario, BuildsToShipAnalysis> | null {
  const mode: ShipMode = tier === 1 || (tier === 2 && rng.bool(0.6)) ? 'native' : 'vm-builds';
  const runtime: ShippedRuntime | undefined = mode === 'vm-builds' ? (rng.bool(0.5) ? 'java' : 'python') : undefined;
  const n = tier === 1 ? rng.int(3, 5) : tier === 2 ? rng.int(4, 6) : rng.int(5, 7);
  const platforms = platformsOf(rng, tier === 1 ? BASIC : MACHINES.map((m) => m.id), n, () => ({ python: null, java: null }));
  const groups = buildsToShip(platforms, mode);
  const count = groups.length;
  if (nativeBeliefModels.perOs(platforms) === count) return null;
  if (tier >= 2 && count === platforms.length) return null;
  return { scenario: { platforms, mode, ...(runtime ? { runtime } : {}) }, analysis: { groups } };
}

function build(rng: Rng, tier: Tier, version: Version): Generated<BuildsToShipScenario, BuildsToShipAnalysis> | null {
  const n = tier === 1 ? rng.int(3, 5) : rng.int(4, 6);
  if (tier === 1) {
    const platforms = platformsOf(rng, BASIC, n, () => ({ python: null, java: null }));
    const groups = buildsToShip(platforms, 'native');
    return groups.length >= 2 ? { scenario: { platforms, mode: 'native' }, analysis: { groups } } : null;
  }
  if (tier === 2) {
    const mode: ShipMode = rng.bool(0.6) ? 'native' : 'vm-builds';
    const platforms = platformsOf(rng, MACHINES.map((m) => m.id), n, (r) => ({ python: null, java: mode === 'vm-builds' && version === 1 ? r.pick(JAVA_VERSIONS.slice(1)) : null }));
    const groups = buildsToShip(platforms, mode);
    const count = groups.length;
    // Interesting only when some machines share a build and the answer is not just "one per OS".
    const oses = new Set(platforms.map((p) => p.os)).size;
    return count >= 2 && count < platforms.length && (count !== oses || rng.bool(0.3)) ? { scenario: { platforms, mode }, analysis: { groups } } : null;
  }
  const mode: ShipMode = rng.bool(0.65) ? 'pyc' : 'jar';
  const versions = PY_VERSIONS.slice(2);
  const platforms = platformsOf(rng, MACHINES.map((m) => m.id), n, (r) => (mode === 'pyc' ? { python: r.pick(versions), java: null } : { python: null, java: r.pick(JAVA_VERSIONS.slice(1)) }));
  const groups = buildsToShip(platforms, mode);
  const count = groups.length;
  if (mode === 'pyc' && (count < 2 || count === platforms.length)) return null;
  if (mode === 'jar' && new Set(platforms.map((p) => p.java)).size < 2) return null;
  return { scenario: { platforms, mode }, analysis: { groups } };
}

function fallback(tier: Tier, version: Version): BuildsToShipScenario {
  if (version >= 4) {
    const ids = ['ubuntu-24.04-x86_64', 'debian-12-aarch64', 'windows-11-x64', 'macos-14-arm64', 'macos-13-x86_64'];
    return { platforms: ids.map((id) => ({ ...machineBase(id), python: null, java: null, wasmtime: false })), mode: tier === 3 ? 'vm-builds' : 'native', ...(tier === 3 ? { runtime: 'java' as const } : {}) };
  }
  const ids = ['ubuntu-24.04-x86_64', 'debian-11-x86_64', 'windows-11-x64', 'macos-14-arm64'];
  return { platforms: ids.map((id) => ({ ...machineBase(id), python: tier === 3 ? '3.12' : null, java: null, wasmtime: false })), mode: tier === 3 ? 'pyc' : 'native' };
}

function libcText(m: Machine): string {
  return m.libc ? (m.libc.kind === 'glibc' ? `glibc ${glibcText(m.libc.version)}` : 'musl') : '—';
}

function platformTable(s: BuildsToShipScenario, version: Version): PromptBlock {
  const vm = s.mode === 'pyc' ? 'python' : s.mode === 'jar' || (s.mode === 'vm-builds' && version === 1) ? 'java' : null;
  return {
    kind: 'table',
    header: [
      L('Machine', '기기'),
      L('OS', 'OS'),
      L('CPU', 'CPU'),
      L('C library', 'C 라이브러리'),
      ...(vm ? [vm === 'python' ? L('CPython', 'CPython') : L('Java runtime', '자바 런타임')] : []),
    ],
    rows: s.platforms.map((m) => [
      machineName(m),
      osName(m.os),
      m.cpu,
      libcText(m),
      ...(vm === 'python' ? [m.python ?? '—'] : vm === 'java' ? [m.java === null ? '—' : `Java ${m.java}`] : []),
    ]),
  };
}

const mistake = (t: Localized): Localized => L(`Common misconception: ${t.en}`, `흔한 오개념: ${t.ko}`);

const QUESTION: Record<ShipMode, Localized> = {
  native: L(
    'You ship a C program as native executables to all of these machines. Each build is dynamically linked (no static builds) and targets one OS × CPU × C library (glibc builds are made against the oldest glibc among the machines that use them). What is the smallest number of different builds you need?',
    'C 프로그램을 네이티브 실행 파일로 이 모든 기기에 배포한다. 빌드는 동적 링크하며(정적 빌드 없음) 하나가 OS × CPU × C 라이브러리 하나를 대상으로 한다(glibc 빌드는 그것을 쓰는 기기 중 가장 오래된 glibc에 맞춰 만든다). 필요한 서로 다른 빌드의 최소 개수는?',
  ),
  'vm-builds': L(
    'You ship the program as one app.jar (bytecode) to all of these machines. The app.jar is the same file everywhere; but how many different builds of the JVM itself (the `java` executable the JDK vendor compiles) are needed to run it on all of them?',
    '프로그램을 app.jar(바이트코드) 하나로 이 모든 기기에 배포한다. app.jar는 어디서나 같은 파일이다. 그런데 모든 기기에서 실행하려면 JVM 자체(JDK 제공자가 컴파일한 `java` 실행 파일)는 서로 다른 빌드가 몇 개 필요한가?',
  ),
  pyc: L(
    'You ship the program as sourceless .pyc files (no .py files) to all of these machines, each running the CPython version shown. What is the smallest number of different .pyc builds you need?',
    '프로그램을 소스 없는 .pyc 파일(.py 없음)로 이 모든 기기에 배포한다. 각 기기는 표의 CPython 버전을 쓴다. 필요한 서로 다른 .pyc 빌드의 최소 개수는?',
  ),
  jar: L(
    'You ship the program as Java class files (javac --release N, one N per build) to all of these machines, each with the Java runtime shown. What is the smallest number of different builds you need?',
    '프로그램을 자바 클래스 파일(javac --release N, 빌드마다 N 하나)로 이 모든 기기에 배포한다. 각 기기에는 표의 자바 런타임이 있다. 필요한 서로 다른 빌드의 최소 개수는?',
  ),
};

const PYTHON_BUILDS = L(
  `You ship the program as sourceless .pyc files (bytecode) to all of these machines. None of them has Python installed, so you ship a CPython ${SHIPPED_PYTHON} runtime with it (the \`python3\` executable, a native program built from C). The .pyc files are the same everywhere; how many different builds of the CPython ${SHIPPED_PYTHON} runtime do you need?`,
  `프로그램을 소스 없는 .pyc 파일(바이트코드)로 이 모든 기기에 배포합니다. 어느 기기에도 파이썬이 설치되어 있지 않아 CPython ${SHIPPED_PYTHON} 런타임(C로 빌드한 네이티브 프로그램인 \`python3\` 실행 파일)을 함께 배포합니다. .pyc 파일은 어디서나 같습니다. CPython ${SHIPPED_PYTHON} 런타임은 서로 다른 빌드가 몇 개 필요합니까?`,
);

const VM_BUILDS_V2 = L(
  `You ship the program as one app.jar (bytecode) to all of these machines. None of them has Java installed, so you ship a Java ${SHIPPED_JAVA} runtime with it (the \`java\` executable, which the JDK vendor compiles as a native program). The app.jar is the same file everywhere; how many different builds of the Java ${SHIPPED_JAVA} runtime do you need?`,
  `프로그램을 app.jar(바이트코드) 하나로 이 모든 기기에 배포한다. 어느 기기에도 자바가 설치되어 있지 않아 자바 ${SHIPPED_JAVA} 런타임(JDK 제공자가 네이티브 프로그램으로 컴파일한 \`java\` 실행 파일)을 함께 배포한다. app.jar는 어디서나 같은 파일이다. 자바 ${SHIPPED_JAVA} 런타임은 서로 다른 빌드가 몇 개 필요한가?`,
);

function buildsToShipAt(version: Version) {
  const g = defineGenerator<BuildsToShipScenario, BuildsToShipAnalysis>({
    id: 'builds-to-ship',
    version,
    domain: 'build',
    topic: 'compile',
    title: L('How many builds to ship?', '배포하려면 빌드가 몇 개 필요한가?'),
    tiers: [1, 2, 3],
    generate(rng, tier) {
      return searchAnalyzed(rng, (r) => (version >= 4 ? buildV4(r, tier) : build(r, tier, version)), () => fallback(tier, version), analyze);
    },
    analyze,
    question(s, { groups }) {
      const answer = groups.length;
      const n = s.platforms.length;
      const groupOf = (i: number) => groups.find((g) => g.platforms.includes(i))?.key ?? '—';
      const table: TableView = {
        kind: 'table',
        caption: L('Which build each machine gets.', '각 기기가 받는 빌드.'),
        header: [L('Machine', '기기'), L('Needs', '필요한 것'), L('Build', '빌드')],
        rows: s.platforms.map((m, i) => {
          const needs =
            s.mode === 'pyc'
              ? `CPython ${m.python ?? '—'} (${targetId(nativeTarget(m))})`
              : s.mode === 'jar'
                ? `class-file major ≤ ${m.java === null ? '—' : 44 + m.java} (Java ${m.java ?? '—'})`
                : targetId(nativeTarget(m));
          return [machineName(m), needs, groupOf(i)];
        }),
      };
      const oses = new Set(s.platforms.map((p) => p.os)).size;
      const cpus = new Set(s.platforms.map((p) => p.cpu)).size;
      const summary: Localized[] = [
        L(
          `${answer} build(s): ${groups.map((g) => `${g.key} (${g.platforms.length} machine${g.platforms.length > 1 ? 's' : ''})`).join(', ')}.`,
          `빌드 ${answer}개: ${groups.map((g) => `${g.key} (기기 ${g.platforms.length}대)`).join(', ')}.`,
        ),
      ];
      const native = s.mode === 'native' || s.mode === 'vm-builds';
      const diagnoses = version >= 4 && native ? buildsToShipDiagnoses(s, answer) : [];
      if (version >= 4 && native) {
        const counted = [
          ...diagnoses.map((d) => BELIEF_COUNT[d.misconception.id]?.(d.value)).filter((t): t is Localized => t !== undefined),
          ...(n !== answer ? [L(`One per machine (${n}) misses that identical targets share a build.`, `기기마다 하나(${n})로 세면 같은 대상이 빌드를 공유한다는 것을 놓친 것입니다.`)] : []),
        ];
        summary.push(
          L(
            ['Machines with the same OS, CPU and C library share a build; different ones never do.', ...counted.map((t) => t.en)].join(' '),
            ['OS, CPU, C 라이브러리가 같은 기기는 빌드를 공유하고, 다르면 절대 공유하지 못합니다.', ...counted.map((t) => t.ko)].join(' '),
          ),
          mistake(M.sameOsAnyCpu.text),
        );
      } else if (native) {
        summary.push(
          L(
            `Machines with the same OS, CPU and C library share a build; different ones never do. Counting one per OS (${oses}) ignores the CPU, one per CPU (${cpus}) ignores the OS, one per machine (${n}) ignores that identical targets share a build.`,
            `OS, CPU, C 라이브러리가 같은 기기는 빌드를 공유하고, 다르면 절대 공유하지 못합니다. OS마다 하나(${oses})는 CPU를, CPU마다 하나(${cpus})는 OS를 무시한 것이고, 기기마다 하나(${n})는 같은 대상이 빌드를 공유한다는 것을 놓친 것입니다.`,
          ),
        );
        summary.push(mistake(s.mode === 'vm-builds' ? M.vmPortable.text : M.sameCpuAnyOs.text));
      } else if (s.mode === 'pyc') {
        summary.push(
          L(
            `A .pyc does not depend on the OS or CPU, only on the CPython minor version (its magic number): one build per version. One single build (1) would need every machine on the same version; one per machine (${n}) is more than needed.`,
            `.pyc는 OS나 CPU가 아니라 CPython 마이너 버전(매직 넘버)에만 좌우됩니다: 버전마다 빌드 하나. 빌드 하나(1)로 되려면 모든 기기가 같은 버전이어야 하고, 기기마다 하나(${n})는 필요 이상입니다.`,
          ),
          mistake(M.pycAnyPython3.text),
        );
      } else {
        const oldest = Math.min(...s.platforms.map((p) => p.java ?? 99));
        summary.push(
          L(
            `Compile once with javac --release ${oldest}: every newer JVM loads older class files, and class files are the same on every OS and CPU. One build per Java version or per machine is more than needed.`,
            `javac --release ${oldest}로 한 번 컴파일하면 됩니다: 새 JVM은 옛 클래스 파일을 적재하고, 클래스 파일은 모든 OS와 CPU에서 같습니다. 자바 버전마다, 기기마다 빌드하는 것은 필요 이상입니다.`,
          ),
        );
      }
      return {
        prompt: [{ kind: 'text', text: s.runtime === 'python' ? PYTHON_BUILDS : version >= 2 && s.mode === 'vm-builds' ? VM_BUILDS_V2 : QUESTION[s.mode] }, platformTable(s, version)],
        response: { kind: 'number', integer: true, min: 0, max: 12, unit: L('builds', '개'), ...(diagnoses.length > 0 ? { diagnoses } : {}) },
        answer,
        explanation: {
          summary,
          views: [table],
          rule: L(
            'Native machine code is built per target (OS × CPU × C library ABI); glibc is backward compatible, so one glibc build made on the oldest glibc serves newer ones. Bytecode is built per VM version, not per platform: a .pyc per CPython minor version, class files once for the oldest JVM. The VM itself is a native program, built per target.',
            '네이티브 기계어는 대상(OS × CPU × C 라이브러리 ABI)마다 빌드합니다. glibc는 하위 호환이라 가장 오래된 glibc에서 만든 빌드 하나가 더 새 것에서도 돕니다. 바이트코드는 플랫폼이 아니라 VM 버전마다 빌드합니다: CPython 마이너 버전마다 .pyc, 클래스 파일은 가장 오래된 JVM에 맞춰 한 번. VM 자체는 네이티브 프로그램이라 대상마다 빌드합니다.',
          ),
        },
        assumptions: [
          NATIVE_ONLY,
          L('No fat/universal binaries: one build is one file for one target.', 'fat/universal 바이너리는 쓰지 않습니다: 빌드 하나는 한 대상용 파일 하나입니다.'),
          ...(version >= 3 ? [CHECKED_HERE] : []),
        ],
      };
    },
  });
  return version >= 3 ? inHamnidaGenerator(g) : g;
}

/**
 * Version 4: native builds only (a C program, or the Java or CPython runtime shipped with the
 * bytecode), each with an OS on two CPUs; a wrong count that a belief's model gives diagnoses
 * that belief (issue 12 §2).
 */
export const buildsToShipGenerator = buildsToShipAt(4);
/** Version 3, kept for stored refs: says which facts Lockstep checks with real tools and which it cannot (issue 12 §1), in 합니다체 (issue 16 §4). */
export const buildsToShipV3 = buildsToShipAt(3);
/** Version 2, kept for stored refs: a `vm-builds` question ships one named Java version to machines without Java. */
export const buildsToShipV2 = buildsToShipAt(2);
/** Version 1, kept for stored refs. */
export const buildsToShipV1 = buildsToShipAt(1);
