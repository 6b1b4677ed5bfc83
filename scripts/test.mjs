#!/usr/bin/env node
// `npm test`: installs what is missing, then type-check, lint, unit (+ oracle) tests, build and
// end-to-end tests in real Chromium against `next start` on a fresh temporary database.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, ensureDependencies, generatePrismaClient, info, run, runBin, step } from './lib.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) {
    step(`Chromium found at ${CHROMIUM}`);
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `No Chromium at ${CHROMIUM}. Install Debian's package (sudo apt-get install -y chromium) ` +
        'or set CHROMIUM_PATH to a Chromium/Chrome executable. Lockstep never downloads a browser.',
    );
  }
  step("Installing Debian's chromium (apt-get)");
  await run('apt-get', ['update', '-qq']);
  await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
}

/** The build oracle compiles for a second CPU with Debian's aarch64 cross compiler. */
async function ensureCrossCompiler() {
  try {
    execFileSync('aarch64-linux-gnu-gcc', ['--version'], { stdio: 'ignore' });
    step('aarch64 cross compiler found');
    return;
  } catch {
    // installed below when possible
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error('No aarch64-linux-gnu-gcc: the build oracle needs it (sudo apt-get install -y gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu).');
  }
  step("Installing Debian's aarch64 cross compiler (apt-get)");
  await run('apt-get', ['update', '-qq']);
  await run('apt-get', ['install', '-y', '-qq', 'gcc-aarch64-linux-gnu', 'binutils-aarch64-linux-gnu'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
}

const started = Date.now();
const timings = [];
async function timed(name, fn) {
  const t0 = Date.now();
  await fn();
  timings.push([name, (Date.now() - t0) / 1000]);
}

try {
  await timed('install', async () => {
    await ensureDependencies();
    await ensureChromium();
    await ensureCrossCompiler();
    try {
      execFileSync('python3', ['--version'], { stdio: 'ignore' });
      execFileSync('gcc', ['--version'], { stdio: 'ignore' });
    } catch {
      throw new Error('python3 and gcc are needed for the oracle tests (apt-get install -y python3 gcc).');
    }
    await generatePrismaClient();
  });
  // Build and e2e use a throwaway secret and database: nothing touches data/ or .env.local.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-test-'));
  const testEnv = {
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    DATABASE_URL: `file:${path.join(tmp, 'build.db')}`,
  };
  Object.assign(process.env, testEnv);
  info(`temporary files: ${tmp}`);

  await timed('typecheck', async () => {
    step('Type-checking (next typegen && tsc --noEmit)');
    await runBin('next', ['typegen'], { quiet: true });
    await runBin('tsc', ['--noEmit']);
  });
  await timed('lint', async () => {
    step('Linting (eslint)');
    await runBin('eslint', ['--max-warnings=0', '.']);
  });
  await timed('unit', async () => {
    step('Unit, property and contract tests (vitest)');
    await runBin('vitest', ['run', 'tests/unit']);
  });
  await timed('oracle', async () => {
    // One oracle file at a time: the thread programs measure real time, so they get the
    // machine to themselves rather than sharing it with the C compiler.
    step('Oracle tests: exported scenarios under real python3 and gcc (vitest)');
    await runBin('vitest', ['run', 'tests/oracle', '--no-file-parallelism']);
  });
  await timed('build', async () => {
    step('Building');
    await build({ force: true });
  });
  await timed('e2e', async () => {
    step('End-to-end tests in Chromium (playwright)');
    await runBin('playwright', ['test'], { env: { E2E_TMP: tmp } });
  });
  fs.rmSync(tmp, { recursive: true, force: true });
} catch (error) {
  console.error(`\n✖ ${error instanceof Error ? error.message : error}`);
  for (const [name, s] of timings) console.error(`  ${name.padEnd(10)} ${s.toFixed(1)} s`);
  process.exit(1);
}

step(`All checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const [name, s] of timings) info(`${name.padEnd(10)} ${s.toFixed(1)} s`);
