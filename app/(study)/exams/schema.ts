import { z } from 'zod';
import { MOCK_LIMITS } from '@/lib/attempts/limits';
import { ALL_TOPICS } from '@/lib/drills/topics';

export const mockInput = z.object({
  topics: z.array(z.enum(ALL_TOPICS as unknown as [string, ...string[]])).min(1).max(ALL_TOPICS.length),
  count: z.coerce.number().int().min(MOCK_LIMITS.count.min).max(MOCK_LIMITS.count.max),
  minutes: z.coerce.number().int().min(MOCK_LIMITS.minutes.min).max(MOCK_LIMITS.minutes.max),
  /** Exam mode, a checkbox: "on" when ticked, absent (null) otherwise. */
  lockdown: z.literal('on').nullable().transform((v) => v === 'on'),
});

export const saveInput = z.object({
  attemptId: z.string().min(1).max(64),
  position: z.number().int().min(0).max(1000),
  response: z.unknown(),
  durationMs: z.number().int().min(0).max(24 * 3600 * 1000),
});

export const submitInput = z.object({ attemptId: z.string().min(1).max(64) });
