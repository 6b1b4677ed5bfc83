#!/usr/bin/env node
// Several app servers behind nginx, sharing one PostgreSQL, on loopback: the deployment shape
// past one machine, brought up by one command.
//
//   npm run multinode                  2 servers (MULTINODE_SERVERS=n for more), nginx on :8080
//                                      (MULTINODE_PORT), a throwaway PostgreSQL, until Ctrl-C
//   DATABASE_URL=postgresql://… npm run multinode     the same on an existing database
//
// Every server is `scripts/serve.mjs` (WEB_CONCURRENCY processes each, default 1 here) with the
// same NEXTAUTH_SECRET and NEXTAUTH_URL (nginx's address), so a session, a sign-in limit, an
// exam timer or an idempotency key means the same on all of them. nginx (Debian's; installed
// with apt-get when missing and run as root) balances round-robin and overwrites
// X-Forwarded-For with the peer address, which the app reads as the client (rightmost entry).
// startMultinode() → { url, servers, stop() }; tests/e2e/multinode.spec.ts runs the command.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPostgresUrl, redactDatabaseUrl } from '../lib/db/database-url.mjs';
import { build, root, runBin } from './lib.mjs';
import { freePort, startPostgres } from './postgres.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function nginxBinary() {
  for (const candidate of ['/usr/sbin/nginx', ...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'nginx'))]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  if (!isRoot) throw new Error('nginx is missing: sudo apt-get install -y nginx');
  execFileSync('apt-get', ['install', '-y', '-qq', 'nginx'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return '/usr/sbin/nginx';
}

/**
 * nginx's configuration: one upstream of the app servers, everything in `dir`. The app reads
 * the client's address from X-Forwarded-For, which nginx sets to the address it was connected
 * from; with `trustLoopback` a client on loopback may name its own address there (nginx's
 * real-IP module), which the HTTP bench needs to pose as many students from one host
 * (sign-up limits count per client address). Connections from elsewhere are never trusted.
 */
export function nginxConfig({ dir, port, upstreams, trustLoopback = false }) {
  return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 25m;
  upstream lockstep {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};${trustLoopback ? '\n    set_real_ip_from 127.0.0.1;\n    real_ip_header X-Forwarded-For;' : ''}
    location / {
      proxy_pass http://lockstep;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 120s;
    }
  }
}
`;
}

async function waitHealthy(url, child, log, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`a server exited at start:\n${log()}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy:\n${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Brings the whole setup up; stop() takes it down (servers, nginx, the throwaway database). */
export async function startMultinode({ servers = 2, port, databaseUrl, processesPerServer = 1, quiet = false, skipBuild = false, trustLoopback = false } = {}) {
  const children = [];
  let cluster = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-multinode-'));
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
    }
    cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (databaseUrl && !isPostgresUrl(databaseUrl)) throw new Error('the multi-node setup shares a PostgreSQL database: DATABASE_URL must be postgresql://…');
    if (!databaseUrl) {
      cluster = await startPostgres({ database: 'lockstep' });
      databaseUrl = cluster.url;
    }
    const nginx = nginxBinary();
    const publicPort = port ?? (await freePort());
    const url = `http://127.0.0.1:${publicPort}`;
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || randomBytes(32).toString('base64url'),
      NEXT_TELEMETRY_DISABLED: '1',
      WEB_CONCURRENCY: String(processesPerServer),
    };
    await runBin('prisma', ['migrate', 'deploy'], { env, quiet: true });
    if (!skipBuild) await build();
    const serverPorts = [];
    for (let i = 0; i < servers; i++) serverPorts.push(await freePort());
    for (const serverPort of serverPorts) {
      let log = '';
      const child = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs'), '-H', '127.0.0.1', '-p', String(serverPort), '--keepAliveTimeout', '65000'], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const keep = (chunk) => {
        log = (log + chunk).slice(-8_000);
        if (!quiet) process.stdout.write(`[server :${serverPort}] ${chunk}`);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      children.push(child);
      await waitHealthy(`http://127.0.0.1:${serverPort}`, child, () => log);
    }
    fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig({ dir, port: publicPort, upstreams: serverPorts, trustLoopback }));
    let nginxLog = '';
    const proxy = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    proxy.stderr.on('data', (chunk) => (nginxLog += chunk));
    children.push(proxy);
    await waitHealthy(url, proxy, () => nginxLog + fs.readFileSync(path.join(dir, 'error.log'), 'utf8'));
    const pids = children.filter((c) => c !== proxy).map((c) => c.pid);
    return { url, databaseUrl, servers: serverPorts.map((p) => `http://127.0.0.1:${p}`), pids, secret: env.NEXTAUTH_SECRET, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function main() {
  const setup = await startMultinode({
    servers: Number(process.env.MULTINODE_SERVERS) || 2,
    port: Number(process.env.MULTINODE_PORT) || 8080,
    databaseUrl: process.env.DATABASE_URL || undefined,
    processesPerServer: Number(process.env.WEB_CONCURRENCY) || 1,
    quiet: true,
    skipBuild: process.env.MULTINODE_SKIP_BUILD === '1',
  });
  console.log(`\nLockstep on ${setup.url} (nginx) → ${setup.servers.join(', ')}; database ${redactDatabaseUrl(setup.databaseUrl)}`);
  // One line for programs that start this one (tests/e2e/multinode.spec.ts).
  console.log(`MULTINODE ${JSON.stringify({ url: setup.url, servers: setup.servers })}`);
  console.log('Ctrl-C stops everything (and removes the throwaway database).');
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => setup.stop().then(() => process.exit(0)));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(`\n✖ ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
