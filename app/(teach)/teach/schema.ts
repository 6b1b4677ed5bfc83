import { z } from 'zod';
import { ASSIGNMENT_KINDS, LATE_POLICIES, SEED_POLICIES, SHOW_ANSWERS } from '@/lib/attempts/assignment-options';
import { getGenerator } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';
import { isValidTimeZone, LOCAL_TIME, localTimeToInstant } from '@/lib/i18n/zoned-time';

export const classInput = z.object({ name: z.string().trim().min(1, { error: 'name' }).max(120, { error: 'name' }) });
export const classRef = z.object({ classId: z.string().min(1).max(64) });
export const memberRef = classRef.extend({ userId: z.string().min(1).max(64) });

const item = z
  .object({ generator: z.string().min(1).max(64), tier: z.number().int(), count: z.number().int().min(1).max(20) })
  .refine((i) => getGenerator(i.generator)?.tiers.includes(i.tier as Tier) ?? false, { error: 'items' });

export const setInput = z.object({
  name: z.string().trim().min(1, { error: 'name' }).max(120, { error: 'name' }),
  items: z.array(item, { error: 'items' }).min(1, { error: 'items' }).max(50, { error: 'items' }),
});

/** A datetime-local value, read later in the zone the form names. */
export const localTime = z.string({ error: 'time' }).regex(LOCAL_TIME, { error: 'time' });

/** The zone the times were entered in; a request without one (a script, an old form) means UTC. */
export const timeZone = z
  .string({ error: 'timeZone' })
  .max(64, { error: 'timeZone' })
  .transform((s) => s || 'UTC')
  .refine(isValidTimeZone, { error: 'timeZone' });

/** Why a wall-clock time could not be read in the form's zone: message keys under teaching.errors. */
export const LOCAL_TIME_ERRORS = { invalid: 'time', gap: 'timeGap', ambiguous: 'timeAmbiguous' } as const;

/**
 * Reads the opening and due times in the zone the instructor entered them in and turns them
 * into instants; a time the clocks skip or repeat there is refused with its own message, and
 * the due time must come after the opening time.
 */
function inZone<T extends { opensAt: string; dueAt: string; timeZone: string }>(a: T, ctx: z.RefinementCtx) {
  const read = (field: 'opensAt' | 'dueAt') => {
    const result = localTimeToInstant(a[field], a.timeZone);
    if (result.status === 'ok') return result.at;
    ctx.addIssue({ code: 'custom', path: [field], message: LOCAL_TIME_ERRORS[result.status] });
    return null;
  };
  const opensAt = read('opensAt');
  const dueAt = read('dueAt');
  if (!opensAt || !dueAt) return z.NEVER;
  if (dueAt <= opensAt) {
    ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'dueAt' });
    return z.NEVER;
  }
  const { timeZone: _zone, ...rest } = a;
  return { ...rest, opensAt, dueAt };
}

export const assignmentInput = z
  .object({
    classId: z.string().min(1).max(64),
    setId: z.string().min(1, { error: 'setId' }).max(64),
    title: z.string().trim().min(1, { error: 'title' }).max(120, { error: 'title' }),
    kind: z.enum(ASSIGNMENT_KINDS),
    opensAt: localTime,
    dueAt: localTime,
    timeZone,
    attemptsAllowed: z.coerce.number().int().min(1, { error: 'attemptsAllowed' }).max(10, { error: 'attemptsAllowed' }),
    seedPolicy: z.enum(SEED_POLICIES),
    showAnswers: z.enum(SHOW_ANSWERS),
    latePolicy: z.enum(LATE_POLICIES),
    latePenalty: z.coerce.number().min(0, { error: 'latePenalty' }).max(1, { error: 'latePenalty' }),
    timeLimitMinutes: z
      .string()
      .transform((s) => (s.trim() === '' ? null : Number(s)))
      .refine((n) => n === null || (Number.isInteger(n) && n >= 1 && n <= 600), { error: 'timeLimitMinutes' }),
    /** Exam mode (exams only): a checkbox, "on" when ticked, absent otherwise. */
    lockdown: z.string().transform((s) => s === 'on'),
  })
  .transform(inZone)
  .transform((a) =>
    a.kind === 'exam'
      ? { ...a, attemptsAllowed: 1, latePolicy: 'closed' as const, showAnswers: 'after-submit' as const, seedPolicy: 'per-student' as const }
      : // Time limit and exam mode belong to exams: a stale value from the form is dropped.
        { ...a, lockdown: false, timeLimitMinutes: null },
  );

/** New opening and due times for an assignment of a class. */
export const rescheduleInput = z
  .object({
    classId: z.string().min(1, { error: 'invalid' }).max(64, { error: 'invalid' }),
    assignmentId: z.string().min(1, { error: 'invalid' }).max(64, { error: 'invalid' }),
    opensAt: localTime,
    dueAt: localTime,
    timeZone,
  })
  .transform(inZone);
