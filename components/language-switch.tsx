import { getLocale, getTranslations } from 'next-intl/server';
import { LOCALES } from '@/i18n/locales';
import { plainFormAction, type FormAction } from '@/lib/form-state';

/**
 * The language buttons, rendered on the server: a plain form posting to the action (it works
 * before hydration and ships no JavaScript of its own); the action re-renders the layout.
 */
export async function LanguageSwitch({ setLocale }: { setLocale: FormAction }) {
  const t = await getTranslations('language');
  const current = await getLocale();
  return (
    <form action={plainFormAction(setLocale)} className="flex items-center gap-1" aria-label={t('switch')} data-testid="language-switch">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
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
