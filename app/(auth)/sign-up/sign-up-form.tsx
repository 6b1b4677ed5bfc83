'use client';

import Link from 'next/link';
import { signIn } from 'next-auth/react';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { signUp } from './actions';

type Errors = Record<string, string>;

export function SignUpForm() {
  const t = useTranslations('auth');
  const format = useFormatter();
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const [formMessage, setFormMessage] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setErrors({});
    setFormMessage(null);
    try {
      const result = await signUp(data);
      if (result.status === 'invalid') {
        setErrors(result.errors);
      } else if (result.status === 'throttled') {
        const time = format.dateTime(new Date(result.retryAt), { hour: '2-digit', minute: '2-digit' });
        setFormMessage(t('errors.signUpThrottled', { time }));
      } else if (result.status === 'busy') {
        setFormMessage(t('errors.busy'));
      } else if (result.status === 'error') {
        setErrors({ form: 'unexpected' });
      } else {
        setDone(true);
        const login = await signIn('credentials', { email: data.get('email'), password: data.get('password'), redirect: false });
        if (login && !login.error) {
          router.replace('/home');
          router.refresh();
          return;
        }
        router.replace('/sign-in');
        return;
      }
    } catch {
      setErrors({ form: 'unexpected' });
    }
    setPending(false);
  }

  const error = (field: string) =>
    errors[field] ? (
      <p id={`${field}-error`} className="field-error" data-testid={`error-${field}`}>
        {t(`errors.${errors[field]}` as 'errors.unexpected')}
      </p>
    ) : null;
  const described = (field: string) => (errors[field] ? `${field}-error` : undefined);

  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-4" data-testid="sign-up-form">
      <div>
        <label htmlFor="name" className="mb-1 block font-medium">
          {t('name')}
        </label>
        <input id="name" name="name" autoComplete="nickname" required maxLength={80} className="field-input" aria-invalid={!!errors.name} aria-describedby={described('name')} />
        {error('name')}
      </div>
      <div>
        <label htmlFor="email" className="mb-1 block font-medium">
          {t('email')}
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required className="field-input" aria-invalid={!!errors.email} aria-describedby={described('email')} />
        {error('email')}
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block font-medium">
          {t('password')}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          className="field-input"
          aria-invalid={!!errors.password}
          aria-describedby={errors.password ? 'password-error' : 'password-hint'}
        />
        <p id="password-hint" className="mt-1 text-sm text-muted">
          {t('passwordHint')}
        </p>
        {error('password')}
      </div>
      <fieldset>
        <legend className="mb-1 font-medium">{t('role')}</legend>
        <div className="flex gap-4">
          <label className="flex items-center gap-2">
            <input type="radio" name="role" value="STUDENT" defaultChecked /> {t('student')}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="role" value="INSTRUCTOR" data-testid="role-instructor" /> {t('instructor')}
          </label>
        </div>
        {error('role')}
      </fieldset>
      {error('form')}
      {formMessage && (
        <p className="field-error" data-testid="error-form" role="status">
          {formMessage}
        </p>
      )}
      {done && <p role="status">{t('signedUp')}</p>}
      <button type="submit" className="btn-primary w-full" disabled={pending} data-testid="submit">
        {pending ? t('working') : t('submitSignUp')}
      </button>
      <p className="text-sm text-muted">
        {t('haveAccount')}{' '}
        <Link href="/sign-in" className="text-accent underline">
          {t('signInInstead')}
        </Link>
      </p>
    </form>
  );
}
