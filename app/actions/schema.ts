import { z } from 'zod';
import { LOCALES } from '@/i18n/locales';
import { THEMES } from '@/lib/theme';

export const localeInput = z.object({ locale: z.enum(LOCALES) });
export const themeInput = z.object({ theme: z.enum(THEMES) });
