import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/auth/session';
import { SignUpForm } from './sign-up-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signUpTitle') };
}

export default async function SignUpPage() {
  if (await currentSession()) redirect('/home');
  const t = await getTranslations('auth');
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-2xl font-bold">{t('signUpTitle')}</h1>
      <SignUpForm />
    </div>
  );
}
