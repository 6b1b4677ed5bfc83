import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MIN, at, openClassDb, t0 } from '../support/class-db';

const env = openClassDb('grading');
let attempts: typeof import('@/lib/attempts/service');
let teach: typeof import('@/lib/teach/service');

beforeAll(async () => {
  await env.migrate();
  attempts = await import('@/lib/attempts/service');
  teach = await import('@/lib/teach/service');
}, 120_000);
afterAll(() => env.close());

/** A student's handed-in attempt with question 0 right and questions 1, 2 wrong: 1/3. */
async function handedIn(settings: Parameters<typeof env.classWith>[1] = {}) {
  const world = await env.classWith(2, settings);
  const s = world.members[0]!;
  const start = await attempts.startAttempt(s.id, world.assignment.id, t0);
  if (start.status !== 'started') throw new Error(start.status);
  const row = await env.attemptRow(start.attemptId);
  await attempts.saveAnswer(s.id, start.attemptId, 0, env.questionOf(row.questions[0]!).answer, 1000, at(MIN));
  await attempts.saveAnswer(s.id, start.attemptId, 1, env.wrongResponse(row.questions[1]!), 1000, at(2 * MIN));
  await attempts.saveAnswer(s.id, start.attemptId, 2, env.wrongResponse(row.questions[2]!), 1000, at(3 * MIN));
  await attempts.submitAttempt(s.id, start.attemptId, at(4 * MIN));
  return { ...world, student: s, attemptId: start.attemptId };
}

describe('score overrides and regrades against SQLite', () => {
  it('an override changes the question and the total, and keeps who, when, old → new and why', async () => {
    const { teacher, cls, student, attemptId } = await handedIn();
    expect((await env.attemptRow(attemptId)).score).toBeCloseTo(1 / 3);
    const state = await teach.overrideScore(teacher.id, cls.id, attemptId, 1, 0.5, 'Right idea, wrong lock named', at(HOUR));
    expect(state).toMatchObject({ status: 'saved', oldScore: 0 });
    const row = await env.attemptRow(attemptId);
    expect(row.questions[1]!.score).toBe(0.5);
    expect(row.score).toBeCloseTo(1.5 / 3);
    await teach.overrideScore(teacher.id, cls.id, attemptId, 1, 1, 'Second look: fully right', at(2 * HOUR));
    expect((await env.attemptRow(attemptId)).score).toBeCloseTo(2 / 3);
    const trail = await teach.overridesOf(teacher.id, cls.id, student.id);
    expect(trail.map((o) => [o.oldScore, o.newScore, o.reason, o.instructor.name, o.at.toISOString()])).toEqual([
      [0.5, 1, 'Second look: fully right', teacher.name, at(2 * HOUR).toISOString()],
      [0, 0.5, 'Right idea, wrong lock named', teacher.name, at(HOUR).toISOString()],
    ]);
    const book = await teach.loadGradebook(teacher.id, cls.id, at(3 * HOUR), 'en');
    expect([...book!.cells.values()].find((c) => c.status === 'submitted')?.score).toBeCloseTo(2 / 3);
  });

  it('the late penalty still applies to an overridden total', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(1, { dueAt: at(HOUR), latePolicy: 'penalty', latePenalty: 0.5 });
    const s = members[0]!;
    const start = await attempts.startAttempt(s.id, assignment.id, t0);
    if (start.status !== 'started') throw new Error(start.status);
    await attempts.submitAttempt(s.id, start.attemptId, at(2 * HOUR));
    expect((await env.attemptRow(start.attemptId)).late).toBe(true);
    await teach.overrideScore(teacher.id, cls.id, start.attemptId, 0, 1, 'Answered on paper', at(3 * HOUR));
    expect((await env.attemptRow(start.attemptId)).score).toBeCloseTo((1 / 3) * 0.5);
  });

  it('refuses bad input, running attempts, other instructors and unknown positions, and writes nothing', async () => {
    const { teacher, cls, attemptId, members, assignment } = await handedIn();
    const other = await env.user('INSTRUCTOR');
    expect(await teach.overrideScore(teacher.id, cls.id, attemptId, 1, 2, '', at(HOUR))).toEqual({ status: 'invalid', problems: ['score', 'reason'] });
    expect(await teach.overrideScore(other.id, cls.id, attemptId, 1, 1, 'not my class', at(HOUR))).toEqual({ status: 'not-found' });
    expect(await teach.overrideScore(teacher.id, cls.id, attemptId, 9, 1, 'no such question', at(HOUR))).toEqual({ status: 'not-found' });
    const running = await attempts.startAttempt(members[1]!.id, assignment.id, at(HOUR));
    if (running.status !== 'started') throw new Error(running.status);
    expect(await teach.overrideScore(teacher.id, cls.id, running.attemptId, 0, 1, 'still running', at(HOUR))).toEqual({ status: 'not-found' });
    expect(await env.prisma().scoreOverride.count({ where: { question: { attempt: { assignmentId: assignment.id } } } })).toBe(0);
    expect((await env.attemptRow(attemptId)).score).toBeCloseTo(1 / 3);
  });

  it('a regrade restores the grader’s scores from the recorded refs, reports what changed, and keeps overrides', async () => {
    const { teacher, cls, student, attemptId, assignment } = await handedIn();
    // Stored scores that today's grader disagrees with (as after a grading fix in a new version).
    const row = await env.attemptRow(attemptId);
    await env.prisma().attemptQuestion.update({ where: { id: row.questions[0]!.id }, data: { score: 0, correct: false } });
    await env.prisma().attemptQuestion.update({ where: { id: row.questions[2]!.id }, data: { score: 0.25 } });
    await env.prisma().attempt.update({ where: { id: attemptId }, data: { score: 0.25 / 3 } });
    await teach.overrideScore(teacher.id, cls.id, attemptId, 2, 0.25, 'Partial credit for the trace', at(HOUR));
    await env.prisma().attemptQuestion.update({ where: { id: row.questions[1]!.id }, data: { score: 0.75 } });

    const report = await teach.regradeAssignment(teacher.id, cls.id, assignment.id, at(2 * HOUR));
    expect(report).toMatchObject({ status: 'regraded', checked: 3 });
    if (report.status !== 'regraded') throw new Error();
    expect(report.changes).toEqual([
      { userId: student.id, studentName: student.name, attemptId, position: 0, oldScore: 0, newScore: 1, overridden: false },
      { userId: student.id, studentName: student.name, attemptId, position: 1, oldScore: 0.75, newScore: 0, overridden: false },
      { userId: student.id, studentName: student.name, attemptId, position: 2, oldScore: 0.25, newScore: 0, overridden: true },
    ]);
    const after = await env.attemptRow(attemptId);
    expect(after.questions.map((q) => q.score)).toEqual([1, 0, 0.25]);
    expect(after.questions[0]!.correct).toBe(true);
    expect(after.score).toBeCloseTo(1.25 / 3);
    // A second regrade finds nothing more to change but still reports the kept override.
    const again = await teach.regradeAssignment(teacher.id, cls.id, assignment.id, at(3 * HOUR));
    expect(again.status === 'regraded' && again.changes.map((c) => [c.position, c.overridden])).toEqual([[2, true]]);
  });

  it('a regrade of another instructor’s assignment is not found', async () => {
    const { cls, assignment } = await handedIn();
    const other = await env.user('INSTRUCTOR');
    expect(await teach.regradeAssignment(other.id, cls.id, assignment.id, at(HOUR))).toEqual({ status: 'not-found' });
  });
});
