import { getTranslations } from 'next-intl/server';
import { plainFormAction, type FormAction } from '@/lib/form-state';

/** The theme button (system → dark → light), rendered on the server like the language switch. */
export async function ThemeSwitch({ current, setTheme }: { current: 'system' | 'light' | 'dark'; setTheme: FormAction }) {
  const t = await getTranslations('nav');
  const next = current === 'system' ? 'dark' : current === 'dark' ? 'light' : 'system';
  const label = { system: t('themeSystem'), light: t('themeLight'), dark: t('themeDark') }[current];
  return (
    <form action={plainFormAction(setTheme)}>
      <button type="submit" name="theme" value={next} className="rounded px-2 py-1 text-sm text-fg hover:bg-surface-2" data-testid="theme-switch">
        {t('theme')}: {label}
      </button>
    </form>
  );
}
