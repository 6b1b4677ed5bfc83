import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import { sessionUserId } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { getDrillSettings } from '@/lib/db/drills';
import { examLockdown } from './service';

/** What a locked-out student is told, ready to show: the message names the end time in their own zone. */
export interface LockdownNotice {
  title: string;
  message: string;
  back: string;
  href: string;
  until: string;
}

function clockTime(at: Date, locale: string, timeZone: string): string {
  const format = (zone: string) => new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(at);
  try {
    return format(timeZone);
  } catch {
    return format('UTC');
  }
}

/**
 * Exam mode for the signed-in user of this request, or null (signed out, or no locking exam
 * running). Practice pages, the practice grader and drill reviews call this first.
 */
export async function currentLockdown(): Promise<LockdownNotice | null> {
  const userId = await sessionUserId();
  if (!userId) return null;
  const lockdown = await examLockdown(userId, await now());
  if (!lockdown) return null;
  const [{ timeZone }, locale, t] = await Promise.all([getDrillSettings(userId), getLocale(), getTranslations('exams.lockdown')]);
  const time = clockTime(lockdown.until, locale, timeZone);
  return { title: t('title'), message: t('message', { time }), back: t('back'), href: lockdown.href, until: lockdown.until.toISOString() };
}
