import { z } from 'zod';
import { MAX_IMPORT_BYTES } from './import-limit';

/** The import form; the file itself is checked by lib/stats/progress-file.ts. */
export const importFormInput = z.object({
  file: z
    .instanceof(File, { error: 'no-file' })
    .refine((f) => f.size > 0, { error: 'no-file' })
    .refine((f) => f.size <= MAX_IMPORT_BYTES, { error: 'too-large' }),
  confirm: z.literal('on', { error: 'confirm' }),
});
