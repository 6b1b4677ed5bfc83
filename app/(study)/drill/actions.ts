'use server';

import { revalidatePath } from 'next/cache';
import { currentLockdown } from '@/lib/attempts/lockdown';
import { sessionUserId } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { removeDeckTopic } from '@/lib/db/drills';
import { answerPractice, type PracticeOutcome } from '@/lib/drills/practice';
import { addTopicsToDeck, rateReview, undoReview } from '@/lib/drills/service';
import { changeSkill } from '@/lib/drills/skills';
import { currentLang } from '@/lib/i18n/current-lang';
import type { TopicId } from '@/lib/questions/types';
import { isFormData } from '@/lib/http/form-data';
import { practiceAnswerInput, rateInput, skillChangeInput, topicsInput } from './schema';
import type { FormState } from '@/lib/form-state';


export async function addTopics(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!isFormData(formData)) return { status: 'invalid' };
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = topicsInput.safeParse({ topics: formData.getAll('topic') });
  if (!parsed.success) return { status: 'invalid' };
  try {
    await addTopicsToDeck(userId, parsed.data.topics as TopicId[], await now());
  } catch (error) {
    console.error('addTopics failed', error);
    return { status: 'error' };
  }
  revalidatePath('/drill');
  return { status: 'ok' };
}

export async function removeTopic(_prev: FormState, formData: FormData): Promise<FormState> {
  if (!isFormData(formData)) return { status: 'invalid' };
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = topicsInput.safeParse({ topics: formData.getAll('topic') });
  if (!parsed.success || parsed.data.topics.length !== 1) return { status: 'invalid' };
  try {
    await removeDeckTopic(userId, parsed.data.topics[0] as string);
  } catch (error) {
    console.error('removeTopic failed', error);
    return { status: 'error' };
  }
  revalidatePath('/drill');
  return { status: 'ok' };
}

export type RateState = { status: 'ok' } | { status: 'refused' } | { status: 'invalid' } | { status: 'unauthorized' } | { status: 'error' };

export async function submitRating(input: unknown): Promise<RateState> {
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = rateInput.safeParse(input);
  if (!parsed.success) return { status: 'invalid' };
  try {
    return { status: await rateReview(userId, parsed.data.logId, parsed.data.rating) };
  } catch (error) {
    console.error('submitRating failed', error);
    return { status: 'error' };
  }
}

export type UndoState = { status: 'ok'; cardId: string } | { status: 'nothing' } | { status: 'unauthorized' } | { status: 'error' };

export async function undoLast(): Promise<UndoState> {
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  try {
    const undone = await undoReview(userId, await now());
    revalidatePath('/drill');
    return undone ? { status: 'ok', cardId: undone.cardId } : { status: 'nothing' };
  } catch (error) {
    console.error('undoLast failed', error);
    return { status: 'error' };
  }
}

export type SkillChangeState = { status: 'idle' } | { status: 'ok' } | { status: 'not-found' } | { status: 'invalid' } | { status: 'unauthorized' } | { status: 'error' };

/** The skill browser: suspend, unsuspend, bury until tomorrow or reset one of the caller's cards. */
export async function changeSkillState(_prev: SkillChangeState, formData: FormData): Promise<SkillChangeState> {
  if (!isFormData(formData)) return { status: 'invalid' };
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = skillChangeInput.safeParse({ cardId: formData.get('cardId'), change: formData.get('change') });
  if (!parsed.success) return { status: 'invalid' };
  try {
    const outcome = await changeSkill(userId, parsed.data.cardId, parsed.data.change, await now());
    if (outcome === 'ok') {
      revalidatePath('/drill');
      revalidatePath('/drill/skills');
    }
    return { status: outcome };
  } catch (error) {
    console.error('changeSkillState failed', error);
    return { status: 'error' };
  }
}

export type PracticeAnswerState = PracticeOutcome | { status: 'locked'; message: string } | { status: 'unauthorized' } | { status: 'error' };

/** Grades and records an extra-practice answer; no card is rescheduled. */
export async function submitPractice(input: unknown): Promise<PracticeAnswerState> {
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = practiceAnswerInput.safeParse(input);
  if (!parsed.success) return { status: 'invalid', reason: 'request' };
  try {
    const lockdown = await currentLockdown();
    if (lockdown) return { status: 'locked', message: lockdown.message };
    return await answerPractice(userId, parsed.data, await now(), await currentLang());
  } catch (error) {
    console.error('submitPractice failed', error);
    return { status: 'error' };
  }
}
