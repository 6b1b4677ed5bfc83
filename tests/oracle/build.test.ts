/**
 * Real-toolchain oracle for the build generators, for the facts this Linux machine can check:
 * - native: hello.c compiled by gcc (x86_64) and Debian's cross gcc (aarch64): the ELF class and
 *   e_machine the simulator quotes, whether each really starts here (the loader refuses the
 *   other CPU's ELF with ENOEXEC), and whether hello.s differs between the two CPUs;
 * - bytecode: a sourceless .pyc from the installed python3 (its magic number; it runs, and the
 *   same file stamped with another version's magic is refused) and class files from the
 *   installed javac (their major version; a newer major is refused by this java).
 * - when steps happen (order-flow): CPython writes a module's .pyc before running it (also when
 *   a script imports it, and the script itself gets none), the JVM
 *   verifies a class file itself before any of its code runs, and #include is expanded by the
 *   preprocessor while printf is left to the linker.
 * Each real outcome is compared with `runsOn` / `compareFlow` / the flows' order for this machine.
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

describe('build oracle: when steps happen (the orders order-flow version 4 diagnoses are wrong)', () => {
  const flowIndex = (flow: 'python-detailed' | 'java-detailed' | 'c-detailed' | 'python-import', id: string) => FLOWS_V2[flow].findIndex((st) => st.id === id);

  it('CPython writes the .pyc before the module runs: the module sees its own cache file, and one that raises leaves its .pyc', () => {
    const pkg = path.join(dir, 'cache-first');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'boom.py'), 'import importlib.util, os\nprint("cached" if os.path.exists(importlib.util.cache_from_source(__file__)) else "not cached")\nraise RuntimeError("boom")\n');
    const env = { ...process.env };
    delete env.PYTHONDONTWRITEBYTECODE;
    const r = spawnSync('python3', ['-c', 'import boom'], { cwd: pkg, encoding: 'utf8', env });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('RuntimeError: boom');
    expect(r.stdout.trim()).toBe('cached');
    expect(fs.readdirSync(path.join(pkg, '__pycache__')).some((f) => f.startsWith('boom.') && f.endsWith('.pyc'))).toBe(true);
    expect(flowIndex('python-detailed', 'pd.cache')).toBeLessThan(flowIndex('python-detailed', 'pd.eval'));
  });

  it('python3 main.py importing helper (order-flow v5 tier 3): helper’s .pyc exists while helper’s top level runs, which ends before main’s next line; the script itself gets no .pyc', () => {
    const app = path.join(dir, 'import-flow');
    fs.mkdirSync(app, { recursive: true });
    fs.writeFileSync(
      path.join(app, 'helper.py'),
      'import importlib.util, os\nprint("helper loaded", "cached" if os.path.exists(importlib.util.cache_from_source(__file__)) else "not cached")\n\n\ndef greet():\n    print("Hello, world!")\n',
    );
    fs.writeFileSync(path.join(app, 'main.py'), 'import helper\nprint("main after import")\nhelper.greet()\n');
    const env = { ...process.env };
    delete env.PYTHONDONTWRITEBYTECODE;
    const r = spawnSync('python3', ['main.py'], { cwd: app, encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['helper loaded cached', 'main after import', 'Hello, world!']);
    const cached = fs.readdirSync(path.join(app, '__pycache__'));
    expect(cached.some((f) => f.startsWith('helper.') && f.endsWith('.pyc'))).toBe(true);
    expect(cached.some((f) => f.startsWith('main.'))).toBe(false);
    expect(flowIndex('python-import', 'pi.cache')).toBeLessThan(flowIndex('python-import', 'pi.exec'));
    expect(flowIndex('python-import', 'pi.exec')).toBeLessThan(flowIndex('python-import', 'pi.next'));
    expect(flowIndex('python-import', 'pi.next')).toBeLessThan(flowIndex('python-import', 'pi.call'));
    expect(FLOWS_V2['python-import'].filter((st) => st.id.endsWith('.cache')).map((st) => st.id)).toEqual(['pi.cache']);
  });

  it('the JVM verifies a class file itself, before any of its code runs: javac’s class altered afterwards fails with VerifyError and main never prints', () => {
    const out = path.join(dir, 'verify');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'Verify.java'), 'public class Verify { static int f() { return 12345; } public static void main(String[] a) { System.out.println("main ran"); System.out.println(f()); } }\n');
    execFileSync('javac', ['-d', out, path.join(out, 'Verify.java')]);
    expect(spawnSync('java', ['-cp', out, 'Verify'], { encoding: 'utf8' }).stdout).toContain('main ran');
    const cls = Buffer.from(fs.readFileSync(path.join(out, 'Verify.class')));
    // f's code: sipush 12345 (11 30 39), ireturn (ac) → aconst_null, nop, nop, ireturn: a reference returned as an int.
    const at = cls.indexOf(Buffer.from([0x11, 0x30, 0x39, 0xac]));
    expect(at).toBeGreaterThan(0);
    Buffer.from([0x01, 0x00, 0x00]).copy(cls, at);
    fs.writeFileSync(path.join(out, 'Verify.class'), cls);
    const r = spawnSync('java', ['-cp', out, 'Verify'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('VerifyError');
    expect(r.stdout).not.toContain('main ran');
    expect(flowIndex('java-detailed', 'jd.verify')).toBeGreaterThan(flowIndex('java-detailed', 'jd.load'));
  });

  it('#include is done by the preprocessor before compiling: hello.i declares printf, and hello.o still leaves it to the linker', () => {
    const i = execFileSync('gcc', ['-E', path.join(dir, 'hello.c')], { encoding: 'utf8' });
    expect(i).toMatch(/\bint printf\s*\(/);
    expect(i).not.toContain('#include');
    const obj = path.join(dir, 'hello.o');
    execFileSync('gcc', ['-O1', '-c', '-o', obj, path.join(dir, 'hello.c')]);
    expect(execFileSync('nm', [obj], { encoding: 'utf8' })).toMatch(/^\s+U (printf|puts)$/m);
    expect(flowIndex('c-detailed', 'cd.preprocess')).toBeLessThan(flowIndex('c-detailed', 'cd.compile'));
    expect(flowIndex('c-detailed', 'cd.link')).toBeGreaterThan(flowIndex('c-detailed', 'cd.assemble'));
  });
});

/** Whether the command really starts here and prints the greeting (not emulated: see the binfmt check). */
function startsHereWith(cmd: string, ...args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return !r.error && r.status === 0 && r.stdout.includes('Hello, world!');
}
