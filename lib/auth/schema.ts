import { z } from 'zod';
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from './limits';

/** Error codes are message keys under `auth.errors` in messages/*.json. */
export const signUpSchema = z.object({
  name: z.string().trim().min(1, { error: 'nameRequired' }).max(80, { error: 'nameTooLong' }),
  email: z
    .string()
    .trim()
    .max(254, { error: 'emailInvalid' })
    .pipe(z.email({ error: 'emailInvalid' }))
    .transform((e) => e.toLowerCase()),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { error: 'passwordTooShort' })
    .refine((p) => new TextEncoder().encode(p).length <= MAX_PASSWORD_BYTES, { error: 'passwordTooLong' }),
  role: z.enum(['STUDENT', 'INSTRUCTOR'], { error: 'roleRequired' }),
  locale: z.enum(['en', 'ko']).catch('en'),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email()).transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(1024),
});

/** Field → first error code, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}
