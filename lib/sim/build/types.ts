/** Targets, machines and artifacts of the build simulator. */
import type { Abi, Cpu, GlibcVersion, JavaVersion, Os, PyVersion } from './facts';

/** What a native binary is built for: OS × CPU × ABI (e.g. linux-x86_64-gnu). */
export interface Target {
  readonly os: Os;
  readonly cpu: Cpu;
  readonly abi: Abi;
}

/** A concrete computer: its OS, CPU, C library, and the VMs installed on it. */
export interface Machine {
  /** One of `MACHINES`' ids, e.g. "ubuntu-24.04-x86_64". */
  readonly id: string;
  readonly os: Os;
  readonly cpu: Cpu;
  /** The system C library (Linux only): glibc with its version, or musl. */
  readonly libc: { readonly kind: 'glibc'; readonly version: GlibcVersion } | { readonly kind: 'musl' } | null;
  /** Installed CPython minor version (`python3`), if any. */
  readonly python: PyVersion | null;
  /** Installed Java runtime (`java`), if any. */
  readonly java: JavaVersion | null;
  /** Whether a standalone WebAssembly runtime with WASI (wasmtime) is installed. */
  readonly wasmtime: boolean;
}

/** A native executable for one target. */
export interface NativeArtifact {
  readonly kind: 'native';
  readonly id: string;
  readonly target: Target;
  /** Linux: dynamically linked (needs the libc's loader) or fully static. */
  readonly linking: 'dynamic' | 'static';
  /** Dynamically linked glibc binaries: the newest GLIBC_x.y symbol version they use. */
  readonly glibc?: GlibcVersion;
  /** Set when the file is a VM itself (e.g. the python3 interpreter), for the explanation. */
  readonly vm?: 'python' | 'java';
}

/** A sourceless `.pyc` (no `.py` beside it) written by one CPython minor version. */
export interface PycArtifact {
  readonly kind: 'pyc';
  readonly id: string;
  readonly python: PyVersion;
}

/** Class files (or a JAR of them) compiled with `javac --release N`. */
export interface ClassArtifact {
  readonly kind: 'class';
  readonly id: string;
  readonly java: JavaVersion;
  readonly jar: boolean;
}

/** A WebAssembly module using WASI preview 1. */
export interface WasmArtifact {
  readonly kind: 'wasm';
  readonly id: string;
}

export type Artifact = NativeArtifact | PycArtifact | ClassArtifact | WasmArtifact;

/** Why an artifact runs, or the first check that fails. */
export type RunReason =
  | 'native'
  | 'wrong-os'
  | 'wrong-cpu'
  | 'wrong-os-cpu'
  | 'no-musl-loader'
  | 'no-glibc'
  | 'glibc-too-old'
  | 'vm'
  | 'no-python'
  | 'pyc-magic'
  | 'no-java'
  | 'class-too-new'
  | 'no-wasm-runtime';

/** What one check the loader or VM makes looks at. */
export type RunCheckSubject =
  /** The file format the OS loads (ELF, PE, Mach-O) against the file's. */
  | { readonly kind: 'format'; readonly machineOs: Os; readonly fileOs: Os }
  /** The CPU in the executable's header against the machine's. */
  | { readonly kind: 'cpu'; readonly fileOs: Os; readonly fileCpu: Cpu; readonly machineOs: Os; readonly machineCpu: Cpu }
  /** A dynamically linked Linux binary's program interpreter against the system's C library. */
  | { readonly kind: 'loader'; readonly libc: 'gnu' | 'musl'; readonly cpu: Cpu; readonly systemLibc: 'glibc' | 'musl' | null }
  /** The newest GLIBC_x.y symbol version the binary needs against the system's glibc. */
  | { readonly kind: 'glibc'; readonly need: GlibcVersion; readonly have: GlibcVersion }
  /** A statically linked Linux binary: nothing to look up. */
  | { readonly kind: 'static' }
  | { readonly kind: 'python'; readonly installed: PyVersion | null }
  /** A .pyc's magic number against the installed CPython's. */
  | { readonly kind: 'pyc-magic'; readonly pyc: PyVersion; readonly python: PyVersion }
  | { readonly kind: 'java'; readonly installed: JavaVersion | null }
  /** Class files' major version against the installed JVM's. */
  | { readonly kind: 'class-version'; readonly classJava: JavaVersion; readonly java: JavaVersion }
  | { readonly kind: 'wasm-runtime'; readonly installed: boolean };

/** One check the loader or VM performs, with its outcome. */
export type RunCheck = RunCheckSubject & { readonly ok: boolean };

export interface RunVerdict {
  readonly runs: boolean;
  readonly reason: RunReason;
  /** The checks in the order the loader / VM makes them, up to the first failure. */
  readonly checks: readonly RunCheck[];
}
