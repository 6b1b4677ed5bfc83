'use server';

import { redirect } from 'next/navigation';
import type { SaveActionState, SubmitActionState } from '@/lib/attempts/action-state';
import { saveAnswer, startMockExam, submitAttempt } from '@/lib/attempts/service';
import { sessionUserId } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { currentLang } from '@/lib/i18n/current-lang';
import type { TopicId } from '@/lib/questions/types';
import { isFormData } from '@/lib/http/form-data';
import { mockInput, saveInput, submitInput } from './schema';

export type MockFormState = { status: 'idle' } | { status: 'invalid' } | { status: 'unauthorized' } | { status: 'error' };

export async function startMock(_prev: MockFormState, formData: FormData): Promise<MockFormState> {
  if (!isFormData(formData)) return { status: 'invalid' };
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = mockInput.safeParse({ topics: formData.getAll('topic'), count: formData.get('count'), minutes: formData.get('minutes'), lockdown: formData.get('lockdown') });
  if (!parsed.success) return { status: 'invalid' };
  let attemptId: string;
  try {
    const result = await startMockExam(userId, { ...parsed.data, topics: parsed.data.topics as TopicId[] }, await now());
    if (result.status !== 'started') return { status: 'invalid' };
    attemptId = result.attemptId;
  } catch (error) {
    console.error('startMock failed', error);
    return { status: 'error' };
  }
  redirect(`/exams/${attemptId}`);
}

/** Grades and stores one answer of an attempt as it is given. */
export async function saveAttemptAnswer(input: unknown): Promise<SaveActionState> {
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = saveInput.safeParse(input);
  if (!parsed.success) return { status: 'invalid' };
  try {
    const lang = await currentLang();
    const { attemptId, position, response, durationMs } = parsed.data;
    return await saveAnswer(userId, attemptId, position, response, durationMs, await now(), lang);
  } catch (error) {
    console.error('saveAttemptAnswer failed', error);
    return { status: 'error' };
  }
}

export async function submitAttemptAction(input: unknown): Promise<SubmitActionState> {
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = submitInput.safeParse(input);
  if (!parsed.success) return { status: 'invalid' };
  try {
    return await submitAttempt(userId, parsed.data.attemptId, await now());
  } catch (error) {
    console.error('submitAttemptAction failed', error);
    return { status: 'error' };
  }
}
