import 'server-only';
import { currentLockdown } from '@/lib/attempts/lockdown';
import { sessionUserId } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { answerAndNext, type AnsweredReview } from '@/lib/drills/service';
import { currentLang } from '@/lib/i18n/current-lang';
import type { Lang } from '@/lib/questions/types';
import { answerInput } from './schema';

export type AnswerState = AnsweredReview | { status: 'locked'; message: string } | { status: 'unauthorized' } | { status: 'error' };

/** What an answer needs to know of its request: who sent it, when, in which language, and whether an exam locks them out. */
export interface AnswerContext {
  userId(): Promise<string | null>;
  now(): Promise<Date>;
  lang(): Promise<Lang>;
  /** The lockdown notice's message for the signed-in user, or null when no exam locks them. */
  lockdown(): Promise<{ message: string } | null>;
}

/** The context of the request being handled by Next (its cookies and headers through next/headers). */
export const nextRequestContext: AnswerContext = { userId: sessionUserId, now, lang: currentLang, lockdown: currentLockdown };

/**
 * Grades and records a review for the signed-in user of the request at once (so closing the tab
 * loses nothing), and says what comes next. POST /api/drill/answer is the only caller
 * (app/api/drill/answer/endpoint.ts): the answer is the hottest request of the app.
 */
export async function answerFor(input: unknown, context: AnswerContext = nextRequestContext): Promise<AnswerState> {
  const userId = await context.userId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = answerInput.safeParse(input);
  if (!parsed.success) return { status: 'invalid', reason: 'request' };
  try {
    const lockdown = await context.lockdown();
    if (lockdown) return { status: 'locked', message: lockdown.message };
    return await answerAndNext(userId, parsed.data, await context.now(), await context.lang());
  } catch (error) {
    console.error('answer failed', error);
    return { status: 'error' };
  }
}
