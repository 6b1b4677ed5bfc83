// Prisma CLI configuration (Prisma 7).
//
// Everything here must work offline: the Prisma CLI normally downloads a
// native `schema-engine` binary, which is unreachable from our networks.
// We point it at scripts/prisma-schema-engine.mjs instead, a small Node
// program that serves the same JSON-RPC protocol with the WebAssembly build
// of the schema engine and the better-sqlite3 driver adapter.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

const projectRoot = path.dirname(fileURLToPath(import.meta.url));

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(
  projectRoot,
  'scripts',
  'prisma-schema-engine.mjs',
);

const DEFAULT_DATABASE_URL = 'file:./data/lockstep.db';

/**
 * Turns a SQLite URL whose path is relative (`file:./data/x.db`) into one with
 * an absolute path, resolved from the project root rather than from whatever
 * directory the CLI happens to be run in. Creates the parent directory, since
 * SQLite will not. Mirrors `resolveDatabaseUrl` in lib/db/client.ts.
 */
function resolveSqliteUrl(url: string): string {
  if (!url.startsWith('file:')) return url;
  const rest = url.slice('file:'.length);
  const queryAt = rest.indexOf('?');
  const filePath = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rest.slice(queryAt);
  if (filePath === '' || filePath === ':memory:') return url;
  const absolute = path.resolve(projectRoot, filePath);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  return `file:${absolute}${query}`;
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
  },
  datasource: {
    url: resolveSqliteUrl(process.env.DATABASE_URL || DEFAULT_DATABASE_URL),
  },
});
