import 'server-only';
import {
  cardTiers,
  claimDrillsFeed,
  createAttempt,
  deletePreviews,
  drilledGenerators,
  findAssignmentForMember,
  findAssignmentForPreview,
  findLockingAttempt,
  findOwnAttempt,
  listAttemptsForAssignment,
  listExpiredOpenAttempts,
  listExpiredOpenAttemptsInClass,
  listMockAttempts,
  listOpenAttemptsInClass,
  listMemberAssignments,
  listUnfedAttempts,
  markSubmitted,
  storeAnswer,
  type MemberAssignment,
  type NewAttemptQuestion,
  type OwnAttempt,
} from '@/lib/db/attempts';
import { findExtensionTarget, findStudentTerms, listStudentTerms, saveExtension, saveTimeMultiplier } from '@/lib/db/accommodations';
import { rescheduleAssignment } from '@/lib/db/assignments';
import { removeMember } from '@/lib/db/classes';
import { bringForward } from '@/lib/drills/bring-forward';
import { grade } from '@/lib/questions/grade';
import { buildQuestion, getGenerator, listGenerators } from '@/lib/questions/registry';
import type { Lang, Question, Tier } from '@/lib/questions/types';
import { MOCK_LIMITS } from './limits';
import {
  MINUTE,
  checkMockConfig,
  closestTier,
  expired,
  extensionRefusal,
  forStudent,
  freshPracticeItems,
  freshPracticeOpen,
  handInScore,
  handInTime,
  mockGenerators,
  previewDeadline,
  revealFor,
  seedLabel,
  startRefusal,
  studentDeadline,
  validMultiplier,
  weakGenerators,
  type MockConfig,
  type RevealInput,
} from './policy';
import { attemptSeed } from './seeds';
import type { Verdict } from '@/lib/questions/verdict';
import { attemptView, breakdownOf, feedbackFor, summarize, weakSkillsShown, type AssignmentSummary, type AttemptView } from './view';

export { MOCK_LIMITS };
export type { MockConfig, SeedPolicy, ShowAnswers } from './policy';
export type { AssignmentStatus, AssignmentSummary, AttemptQuestionView, AttemptView, Breakdown } from './view';

/**
 * The seed of question `i` of an attempt, by the assignment's seed policy: secret (see
 * `./seeds.ts`), so a running attempt's questions cannot be rebuilt on the practice page.
 */
export function assignmentSeed(policy: string, assignmentId: string, userId: string, attemptNumber: number, i: number): number {
  return attemptSeed(seedLabel(policy, assignmentId, userId, attemptNumber, i));
}

function tierFor(generatorId: string, wanted: number): { generator: string; version: number; tier: Tier } | null {
  const g = getGenerator(generatorId);
  return g ? { generator: g.id, version: g.version, tier: closestTier(g.tiers, wanted) } : null;
}

/** The set's items expanded in position order: `count` questions of (generator, tier) each. */
function expandItems(assignment: MemberAssignment, userId: string, attemptNumber: number): NewAttemptQuestion[] {
  const out: NewAttemptQuestion[] = [];
  let i = 0;
  for (const item of assignment.set.items) {
    for (let k = 0; k < item.count; k++) {
      const ref = tierFor(item.generator, item.tier);
      // A generator retired since the set was made is skipped; the index still advances so seeds stay put.
      if (ref) out.push({ position: out.length, ...ref, seed: assignmentSeed(assignment.seedPolicy, assignment.id, userId, attemptNumber, i) });
      i += 1;
    }
  }
  return out;
}

export type StartState =
  | { status: 'started'; attemptId: string; resumed: boolean }
  | { status: 'not-found' }
  | { status: 'not-open' }
  | { status: 'closed' }
  | { status: 'no-attempts-left' }
  | { status: 'empty' };

/**
 * Starts (or resumes) the student's attempt at an assignment or exam. The questions are
 * fixed here, so a reload or another device sees exactly the same ones.
 */
export async function startAttempt(userId: string, assignmentId: string, now: Date): Promise<StartState> {
  await settleExpired(userId, now);
  const assignment = await findAssignmentForMember(userId, assignmentId);
  if (!assignment) return { status: 'not-found' };
  const attempts = await listAttemptsForAssignment(userId, assignmentId);
  const open = attempts.find((a) => a.submittedAt === null);
  if (open) return { status: 'started', attemptId: open.id, resumed: true };
  const terms = await findStudentTerms(userId, assignmentId);
  const refusal = startRefusal(forStudent(assignment, terms), attempts.length, now);
  if (refusal) return { status: refusal };
  const number = (attempts[0]?.number ?? 0) + 1;
  const questions = expandItems(assignment, userId, number);
  if (questions.length === 0) return { status: 'empty' };
  const deadline = studentDeadline(assignment, terms, now);
  const attemptId = await createAttempt({ userId, assignmentId, number, mockConfig: null, startedAt: now, deadline }, questions);
  if (attemptId) return { status: 'started', attemptId, resumed: false };
  // Someone (another tab) started the same attempt at the same moment: continue that one.
  const raced = (await listAttemptsForAssignment(userId, assignmentId)).find((a) => a.submittedAt === null);
  return raced ? { status: 'started', attemptId: raced.id, resumed: true } : { status: 'no-attempts-left' };
}

export type PreviewStartState = { status: 'started'; attemptId: string } | { status: 'not-found' } | { status: 'empty' };

/**
 * The instructor takes an assignment or exam of their class as a student would: an attempt of
 * their own with the same questions a student's attempt of that number gets (the set, the seed
 * policy, the tiers), the same timer and the same reveal. Its window and attempt count are not
 * enforced, so work can be tried before it opens. It never counts: the gradebook, the exports,
 * overrides and regrades read students' attempts only (`notPreview`), and it feeds no drills
 * (it is created as fed). `restart` takes back the earlier previews and starts the next one,
 * numbered on, so a per-attempt seed policy gives fresh variants as a student's next attempt would.
 */
export async function startPreview(instructorId: string, classId: string, assignmentId: string, now: Date, restart: boolean): Promise<PreviewStartState> {
  await settleExpired(instructorId, now);
  const assignment = await findAssignmentForPreview(instructorId, classId, assignmentId);
  if (!assignment) return { status: 'not-found' };
  const previews = await listAttemptsForAssignment(instructorId, assignmentId);
  const open = previews.find((a) => a.submittedAt === null);
  if (open && !restart) return { status: 'started', attemptId: open.id };
  const number = (previews[0]?.number ?? 0) + 1;
  const questions = expandItems(assignment, instructorId, number);
  if (questions.length === 0) return { status: 'empty' };
  await deletePreviews(instructorId, assignmentId);
  const attemptId = await createAttempt(
    { userId: instructorId, assignmentId, number, mockConfig: null, startedAt: now, deadline: previewDeadline(assignment, now), drillsFedAt: now },
    questions,
  );
  if (attemptId) return { status: 'started', attemptId };
  // A second tab restarted at the same moment: continue that preview.
  const raced = (await listAttemptsForAssignment(instructorId, assignmentId)).find((a) => a.submittedAt === null);
  return raced ? { status: 'started', attemptId: raced.id } : { status: 'not-found' };
}

/**
 * The preview page: the assignment as its students see it, and the instructor's current preview
 * (the open one, else the last handed in) as the student's player shows it. Null unless the
 * assignment is in this class of the instructor's.
 */
export async function getPreviewPage(instructorId: string, classId: string, assignmentId: string, now: Date, lang: Lang) {
  await settleExpired(instructorId, now);
  const assignment = await findAssignmentForPreview(instructorId, classId, assignmentId);
  if (!assignment) return null;
  const previews = await listAttemptsForAssignment(instructorId, assignmentId);
  const current = previews.find((a) => a.submittedAt === null) ?? previews[0] ?? null;
  const view = current ? await getAttemptView(instructorId, current.id, now, lang) : null;
  return { summary: summarize(assignment, [], now), view };
}

export type MockStartState = { status: 'started'; attemptId: string } | { status: 'invalid' };

/**
 * A student's own timed mock exam over some topics. Tiers follow the student's cards (their
 * current difficulty for that skill), else tier 1; seeds derive from the attempt id.
 */
export async function startMockExam(userId: string, config: MockConfig, now: Date): Promise<MockStartState> {
  const checked = checkMockConfig(config);
  if (!checked) return { status: 'invalid' };
  const { topics, count, minutes } = checked;
  const generators = mockGenerators(topics, count, listGenerators());
  if (generators.length === 0) return { status: 'invalid' };
  const tiers = await cardTiers(userId, generators);
  const attemptId = await createAttempt(
    {
      userId,
      assignmentId: null,
      number: 1,
      mockConfig: JSON.stringify({ topics, count, minutes }),
      lockdown: config.lockdown === true,
      startedAt: now,
      deadline: new Date(now.getTime() + minutes * MINUTE),
    },
    (id) =>
      generators.map((generator, i) => ({
        position: i,
        ...(tierFor(generator, tiers.get(generator) ?? 1) as { generator: string; version: number; tier: Tier }),
        seed: attemptSeed(`mock:${id}:${i}`),
      })),
  );
  if (!attemptId) throw new Error('a mock exam cannot collide with another attempt');
  return { status: 'started', attemptId };
}

/**
 * The user's own attempt, its assignment as it stands for them (their extension and extra time
 * applied), so the late mark and the reveal follow their own due time.
 */
async function loadOwnAttempt(userId: string, attemptId: string): Promise<OwnAttempt | null> {
  const attempt = await findOwnAttempt(userId, attemptId);
  if (!attempt?.assignment) return attempt;
  return { ...attempt, assignment: forStudent(attempt.assignment, await findStudentTerms(userId, attempt.assignment.id)) };
}

/** Builds a stored question; null when its generator has been removed from the code. */
function rebuild(q: OwnAttempt['questions'][number]): Question | null {
  try {
    return buildQuestion({ generator: q.generator, version: q.version, seed: Number(q.seed), tier: q.tier as Tier });
  } catch {
    return null;
  }
}

export type SubmitState = { status: 'submitted'; score: number; late: boolean; already: boolean } | { status: 'not-found' };

async function submitLoaded(attempt: OwnAttempt, now: Date): Promise<SubmitState> {
  if (attempt.submittedAt) return { status: 'submitted', score: attempt.score ?? 0, late: attempt.late, already: true };
  const submittedAt = handInTime(attempt.deadline, now);
  const { score, late } = handInScore(
    attempt.questions.map((q) => q.score),
    submittedAt,
    attempt.assignment,
  );
  const won = await markSubmitted(attempt.userId, attempt.id, { submittedAt, score, late });
  if (!won) {
    const current = await loadOwnAttempt(attempt.userId, attempt.id);
    return { status: 'submitted', score: current?.score ?? 0, late: current?.late ?? false, already: true };
  }
  await feedIfRevealed(attempt.userId, { ...attempt, submittedAt }, now);
  return { status: 'submitted', score, late, already: false };
}

/**
 * Hands in the attempt: score = mean of the question scores (unanswered = 0), late when
 * handed in after the due time, with the late penalty applied. A second submit changes nothing.
 */
export async function submitAttempt(userId: string, attemptId: string, now: Date): Promise<SubmitState> {
  const attempt = await loadOwnAttempt(userId, attemptId);
  if (!attempt) return { status: 'not-found' };
  return submitLoaded(attempt, now);
}

/**
 * Assignment, exam and mock-exam work feeds the student's drills: once the answers are
 * revealed (never earlier, so the drill queue cannot give away an "after the due time"
 * assignment's results), the weak skills are brought forward, then the attempt is marked fed.
 * Bringing cards due at `now` is idempotent, so this order loses nothing: a crash or a failure
 * between the two steps leaves the attempt unfed and the next read brings them forward again,
 * and two racing requests move the same cards to the same time.
 */
async function feedIfRevealed(userId: string, attempt: RevealInput & { id: string; questions: readonly { generator: string; correct: boolean | null }[] }, now: Date) {
  if (revealFor(attempt, now) !== 'all') return;
  await bringForward(userId, weakGenerators(attempt.questions), now);
  await claimDrillsFeed(userId, attempt.id, now);
}

/**
 * The server-side timer and the drills feed: submits every open attempt of the user whose
 * deadline has passed, then feeds every handed-in attempt whose answers are now revealed.
 * The reads in this module (and the drills overview) call it before reading.
 */
export async function settleExpired(userId: string, now: Date): Promise<number> {
  const due = await listExpiredOpenAttempts(userId, now);
  for (const { id } of due) await submitAttempt(userId, id, now);
  for (const attempt of await listUnfedAttempts(userId)) await feedIfRevealed(userId, attempt, now);
  return due.length;
}

/**
 * The timer seen from the gradebook: hands in the class's attempts whose deadline has passed
 * (a student who closed the tab during a timed exam is submitted at the deadline), so the
 * instructor never sees an expired attempt as in progress.
 */
export async function settleExpiredInClass(instructorId: string, classId: string, now: Date): Promise<number> {
  const due = await listExpiredOpenAttemptsInClass(instructorId, classId, now);
  for (const { id, userId } of due) await submitAttempt(userId, id, now);
  return due.length;
}

/**
 * An instructor removes a student from their class. The student's open attempts at the class's
 * work are handed in there and then, as answered so far: rejoining with the code later (the
 * code is the class's, not the student's) gives no way back into them.
 */
export async function removeStudentFromClass(instructorId: string, classId: string, userId: string, now: Date): Promise<boolean> {
  if (!(await removeMember(instructorId, classId, userId))) return false;
  for (const { id } of await listOpenAttemptsInClass(userId, classId)) await submitAttempt(userId, id, now);
  return true;
}

export type RescheduleState = { status: 'rescheduled'; moved: number } | { status: 'not-found' };

/**
 * An instructor moves an assignment's times (say, a one-day extension). Attempts whose time
 * already ran out are handed in first, under the old times; the ones still running get the
 * deadline the new times give them.
 */
export async function rescheduleForClass(instructorId: string, classId: string, assignmentId: string, times: { opensAt: Date; dueAt: Date }, now: Date): Promise<RescheduleState> {
  await settleExpiredInClass(instructorId, classId, now);
  const result = await rescheduleAssignment(instructorId, classId, assignmentId, times, (a, startedAt, terms) => studentDeadline(a, terms, startedAt));
  return result ? { status: 'rescheduled', moved: result.moved } : { status: 'not-found' };
}

export type SaveState =
  | { status: 'saved'; feedback: Verdict | null }
  | { status: 'invalid' }
  | { status: 'closed' }
  | { status: 'submitted' }
  /** Answers are shown after each question, and this one was already answered: its answer is final. */
  | { status: 'final' }
  | { status: 'removed' }
  | { status: 'not-found' };

/**
 * Grades and stores one answer as it is given (the latest answer counts). Refused after
 * submission or after the deadline; a late save also hands the attempt in. Where answers are
 * shown after each question, the first answer is final: once its feedback (with the true
 * answer) is shown, the question takes no other answer.
 */
export async function saveAnswer(
  userId: string,
  attemptId: string,
  position: number,
  response: unknown,
  durationMs: number,
  now: Date,
  lang: Lang = 'en',
): Promise<SaveState> {
  const attempt = await loadOwnAttempt(userId, attemptId);
  if (!attempt) return { status: 'not-found' };
  if (attempt.submittedAt) return { status: 'submitted' };
  // A student removed from the class no longer answers its work (the instructor's preview is no member's).
  if (attempt.assignment && attempt.assignment.class.members.length === 0 && attempt.assignment.class.instructorId !== userId) return { status: 'removed' };
  if (expired(attempt.deadline, now)) {
    await submitLoaded(attempt, now);
    return { status: 'closed' };
  }
  const stored = attempt.questions.find((q) => q.position === position);
  const question = stored ? rebuild(stored) : null;
  if (!question) return { status: 'invalid' };
  const result = grade(question.response, question.answer, response);
  if (result.status !== 'graded') return { status: 'invalid' };
  const revealsEach = revealFor(attempt, now) === 'answered';
  if (revealsEach && stored?.answeredAt) return { status: 'final' };
  const ok = await storeAnswer(userId, attemptId, position, {
    response: JSON.stringify(result.response),
    correct: result.correct,
    score: result.score,
    answeredAt: now,
    durationMs: Math.max(0, Math.round(durationMs)),
  }, revealsEach);
  if (!ok) return revealsEach && (await findOwnAttempt(userId, attemptId))?.submittedAt === null ? { status: 'final' } : { status: 'submitted' };
  return { status: 'saved', feedback: revealFor(attempt, now) === 'never' ? null : feedbackFor(question, result.response, lang) };
}

export interface Lockdown {
  /** When the exam ends at the latest (its deadline). */
  until: Date;
  /** The exam's page. */
  href: string;
}

/**
 * Exam mode (PrairieLearn's idea): while the student has a running class exam with lockdown
 * on, or a mock exam they chose to lock, practice, the practice grader and drill reviews
 * refuse them. Null when nothing locks them; an attempt past its deadline no longer locks.
 */
export async function examLockdown(userId: string, now: Date): Promise<Lockdown | null> {
  const locking = await findLockingAttempt(userId, now);
  if (!locking || !locking.deadline) return null;
  return { until: locking.deadline, href: locking.assignmentId ? `/assignments/${locking.assignmentId}` : `/exams/${locking.id}` };
}

/**
 * What the student may see of their attempt. Expired attempts are handed in first. Answers
 * and explanations are included only when the assignment's rules allow them.
 */
export async function getAttemptView(userId: string, attemptId: string, now: Date, lang: Lang): Promise<AttemptView | null> {
  let attempt = await loadOwnAttempt(userId, attemptId);
  if (!attempt) return null;
  if (!attempt.submittedAt && expired(attempt.deadline, now)) {
    await submitLoaded(attempt, now);
    attempt = await loadOwnAttempt(userId, attemptId);
    if (!attempt) return null;
  }
  const reveal = revealFor(attempt, now);
  if (reveal === 'all' && !attempt.drillsFedAt) await feedIfRevealed(userId, attempt, now);
  const built = attempt.questions.map(rebuild);
  const drilled = reveal === 'all' ? await drilledGenerators(userId, weakSkillsShown(attempt, built), (g) => getGenerator(g)?.topic) : null;
  return attemptView(attempt, built, reveal, drilled && breakdownOf(attempt, built, drilled), lang);
}

/** The student's assignments across their classes, with a status each. */
export async function listAssignmentsForStudent(userId: string, now: Date): Promise<AssignmentSummary[]> {
  await settleExpired(userId, now);
  const [rows, termsOf] = await Promise.all([listMemberAssignments(userId), listStudentTerms(userId)]);
  return rows.map((a) => summarize(forStudent(a, termsOf(a.id, a.classId)), a.attempts, now));
}

/** One assignment for its page: null (not found) unless the student is in its class. */
export async function getAssignmentForStudent(userId: string, assignmentId: string, now: Date) {
  await settleExpired(userId, now);
  const assignment = await findAssignmentForMember(userId, assignmentId);
  if (!assignment) return null;
  const attempts = await listAttemptsForAssignment(userId, assignmentId);
  const terms = await findStudentTerms(userId, assignmentId);
  return { summary: summarize(forStudent(assignment, terms), attempts, now), attempts: attempts.map((x) => ({ id: x.id, number: x.number, submittedAt: x.submittedAt, score: x.score, late: x.late })) };
}

/**
 * The assignment page: the assignment's summary and attempts, and the view of the attempt
 * that matters now (the open one, else the latest). Null unless the student is in its class.
 */
export async function getAssignmentPage(userId: string, assignmentId: string, now: Date, lang: Lang) {
  const found = await getAssignmentForStudent(userId, assignmentId, now);
  if (!found) return null;
  const current = found.attempts.find((a) => a.submittedAt === null) ?? found.attempts[0] ?? null;
  const view = current ? await getAttemptView(userId, current.id, now, lang) : null;
  return { ...found, view, freshPractice: await freshPracticeFor(userId, assignmentId, found.summary, now) };
}

/** The practice links of an assignment's questions (fresh variants), once the student's own due time has passed; else none. */
async function freshPracticeFor(userId: string, assignmentId: string, personal: { dueAt: Date }, now: Date) {
  if (!freshPracticeOpen(personal, now)) return [];
  const assignment = await findAssignmentForMember(userId, assignmentId);
  return assignment ? freshPracticeItems(assignment.set.items, (g, wanted) => tierFor(g, wanted)?.tier ?? null) : [];
}

/** The student's latest mock exams, expired ones handed in first. */
export async function listMockExams(userId: string, now: Date) {
  await settleExpired(userId, now);
  return listMockAttempts(userId);
}

export type AccommodationState = { status: 'saved' } | { status: 'invalid' } | { status: 'not-found' } | { status: 'not-later' };

/**
 * An instructor sets a student's extra time in their class (a multiplier of timed work's
 * limits; 1 takes it away). Attempts whose time already ran out are handed in first; the
 * student's running ones get the deadline the new multiplier gives them.
 */
export async function setTimeMultiplier(instructorId: string, classId: string, userId: string, multiplier: number, now: Date): Promise<AccommodationState> {
  if (!validMultiplier(multiplier)) return { status: 'invalid' };
  await settleExpiredInClass(instructorId, classId, now);
  return (await saveTimeMultiplier(instructorId, classId, userId, multiplier, studentDeadline)) ? { status: 'saved' } : { status: 'not-found' };
}

/**
 * An instructor gives one student their own due time for an assignment (null takes it back);
 * the class's due time stays. It must come after the class's. Attempts whose time already ran
 * out are handed in first; the student's running one follows the new due time.
 */
export async function setExtension(instructorId: string, classId: string, assignmentId: string, userId: string, dueAt: Date | null, now: Date): Promise<AccommodationState> {
  const target = await findExtensionTarget(instructorId, classId, assignmentId, userId);
  if (target.status !== 'ok') return target;
  if (dueAt && extensionRefusal(target.classDueAt, dueAt)) return { status: 'not-later' };
  await settleExpiredInClass(instructorId, classId, now);
  return (await saveExtension(instructorId, classId, assignmentId, userId, dueAt, studentDeadline)) ? { status: 'saved' } : { status: 'not-found' };
}
