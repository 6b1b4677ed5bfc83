import { z } from 'zod';
import { MAX_SEED } from '@/lib/sim/rng';

export const checkAnswerInput = z.object({
  generator: z.string().min(1).max(64),
  version: z.number().int().min(1).max(1000),
  seed: z.number().int().min(0).max(MAX_SEED),
  tier: z.number().int().min(1).max(3),
  response: z.unknown(),
});

export const practiceSearch = z.object({
  tier: z.coerce.number().int().min(1).max(3).optional().catch(undefined),
  seed: z.coerce.number().int().min(0).max(MAX_SEED).optional().catch(undefined),
  v: z.coerce.number().int().min(1).optional().catch(undefined),
});
