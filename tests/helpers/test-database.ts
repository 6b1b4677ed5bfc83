// A fresh database for one test file: a SQLite file in a temp folder, or, when the suite runs on
// PostgreSQL (TEST_POSTGRES_URL names a server's maintenance database, as scripts/test.mjs sets
// it), a database of its own on that server, created here and dropped by cleanup().
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestDatabase {
  url: string;
  provider: 'sqlite' | 'postgresql';
  cleanup(): void;
}

function psql(url: string, sql: string) {
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Creates the database (not migrated: run `prisma migrate deploy` with its url). */
export function createTestDatabase(label: string): TestDatabase {
  const server = process.env.TEST_POSTGRES_URL;
  if (server) {
    const name = `t_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
    psql(server, `CREATE DATABASE "${name}"`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      provider: 'postgresql',
      cleanup: () => psql(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lockstep-${label}-`));
  return {
    url: `file:${path.join(dir, `${label}.db`)}`,
    provider: 'sqlite',
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

const CLI_TIMEOUT_MS = 120_000;

/** Runs the real Prisma CLI's `migrate deploy` on the database; throws with its output when it fails. */
export function migrateTestDatabase(url: string): void {
  const root = path.resolve(__dirname, '../..');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'migrate', 'deploy'], {
    cwd: root,
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1', NO_COLOR: '1' },
  });
  if (result.status !== 0) throw new Error(`migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
}
