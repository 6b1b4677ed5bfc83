/**
 * The build domain's words: what machines, files and flow steps are called, and what each
 * check of the loader or VM says, in both languages. The simulator (lib/sim/build) gives
 * structured data; this is the one place it becomes text.
 */
import {
  BINARY_FORMAT,
  CPU_NAME,
  LINUX_LOADER,
  PYC_MAGIC,
  classMajor,
  cpuField,
  glibcText,
  osName,
  targetId,
  type Artifact,
  type Machine,
  type RunCheck,
  type RunVerdict,
  type Target,
} from '@/lib/sim/build';
import { L } from '../kit';
import type { Localized } from '../types';

/** What each machine of `MACHINES` is called, by id. */
export const MACHINE_NAMES: Readonly<Record<string, Localized>> = {
  'ubuntu-24.04-x86_64': L('Ubuntu 24.04 on an x86_64 PC', 'x86_64 PC의 Ubuntu 24.04'),
  'debian-11-x86_64': L('Debian 11 on an x86_64 server', 'x86_64 서버의 Debian 11'),
  'debian-12-aarch64': L('Debian 12 on an aarch64 (ARM64) server', 'aarch64(ARM64) 서버의 Debian 12'),
  'alpine-3.20-x86_64': L('Alpine Linux 3.20 (musl) on x86_64', 'x86_64의 Alpine Linux 3.20 (musl)'),
  'alpine-3.20-aarch64': L('Alpine Linux 3.20 (musl) on aarch64', 'aarch64의 Alpine Linux 3.20 (musl)'),
  'windows-11-x64': L('Windows 11 on an x64 PC', 'x64 PC의 Windows 11'),
  'windows-11-arm64': L('Windows 11 on an ARM64 laptop', 'ARM64 노트북의 Windows 11'),
  'macos-14-arm64': L('macOS 14 on Apple silicon (arm64)', 'Apple silicon(arm64)의 macOS 14'),
  'macos-13-x86_64': L('macOS 13 on an Intel Mac (x86_64)', 'Intel Mac(x86_64)의 macOS 13'),
};

/** The machine in one line: OS, CPU, C library, installed VMs. */
export function machineText(m: Machine): Localized {
  const name = machineName(m);
  const libc = m.libc ? (m.libc.kind === 'glibc' ? `glibc ${glibcText(m.libc.version)}` : 'musl libc') : null;
  const vms = [m.python ? `CPython ${m.python}` : null, m.java ? `Java ${m.java} runtime` : null, m.wasmtime ? 'wasmtime' : null].filter((x): x is string => x !== null);
  const vmsKo = [m.python ? `CPython ${m.python}` : null, m.java ? `Java ${m.java} 런타임` : null, m.wasmtime ? 'wasmtime' : null].filter((x): x is string => x !== null);
  return L(
    `${name.en}${libc ? `, ${libc}` : ''}; installed: ${vms.length > 0 ? vms.join(', ') : 'no VM (no Python, Java or wasm runtime)'}`,
    `${name.ko}${libc ? `, ${libc}` : ''}. 설치됨: ${vmsKo.length > 0 ? vmsKo.join(', ') : 'VM 없음 (Python, Java, wasm 런타임 없음)'}`,
  );
}

/** A machine's name (its id when it is not one of `MACHINES`). */
export function machineName(m: Pick<Machine, 'id'>): Localized {
  return MACHINE_NAMES[m.id] ?? L(m.id, m.id);
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
      const what =
        a.vm === 'python'
          ? L(` (the CPython interpreter itself, copied from a ${targetId(t)} install)`, ` (CPython 인터프리터 자체, ${targetId(t)} 설치본에서 복사)`)
          : a.vm === 'java'
            ? L(` (the JVM launcher, copied from a ${targetId(t)} install)`, ` (JVM 실행 파일, ${targetId(t)} 설치본에서 복사)`)
            : L('', '');
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

/** What one check of the loader or VM looked at and found. */
export function checkText(c: RunCheck): Localized {
  switch (c.kind) {
    case 'format': {
      const fmt = BINARY_FORMAT[c.fileOs];
      return L(
        `${osName(c.machineOs)} loads ${BINARY_FORMAT[c.machineOs]} executables; the file is ${fmt}`,
        `${osName(c.machineOs)}는 ${BINARY_FORMAT[c.machineOs]} 실행 파일을 적재합니다. 이 파일은 ${fmt}입니다`,
      );
    }
    case 'cpu':
      return L(
        `header ${cpuField(c.fileOs, c.fileCpu)} (${CPU_NAME[c.fileOs][c.fileCpu]} machine code); the CPU is ${CPU_NAME[c.machineOs][c.machineCpu]}`,
        `헤더 ${cpuField(c.fileOs, c.fileCpu)} (${CPU_NAME[c.fileOs][c.fileCpu]} 기계어). CPU는 ${CPU_NAME[c.machineOs][c.machineCpu]}입니다`,
      );
    case 'loader': {
      const loader = LINUX_LOADER[c.libc][c.cpu];
      const libc = c.libc === 'musl' ? 'musl' : 'glibc';
      return L(
        `program interpreter ${loader} (${libc}); this system's C library is ${c.systemLibc ?? 'none'}`,
        `프로그램 인터프리터 ${loader} (${libc}). 이 시스템의 C 라이브러리는 ${c.systemLibc ?? '없음'}입니다`,
      );
    }
    case 'glibc':
      return L(
        `needs symbols up to GLIBC_${glibcText(c.need)}; the system has glibc ${glibcText(c.have)}`,
        `GLIBC_${glibcText(c.need)}까지의 심볼이 필요합니다. 시스템의 glibc는 ${glibcText(c.have)}입니다`,
      );
    case 'static':
      return L('statically linked: needs no C library or loader from the system', '정적 링크: 시스템의 C 라이브러리나 로더가 필요 없습니다');
    case 'python':
      return L(
        `a CPython interpreter is installed: ${c.installed ? `python${c.installed}` : 'none'}`,
        `CPython 인터프리터 설치 여부: ${c.installed ? `python${c.installed}` : '없음'}`,
      );
    case 'pyc-magic':
      return L(
        `.pyc magic ${PYC_MAGIC[c.pyc]} (CPython ${c.pyc}); python${c.python} accepts only ${PYC_MAGIC[c.python]}`,
        `.pyc 매직 ${PYC_MAGIC[c.pyc]} (CPython ${c.pyc}). python${c.python}은 ${PYC_MAGIC[c.python]}만 받습니다`,
      );
    case 'java':
      return L(`a Java runtime is installed: ${c.installed ? `Java ${c.installed}` : 'none'}`, `자바 런타임 설치 여부: ${c.installed ? `Java ${c.installed}` : '없음'}`);
    case 'class-version':
      return L(
        `class-file major ${classMajor(c.classJava)} (Java ${c.classJava}); Java ${c.java} loads majors up to ${classMajor(c.java)}`,
        `클래스 파일 major ${classMajor(c.classJava)} (Java ${c.classJava}). Java ${c.java}는 ${classMajor(c.java)}까지 적재합니다`,
      );
    case 'wasm-runtime':
      return L(`a WASI runtime (wasmtime) is installed: ${c.installed ? 'yes' : 'no'}`, `WASI 런타임(wasmtime) 설치 여부: ${c.installed ? '예' : '아니요'}`);
  }
}

/** A verdict's checks in order, each marked ✓ or ✗. */
export function checksText(v: RunVerdict): Localized {
  const texts = v.checks.map((c) => [c.ok ? '✓' : '✗', checkText(c)] as const);
  return L(texts.map(([mark, t]) => `${mark} ${t.en}`).join('; '), texts.map(([mark, t]) => `${mark} ${t.ko}`).join('; '));
}

/** What each flow step is, by its id (lib/sim/build/flow.ts), as the options and tables name it. */
export const FLOW_STEP_LABELS: Readonly<Record<string, Localized>> = {
  output: L('the output: Hello, world!', '출력: Hello, world!'),
  'c.source': L('hello.c — the C source code', 'hello.c — C 소스 코드'),
  'c.compile': L('the compiler run (gcc / clang / MSVC) that turns hello.c into machine code', 'hello.c를 기계어로 바꾸는 컴파일러 실행 (gcc / clang / MSVC)'),
  'c.binary': L('the machine code: the executable file the compiler writes', '기계어: 컴파일러가 쓴 실행 파일'),
  'c.run': L('the OS loader starts it and the CPU executes its instructions', 'OS 로더가 시작하고 CPU가 그 명령어를 실행'),
  'py.source': L('hello.py — the Python source code', 'hello.py — 파이썬 소스 코드'),
  'py.compile': L('CPython’s bytecode compiler (python3 -m py_compile hello.py)', 'CPython의 바이트코드 컴파일러 (python3 -m py_compile hello.py)'),
  'py.pyc': L('the bytecode: hello.pyc', '바이트코드: hello.pyc'),
  'py.vm': L('the VM: the python3 interpreter that executes the bytecode', 'VM: 바이트코드를 실행하는 python3 인터프리터'),
  'py.run': L('the CPU running the interpreter’s machine code, which carries out each bytecode instruction', '각 바이트코드 명령을 수행하는 인터프리터의 기계어를 CPU가 실행'),
  'java.source': L('Hello.java — the Java source code', 'Hello.java — 자바 소스 코드'),
  'java.compile': L('the bytecode compiler: javac', '바이트코드 컴파일러: javac'),
  'java.class': L('the bytecode: Hello.class', '바이트코드: Hello.class'),
  'java.vm': L('the VM: the JVM (the java program) that executes the bytecode', 'VM: 바이트코드를 실행하는 JVM (java 프로그램)'),
  'java.jit': L('the machine code the JVM’s JIT compiler generates, run by the CPU', 'JVM의 JIT 컴파일러가 만든 기계어를 CPU가 실행'),
  'wasm.source': L('app.c — C source code for a WebAssembly build', 'app.c — WebAssembly 빌드용 C 소스 코드'),
  'wasm.compile': L('clang --target=wasm32-wasi: compiling to WebAssembly instead of a real CPU', 'clang --target=wasm32-wasi: 실제 CPU 대신 WebAssembly로 컴파일'),
  'wasm.module': L('the module: app.wasm (WebAssembly bytecode)', '모듈: app.wasm (WebAssembly 바이트코드)'),
  'wasm.runtime': L('the wasm runtime (wasmtime) that executes the module', '모듈을 실행하는 wasm 런타임 (wasmtime)'),
  'wasm.jit': L('the machine code wasmtime compiles the module into, run by the CPU', 'wasmtime이 모듈을 컴파일한 기계어를 CPU가 실행'),
  'cd.source': L('hello.c — the C source code', 'hello.c — C 소스 코드'),
  'cd.preprocess': L('the preprocessor expands #include <stdio.h> and macros (hello.i)', '전처리기가 #include <stdio.h>와 매크로를 펼침 (hello.i)'),
  'cd.compile': L('the compiler proper translates C into assembly for the target CPU (hello.s)', '컴파일러 본체가 C를 대상 CPU의 어셈블리로 번역 (hello.s)'),
  'cd.assemble': L('the assembler encodes the instructions as machine code in an object file (hello.o)', '어셈블러가 명령어를 기계어로 인코딩해 목적 파일을 만듦 (hello.o)'),
  'cd.link': L('the linker joins hello.o with the C library’s start-up code and symbols into an executable', '링커가 hello.o를 C 라이브러리의 시작 코드·심볼과 합쳐 실행 파일을 만듦'),
  'cd.load': L('the OS loader maps the executable (and the shared C library) into a new process', 'OS 로더가 실행 파일(과 공유 C 라이브러리)을 새 프로세스에 매핑'),
  'cd.cpu': L('the CPU executes the machine instructions', 'CPU가 기계어 명령을 실행'),
  'pd.source': L('hello.py — the Python source code (imported as a module)', 'hello.py — 파이썬 소스 코드 (모듈로 import됨)'),
  'pd.parse': L('the parser turns the source into an abstract syntax tree (AST)', '파서가 소스를 추상 구문 트리(AST)로 바꿈'),
  'pd.compile': L('the compiler turns the AST into bytecode (a code object)', '컴파일러가 AST를 바이트코드(코드 객체)로 바꿈'),
  'pd.cache': L('the bytecode is cached in __pycache__ as a .pyc named by the interpreter’s cache tag', '바이트코드가 인터프리터의 캐시 태그 이름으로 __pycache__에 .pyc로 캐시됨'),
  'pd.eval': L('the VM’s evaluation loop (ceval) executes the bytecode instructions one by one', 'VM의 평가 루프(ceval)가 바이트코드 명령을 하나씩 실행'),
  'pd.cpu': L('the CPU runs the interpreter’s own machine code', 'CPU가 인터프리터 자신의 기계어를 실행'),
  'jd.source': L('Hello.java — the Java source code', 'Hello.java — 자바 소스 코드'),
  'jd.javac': L('javac compiles it to bytecode (Hello.class)', 'javac가 바이트코드로 컴파일 (Hello.class)'),
  'jd.load': L('the JVM’s class loader reads Hello.class', 'JVM의 클래스 로더가 Hello.class를 읽음'),
  'jd.verify': L('the bytecode verifier checks the class before it runs', '실행 전에 바이트코드 검증기가 클래스를 검사'),
  'jd.interpret': L('the interpreter starts executing the bytecode', '인터프리터가 바이트코드 실행을 시작'),
  'jd.jit': L('the JIT compiler turns hot methods into machine code for this CPU', 'JIT 컴파일러가 자주 쓰이는 메서드를 이 CPU의 기계어로 바꿈'),
  'jd.cpu': L('the CPU executes that machine code', 'CPU가 그 기계어를 실행'),
  'pi.main': L('python3 main.py: CPython compiles the script it was given and starts running it (a script run directly gets no .pyc)', 'python3 main.py: CPython이 받은 스크립트를 컴파일하고 실행을 시작 (직접 실행한 스크립트에는 .pyc가 생기지 않음)'),
  'pi.import': L('main.py reaches its first line, import helper', 'main.py가 첫 줄 import helper에 도달'),
  'pi.find': L('the import system finds helper.py on sys.path (no __pycache__ entry yet)', 'import 시스템이 sys.path에서 helper.py를 찾음 (아직 __pycache__ 항목 없음)'),
  'pi.compile': L('CPython compiles helper.py to bytecode (a code object)', 'CPython이 helper.py를 바이트코드(코드 객체)로 컴파일'),
  'pi.cache': L('the bytecode is written to __pycache__ as helper’s .pyc', '바이트코드가 __pycache__에 helper의 .pyc로 기록됨'),
  'pi.exec': L('helper’s top-level code runs: it prints “helper loaded” and defines greet', 'helper의 최상위 코드가 실행됨: “helper loaded”를 출력하고 greet를 정의'),
  'pi.next': L('main.py goes on to its next line and prints “main after import”', 'main.py가 다음 줄로 넘어가 “main after import”를 출력'),
  'pi.call': L('main.py calls helper.greet(), which prints “Hello, world!”', 'main.py가 helper.greet()를 호출하고, 그 함수가 “Hello, world!”를 출력'),
};

/** What a flow step is called (its id when it has no label). */
export function flowStepLabel(id: string): Localized {
  return FLOW_STEP_LABELS[id] ?? L(id, id);
}
