/**
 * The build questions' facts, as a table against documented values and, where this machine
 * can show it, against the real thing: python3's own magic number and cache tag, a sourceless
 * .pyc refused by CPython when its magic is another version's, gcc's ELF header (e_machine,
 * PT_INTERP), and javac's class-file major version plus the JVM refusing a newer one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ELF_MACHINE,
  LINUX_LOADER,
  MACHO_CPUTYPE,
  PE_MACHINE,
  PYC_MAGIC,
  PY_VERSIONS,
  WASM_MAGIC,
  classMajor,
  pycCacheTag,
  type Cpu,
  type PyVersion,
} from '@/lib/sim/build';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const has = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return !r.error && r.status === 0;
};
const run = (cmd: string, args: string[], cwd = dir) => spawnSync(cmd, args, { encoding: 'utf8', cwd });

describe('documented values', () => {
  it('.pyc magic numbers per CPython minor version (importlib._bootstrap_external)', () => {
    expect(PYC_MAGIC).toEqual({ '3.8': 3413, '3.9': 3425, '3.10': 3439, '3.11': 3495, '3.12': 3531, '3.13': 3571 });
    expect(new Set(Object.values(PYC_MAGIC)).size).toBe(PY_VERSIONS.length);
    expect(pycCacheTag('3.11')).toBe('cpython-311');
  });

  it('class-file major versions (JVMS §4.1): 44 + Java version', () => {
    expect([8, 11, 17, 21].map(classMajor)).toEqual([52, 55, 61, 65]);
  });

  it('executable header CPU fields', () => {
    expect(ELF_MACHINE).toEqual({ x86_64: 62, aarch64: 183 });
    expect(PE_MACHINE).toEqual({ x86_64: 0x8664, aarch64: 0xaa64 });
    expect(MACHO_CPUTYPE).toEqual({ x86_64: 0x01000007, aarch64: 0x0100000c });
    expect(WASM_MAGIC).toEqual([0, 0x61, 0x73, 0x6d]);
  });
});

describe('this machine agrees', () => {
  it('python3: magic number and cache tag of its own version', () => {
    const r = run('python3', ['-c', 'import importlib.util,sys; print(int.from_bytes(importlib.util.MAGIC_NUMBER[:2],"little"), "%d.%d" % sys.version_info[:2], sys.implementation.cache_tag)']);
    expect(r.status, 'python3 is required for these tests').toBe(0);
    const [magic, version, tag] = r.stdout.trim().split(' ') as [string, string, string];
    expect(PY_VERSIONS).toContain(version);
    expect(Number(magic)).toBe(PYC_MAGIC[version as PyVersion]);
    expect(tag).toBe(pycCacheTag(version as PyVersion));
  });

  it('python3 runs a sourceless .pyc of its own version and refuses one with another version’s magic', () => {
    writeFileSync(join(dir, 'app.py'), 'print("hello from bytecode")\n');
    const c = run('python3', ['-c', 'import py_compile; py_compile.compile("app.py", cfile="app.pyc", doraise=True)']);
    expect(c.status).toBe(0);
    rmSync(join(dir, 'app.py'));
    const ok = run('python3', ['app.pyc']);
    expect(ok.stdout.trim()).toBe('hello from bytecode');
    const own = readFileSync(join(dir, 'app.pyc'));
    const other = PYC_MAGIC[own.readUInt16LE(0) === PYC_MAGIC['3.12'] ? '3.11' : '3.12'];
    const forged = Buffer.from(own);
    forged.writeUInt16LE(other, 0);
    writeFileSync(join(dir, 'other.pyc'), forged);
    const bad = run('python3', ['other.pyc']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/[Bb]ad magic number/);
    // Imported sourceless (a .pyc where the .py would be): ImportError for the wrong magic.
    writeFileSync(join(dir, 'mod.pyc'), forged);
    const imp = run('python3', ['-c', 'import mod']);
    expect(imp.stderr).toMatch(/ImportError: bad magic number/);
  });

  it.skipIf(!has('gcc', ['--version']))('gcc builds an ELF executable for this CPU (e_machine) naming the glibc loader', () => {
    writeFileSync(join(dir, 'hello.c'), '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n');
    const c = run('gcc', ['-o', 'hello', 'hello.c']);
    expect(c.status, c.stderr).toBe(0);
    const elf = readFileSync(join(dir, 'hello'));
    expect([...elf.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(elf[4]).toBe(2); // ELFCLASS64
    const uname = run('uname', ['-m']).stdout.trim();
    const cpu: Cpu = uname === 'aarch64' || uname === 'arm64' ? 'aarch64' : 'x86_64';
    expect(elf.readUInt16LE(18)).toBe(ELF_MACHINE[cpu]);
    // PT_INTERP (type 3): the dynamic loader of the C library it was linked against.
    const phoff = Number(elf.readBigUInt64LE(0x20));
    const phentsize = elf.readUInt16LE(0x36);
    const phnum = elf.readUInt16LE(0x38);
    let interp = '';
    for (let i = 0; i < phnum; i++) {
      const ph = phoff + i * phentsize;
      if (elf.readUInt32LE(ph) === 3) {
        const off = Number(elf.readBigUInt64LE(ph + 8));
        const size = Number(elf.readBigUInt64LE(ph + 32));
        interp = elf.subarray(off, off + size).toString('latin1').replace(/\0+$/, '');
      }
    }
    const isMusl = run('ldd', ['--version']).stderr.includes('musl');
    expect(interp).toBe(LINUX_LOADER[isMusl ? 'musl' : 'gnu'][cpu]);
    expect(run(join(dir, 'hello'), []).stdout.trim()).toBe('hello');
  });

  it.skipIf(!has('javac', ['-version']))('javac writes the documented class-file major; the JVM refuses a newer one', () => {
    writeFileSync(join(dir, 'App.java'), 'public class App { public static void main(String[] a) { System.out.println("hi"); } }\n');
    const c = run('javac', ['--release', '8', 'App.java']);
    expect(c.status, c.stderr).toBe(0);
    const cls = readFileSync(join(dir, 'App.class'));
    expect(cls.readUInt32BE(0)).toBe(0xcafebabe);
    expect(cls.readUInt16BE(6)).toBe(classMajor(8));
    // A newer JVM runs older class files.
    expect(run('java', ['-cp', dir, 'App']).stdout.trim()).toBe('hi');
    const v = /version "(\d+)/.exec(run('java', ['-version']).stderr)?.[1];
    const java = Number(v);
    expect(java).toBeGreaterThanOrEqual(8);
    // A class file one major version newer than this JVM is refused.
    const forged = Buffer.from(cls);
    forged.writeUInt16BE(classMajor(java) + 1, 6);
    writeFileSync(join(dir, 'App.class'), forged);
    const bad = run('java', ['-cp', dir, 'App']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/UnsupportedClassVersionError/);
  }, 60_000);
});
