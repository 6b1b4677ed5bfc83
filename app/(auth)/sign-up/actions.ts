'use server';

import { getLocale } from 'next-intl/server';
import { hashPassword } from '@/lib/auth/password';
import { fieldErrors, signUpSchema } from '@/lib/auth/schema';
import { createUser } from '@/lib/db/users';
import { isFormData } from '@/lib/http/form-data';

export type SignUpState =
  | { status: 'ok' }
  | { status: 'invalid'; errors: Record<string, string> }
  | { status: 'error' };

/** Creates an account (the caller signs in afterwards). Error values are message keys. */
export async function signUp(formData: FormData): Promise<SignUpState> {
  if (!isFormData(formData)) return { status: 'invalid', errors: { form: 'request' } };
  const parsed = signUpSchema.safeParse({
    name: formData.get('name') ?? '',
    email: formData.get('email') ?? '',
    password: formData.get('password') ?? '',
    role: formData.get('role') ?? undefined,
    locale: await getLocale(),
  });
  if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
  try {
    const { password, ...profile } = parsed.data;
    const user = await createUser({ ...profile, passwordHash: await hashPassword(password) });
    if (!user) return { status: 'invalid', errors: { email: 'emailTaken' } };
    return { status: 'ok' };
  } catch (error) {
    console.error('signUp failed', error);
    return { status: 'error' };
  }
}
