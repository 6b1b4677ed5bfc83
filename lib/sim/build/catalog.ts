/** The machines and artifacts questions are built from, and how they are described. */
import type { Localized } from '@/lib/questions/types';
import { BINARY_FORMAT, CPU_NAME, PYC_MAGIC, classMajor, glibcText, type GlibcVersion, type JavaVersion, type PyVersion } from './facts';
import { cpuField, targetId } from './run';
import type { Artifact, Machine, Target } from './types';

const L = (en: string, ko: string): Localized => ({ en, ko });

type MachineBase = Omit<Machine, 'python' | 'java' | 'wasmtime'>;

/** Operating-system installs, without the VMs (added per question). */
export const MACHINES: readonly MachineBase[] = [
  { id: 'ubuntu-24.04-x86_64', name: L('Ubuntu 24.04 on an x86_64 PC', 'x86_64 PC의 Ubuntu 24.04'), os: 'linux', cpu: 'x86_64', libc: { kind: 'glibc', version: [2, 39] } },
  { id: 'debian-11-x86_64', name: L('Debian 11 on an x86_64 server', 'x86_64 서버의 Debian 11'), os: 'linux', cpu: 'x86_64', libc: { kind: 'glibc', version: [2, 31] } },
  { id: 'debian-12-aarch64', name: L('Debian 12 on an aarch64 (ARM64) server', 'aarch64(ARM64) 서버의 Debian 12'), os: 'linux', cpu: 'aarch64', libc: { kind: 'glibc', version: [2, 36] } },
  { id: 'alpine-3.20-x86_64', name: L('Alpine Linux 3.20 (musl) on x86_64', 'x86_64의 Alpine Linux 3.20 (musl)'), os: 'linux', cpu: 'x86_64', libc: { kind: 'musl' } },
  { id: 'alpine-3.20-aarch64', name: L('Alpine Linux 3.20 (musl) on aarch64', 'aarch64의 Alpine Linux 3.20 (musl)'), os: 'linux', cpu: 'aarch64', libc: { kind: 'musl' } },
  { id: 'windows-11-x64', name: L('Windows 11 on an x64 PC', 'x64 PC의 Windows 11'), os: 'windows', cpu: 'x86_64', libc: null },
  { id: 'windows-11-arm64', name: L('Windows 11 on an ARM64 laptop', 'ARM64 노트북의 Windows 11'), os: 'windows', cpu: 'aarch64', libc: null },
  { id: 'macos-14-arm64', name: L('macOS 14 on Apple silicon (arm64)', 'Apple silicon(arm64)의 macOS 14'), os: 'macos', cpu: 'aarch64', libc: null },
  { id: 'macos-13-x86_64', name: L('macOS 13 on an Intel Mac (x86_64)', 'Intel Mac(x86_64)의 macOS 13'), os: 'macos', cpu: 'x86_64', libc: null },
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

/** The machine in one line: OS, CPU, C library, installed VMs. */
export function machineText(m: Machine): Localized {
  const libc = m.libc ? (m.libc.kind === 'glibc' ? `glibc ${glibcText(m.libc.version)}` : 'musl libc') : null;
  const vms = [m.python ? `CPython ${m.python}` : null, m.java ? `Java ${m.java} runtime` : null, m.wasmtime ? 'wasmtime' : null].filter((x): x is string => x !== null);
  const vmsKo = [m.python ? `CPython ${m.python}` : null, m.java ? `Java ${m.java} 런타임` : null, m.wasmtime ? 'wasmtime' : null].filter((x): x is string => x !== null);
  return L(
    `${m.name.en}${libc ? `, ${libc}` : ''}; installed: ${vms.length > 0 ? vms.join(', ') : 'no VM (no Python, Java or wasm runtime)'}`,
    `${m.name.ko}${libc ? `, ${libc}` : ''}. 설치됨: ${vmsKo.length > 0 ? vmsKo.join(', ') : 'VM 없음 (Python, Java, wasm 런타임 없음)'}`,
  );
}

function nativeFile(t: Target): string {
  return t.os === 'windows' ? 'app.exe' : 'app';
}

/** How an artifact is described in options and tables (what `file` would tell you). */
export function artifactText(a: Artifact): Localized {
  switch (a.kind) {
    case 'native': {
      const t = a.target;
      const file = a.vm === 'python' ? (t.os === 'windows' ? 'python.exe' : 'python3') : a.vm === 'java' ? (t.os === 'windows' ? 'java.exe' : 'java') : nativeFile(t);
      const what = a.vm === 'python' ? L(' (the CPython interpreter itself, copied from a ' + targetId(t) + ' install)', ` (CPython 인터프리터 자체, ${targetId(t)} 설치본에서 복사)`) : a.vm === 'java' ? L(` (the JVM launcher, copied from a ${targetId(t)} install)`, ` (JVM 실행 파일, ${targetId(t)} 설치본에서 복사)`) : L('', '');
      const head = `${file} — ${BINARY_FORMAT[t.os]} ${CPU_NAME[t.os][t.cpu]} (${cpuField(t.os, t.cpu)})`;
      if (t.os !== 'linux') return L(`${head}${what.en}`, `${head}${what.ko}`);
      if (a.linking === 'static') return L(`${head}, statically linked (musl)${what.en}`, `${head}, 정적 링크 (musl)${what.ko}`);
      if (t.abi === 'musl') return L(`${head}, dynamically linked against musl${what.en}`, `${head}, musl에 동적 링크${what.ko}`);
      const need = a.glibc ? `, needs GLIBC_${glibcText(a.glibc)}` : '';
      const needKo = a.glibc ? `, GLIBC_${glibcText(a.glibc)} 필요` : '';
      return L(`${head}, dynamically linked against glibc${need}${what.en}`, `${head}, glibc에 동적 링크${needKo}${what.ko}`);
    }
    case 'pyc':
      return L(
        `app.pyc — CPython ${a.python} bytecode (magic ${PYC_MAGIC[a.python]}), run as \`python3 app.pyc\`; no app.py anywhere`,
        `app.pyc — CPython ${a.python} 바이트코드 (매직 ${PYC_MAGIC[a.python]}), \`python3 app.pyc\`로 실행. app.py는 어디에도 없음`,
      );
    case 'class':
      return L(
        `${a.jar ? 'app.jar — class files' : 'App.class — a class file'} compiled with javac --release ${a.java} (class-file major ${classMajor(a.java)})`,
        `${a.jar ? 'app.jar — 클래스 파일들' : 'App.class — 클래스 파일'}, javac --release ${a.java}로 컴파일 (클래스 파일 major ${classMajor(a.java)})`,
      );
    case 'wasm':
      return L('app.wasm — WebAssembly module (WASI preview 1), run as `wasmtime app.wasm`', 'app.wasm — WebAssembly 모듈 (WASI preview 1), `wasmtime app.wasm`으로 실행');
  }
}

/** A short kind label: "native linux-x86_64-gnu", "bytecode (CPython 3.11)". */
export function artifactKind(a: Artifact): string {
  switch (a.kind) {
    case 'native':
      return `${a.vm ? 'VM ' : ''}native ${targetId(a.target)}${a.target.os === 'linux' && a.linking === 'static' ? ' (static)' : ''}`;
    case 'pyc':
      return `bytecode CPython ${a.python}`;
    case 'class':
      return `bytecode Java ${a.java} (major ${classMajor(a.java)})`;
    case 'wasm':
      return 'wasm module';
  }
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

