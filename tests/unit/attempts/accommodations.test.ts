import { describe, expect, it } from 'vitest';
import { NO_ACCOMMODATION, extensionRefusal, forStudent, freshPracticeItems, freshPracticeOpen, handInScore, revealFor, startRefusal, studentDeadline, validMultiplier } from '@/lib/attempts/policy';

const MIN = 60_000;
const HOUR = 60 * MIN;
const t0 = new Date('2026-11-26T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

const exam = { kind: 'exam', latePolicy: 'closed', latePenalty: 0, opensAt: at(-HOUR), dueAt: at(HOUR), attemptsAllowed: 1, timeLimitMinutes: 30 as number | null, showAnswers: 'after-submit' };
const homework = { ...exam, kind: 'assignment', timeLimitMinutes: null as number | null, attemptsAllowed: 3, showAnswers: 'after-due' };

describe('a student deadline with accommodations (no database)', () => {
  it('without accommodations a student has the class deadline', () => {
    expect(studentDeadline(exam, NO_ACCOMMODATION, t0)).toEqual(at(30 * MIN));
    expect(studentDeadline(homework, NO_ACCOMMODATION, t0)).toEqual(at(HOUR));
  });

  it('a 1.5× multiplier gives 45 minutes of a 30-minute exam, even past the class window', () => {
    const terms = { timeMultiplier: 1.5, extendedDueAt: null };
    expect(studentDeadline(exam, terms, t0)).toEqual(at(45 * MIN));
    // Started 40 minutes into the window: the class stops at the due time (20 minutes left),
    // the student keeps the 15 extra minutes on top of that.
    expect(studentDeadline(exam, NO_ACCOMMODATION, at(40 * MIN))).toEqual(at(HOUR));
    expect(studentDeadline(exam, terms, at(40 * MIN))).toEqual(at(HOUR + 15 * MIN));
  });

  it('rounds an odd limit up to whole minutes and leaves untimed work alone', () => {
    expect(studentDeadline({ ...exam, timeLimitMinutes: 25 }, { timeMultiplier: 1.25, extendedDueAt: null }, t0)).toEqual(at(32 * MIN));
    expect(studentDeadline(homework, { timeMultiplier: 2, extendedDueAt: null }, t0)).toEqual(at(HOUR));
    expect(forStudent(homework, { timeMultiplier: 2, extendedDueAt: null })).toEqual(homework);
  });

  it('an extension moves the student’s due time only', () => {
    const terms = { timeMultiplier: 1, extendedDueAt: at(26 * HOUR) };
    expect(studentDeadline(homework, terms, t0)).toEqual(at(26 * HOUR));
    expect(homework.dueAt).toEqual(at(HOUR));
    // The student may still start after the class closed, the class may not.
    expect(startRefusal(homework, 0, at(2 * HOUR))).toBe('closed');
    expect(startRefusal(forStudent(homework, terms), 0, at(2 * HOUR))).toBeNull();
    expect(startRefusal(forStudent(homework, terms), 0, at(27 * HOUR))).toBe('closed');
  });

  it('extension and multiplier together: the later window and the longer limit', () => {
    const terms = { timeMultiplier: 2, extendedDueAt: at(3 * HOUR) };
    expect(studentDeadline(exam, terms, at(2 * HOUR))).toEqual(at(3 * HOUR));
    expect(studentDeadline(exam, terms, at(2 * HOUR + 50 * MIN))).toEqual(at(3 * HOUR + 30 * MIN));
  });

  it('a hand-in inside the student’s own time is not late; after it, it is', () => {
    const mine = forStudent(exam, { timeMultiplier: 1.5, extendedDueAt: null });
    expect(handInScore([1, 0], at(HOUR + 10 * MIN), mine)).toEqual({ score: 0.5, late: false });
    expect(handInScore([1, 0], at(HOUR + 10 * MIN), exam).late).toBe(true);
    const extended = forStudent(homework, { timeMultiplier: 1, extendedDueAt: at(5 * HOUR) });
    expect(handInScore([1], at(4 * HOUR), extended).late).toBe(false);
    expect(handInScore([1], at(6 * HOUR), extended).late).toBe(true);
  });

  it('"after the due time" answers wait for the student’s own due time', () => {
    const extended = forStudent(homework, { timeMultiplier: 1, extendedDueAt: at(5 * HOUR) });
    const submitted = { submittedAt: at(10 * MIN) };
    expect(revealFor({ ...submitted, assignment: homework }, at(2 * HOUR))).toBe('all');
    expect(revealFor({ ...submitted, assignment: extended }, at(2 * HOUR))).toBe('never');
    expect(revealFor({ ...submitted, assignment: extended }, at(5 * HOUR))).toBe('all');
  });

  it('an extension must give more time, a multiplier stays between 1 and 4', () => {
    expect(extensionRefusal(at(HOUR), at(HOUR))).toBe('not-later');
    expect(extensionRefusal(at(HOUR), at(-HOUR))).toBe('not-later');
    expect(extensionRefusal(at(HOUR), at(HOUR + MIN))).toBeNull();
    expect([0.5, 0.99, 1, 1.5, 4, 4.01, Number.NaN, Infinity].map(validMultiplier)).toEqual([false, false, true, true, true, false, false, false]);
  });
});

describe('fresh practice after the due time (no database)', () => {
  it('opens after the student’s own due time, not before', () => {
    expect(freshPracticeOpen(homework, at(HOUR))).toBe(false);
    expect(freshPracticeOpen(homework, at(HOUR + 1))).toBe(true);
    const extended = forStudent(homework, { timeMultiplier: 1, extendedDueAt: at(5 * HOUR) });
    expect(freshPracticeOpen(extended, at(2 * HOUR))).toBe(false);
  });

  it('one link per question, with the tier the attempt gives and no seed; retired generators skipped', () => {
    const items = [
      { generator: 'a', tier: 3, count: 2 },
      { generator: 'gone', tier: 1, count: 1 },
      { generator: 'b', tier: 1, count: 1 },
    ];
    const links = freshPracticeItems(items, (g, wanted) => (g === 'gone' ? null : Math.min(wanted, 2)));
    expect(links).toEqual([
      { position: 0, generator: 'a', tier: 2 },
      { position: 1, generator: 'a', tier: 2 },
      { position: 3, generator: 'b', tier: 1 },
    ]);
    expect(links.every((l) => !('seed' in l))).toBe(true);
  });
});
