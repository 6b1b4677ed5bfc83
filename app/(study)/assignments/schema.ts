import { z } from 'zod';

export const startInput = z.object({ assignmentId: z.string().min(1).max(64) });
