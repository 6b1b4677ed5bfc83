import 'server-only';
import { prisma } from './client';

export type DatabaseHealth = { status: 'ok'; latencyMs: number; migrations: number } | { status: 'error'; message: string };

/** Checks the database answers and how many migrations are applied. */
export async function databaseHealth(): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    const rows = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
      'SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    return { status: 'ok', latencyMs: Math.round((performance.now() - started) * 10) / 10, migrations: Number(rows[0]?.n ?? 0) };
  } catch (error) {
    console.error('database health check failed', error);
    return { status: 'error', message: 'database unavailable' };
  }
}
