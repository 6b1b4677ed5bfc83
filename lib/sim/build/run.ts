/**
 * What runs where. A native executable is started by the OS loader, which checks the file
 * format (ELF / PE / Mach-O: one per OS), the CPU field (e_machine, Machine, cputype), and
 * for a dynamically linked Linux binary the program interpreter of its C library (glibc's
 * ld-linux or musl's ld-musl) and, for glibc, the symbol versions it needs. Bytecode is
 * run by a VM that must be installed: CPython loads a sourceless .pyc only if its magic
 * number is the interpreter's own (same minor version); a JVM loads class files up to its
 * own class-file version; a WASI runtime runs any WASI module. Only native execution is
 * modelled: translation layers (Rosetta 2, Windows on Arm's x64 emulation, qemu-user) are
 * out of scope and stated as such in every question.
 */
import type { Localized } from '@/lib/questions/types';
import {
  BINARY_FORMAT,
  CPU_NAME,
  ELF_MACHINE,
  LINUX_LOADER,
  MACHO_CPUTYPE,
  PE_MACHINE,
  PYC_MAGIC,
  classMajor,
  glibcAtLeast,
  glibcText,
  type Cpu,
  type Os,
} from './facts';
import type { Artifact, Machine, NativeArtifact, RunCheck, RunReason, RunVerdict, Target } from './types';

const L = (en: string, ko: string): Localized => ({ en, ko });

/** `linux-x86_64-gnu`, `windows-x86_64-msvc`, `macos-arm64`: the usual target names. */
export function targetId(t: Target): string {
  if (t.os === 'macos') return `macos-${CPU_NAME.macos[t.cpu]}`;
  return `${t.os}-${t.cpu}-${t.abi}`;
}

/** The OS as people write it: Linux, Windows, macOS. */
export function osName(os: Os): string {
  return os === 'linux' ? 'Linux' : os === 'windows' ? 'Windows' : 'macOS';
}

/** The CPU field of the executable header, as a tool like `file`/`readelf` would report it. */
export function cpuField(os: Os, cpu: Cpu): string {
  if (os === 'linux') return `e_machine ${ELF_MACHINE[cpu]}`;
  if (os === 'windows') return `Machine 0x${PE_MACHINE[cpu].toString(16)}`;
  return `cputype 0x${MACHO_CPUTYPE[cpu].toString(16).padStart(8, '0')}`;
}

function nativeVerdict(a: NativeArtifact, m: Machine): RunVerdict {
  const t = a.target;
  const checks: RunCheck[] = [];
  const fmt = BINARY_FORMAT[t.os];
  const osOk = t.os === m.os;
  checks.push({
    check: L(
      `${osName(m.os)} loads ${BINARY_FORMAT[m.os]} executables; the file is ${fmt}`,
      `${osName(m.os)}는 ${BINARY_FORMAT[m.os]} 실행 파일을 적재합니다. 이 파일은 ${fmt}입니다`,
    ),
    ok: osOk,
  });
  const cpuOk = t.cpu === m.cpu;
  if (!osOk) {
    return { runs: false, reason: cpuOk ? 'wrong-os' : 'wrong-os-cpu', checks };
  }
  checks.push({
    check: L(
      `header ${cpuField(t.os, t.cpu)} (${CPU_NAME[t.os][t.cpu]} machine code); the CPU is ${CPU_NAME[m.os][m.cpu]}`,
      `헤더 ${cpuField(t.os, t.cpu)} (${CPU_NAME[t.os][t.cpu]} 기계어). CPU는 ${CPU_NAME[m.os][m.cpu]}입니다`,
    ),
    ok: cpuOk,
  });
  if (!cpuOk) return { runs: false, reason: 'wrong-cpu', checks };
  if (t.os === 'linux' && a.linking === 'dynamic') {
    const libc = t.abi === 'musl' ? 'musl' : 'gnu';
    const loader = LINUX_LOADER[libc][t.cpu];
    const present = libc === 'musl' ? m.libc?.kind === 'musl' : m.libc?.kind === 'glibc';
    checks.push({
      check: L(
        `program interpreter ${loader} (${libc === 'musl' ? 'musl' : 'glibc'}); this system's C library is ${m.libc?.kind ?? 'none'}`,
        `프로그램 인터프리터 ${loader} (${libc === 'musl' ? 'musl' : 'glibc'}). 이 시스템의 C 라이브러리는 ${m.libc?.kind ?? '없음'}입니다`,
      ),
      ok: present,
    });
    if (!present) return { runs: false, reason: libc === 'musl' ? 'no-musl-loader' : 'no-glibc', checks };
    if (libc === 'gnu' && a.glibc && m.libc?.kind === 'glibc') {
      const ok = glibcAtLeast(m.libc.version, a.glibc);
      checks.push({
        check: L(
          `needs symbols up to GLIBC_${glibcText(a.glibc)}; the system has glibc ${glibcText(m.libc.version)}`,
          `GLIBC_${glibcText(a.glibc)}까지의 심볼이 필요합니다. 시스템의 glibc는 ${glibcText(m.libc.version)}입니다`,
        ),
        ok,
      });
      if (!ok) return { runs: false, reason: 'glibc-too-old', checks };
    }
  } else if (t.os === 'linux') {
    checks.push({ check: L('statically linked: needs no C library or loader from the system', '정적 링크: 시스템의 C 라이브러리나 로더가 필요 없습니다'), ok: true });
  }
  return { runs: true, reason: 'native', checks };
}

/** Whether `artifact` runs natively on `machine`, with the checks made on the way. */
export function runsOn(artifact: Artifact, m: Machine): RunVerdict {
  switch (artifact.kind) {
    case 'native':
      return nativeVerdict(artifact, m);
    case 'pyc': {
      const checks: RunCheck[] = [
        { check: L(`a CPython interpreter is installed: ${m.python ? `python${m.python}` : 'none'}`, `CPython 인터프리터 설치 여부: ${m.python ? `python${m.python}` : '없음'}`), ok: m.python !== null },
      ];
      if (!m.python) return { runs: false, reason: 'no-python', checks };
      const ok = m.python === artifact.python;
      checks.push({
        check: L(
          `.pyc magic ${PYC_MAGIC[artifact.python]} (CPython ${artifact.python}); python${m.python} accepts only ${PYC_MAGIC[m.python]}`,
          `.pyc 매직 ${PYC_MAGIC[artifact.python]} (CPython ${artifact.python}). python${m.python}은 ${PYC_MAGIC[m.python]}만 받습니다`,
        ),
        ok,
      });
      return { runs: ok, reason: ok ? 'vm' : 'pyc-magic', checks };
    }
    case 'class': {
      const checks: RunCheck[] = [
        { check: L(`a Java runtime is installed: ${m.java ? `Java ${m.java}` : 'none'}`, `자바 런타임 설치 여부: ${m.java ? `Java ${m.java}` : '없음'}`), ok: m.java !== null },
      ];
      if (!m.java) return { runs: false, reason: 'no-java', checks };
      const ok = classMajor(artifact.java) <= classMajor(m.java);
      checks.push({
        check: L(
          `class-file major ${classMajor(artifact.java)} (Java ${artifact.java}); Java ${m.java} loads majors up to ${classMajor(m.java)}`,
          `클래스 파일 major ${classMajor(artifact.java)} (Java ${artifact.java}). Java ${m.java}는 ${classMajor(m.java)}까지 적재합니다`,
        ),
        ok,
      });
      return { runs: ok, reason: ok ? 'vm' : 'class-too-new', checks };
    }
    case 'wasm': {
      const checks: RunCheck[] = [{ check: L(`a WASI runtime (wasmtime) is installed: ${m.wasmtime ? 'yes' : 'no'}`, `WASI 런타임(wasmtime) 설치 여부: ${m.wasmtime ? '예' : '아니요'}`), ok: m.wasmtime }];
      return { runs: m.wasmtime, reason: m.wasmtime ? 'vm' : 'no-wasm-runtime', checks };
    }
  }
}

export type { RunReason };
