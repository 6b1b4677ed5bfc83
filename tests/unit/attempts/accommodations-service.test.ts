import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MIN, at, openClassDb, t0 } from '../support/class-db';

const env = openClassDb('accommodations');
let service: typeof import('@/lib/attempts/service');

beforeAll(async () => {
  await env.migrate();
  service = await import('@/lib/attempts/service');
}, 120_000);
afterAll(() => env.close());

async function started(userId: string, assignmentId: string, now = t0) {
  const s = await service.startAttempt(userId, assignmentId, now);
  if (s.status !== 'started') throw new Error(`expected a start, got ${s.status}`);
  return s.attemptId;
}

describe('accommodations against SQLite', () => {
  it('extra time: a 1.5× student gets 45 minutes of a 30-minute exam, classmates 30, and is not late', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(2, { kind: 'exam', timeLimitMinutes: 30, dueAt: at(40 * MIN) });
    const [slow, plain] = [members[0]!, members[1]!];
    expect(await service.setTimeMultiplier(teacher.id, cls.id, slow.id, 1.5, t0)).toEqual({ status: 'saved' });
    const slowId = await started(slow.id, assignment.id, at(10 * MIN));
    const plainId = await started(plain.id, assignment.id, at(10 * MIN));
    // The class window closes at 0:40; the slow student keeps their extra 15 minutes beyond it.
    expect((await env.attemptRow(plainId)).deadline).toEqual(at(40 * MIN));
    expect((await env.attemptRow(slowId)).deadline).toEqual(at(55 * MIN));
    await service.settleExpiredInClass(teacher.id, cls.id, at(HOUR));
    const slowRow = await env.attemptRow(slowId);
    expect(slowRow.submittedAt).toEqual(at(55 * MIN));
    expect(slowRow.late).toBe(false);
    expect((await env.attemptRow(plainId)).submittedAt).toEqual(at(40 * MIN));
  });

  it('a saved answer within the extra time is taken; the class deadline would have refused it', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(1, { kind: 'exam', timeLimitMinutes: 30 });
    const s = members[0]!;
    await service.setTimeMultiplier(teacher.id, cls.id, s.id, 2, t0);
    const id = await started(s.id, assignment.id);
    const row = await env.attemptRow(id);
    const saved = await service.saveAnswer(s.id, id, 0, env.wrongResponse(row.questions[0]!), 1000, at(50 * MIN));
    expect(saved.status).toBe('saved');
    expect((await service.saveAnswer(s.id, id, 1, env.wrongResponse(row.questions[1]!), 1000, at(61 * MIN))).status).toBe('closed');
  });

  it('changing the multiplier moves the running attempt; 1 removes it', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(1, { kind: 'exam', timeLimitMinutes: 20 });
    const s = members[0]!;
    const id = await started(s.id, assignment.id);
    expect((await env.attemptRow(id)).deadline).toEqual(at(20 * MIN));
    await service.setTimeMultiplier(teacher.id, cls.id, s.id, 1.5, at(5 * MIN));
    expect((await env.attemptRow(id)).deadline).toEqual(at(30 * MIN));
    await service.setTimeMultiplier(teacher.id, cls.id, s.id, 1, at(6 * MIN));
    expect((await env.attemptRow(id)).deadline).toEqual(at(20 * MIN));
    expect(await env.prisma().accommodation.count({ where: { userId: s.id } })).toBe(0);
  });

  it('an extension lets one student start and hand in after the class due time, on time', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(2, { dueAt: at(HOUR) });
    const [extended, plain] = [members[0]!, members[1]!];
    expect(await service.setExtension(teacher.id, cls.id, assignment.id, extended.id, at(48 * HOUR), t0)).toEqual({ status: 'saved' });
    expect(await service.startAttempt(plain.id, assignment.id, at(2 * HOUR))).toEqual({ status: 'closed' });
    const id = await started(extended.id, assignment.id, at(2 * HOUR));
    expect((await env.attemptRow(id)).deadline).toEqual(at(48 * HOUR));
    const submitted = await service.submitAttempt(extended.id, id, at(3 * HOUR));
    expect(submitted).toMatchObject({ status: 'submitted', late: false });
    // The class keeps its due time.
    expect((await env.prisma().assignment.findUniqueOrThrow({ where: { id: assignment.id } })).dueAt).toEqual(at(HOUR));
    const list = await service.listAssignmentsForStudent(extended.id, at(3 * HOUR));
    expect(list.find((a) => a.id === assignment.id)?.dueAt).toEqual(at(48 * HOUR));
    const theirs = await service.listAssignmentsForStudent(plain.id, at(3 * HOUR));
    expect(theirs.find((a) => a.id === assignment.id)).toMatchObject({ dueAt: at(HOUR), status: 'closed' });
  });

  it('an extension granted mid-attempt moves that attempt; taking it back restores the class time', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(1, { dueAt: at(HOUR) });
    const s = members[0]!;
    const id = await started(s.id, assignment.id);
    await service.setExtension(teacher.id, cls.id, assignment.id, s.id, at(5 * HOUR), at(10 * MIN));
    expect((await env.attemptRow(id)).deadline).toEqual(at(5 * HOUR));
    await service.setExtension(teacher.id, cls.id, assignment.id, s.id, null, at(20 * MIN));
    expect((await env.attemptRow(id)).deadline).toEqual(at(HOUR));
  });

  it('rescheduling the class keeps each student’s extra time', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(1, { kind: 'exam', timeLimitMinutes: 30, dueAt: at(HOUR) });
    const s = members[0]!;
    await service.setTimeMultiplier(teacher.id, cls.id, s.id, 1.5, t0);
    const id = await started(s.id, assignment.id, at(50 * MIN));
    expect((await env.attemptRow(id)).deadline).toEqual(at(HOUR + 15 * MIN));
    await service.rescheduleForClass(teacher.id, cls.id, assignment.id, { opensAt: at(-HOUR), dueAt: at(5 * HOUR) }, at(55 * MIN));
    expect((await env.attemptRow(id)).deadline).toEqual(at(50 * MIN + 45 * MIN));
  });

  it('refuses bad values, earlier extensions, other instructors and non-members, and changes nothing', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(1, { dueAt: at(HOUR) });
    const s = members[0]!;
    const other = await env.user('INSTRUCTOR');
    const stranger = await env.user();
    expect(await service.setTimeMultiplier(teacher.id, cls.id, s.id, 0.5, t0)).toEqual({ status: 'invalid' });
    expect(await service.setTimeMultiplier(other.id, cls.id, s.id, 1.5, t0)).toEqual({ status: 'not-found' });
    expect(await service.setTimeMultiplier(teacher.id, cls.id, stranger.id, 1.5, t0)).toEqual({ status: 'not-found' });
    expect(await service.setExtension(teacher.id, cls.id, assignment.id, s.id, at(30 * MIN), t0)).toEqual({ status: 'not-later' });
    expect(await service.setExtension(other.id, cls.id, assignment.id, s.id, at(3 * HOUR), t0)).toEqual({ status: 'not-found' });
    expect(await service.setExtension(teacher.id, cls.id, assignment.id, stranger.id, at(3 * HOUR), t0)).toEqual({ status: 'not-found' });
    expect(await env.prisma().accommodation.count({ where: { classId: cls.id } })).toBe(0);
    expect(await env.prisma().dueExtension.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });
});

describe('fresh practice links against SQLite', () => {
  it('appear on the assignment page after the student’s own due time, one per question, without seeds', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(2, { dueAt: at(HOUR) });
    const [plain, extended] = [members[0]!, members[1]!];
    await service.setExtension(teacher.id, cls.id, assignment.id, extended.id, at(5 * HOUR), t0);
    expect((await service.getAssignmentPage(plain.id, assignment.id, at(30 * MIN), 'en'))?.freshPractice).toEqual([]);
    const after = await service.getAssignmentPage(plain.id, assignment.id, at(2 * HOUR), 'en');
    expect(after?.freshPractice.map((p) => p.position)).toEqual([0, 1, 2]);
    expect(JSON.stringify(after?.freshPractice)).not.toContain('seed');
    expect((await service.getAssignmentPage(extended.id, assignment.id, at(2 * HOUR), 'en'))?.freshPractice).toEqual([]);
  });
});
