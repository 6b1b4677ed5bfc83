// Prisma CLI configuration (Prisma 7).
//
// Everything here must work offline: the Prisma CLI normally downloads a
// native `schema-engine` binary, which is unreachable from our networks.
// We point it at scripts/prisma-schema-engine.mjs instead, a small Node
// program that serves the same JSON-RPC protocol with the WebAssembly build
// of the schema engine and the better-sqlite3 (or, for PostgreSQL, pg) driver adapter.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';
import { DEFAULT_DATABASE_URL, PRISMA_LAYOUT, databaseProvider, sqliteFile } from './lib/db/database-url.mjs';

const projectRoot = path.dirname(fileURLToPath(import.meta.url));

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(
  projectRoot,
  'scripts',
  'prisma-schema-engine.mjs',
);

/**
 * The database the app opens (lib/db/database-url.mjs), with its directory created, since
 * SQLite will not create one. A URL naming no file is passed on for the CLI to refuse.
 */
function datasourceUrl(url: string): string {
  const file = sqliteFile(url, projectRoot);
  if (file === null) return url;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  return `file:${file}`;
}

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
// A postgresql:// URL selects the PostgreSQL schema and its own migrations; SQLite is the default.
const layout = PRISMA_LAYOUT[databaseProvider(url)];

export default defineConfig({
  schema: layout.schema,
  migrations: {
    path: layout.migrations,
  },
  datasource: {
    url: datasourceUrl(url),
  },
});
