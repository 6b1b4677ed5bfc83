import { z } from 'zod';
import { isValidTimeZone } from '@/lib/srs/day';

/** Error values are message keys under settings.errors. */
export const settingsInput = z.object({
  desiredRetention: z.coerce.number({ error: 'retention' }).min(0.7, { error: 'retention' }).max(0.97, { error: 'retention' }),
  newPerDay: z.coerce.number({ error: 'newPerDay' }).int({ error: 'newPerDay' }).min(0, { error: 'newPerDay' }).max(100, { error: 'newPerDay' }),
  reviewsPerDay: z.coerce.number({ error: 'reviewsPerDay' }).int({ error: 'reviewsPerDay' }).min(0, { error: 'reviewsPerDay' }).max(2000, { error: 'reviewsPerDay' }),
  timeZone: z.string().max(64).refine(isValidTimeZone, { error: 'timeZone' }),
  examDate: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: 'examDate' })
    .transform((s) => (s ? new Date(`${s}T00:00:00Z`) : null))
    .refine((d) => d === null || !Number.isNaN(d.getTime()), { error: 'examDate' }),
});
