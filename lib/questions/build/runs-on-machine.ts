/** "Which of these files run on this machine?" (targets, formats, libc, bytecode + VM versions) */
import type { Rng } from '@/lib/sim/rng';
import {
  MACHINES,
  JAVA_VERSIONS,
  PY_VERSIONS,
  classArtifact,
  machineBase,
  nativeArtifact,
  pycArtifact,
  runsOn,
  targetId,
  type Artifact,
  type GlibcVersion,
  type Machine,
  type RunVerdict,
  type Target,
} from '@/lib/sim/build';
import { inHamnidaGenerator, L, option, text } from '../kit';
import { defineGenerator, type Generated, type Localized, type Misconception, type TableView, type Tier } from '../types';
import { CHECKED_HERE, NATIVE_ONLY, NO, searchAnalyzed, YES } from './common';
import { artifactText, checksText, machineName, machineText } from './explain';
import { buildMisconceptions as M, sameCpuAnyOsFor, sameOsAnyCpuFor } from './misconceptions';

export interface RunsOnMachineScenario {
  readonly machine: Machine;
  readonly artifacts: readonly Artifact[];
}

/** What the search ran: each artifact's verdict on the machine, in the scenario's order. */
export interface RunsOnMachineAnalysis {
  readonly verdicts: readonly RunVerdict[];
}

function analyze(s: RunsOnMachineScenario): RunsOnMachineAnalysis {
  return { verdicts: s.artifacts.map((a) => runsOn(a, s.machine)) };
}

/** 1: fixed x86_64 wording; 2: the target beliefs name the question's OS and CPU; 3: says what is checked here; 4: always offers a same-CPU file for another OS. */
type Version = 1 | 2 | 3 | 4;

/**
 * The files the headline belief "machine code for a CPU runs under every OS on that CPU"
 * (`sameCpuAnyOs`) adds to the ones that really run: native executables for the machine's CPU
 * built for another OS. An interpreter built for another platform is left out: choosing it is
 * tagged with the more specific belief that a VM is portable (`vmPortable`).
 */
export function sameCpuAnyOsModel(s: RunsOnMachineScenario): string[] {
  return s.artifacts.filter((a) => a.kind === 'native' && !a.vm && a.target.cpu === s.machine.cpu && a.target.os !== s.machine.os).map((a) => a.id);
}

/**
 * The misconception behind choosing an artifact that does not run. Version 1 words the two
 * target beliefs with fixed x86_64 text; version 2 names the file's OS and CPU and the
 * machine's (same ids, so statistics group them together).
 */
export function misconceptionFor(a: Artifact, v: RunVerdict, m: Machine, version: Version = 4): Misconception | undefined {
  if (v.runs) return undefined;
  if (a.kind === 'native' && a.vm) return M.vmPortable;
  switch (v.reason) {
    case 'wrong-os':
      return version === 1 || a.kind !== 'native' ? M.sameCpuAnyOs : sameCpuAnyOsFor(a.target.os, a.target.cpu, m.os);
    case 'wrong-cpu':
      return version === 1 || a.kind !== 'native' ? M.sameOsAnyCpu : sameOsAnyCpuFor(m.os, a.target.cpu, m.cpu);
    case 'no-musl-loader':
    case 'no-glibc':
      return M.libcIrrelevant;
    case 'glibc-too-old':
      return M.glibcForward;
    case 'pyc-magic':
      return M.pycAnyPython3;
    case 'class-too-new':
      return M.oldJvmRunsNew;
    case 'no-python':
    case 'no-java':
    case 'no-wasm-runtime':
      return M.bytecodeIsMachineCode;
    default:
      return undefined;
  }
}

const T = (os: Target['os'], cpu: Target['cpu'], abi: Target['abi']): Target => ({ os, cpu, abi });

const TIER_MACHINES: Record<Tier, readonly string[]> = {
  1: ['ubuntu-24.04-x86_64', 'debian-12-aarch64', 'windows-11-x64', 'macos-14-arm64', 'macos-13-x86_64'],
  2: MACHINES.map((m) => m.id),
  3: MACHINES.map((m) => m.id),
};

function machine(rng: Rng, tier: Tier): Machine {
  const base = machineBase(rng.pick(TIER_MACHINES[tier]));
  const python = tier === 3 && rng.bool(0.25) ? null : rng.pick(PY_VERSIONS.slice(2));
  const java = tier === 3 && rng.bool(0.25) ? null : rng.pick(JAVA_VERSIONS.slice(1));
  return { ...base, python, java, wasmtime: tier === 3 && rng.bool(0.5) };
}

function candidates(rng: Rng, tier: Tier, m: Machine): Artifact[] {
  const glibc = (): GlibcVersion => (tier === 3 ? rng.pick<GlibcVersion>([[2, 17], [2, 28], [2, 34], [2, 38]]) : [2, 17]);
  const natives: Target[] = [
    T('linux', 'x86_64', 'gnu'),
    T('linux', 'aarch64', 'gnu'),
    T('windows', 'x86_64', 'msvc'),
    T('macos', 'aarch64', 'darwin'),
    T('macos', 'x86_64', 'darwin'),
  ];
  if (tier >= 2) natives.push(T('windows', 'aarch64', 'msvc'));
  const out: Artifact[] = natives.map((t) => nativeArtifact(targetId(t), t, { glibc: glibc() }));
  if (tier >= 2) {
    out.push(nativeArtifact('linux-x86_64-musl', T('linux', 'x86_64', 'musl')));
    out.push(nativeArtifact('linux-aarch64-musl', T('linux', 'aarch64', 'musl')));
    const cpu = rng.pick<Target['cpu']>(['x86_64', 'aarch64']);
    out.push(nativeArtifact(`linux-${cpu}-musl-static`, T('linux', cpu, 'musl'), { linking: 'static' }));
    const vmFrom = rng.pick(natives.filter((t) => t.os !== m.os || t.cpu !== m.cpu));
    out.push(nativeArtifact(`python3@${targetId(vmFrom)}`, vmFrom, { vm: 'python', glibc: [2, 17] }));
  }
  const py = m.python ?? rng.pick(PY_VERSIONS.slice(2));
  out.push(pycArtifact(`pyc-${py}`, py));
  if (tier >= 2) {
    const other = rng.pick(PY_VERSIONS.filter((v) => v !== py));
    out.push(pycArtifact(`pyc-${other}`, other));
  }
  const java = m.java ?? 17;
  const older = JAVA_VERSIONS.filter((j) => j <= java);
  const j1 = rng.pick(older);
  out.push(classArtifact(`jar-${j1}`, j1));
  if (tier >= 2) {
    const newer = JAVA_VERSIONS.filter((j) => j > java);
    if (newer.length > 0) {
      const j2 = rng.pick(newer);
      out.push(classArtifact(`jar-${j2}`, j2));
    }
  }
  if (tier === 3) out.push({ kind: 'wasm', id: 'wasm' });
  return out;
}

function build(rng: Rng, tier: Tier, version: Version): Generated<RunsOnMachineScenario, RunsOnMachineAnalysis> | null {
  const m = machine(rng, tier);
  const pool = candidates(rng, tier, m);
  const size = tier === 1 ? 5 : 6;
  const chosen = rng.sample(pool, size);
  const verdicts = chosen.map((a) => runsOn(a, m));
  const running = verdicts.filter((v) => v.runs).length;
  if (running === 0 || running === size) return null;
  const tagged = new Set(chosen.map((a, i) => misconceptionFor(a, verdicts[i] as RunVerdict, m)?.id).filter((x) => x !== undefined));
  if (tagged.size < (tier === 1 ? 1 : 3)) return null;
  // Version 4: the headline belief (same CPU, any OS) always has a file to pick, so it always gives a wrong answer.
  if (version >= 4 && sameCpuAnyOsModel({ machine: m, artifacts: chosen }).length === 0) return null;
  // Natives first (in pool order), then bytecode: a stable, readable order.
  const order = chosen.map((_, i) => i).sort((i, j) => pool.indexOf(chosen[i] as Artifact) - pool.indexOf(chosen[j] as Artifact));
  return {
    scenario: { machine: m, artifacts: order.map((i) => chosen[i] as Artifact) },
    analysis: { verdicts: order.map((i) => verdicts[i] as RunVerdict) },
  };
}

function fallback(): RunsOnMachineScenario {
  const m: Machine = { ...machineBase('ubuntu-24.04-x86_64'), python: '3.12', java: 17, wasmtime: false };
  return {
    machine: m,
    artifacts: [
      nativeArtifact('linux-x86_64-gnu', T('linux', 'x86_64', 'gnu'), { glibc: [2, 17] }),
      nativeArtifact('windows-x86_64-msvc', T('windows', 'x86_64', 'msvc')),
      nativeArtifact('linux-aarch64-gnu', T('linux', 'aarch64', 'gnu'), { glibc: [2, 17] }),
      pycArtifact('pyc-3.12', '3.12'),
      classArtifact('jar-11', 11),
    ],
  };
}

function runsOnMachineAt(version: Version) {
  const g = defineGenerator<RunsOnMachineScenario, RunsOnMachineAnalysis>({
    id: 'runs-on-machine',
    version,
    domain: 'build',
    topic: 'targets',
    title: L('What runs on this machine?', '이 기기에서 실행되는 것은?'),
    tiers: [1, 2, 3],
    generate(rng, tier) {
      return searchAnalyzed(rng, (r) => build(r, tier, version), fallback, analyze);
    },
    analyze,
    question(s, { verdicts }) {
      const options = s.artifacts.map((a, i) => option(a.id, artifactText(a), misconceptionFor(a, verdicts[i] as RunVerdict, s.machine, version)));
      const answer = s.artifacts.filter((_, i) => verdicts[i]?.runs).map((a) => a.id).sort();
      const table: TableView = {
        kind: 'table',
        caption: L(`What the loader or the VM checks on ${machineName(s.machine).en}, in order, up to the first failure.`, `${machineName(s.machine).ko}에서 로더나 VM이 차례로 확인하는 것(첫 실패까지).`),
        header: [L('File', '파일'), L('Checks', '확인'), L('Runs?', '실행?')],
        rows: s.artifacts.map((a, i) => {
          const v = verdicts[i] as RunVerdict;
          return [artifactText(a), checksText(v), v.runs ? YES : NO];
        }),
      };
      const mt = machineText(s.machine);
      const summary: Localized[] = [
        L(`The machine: ${mt.en}.`, `기기: ${mt.ko}.`),
        L(
          `Runs: ${answer.join(', ') || 'none'}. A native file must match the OS (file format and loader), the CPU (instruction set) and, on Linux, the C library; bytecode needs the right VM installed, in a version that accepts it.`,
          `실행됨: ${answer.join(', ') || '없음'}. 네이티브 파일은 OS(파일 형식과 로더), CPU(명령어 집합), 리눅스라면 C 라이브러리까지 맞아야 합니다. 바이트코드는 그것을 받아들이는 버전의 VM이 설치되어 있어야 합니다.`,
        ),
      ];
      return {
        prompt: [
          text(`The machine: ${mt.en}.`, `기기: ${mt.ko}.`),
          text('Which of these files run on it? Choose all that apply.', '이 기기에서 실행되는 파일을 모두 고르시오.'),
        ],
        response: { kind: 'multi', options },
        answer,
        explanation: {
          summary,
          views: [table],
          rule: L(
            'Machine code is tied to a CPU and an OS: the loader accepts only its own format (ELF on Linux, PE on Windows, Mach-O on macOS) with its CPU in the header, and a dynamically linked Linux binary also needs its C library (glibc of at least the version it was built against, or musl). Bytecode is the same file everywhere but needs its VM: CPython loads a sourceless .pyc only with its own magic number (same minor version); a JVM runs class files of its own version or older.',
            '기계어는 CPU와 OS에 묶여 있습니다. 로더는 자기 형식(리눅스 ELF, Windows PE, macOS Mach-O)과 헤더의 CPU가 맞는 파일만 받고, 동적 링크된 리눅스 바이너리는 C 라이브러리(빌드할 때 버전 이상의 glibc, 또는 musl)도 필요합니다. 바이트코드는 어디서나 같은 파일이지만 VM이 필요합니다. CPython은 매직 넘버가 자기 것(같은 마이너 버전)인 소스 없는 .pyc만 적재하고, JVM은 자기 버전 이하의 클래스 파일을 실행합니다.',
          ),
        },
        assumptions: [
          NATIVE_ONLY,
          L(
            'Native files use only the OS and its C library (no other shared libraries to install); macOS files target this macOS version.',
            '네이티브 파일은 OS와 그 C 라이브러리만 사용합니다(따로 설치할 공유 라이브러리 없음). macOS 파일은 이 macOS 버전을 대상으로 합니다.',
          ),
          ...(version >= 3 ? [CHECKED_HERE] : []),
        ],
      };
    },
  });
  return version >= 3 ? inHamnidaGenerator(g) : g;
}

/**
 * Version 4: every question offers a native file for the machine's CPU built for another OS, so
 * the headline belief "same CPU, any OS" always picks a file that does not run (issue 12 §2: in
 * version 3 it had nothing to pick in 20 % of questions).
 */
export const runsOnMachine = runsOnMachineAt(4);
/** Version 3, kept for stored refs: says which facts Lockstep checks with real tools and which it cannot (issue 12 §1), in 합니다체 (issue 16 §4). */
export const runsOnMachineV3 = runsOnMachineAt(3);
/** Version 2, kept for stored refs: the target misconceptions name this question's OS and CPU (issue 12 §2). */
export const runsOnMachineV2 = runsOnMachineAt(2);
/** Version 1, kept for stored refs: the fixed x86_64 wording. */
export const runsOnMachineV1 = runsOnMachineAt(1);
