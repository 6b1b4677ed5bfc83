/**
 * A fresh, migrated SQLite database per test file and a small class in it (an instructor, some
 * students, a 3-question set of lock questions and one assignment). Call `openClassDb()` at the
 * top of the file, before anything imports lib/db: the Prisma singleton reads DATABASE_URL when
 * it is first loaded.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const HOUR = 3_600_000;
export const MIN = 60_000;
export const t0 = new Date('2026-11-26T09:00:00Z');
export const at = (ms: number) => new Date(t0.getTime() + ms);

export type AssignmentSettings = Partial<{
  kind: string;
  latePolicy: string;
  latePenalty: number;
  attemptsAllowed: number;
  timeLimitMinutes: number;
  opensAt: Date;
  dueAt: Date;
  showAnswers: string;
  seedPolicy: string;
}>;

export function openClassDb(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lockstep-${name}-`));
  const url = `file:${path.join(dir, 'test.db')}`;
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET ??= 'unit-test-secret-0123456789-0123456789-abcdef';
  let counter = 0;
  let db: typeof import('@/lib/db/client');
  let registry: typeof import('@/lib/questions/registry');

  async function migrate() {
    execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
    db = await import('@/lib/db/client');
    registry = await import('@/lib/questions/registry');
  }

  async function close() {
    await db?.prisma.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  async function user(role: 'STUDENT' | 'INSTRUCTOR' = 'STUDENT', email?: string) {
    counter += 1;
    return db.prisma.user.create({ data: { email: email ?? `${name}${counter}@example.test`, name: `${role === 'STUDENT' ? 'Student' : 'Teacher'} ${counter}`, passwordHash: 'x', role } });
  }

  async function classWith(students: number, settings: AssignmentSettings = {}) {
    const teacher = await user('INSTRUCTOR');
    const cls = await db.prisma.class.create({ data: { instructorId: teacher.id, name: 'OS 101', joinCode: `${name.slice(0, 3).toUpperCase()}${counter}` } });
    const members = [];
    for (let i = 0; i < students; i++) {
      const s = await user();
      await db.prisma.classMember.create({ data: { classId: cls.id, userId: s.id } });
      members.push(s);
    }
    const [g1, g2] = registry.listGenerators().filter((g) => g.topic === 'lock');
    const set = await db.prisma.questionSet.create({
      data: { instructorId: teacher.id, name: 'Locks', items: { create: [{ position: 0, generator: g1!.id, tier: 1, count: 2 }, { position: 1, generator: (g2 ?? g1)!.id, tier: 1, count: 1 }] } },
    });
    const assignment = await db.prisma.assignment.create({ data: { classId: cls.id, setId: set.id, title: 'HW 1', opensAt: at(-HOUR), dueAt: at(24 * HOUR), ...settings } });
    return { teacher, cls, members, assignment, set };
  }

  /** The question a stored row stands for. */
  function questionOf(q: { generator: string; version: number; seed: bigint; tier: number }) {
    return registry.buildQuestion({ generator: q.generator, version: q.version, seed: Number(q.seed), tier: q.tier as 1 });
  }

  /** A wrong option of a choice question. */
  function wrongResponse(q: { generator: string; version: number; seed: bigint; tier: number }): unknown {
    const question = questionOf(q);
    if (question.response.kind === 'choice') return question.response.options.find((o) => o.id !== question.answer)!.id;
    throw new Error(`expected a choice question, got ${question.response.kind}`);
  }

  const attemptRow = (id: string) => db.prisma.attempt.findUniqueOrThrow({ where: { id }, include: { questions: { orderBy: { position: 'asc' } } } });

  return { migrate, close, user, classWith, questionOf, wrongResponse, attemptRow, prisma: () => db.prisma };
}
