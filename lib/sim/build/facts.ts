/**
 * Documented numbers the build questions rest on. Each table cites where the value is
 * defined; `tests/unit/sim/build/facts.test.ts` checks what it can against the machine
 * (python3's own magic number, gcc's ELF header, javac's class-file version).
 */

/** Operating systems, CPUs and C-library ABIs of the targets modelled. */
export type Os = 'linux' | 'windows' | 'macos';
export type Cpu = 'x86_64' | 'aarch64';
/** The C library / ABI a native binary is built against. */
export type Abi = 'gnu' | 'musl' | 'msvc' | 'darwin';

/** The executable file format each OS's loader accepts. */
export const BINARY_FORMAT: Readonly<Record<Os, string>> = {
  linux: 'ELF',
  windows: 'PE32+',
  macos: 'Mach-O',
};

/**
 * ELF header `e_machine` values (System V ABI / `<elf.h>`): EM_X86_64 = 62,
 * EM_AARCH64 = 183. The Linux loader refuses an ELF file whose e_machine is not the CPU's
 * (execve fails with ENOEXEC, "Exec format error").
 */
export const ELF_MACHINE: Readonly<Record<Cpu, number>> = { x86_64: 62, aarch64: 183 };

/** PE/COFF `Machine` field (Microsoft PE format): IMAGE_FILE_MACHINE_AMD64, IMAGE_FILE_MACHINE_ARM64. */
export const PE_MACHINE: Readonly<Record<Cpu, number>> = { x86_64: 0x8664, aarch64: 0xaa64 };

/** Mach-O `cputype` (`<mach/machine.h>`): CPU_TYPE_X86_64 = 0x01000007, CPU_TYPE_ARM64 = 0x0100000c. */
export const MACHO_CPUTYPE: Readonly<Record<Cpu, number>> = { x86_64: 0x01000007, aarch64: 0x0100000c };

/** How each OS and toolchain names the CPU (uname -m, Rust/LLVM triples, Apple's "arm64"). */
export const CPU_NAME: Readonly<Record<Os, Readonly<Record<Cpu, string>>>> = {
  linux: { x86_64: 'x86_64', aarch64: 'aarch64' },
  windows: { x86_64: 'x64', aarch64: 'ARM64' },
  macos: { x86_64: 'x86_64', aarch64: 'arm64' },
};

/**
 * The program interpreter (PT_INTERP) a dynamically linked Linux executable names: the
 * glibc or musl dynamic loader. If it is missing the kernel cannot start the program
 * ("No such file or directory" although the file exists).
 */
export const LINUX_LOADER: Readonly<Record<'gnu' | 'musl', Readonly<Record<Cpu, string>>>> = {
  gnu: { x86_64: '/lib64/ld-linux-x86-64.so.2', aarch64: '/lib/ld-linux-aarch64.so.1' },
  musl: { x86_64: '/lib/ld-musl-x86_64.so.1', aarch64: '/lib/ld-musl-aarch64.so.1' },
};

/** The CPython minor versions modelled. */
export type PyVersion = '3.8' | '3.9' | '3.10' | '3.11' | '3.12' | '3.13';
export const PY_VERSIONS: readonly PyVersion[] = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'];

/**
 * `.pyc` magic numbers of the final releases (first two bytes, little-endian, of
 * `importlib.util.MAGIC_NUMBER`; CPython `Lib/importlib/_bootstrap_external.py`, since 3.13
 * `Include/internal/pycore_magic_number.h`). The magic changes with every minor version
 * (bytecode format), never with the OS or CPU: marshal data is platform-independent.
 */
export const PYC_MAGIC: Readonly<Record<PyVersion, number>> = {
  '3.8': 3413,
  '3.9': 3425,
  '3.10': 3439,
  '3.11': 3495,
  '3.12': 3531,
  '3.13': 3571,
};

/** `sys.implementation.cache_tag`: the name part of `__pycache__/mod.cpython-311.pyc`. */
export function pycCacheTag(v: PyVersion): string {
  return `cpython-${v.replace('.', '')}`;
}

/** The Java SE (LTS) versions modelled. */
export type JavaVersion = 8 | 11 | 17 | 21;
export const JAVA_VERSIONS: readonly JavaVersion[] = [8, 11, 17, 21];

/**
 * Class-file major version written by `javac --release N` (JVM Specification §4.1):
 * 44 + N for Java 2 and later: Java 8 = 52, 11 = 55, 17 = 61, 21 = 65. A JVM loads class
 * files up to its own major version and refuses newer ones with UnsupportedClassVersionError.
 */
export function classMajor(java: number): number {
  return 44 + java;
}

/** WebAssembly binary module header: the magic `\0asm` then version 1 (WebAssembly Core §5.5.16). */
export const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d] as const;
export const WASM_VERSION = 1;

/** A glibc version as [major, minor], e.g. [2, 31]. */
export type GlibcVersion = readonly [number, number];

/** glibc is backward compatible: a binary needing GLIBC_x.y runs on glibc x.y or newer. */
export function glibcAtLeast(have: GlibcVersion, need: GlibcVersion): boolean {
  return have[0] > need[0] || (have[0] === need[0] && have[1] >= need[1]);
}

/** `2.31`. */
export function glibcText(v: GlibcVersion): string {
  return `${v[0]}.${v[1]}`;
}
