import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase } from '../../helpers/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The Prisma singleton reads DATABASE_URL when first imported: a fresh, migrated database first.
const database = createTestDatabase('classes');
const url = database.url;
process.env.DATABASE_URL = url;

let db: typeof import('@/lib/db/client');
let classes: typeof import('@/lib/db/classes');

beforeAll(async () => {
  execFileSync(path.join('node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  db = await import('@/lib/db/client');
  classes = await import('@/lib/db/classes');
}, 120_000);

afterAll(async () => {
  await db?.prisma.$disconnect();
  database.cleanup();
});

let counter = 0;
const user = (role: 'STUDENT' | 'INSTRUCTOR') => {
  counter += 1;
  return db.prisma.user.create({ data: { email: `c${counter}@example.test`, name: `C${counter}`, passwordHash: 'x', role } });
};

describe('joining a class by its code', () => {
  it('a student joins once; an instructor (the owner or a colleague) is refused and nothing is stored', async () => {
    const owner = await user('INSTRUCTOR');
    const colleague = await user('INSTRUCTOR');
    const student = await user('STUDENT');
    const cls = await db.prisma.class.create({ data: { instructorId: owner.id, name: 'OS 101', joinCode: 'ABCD2345' } });

    expect(await classes.joinClassByCode(colleague.id, 'abcd2345')).toEqual({ status: 'students-only' });
    expect(await classes.joinClassByCode(owner.id, 'ABCD-2345')).toEqual({ status: 'students-only' });
    expect(await db.prisma.classMember.count({ where: { classId: cls.id } })).toBe(0);

    expect(await classes.joinClassByCode(student.id, 'abcd-2345')).toEqual({ status: 'joined', className: 'OS 101' });
    expect(await classes.joinClassByCode(student.id, 'ABCD2345')).toEqual({ status: 'already', className: 'OS 101' });
    expect(await classes.joinClassByCode(student.id, 'ZZZZ-9999')).toEqual({ status: 'unknown-code' });
    expect(await db.prisma.classMember.count({ where: { classId: cls.id } })).toBe(1);
  });
});
