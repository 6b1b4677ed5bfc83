'use client';

import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';

export function SignOutButton() {
  const t = useTranslations('nav');
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: '/' })}
      className="rounded px-2 py-1 text-sm text-fg hover:bg-surface-2"
      data-testid="sign-out"
    >
      {t('signOut')}
    </button>
  );
}
