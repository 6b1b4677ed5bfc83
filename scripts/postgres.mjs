#!/usr/bin/env node
// A throwaway PostgreSQL cluster for tests, CI and the multi-node setup: `initdb` in a temporary
// folder, a free loopback port, trust authentication, stopped (and the folder removed) at the end.
// PostgreSQL refuses to run as root, so as root the cluster runs as the unprivileged `nobody`.
//
//   node scripts/postgres.mjs        starts one, prints DATABASE_URL=…, stops on Ctrl-C
//
// Imported: startPostgres() → { url, port, dir, createDatabase(name), dropDatabase(name), stop() }.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The directory holding initdb and pg_ctl: on PATH, else Debian's versioned folders. */
function serverBinDir() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return path.join(base, versions[0], 'bin');
  }
  return null;
}

/** The server binaries, installed from Debian (as root) when they are missing. */
export function ensurePostgresBinaries() {
  let dir = serverBinDir();
  if (dir) return dir;
  if (!isRoot) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) are missing: sudo apt-get install -y postgresql');
  console.log('  installing Debian\'s postgresql (apt-get)');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  dir = serverBinDir();
  if (!dir) throw new Error('apt-get installed postgresql, but initdb was not found');
  return dir;
}

/** A port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a server binary, as `nobody` when we are root; throws with its output on failure. */
function runServerTool(bin, args) {
  const [command, argv] = isRoot ? ['runuser', ['-u', 'nobody', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { encoding: 'utf8', cwd: os.tmpdir() });
  if (result.status !== 0) throw new Error(`${path.basename(bin)} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** Runs one SQL statement as the superuser over the cluster's socket folder. */
function psql(dir, port, sql, database = 'postgres') {
  execFileSync('psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { stdio: ['ignore', 'pipe', 'pipe'] });
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

/** Starts a fresh cluster; `stop()` ends it and removes its folder. */
export async function startPostgres({ database = 'lockstep' } = {}) {
  const bin = ensurePostgresBinaries();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-pg-'));
  if (isRoot) {
    const nobody = execFileSync('id', ['-u', 'nobody']).toString().trim();
    const nogroup = execFileSync('id', ['-g', 'nobody']).toString().trim();
    fs.chownSync(dir, Number(nobody), Number(nogroup));
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  runServerTool(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // fsync stays on: the crash tests kill the app, not the database, but durability is what they check.
  runServerTool(path.join(bin, 'pg_ctl'), [
    '-D', data, '-l', path.join(dir, 'server.log'), '-w',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300`,
    'start',
  ]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      runServerTool(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const urlFor = (name) => `postgresql://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  psql(dir, port, `CREATE DATABASE ${quoteIdent(database)}`);
  return {
    url: urlFor(database),
    port,
    dir,
    urlFor,
    createDatabase: (name) => psql(dir, port, `CREATE DATABASE ${quoteIdent(name)}`),
    dropDatabase: (name) => psql(dir, port, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
    stop,
  };
}

async function main() {
  const cluster = await startPostgres();
  console.log(`DATABASE_URL=${cluster.url}`);
  console.log('PostgreSQL is running; Ctrl-C stops it and removes its data.');
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      cluster.stop();
      process.exit(0);
    });
  }
  setInterval(() => {}, 1 << 30);
}

// No top-level await: modules that tests load with require() import this one.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
