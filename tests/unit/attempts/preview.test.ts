import { describe, expect, it } from 'vitest';
import { MINUTE, attemptDeadline, previewDeadline } from '@/lib/attempts/policy';

const t0 = new Date('2026-11-26T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
const exam = { kind: 'exam', latePolicy: 'closed', timeLimitMinutes: 30, dueAt: at(60) };
const homework = { kind: 'assignment', latePolicy: 'closed', timeLimitMinutes: null, dueAt: at(60) };

describe('previewDeadline', () => {
  it('runs the time limit from the start and stops at a due time still ahead, as a student’s deadline does', () => {
    expect(previewDeadline(exam, t0)).toEqual(at(30));
    expect(previewDeadline(exam, at(45))).toEqual(at(60));
    expect(previewDeadline(exam, at(45))).toEqual(attemptDeadline(exam, at(45)));
    expect(previewDeadline(homework, t0)).toEqual(at(60));
  });

  it('after the due time, the time limit alone stops a preview (a student’s would be closed at once)', () => {
    expect(attemptDeadline(exam, at(120))).toEqual(at(60));
    expect(previewDeadline(exam, at(120))).toEqual(at(150));
    expect(previewDeadline(homework, at(120))).toBeNull();
  });

  it('work that takes late answers has no due-time stop, for a preview as for a student', () => {
    const late = { ...homework, latePolicy: 'penalty' };
    expect(previewDeadline(late, t0)).toBeNull();
    expect(attemptDeadline(late, t0)).toBeNull();
  });
});
