'use server';

import { getLocale } from 'next-intl/server';
import { headers } from 'next/headers';
import { clientAddress } from '@/lib/auth/client-address';
import { hashPassword, PasswordBusyError, passwordQueueHasRoom } from '@/lib/auth/password';
import { fieldErrors, signUpSchema } from '@/lib/auth/schema';
import { admitSignUp, withdrawSignUp } from '@/lib/db/auth-limits';
import { prisma } from '@/lib/db/client';
import { createUser } from '@/lib/db/users';
import { isFormData } from '@/lib/http/form-data';

export type SignUpState =
  | { status: 'ok' }
  | { status: 'invalid'; errors: Record<string, string> }
  | { status: 'throttled'; retryAt: string }
  | { status: 'busy' }
  | { status: 'error' };

/**
 * Creates an account (the caller signs in afterwards). Error values are message keys. Each
 * client address may create a few accounts per window (lib/auth/throttle.ts SIGN_UP_LIMITS);
 * invalid input is answered before anything is counted or stored.
 */
export async function signUp(formData: FormData): Promise<SignUpState> {
  if (!isFormData(formData)) return { status: 'invalid', errors: { form: 'unexpected' } };
  const parsed = signUpSchema.safeParse({
    name: formData.get('name') ?? '',
    email: formData.get('email') ?? '',
    password: formData.get('password') ?? '',
    role: formData.get('role') ?? undefined,
    locale: await getLocale(),
  });
  if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
  try {
    if (!passwordQueueHasRoom()) return { status: 'busy' };
    const admission = await admitSignUp(prisma, { client: clientAddress(await headers()), now: new Date() });
    if (!admission.admitted) return { status: 'throttled', retryAt: admission.retryAt.toISOString() };
    const { password, ...profile } = parsed.data;
    let passwordHash: string;
    try {
      passwordHash = await hashPassword(password);
    } catch (error) {
      await withdrawSignUp(prisma, admission.attemptId);
      if (error instanceof PasswordBusyError) return { status: 'busy' };
      throw error;
    }
    const user = await createUser({ ...profile, passwordHash });
    if (!user) return { status: 'invalid', errors: { email: 'emailTaken' } };
    return { status: 'ok' };
  } catch (error) {
    console.error('signUp failed', error);
    return { status: 'error' };
  }
}
