import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { databaseDialect, prisma, type DatabaseProvider } from './client';
import { PRISMA_LAYOUT } from './database-url.mjs';

export type DatabaseHealth =
  | {
      status: 'ok';
      provider: DatabaseProvider;
      latencyMs: number;
      /** Migrations applied to the database. */
      migrations: number;
      /** Whether every migration this build ships is applied. */
      migrationsCurrent: boolean;
      /** Migrations this build ships that the database lacks. */
      pendingMigrations: number;
    }
  | { status: 'error'; provider: DatabaseProvider; message: string };

/** The migration folders this build ships for a provider, by name (the folder of each migration.sql). */
export function shippedMigrations(provider: DatabaseProvider, root: string = process.cwd()): string[] {
  const dir = path.join(root, PRISMA_LAYOUT[provider].migrations);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

/** Checks the database answers, which one it is, and whether its migrations are current. */
export async function databaseHealth(): Promise<DatabaseHealth> {
  const started = performance.now();
  const provider = databaseDialect;
  try {
    const rows = await prisma.$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.name));
    const pending = shippedMigrations(provider).filter((name) => !applied.has(name));
    return {
      status: 'ok',
      provider,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
      migrations: applied.size,
      migrationsCurrent: pending.length === 0,
      pendingMigrations: pending.length,
    };
  } catch (error) {
    console.error('database health check failed', error);
    return { status: 'error', provider, message: 'database unavailable' };
  }
}
