/**
 * The server's environment, validated once. A missing or malformed variable is a clear
 * error naming it, raised at start-up rather than deep inside a request.
 */
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is missing: set it to a SQLite URL such as file:./data/lockstep.db or a postgresql:// URL' })
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)/i, {
      error: 'DATABASE_URL must be a SQLite URL starting with "file:" (e.g. file:./data/lockstep.db) or a PostgreSQL URL (postgresql://user@host:5432/lockstep)',
    }),
  NEXTAUTH_SECRET: z
    .string({ error: 'NEXTAUTH_SECRET is missing: run `npm start` once to generate .env.local, or set it yourself' })
    .min(32, { error: 'NEXTAUTH_SECRET must be at least 32 characters long' }),
  NEXTAUTH_URL: z.url({ error: 'NEXTAUTH_URL must be a full URL such as http://127.0.0.1:3000' }).optional(),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
    this.name = 'EnvError';
  }
}

/** Validates an environment object; throws an EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse({
    DATABASE_URL: source.DATABASE_URL,
    NEXTAUTH_SECRET: source.NEXTAUTH_SECRET,
    NEXTAUTH_URL: source.NEXTAUTH_URL || undefined,
  });
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated process environment (validated on first use, then cached). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
