/** "Which steps of these flows are different for each OS/CPU?" */
import type { Rng } from '@/lib/sim/rng';
import {
  JAVA_VERSIONS,
  PY_VERSIONS,
  compareFlow,
  flowStep,
  targetId,
  type FlowVersions,
  type StepComparison,
  type Target,
} from '@/lib/sim/build';
import { inHamnidaGenerator, L, option, text } from '../kit';
import { defineGenerator, type Generated, type Localized, type Misconception, type TableView, type Tier } from '../types';
import { CHECKED_HERE, NO, searchAnalyzed, YES } from './common';
import { flowStepLabel } from './explain';
import { buildMisconceptions as M } from './misconceptions';

export interface PlatformDependentStepsScenario {
  /** Flow step ids offered, in display order. */
  readonly steps: readonly string[];
  readonly platforms: readonly Target[];
  readonly versions: FlowVersions;
}

const BASE_PLATFORMS: readonly Target[] = [
  { os: 'linux', cpu: 'x86_64', abi: 'gnu' },
  { os: 'windows', cpu: 'x86_64', abi: 'msvc' },
  { os: 'macos', cpu: 'aarch64', abi: 'darwin' },
];
const EXTRA_PLATFORM: Target = { os: 'linux', cpu: 'aarch64', abi: 'gnu' };

/** Steps offered as options: a VM flow's "compile to bytecode" is left out (its product, the bytecode, is offered instead). */
const OFFERED: Readonly<Record<'c' | 'python' | 'java' | 'wasm', readonly string[]>> = {
  c: ['c.source', 'c.compile', 'c.binary', 'c.run'],
  python: ['py.source', 'py.pyc', 'py.vm', 'py.run'],
  java: ['java.source', 'java.class', 'java.vm', 'java.jit'],
  wasm: ['wasm.source', 'wasm.module', 'wasm.runtime', 'wasm.jit'],
};

const BYTECODE = new Set(['py.pyc', 'java.class', 'wasm.module', 'wasm.compile', 'py.compile', 'java.compile']);

/** The misconception behind choosing a step that is the same on every platform: source or bytecode. */
export function stepMisconception(c: StepComparison): Misconception | undefined {
  if (c.platformDependent) return undefined;
  if (c.id.endsWith('.source')) return M.sourcePerPlatform;
  if (BYTECODE.has(c.id)) return M.bytecodeIsMachineCode;
  return undefined;
}

/** What the search ran: each offered step on every platform, in the scenario's order. */
export interface PlatformDependentStepsAnalysis {
  readonly comparisons: readonly StepComparison[];
}

function analyze(s: PlatformDependentStepsScenario): PlatformDependentStepsAnalysis {
  return { comparisons: compareFlow(s.steps.map(flowStep), s.platforms, s.versions) };
}

function build(rng: Rng, tier: Tier): Generated<PlatformDependentStepsScenario, PlatformDependentStepsAnalysis> | null {
  const versions: FlowVersions = { python: rng.pick(PY_VERSIONS.slice(2)), java: rng.pick(JAVA_VERSIONS.slice(1)) };
  const platforms = tier === 3 ? [...BASE_PLATFORMS, EXTRA_PLATFORM] : BASE_PLATFORMS;
  let pool: string[];
  let size: number;
  if (tier === 1) {
    const vm = rng.pick(['python', 'java'] as const);
    pool = [...OFFERED.c.filter((id) => id !== 'c.compile'), ...OFFERED[vm].filter((id) => id !== 'py.run' && id !== 'java.jit')];
    size = 5;
  } else if (tier === 2) {
    pool = [...OFFERED.c, ...OFFERED[rng.pick(['python', 'java'] as const)]];
    size = 6;
  } else {
    const flows = rng.sample(['python', 'java', 'wasm'] as const, 2);
    pool = [...OFFERED.c.slice(1), ...flows.flatMap((f) => OFFERED[f])];
    size = 6;
  }
  const steps = rng.sample(pool, Math.min(size, pool.length));
  const cmp = analyze({ steps, platforms, versions }).comparisons;
  const right = cmp.filter((c) => c.platformDependent).length;
  const tagged = cmp.filter((c) => stepMisconception(c)).length;
  if (right < 2 || tagged < 1 || right === cmp.length) return null;
  if (!cmp.some((c) => BYTECODE.has(c.id))) return null;
  // Show each flow's steps together, in flow order.
  const order = (Object.keys(OFFERED) as (keyof typeof OFFERED)[]).flatMap((k) => OFFERED[k]);
  const sorted = [...cmp].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return { scenario: { steps: sorted.map((c) => c.id), platforms, versions }, analysis: { comparisons: sorted } };
}

function fallback(): PlatformDependentStepsScenario {
  return { steps: ['c.source', 'c.binary', 'py.source', 'py.pyc', 'py.vm'], platforms: BASE_PLATFORMS, versions: { python: '3.12', java: 17 } };
}

function platformDependentStepsAt(version: 1 | 2) {
  const g = defineGenerator<PlatformDependentStepsScenario, PlatformDependentStepsAnalysis>({
  id: 'platform-dependent-steps',
  version,
  domain: 'build',
  topic: 'compile',
  title: L('Which steps depend on the OS or CPU?', 'OS나 CPU에 따라 달라지는 단계는?'),
  tiers: [1, 2, 3],
  generate(rng, tier) {
    return searchAnalyzed(rng, (r) => build(r, tier), fallback, analyze);
  },
  analyze,
  question(s, { comparisons: cmp }) {
    const names = s.platforms.map(targetId);
    const options = cmp.map((c) => option(c.id, flowStepLabel(c.id), stepMisconception(c)));
    const answer = cmp.filter((c) => c.platformDependent).map((c) => c.id).sort();
    const table: TableView = {
      kind: 'table',
      caption: L('Each flow run for every platform: what the step is or produces there.', '각 플랫폼에서 흐름을 실행했을 때 그 단계가 무엇이고 무엇을 만드는지.'),
      header: [L('Step', '단계'), ...names.map((n) => L(n, n)), L('Differs?', '다른가?')],
      rows: cmp.map((c) => [flowStepLabel(c.id), ...c.outputs, c.platformDependent ? YES : NO]),
    };
    const same = cmp.filter((c) => !c.platformDependent).map((c) => flowStepLabel(c.id));
    const summary: Localized[] = [
      L(
        `Different on each platform: everything that is machine code or runs it (the compiler’s output, the executable, the loader, the VM, the machine code the CPU executes). The same everywhere: ${same.map((x) => x.en).join('; ')}.`,
        `플랫폼마다 다른 것: 기계어이거나 그것을 실행하는 모든 것(컴파일러의 출력, 실행 파일, 로더, VM, CPU가 실행하는 기계어). 어디서나 같은 것: ${same.map((x) => x.ko).join('; ')}.`,
      ),
      L(
        'In the VM flow the bytecode is one file for every OS and CPU; what must exist per platform is the VM, itself a native program compiled for each OS and CPU.',
        'VM 흐름에서 바이트코드는 모든 OS와 CPU에 같은 파일 하나이고, 플랫폼마다 있어야 하는 것은 VM입니다. VM 자체가 OS와 CPU마다 컴파일된 네이티브 프로그램입니다.',
      ),
    ];
    return {
      prompt: [
        text(
          `A program is shipped to ${names.join(', ')}, with CPython ${s.versions.python} and Java ${s.versions.java} wherever a VM is used. Which of these are different for each of those platforms (depend on the OS or the CPU)? Choose all that apply.`,
          `프로그램을 ${names.join(', ')}에 배포한다. VM을 쓰는 곳은 모두 CPython ${s.versions.python}, Java ${s.versions.java}이다. 다음 중 플랫폼마다 달라지는 것(OS나 CPU에 따라 달라지는 것)을 모두 고르시오.`,
        ),
      ],
      response: { kind: 'multi', options },
      answer,
      explanation: {
        summary,
        views: [table],
        rule: L(
          'Native flow: source → compiler for the target → machine code (ELF/PE/Mach-O for one CPU) → OS loader + CPU; everything after the source is per platform. VM flow: source → bytecode compiler → bytecode → VM built for the platform → CPU; the bytecode depends only on the VM version, the VM and the machine code it runs are per platform.',
          '네이티브 흐름: 소스 → 대상용 컴파일러 → 기계어(한 CPU용 ELF/PE/Mach-O) → OS 로더 + CPU. 소스 다음은 모두 플랫폼마다 다릅니다. VM 흐름: 소스 → 바이트코드 컴파일러 → 바이트코드 → 플랫폼용으로 빌드된 VM → CPU. 바이트코드는 VM 버전에만 좌우되고, VM과 그것이 실행하는 기계어는 플랫폼마다 다릅니다.',
        ),
      },
      assumptions: [
        L('The C source is portable standard C; each platform uses its usual compiler and C library.', 'C 소스는 이식성 있는 표준 C이고, 각 플랫폼은 보통의 컴파일러와 C 라이브러리를 씁니다.'),
        ...(version >= 2 ? [CHECKED_HERE] : []),
      ],
    };
  },
  });
  return version >= 2 ? inHamnidaGenerator(g) : g;
}

/** Version 2: says which facts Lockstep checks with real tools and which it cannot (issue 12 §1), in 합니다체 (issue 16 §4). */
export const platformDependentSteps = platformDependentStepsAt(2);
/** Version 1, kept for stored refs. */
export const platformDependentStepsV1 = platformDependentStepsAt(1);

