import { describe, expect, it } from 'vitest';
import { rescheduleInput } from '@/app/(teach)/teach/schema';
import { ASSIGNMENT_KINDS, LATE_POLICIES, SEED_POLICIES, SHOW_ANSWERS } from '@/lib/attempts/assignment-options';
import en from '@/messages/teach/en.json';
import ko from '@/messages/teach/ko.json';

const base = { classId: 'c1', assignmentId: 'a1', opensAt: '2026-11-26T09:00', dueAt: '2026-11-27T09:00', timeZone: 'UTC' };
const errorsOf = (input: unknown) => {
  const parsed = rescheduleInput.safeParse(input);
  return parsed.success ? null : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('rescheduleInput', () => {
  it('reads datetime-local values in the zone the form names', () => {
    const parsed = rescheduleInput.parse(base);
    expect(parsed.opensAt.toISOString()).toBe('2026-11-26T09:00:00.000Z');
    expect(parsed.dueAt.toISOString()).toBe('2026-11-27T09:00:00.000Z');
    const seoul = rescheduleInput.parse({ ...base, timeZone: 'Asia/Seoul' });
    expect(seoul.opensAt.toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(rescheduleInput.parse({ ...base, dueAt: '2026-12-04T18:59', timeZone: 'America/New_York' }).dueAt.toISOString()).toBe('2026-12-04T23:59:00.000Z');
  });

  it('has a message in both languages for every time error and every answers.csv column', async () => {
    const { ANSWER_COLUMNS } = await import('@/lib/teach/exports');
    for (const key of ['time', 'timeGap', 'timeAmbiguous', 'timeZone', 'dueAt']) {
      expect(en.teaching.errors).toHaveProperty([key]);
      expect(ko.teaching.errors).toHaveProperty([key]);
    }
    for (const column of ANSWER_COLUMNS) {
      expect(en.teaching.answerColumns).toHaveProperty([column]);
      expect(ko.teaching.answerColumns).toHaveProperty([column]);
    }
  });

  it('refuses a time the clocks skip or repeat in that zone, and an unknown zone', () => {
    const ny = { ...base, opensAt: '2026-03-01T09:00', timeZone: 'America/New_York' };
    expect(errorsOf({ ...ny, dueAt: '2026-03-08T02:30' })).toEqual({ dueAt: 'timeGap' });
    expect(errorsOf({ ...ny, dueAt: '2026-11-01T01:30' })).toEqual({ dueAt: 'timeAmbiguous' });
    expect(errorsOf({ ...ny, timeZone: 'Mars/Olympus' })).toEqual({ timeZone: 'timeZone' });
    expect(errorsOf({ ...ny, timeZone: 42 })).toEqual({ timeZone: 'timeZone' });
    // A request that names no zone (a script, an older form) means UTC.
    expect(rescheduleInput.parse({ ...base, timeZone: '' }).dueAt.toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('names the field of a malformed or impossible time with a message key the UI has', () => {
    expect(errorsOf({ ...base, opensAt: 'tomorrow' })).toEqual({ opensAt: 'time' });
    expect(errorsOf({ ...base, dueAt: '2026-02-30T10:00' })).toEqual({ dueAt: 'time' });
    expect(errorsOf({ ...base, dueAt: '2026-13-01T10:00' })).toEqual({ dueAt: 'time' });
    expect(errorsOf({ ...base, dueAt: '2026-12-01T24:30' })).toEqual({ dueAt: 'time' });
    expect(errorsOf({ ...base, dueAt: undefined })).toEqual({ dueAt: 'time' });
  });

  it('refuses a due time that is not after the opening time', () => {
    expect(errorsOf({ ...base, dueAt: base.opensAt })).toEqual({ dueAt: 'dueAt' });
  });

  it('refuses missing or oversized ids', () => {
    expect(errorsOf({ ...base, assignmentId: '' })).toEqual({ assignmentId: 'invalid' });
    expect(errorsOf({ ...base, classId: 'x'.repeat(65) })).toEqual({ classId: 'invalid' });
  });
});

describe('assignmentInput', () => {
  const form = {
    classId: 'c',
    setId: 's',
    title: 'HW',
    kind: 'assignment',
    opensAt: '2026-11-26T09:00',
    dueAt: '2026-11-27T09:00',
    timeZone: 'UTC',
    attemptsAllowed: '1',
    seedPolicy: 'shared',
    showAnswers: 'after-submit',
    latePolicy: 'closed',
    latePenalty: '0',
    timeLimitMinutes: '',
    lockdown: '',
  };

  it('names a malformed opening time instead of failing on it', async () => {
    const { assignmentInput } = await import('@/app/(teach)/teach/schema');
    const parsed = assignmentInput.safeParse({ ...form, opensAt: 'soon' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['opensAt', 'time']]);
  });

  it('exam mode: on for an exam whose box is ticked, off when unticked, never on for an assignment', async () => {
    const { assignmentInput } = await import('@/app/(teach)/teach/schema');
    const exam = { ...form, kind: 'exam', timeLimitMinutes: '30' };
    expect(assignmentInput.parse({ ...exam, lockdown: 'on' }).lockdown).toBe(true);
    expect(assignmentInput.parse({ ...exam, lockdown: '' }).lockdown).toBe(false);
    expect(assignmentInput.parse({ ...exam, kind: 'assignment', timeLimitMinutes: '', lockdown: 'on' }).lockdown).toBe(false);
  });

  it('an assignment keeps none of the exam-only fields, whatever the form sent', async () => {
    const { assignmentInput } = await import('@/app/(teach)/teach/schema');
    const stale = assignmentInput.parse({ ...form, kind: 'assignment', timeLimitMinutes: '30', lockdown: 'on' });
    expect(stale.timeLimitMinutes).toBeNull();
    expect(stale.lockdown).toBe(false);
    expect(assignmentInput.parse({ ...form, kind: 'exam', timeLimitMinutes: '30' }).timeLimitMinutes).toBe(30);
  });

  it('accepts every listed choice, each with a label in both languages, and nothing else', async () => {
    const { assignmentInput } = await import('@/app/(teach)/teach/schema');
    const lists = { kind: ASSIGNMENT_KINDS, seedPolicy: SEED_POLICIES, showAnswers: SHOW_ANSWERS, latePolicy: LATE_POLICIES };
    for (const [field, choices] of Object.entries(lists)) {
      for (const choice of choices) {
        expect(assignmentInput.safeParse({ ...form, timeLimitMinutes: '30', [field]: choice }).success, `${field}=${choice}`).toBe(true);
        expect(en.teaching.options).toHaveProperty([choice]);
        expect(ko.teaching.options).toHaveProperty([choice]);
      }
      expect(assignmentInput.safeParse({ ...form, [field]: 'sometimes' }).success, field).toBe(false);
    }
  });
});
