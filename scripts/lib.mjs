// Shared steps of `npm start`, `npm run dev` and `npm test`. Each prints what it does.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATABASE_URL, PRISMA_LAYOUT, isPostgresUrl, redactDatabaseUrl, sqliteFile } from '../lib/db/database-url.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

export function step(text) {
  console.log(`\n\x1b[1m▶ ${text}\x1b[0m`);
}

export function info(text) {
  console.log(`  ${text}`);
}

/** Runs a command inheriting stdio; resolves on exit 0, rejects otherwise. */
export function run(command, args, { env = {}, cwd = root, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    });
    let output = '';
    if (quiet) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else {
        if (quiet) process.stderr.write(output);
        reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
      }
    });
  });
}

export const runBin = (name, args, options) => run(bin(name), args, options);

/** Installs dependencies from the lockfile when node_modules is missing or older than it. */
export async function ensureDependencies() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh && fs.existsSync(bin('next'))) {
    step('Dependencies are installed');
    return;
  }
  step('Installing dependencies from package-lock.json (npm ci)');
  await run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Reads KEY=value lines of .env.local into process.env (without overriding what is set). */
export function loadEnvLocal() {
  const file = path.join(root, '.env.local');
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2].replace(/^"(.*)"$/, '$1');
  }
}

/** Creates a local auth secret in .env.local (git-ignored) when none is configured. */
export function ensureAuthSecret() {
  loadEnvLocal();
  if (process.env.NEXTAUTH_SECRET) {
    step('Auth secret is configured');
    return;
  }
  step('Creating a local auth secret in .env.local (git-ignored)');
  const secret = randomBytes(32).toString('base64url');
  fs.appendFileSync(path.join(root, '.env.local'), `NEXTAUTH_SECRET=${secret}\n`, { mode: 0o600 });
  process.env.NEXTAUTH_SECRET = secret;
}

/** DATABASE_URL, defaulting to the embedded SQLite file under data/. */
export function ensureDatabaseUrl() {
  if (!process.env.DATABASE_URL) {
    const file = sqliteFile(DEFAULT_DATABASE_URL, root);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    process.env.DATABASE_URL = `file:${file}`;
  }
  info(`database: ${redactDatabaseUrl(process.env.DATABASE_URL)}${isPostgresUrl(process.env.DATABASE_URL) ? ' (PostgreSQL)' : ' (SQLite)'}`);
}

/** Generates the SQLite and the PostgreSQL client (the latter from the derived schema). */
export async function generatePrismaClient() {
  step('Generating the Prisma clients (SQLite and PostgreSQL)');
  await run(process.execPath, [path.join(root, 'scripts', 'postgres-schema.mjs'), '--check']);
  await runBin('prisma', ['generate'], { quiet: true });
  await runBin('prisma', ['generate', '--schema', PRISMA_LAYOUT.postgresql.schema], { quiet: true });
}

export async function migrate() {
  step('Applying database migrations');
  await runBin('prisma', ['migrate', 'deploy']);
}

const BUILD_INPUTS = ['app', 'components', 'lib', 'i18n', 'messages', 'public', 'proxy.ts', 'next.config.js', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json', 'prisma/schema.prisma'];
const STAMP = path.join(root, '.next', 'lockstep-build.sha256');

function hashTree(hash, target) {
  if (!fs.existsSync(target)) return;
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(target).sort()) hashTree(hash, path.join(target, entry));
  } else {
    hash.update(path.relative(root, target));
    hash.update(fs.readFileSync(target));
  }
}

/** A hash of everything the production build depends on. */
export function sourceHash() {
  const hash = createHash('sha256');
  for (const input of BUILD_INPUTS) hashTree(hash, path.join(root, input));
  return hash.digest('hex');
}

export async function build({ force = false } = {}) {
  const current = sourceHash();
  const built = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : null;
  if (!force && built === current && fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    step('The production build is up to date');
    return;
  }
  step(built ? 'Sources changed: rebuilding (next build)' : 'Building the app (next build)');
  await runBin('next', ['build']);
  fs.writeFileSync(STAMP, `${current}\n`);
}
