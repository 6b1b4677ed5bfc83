'use client';

import Link from 'next/link';
import { signIn } from 'next-auth/react';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import '@/components/strict-csp-zod';
import { signInSchema } from '@/lib/auth/schema';

type Problem = { field?: 'email'; message: string } | null;

export function SignInForm({ callbackPath }: { callbackPath: string }) {
  const t = useTranslations('auth');
  const format = useFormatter();
  const router = useRouter();
  const [problem, setProblem] = useState<Problem>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: data.get('email') ?? '', password: data.get('password') ?? '' });
    if (!parsed.success) {
      const emailBad = parsed.error.issues.some((i) => i.path[0] === 'email');
      setProblem(emailBad ? { field: 'email', message: t('errors.emailInvalid') } : { message: t('errors.invalidCredentials') });
      return;
    }
    setPending(true);
    setProblem(null);
    try {
      const result = await signIn('credentials', { ...parsed.data, redirect: false });
      if (!result || result.error) {
        const error = result?.error ?? '';
        if (error.startsWith('throttled:')) {
          const retryAt = new Date(error.slice('throttled:'.length));
          setProblem({ message: t('errors.throttled', { time: format.dateTime(retryAt, { hour: '2-digit', minute: '2-digit' }) }) });
        } else if (error === 'busy') {
          setProblem({ message: t('errors.busy') });
        } else if (error === 'invalid-credentials' || error === 'CredentialsSignin') {
          setProblem({ message: t('errors.invalidCredentials') });
        } else {
          setProblem({ message: t('errors.unexpected') });
        }
        setPending(false);
        return;
      }
      router.replace(callbackPath);
      router.refresh();
    } catch {
      setProblem({ message: t('errors.unexpected') });
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-4" data-testid="sign-in-form">
      <div>
        <label htmlFor="email" className="mb-1 block font-medium">
          {t('email')}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          className="field-input"
          aria-invalid={problem?.field === 'email'}
          aria-describedby={problem?.field === 'email' ? 'email-error' : undefined}
        />
        {problem?.field === 'email' && (
          <p id="email-error" className="field-error" data-testid="error-email">
            {problem.message}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block font-medium">
          {t('password')}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="field-input" />
      </div>
      {problem && !problem.field && (
        <p className="field-error" data-testid="error-form" role="status">
          {problem.message}
        </p>
      )}
      <button type="submit" className="btn-primary w-full" disabled={pending} data-testid="submit">
        {pending ? t('working') : t('submitSignIn')}
      </button>
      <p className="text-sm text-muted">
        {t('noAccount')}{' '}
        <Link href="/sign-up" className="text-accent underline">
          {t('createOne')}
        </Link>
      </p>
    </form>
  );
}
