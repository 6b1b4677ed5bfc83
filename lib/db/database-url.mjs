// Which database the app uses and where it lives, for everything that opens it: the app's Prisma client
// (lib/db/client.ts), the Prisma CLI (prisma.config.ts), its schema engine and the npm scripts
// (scripts/*.mjs). Plain JavaScript so that node runs it without a build step.
import path from 'node:path';

/** The database when DATABASE_URL is not set, relative to the project root. */
export const DEFAULT_DATABASE_URL = 'file:./data/lockstep.db';

/**
 * The file a SQLite URL names, as the driver opens it: an absolute path (a relative one is
 * resolved from `root`, so every tool opens the same file whatever its working directory),
 * or `:memory:`. `file:///abs` is `/abs`; query options are dropped (the driver takes none).
 * Null for a URL that is not `file:` or names no file.
 */
export function sqliteFile(url, root) {
  if (!url.startsWith('file:')) return null;
  let file = url.slice('file:'.length);
  const queryAt = file.indexOf('?');
  if (queryAt !== -1) file = file.slice(0, queryAt);
  if (file.startsWith('//')) file = file.slice(2);
  if (file === ':memory:') return file;
  if (file === '') return null;
  return path.resolve(root, file);
}

/** True for a `postgresql://` or `postgres://` URL: the PostgreSQL driver adapter serves it. */
export function isPostgresUrl(url) {
  return typeof url === 'string' && /^postgres(ql)?:\/\//i.test(url);
}

/** The Prisma schema provider a URL selects: PostgreSQL for a postgresql:// URL, else SQLite. */
export function databaseProvider(url) {
  return isPostgresUrl(url) ? 'postgresql' : 'sqlite';
}

/**
 * The Prisma schema and migrations folder of each provider, relative to the project root. The
 * PostgreSQL schema is derived from the SQLite one (scripts/postgres-schema.mjs).
 */
export const PRISMA_LAYOUT = {
  sqlite: { schema: 'prisma/schema.prisma', migrations: 'prisma/migrations' },
  postgresql: { schema: 'prisma/postgresql/schema.prisma', migrations: 'prisma/postgresql/migrations' },
};

/** The URL with its password hidden, for logs and the health report. */
export function redactDatabaseUrl(url) {
  if (!isPostgresUrl(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgresql://(unparsable)';
  }
}
