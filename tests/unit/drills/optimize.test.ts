import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { default_w } from 'ts-fsrs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticProgress } from '@/tests/support/synthetic-progress';

// Fresh, migrated database before any lib/db module loads (the Prisma singleton reads the URL once).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-optimize-'));
const url = `file:${path.join(dir, 'optimize.db')}`;
process.env.DATABASE_URL = url;

type Modules = {
  db: typeof import('@/lib/db/client');
  drills: typeof import('@/lib/db/drills');
  stats: typeof import('@/lib/db/stats');
  optimize: typeof import('@/lib/drills/optimize');
  file: typeof import('@/lib/stats/progress-file');
  service: typeof import('@/lib/stats/service');
};
let m: Modules;

beforeAll(async () => {
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  m = {
    db: await import('@/lib/db/client'),
    drills: await import('@/lib/db/drills'),
    stats: await import('@/lib/db/stats'),
    optimize: await import('@/lib/drills/optimize'),
    file: await import('@/lib/stats/progress-file'),
    service: await import('@/lib/stats/service'),
  };
}, 120_000);

afterAll(async () => {
  await m?.db.prisma.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const NOW = new Date('2026-12-03T12:00:00Z');
let counter = 0;

async function learnerWith(file: ReturnType<typeof syntheticProgress>) {
  counter += 1;
  const user = await m.db.prisma.user.create({ data: { email: `o${counter}@example.test`, name: 'O', passwordHash: 'x' } });
  const parsed = m.file.parseProgressFile(JSON.stringify(file));
  if (parsed.status !== 'ok') throw new Error(JSON.stringify(parsed.issues));
  await m.stats.replaceProgress(user.id, parsed.data);
  return user.id;
}

describe('Optimize against SQLite and fsrs-rs', () => {
  it('fits the learner’s reviews off the request path, adopts weights that predict them better, and reports both figures', async () => {
    const userId = await learnerWith(syntheticProgress({ now: NOW }));
    const started = await m.optimize.startOptimization(userId, NOW);
    expect(started.status).toBe('started');
    // A second press while it runs starts nothing.
    expect((await m.optimize.startOptimization(userId, NOW)).status).toBe('running');
    expect(m.optimize.optimizationProgress(userId).status).toBe('running');
    await started.done;
    expect(m.optimize.optimizationProgress(userId)).toEqual({ status: 'idle' });

    const report = await m.drills.getOptimizeReport(userId);
    expect(report).not.toBeNull();
    expect(report!.reviews).toBeGreaterThanOrEqual(400);
    expect(report!.fitted.logLoss).toBeLessThan(report!.current.logLoss);
    expect(report!.adopted).toBe(true);
    const settings = await m.drills.getDrillSettings(userId);
    expect(settings.weights).toEqual(report!.fittedWeights);
    expect(settings.weights).not.toEqual([...default_w]);

    // The export carries the weights, and importing the file brings them back.
    const exported = await m.service.exportProgressFile(userId, NOW);
    expect(exported.version).toBe(2);
    expect(exported.settings?.weights).toEqual(report!.fittedWeights);
    const other = await learnerWith(exported);
    expect((await m.drills.getDrillSettings(other)).weights).toEqual(report!.fittedWeights);

    // Reset: the defaults again, and the settings form keeps weights it does not show.
    await m.drills.saveDrillSettings(other, { desiredRetention: 0.85, newPerDay: 5, reviewsPerDay: 100, timeZone: 'UTC', examDate: null });
    expect((await m.drills.getDrillSettings(other)).weights).toEqual(report!.fittedWeights);
    await m.drills.resetWeights(other);
    expect((await m.drills.getDrillSettings(other)).weights).toBeNull();
  }, 60_000);

  it('keeps the current weights when the fit is no better, and still reports both figures', async () => {
    // Weights already fitted to these reviews: a new fit on the same data cannot beat them on both measures by much,
    // and when it does not, nothing changes.
    const userId = await learnerWith(syntheticProgress({ now: NOW }));
    const first = await m.optimize.startOptimization(userId, NOW);
    await first.done;
    const adopted = (await m.drills.getDrillSettings(userId)).weights;
    const second = await m.optimize.startOptimization(userId, NOW);
    await second.done;
    const report = (await m.drills.getOptimizeReport(userId))!;
    // Same data, same seed: the same fit, which is not better than itself (up to float noise).
    expect(report.fitted.logLoss).toBeCloseTo(report.current.logLoss, 5);
    expect(report.fitted.rmseBins).toBeCloseTo(report.current.rmseBins, 5);
    expect(report.adopted).toBe(false);
    expect((await m.drills.getDrillSettings(userId)).weights).toEqual(adopted);
  }, 60_000);

  it('refuses with fewer than 400 standing reviews and changes nothing', async () => {
    const file = syntheticProgress({ now: NOW, reviewsPerCard: 5 });
    const userId = await learnerWith(file);
    const outcome = await m.optimize.startOptimization(userId, NOW);
    expect(outcome).toEqual({ status: 'too-few', reviews: file.reviews.length, needed: 400 });
    expect(await m.drills.getOptimizeReport(userId)).toBeNull();
  });
});
