// Migrations run offline with the real Prisma CLI (through
// scripts/prisma-schema-engine.mjs), are idempotent, are recorded with the
// checksums of the committed files, match prisma/schema.prisma, and give a
// database the app's client can use.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const prismaCli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
const migrationsDir = path.join(root, 'prisma', 'migrations');
const CLI_TIMEOUT_MS = 120_000;

let tmpDir: string;
let dbFile: string;
let databaseUrl: string;

function prisma(args: string[]) {
  const result = spawnSync(process.execPath, [prismaCli, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
      NO_COLOR: '1',
    },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, stdout: result.stdout };
}

function committedMigrations() {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => ({
      name: entry.name,
      checksum: createHash('sha256')
        .update(fs.readFileSync(path.join(migrationsDir, entry.name, 'migration.sql')))
        .digest('hex'),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
  rolled_back_at: string | null;
}

function appliedMigrations(): MigrationRow[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db
      .prepare('SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name')
      .all() as MigrationRow[];
  } finally {
    db.close();
  }
}

beforeAll(() => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-migrations-'));
  dbFile = path.join(tmpDir, 'test.db');
  databaseUrl = `file:${dbFile}`;
});

afterAll(() => {
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe('prisma migrations (offline, wasm schema engine)', () => {
  it('has at least the init migration committed', () => {
    const migrations = committedMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations[0]!.name).toMatch(/^\d{14}_init$/);
    expect(fs.existsSync(path.join(migrationsDir, 'migration_lock.toml'))).toBe(true);
  });

  it(
    'migrate deploy applies every migration once, and a second run applies nothing',
    () => {
      const first = prisma(['migrate', 'deploy']);
      expect(first.status, first.output).toBe(0);
      expect(first.output).toContain('All migrations have been successfully applied');

      const second = prisma(['migrate', 'deploy']);
      expect(second.status, second.output).toBe(0);
      expect(second.output).toContain('No pending migrations to apply');

      const rows = appliedMigrations();
      const committed = committedMigrations();
      expect(rows.map((r) => r.migration_name)).toEqual(committed.map((m) => m.name));
      for (const row of rows) {
        expect(row.finished_at, row.migration_name).not.toBeNull();
        expect(row.rolled_back_at, row.migration_name).toBeNull();
      }
      expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(committed.map((m) => [m.name, m.checksum]));
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'migrate status reports the database up to date',
    () => {
      const status = prisma(['migrate', 'status']);
      expect(status.status, status.output).toBe(0);
      expect(status.output).toContain('Database schema is up to date');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'the migrations produce exactly prisma/schema.prisma (no drift)',
    () => {
      const fromMigrations = prisma([
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema',
        'prisma/schema.prisma',
        '--exit-code',
      ]);
      expect(fromMigrations.status, fromMigrations.output).toBe(0);
      expect(fromMigrations.stdout).toContain('No difference detected');

      const fromDatabase = prisma([
        'migrate',
        'diff',
        '--from-config-datasource',
        '--to-schema',
        'prisma/schema.prisma',
        '--exit-code',
      ]);
      expect(fromDatabase.status, fromDatabase.output).toBe(0);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'a client from lib/db/client.ts creates and reads a User on the migrated database',
    async () => {
      // (The module's default `prisma` client is created but never connects here.)
      const { createPrismaClient } = await import('@/lib/db/client');
      const client = createPrismaClient(databaseUrl);
      try {
        const created = await client.user.create({
          data: { email: 'ada@example.test', name: 'Ada', passwordHash: 'not-a-real-hash' },
        });
        expect(created.role).toBe('STUDENT');
        expect(created.locale).toBe('en');
        expect(created.createdAt).toBeInstanceOf(Date);

        const found = await client.user.findUnique({ where: { email: 'ada@example.test' } });
        expect(found).toMatchObject({ id: created.id, name: 'Ada', role: 'STUDENT', locale: 'en' });

        await client.signInAttempt.create({ data: { email: 'ada@example.test', at: new Date(), succeeded: false } });
        expect(await client.signInAttempt.count({ where: { email: 'ada@example.test' } })).toBe(1);

        const [mode] = await client.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
        expect(mode?.journal_mode).toBe('wal');
      } finally {
        await client.$disconnect();
      }
    },
    CLI_TIMEOUT_MS,
  );
});
