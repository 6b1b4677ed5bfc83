import { z } from 'zod';
import { TIME_MULTIPLIER } from '@/lib/attempts/policy';
import { OVERRIDE_REASON, ROSTER_LIMITS } from '@/lib/teach/policy';
import { localTimeToInstant } from '@/lib/i18n/zoned-time';
import { LOCAL_TIME_ERRORS, localTime, timeZone } from './schema';

const id = z.string({ error: 'invalid' }).min(1, { error: 'invalid' }).max(64, { error: 'invalid' });

/** A student's extra time: a multiplier from 1 (none) to 4, up to two decimals. */
export const multiplierInput = z.object({
  classId: id,
  userId: id,
  multiplier: z.coerce
    .number({ error: 'multiplier' })
    .min(TIME_MULTIPLIER.min, { error: 'multiplier' })
    .max(TIME_MULTIPLIER.max, { error: 'multiplier' })
    .refine((m) => Math.round(m * 100) === m * 100, { error: 'multiplier' }),
});

/** A student's own due time for one assignment, entered in the zone the form names; empty takes the extension back. */
export const extensionInput = z
  .object({
    classId: id,
    assignmentId: id,
    userId: id,
    dueAt: z.union([z.literal(''), localTime]),
    timeZone,
  })
  .transform(({ timeZone: zone, dueAt, ...rest }, ctx) => {
    if (dueAt === '') return { ...rest, dueAt: null };
    const read = localTimeToInstant(dueAt, zone);
    if (read.status === 'ok') return { ...rest, dueAt: read.at };
    ctx.addIssue({ code: 'custom', path: ['dueAt'], message: LOCAL_TIME_ERRORS[read.status] });
    return z.NEVER;
  });

/** An override: the new score as a percentage 0–100 and a reason. */
export const overrideInput = z.object({
  classId: id,
  attemptId: id,
  position: z.coerce.number({ error: 'invalid' }).int({ error: 'invalid' }).min(0, { error: 'invalid' }).max(1000, { error: 'invalid' }),
  percent: z
    .string({ error: 'percent' })
    .trim()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, { error: 'percent', abort: true })
    .transform(Number)
    .refine((n) => n <= 100, { error: 'percent' }),
  reason: z.string().trim().min(OVERRIDE_REASON.min, { error: 'reason' }).max(OVERRIDE_REASON.max, { error: 'reason' }),
});

export const regradeInput = z.object({ classId: id, assignmentId: id });

/** A roster import: pasted text, an uploaded CSV's text, or both (each up to the import limit). */
export const rosterInput = z.object({
  classId: id,
  emails: z.string().max(ROSTER_LIMITS.chars, { error: 'rosterTooLong' }),
  file: z.string().max(ROSTER_LIMITS.chars, { error: 'rosterTooLong' }),
});

/** Starts the instructor's preview of an assignment; `restart` ("1") discards the earlier ones first. */
export const previewInput = z.object({ classId: id, assignmentId: id, restart: z.enum(['0', '1'], { error: 'invalid' }).transform((r) => r === '1') });
