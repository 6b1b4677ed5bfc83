import { afterEach, describe, expect, it, vi } from 'vitest';

describe('one database client per process', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('a production server that loads lib/db/client twice (two module graphs) still has one client, so one SQLite connection', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
    const first = (await import('@/lib/db/client')).prisma;
    vi.resetModules();
    const second = (await import('@/lib/db/client')).prisma;
    expect(second).toBe(first);
    expect(process.env.NODE_ENV).toBe('production');
  });

  it('every copy of the module knows which database the shared client talks to (PostgreSQL too)', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
    const first = await import('@/lib/db/client');
    const pg = first.createPrismaClient('postgresql://nobody@127.0.0.1:9/none');
    vi.resetModules();
    const second = await import('@/lib/db/client');
    expect(second.providerOf(pg)).toBe('postgresql');
    expect(second.databaseDialect).toBe(first.databaseDialect);
    await pg.$disconnect();
  });

  it('leaves NODE_ENV as it found it', () => {
    expect(process.env.NODE_ENV).toBe(nodeEnv);
  });
});
