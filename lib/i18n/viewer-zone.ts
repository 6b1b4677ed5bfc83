import 'server-only';
import { cookies } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { cache } from 'react';
import { currentSession } from '@/lib/auth/session';
import { savedTimeZone } from '@/lib/db/drills';
import { getLocale } from 'next-intl/server';
import { formatInZone, isValidTimeZone, TIME_ZONE_COOKIE } from './zoned-time';

/**
 * The zone this request's viewer reads times in: the zone saved in their settings, else the
 * zone their browser reports (a cookie it writes), else UTC. Once per request.
 */
export const viewerTimeZone = cache(async (): Promise<string> => {
  try {
    const session = await currentSession();
    const saved = session ? await savedTimeZone(session.user.id) : null;
    if (saved && isValidTimeZone(saved)) return saved;
  } catch (error) {
    unstable_rethrow(error);
    console.error('viewerTimeZone: could not read the saved zone', error);
  }
  const raw = (await cookies()).get(TIME_ZONE_COOKIE)?.value ?? '';
  let fromBrowser: string;
  try {
    fromBrowser = decodeURIComponent(raw);
  } catch {
    return 'UTC';
  }
  return fromBrowser && fromBrowser.length <= 64 && isValidTimeZone(fromBrowser) ? fromBrowser : 'UTC';
});

/** Formats instants for this request's viewer: their locale and zone, with the zone named. */
export async function viewerTimes(now: Date): Promise<(at: Date) => string> {
  const [zone, locale] = await Promise.all([viewerTimeZone(), getLocale()]);
  return (at) => formatInZone(at, locale, zone, now);
}
