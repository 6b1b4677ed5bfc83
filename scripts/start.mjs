#!/usr/bin/env node
// `npm start` (and `npm run dev` with --dev): install, generate, migrate, seed, build, serve
// (production: one server process per core, scripts/serve.mjs).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build, ensureAuthSecret, ensureDatabaseUrl, ensureDependencies, generatePrismaClient, migrate, root, runBin, step } from './lib.mjs';

const dev = process.argv.includes('--dev');
const port = process.env.PORT || '3000';
const host = process.env.HOST || '127.0.0.1';

try {
  await ensureDependencies();
  ensureAuthSecret();
  ensureDatabaseUrl();
  process.env.NEXTAUTH_URL ||= `http://${host}:${port}`;
  await generatePrismaClient();
  await migrate();
  step('Seeding demo accounts if the database is empty');
  await runBin('tsx', ['prisma/seed.ts']);
  if (!dev) await build();
} catch (error) {
  console.error(`\n✖ ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

step(`Serving Lockstep on http://${host}:${port}${dev ? ' (development mode)' : ''}`);
// Production serves on every core (scripts/serve.mjs); the dev server is one process.
const [command, args] = dev
  ? [path.join(root, 'node_modules', '.bin', 'next'), ['dev', '-H', host, '-p', port]]
  : [process.execPath, [path.join(root, 'scripts', 'serve.mjs'), '-H', host, '-p', port]];
const next = spawn(command, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => next.kill(signal));
next.on('exit', (code) => process.exit(code ?? 0));
