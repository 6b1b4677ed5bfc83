/**
 * The two flows of the seed notes, step by step, run for a given platform:
 *   native: source → compiler (for the target) → machine code (ELF/PE/Mach-O) → loader + CPU
 *   VM:     source → bytecode compiler → bytecode → VM built for the platform → CPU
 * Each step reports what it is or produces on a platform; a step depends on the OS or CPU
 * exactly when that differs between platforms. The bytecode is the same file everywhere
 * (for one VM version), while the VM that runs it is a native program built per platform.
 */
import { BINARY_FORMAT, CPU_NAME, LINUX_LOADER, PYC_MAGIC, classMajor, pycCacheTag, type JavaVersion, type PyVersion } from './facts';
import { cpuField, targetId } from './run';
import type { Machine, Target } from './types';
import { nativeTarget } from './catalog';

export type FlowKind = 'c' | 'python' | 'java' | 'wasm' | 'c-detailed' | 'python-detailed' | 'java-detailed' | 'python-import';

/** The VM versions a flow is run with (bytecode depends on them, never on the platform). */
export interface FlowVersions {
  readonly python: PyVersion;
  readonly java: JavaVersion;
}

export interface FlowStep {
  /** Stable id (`c.compile`, `py.pyc`, …); lib/questions/build/explain.ts names each step. */
  readonly id: string;
  /** What this step is, or produces, on target `t`. */
  output(t: Target, v: FlowVersions): string;
}

/** A native executable for the target, as `file` would summarise it (Linux: which C library). */
const exe = (t: Target, name: string) =>
  `${t.os === 'windows' ? `${name}.exe` : name}: ${BINARY_FORMAT[t.os]} ${CPU_NAME[t.os][t.cpu]}${t.os === 'linux' ? (t.abi === 'musl' ? ', musl' : ', glibc') : ''}`;

function loaderOf(t: Target): string {
  if (t.os === 'linux') return `execve + ${LINUX_LOADER[t.abi === 'musl' ? 'musl' : 'gnu'][t.cpu]}`;
  if (t.os === 'windows') return 'Windows PE loader (ntdll)';
  return 'macOS dyld';
}

function compilerOf(t: Target): string {
  if (t.os === 'windows') return `MSVC cl.exe → ${CPU_NAME.windows[t.cpu]} code`;
  if (t.os === 'macos') return `clang -arch ${CPU_NAME.macos[t.cpu]}`;
  return `${t.abi === 'musl' ? 'musl-gcc' : 'gcc'} → ${t.cpu}-linux-${t.abi}`;
}

/** The instruction set, named the same on every OS (Windows says x64/ARM64, Apple arm64). */
const ISA: Readonly<Record<Target['cpu'], string>> = { x86_64: 'x86-64', aarch64: 'AArch64' };
const cpuOf = (t: Target) => `${ISA[t.cpu]} CPU`;

const S = (id: string, output: FlowStep['output']): FlowStep => ({ id, output });

const OUTPUT = S('output', () => 'Hello, world!');

/** The steps of each flow, in order. */
export const FLOWS: Readonly<Record<FlowKind, readonly FlowStep[]>> = {
  c: [
    S('c.source', () => 'hello.c'),
    S('c.compile', (t) => compilerOf(t)),
    S('c.binary', (t) => `${exe(t, 'hello')} (${cpuField(t.os, t.cpu)})`),
    S('c.run', (t) => `${loaderOf(t)}, ${cpuOf(t)}`),
    OUTPUT,
  ],
  python: [
    S('py.source', () => 'hello.py'),
    S('py.compile', (_, v) => `compile() → code object (CPython ${v.python})`),
    S('py.pyc', (_, v) => `hello.pyc, magic ${PYC_MAGIC[v.python]}`),
    S('py.vm', (t, v) => `${exe(t, `python${v.python}`)}`),
    S('py.run', (t) => `${cpuOf(t)} runs ${targetId(t)} machine code`),
    OUTPUT,
  ],
  java: [
    S('java.source', () => 'Hello.java'),
    S('java.compile', (_, v) => `javac --release ${v.java}`),
    S('java.class', (_, v) => `Hello.class, major ${classMajor(v.java)}`),
    S('java.vm', (t) => exe(t, 'java')),
    S('java.jit', (t) => `${ISA[t.cpu]} machine code`),
    OUTPUT,
  ],
  wasm: [
    S('wasm.source', () => 'app.c'),
    S('wasm.compile', () => 'clang --target=wasm32-wasi'),
    S('wasm.module', () => 'app.wasm (\\0asm, version 1)'),
    S('wasm.runtime', (t) => exe(t, 'wasmtime')),
    S('wasm.jit', (t) => `${ISA[t.cpu]} machine code`),
    OUTPUT,
  ],
  'c-detailed': [
    S('cd.source', () => 'hello.c'),
    S('cd.preprocess', (t) => `hello.i with ${t.os === 'windows' ? 'MSVC' : t.abi === 'musl' ? 'musl' : t.os === 'macos' ? 'macOS SDK' : 'glibc'} headers`),
    S('cd.compile', (t) => `hello.s: ${t.cpu === 'x86_64' ? 'x86-64' : 'AArch64'} assembly`),
    S('cd.assemble', (t) => `hello.${t.os === 'windows' ? 'obj (COFF)' : t.os === 'macos' ? 'o (Mach-O)' : 'o (ELF relocatable)'}`),
    S('cd.link', (t) => exe(t, 'hello')),
    S('cd.load', (t) => loaderOf(t)),
    S('cd.cpu', (t) => cpuOf(t)),
  ],
  'python-detailed': [
    S('pd.source', () => 'hello.py'),
    S('pd.parse', (_, v) => `AST (CPython ${v.python} grammar)`),
    S('pd.compile', (_, v) => `code object (CPython ${v.python})`),
    S('pd.cache', (_, v) => `__pycache__/hello.${pycCacheTag(v.python)}.pyc, magic ${PYC_MAGIC[v.python]}`),
    S('pd.eval', (t, v) => `ceval in ${exe(t, `python${v.python}`)}`),
    S('pd.cpu', (t) => cpuOf(t)),
  ],
  'java-detailed': [
    S('jd.source', () => 'Hello.java'),
    S('jd.javac', (_, v) => `Hello.class, major ${classMajor(v.java)}`),
    S('jd.load', (t) => `class loader in ${exe(t, 'java')}`),
    S('jd.verify', () => 'verifier (same rules everywhere)'),
    S('jd.interpret', (t) => `interpreter in ${exe(t, 'java')}`),
    S('jd.jit', (t) => `${ISA[t.cpu]} machine code`),
    S('jd.cpu', (t) => cpuOf(t)),
  ],
  /**
   * `python3 main.py`, where main.py is `import helper`, a print, then helper.greet(), the first
   * time (no __pycache__ yet). The script run directly is compiled in memory and never cached;
   * the imported module is found, compiled, its .pyc written (SourceLoader.get_code caches the
   * bytecode before returning it), and only then is its top level executed (exec_module), to
   * the end, all while main.py waits at its import line.
   */
  'python-import': [
    S('pi.main', (_, v) => `python${v.python} main.py: code object, no .pyc for the script`),
    S('pi.import', () => 'main.py runs: import helper'),
    S('pi.find', () => 'helper.py found on sys.path'),
    S('pi.compile', (_, v) => `helper.py → code object (CPython ${v.python})`),
    S('pi.cache', (_, v) => `__pycache__/helper.${pycCacheTag(v.python)}.pyc, magic ${PYC_MAGIC[v.python]}`),
    S('pi.exec', (t, v) => `helper's top level in ${exe(t, `python${v.python}`)}`),
    S('pi.next', () => 'main.py: main after import'),
    S('pi.call', () => 'helper.greet(): Hello, world!'),
  ],
};

/** The calling convention a C compiler follows for each target (it decides where arguments go). */
const CALLING_CONVENTION: Readonly<Record<Target['os'], Readonly<Record<Target['cpu'], string>>>> = {
  linux: { x86_64: 'System V AMD64 ABI', aarch64: 'AAPCS64' },
  // Apple's arm64 ABI passes every variadic argument (printf's) on the stack, AAPCS64 in registers.
  macos: { x86_64: 'System V AMD64 ABI', aarch64: 'Apple arm64 ABI (variadic arguments on the stack)' },
  windows: { x86_64: 'Microsoft x64 ABI', aarch64: 'Windows ARM64 ABI' },
};

const ASM_DIRECTIVES: Readonly<Record<Target['os'], string>> = { linux: 'ELF', macos: 'Mach-O', windows: 'COFF' };

/**
 * What `cc -S hello.c` writes, version 2: the assembly depends on the OS as well as the CPU — the
 * calling convention (Apple's arm64 ABI differs from AAPCS64 for variadic calls), the object
 * format's section directives, and the symbol names (Mach-O prefixes `_`: `_main`, `_printf`).
 * Version 1 (`FLOWS['c-detailed']`) named only the instruction set, so Linux and macOS on
 * arm64 looked the same (issue 12 §2).
 */
export function assemblyOutput(t: Target): string {
  const main = t.os === 'macos' ? '_main' : 'main';
  return `hello.s: ${ISA[t.cpu]} assembly, ${CALLING_CONVENTION[t.os][t.cpu]}, ${ASM_DIRECTIVES[t.os]} directives, symbol ${main}`;
}

/** The flows as version 2 of `order-flow` runs them: `cd.compile` reports `assemblyOutput`. */
export const FLOWS_V2: Readonly<Record<FlowKind, readonly FlowStep[]>> = {
  ...FLOWS,
  'c-detailed': FLOWS['c-detailed'].map((step) => (step.id === 'cd.compile' ? S('cd.compile', (t) => assemblyOutput(t)) : step)),
};

/** A flow step by id, from any flow (throws on an unknown id: a programmer mistake). */
export function flowStep(id: string): FlowStep {
  for (const steps of Object.values(FLOWS)) {
    const s = steps.find((x) => x.id === id);
    if (s) return s;
  }
  throw new RangeError(`unknown flow step ${id}`);
}

export interface StepComparison {
  /** The step's id. */
  readonly id: string;
  /** The step's output on each platform, in the order given. */
  readonly outputs: readonly string[];
  /** Differs between the platforms: depends on the OS or the CPU. */
  readonly platformDependent: boolean;
}

/**
 * Runs a flow's steps for each platform (same VM versions everywhere) and compares: a step
 * depends on the OS or CPU exactly when its output differs between platforms.
 */
export function compareFlow(steps: readonly FlowStep[], platforms: readonly Target[], v: FlowVersions): StepComparison[] {
  return steps.map((step) => {
    const outputs = platforms.map((t) => step.output(t, v));
    return { id: step.id, outputs, platformDependent: new Set(outputs).size > 1 };
  });
}

// ------------------------------------------------------------------ shipping

export type ShipMode =
  /** One native executable per target triple. */
  | 'native'
  /** The VM (JVM) executables the platforms need: the VM is native, one build per target triple. */
  | 'vm-builds'
  /** Sourceless .pyc files: one set per CPython minor version found on the platforms. */
  | 'pyc'
  /** Class files: one set compiled for the oldest JVM (newer JVMs load older class files). */
  | 'jar';

export interface ShipGroup {
  /** e.g. `linux-x86_64-gnu`, `CPython 3.11`, `javac --release 11`. */
  readonly key: string;
  /** Indexes of the platforms this build serves. */
  readonly platforms: readonly number[];
}

/**
 * How many distinct builds ship one program to `platforms`. Native: one per target triple
 * (OS, CPU, C library ABI); glibc builds are made on the oldest glibc of their group, since
 * glibc is backward compatible. Bytecode: .pyc files per CPython minor version (magic
 * number); class files once, for the oldest Java runtime among the platforms.
 */
export function buildsToShip(platforms: readonly Machine[], mode: ShipMode): ShipGroup[] {
  const groups: { key: string; platforms: number[] }[] = [];
  const add = (key: string, i: number) => {
    const g = groups.find((x) => x.key === key);
    if (g) g.platforms.push(i);
    else groups.push({ key, platforms: [i] });
  };
  if (mode === 'jar') {
    const javas = platforms.map((m) => m.java).filter((j): j is JavaVersion => j !== null);
    if (javas.length === 0) return [];
    const oldest = Math.min(...javas);
    platforms.forEach((m, i) => {
      if (m.java !== null) add(`javac --release ${oldest}`, i);
    });
    return groups;
  }
  platforms.forEach((m, i) => {
    if (mode === 'pyc') {
      if (m.python) add(`CPython ${m.python}`, i);
    } else {
      add(targetId(nativeTarget(m)), i);
    }
  });
  return groups;
}
