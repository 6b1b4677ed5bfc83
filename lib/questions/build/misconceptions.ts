/**
 * Misconceptions about targets, machine code, bytecode and VMs (shared/seed/topics.md,
 * topics 2–3). Ids are stable: statistics group answers by them.
 */
import { CPU_NAME, osName, type Cpu, type Os } from '@/lib/sim/build';
import type { Misconception } from '../types';

const m = (id: string, en: string, ko: string): Misconception => ({ id, text: { en, ko } });

export const buildMisconceptions = {
  sameCpuAnyOs: m(
    'build.same-cpu-any-os',
    'A Linux binary runs on any x86_64 OS (machine code for a CPU runs under every OS on that CPU). Each OS has its own executable format (ELF, PE, Mach-O), loader, system calls and libraries: a Linux x86_64 executable does not start on Windows or macOS, even on the same CPU.',
    '리눅스 바이너리가 어떤 x86_64 OS에서든 돈다고 생각함(CPU가 같으면 어느 OS에서나 기계어가 돈다). OS마다 실행 파일 형식(ELF, PE, Mach-O), 로더, 시스템 콜, 라이브러리가 다릅니다. 리눅스 x86_64 실행 파일은 같은 CPU라도 Windows나 macOS에서 시작되지 않습니다.',
  ),
  sameOsAnyCpu: m(
    'build.same-os-any-cpu',
    'An executable for an OS runs on that OS on any CPU. Machine code is CPU-specific: an x86_64 binary does not run natively on an arm64 machine (translators such as Rosetta 2 are separate programs, out of scope here).',
    'OS만 같으면 어떤 CPU에서든 실행 파일이 돈다고 생각함. 기계어는 CPU마다 다릅니다. x86_64 바이너리는 arm64 기기에서 네이티브로 돌지 않습니다(Rosetta 2 같은 변환기는 별도 프로그램이며 여기서는 다루지 않습니다).',
  ),
  libcIrrelevant: m(
    'build.libc-irrelevant',
    'Any Linux binary for the CPU runs on any Linux distribution. A dynamically linked binary needs its C library’s loader: a glibc build does not start on musl-based Alpine, nor a musl build on a glibc distribution; only a fully static build runs on both.',
    'CPU만 맞으면 어떤 리눅스 배포판에서든 리눅스 바이너리가 돈다고 생각함. 동적 링크된 바이너리는 자기 C 라이브러리의 로더가 필요합니다. glibc 빌드는 musl 기반 Alpine에서, musl 빌드는 glibc 배포판에서 시작되지 않습니다. 완전 정적 빌드만 양쪽에서 돕니다.',
  ),
  glibcForward: m(
    'build.glibc-forward-compatible',
    'A binary built on a newer Linux distribution runs on older ones. glibc is only backward compatible: a binary that needs GLIBC_2.34 symbols fails on glibc 2.31 ("version `GLIBC_2.34’ not found"); build on the oldest glibc you support.',
    '새 리눅스 배포판에서 빌드한 바이너리가 옛 배포판에서도 돈다고 생각함. glibc는 하위 호환만 됩니다. GLIBC_2.34 심볼이 필요한 바이너리는 glibc 2.31에서 실패합니다("version `GLIBC_2.34’ not found"). 지원할 가장 오래된 glibc에서 빌드하세요.',
  ),
  pycAnyPython3: m(
    'build.pyc-any-python3',
    'One .pyc runs on every Python 3. A .pyc holds bytecode for one CPython minor version, marked by its magic number; another version refuses a sourceless .pyc ("bad magic number"). With the .py beside it, CPython would just recompile the source.',
    '.pyc 하나가 모든 파이썬 3에서 돈다고 생각함. .pyc에는 CPython 마이너 버전 하나의 바이트코드가 들어 있고 매직 넘버로 표시됩니다. 다른 버전은 소스 없는 .pyc를 거부합니다("bad magic number"). .py가 옆에 있으면 CPython은 소스를 다시 컴파일할 뿐입니다.',
  ),
  oldJvmRunsNew: m(
    'build.old-jvm-runs-new-classes',
    'Any JVM runs any class file. A JVM loads class files up to its own version (Java 17: major 61); a newer class file fails with UnsupportedClassVersionError. The other way round works: newer JVMs run older class files.',
    '어떤 JVM이든 모든 클래스 파일을 돌린다고 생각함. JVM은 자기 버전까지의 클래스 파일만 적재합니다(Java 17: major 61). 더 새 클래스 파일은 UnsupportedClassVersionError로 실패합니다. 반대로 새 JVM은 옛 클래스 파일을 돌립니다.',
  ),
  bytecodeIsMachineCode: m(
    'build.bytecode-is-machine-code',
    'Bytecode is machine code. Bytecode (.pyc, .class, .wasm) is instructions for a virtual machine, not for the CPU: the same file serves every OS and CPU, and it runs only where the VM is installed.',
    '바이트코드가 기계어라고 생각함. 바이트코드(.pyc, .class, .wasm)는 CPU가 아니라 가상 머신을 위한 명령입니다. 같은 파일이 모든 OS와 CPU에 쓰이고, VM이 설치된 곳에서만 실행됩니다.',
  ),
  vmPortable: m(
    'build.vm-portable',
    'The VM itself is portable without rebuilding. The VM (python3, java, wasmtime) is a native program: it is compiled separately for each OS and CPU, and a copy from one platform does not run on another.',
    'VM 자체는 다시 빌드하지 않아도 어디서나 돈다고 생각함. VM(python3, java, wasmtime)은 네이티브 프로그램이라 OS와 CPU마다 따로 컴파일되며, 한 플랫폼의 복사본은 다른 플랫폼에서 돌지 않습니다.',
  ),
  sourcePerPlatform: m(
    'build.source-per-platform',
    'The source code itself differs per OS and CPU. Portable source (standard C, Python, Java) is one file for every platform; the compiler, or the VM, is what is specific to the platform.',
    '소스 코드 자체가 OS와 CPU마다 다르다고 생각함. 이식성 있는 소스(표준 C, 파이썬, 자바)는 모든 플랫폼에 같은 파일이고, 플랫폼에 특화된 것은 컴파일러나 VM입니다.',
  ),
  vmEmitsMachineCode: m(
    'build.vm-emits-machine-code',
    "CPython's VM compiles the bytecode to machine code, which the CPU then runs. CPython 3.11 has no JIT: its interpreter loop (ceval.c, machine code compiled once from C when python3 was built) reads each bytecode instruction and runs the C code for it. No machine code is ever generated for your function; what runs on the CPU is the interpreter.",
    'CPython의 VM이 바이트코드를 기계어로 컴파일하고 CPU가 그 기계어를 실행한다고 생각함. CPython 3.11에는 JIT이 없습니다. 인터프리터 루프(ceval.c, python3를 빌드할 때 C에서 한 번 컴파일된 기계어)가 바이트코드 명령을 하나씩 읽어 그에 해당하는 C 코드를 실행합니다. 여러분의 함수를 위한 기계어는 만들어지지 않으며, CPU에서 도는 것은 인터프리터입니다.',
  ),
  pycIsNative: m(
    'build.pyc-is-native',
    'Writing the .pyc translates the bytecode to machine code. A .pyc file holds the same bytecode `dis` shows (marshalled code objects, headed by a magic number for the Python version): it saves recompiling the source, not interpreting.',
    '.pyc를 쓸 때 바이트코드가 기계어로 번역된다고 생각함. .pyc 파일에는 `dis`가 보여 주는 것과 같은 바이트코드(마셜된 코드 객체, 앞에 파이썬 버전의 매직 넘버)가 들어 있습니다. 소스를 다시 컴파일하는 수고를 덜 뿐, 해석 실행은 그대로입니다.',
  ),
  bytecodeFixed: m(
    'build.bytecode-never-changes',
    "A function's bytecode never changes once compiled. CPython 3.11's adaptive interpreter rewrites instructions in place as the function runs (quickening): after a few calls `dis.dis(f, adaptive=True)` shows specialized forms such as BINARY_OP_ADD_INT or LOAD_FAST__LOAD_FAST, still bytecode run by the same interpreter loop.",
    '한 번 컴파일된 함수의 바이트코드는 바뀌지 않는다고 생각함. CPython 3.11의 적응형 인터프리터는 함수가 실행되는 동안 명령을 그 자리에서 바꿔 씁니다(quickening). 몇 번 호출한 뒤 `dis.dis(f, adaptive=True)`는 BINARY_OP_ADD_INT, LOAD_FAST__LOAD_FAST 같은 특수화된 형태를 보여 주며, 이것도 같은 인터프리터 루프가 실행하는 바이트코드입니다.',
  ),
  pycAfterRun: m(
    'build.pyc-written-after-run',
    'The .pyc is written after the module has run, as a by-product of running it. It is written before any of the module’s code runs: py_compile writes it without running the module at all, and on import CPython compiles the source, writes the bytecode to __pycache__, and only then executes the code object; a module that raises while running still leaves its .pyc behind.',
    '.pyc는 모듈이 실행된 뒤에 실행의 부산물로 기록된다고 생각함. .pyc는 모듈의 코드가 하나도 실행되기 전에 기록됩니다. py_compile은 모듈을 실행하지 않고 .pyc를 쓰고, import할 때 CPython은 소스를 컴파일해 바이트코드를 __pycache__에 기록한 다음에야 코드 객체를 실행합니다. 실행 중에 예외가 나는 모듈도 .pyc는 남깁니다.',
  ),
  javacVerifies: m(
    'build.javac-verifies-bytecode',
    'javac verifies the bytecode when it compiles, so the JVM runs class files as they come. javac checks the source; the JVM verifies each class file itself when it loads and links the class, before any of its code runs, because a class file may come from any compiler or be altered.',
    'javac가 컴파일할 때 바이트코드를 검증하므로 JVM은 클래스 파일을 그대로 실행한다고 생각함. javac는 소스를 검사할 뿐이고, 클래스 파일은 어느 컴파일러에서 왔을 수도, 변조되었을 수도 있으므로 JVM이 클래스를 적재하고 링크할 때 그 코드가 실행되기 전에 직접 검증합니다.',
  ),
  includeIsLinking: m(
    'build.include-is-linking',
    '#include <stdio.h> links the C library into the program, at link time. The preprocessor runs first and pastes the header’s declarations (printf’s prototype) into the source before compiling; printf’s code comes from the C library, which the linker (and, for a shared library, the loader) brings in.',
    '#include <stdio.h>가 링크할 때 C 라이브러리를 프로그램에 연결한다고 생각함. 전처리기가 가장 먼저 실행되어 헤더의 선언(printf의 원형)을 컴파일 전에 소스에 붙여 넣습니다. printf의 코드는 C 라이브러리에서 오며, 링커가(공유 라이브러리라면 로더가) 가져옵니다.',
  ),
  importRunsLater: m(
    'build.import-runs-later',
    'import helper only makes helper known; its top-level code runs later, when the program first uses helper. The import statement itself runs the module’s top-level code, to the end, before the importer’s next line (the first time; a later import finds the module in sys.modules and runs nothing).',
    'import helper는 helper를 알려 줄 뿐이고 그 최상위 코드는 나중에, 프로그램이 helper를 처음 쓸 때 실행된다고 생각함. import 문 자체가 모듈의 최상위 코드를 끝까지 실행한 뒤에야 import한 쪽의 다음 줄이 실행됩니다(처음 import할 때. 그 뒤의 import는 sys.modules에서 모듈을 찾을 뿐 아무것도 실행하지 않습니다).',
  ),
} as const satisfies Record<string, Misconception>;

/**
 * Version 2 of the two target misconceptions: the same ids, but the text names the file's own
 * OS and CPU and the machine's, so an arm64 question never talks about x86_64 (version 1's
 * fixed text did, issue 12 §2).
 */
export function sameCpuAnyOsFor(fileOs: Os, cpu: Cpu, machineOs: Os): Misconception {
  const file = `${osName(fileOs)} ${CPU_NAME[fileOs][cpu]}`;
  const target = osName(machineOs);
  return m(
    buildMisconceptions.sameCpuAnyOs.id,
    `A ${file} binary runs on ${target} because the CPU is the same (machine code for a CPU runs under every OS on that CPU). Each OS has its own executable format (ELF, PE, Mach-O), loader, system calls and libraries: the ${file} executable does not start on ${target}, even on the same CPU.`,
    `CPU가 같으니 ${file} 바이너리가 ${target}에서도 돈다고 생각함(CPU가 같으면 어느 OS에서나 기계어가 돈다). OS마다 실행 파일 형식(ELF, PE, Mach-O), 로더, 시스템 콜, 라이브러리가 다릅니다. ${file} 실행 파일은 같은 CPU라도 ${target}에서 시작되지 않습니다.`,
  );
}

/** Version 2 of `sameOsAnyCpu`: names the file's CPU and the machine's. */
export function sameOsAnyCpuFor(os: Os, fileCpu: Cpu, machineCpu: Cpu): Misconception {
  const fileName = CPU_NAME[os][fileCpu];
  const machineName = CPU_NAME[os][machineCpu];
  return m(
    buildMisconceptions.sameOsAnyCpu.id,
    `An executable for ${osName(os)} runs on ${osName(os)} on any CPU. Machine code is CPU-specific: an ${fileName} binary does not run natively on an ${machineName} machine (translators such as Rosetta 2 are separate programs, out of scope here).`,
    `OS만 같으면 ${osName(os)} 실행 파일이 어떤 CPU에서든 돈다고 생각함. 기계어는 CPU마다 다릅니다. ${fileName} 바이너리는 ${machineName} 기기에서 네이티브로 돌지 않습니다(Rosetta 2 같은 변환기는 별도 프로그램이며 여기서는 다루지 않습니다).`,
  );
}
