import { z } from 'zod';
import { ASSIGNMENT_KINDS, LATE_POLICIES, SEED_POLICIES, SHOW_ANSWERS } from '@/lib/attempts/assignment-options';
import { getGenerator } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';

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

/** datetime-local values are taken as UTC (the form says so). */
export const localTime = z
  .string({ error: 'time' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: 'time', abort: true })
  // A real calendar time: 2026-02-30 would otherwise roll over into March.
  .refine(
    (s) => {
      const d = new Date(`${s}:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    },
    { error: 'time' },
  )
  .transform((s) => new Date(`${s}:00Z`));

/**
 * The due time comes after the opening time. Zod still runs object refinements when a field
 * already failed, so a time that did not parse is left to its own message here.
 */
const dueAfterOpens = (a: { opensAt: unknown; dueAt: unknown }) => !(a.opensAt instanceof Date && a.dueAt instanceof Date) || a.dueAt > a.opensAt;

export const assignmentInput = z
  .object({
    classId: z.string().min(1).max(64),
    setId: z.string().min(1, { error: 'setId' }).max(64),
    title: z.string().trim().min(1, { error: 'title' }).max(120, { error: 'title' }),
    kind: z.enum(ASSIGNMENT_KINDS),
    opensAt: localTime,
    dueAt: localTime,
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
  .refine(dueAfterOpens, { error: 'dueAt', path: ['dueAt'] })
  .transform((a) =>
    a.kind === 'exam'
      ? { ...a, attemptsAllowed: 1, latePolicy: 'closed' as const, showAnswers: 'after-submit' as const, seedPolicy: 'per-student' as const }
      : { ...a, lockdown: false },
  );

/** New opening and due times for an assignment of a class. */
export const rescheduleInput = z
  .object({
    classId: z.string().min(1, { error: 'invalid' }).max(64, { error: 'invalid' }),
    assignmentId: z.string().min(1, { error: 'invalid' }).max(64, { error: 'invalid' }),
    opensAt: localTime,
    dueAt: localTime,
  })
  .refine(dueAfterOpens, { error: 'dueAt', path: ['dueAt'] });
