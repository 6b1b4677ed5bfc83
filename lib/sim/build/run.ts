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
import { CPU_NAME, ELF_MACHINE, MACHO_CPUTYPE, PE_MACHINE, classMajor, glibcAtLeast, type Cpu, type Os } from './facts';
import type { Artifact, Machine, NativeArtifact, RunCheck, RunReason, RunVerdict, Target } from './types';

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
  const osOk = t.os === m.os;
  checks.push({ kind: 'format', machineOs: m.os, fileOs: t.os, ok: osOk });
  const cpuOk = t.cpu === m.cpu;
  if (!osOk) {
    return { runs: false, reason: cpuOk ? 'wrong-os' : 'wrong-os-cpu', checks };
  }
  checks.push({ kind: 'cpu', fileOs: t.os, fileCpu: t.cpu, machineOs: m.os, machineCpu: m.cpu, ok: cpuOk });
  if (!cpuOk) return { runs: false, reason: 'wrong-cpu', checks };
  if (t.os === 'linux' && a.linking === 'dynamic') {
    const libc = t.abi === 'musl' ? 'musl' : 'gnu';
    const present = libc === 'musl' ? m.libc?.kind === 'musl' : m.libc?.kind === 'glibc';
    checks.push({ kind: 'loader', libc, cpu: t.cpu, systemLibc: m.libc?.kind ?? null, ok: present });
    if (!present) return { runs: false, reason: libc === 'musl' ? 'no-musl-loader' : 'no-glibc', checks };
    if (libc === 'gnu' && a.glibc && m.libc?.kind === 'glibc') {
      const ok = glibcAtLeast(m.libc.version, a.glibc);
      checks.push({ kind: 'glibc', need: a.glibc, have: m.libc.version, ok });
      if (!ok) return { runs: false, reason: 'glibc-too-old', checks };
    }
  } else if (t.os === 'linux') {
    checks.push({ kind: 'static', ok: true });
  }
  return { runs: true, reason: 'native', checks };
}

/** Whether `artifact` runs natively on `machine`, with the checks made on the way. */
export function runsOn(artifact: Artifact, m: Machine): RunVerdict {
  switch (artifact.kind) {
    case 'native':
      return nativeVerdict(artifact, m);
    case 'pyc': {
      const checks: RunCheck[] = [{ kind: 'python', installed: m.python, ok: m.python !== null }];
      if (!m.python) return { runs: false, reason: 'no-python', checks };
      const ok = m.python === artifact.python;
      checks.push({ kind: 'pyc-magic', pyc: artifact.python, python: m.python, ok });
      return { runs: ok, reason: ok ? 'vm' : 'pyc-magic', checks };
    }
    case 'class': {
      const checks: RunCheck[] = [{ kind: 'java', installed: m.java, ok: m.java !== null }];
      if (!m.java) return { runs: false, reason: 'no-java', checks };
      const ok = classMajor(artifact.java) <= classMajor(m.java);
      checks.push({ kind: 'class-version', classJava: artifact.java, java: m.java, ok });
      return { runs: ok, reason: ok ? 'vm' : 'class-too-new', checks };
    }
    case 'wasm': {
      const checks: RunCheck[] = [{ kind: 'wasm-runtime', installed: m.wasmtime, ok: m.wasmtime }];
      return { runs: m.wasmtime, reason: m.wasmtime ? 'vm' : 'no-wasm-runtime', checks };
    }
  }
}

export type { RunReason };
