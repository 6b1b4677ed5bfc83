'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { setTheme, type PreferenceState } from '@/app/actions/preferences';

export function ThemeSwitch({ current }: { current: 'system' | 'light' | 'dark' }) {
  const t = useTranslations('nav');
  const [, action, pending] = useActionState<PreferenceState, FormData>(setTheme, { status: 'idle' });
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
