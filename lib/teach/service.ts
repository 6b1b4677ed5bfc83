import 'server-only';
import { settleExpiredInClass } from '@/lib/attempts/service';
import { listClassAccommodations } from '@/lib/db/accommodations';
import { gradebookData } from '@/lib/db/assignments';
import { findAssignmentForRegrade, findGradedAttempt, listOverrides, writeOverride, writeRegrade, type GradedAttempt } from '@/lib/db/grading';
import { forStudent, handInScore } from '@/lib/attempts/policy';
import { grade } from '@/lib/questions/grade';
import type { Lang, Question } from '@/lib/questions/types';
import { ROSTER_LIMITS, overrideProblems, parseRoster, regradeChange, type OverrideProblem, type RegradeChange } from './policy';
import { addToRoster, listPendingInvitations, type RosterOutcome } from '@/lib/db/roster';
import { answerRows, gradebookOf, questionsOnce, type AnswerRow, type Gradebook } from './view';

/**
 * The instructor's gradebook for one class at time `now`, or null when the class is not
 * theirs. Attempts whose time ran out are handed in first.
 */
export async function loadGradebook(instructorId: string, classId: string, now: Date, lang: Lang): Promise<Gradebook | null> {
  await settleExpiredInClass(instructorId, classId, now);
  const data = await gradebookData(instructorId, classId);
  return data ? gradebookOf(data, questionsOnce(), lang) : null;
}

/**
 * The gradebook page: the gradebook, and the answer rows of the one student it details (none
 * when no student is asked for). Each distinct question is built once for both.
 */
export async function gradebookPage(
  instructorId: string,
  classId: string,
  now: Date,
  lang: Lang,
  student?: string,
): Promise<{ book: Gradebook; detail: AnswerRow[]; accommodations: Map<string, StudentAccommodations> } | null> {
  await settleExpiredInClass(instructorId, classId, now);
  const data = await gradebookData(instructorId, classId);
  if (!data) return null;
  const questionOf = questionsOnce();
  const book = gradebookOf(data, questionOf, lang);
  return { book, detail: student ? answerRows(book, lang, questionOf, student) : [], accommodations: await accommodationsOf(instructorId, classId) };
}

export type OverrideState = { status: 'saved'; oldScore: number | null; total: number } | { status: 'invalid'; problems: OverrideProblem[] } | { status: 'not-found' } | { status: 'conflict' };

/** The attempt's total with its question scores as given: the hand-in rule, the student's own due time applied. */
function totalOf(attempt: Pick<GradedAttempt, 'assignment' | 'terms' | 'submittedAt'>, scores: readonly (number | null)[]): number {
  return handInScore(scores, attempt.submittedAt, forStudent(attempt.assignment, attempt.terms)).score;
}

/**
 * An instructor overrides one question's score (0–1) in a handed-in attempt at their class's
 * work, with a reason. The audit trail keeps who, when, old → new and why; the attempt's total
 * (the gradebook's and the CSVs') is worked out again with the override. Running attempts are
 * refused (the student's next answer would overwrite it).
 */
export async function overrideScore(instructorId: string, classId: string, attemptId: string, position: number, newScore: number, reason: string, now: Date): Promise<OverrideState> {
  const problems = overrideProblems(newScore, reason);
  if (problems.length > 0) return { status: 'invalid', problems };
  await settleExpiredInClass(instructorId, classId, now);
  const attempt = await findGradedAttempt(instructorId, classId, attemptId);
  const question = attempt?.questions.find((q) => q.position === position);
  if (!attempt || !question) return { status: 'not-found' };
  const total = totalOf(
    attempt,
    attempt.questions.map((q) => (q.position === position ? newScore : q.score)),
  );
  const written = await writeOverride({ questionId: question.id, instructorId, oldScore: question.score, newScore, reason: reason.trim(), at: now }, { id: attempt.id, score: total });
  return written ? { status: 'saved', oldScore: question.score, total } : { status: 'conflict' };
}

export type RegradeState = { status: 'regraded'; changes: (RegradeChange & { studentName: string })[]; checked: number } | { status: 'not-found' };

/**
 * Re-grades every handed-in answer to an assignment: each stored response against the question
 * its recorded ref (generator, version, seed, tier) builds, with today's grader. Changed scores
 * are stored and totals worked out again; an overridden question keeps its override and is
 * reported as such. What changed comes back, student by student.
 */
export async function regradeAssignment(instructorId: string, classId: string, assignmentId: string, now: Date): Promise<RegradeState> {
  await settleExpiredInClass(instructorId, classId, now);
  const assignment = await findAssignmentForRegrade(instructorId, classId, assignmentId);
  if (!assignment) return { status: 'not-found' };
  const questionOf = questionsOnce();
  const changes: (RegradeChange & { studentName: string })[] = [];
  const questionWrites: { id: string; score: number; correct: boolean }[] = [];
  const attemptWrites: { id: string; score: number }[] = [];
  let checked = 0;
  for (const attempt of assignment.attempts) {
    const scores: (number | null)[] = [];
    let changed = false;
    for (const q of attempt.questions) {
      const result = q.response === null ? null : regradeResponse(questionOf(q), q.response);
      if (result) checked += 1;
      const change = regradeChange({ userId: attempt.userId, attemptId: attempt.id, position: q.position, score: q.score, overridden: q._count.overrides > 0 }, result?.score ?? null);
      if (change) changes.push({ ...change, studentName: attempt.user.name });
      if (change && !change.overridden && result) {
        questionWrites.push({ id: q.id, score: result.score, correct: result.correct });
        scores.push(result.score);
        changed = true;
      } else scores.push(q.score);
    }
    if (!changed || !attempt.submittedAt) continue;
    const terms = {
      timeMultiplier: assignment.class.accommodations.find((a) => a.userId === attempt.userId)?.timeMultiplier ?? 1,
      extendedDueAt: assignment.dueExtensions.find((e) => e.userId === attempt.userId)?.dueAt ?? null,
    };
    attemptWrites.push({ id: attempt.id, score: totalOf({ assignment, terms, submittedAt: attempt.submittedAt }, scores) });
  }
  if (questionWrites.length > 0) await writeRegrade(questionWrites, attemptWrites);
  return { status: 'regraded', changes, checked };
}

/** The grader's verdict on a stored response under its question; null when either is gone or unreadable. */
function regradeResponse(question: Question | null, stored: string): { score: number; correct: boolean } | null {
  if (!question) return null;
  let response: unknown;
  try {
    response = JSON.parse(stored);
  } catch {
    return null;
  }
  const result = grade(question.response, question.answer, response);
  return result.status === 'graded' ? { score: result.score, correct: result.correct } : null;
}

/** The override audit trail of one student of the instructor's class, newest first. */
export function overridesOf(instructorId: string, classId: string, userId: string) {
  return listOverrides(instructorId, classId, userId);
}

/** One student's accommodations in the class, for the gradebook's marks and the student page. */
export interface StudentAccommodations {
  timeMultiplier: number;
  /** Extended due times by assignment id. */
  extensions: Map<string, Date>;
}

/** Each member's accommodations (members without any are absent). */
export async function accommodationsOf(instructorId: string, classId: string): Promise<Map<string, StudentAccommodations>> {
  const { accommodations, extensions } = await listClassAccommodations(instructorId, classId);
  const out = new Map<string, StudentAccommodations>();
  const entry = (userId: string) => {
    let e = out.get(userId);
    if (!e) out.set(userId, (e = { timeMultiplier: 1, extensions: new Map() }));
    return e;
  };
  for (const a of accommodations) entry(a.userId).timeMultiplier = a.timeMultiplier;
  for (const x of extensions) entry(x.userId).extensions.set(x.assignmentId, x.dueAt);
  return out;
}

/**
 * The instructor's page for one student of their class: the student, their accommodations,
 * their attempts at each assignment (question scores, which are overridden) and the override
 * audit trail. Null unless the class is the instructor's and the student in it.
 */
export async function studentGradingPage(instructorId: string, classId: string, userId: string, now: Date) {
  await settleExpiredInClass(instructorId, classId, now);
  const data = await gradebookData(instructorId, classId);
  const member = data?.members.find((m) => m.user.id === userId);
  if (!data || !member) return null;
  const [accommodations, overrides] = await Promise.all([accommodationsOf(instructorId, classId), listOverrides(instructorId, classId, userId)]);
  const overridden = new Set(overrides.map((o) => `${o.question.attempt.id}:${o.question.position}`));
  return {
    className: data.name,
    student: member.user,
    accommodations: accommodations.get(userId) ?? { timeMultiplier: 1, extensions: new Map<string, Date>() },
    assignments: data.assignments.map((a) => ({
      id: a.id,
      title: a.title,
      kind: a.kind,
      dueAt: a.dueAt,
      attempts: a.attempts
        .filter((x) => x.userId === userId)
        .sort((x, y) => x.number - y.number)
        .map((x) => ({ ...x, questions: x.questions.map((q) => ({ ...q, overridden: overridden.has(`${x.id}:${q.position}`) })) })),
    })),
    overrides,
  };
}

export type RosterResult = { line: number; text: string; outcome: RosterOutcome | 'format' | 'duplicate' };
export type RosterState = { status: 'imported'; results: RosterResult[] } | { status: 'empty' } | { status: 'too-long' } | { status: 'not-found' };

/**
 * Imports a roster (a pasted list of emails or a CSV): students with an account join the class,
 * unknown emails are invited (they join when they sign up with that email), instructors and
 * lines without one clear email are refused, each with its line's own outcome.
 */
export async function importRoster(instructorId: string, classId: string, text: string): Promise<RosterState> {
  if (text.length > ROSTER_LIMITS.chars) return { status: 'too-long' };
  const lines = parseRoster(text);
  if (lines.length === 0) return { status: 'empty' };
  if (lines.length > ROSTER_LIMITS.lines) return { status: 'too-long' };
  const emails = lines.flatMap((l) => ('email' in l ? [l.email] : []));
  const outcomes = await addToRoster(instructorId, classId, emails);
  if (!outcomes) return { status: 'not-found' };
  return { status: 'imported', results: lines.map((l) => ({ line: l.line, text: l.text, outcome: 'email' in l ? (outcomes.get(l.email) as RosterOutcome) : l.problem })) };
}

/** The class's pending invitations. */
export function pendingInvitations(instructorId: string, classId: string) {
  return listPendingInvitations(instructorId, classId);
}
