import { describe, expect, it } from 'vitest';
import {
  attemptDeadline,
  attemptsAllowed,
  checkMockConfig,
  closestTier,
  handInScore,
  handInTime,
  lateAllowed,
  mockGenerators,
  revealFor,
  seedLabel,
  startRefusal,
  weakGenerators,
} from '@/lib/attempts/policy';

const HOUR = 3_600_000;
const t0 = new Date('2026-11-26T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

const homework = { kind: 'assignment', latePolicy: 'closed', latePenalty: 0.2, opensAt: at(-HOUR), dueAt: at(2 * HOUR), attemptsAllowed: 2, timeLimitMinutes: null as number | null };
const exam = { ...homework, kind: 'exam', latePolicy: 'penalty', attemptsAllowed: 5 };

describe('attempt policy (no database)', () => {
  it('exams take one attempt and no late work, whatever their settings say', () => {
    expect(attemptsAllowed(exam)).toBe(1);
    expect(lateAllowed(exam)).toBe(false);
    expect(attemptsAllowed(homework)).toBe(2);
    expect(attemptsAllowed({ ...homework, attemptsAllowed: 0 })).toBe(1);
    expect(lateAllowed({ ...homework, latePolicy: 'penalty' })).toBe(true);
  });

  it('refuses a start before opening, past the attempts allowed, and after the due time unless late work is taken', () => {
    expect(startRefusal(homework, 0, at(-2 * HOUR))).toBe('not-open');
    expect(startRefusal(homework, 0, t0)).toBeNull();
    expect(startRefusal(homework, 2, t0)).toBe('no-attempts-left');
    expect(startRefusal(homework, 0, at(3 * HOUR))).toBe('closed');
    expect(startRefusal({ ...homework, latePolicy: 'penalty' }, 0, at(3 * HOUR))).toBeNull();
    expect(startRefusal(exam, 1, t0)).toBe('no-attempts-left');
  });

  it('an attempt ends at the due time (unless late work is taken) or at the end of its time limit, whichever is first', () => {
    expect(attemptDeadline(homework, t0)).toEqual(at(2 * HOUR));
    expect(attemptDeadline({ ...homework, timeLimitMinutes: 30 }, t0)).toEqual(at(HOUR / 2));
    expect(attemptDeadline({ ...homework, timeLimitMinutes: 30 }, at(1.75 * HOUR))).toEqual(at(2 * HOUR));
    expect(attemptDeadline({ ...homework, latePolicy: 'penalty' }, t0)).toBeNull();
    expect(attemptDeadline({ ...homework, latePolicy: 'penalty', timeLimitMinutes: 10 }, at(5 * HOUR))).toEqual(at(5 * HOUR + 10 * 60_000));
  });

  it('a timed-out attempt is handed in at its deadline, however late it is read', () => {
    expect(handInTime(at(HOUR), at(3 * HOUR))).toEqual(at(HOUR));
    expect(handInTime(at(HOUR), at(HOUR / 2))).toEqual(at(HOUR / 2));
    expect(handInTime(null, at(3 * HOUR))).toEqual(at(3 * HOUR));
  });

  it('scores the mean with unanswered as 0, and takes the clamped late penalty off late work that is allowed', () => {
    expect(handInScore([1, null, 0.5, 0.5], t0, homework)).toEqual({ score: 0.5, late: false });
    expect(handInScore([], t0, null)).toEqual({ score: 0, late: false });
    expect(handInScore([1, 1], at(3 * HOUR), { ...homework, latePolicy: 'penalty' })).toEqual({ score: 0.8, late: true });
    expect(handInScore([1, 1], at(3 * HOUR), { ...homework, latePolicy: 'penalty', latePenalty: 7 })).toEqual({ score: 0, late: true });
    expect(handInScore([1, 1], at(3 * HOUR), { ...homework, latePolicy: 'penalty', latePenalty: -1 })).toEqual({ score: 1, late: true });
    // Late but closed to late work (say, handed in by the instructor's timer): marked late, not penalised.
    expect(handInScore([1, 1], at(3 * HOUR), homework)).toEqual({ score: 1, late: true });
  });

  it('reveals answers per kind and showAnswers', () => {
    const open = { submittedAt: null };
    const done = { submittedAt: t0 };
    expect(revealFor({ ...open, assignment: null }, t0)).toBe('never');
    expect(revealFor({ ...done, assignment: null }, t0)).toBe('all');
    const a = (kind: string, showAnswers: string) => ({ kind, showAnswers, dueAt: at(HOUR) });
    expect(revealFor({ ...open, assignment: a('exam', 'after-question') }, t0)).toBe('never');
    expect(revealFor({ ...done, assignment: a('exam', 'after-due') }, t0)).toBe('all');
    expect(revealFor({ ...open, assignment: a('assignment', 'after-question') }, t0)).toBe('answered');
    expect(revealFor({ ...done, assignment: a('assignment', 'after-question') }, t0)).toBe('all');
    expect(revealFor({ ...done, assignment: a('assignment', 'after-due') }, t0)).toBe('never');
    expect(revealFor({ ...done, assignment: a('assignment', 'after-due') }, at(HOUR))).toBe('all');
    expect(revealFor({ ...open, assignment: a('assignment', 'after-submit') }, at(2 * HOUR))).toBe('never');
    expect(revealFor({ ...done, assignment: a('assignment', 'after-submit') }, t0)).toBe('all');
  });

  it('seed labels: one per class, per student, or per attempt', () => {
    expect(seedLabel('shared', 'a', 'u1', 1, 0)).toBe(seedLabel('shared', 'a', 'u2', 2, 0));
    expect(seedLabel('per-student', 'a', 'u1', 1, 0)).toBe(seedLabel('per-student', 'a', 'u1', 2, 0));
    expect(seedLabel('per-student', 'a', 'u1', 1, 0)).not.toBe(seedLabel('per-student', 'a', 'u2', 1, 0));
    expect(seedLabel('per-attempt', 'a', 'u1', 1, 0)).not.toBe(seedLabel('per-attempt', 'a', 'u1', 2, 0));
    expect(seedLabel('per-student', 'a', 'u1', 1, 0)).not.toBe(seedLabel('per-student', 'a', 'u1', 1, 1));
  });

  it('picks the closest tier a generator offers, the lower on a tie', () => {
    expect(closestTier([1, 2, 3], 2)).toBe(2);
    expect(closestTier([1, 3], 2)).toBe(1);
    expect(closestTier([2, 3], 1)).toBe(2);
    expect(closestTier([1], 3)).toBe(1);
  });

  it('weak skills: wrong or unanswered, each once', () => {
    const qs = [
      { generator: 'a', correct: true },
      { generator: 'b', correct: false },
      { generator: 'c', correct: null },
      { generator: 'b', correct: null },
    ];
    expect(weakGenerators(qs)).toEqual(['b', 'c']);
  });

  it('mock exams: within the limits, topics round-robin', () => {
    expect(checkMockConfig({ topics: ['lock', 'lock', 'cow'], count: 3, minutes: 10 })).toEqual({ topics: ['lock', 'cow'], count: 3, minutes: 10 });
    expect(checkMockConfig({ topics: [], count: 3, minutes: 10 })).toBeNull();
    expect(checkMockConfig({ topics: ['lock'], count: 41, minutes: 10 })).toBeNull();
    expect(checkMockConfig({ topics: ['lock'], count: 2.5, minutes: 10 })).toBeNull();
    expect(checkMockConfig({ topics: ['lock'], count: 3, minutes: 181 })).toBeNull();
    const gens = [
      { id: 'l1', topic: 'lock' as const },
      { id: 'l2', topic: 'lock' as const },
      { id: 'c1', topic: 'cow' as const },
    ];
    expect(mockGenerators(['lock', 'cow', 'pool'], 5, gens)).toEqual(['l1', 'c1', 'l2', 'c1', 'l1']);
    expect(mockGenerators(['pool'], 3, gens)).toEqual([]);
  });
});
