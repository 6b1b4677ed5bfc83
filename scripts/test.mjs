#!/usr/bin/env node
// `npm test`: installs what is missing, then type-check, lint, unit (+ oracle) tests, build and
// end-to-end tests in real Chromium against `next start` on a fresh temporary SQLite database;
// then the database tests and the end-to-end tests again on a throwaway PostgreSQL 15
// (scripts/postgres.mjs: initdb in a temp folder, a free port, stopped at the end, also on
// failure). LOCKSTEP_TEST_DATABASES=sqlite (or postgresql) runs one database only.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, ensureDependencies, generatePrismaClient, info, root, run, runBin, step } from './lib.mjs';
import { startPostgres } from './postgres.mjs';

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

/** Unit test files that open a database (they make it with tests/helpers/test-database.ts). */
function databaseTestFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.test.ts') && fs.readFileSync(file, 'utf8').includes('helpers/test-database')) files.push(path.relative(root, file));
    }
  };
  walk(path.join(root, 'tests', 'unit'));
  return files.sort();
}

/**
 * Specs that bring their own database, run once (in the SQLite pass): the crash test and the
 * fuzzer check their own SQLite files directly; the multi-node spec starts its own PostgreSQL.
 */
const OWN_DATABASE_SPECS = ['tests/e2e/crash.spec.ts', 'tests/e2e/fuzz.spec.ts', 'tests/e2e/multinode.spec.ts'];

/** Races of concurrent writes: run again with the e2e server on two processes. */
const MULTI_PROCESS_SPEC = 'tests/e2e/concurrency.spec.ts';

const databases = (process.env.LOCKSTEP_TEST_DATABASES || 'sqlite,postgresql').split(',').map((d) => d.trim());
const started = Date.now();
const timings = [];
async function timed(name, fn) {
  const t0 = Date.now();
  await fn();
  timings.push([name, (Date.now() - t0) / 1000]);
}

/** The database tests and the e2e suite again, on a throwaway PostgreSQL cluster. */
async function postgresStages(tmp) {
  let cluster = null;
  const stop = () => cluster?.stop();
  process.once('exit', stop);
  try {
    await timed('pg start', async () => {
      step('Starting a throwaway PostgreSQL (initdb in a temporary folder)');
      cluster = await startPostgres({ database: 'e2e' });
      info(`PostgreSQL on 127.0.0.1:${cluster.port}`);
    });
    const maintenance = cluster.urlFor('postgres');
    await timed('pg unit', async () => {
      step('Database tests on PostgreSQL (vitest)');
      await runBin('vitest', ['run', ...databaseTestFiles()], { env: { TEST_POSTGRES_URL: maintenance } });
    });
    await timed('pg e2e', async () => {
      step('End-to-end tests in Chromium (playwright), on PostgreSQL');
      await runBin('playwright', ['test', ...postgresSpecs()], {
        env: { E2E_TMP: tmp, E2E_DATABASE: 'postgresql', E2E_DATABASE_URL: cluster.url },
      });
    });
    await timed('pg e2e 2 proc', async () => {
      step('Concurrency specs against two server processes over PostgreSQL');
      cluster.createDatabase('e2e_two_processes');
      await runBin('playwright', ['test', MULTI_PROCESS_SPEC], {
        env: { E2E_TMP: tmp, E2E_DATABASE: 'postgresql', E2E_DATABASE_URL: cluster.urlFor('e2e_two_processes'), E2E_SERVER_PROCESSES: '2' },
      });
    });
  } finally {
    stop();
    process.removeListener('exit', stop);
  }
}

/** Every e2e spec but those with their own database. */
function postgresSpecs() {
  return fs
    .readdirSync(path.join(root, 'tests', 'e2e'))
    .filter((name) => name.endsWith('.spec.ts'))
    .map((name) => `tests/e2e/${name}`)
    .filter((spec) => !OWN_DATABASE_SPECS.includes(spec))
    .sort();
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
  if (databases.includes('sqlite')) {
    await timed('e2e', async () => {
      step('End-to-end tests in Chromium (playwright), on SQLite');
      await runBin('playwright', ['test'], { env: { E2E_TMP: tmp } });
    });
    await timed('e2e 2 proc', async () => {
      step('Concurrency specs against two server processes over one SQLite file');
      await runBin('playwright', ['test', MULTI_PROCESS_SPEC], { env: { E2E_TMP: tmp, E2E_SERVER_PROCESSES: '2' } });
    });
  }
  if (databases.includes('postgresql')) await postgresStages(tmp);
  fs.rmSync(tmp, { recursive: true, force: true });
} catch (error) {
  console.error(`\n✖ ${error instanceof Error ? error.message : error}`);
  for (const [name, s] of timings) console.error(`  ${name.padEnd(10)} ${s.toFixed(1)} s`);
  process.exit(1);
}

step(`All checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const [name, s] of timings) info(`${name.padEnd(10)} ${s.toFixed(1)} s`);
