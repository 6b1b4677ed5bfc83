import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MIN, at, openClassDb, t0 } from '../support/class-db';

const env = openClassDb('preview');
let attempts: typeof import('@/lib/attempts/service');
let teach: typeof import('@/lib/teach/service');
let exports: typeof import('@/lib/teach/exports');

beforeAll(async () => {
  await env.migrate();
  attempts = await import('@/lib/attempts/service');
  teach = await import('@/lib/teach/service');
  exports = await import('@/lib/teach/exports');
}, 120_000);
afterAll(() => env.close());

async function started<T extends { status: string }>(state: Promise<T>): Promise<Extract<T, { status: 'started' }>> {
  const s = await state;
  if (s.status !== 'started') throw new Error(`expected started, got ${s.status}`);
  return s as Extract<T, { status: 'started' }>;
}

const refs = (row: Awaited<ReturnType<typeof env.attemptRow>>) => row.questions.map((q) => `${q.generator}@${q.version}#${q.seed}/${q.tier}`);

describe('previews as a student against SQLite', () => {
  it('a timed class exam plays as a student’s: the same questions (shared seeds), the time limit from the start, answers saved, a score on hand-in', async () => {
    // Not open yet: a student cannot start, the instructor can preview.
    const { teacher, cls, members, assignment } = await env.classWith(1, { kind: 'exam', timeLimitMinutes: 30, seedPolicy: 'shared', opensAt: at(HOUR), dueAt: at(3 * HOUR) });
    expect(await attempts.startAttempt(members[0]!.id, assignment.id, t0)).toEqual({ status: 'not-open' });
    const preview = await started(attempts.startPreview(teacher.id, cls.id, assignment.id, t0, false));
    const row = await env.attemptRow(preview.attemptId);
    expect(row.userId).toBe(teacher.id);
    expect(row.deadline).toEqual(at(30 * MIN));
    expect(row.drillsFedAt).toEqual(t0);
    const student = await started(attempts.startAttempt(members[0]!.id, assignment.id, at(HOUR)));
    expect(refs(row)).toEqual(refs(await env.attemptRow(student.attemptId)));

    // While it runs the page gives sealed questions only: no ref (generator, seed), no feedback.
    const page = await attempts.getPreviewPage(teacher.id, cls.id, assignment.id, at(MIN), 'en');
    expect(page?.view?.id).toBe(preview.attemptId);
    expect(page?.view?.questions.map((q) => [q.ref, q.feedback, q.question !== null])).toEqual([
      [null, null, true],
      [null, null, true],
      [null, null, true],
    ]);
    expect(JSON.stringify(page?.view?.questions)).not.toContain(row.questions[0]!.generator);

    const right = env.questionOf(row.questions[0]!).answer;
    expect(await attempts.saveAnswer(teacher.id, preview.attemptId, 0, right, 1000, at(2 * MIN))).toEqual({ status: 'saved', feedback: null });
    expect(await attempts.submitAttempt(teacher.id, preview.attemptId, at(3 * MIN))).toMatchObject({ status: 'submitted', already: false });
    expect((await env.attemptRow(preview.attemptId)).score).toBeCloseTo(1 / 3);
    // A resume start after the hand-in shows the handed-in preview; only a restart starts anew.
    expect((await attempts.getPreviewPage(teacher.id, cls.id, assignment.id, at(4 * MIN), 'en'))?.view?.submittedAt).toEqual(at(3 * MIN));
  });

  it('per-student seeds: the instructor gets questions of their own, like one more student', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(1, { seedPolicy: 'per-student' });
    const preview = await started(attempts.startPreview(teacher.id, cls.id, assignment.id, t0, false));
    const student = await started(attempts.startAttempt(members[0]!.id, assignment.id, t0));
    expect(refs(await env.attemptRow(preview.attemptId))).not.toEqual(refs(await env.attemptRow(student.attemptId)));
  });

  it('a running preview is resumed; a restart discards it and starts the next, with fresh variants under per-attempt seeds', async () => {
    const { teacher, cls, assignment } = await env.classWith(0, { seedPolicy: 'per-attempt' });
    const first = await started(attempts.startPreview(teacher.id, cls.id, assignment.id, t0, false));
    expect(await attempts.startPreview(teacher.id, cls.id, assignment.id, at(MIN), false)).toEqual({ status: 'started', attemptId: first.attemptId });
    const firstRefs = refs(await env.attemptRow(first.attemptId));
    const second = await started(attempts.startPreview(teacher.id, cls.id, assignment.id, at(2 * MIN), true));
    expect(second.attemptId).not.toBe(first.attemptId);
    const rows = await env.prisma().attempt.findMany({ where: { assignmentId: assignment.id } });
    expect(rows.map((r) => [r.id, r.number])).toEqual([[second.attemptId, 2]]);
    expect(refs(await env.attemptRow(second.attemptId))).not.toEqual(firstRefs);
  });

  it('nobody else opens or answers a preview, and another instructor cannot start one in a class not theirs', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(1);
    const other = await env.user('INSTRUCTOR');
    expect(await attempts.startPreview(other.id, cls.id, assignment.id, t0, false)).toEqual({ status: 'not-found' });
    expect(await attempts.getPreviewPage(other.id, cls.id, assignment.id, t0, 'en')).toBeNull();
    expect(await attempts.startPreview(members[0]!.id, cls.id, assignment.id, t0, false)).toEqual({ status: 'not-found' });
    const preview = await started(attempts.startPreview(teacher.id, cls.id, assignment.id, t0, false));
    const row = await env.attemptRow(preview.attemptId);
    for (const intruder of [other, members[0]!]) {
      expect(await attempts.getAttemptView(intruder.id, preview.attemptId, at(MIN), 'en')).toBeNull();
      expect(await attempts.saveAnswer(intruder.id, preview.attemptId, 0, env.questionOf(row.questions[0]!).answer, 1000, at(MIN), 'en')).toEqual({ status: 'not-found' });
      expect(await attempts.submitAttempt(intruder.id, preview.attemptId, at(MIN))).toEqual({ status: 'not-found' });
    }
    expect((await env.attemptRow(preview.attemptId)).questions.every((q) => q.response === null)).toBe(true);
    // A restart in someone else's class deletes nothing.
    expect(await attempts.startPreview(other.id, cls.id, assignment.id, at(MIN), true)).toEqual({ status: 'not-found' });
    expect(await env.prisma().attempt.count({ where: { id: preview.attemptId } })).toBe(1);
  });

  it('never counts: no gradebook cell, statistic or CSV row; no override; a regrade leaves it out', async () => {
    const { teacher, cls, members, assignment } = await env.classWith(1, { seedPolicy: 'shared' });
    const s = members[0]!;
    // The student answers question 0 wrong and hands in; the preview answers it right (and, by another
    // wrong option, would change "most chosen wrong answer" if it counted).
    const attempt = await started(attempts.startAttempt(s.id, assignment.id, t0));
    const row = await env.attemptRow(attempt.attemptId);
    await attempts.saveAnswer(s.id, attempt.attemptId, 0, env.wrongResponse(row.questions[0]!), 1000, at(MIN));
    await attempts.submitAttempt(s.id, attempt.attemptId, at(2 * MIN));
    const preview = await started(attempts.startPreview(teacher.id, cls.id, assignment.id, at(3 * MIN), false));
    for (const position of [0, 1, 2]) await attempts.saveAnswer(teacher.id, preview.attemptId, position, env.questionOf(row.questions[position]!).answer, 1000, at(4 * MIN));
    await attempts.submitAttempt(teacher.id, preview.attemptId, at(5 * MIN));
    expect((await env.attemptRow(preview.attemptId)).score).toBe(1);

    const book = (await teach.loadGradebook(teacher.id, cls.id, at(HOUR), 'en'))!;
    expect(book.data.assignments[0]!.attempts.map((a) => a.userId)).toEqual([s.id]);
    expect([...book.cells.keys()]).toEqual([`${s.id}:${assignment.id}`]);
    expect(book.cells.get(`${s.id}:${assignment.id}`)).toMatchObject({ status: 'submitted', score: 0, attempts: 1 });
    const stats = book.stats.get(assignment.id)!;
    expect(stats.map((q) => [q.answered, q.meanScore])).toEqual([
      [1, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(stats[0]!.mostChosenWrong?.count).toBe(1);
    for (const csv of [exports.gradebookCsv(book), exports.canvasCsv(book), exports.moodleCsv(book), exports.answersCsv(book, 'en', (c) => c)]) {
      expect(csv).not.toContain(teacher.email);
      expect(csv).not.toContain(teacher.name);
    }
    // answers.csv: a header and the student's three questions, nothing of the preview.
    expect(exports.answersCsv(book, 'en', (c) => c).trim().split(/\r?\n/)).toHaveLength(4);

    expect(await teach.overrideScore(teacher.id, cls.id, preview.attemptId, 0, 0, 'not a student attempt', at(HOUR))).toEqual({ status: 'not-found' });
    // A stored score the grader disagrees with: the regrade mends the student's, never touches the preview's.
    const previewRow = await env.attemptRow(preview.attemptId);
    await env.prisma().attemptQuestion.update({ where: { id: previewRow.questions[0]!.id }, data: { score: 0.5 } });
    const regrade = await teach.regradeAssignment(teacher.id, cls.id, assignment.id, at(HOUR));
    expect(regrade).toEqual({ status: 'regraded', changes: [], checked: 1 });
    expect((await env.attemptRow(preview.attemptId)).questions[0]!.score).toBe(0.5);
  });

  it('an extension or a reschedule moves the students’ running attempts, not the preview', async () => {
    const { teacher, cls, assignment } = await env.classWith(1, { dueAt: at(2 * HOUR) });
    const preview = await started(attempts.startPreview(teacher.id, cls.id, assignment.id, t0, false));
    expect((await env.attemptRow(preview.attemptId)).deadline).toEqual(at(2 * HOUR));
    expect(await attempts.rescheduleForClass(teacher.id, cls.id, assignment.id, { opensAt: at(-HOUR), dueAt: at(HOUR) }, at(MIN))).toEqual({ status: 'rescheduled', moved: 0 });
    expect((await env.attemptRow(preview.attemptId)).deadline).toEqual(at(2 * HOUR));
  });
});
