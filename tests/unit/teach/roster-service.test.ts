import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, openClassDb } from '../support/class-db';

const env = openClassDb('roster');
let teach: typeof import('@/lib/teach/service');
let users: typeof import('@/lib/db/users');
let attempts: typeof import('@/lib/attempts/service');

beforeAll(async () => {
  await env.migrate();
  teach = await import('@/lib/teach/service');
  users = await import('@/lib/db/users');
  attempts = await import('@/lib/attempts/service');
}, 120_000);
afterAll(() => env.close());

const isMember = async (classId: string, userId: string) => (await env.prisma().classMember.count({ where: { classId, userId } })) === 1;

describe('roster import against SQLite', () => {
  it('enrols students, invites unknown emails, refuses instructors and bad lines, each with its own outcome', async () => {
    const { teacher, cls } = await env.classWith(0);
    const student = await env.user('STUDENT', 'known@school.test');
    await env.user('INSTRUCTOR', 'colleague@school.test');
    const state = await teach.importRoster(teacher.id, cls.id, 'Known@School.test\nnew@school.test\ncolleague@school.test\nhello\nnew@school.test');
    expect(state).toEqual({
      status: 'imported',
      results: [
        { line: 1, text: 'Known@School.test', outcome: 'enrolled' },
        { line: 2, text: 'new@school.test', outcome: 'invited' },
        { line: 3, text: 'colleague@school.test', outcome: 'instructor' },
        { line: 4, text: 'hello', outcome: 'format' },
        { line: 5, text: 'new@school.test', outcome: 'duplicate' },
      ],
    });
    expect(await isMember(cls.id, student.id)).toBe(true);
    expect((await teach.pendingInvitations(teacher.id, cls.id)).map((i) => i.email)).toEqual(['new@school.test']);
    // Importing again changes nothing and says so.
    const again = await teach.importRoster(teacher.id, cls.id, 'known@school.test\nnew@school.test');
    expect(again.status === 'imported' && again.results.map((r) => r.outcome)).toEqual(['already-member', 'already-invited']);
  });

  it('an invited email joins the class when a student signs up with it; an instructor signing up with it does not', async () => {
    const { teacher, cls } = await env.classWith(0);
    await teach.importRoster(teacher.id, cls.id, 'later@school.test\nteacher-later@school.test');
    const signedUp = await users.createUser({ email: 'Later@School.test', name: 'Later', passwordHash: 'x', role: 'STUDENT', locale: 'en' });
    expect(await isMember(cls.id, signedUp!.id)).toBe(true);
    const colleague = await users.createUser({ email: 'teacher-later@school.test', name: 'T', passwordHash: 'x', role: 'INSTRUCTOR', locale: 'en' });
    expect(await isMember(cls.id, colleague!.id)).toBe(false);
    expect((await teach.pendingInvitations(teacher.id, cls.id)).map((i) => i.email)).toEqual(['teacher-later@school.test']);
  });

  it('a removed student re-added by import finds their past attempts again', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(1);
    const s = members[0]!;
    const start = await attempts.startAttempt(s.id, assignment.id, at(0));
    if (start.status !== 'started') throw new Error(start.status);
    await attempts.submitAttempt(s.id, start.attemptId, at(60_000));
    await attempts.removeStudentFromClass(teacher.id, cls.id, s.id, at(120_000));
    expect(await isMember(cls.id, s.id)).toBe(false);
    const state = await teach.importRoster(teacher.id, cls.id, s.email);
    expect(state.status === 'imported' && state.results[0]?.outcome).toBe('enrolled');
    const book = await teach.loadGradebook(teacher.id, cls.id, at(180_000), 'en');
    expect(book!.cells.get(`${s.id}:${assignment.id}`)).toMatchObject({ status: 'submitted', attempts: 1 });
  });

  it('refuses another instructor, empty and oversized imports, and writes nothing', async () => {
    const { cls } = await env.classWith(0);
    const other = await env.user('INSTRUCTOR');
    expect(await teach.importRoster(other.id, cls.id, 'x@school.test')).toEqual({ status: 'not-found' });
    expect(await teach.importRoster(other.id, cls.id, '  \n ')).toEqual({ status: 'empty' });
    expect(await teach.importRoster(other.id, cls.id, Array.from({ length: 501 }, (_, i) => `s${i}@school.test`).join('\n'))).toEqual({ status: 'too-long' });
    expect(await env.prisma().classInvitation.count({ where: { classId: cls.id } })).toBe(0);
  });
});
