import { describe, expect, it } from 'vitest';
import { attemptView, breakdownOf, summarize, type StoredAttempt } from '@/lib/attempts/view';
import { buildQuestion, listGenerators } from '@/lib/questions/registry';

const HOUR = 3_600_000;
const t0 = new Date('2026-11-26T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('attempt views (no database)', () => {
  const assignment = { id: 'a', title: 'HW', kind: 'assignment', opensAt: at(-HOUR), dueAt: at(HOUR), attemptsAllowed: 1, latePolicy: 'closed', latePenalty: 0, timeLimitMinutes: null, class: { name: 'OS' } };
  const open = { id: 'x', submittedAt: null, late: false, score: null };
  const done = { id: 'y', submittedAt: t0, late: false, score: 0.5 };

  it("summarizes an assignment's status for the student", () => {
    expect(summarize(assignment, [], at(-2 * HOUR))).toMatchObject({ status: 'upcoming', canStart: false });
    expect(summarize(assignment, [], t0)).toMatchObject({ status: 'not-started', canStart: true, attemptsAllowed: 1 });
    expect(summarize(assignment, [], at(2 * HOUR))).toMatchObject({ status: 'closed', canStart: false });
    expect(summarize(assignment, [open], t0)).toMatchObject({ status: 'in-progress', canStart: false, openAttemptId: 'x' });
    expect(summarize(assignment, [done], t0)).toMatchObject({ status: 'submitted', canStart: false, score: 0.5 });
    expect(summarize(assignment, [{ ...done, late: true }], t0)).toMatchObject({ status: 'late' });
    expect(summarize({ ...assignment, kind: 'exam', latePolicy: 'penalty' }, [], t0)).toMatchObject({ kind: 'exam', latePolicy: 'closed' });
  });

  it('seals questions while answers are hidden, and gives refs, feedback and the breakdown once all is revealed', () => {
    const g = listGenerators().find((x) => x.topic === 'lock')!;
    const question = buildQuestion({ generator: g.id, version: g.version, seed: 5, tier: g.tiers[0]! });
    const attempt: StoredAttempt = {
      id: 'x',
      number: 1,
      mockConfig: JSON.stringify({ topics: ['lock'], count: 2, minutes: 10 }),
      startedAt: t0,
      deadline: at(10 * 60_000),
      submittedAt: null,
      score: null,
      late: false,
      assignment: null,
      questions: [
        { position: 0, generator: g.id, response: JSON.stringify(question.answer), correct: true, score: 1 },
        { position: 1, generator: g.id, response: null, correct: null, score: null },
      ],
    };
    const built = [question, question];
    const running = attemptView(attempt, built, 'never', null, 'en');
    expect(running).toMatchObject({ kind: 'mock', revealed: false, breakdown: null, score: null, timedOut: false, mock: { count: 2 } });
    expect(running.questions.map((q) => [q.ref, q.feedback, q.answered])).toEqual([
      [null, null, true],
      [null, null, false],
    ]);
    expect(JSON.stringify(running)).not.toContain('"answer"');

    const handedIn = { ...attempt, submittedAt: attempt.deadline, score: 0.5 };
    const breakdown = breakdownOf(handedIn, built, new Set([g.id]));
    expect(breakdown.weakSkills).toEqual([{ generator: g.id, title: g.title, topic: 'lock', inDrills: true }]);
    expect(breakdown.byTopic).toEqual([{ topic: 'lock', total: 2, correct: 1, score: 1 }]);
    const released = attemptView(handedIn, built, 'all', breakdown, 'en');
    expect(released).toMatchObject({ revealed: true, timedOut: true, score: 0.5, breakdown });
    expect(released.questions.map((q) => q.ref)).toEqual([question.ref, question.ref]);
    expect(released.questions.map((q) => q.feedback?.correct)).toEqual([true, false]);
  });
});
