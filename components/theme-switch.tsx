'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { FormAction, FormState } from '@/lib/form-state';

export function ThemeSwitch({ current, setTheme }: { current: 'system' | 'light' | 'dark'; setTheme: FormAction }) {
  const t = useTranslations('nav');
  const [, action, pending] = useActionState<FormState, FormData>(setTheme, { status: 'idle' });
  const next = current === 'system' ? 'dark' : current === 'dark' ? 'light' : 'system';
  const label = { system: t('themeSystem'), light: t('themeLight'), dark: t('themeDark') }[current];
  return (
    <form action={action}>
      <button
        type="submit"
        name="theme"
        value={next}
        disabled={pending}
        className="rounded px-2 py-1 text-sm text-fg hover:bg-surface-2"
        data-testid="theme-switch"
      >
        {t('theme')}: {label}
      </button>
    </form>
  );
}
