/**
 * A server process (scripts/server.mjs) of the production build on its own temporary SQLite database, outside
 * Playwright's web server: for tests that kill the server, restart it, or run two at once.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';

const root = process.cwd();

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh, migrated database in a temp dir, and the environment a server on it needs. */
export function freshDatabase(prefix: string): { dir: string; file: string; env: NodeJS.ProcessEnv } {
  const dir = fs.mkdtempSync(path.join(process.env.E2E_TMP || os.tmpdir(), prefix));
  const file = path.join(dir, `${prefix.replace(/\W/g, '')}.db`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${file}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || 'server-test-only-secret-0123456789abcdefghij',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  delete env.LOCKSTEP_TEST_CLOCK;
  execFileSync(path.join(root, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { cwd: root, env, stdio: 'ignore' });
  return { dir, file, env };
}

/** The server (scripts/server.mjs) as a direct child: the pid is the node process that serves (and writes). */
export class Server {
  private child: ChildProcess | null = null;
  private log = '';

  private readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly port: number,
    env: NodeJS.ProcessEnv,
  ) {
    this.env = { ...env, PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}` };
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(request: APIRequestContext) {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs'), '-H', '127.0.0.1', '-p', String(this.port), '--keepAliveTimeout', '65000'], {
      cwd: root,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited at start (${child.exitCode}):\n${this.log}`);
      const status = await request
        .get(`${this.origin}/api/health`, { timeout: 2_000 })
        .then((r) => r.status())
        .catch(() => 0);
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`the server did not become healthy:\n${this.log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGKILL, and wait until the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL') {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = null;
  }

  tail() {
    return this.log.slice(-4_000);
  }
}
