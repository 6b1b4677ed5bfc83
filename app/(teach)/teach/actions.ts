'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { fieldErrors } from '@/lib/auth/schema';
import { removeStudentFromClass, rescheduleForClass } from '@/lib/attempts/service';
import { currentSession } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { createAssignment } from '@/lib/db/assignments';
import { createClass, regenerateJoinCode } from '@/lib/db/classes';
import { createSet, updateSet } from '@/lib/db/question-sets';
import { isFormData } from '@/lib/http/form-data';
import { assignmentInput, classInput, classRef, memberRef, rescheduleInput, setInput } from './schema';

export type TeachState = { status: 'idle' } | { status: 'ok' } | { status: 'invalid'; errors: Record<string, string> } | { status: 'forbidden' } | { status: 'error' };

/** Server actions check the role themselves: a student's crafted request changes nothing. */
async function instructorId(): Promise<string | null> {
  const session = await currentSession();
  return session?.user.role === 'INSTRUCTOR' ? session.user.id : null;
}

async function guarded(work: (id: string) => Promise<TeachState>): Promise<TeachState> {
  const id = await instructorId();
  if (!id) return { status: 'forbidden' };
  try {
    return await work(id);
  } catch (error) {
    console.error('teach action failed', error);
    return { status: 'error' };
  }
}

export async function createClassAction(_prev: TeachState, formData: FormData): Promise<TeachState> {
  if (!isFormData(formData)) return { status: 'invalid', errors: { form: 'request' } };
  return guarded(async (id) => {
    const parsed = classInput.safeParse({ name: formData.get('name') ?? '' });
    if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
    await createClass(id, parsed.data.name);
    revalidatePath('/teach');
    return { status: 'ok' };
  });
}

export async function regenerateCodeAction(_prev: TeachState, formData: FormData): Promise<TeachState> {
  if (!isFormData(formData)) return { status: 'invalid', errors: { form: 'request' } };
  return guarded(async (id) => {
    const parsed = classRef.safeParse({ classId: formData.get('classId') });
    if (!parsed.success || !(await regenerateJoinCode(id, parsed.data.classId))) return { status: 'invalid', errors: {} };
    revalidatePath(`/teach/classes/${parsed.data.classId}`);
    return { status: 'ok' };
  });
}

export async function removeStudentAction(_prev: TeachState, formData: FormData): Promise<TeachState> {
  if (!isFormData(formData)) return { status: 'invalid', errors: { form: 'request' } };
  return guarded(async (id) => {
    const parsed = memberRef.safeParse({ classId: formData.get('classId'), userId: formData.get('userId') });
    if (!parsed.success || !(await removeStudentFromClass(id, parsed.data.classId, parsed.data.userId, await now()))) return { status: 'invalid', errors: {} };
    revalidatePath(`/teach/classes/${parsed.data.classId}`);
    return { status: 'ok' };
  });
}

function parseItems(raw: FormDataEntryValue | null): unknown {
  try {
    return JSON.parse(typeof raw === 'string' ? raw : '[]');
  } catch {
    return null;
  }
}

export async function saveSetAction(_prev: TeachState, formData: FormData): Promise<TeachState> {
  if (!isFormData(formData)) return { status: 'invalid', errors: { form: 'request' } };
  const id = await instructorId();
  if (!id) return { status: 'forbidden' };
  const parsed = setInput.safeParse({ name: formData.get('name') ?? '', items: parseItems(formData.get('items')) });
  if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
  const setId = formData.get('setId');
  let target: string;
  try {
    if (typeof setId === 'string' && setId) {
      if (!(await updateSet(id, setId, parsed.data.name, parsed.data.items))) return { status: 'invalid', errors: { form: 'notFound' } };
      target = setId;
    } else {
      target = (await createSet(id, parsed.data.name, parsed.data.items)).id;
    }
  } catch (error) {
    console.error('saveSet failed', error);
    return { status: 'error' };
  }
  revalidatePath('/teach/sets');
  redirect(`/teach/sets/${target}?saved=1`);
}

export async function createAssignmentAction(_prev: TeachState, formData: FormData): Promise<TeachState> {
  if (!isFormData(formData)) return { status: 'invalid', errors: { form: 'request' } };
  return guarded(async (id) => {
    const parsed = assignmentInput.safeParse(Object.fromEntries(['classId', 'setId', 'title', 'kind', 'opensAt', 'dueAt', 'timeZone', 'attemptsAllowed', 'seedPolicy', 'showAnswers', 'latePolicy', 'latePenalty', 'timeLimitMinutes', 'lockdown'].map((k) => [k, formData.get(k) ?? ''])));
    if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
    const { classId, setId, ...rest } = parsed.data;
    const created = await createAssignment(id, classId, setId, rest);
    if (!created) return { status: 'invalid', errors: { setId: 'setId' } };
    revalidatePath(`/teach/classes/${classId}`);
    return { status: 'ok' };
  });
}

/** Moves an assignment's times (an extension); running attempts follow, handed-in ones stay. */
export async function rescheduleAssignmentAction(_prev: TeachState, formData: FormData): Promise<TeachState> {
  if (!isFormData(formData)) return { status: 'invalid', errors: { form: 'request' } };
  return guarded(async (id) => {
    const parsed = rescheduleInput.safeParse(Object.fromEntries(['classId', 'assignmentId', 'opensAt', 'dueAt', 'timeZone'].map((k) => [k, formData.get(k) ?? ''])));
    if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
    const { classId, assignmentId, opensAt, dueAt } = parsed.data;
    const result = await rescheduleForClass(id, classId, assignmentId, { opensAt, dueAt }, await now());
    if (result.status !== 'rescheduled') return { status: 'invalid', errors: {} };
    revalidatePath(`/teach/classes/${classId}`);
    return { status: 'ok' };
  });
}
