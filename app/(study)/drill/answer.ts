import 'server-only';
import { currentLockdown } from '@/lib/attempts/lockdown';
import { sessionUserId } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { answerAndNext, type AnsweredReview } from '@/lib/drills/service';
import { currentLang } from '@/lib/i18n/current-lang';
import { answerInput } from './schema';

export type AnswerState = AnsweredReview | { status: 'locked'; message: string } | { status: 'unauthorized' } | { status: 'error' };

/**
 * Grades and records a review for the signed-in user of this request at once (so closing the tab
 * loses nothing), and says what comes next. POST /api/drill/answer (app/api/drill/answer/route.ts)
 * is the only caller: the answer is the hottest request of the app, and a route handler spares it
 * the server-action pipeline and the proxy (`npm run bench -- http`).
 */
export async function answerForSession(input: unknown): Promise<AnswerState> {
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = answerInput.safeParse(input);
  if (!parsed.success) return { status: 'invalid', reason: 'request' };
  try {
    const lockdown = await currentLockdown();
    if (lockdown) return { status: 'locked', message: lockdown.message };
    return await answerAndNext(userId, parsed.data, await now(), await currentLang());
  } catch (error) {
    console.error('answer failed', error);
    return { status: 'error' };
  }
}
