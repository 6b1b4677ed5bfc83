'use server';

import { redirect } from 'next/navigation';
import { startAttempt } from '@/lib/attempts/service';
import { sessionUserId } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { isFormData } from '@/lib/http/form-data';
import { startInput } from './schema';

export type StartFormState =
  | { status: 'idle' }
  | { status: 'not-open' | 'closed' | 'no-attempts-left' | 'empty' | 'not-found' }
  | { status: 'invalid' }
  | { status: 'unauthorized' }
  | { status: 'error' };

/** Starts (or resumes) the student's attempt, then shows the assignment page with it. */
export async function startAssignmentAttempt(_prev: StartFormState, formData: FormData): Promise<StartFormState> {
  if (!isFormData(formData)) return { status: 'invalid' };
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = startInput.safeParse({ assignmentId: formData.get('assignmentId') });
  if (!parsed.success) return { status: 'invalid' };
  let result;
  try {
    result = await startAttempt(userId, parsed.data.assignmentId, await now());
  } catch (error) {
    console.error('startAssignmentAttempt failed', error);
    return { status: 'error' };
  }
  if (result.status !== 'started') return { status: result.status };
  redirect(`/assignments/${encodeURIComponent(parsed.data.assignmentId)}`);
}
