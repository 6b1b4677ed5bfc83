/**
 * Server responsiveness during a progress import: the longest the event loop is held (what a
 * concurrent request like /api/health waits) while a 19 MB progress file is parsed,
 * validated and written, on SQLite. Target: no stall over ~100 ms.
 *
 * Two ways are measured on the same file: "in steps" (what the import action does: parse on
 * a worker thread, validate and write a chunk at a time, yielding in between) and "in one go"
 * (JSON.parse and validation on the event loop, as imports ran before), which shows the stall
 * the steps remove. Run with the react-server condition (npm run bench does).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { largeProgressFile } from './progress-file';
import type { Bench } from './run';

const FILE_MB = 19;

/** Tracks the longest gap between timer ticks (1 ms apart) while `work` runs. */
async function longestStall(work: () => Promise<unknown>): Promise<{ stallMs: number; totalMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  clearInterval(timer);
  longest = Math.max(longest, performance.now() - last);
  return { stallMs: longest, totalMs };
}

async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-import-'));
  try {
    const url = `file:${path.join(dir, 'bench.db')}`;
    process.env.DATABASE_URL = url;
    execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
    const { prisma: db } = await import('@/lib/db/client');
    const { importProgress } = await import('@/lib/db/progress');
    const { parseProgressFile, validateProgressInSteps } = await import('@/lib/stats/progress-file');
    const { parseOnWorker, yieldToEventLoop } = await import('@/lib/stats/import');

    const text = largeProgressFile(FILE_MB * 1024 * 1024);
    const bytes = new TextEncoder().encode(text);
    console.log(`file: ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
    const user = await db.user.create({ data: { email: 'bench@example.test', name: 'Bench', passwordHash: 'x', role: 'STUDENT' } });

    const rows: [string, number, number][] = [];
    for (let round = 0; round < 2; round++) {
      const steps = await longestStall(async () => {
        const parsed = await validateProgressInSteps(await parseOnWorker(bytes.slice().buffer), yieldToEventLoop);
        if (parsed.status !== 'ok') throw new Error('the bench file should be valid');
        await importProgress(db, user.id, parsed.data);
      });
      rows.push(['in steps (the import action)', steps.stallMs, steps.totalMs]);
      const oneGo = await longestStall(async () => {
        const parsed = parseProgressFile(text);
        if (parsed.status !== 'ok') throw new Error('the bench file should be valid');
      });
      rows.push(['in one go: parse + validate only', oneGo.stallMs, oneGo.totalMs]);
    }
    console.log('| way | longest event-loop stall | total |\n| --- | ---: | ---: |');
    for (const [way, stall, total] of rows) console.log(`| ${way} | ${stall.toFixed(0)} ms | ${total.toFixed(0)} ms |`);
    await db.$disconnect();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const bench: Bench = {
  name: 'import',
  description: `longest event-loop stall while a ${FILE_MB} MB progress file is imported (target ≤ 100 ms)`,
  run,
};
