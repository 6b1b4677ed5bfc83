'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { LOCALES } from '@/i18n/locales';
import type { FormAction, FormState } from '@/lib/form-state';

export function LanguageSwitch({ setLocale }: { setLocale: FormAction }) {
  const t = useTranslations('language');
  const current = useLocale();
  const [, action, pending] = useActionState<FormState, FormData>(setLocale, { status: 'idle' });
  return (
    <form action={action} className="flex items-center gap-1" aria-label={t('switch')} data-testid="language-switch">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          disabled={pending}
          aria-pressed={current === locale}
          data-testid={`language-${locale}`}
          className={`rounded px-2 py-1 text-sm ${current === locale ? 'bg-accent text-on-accent' : 'text-fg hover:bg-surface-2'}`}
        >
          {t(locale)}
        </button>
      ))}
    </form>
  );
}
