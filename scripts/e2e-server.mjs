#!/usr/bin/env node
// The Playwright web server: a fresh database in a temp dir, migrated, then `next start`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, runBin } from './lib.mjs';

const port = process.env.PORT;
if (!port) throw new Error('PORT is required');
const dir = fs.mkdtempSync(path.join(process.env.E2E_TMP || os.tmpdir(), 'e2e-'));
// E2E_DATABASE_URL (set by scripts/test.mjs for the PostgreSQL run) names a fresh database.
process.env.DATABASE_URL = process.env.E2E_DATABASE_URL || `file:${path.join(dir, 'e2e.db')}`;
process.env.NEXTAUTH_URL = `http://127.0.0.1:${port}`;
process.env.LOCKSTEP_TEST_CLOCK = '1';
process.env.NEXTAUTH_SECRET ||= 'e2e-only-secret-not-used-anywhere-else-0123456789';
await runBin('prisma', ['migrate', 'deploy'], { quiet: true });
// Served like `npm start` (scripts/serve.mjs), by E2E_SERVER_PROCESSES processes (default 1:
// each process warms up on its own first requests, which on a loaded 2-core machine outlasts
// the specs' 10 s waits). scripts/test.mjs runs the concurrency specs again with 2.
const next = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs'), '-H', '127.0.0.1', '-p', port, '--keepAliveTimeout', '65000'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', WEB_CONCURRENCY: process.env.E2E_SERVER_PROCESSES || '1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => next.kill(signal));
next.on('exit', (code) => {
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
