'use client';

import { useTranslations } from 'next-intl';

/** Signs out through next-auth's client, loaded on click: every page shows the button, few press it. */
export function SignOutButton() {
  const t = useTranslations('nav');
  return (
    <button
      type="button"
      onClick={() => void import('next-auth/react').then(({ signOut }) => signOut({ callbackUrl: '/' }))}
      className="rounded px-2 py-1 text-sm text-fg hover:bg-surface-2"
      data-testid="sign-out"
    >
      {t('signOut')}
    </button>
  );
}
