import { describe, expect, it } from 'vitest';
import { fieldErrors, signUpSchema } from '@/lib/auth/schema';

const valid = { name: 'Ada', email: 'Ada@Example.COM ', password: 'long enough pw', role: 'STUDENT', locale: 'ko' };

function errorsOf(input: Record<string, unknown>) {
  const result = signUpSchema.safeParse(input);
  return result.success ? {} : fieldErrors(result.error);
}

describe('sign-up validation', () => {
  it('accepts a valid form and stores the email lower-case', () => {
    const result = signUpSchema.parse(valid);
    expect(result.email).toBe('ada@example.com');
    expect(result.locale).toBe('ko');
  });

  it('gives one message key per bad field', () => {
    expect(errorsOf({ ...valid, email: 'nope' })).toEqual({ email: 'emailInvalid' });
    expect(errorsOf({ ...valid, password: '123456789' })).toEqual({ password: 'passwordTooShort' });
    expect(errorsOf({ ...valid, name: '   ' })).toEqual({ name: 'nameRequired' });
    expect(errorsOf({ ...valid, role: 'ADMIN' })).toEqual({ role: 'roleRequired' });
    expect(errorsOf({ ...valid, password: '가'.repeat(30) })).toEqual({ password: 'passwordTooLong' });
  });

  it('accepts a 10-character password, exactly at the limit', () => {
    expect(errorsOf({ ...valid, password: '0123456789' })).toEqual({});
  });

  it('falls back to English for an unknown locale rather than failing', () => {
    expect(signUpSchema.parse({ ...valid, locale: 'fr' }).locale).toBe('en');
  });
});
