import { z } from 'zod';
import { ALL_TOPICS } from '@/lib/drills/topics';
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
