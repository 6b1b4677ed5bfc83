import 'server-only';
import { createTranslator } from 'next-intl';
import { getLocale } from 'next-intl/server';
import type { AppLocale } from '@/i18n/locales';
import { messagesOf } from '@/i18n/messages';
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
  return lockdownNoticeFor(userId, await now(), (await getLocale()) as AppLocale);
}

/** The part of the messages the notice reads (messages/exams/<locale>.json). */
type LockdownMessages = { exams: { lockdown: { title: string; message: string; back: string } } };

/**
 * Exam mode for `userId` at `at`, its notice in `locale`, or null when no locking exam runs:
 * currentLockdown's work, for a request served outside Next's request scope too (the drill
 * answer's own handler), with a translator made from the same message files.
 */
export async function lockdownNoticeFor(userId: string, at: Date, locale: AppLocale): Promise<LockdownNotice | null> {
  const lockdown = await examLockdown(userId, at);
  if (!lockdown) return null;
  const [{ timeZone }, messages] = await Promise.all([getDrillSettings(userId), messagesOf(locale)]);
  const t = createTranslator({ locale, messages: messages as LockdownMessages, namespace: 'exams.lockdown' });
  const time = clockTime(lockdown.until, locale, timeZone);
  return { title: t('title'), message: t('message', { time }), back: t('back'), href: lockdown.href, until: lockdown.until.toISOString() };
}
