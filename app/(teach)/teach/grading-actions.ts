'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { fieldErrors } from '@/lib/auth/schema';
import { setExtension, setTimeMultiplier, startPreview } from '@/lib/attempts/service';
import { currentSession } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { isFormData } from '@/lib/http/form-data';
import { ROSTER_LIMITS } from '@/lib/teach/policy';
import { importRoster, overrideScore, regradeAssignment, type RosterResult } from '@/lib/teach/service';
import { extensionInput, multiplierInput, overrideInput, previewInput, regradeInput, rosterInput } from './grading-schema';

/** What a regrade changed, named for the page (student, question, old → new). */
export interface RegradeLine {
  student: string;
  position: number;
  oldScore: number | null;
  newScore: number;
  overridden: boolean;
}

export type GradingState =
  | { status: 'idle' }
  | { status: 'ok' }
  | { status: 'regraded'; checked: number; changes: RegradeLine[] }
  | { status: 'imported'; results: RosterResult[] }
  | { status: 'invalid'; errors: Record<string, string> }
  | { status: 'forbidden' }
  | { status: 'error' };

const fields = (formData: FormData, names: readonly string[]) => Object.fromEntries(names.map((k) => [k, formData.get(k) ?? '']));

/** Instructor-only, and a database failure is a plain message, never a 500. */
async function asInstructor(formData: FormData, work: (instructorId: string) => Promise<GradingState>): Promise<GradingState> {
  if (!isFormData(formData)) return { status: 'invalid', errors: { form: 'invalid' } };
  const session = await currentSession();
  if (session?.user.role !== 'INSTRUCTOR') return { status: 'forbidden' };
  try {
    return await work(session.user.id);
  } catch (error) {
    console.error('grading action failed', error);
    return { status: 'error' };
  }
}

const studentPath = (classId: string, userId: string) => `/teach/classes/${classId}/students/${userId}`;
const previewPath = (classId: string, assignmentId: string) => `/teach/classes/${encodeURIComponent(classId)}/preview/${encodeURIComponent(assignmentId)}`;

export async function setTimeMultiplierAction(_prev: GradingState, formData: FormData): Promise<GradingState> {
  return asInstructor(formData, async (instructorId) => {
    const parsed = multiplierInput.safeParse(fields(formData, ['classId', 'userId', 'multiplier']));
    if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
    const { classId, userId, multiplier } = parsed.data;
    const result = await setTimeMultiplier(instructorId, classId, userId, multiplier, await now());
    if (result.status !== 'saved') return { status: 'invalid', errors: { form: result.status === 'invalid' ? 'multiplier' : 'invalid' } };
    revalidatePath(studentPath(classId, userId));
    return { status: 'ok' };
  });
}

export async function setExtensionAction(_prev: GradingState, formData: FormData): Promise<GradingState> {
  return asInstructor(formData, async (instructorId) => {
    const parsed = extensionInput.safeParse(fields(formData, ['classId', 'assignmentId', 'userId', 'dueAt', 'timeZone']));
    if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
    const { classId, assignmentId, userId, dueAt } = parsed.data;
    const result = await setExtension(instructorId, classId, assignmentId, userId, dueAt, await now());
    if (result.status === 'not-later') return { status: 'invalid', errors: { dueAt: 'extensionNotLater' } };
    if (result.status !== 'saved') return { status: 'invalid', errors: { form: 'invalid' } };
    revalidatePath(studentPath(classId, userId));
    return { status: 'ok' };
  });
}

export async function overrideScoreAction(_prev: GradingState, formData: FormData): Promise<GradingState> {
  return asInstructor(formData, async (instructorId) => {
    const parsed = overrideInput.safeParse(fields(formData, ['classId', 'attemptId', 'position', 'percent', 'reason']));
    if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
    const { classId, attemptId, position, percent, reason } = parsed.data;
    const result = await overrideScore(instructorId, classId, attemptId, position, percent / 100, reason, await now());
    if (result.status === 'conflict') return { status: 'invalid', errors: { form: 'overrideConflict' } };
    if (result.status !== 'saved') return { status: 'invalid', errors: { form: 'invalid' } };
    revalidatePath(`/teach/classes/${classId}`, 'layout');
    return { status: 'ok' };
  });
}

export async function regradeAssignmentAction(_prev: GradingState, formData: FormData): Promise<GradingState> {
  return asInstructor(formData, async (instructorId) => {
    const parsed = regradeInput.safeParse(fields(formData, ['classId', 'assignmentId']));
    if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
    const { classId, assignmentId } = parsed.data;
    const result = await regradeAssignment(instructorId, classId, assignmentId, await now());
    if (result.status !== 'regraded') return { status: 'invalid', errors: { form: 'invalid' } };
    revalidatePath(`/teach/classes/${classId}`, 'layout');
    return { status: 'regraded', checked: result.checked, changes: result.changes.map((c) => ({ student: c.studentName, position: c.position, oldScore: c.oldScore, newScore: c.newScore, overridden: c.overridden })) };
  });
}

/** An uploaded file's text; empty when none was chosen (a browser sends an empty file then). */
async function fileText(value: FormDataEntryValue | null): Promise<string> {
  if (!(value instanceof File) || value.size === 0) return '';
  // Past the limit the schema refuses it; read no more than one character beyond.
  return (await value.slice(0, ROSTER_LIMITS.chars + 1).text()).toString();
}

export async function importRosterAction(_prev: GradingState, formData: FormData): Promise<GradingState> {
  return asInstructor(formData, async (instructorId) => {
    const parsed = rosterInput.safeParse({ classId: formData.get('classId') ?? '', emails: formData.get('emails') ?? '', file: await fileText(formData.get('file')) });
    if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
    const { classId, emails, file } = parsed.data;
    const result = await importRoster(instructorId, classId, [emails, file].filter((t) => t.trim() !== '').join('\n'));
    if (result.status === 'empty') return { status: 'invalid', errors: { emails: 'rosterEmpty' } };
    if (result.status === 'too-long') return { status: 'invalid', errors: { emails: 'rosterTooLong' } };
    if (result.status !== 'imported') return { status: 'invalid', errors: { form: 'invalid' } };
    revalidatePath(`/teach/classes/${classId}`);
    return { status: 'imported', results: result.results };
  });
}

/** Starts (or resumes, or with restart discards and starts again) the instructor's preview, then shows it. */
export async function startPreviewAction(_prev: GradingState, formData: FormData): Promise<GradingState> {
  let started: string | null = null;
  const state = await asInstructor(formData, async (instructorId) => {
    const parsed = previewInput.safeParse(fields(formData, ['classId', 'assignmentId', 'restart']));
    if (!parsed.success) return { status: 'invalid', errors: fieldErrors(parsed.error) };
    const { classId, assignmentId, restart } = parsed.data;
    const result = await startPreview(instructorId, classId, assignmentId, await now(), restart);
    if (result.status === 'empty') return { status: 'invalid', errors: { form: 'previewEmpty' } };
    if (result.status !== 'started') return { status: 'invalid', errors: { form: 'invalid' } };
    started = previewPath(classId, assignmentId);
    return { status: 'ok' };
  });
  // Outside the guard: a redirect is thrown, and the guard would take it for a failure.
  if (started) redirect(started);
  return state;
}
