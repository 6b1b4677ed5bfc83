import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Fresh, migrated database before any lib/db module loads (the Prisma singleton reads the URL once).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-skills-'));
const url = `file:${path.join(dir, 'skills.db')}`;
process.env.DATABASE_URL = url;

type Modules = {
  db: typeof import('@/lib/db/client');
  service: typeof import('@/lib/drills/service');
  skills: typeof import('@/lib/drills/skills');
};
let m: Modules;

beforeAll(async () => {
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  m = { db: await import('@/lib/db/client'), service: await import('@/lib/drills/service'), skills: await import('@/lib/drills/skills') };
}, 120_000);

afterAll(async () => {
  await m?.db.prisma.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const NOW = new Date('2026-11-26T09:00:00Z');
let counter = 0;
async function learner() {
  counter += 1;
  const user = await m.db.prisma.user.create({ data: { email: `s${counter}@example.test`, name: 'S', passwordHash: 'x' } });
  await m.service.addTopicsToDeck(user.id, ['lock'], NOW);
  return user.id;
}
const queued = async (userId: string, at: Date) => (await m.service.todaysQueue(userId, at)).queue.cards.map((c) => c.id);

describe('the skill browser against SQLite', () => {
  it('suspends and buries skills, and the queue respects both: a buried skill comes back the next day', async () => {
    const userId = await learner();
    const [a, b, c] = (await m.skills.listSkills(userId, NOW)).map((r) => r.cardId);
    expect(await queued(userId, NOW)).toEqual(expect.arrayContaining([a, b, c]));
    expect(await m.skills.changeSkill(userId, a!, 'suspend', NOW)).toBe('ok');
    expect(await m.skills.changeSkill(userId, b!, 'bury', NOW)).toBe('ok');
    const now = await queued(userId, NOW);
    expect(now).not.toContain(a);
    expect(now).not.toContain(b);
    expect(now).toContain(c);
    const rows = await m.skills.listSkills(userId, NOW);
    expect(rows.find((r) => r.cardId === a)).toMatchObject({ suspended: true, buried: false });
    expect(rows.find((r) => r.cardId === b)).toMatchObject({ suspended: false, buried: true });
    // The next day (UTC): the buried skill is back, the suspended one is not until unsuspended.
    const tomorrow = new Date('2026-11-27T00:00:01Z');
    expect(await queued(userId, tomorrow)).toContain(b);
    expect(await queued(userId, tomorrow)).not.toContain(a);
    expect(await m.skills.changeSkill(userId, a!, 'unsuspend', NOW)).toBe('ok');
    expect(await queued(userId, NOW)).toContain(a);
  });

  it('resets a reviewed skill to a new one at tier 1, keeping its review count', async () => {
    const userId = await learner();
    const [row] = await m.skills.listSkills(userId, NOW);
    await m.db.prisma.card.update({ where: { id: row!.cardId }, data: { state: 2, stability: 30, lapses: 5, tier: 3, reviewCount: 9, lastReview: NOW } });
    expect((await m.skills.listSkills(userId, NOW)).find((r) => r.cardId === row!.cardId)).toMatchObject({ state: 'review', leech: true, tier: 3 });
    expect(await m.skills.changeSkill(userId, row!.cardId, 'reset', NOW)).toBe('ok');
    const card = await m.db.prisma.card.findUniqueOrThrow({ where: { id: row!.cardId } });
    expect(card).toMatchObject({ state: 0, stability: 0, lapses: 0, tier: 1, reviewCount: 9, lastReview: null });
  });

  it('changes nothing of another learner’s cards', async () => {
    const owner = await learner();
    const intruder = await learner();
    const [row] = await m.skills.listSkills(owner, NOW);
    for (const change of ['suspend', 'bury', 'reset'] as const) expect(await m.skills.changeSkill(intruder, row!.cardId, change, NOW)).toBe('not-found');
    expect(await m.db.prisma.card.findUniqueOrThrow({ where: { id: row!.cardId } })).toMatchObject({ suspended: false, buriedUntil: null });
  });

  it('sorts and filters', async () => {
    const userId = await learner();
    const rows = await m.skills.listSkills(userId, NOW);
    await m.skills.changeSkill(userId, rows[1]!.cardId, 'suspend', NOW);
    const all = await m.skills.listSkills(userId, NOW);
    expect(m.skills.arrangeSkills(all, 'due', 'suspended', null).map((r) => r.cardId)).toEqual([rows[1]!.cardId]);
    expect(m.skills.arrangeSkills(all, 'due', 'review', null)).toEqual([]);
    expect(m.skills.arrangeSkills(all, 'topic', 'all', 'cow')).toEqual([]);
    const byName = m.skills.arrangeSkills(all, 'tier', 'new', 'lock').map((r) => r.generator);
    expect(byName).toEqual([...byName].sort());
    expect(m.skills.skillQuery({ sort: 'lapses', filter: 'bogus', topic: 'lock' })).toEqual({ sort: 'lapses', filter: 'all', topic: 'lock' });
  });
});
