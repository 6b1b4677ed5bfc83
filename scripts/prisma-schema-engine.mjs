#!/usr/bin/env node
// A drop-in replacement for Prisma's native `schema-engine` binary, for SQLite and PostgreSQL.
//
// Why: every Prisma CLI command wants to download the native engine from
// Prisma's servers, which our networks cannot reach. prisma.config.ts sets
// PRISMA_SCHEMA_ENGINE_BINARY to this file, so the CLI spawns it instead.
//
// How: the CLI talks to the engine with JSON-RPC 2.0, one JSON object per line
// on stdin/stdout. We serve every call with the WebAssembly build of the same
// engine (@prisma/schema-engine-wasm, same commit hash as the CLI), which
// reaches the database through the better-sqlite3 driver adapter, or through the pg one
// for a `postgresql://` URL.
//
// Invocations the CLI uses:
//   prisma-schema-engine.mjs --version
//   prisma-schema-engine.mjs --datasource '{"url":…}' cli can-connect-to-database
//   prisma-schema-engine.mjs --datasource '{"url":…}' cli create-database
//   prisma-schema-engine.mjs [--datamodels <path>]… [--datasource <json>]   (JSON-RPC server)
//
// Differences between the wasm engine and the native one that we paper over:
//   1. Without a `_prisma_migrations` table, devDiagnostic and
//      diagnoseMigrationHistory fail with P1014: we create the table (by
//      applying an empty list of migrations) and retry.
//   2. The shadow database receives whole scripts through executeRaw, which
//      better-sqlite3 rejects ("more than one statement"): we fall back to
//      running the text as a script.
//   3. `diff` returns its output in `result.stdout`, whereas the CLI expects a
//      `print` request from the engine: we send that request.
//   4. `reset` leaves the tables in place on SQLite: we drop every table and
//      view ourselves.
//   5. createMigration and evaluateDataLoss cannot replay the migration
//      history on SQLite by themselves; they only work from the engine's
//      cache, which we fill first (see withMigrationSchemaCached).
//   6. PostgreSQL: the pg adapter refuses columns of type "char" (OID 18), which the
//      engine's catalog queries return: we report them as text. `reset` drops the schema
//      with CASCADE (dependency order); the shadow database is created and dropped by the
//      adapter unless a shadowDatabaseUrl is given.
//
// stdout is reserved for the protocol; all diagnostics go to stderr as JSON
// log lines in the format the CLI parses ({level, target, fields: {message}}).

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isPostgresUrl, sqliteFile } from '../lib/db/database-url.mjs';

import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

const require = createRequire(import.meta.url);

// Nothing but protocol messages may reach stdout.
console.log = console.info = console.debug = (...args) => console.error(...args);

// ---------------------------------------------------------------------------
// Logging in the native engine's stderr format.

function logLine(level, message, extraFields = {}) {
  process.stderr.write(
    JSON.stringify({
      timestamp: new Date().toISOString(),
      level,
      fields: { message, ...extraFields },
      target: 'schema_engine::logger',
    }) + '\n',
  );
}

// ---------------------------------------------------------------------------
// Command line.

function parseArgs(argv) {
  const options = { datamodels: [], datasource: null, version: false, cli: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--version':
      case '-V':
        options.version = true;
        break;
      case '--datamodels':
        options.datamodels.push(argv[++i]);
        break;
      case '--datasource':
        options.datasource = JSON.parse(argv[++i]);
        break;
      case '--enabled-preview-features':
      case '--extension-types':
        i++; // accepted and ignored: nothing in them applies to SQLite
        break;
      case 'cli':
        options.cli = argv.slice(i + 1);
        i = argv.length;
        break;
      default:
        if (arg.startsWith('--datamodels=')) options.datamodels.push(arg.slice(13));
        else if (arg.startsWith('--datasource=')) options.datasource = JSON.parse(arg.slice(13));
        else if (arg === '--help' || arg === '-h') options.help = true;
        else logLine('WARN', `prisma-schema-engine: ignoring unknown argument ${arg}`);
    }
  }
  return options;
}

function enginesHash() {
  const pkg = JSON.parse(
    fs.readFileSync(require.resolve('@prisma/engines-version/package.json'), 'utf8'),
  );
  return pkg.prisma.enginesVersion;
}

/** `file:./x.db` → absolute file path (relative to the working directory, as the CLI's cwd is the project). */
function sqlitePath(url) {
  const file = typeof url === 'string' ? sqliteFile(url, process.cwd()) : null;
  if (file === null) {
    throw new Error(
      `This schema engine only supports SQLite "file:" URLs, got ${JSON.stringify(url)}`,
    );
  }
  return file;
}

// ---------------------------------------------------------------------------
// The driver adapter, with gap (2) patched in.

function isMultiStatementError(error) {
  const texts = [error?.message, error?.cause?.message, error?.cause?.originalMessage];
  return texts.some((t) => typeof t === 'string' && t.includes('more than one statement'));
}

/** Wraps an adapter so that executeRaw of a multi-statement script runs it as a script. */
function withScriptFallback(adapter) {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length === 0 && isMultiStatementError(error)) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      throw error;
    }
  };
  return adapter;
}

/** PostgreSQL's OIDs of the single-byte "char" type and of text. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** Gap (6): makes a pg queryable (adapter or transaction) report "char" columns as text. */
function withCharAsText(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result?.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  if (typeof queryable.startTransaction === 'function') {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => withCharAsText(await startTransaction(...args));
  }
  return queryable;
}

function createPostgresAdapterFactory(url, shadowDatabaseUrl) {
  const inner = new PrismaPg({ connectionString: url });
  const shadow = shadowDatabaseUrl ? new PrismaPg({ connectionString: shadowDatabaseUrl }) : null;
  const connections = { main: [], shadow: [] };
  const factory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = withCharAsText(await inner.connect());
      connections.main.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const adapter = withCharAsText(shadow ? await shadow.connect() : await inner.connectToShadowDb());
      connections.shadow.push(adapter);
      return adapter;
    },
  };
  return { file: null, factory, connections, postgres: true };
}

/**
 * A migration-aware adapter factory that remembers the connections it made,
 * so that we can reuse the main one (reset) and close them all on exit.
 */
function createAdapterFactory(url, shadowDatabaseUrl) {
  if (isPostgresUrl(url)) return createPostgresAdapterFactory(url, shadowDatabaseUrl);
  const file = sqlitePath(url);
  const shadowFile = shadowDatabaseUrl ? sqlitePath(shadowDatabaseUrl) : ':memory:';
  const inner = new PrismaBetterSqlite3({ url: file }, { shadowDatabaseUrl: shadowFile });
  const connections = { main: [], shadow: [] };
  const factory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = withScriptFallback(await inner.connect());
      connections.main.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const adapter = withScriptFallback(await inner.connectToShadowDb());
      connections.shadow.push(adapter);
      return adapter;
    },
  };
  return { file, factory, connections, postgres: false };
}

/** The migrations table exactly as the engine creates it on PostgreSQL. */
const PG_MIGRATIONS_TABLE_DDL = `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

/** The migrations table exactly as the engine creates it on SQLite. */
const MIGRATIONS_TABLE_DDL = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

// ---------------------------------------------------------------------------
// The wasm engine.

let wasmReady = null;
function loadWasm() {
  wasmReady ??= (async () => {
    const bgPath = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = fs.readFileSync(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
  })();
  return wasmReady;
}

function forwardEngineLog(entry) {
  // The wasm engine hands us its tracing events, usually as JSON strings.
  if (typeof entry === 'string') {
    try {
      JSON.parse(entry);
      process.stderr.write(entry.endsWith('\n') ? entry : entry + '\n');
      return;
    } catch {
      logLine('INFO', entry);
      return;
    }
  }
  process.stderr.write(JSON.stringify(entry) + '\n');
}

// ---------------------------------------------------------------------------
// JSON-RPC plumbing.

function send(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

let nextOwnRequestId = 1;
const pendingOwnRequests = new Map();

/** Sends a request to the CLI (the only one it understands is `print`) and waits for its answer. */
function requestFromCli(method, params) {
  const id = nextOwnRequestId++;
  return new Promise((resolve, reject) => {
    pendingOwnRequests.set(id, { resolve, reject });
    send({ jsonrpc: '2.0', id, method, params });
  });
}

/** Converts whatever the wasm engine threw into a JSON-RPC error object the CLI understands. */
function toRpcError(error) {
  // Errors from the wasm engine are objects shaped like the native engine's
  // user-facing errors ({ error_code, message, meta, is_panic }), sometimes
  // wrapped in an Error, sometimes as a JSON string.
  let data = error;
  if (typeof error === 'string') {
    try {
      data = JSON.parse(error);
    } catch {
      data = { message: error };
    }
  } else if (error instanceof Error) {
    let parsed = null;
    try {
      parsed = JSON.parse(error.message);
    } catch {
      /* not JSON */
    }
    data = parsed && typeof parsed === 'object'
      ? parsed
      : { message: error.message, ...(error.code ? { error_code: error.code } : {}) };
    if (!data.message) data.message = error.message;
  } else if (!error || typeof error !== 'object') {
    data = { message: String(error) };
  }
  const message = typeof data.message === 'string' ? data.message : JSON.stringify(data);
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: { is_panic: Boolean(data.is_panic), message, meta: data.meta ?? null, error_code: data.error_code ?? null },
  };
}

function errorCode(error) {
  return toRpcError(error).data.error_code;
}

// ---------------------------------------------------------------------------
// The server.

async function serve(options) {
  await loadWasm();

  const datamodels = options.datamodels.map((file) => [file, fs.readFileSync(file, 'utf8')]);
  const datasource = options.datasource ?? {};
  if (!datasource.url) {
    // The CLI always passes the URL from prisma.config.ts; without one there is nothing to migrate.
    logLine('ERROR', 'prisma-schema-engine: no datasource URL was given (set DATABASE_URL).');
  }
  const { file, factory, connections, postgres } = createAdapterFactory(
    datasource.url ?? 'file::memory:',
    datasource.shadowDatabaseUrl,
  );
  if (file !== null && file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });

  const engine = await bg.SchemaEngine.new(
    { datamodels: datamodels.length > 0 ? datamodels : undefined },
    forwardEngineLog,
    bindMigrationAwareSqlAdapterFactory(factory),
  );

  /**
   * Gap (1): on a database without `_prisma_migrations`, the native engine
   * reports "no migrations applied" (hasMigrationsTable: false); the wasm one
   * fails with P1014. We create the table for the duration of the call
   * (through an empty applyMigrations, which only works on an empty database,
   * else with the engine's own DDL), then drop it again so that the database
   * is left as we found it, and report the table as missing. Commands that
   * write to the table (markMigrationApplied: `migrate resolve --applied`,
   * used to baseline an existing database) keep it, as the native engine does.
   */
  async function withMigrationsTable(call, migrationsList, { keepTable = false } = {}) {
    try {
      return { result: await call(), tableWasMissing: false };
    } catch (error) {
      if (errorCode(error) !== 'P1014') throw error;
    }
    try {
      await engine.applyMigrations({
        migrationsList: { ...migrationsList, migrationDirectories: [] },
        filters: { externalTables: [], externalEnums: [] },
      });
    } catch (error) {
      if (errorCode(error) !== 'P3005') throw error; // the database is not empty
      await mainAdapter().then((adapter) => adapter.executeScript(postgres ? PG_MIGRATIONS_TABLE_DDL : MIGRATIONS_TABLE_DDL));
    }
    let ok = false;
    try {
      const result = await call();
      ok = true;
      return { result, tableWasMissing: true };
    } finally {
      if (!keepTable || !ok) {
        await mainAdapter().then((adapter) =>
          adapter.executeScript('DROP TABLE IF EXISTS "_prisma_migrations";'),
        );
      }
    }
  }

  async function mainAdapter() {
    return connections.main.at(-1) ?? (await factory.connect());
  }

  /**
   * Gap (5): evaluateDataLoss and createMigration compute the schema the
   * migration history produces without access to the shadow database, which
   * the wasm engine cannot do on SQLite ("SQLite shadow DB must be provided
   * through an external factory"). They succeed when that schema is already
   * in the engine's per-process cache, which diagnoseMigrationHistory fills
   * (using the shadow database) when the main database has every migration
   * applied, as it does at that point of `migrate dev`. So: fill it and retry.
   */
  async function withMigrationSchemaCached(call, params) {
    try {
      return await call();
    } catch (error) {
      if (!String(toRpcError(error).data.message).includes('must be provided through an external factory')) {
        throw error;
      }
      await withMigrationsTable(
        () =>
          engine.diagnoseMigrationHistory({
            migrationsList: params.migrationsList,
            optInToShadowDatabase: true,
            filters: params.filters ?? { externalTables: [], externalEnums: [] },
          }),
        params.migrationsList,
      );
      return await call();
    }
  }

  /**
   * Gap (4): drop everything the wasm engine's reset left behind, so that the
   * database is as empty as a new file (as the native engine leaves it).
   * `sqlite_sequence` cannot be dropped, but VACUUM does not carry it over
   * once no AUTOINCREMENT table is left; a leftover one would make the next
   * `applyMigrations` fail with P3005 ("The database schema is not empty").
   */
  async function dropAllObjects() {
    const adapter = await mainAdapter();
    if (postgres) {
      // CASCADE drops tables, views, types and their dependants in dependency order.
      const { rows } = await adapter.queryRaw({ sql: 'SELECT current_schema()', args: [], argTypes: [] });
      const schema = `"${String(rows[0]?.[0] ?? 'public').replaceAll('"', '""')}"`;
      await adapter.executeScript(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`);
      return;
    }
    const { rows } = await adapter.queryRaw({
      sql: "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')",
      args: [],
      argTypes: [],
    });
    if (rows.length === 0) return;
    const quote = (name) => `"${String(name).replaceAll('"', '""')}"`;
    const ours = rows.filter(([, name]) => !String(name).startsWith('sqlite_'));
    const statements = [
      'PRAGMA foreign_keys = OFF;',
      ...ours.filter(([type]) => type === 'view').map(([, name]) => `DROP VIEW IF EXISTS ${quote(name)};`),
      ...ours.filter(([type]) => type === 'table').map(([, name]) => `DROP TABLE IF EXISTS ${quote(name)};`),
      'PRAGMA foreign_keys = ON;',
      'VACUUM;',
    ];
    await adapter.executeScript(statements.join('\n'));
  }

  const handlers = {
    async getDatabaseVersion(params) {
      return engine.version(params ?? null);
    },
    async ensureConnectionValidity(params) {
      return engine.ensureConnectionValidity(params);
    },
    async createDatabase() {
      if (postgres) {
        const name = await createPostgresDatabase(datasource.url);
        return { databaseName: name };
      }
      // Opening a SQLite file creates it.
      return { databaseName: path.basename(file) };
    },
    async devDiagnostic(params) {
      const { result } = await withMigrationsTable(
        () => engine.devDiagnostic(params),
        params.migrationsList,
      );
      return result;
    },
    async diagnoseMigrationHistory(params) {
      const { result, tableWasMissing } = await withMigrationsTable(
        () => engine.diagnoseMigrationHistory(params),
        params.migrationsList,
      );
      return tableWasMissing ? { ...result, hasMigrationsTable: false } : result;
    },
    async diff(params) {
      const result = await engine.diff(params);
      if (typeof result.stdout === 'string' && result.stdout.length > 0) {
        await requestFromCli('print', { content: result.stdout });
      }
      return { exitCode: result.exitCode };
    },
    async reset(params) {
      await engine.reset(params);
      await dropAllObjects();
      return {};
    },
    async dbExecute(params) {
      await engine.dbExecute(params);
      return {};
    },
    async getDatabaseDescription() {
      throw { message: 'getDatabaseDescription is not supported by the wasm schema engine.' };
    },
    async debugPanic() {
      throw { is_panic: true, message: 'This is the debugPanic artificial panic' };
    },
  };
  handlers.createMigration = (params) =>
    withMigrationSchemaCached(() => engine.createMigration(params), params);
  handlers.evaluateDataLoss = (params) =>
    withMigrationSchemaCached(() => engine.evaluateDataLoss(params), params);
  for (const method of ['markMigrationApplied', 'markMigrationRolledBack']) {
    handlers[method] = async (params) => {
      const migrationsList = params.migrationsList ?? {
        baseDir: '',
        lockfile: { path: 'migration_lock.toml', content: null },
        shadowDbInitScript: '',
        migrationDirectories: [],
      };
      const { result } = await withMigrationsTable(() => engine[method](params), migrationsList, {
        keepTable: true,
      });
      return result;
    };
  }
  for (const method of [
    'applyMigrations',
    'introspect',
    'introspectSql',
    'schemaPush',
  ]) {
    handlers[method] = (params) => engine[method](params);
  }

  async function handleRequest(message) {
    const handler = Object.hasOwn(handlers, message.method) ? handlers[message.method] : null;
    if (!handler) {
      send({
        jsonrpc: '2.0',
        id: message.id,
        error: { code: -32601, message: `Method not found: ${message.method}` },
      });
      return;
    }
    try {
      const result = await handler(message.params ?? {});
      send({ jsonrpc: '2.0', id: message.id, result: result ?? {} });
    } catch (error) {
      send({ jsonrpc: '2.0', id: message.id, error: toRpcError(error) });
    }
  }

  // Requests are served one at a time, in order, like the native engine does.
  let queue = Promise.resolve();
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    if (message.method === undefined) {
      // An answer to one of our own requests (print).
      const pending = pendingOwnRequests.get(message.id);
      if (pending) {
        pendingOwnRequests.delete(message.id);
        if (message.error) pending.reject(message.error);
        else pending.resolve(message.result);
      }
      return;
    }
    queue = queue.then(() => handleRequest(message));
  });
  // The CLI ends our stdin and sends SIGTERM at once when it is done: close
  // the database cleanly either way (this also removes the rollback journal
  // SQLite keeps while the engine holds its exclusive lock).
  let shuttingDown = false;
  async function shutdown(waitForQueue) {
    if (shuttingDown) return;
    shuttingDown = true;
    if (waitForQueue) await queue;
    for (const adapter of [...connections.main, ...connections.shadow]) {
      try {
        await adapter.dispose();
      } catch {
        /* already closed */
      }
    }
    process.exit(0);
  }
  lines.on('close', () => shutdown(true));
  process.on('SIGTERM', () => shutdown(false));
  process.on('SIGINT', () => shutdown(false));
}

// ---------------------------------------------------------------------------
// One-shot CLI commands.

/** A pg client for the server's maintenance database (the URL with the database `postgres`). */
async function withMaintenanceClient(url, fn) {
  const { default: pg } = await import('pg');
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1)) || 'postgres';
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    return await fn(client, name);
  } finally {
    await client.end();
  }
}

/** Creates the URL's database unless it exists; returns its name. */
function createPostgresDatabase(url) {
  return withMaintenanceClient(url, async (client, name) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    return name;
  });
}

async function runPostgresCliCommand(command, url) {
  const { default: pg } = await import('pg');
  switch (command) {
    case 'can-connect-to-database': {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.end();
      break;
    }
    case 'create-database':
      await createPostgresDatabase(url);
      break;
    case 'drop-database':
      await withMaintenanceClient(url, (client, name) => client.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`));
      break;
    default:
      logLine('ERROR', `Unsupported cli command: ${command}`);
      return 1;
  }
  process.stdout.write('{}\n');
  return 0;
}

async function runCliCommand(options) {
  const [command] = options.cli;
  const url = options.datasource?.url;
  try {
    if (isPostgresUrl(url)) return await runPostgresCliCommand(command, url);
    switch (command) {
      case 'can-connect-to-database':
      case 'create-database': {
        const file = sqlitePath(url);
        if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
        const Database = require('better-sqlite3');
        const db = new Database(file === ':memory:' ? ':memory:' : file);
        db.prepare('SELECT 1').get();
        db.close();
        process.stdout.write('{}\n');
        return 0;
      }
      case 'drop-database': {
        const file = sqlitePath(url);
        if (file !== ':memory:') fs.rmSync(file, { force: true });
        process.stdout.write('{}\n');
        return 0;
      }
      default:
        logLine('ERROR', `Unsupported cli command: ${command}`);
        return 1;
    }
  } catch (error) {
    logLine('ERROR', error instanceof Error ? error.message : String(error), {
      error_code: 'P1003',
    });
    return 1;
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.version) {
    process.stdout.write(`schema-engine-cli ${enginesHash()}\n`);
    return 0;
  }
  if (options.help) {
    process.stdout.write(
      'Usage: prisma-schema-engine.mjs [--datamodels <file>]... [--datasource <json>] [cli <command>]\n',
    );
    return 0;
  }
  if (options.cli) return runCliCommand(options);
  await serve(options);
  return null; // keeps running until stdin closes
}

main().then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (error) => {
    logLine('ERROR', error?.stack ?? String(error));
    process.exit(1);
  },
);
