// Where the SQLite database lives, for everything that opens it: the app's Prisma client
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
