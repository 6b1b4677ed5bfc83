/**
 * Real-toolchain oracle for the build generators, for the facts this Linux machine can check:
 * - native: hello.c compiled by gcc (x86_64) and Debian's cross gcc (aarch64): the ELF class and
 *   e_machine the simulator quotes, whether each really starts here (the loader refuses the
 *   other CPU's ELF with ENOEXEC), and whether hello.s differs between the two CPUs;
 * - bytecode: a sourceless .pyc from the installed python3 (its magic number; it runs, and the
 *   same file stamped with another version's magic is refused) and class files from the
 *   installed javac (their major version; a newer major is refused by this java).
 * Each real outcome is compared with `runsOn` / `compareFlow` for this machine.
 * Not checkable here (stated, not tested): Windows PE and macOS Mach-O loading, musl, other
 * glibc versions, other CPython and Java versions than the installed ones, Apple's arm64 ABI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ELF_MACHINE,
  FLOWS_V2,
  PYC_MAGIC,
  classArtifact,
  classMajor,
  compareFlow,
  nativeArtifact,
  pycArtifact,
  runsOn,
  type Cpu,
  type JavaVersion,
  type Machine,
  type PyVersion,
} from '@/lib/sim/build';

const CROSS_GCC = 'aarch64-linux-gnu-gcc';
const INSTALL = 'apt-get install -y gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu';

/** A tool's first line of `--version`, or a clear failure naming what to install. */
function requireTool(cmd: string, args: readonly string[], install: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cmd} is needed for the build oracle and was not found: ${install} (npm test installs it when run as root)`);
  return `${r.stdout}${r.stderr}`.split('\n')[0] ?? '';
}

let dir = '';
let host: Machine;

beforeAll(() => {
  requireTool('gcc', ['--version'], 'apt-get install -y gcc');
  requireTool(CROSS_GCC, ['--version'], INSTALL);
  requireTool('python3', ['--version'], 'apt-get install -y python3');
  requireTool('javac', ['-version'], 'apt-get install -y default-jdk-headless');
  const python = execFileSync('python3', ['-c', 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")'], { encoding: 'utf8' }).trim() as PyVersion;
  const javaOut = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr;
  const java = Number(/version "(\d+)/.exec(javaOut)?.[1]) as JavaVersion;
  const glibc = /(\d+)\.(\d+)\s*$/.exec(execFileSync('ldd', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '');
  const cpu = os.arch() === 'arm64' ? 'aarch64' : 'x86_64';
  host = { id: 'this-machine', os: 'linux', cpu, libc: { kind: 'glibc', version: [Number(glibc?.[1]), Number(glibc?.[2])] }, python, java, wasmtime: false };
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-build-oracle-'));
  fs.writeFileSync(path.join(dir, 'hello.c'), '#include <stdio.h>\nint main(void) { printf("Hello, %s!\\n", "world"); return 0; }\n');
  fs.writeFileSync(path.join(dir, 'hello.py'), 'print("Hello, world!")\n');
  fs.writeFileSync(path.join(dir, 'Hello.java'), 'public class Hello { public static void main(String[] a) { System.out.println("Hello, world!"); } }\n');
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const COMPILER: Record<Cpu, string> = { x86_64: 'gcc', aarch64: CROSS_GCC };
const otherCpu = (c: Cpu): Cpu => (c === 'x86_64' ? 'aarch64' : 'x86_64');

/** Compiles hello.c for `cpu` (the native gcc on this machine's CPU, else the cross compiler). */
function compileFor(cpu: Cpu): string {
  const gcc = cpu === host.cpu ? 'gcc' : COMPILER[cpu];
  const out = path.join(dir, `hello-${cpu}`);
  execFileSync(gcc, ['-O1', '-o', out, path.join(dir, 'hello.c')]);
  return out;
}

describe('build oracle: native code (gcc and the aarch64 cross gcc)', () => {
  it('the loader does not emulate another CPU here (no qemu binfmt handler), so "runs" means natively', () => {
    const handlers = fs.existsSync('/proc/sys/fs/binfmt_misc') ? fs.readdirSync('/proc/sys/fs/binfmt_misc').filter((f) => f.startsWith('qemu-')) : [];
    expect(handlers, 'qemu-user binfmt handlers make foreign ELF files run emulated; the questions count that as not running').toEqual([]);
  });

  for (const cpu of ['x86_64', 'aarch64'] as const) {
    it(`hello.c for ${cpu}: 64-bit ELF with e_machine ${ELF_MACHINE[cpu]}, and it starts here exactly when runsOn says so`, () => {
      const file = compileFor(cpu);
      const header = fs.readFileSync(file).subarray(0, 20);
      expect(header.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
      expect(header[4], 'EI_CLASS: ELFCLASS64').toBe(2);
      expect(header.readUInt16LE(18)).toBe(ELF_MACHINE[cpu]);
      const verdict = runsOn(nativeArtifact(`linux-${cpu}-gnu`, { os: 'linux', cpu, abi: 'gnu' }, { glibc: [2, 17] }), host);
      expect(startsHereWith(file)).toBe(verdict.runs);
      if (!verdict.runs) expect(verdict.reason).toBe('wrong-cpu');
    });
  }

  it('hello.s differs between the two CPUs, as the flow says (cd.compile depends on the platform)', () => {
    const asm = (cpu: Cpu) => {
      const gcc = cpu === host.cpu ? 'gcc' : COMPILER[cpu];
      const out = path.join(dir, `hello-${cpu}.s`);
      execFileSync(gcc, ['-O1', '-S', '-o', out, path.join(dir, 'hello.c')]);
      return fs.readFileSync(out, 'utf8');
    };
    const real = asm(host.cpu) !== asm(otherCpu(host.cpu));
    const cmp = compareFlow(FLOWS_V2['c-detailed'], [{ os: 'linux', cpu: 'x86_64', abi: 'gnu' }, { os: 'linux', cpu: 'aarch64', abi: 'gnu' }], { python: '3.11', java: 17 });
    expect(cmp.find((c) => c.id === 'cd.compile')?.platformDependent).toBe(real);
    expect(cmp.find((c) => c.id === 'cd.source')?.platformDependent).toBe(false);
  });
});

describe('build oracle: bytecode (the installed python3 and JDK)', () => {
  it('a sourceless .pyc carries the installed CPython’s magic number and runs; stamped with another version’s magic it is refused', () => {
    const pyc = path.join(dir, 'hello.pyc');
    execFileSync('python3', ['-c', `import py_compile; py_compile.compile(${JSON.stringify(path.join(dir, 'hello.py'))}, cfile=${JSON.stringify(pyc)})`]);
    const bytes = fs.readFileSync(pyc);
    expect(bytes.readUInt16LE(0)).toBe(PYC_MAGIC[host.python as PyVersion]);
    expect(bytes.readUInt16LE(2)).toBe(0x0a0d);
    expect(startsHereWith('python3', pyc)).toBe(runsOn(pycArtifact('own', host.python as PyVersion), host).runs);

    const other = (Object.keys(PYC_MAGIC) as PyVersion[]).find((v) => v !== host.python) as PyVersion;
    const foreign = path.join(dir, 'foreign.pyc');
    const stamped = Buffer.from(bytes);
    stamped.writeUInt16LE(PYC_MAGIC[other], 0);
    fs.writeFileSync(foreign, stamped);
    const r = spawnSync('python3', [foreign], { encoding: 'utf8' });
    expect(r.stderr.toLowerCase()).toContain('bad magic number');
    const verdict = runsOn(pycArtifact('other', other), host);
    expect(verdict.runs).toBe(false);
    expect(verdict.reason).toBe('pyc-magic');
  });

  it('javac --release N writes major 44 + N; this java runs its own and older majors and refuses a newer one', () => {
    const installed = host.java as JavaVersion;
    for (const release of [11, installed] as const) {
      const out = path.join(dir, `r${release}`);
      fs.mkdirSync(out, { recursive: true });
      execFileSync('javac', ['--release', String(release), '-d', out, path.join(dir, 'Hello.java')]);
      const cls = fs.readFileSync(path.join(out, 'Hello.class'));
      expect(cls.readUInt32BE(0)).toBe(0xcafebabe);
      expect(cls.readUInt16BE(6)).toBe(classMajor(release));
      expect(startsHereWith('java', '-cp', out, 'Hello')).toBe(runsOn(classArtifact(`r${release}`, release as JavaVersion), host).runs);
    }
    const newer = path.join(dir, 'newer');
    fs.mkdirSync(newer, { recursive: true });
    const cls = Buffer.from(fs.readFileSync(path.join(dir, `r${installed}`, 'Hello.class')));
    cls.writeUInt16BE(classMajor(21), 6);
    fs.writeFileSync(path.join(newer, 'Hello.class'), cls);
    const r = spawnSync('java', ['-cp', newer, 'Hello'], { encoding: 'utf8' });
    const verdict = runsOn(classArtifact('j21', 21), host);
    expect(r.status === 0).toBe(verdict.runs);
    if (!verdict.runs) {
      expect(r.stderr).toContain('UnsupportedClassVersionError');
      expect(verdict.reason).toBe('class-too-new');
    }
  });
});

/** Whether the command really starts here and prints the greeting (not emulated: see the binfmt check). */
function startsHereWith(cmd: string, ...args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return !r.error && r.status === 0 && r.stdout.includes('Hello, world!');
}
