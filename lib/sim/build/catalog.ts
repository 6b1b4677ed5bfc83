/** The machines and artifacts questions are built from. */
import type { GlibcVersion, JavaVersion, PyVersion } from './facts';
import type { Artifact, Machine, Target } from './types';

type MachineBase = Omit<Machine, 'python' | 'java' | 'wasmtime'>;

/** Operating-system installs, without the VMs (added per question). */
export const MACHINES: readonly MachineBase[] = [
  { id: 'ubuntu-24.04-x86_64', os: 'linux', cpu: 'x86_64', libc: { kind: 'glibc', version: [2, 39] } },
  { id: 'debian-11-x86_64', os: 'linux', cpu: 'x86_64', libc: { kind: 'glibc', version: [2, 31] } },
  { id: 'debian-12-aarch64', os: 'linux', cpu: 'aarch64', libc: { kind: 'glibc', version: [2, 36] } },
  { id: 'alpine-3.20-x86_64', os: 'linux', cpu: 'x86_64', libc: { kind: 'musl' } },
  { id: 'alpine-3.20-aarch64', os: 'linux', cpu: 'aarch64', libc: { kind: 'musl' } },
  { id: 'windows-11-x64', os: 'windows', cpu: 'x86_64', libc: null },
  { id: 'windows-11-arm64', os: 'windows', cpu: 'aarch64', libc: null },
  { id: 'macos-14-arm64', os: 'macos', cpu: 'aarch64', libc: null },
  { id: 'macos-13-x86_64', os: 'macos', cpu: 'x86_64', libc: null },
];

/** One of `MACHINES` by id (throws on an unknown id: a programmer mistake). */
export function machineBase(id: string): MachineBase {
  const m = MACHINES.find((x) => x.id === id);
  if (!m) throw new RangeError(`unknown machine ${id}`);
  return m;
}

/** The usual native target of a machine (its OS, CPU and system C library). */
export function nativeTarget(m: Pick<Machine, 'os' | 'cpu' | 'libc'>): Target {
  const abi = m.os === 'windows' ? 'msvc' : m.os === 'macos' ? 'darwin' : m.libc?.kind === 'musl' ? 'musl' : 'gnu';
  return { os: m.os, cpu: m.cpu, abi };
}

/**
 * A native executable for `target`: dynamically linked unless `linking: 'static'`; `glibc` is
 * the newest GLIBC_x.y symbol version it needs (kept only for dynamic glibc builds).
 */
export function nativeArtifact(id: string, target: Target, opts: { linking?: 'dynamic' | 'static'; glibc?: GlibcVersion; vm?: 'python' | 'java' } = {}): Artifact {
  const linking = opts.linking ?? 'dynamic';
  return { kind: 'native', id, target, linking, ...(opts.glibc && target.abi === 'gnu' && linking === 'dynamic' ? { glibc: opts.glibc } : {}), ...(opts.vm ? { vm: opts.vm } : {}) };
}

/** A sourceless `.pyc` written by CPython `python` (its magic number is that version's). */
export function pycArtifact(id: string, python: PyVersion): Artifact {
  return { kind: 'pyc', id, python };
}

/** Class files (a JAR by default) compiled with `javac --release java`. */
export function classArtifact(id: string, java: JavaVersion, jar = true): Artifact {
  return { kind: 'class', id, java, jar };
}

