/**
 * The two flows of the seed notes, step by step, run for a given platform:
 *   native: source → compiler (for the target) → machine code (ELF/PE/Mach-O) → loader + CPU
 *   VM:     source → bytecode compiler → bytecode → VM built for the platform → CPU
 * Each step reports what it is or produces on a platform; a step depends on the OS or CPU
 * exactly when that differs between platforms. The bytecode is the same file everywhere
 * (for one VM version), while the VM that runs it is a native program built per platform.
 */
import type { Localized } from '@/lib/questions/types';
import { BINARY_FORMAT, CPU_NAME, LINUX_LOADER, PYC_MAGIC, classMajor, pycCacheTag, type JavaVersion, type PyVersion } from './facts';
import { cpuField, targetId } from './run';
import type { Machine, Target } from './types';
import { nativeTarget } from './catalog';

const L = (en: string, ko: string): Localized => ({ en, ko });

export type FlowKind = 'c' | 'python' | 'java' | 'wasm' | 'c-detailed' | 'python-detailed' | 'java-detailed';

/** The VM versions a flow is run with (bytecode depends on them, never on the platform). */
export interface FlowVersions {
  readonly python: PyVersion;
  readonly java: JavaVersion;
}

export interface FlowStep {
  readonly id: string;
  readonly label: Localized;
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

const S = (id: string, en: string, ko: string, output: FlowStep['output']): FlowStep => ({ id, label: L(en, ko), output });

const OUTPUT = S('output', 'the output: Hello, world!', '출력: Hello, world!', () => 'Hello, world!');

/** The steps of each flow, in order. */
export const FLOWS: Readonly<Record<FlowKind, readonly FlowStep[]>> = {
  c: [
    S('c.source', 'hello.c — the C source code', 'hello.c — C 소스 코드', () => 'hello.c'),
    S('c.compile', 'the compiler run (gcc / clang / MSVC) that turns hello.c into machine code', 'hello.c를 기계어로 바꾸는 컴파일러 실행 (gcc / clang / MSVC)', (t) => compilerOf(t)),
    S('c.binary', 'the machine code: the executable file the compiler writes', '기계어: 컴파일러가 쓴 실행 파일', (t) => `${exe(t, 'hello')} (${cpuField(t.os, t.cpu)})`),
    S('c.run', 'the OS loader starts it and the CPU executes its instructions', 'OS 로더가 시작하고 CPU가 그 명령어를 실행', (t) => `${loaderOf(t)}, ${cpuOf(t)}`),
    OUTPUT,
  ],
  python: [
    S('py.source', 'hello.py — the Python source code', 'hello.py — 파이썬 소스 코드', () => 'hello.py'),
    S('py.compile', 'CPython’s bytecode compiler (python3 -m py_compile hello.py)', 'CPython의 바이트코드 컴파일러 (python3 -m py_compile hello.py)', (_, v) => `compile() → code object (CPython ${v.python})`),
    S('py.pyc', 'the bytecode: hello.pyc', '바이트코드: hello.pyc', (_, v) => `hello.pyc, magic ${PYC_MAGIC[v.python]}`),
    S('py.vm', 'the VM: the python3 interpreter that executes the bytecode', 'VM: 바이트코드를 실행하는 python3 인터프리터', (t, v) => `${exe(t, `python${v.python}`)}`),
    S('py.run', 'the CPU running the interpreter’s machine code, which carries out each bytecode instruction', '각 바이트코드 명령을 수행하는 인터프리터의 기계어를 CPU가 실행', (t) => `${cpuOf(t)} runs ${targetId(t)} machine code`),
    OUTPUT,
  ],
  java: [
    S('java.source', 'Hello.java — the Java source code', 'Hello.java — 자바 소스 코드', () => 'Hello.java'),
    S('java.compile', 'the bytecode compiler: javac', '바이트코드 컴파일러: javac', (_, v) => `javac --release ${v.java}`),
    S('java.class', 'the bytecode: Hello.class', '바이트코드: Hello.class', (_, v) => `Hello.class, major ${classMajor(v.java)}`),
    S('java.vm', 'the VM: the JVM (the java program) that executes the bytecode', 'VM: 바이트코드를 실행하는 JVM (java 프로그램)', (t) => exe(t, 'java')),
    S('java.jit', 'the machine code the JVM’s JIT compiler generates, run by the CPU', 'JVM의 JIT 컴파일러가 만든 기계어를 CPU가 실행', (t) => `${ISA[t.cpu]} machine code`),
    OUTPUT,
  ],
  wasm: [
    S('wasm.source', 'app.c — C source code for a WebAssembly build', 'app.c — WebAssembly 빌드용 C 소스 코드', () => 'app.c'),
    S('wasm.compile', 'clang --target=wasm32-wasi: compiling to WebAssembly instead of a real CPU', 'clang --target=wasm32-wasi: 실제 CPU 대신 WebAssembly로 컴파일', () => 'clang --target=wasm32-wasi'),
    S('wasm.module', 'the module: app.wasm (WebAssembly bytecode)', '모듈: app.wasm (WebAssembly 바이트코드)', () => 'app.wasm (\\0asm, version 1)'),
    S('wasm.runtime', 'the wasm runtime (wasmtime) that executes the module', '모듈을 실행하는 wasm 런타임 (wasmtime)', (t) => exe(t, 'wasmtime')),
    S('wasm.jit', 'the machine code wasmtime compiles the module into, run by the CPU', 'wasmtime이 모듈을 컴파일한 기계어를 CPU가 실행', (t) => `${ISA[t.cpu]} machine code`),
    OUTPUT,
  ],
  'c-detailed': [
    S('cd.source', 'hello.c — the C source code', 'hello.c — C 소스 코드', () => 'hello.c'),
    S('cd.preprocess', 'the preprocessor expands #include <stdio.h> and macros (hello.i)', '전처리기가 #include <stdio.h>와 매크로를 펼침 (hello.i)', (t) => `hello.i with ${t.os === 'windows' ? 'MSVC' : t.abi === 'musl' ? 'musl' : t.os === 'macos' ? 'macOS SDK' : 'glibc'} headers`),
    S('cd.compile', 'the compiler proper translates C into assembly for the target CPU (hello.s)', '컴파일러 본체가 C를 대상 CPU의 어셈블리로 번역 (hello.s)', (t) => `hello.s: ${t.cpu === 'x86_64' ? 'x86-64' : 'AArch64'} assembly`),
    S('cd.assemble', 'the assembler encodes the instructions as machine code in an object file (hello.o)', '어셈블러가 명령어를 기계어로 인코딩해 목적 파일을 만듦 (hello.o)', (t) => `hello.${t.os === 'windows' ? 'obj (COFF)' : t.os === 'macos' ? 'o (Mach-O)' : 'o (ELF relocatable)'}`),
    S('cd.link', 'the linker joins hello.o with the C library’s start-up code and symbols into an executable', '링커가 hello.o를 C 라이브러리의 시작 코드·심볼과 합쳐 실행 파일을 만듦', (t) => exe(t, 'hello')),
    S('cd.load', 'the OS loader maps the executable (and the shared C library) into a new process', 'OS 로더가 실행 파일(과 공유 C 라이브러리)을 새 프로세스에 매핑', (t) => loaderOf(t)),
    S('cd.cpu', 'the CPU executes the machine instructions', 'CPU가 기계어 명령을 실행', (t) => cpuOf(t)),
  ],
  'python-detailed': [
    S('pd.source', 'hello.py — the Python source code (imported as a module)', 'hello.py — 파이썬 소스 코드 (모듈로 import됨)', () => 'hello.py'),
    S('pd.parse', 'the parser turns the source into an abstract syntax tree (AST)', '파서가 소스를 추상 구문 트리(AST)로 바꿈', (_, v) => `AST (CPython ${v.python} grammar)`),
    S('pd.compile', 'the compiler turns the AST into bytecode (a code object)', '컴파일러가 AST를 바이트코드(코드 객체)로 바꿈', (_, v) => `code object (CPython ${v.python})`),
    S('pd.cache', 'the bytecode is cached in __pycache__ as a .pyc named by the interpreter’s cache tag', '바이트코드가 인터프리터의 캐시 태그 이름으로 __pycache__에 .pyc로 캐시됨', (_, v) => `__pycache__/hello.${pycCacheTag(v.python)}.pyc, magic ${PYC_MAGIC[v.python]}`),
    S('pd.eval', 'the VM’s evaluation loop (ceval) executes the bytecode instructions one by one', 'VM의 평가 루프(ceval)가 바이트코드 명령을 하나씩 실행', (t, v) => `ceval in ${exe(t, `python${v.python}`)}`),
    S('pd.cpu', 'the CPU runs the interpreter’s own machine code', 'CPU가 인터프리터 자신의 기계어를 실행', (t) => cpuOf(t)),
  ],
  'java-detailed': [
    S('jd.source', 'Hello.java — the Java source code', 'Hello.java — 자바 소스 코드', () => 'Hello.java'),
    S('jd.javac', 'javac compiles it to bytecode (Hello.class)', 'javac가 바이트코드로 컴파일 (Hello.class)', (_, v) => `Hello.class, major ${classMajor(v.java)}`),
    S('jd.load', 'the JVM’s class loader reads Hello.class', 'JVM의 클래스 로더가 Hello.class를 읽음', (t) => `class loader in ${exe(t, 'java')}`),
    S('jd.verify', 'the bytecode verifier checks the class before it runs', '실행 전에 바이트코드 검증기가 클래스를 검사', () => 'verifier (same rules everywhere)'),
    S('jd.interpret', 'the interpreter starts executing the bytecode', '인터프리터가 바이트코드 실행을 시작', (t) => `interpreter in ${exe(t, 'java')}`),
    S('jd.jit', 'the JIT compiler turns hot methods into machine code for this CPU', 'JIT 컴파일러가 자주 쓰이는 메서드를 이 CPU의 기계어로 바꿈', (t) => `${ISA[t.cpu]} machine code`),
    S('jd.cpu', 'the CPU executes that machine code', 'CPU가 그 기계어를 실행', (t) => cpuOf(t)),
  ],
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
  readonly step: FlowStep;
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
    return { step, outputs, platformDependent: new Set(outputs).size > 1 };
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
