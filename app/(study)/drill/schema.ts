import { z } from 'zod';
import { ALL_TOPICS } from '@/lib/drills/topics';
import { DEFAULT_PRACTICE_SIZE, MAX_PRACTICE_CHOICES, PRACTICE_SIZES } from '@/lib/drills/practice-policy';
import { SKILL_CHANGES } from '@/lib/drills/skill-changes';

export const topicsInput = z.object({
  topics: z.array(z.enum(ALL_TOPICS as unknown as [string, ...string[]])).min(1).max(ALL_TOPICS.length),
});

export const answerInput = z.object({
  cardId: z.string().min(1).max(64),
  reviewIndex: z.number().int().min(0).max(1_000_000),
  response: z.unknown(),
  durationMs: z.number().int().min(0).max(24 * 3600 * 1000),
});

export const rateInput = z.object({
  logId: z.string().min(1).max(64),
  rating: z.union([z.literal(2), z.literal(3), z.literal(4)]),
});

export const skillChangeInput = z.object({
  cardId: z.string().min(1).max(64),
  change: z.enum(SKILL_CHANGES),
});

const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** /drill/practice's search params: what to practise, how many questions, since when (ms; set by the page). */
export const practiceParams = z
  .object({
    topic: z.preprocess(list, z.array(z.enum(ALL_TOPICS as unknown as [string, ...string[]])).max(ALL_TOPICS.length)),
    skill: z.preprocess(list, z.array(z.string().regex(/^[a-z0-9-]{1,64}$/)).max(MAX_PRACTICE_CHOICES)),
    count: z.coerce.number().int().min(1).max(Math.max(...PRACTICE_SIZES)).default(DEFAULT_PRACTICE_SIZE),
    since: z.coerce.number().int().min(0).max(8.64e15).optional(),
  })
  .refine((p) => p.topic.length + p.skill.length > 0, { message: 'pick' });

export const practiceAnswerInput = z.object({
  cardId: z.string().min(1).max(64),
  practiceIndex: z.number().int().min(0).max(1_000_000),
  response: z.unknown(),
  durationMs: z.number().int().min(0).max(24 * 3600 * 1000),
});
