import 'server-only';
import {
  cardTiers,
  createAttempt,
  drilledGenerators,
  feedDrills,
  findAssignmentForMember,
  findLockingAttempt,
  findOwnAttempt,
  listAttemptsForAssignment,
  listExpiredOpenAttempts,
  listExpiredOpenAttemptsInClass,
  listOpenAttemptsInClass,
  listMemberAssignments,
  listUnfedAttempts,
  markSubmitted,
  storeAnswer,
  type MemberAssignment,
  type NewAttemptQuestion,
  type OwnAttempt,
} from '@/lib/db/attempts';
import { grade } from '@/lib/questions/grade';
import { describeAnswer, toSealedQuestion, type SealedQuestion } from '@/lib/questions/public';
import { buildQuestion, getGenerator, listGenerators } from '@/lib/questions/registry';
import type { Explanation, Lang, Localized, Misconception, Question, QuestionRef, Tier, TopicId } from '@/lib/questions/types';
import { rescheduleAssignment } from '@/lib/db/assignments';
import { removeMember } from '@/lib/db/classes';
import { MOCK_LIMITS } from './limits';
import { attemptSeed } from './seeds';

export { MOCK_LIMITS };


export interface MockConfig {
  topics: TopicId[];
  count: number;
  minutes: number;
  /** Exam mode: practice and drills refuse the student until the mock exam ends. */
  lockdown?: boolean;
}

const MINUTE = 60_000;

/**
 * The seed of question `i` of an attempt, by the assignment's seed policy: secret (see
 * `./seeds.ts`), so a running attempt's questions cannot be rebuilt on the practice page.
 */
export function assignmentSeed(policy: string, assignmentId: string, userId: string, attemptNumber: number, i: number): number {
  if (policy === 'shared') return attemptSeed(`assignment:${assignmentId}:${i}`);
  if (policy === 'per-attempt') return attemptSeed(`assignment:${assignmentId}:${userId}:${attemptNumber}:${i}`);
  return attemptSeed(`assignment:${assignmentId}:${userId}:${i}`);
}

function tierFor(generatorId: string, wanted: number): { generator: string; version: number; tier: Tier } | null {
  const g = getGenerator(generatorId);
  if (!g) return null;
  const tier = (g.tiers.includes(wanted as Tier) ? wanted : g.tiers.reduce((best, t) => (Math.abs(t - wanted) < Math.abs(best - wanted) ? t : best), g.tiers[0] as Tier)) as Tier;
  return { generator: g.id, version: g.version, tier };
}

const isExam = (a: { kind: string }) => a.kind === 'exam';
/** Exams never take late work; assignments do with latePolicy "penalty". */
const lateAllowed = (a: { kind: string; latePolicy: string }) => !isExam(a) && a.latePolicy === 'penalty';
const attemptsAllowed = (a: { kind: string; attemptsAllowed: number }) => (isExam(a) ? 1 : Math.max(1, a.attemptsAllowed));

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

/**
 * When an attempt started at `startedAt` stops taking answers: at the due time unless late work
 * is allowed, and at the end of the time limit if there is one; null when neither applies.
 */
function attemptDeadline(a: { kind: string; latePolicy: string; timeLimitMinutes: number | null; dueAt: Date }, startedAt: Date): Date | null {
  const ends: number[] = [];
  if (!lateAllowed(a)) ends.push(a.dueAt.getTime());
  if (a.timeLimitMinutes) ends.push(startedAt.getTime() + a.timeLimitMinutes * MINUTE);
  return ends.length > 0 ? new Date(Math.min(...ends)) : null;
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
  if (now < assignment.opensAt) return { status: 'not-open' };
  if (attempts.length >= attemptsAllowed(assignment)) return { status: 'no-attempts-left' };
  if (now > assignment.dueAt && !lateAllowed(assignment)) return { status: 'closed' };
  const number = (attempts[0]?.number ?? 0) + 1;
  const questions = expandItems(assignment, userId, number);
  if (questions.length === 0) return { status: 'empty' };
  const deadline = attemptDeadline(assignment, now);
  const attemptId = await createAttempt({ userId, assignmentId, number, mockConfig: null, startedAt: now, deadline }, questions);
  if (attemptId) return { status: 'started', attemptId, resumed: false };
  // Someone (another tab) started the same attempt at the same moment: continue that one.
  const raced = (await listAttemptsForAssignment(userId, assignmentId)).find((a) => a.submittedAt === null);
  return raced ? { status: 'started', attemptId: raced.id, resumed: true } : { status: 'no-attempts-left' };
}

/** Generators of the chosen topics, taken round-robin across topics. */
function mockGenerators(topics: readonly TopicId[], count: number): string[] {
  const byTopic = topics.map((topic) => listGenerators().filter((g) => g.topic === topic).map((g) => g.id)).filter((ids) => ids.length > 0);
  if (byTopic.length === 0) return [];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const ids = byTopic[i % byTopic.length] as string[];
    out.push(ids[Math.floor(i / byTopic.length) % ids.length] as string);
  }
  return out;
}

export type MockStartState = { status: 'started'; attemptId: string } | { status: 'invalid' };

/**
 * A student's own timed mock exam over some topics. Tiers follow the student's cards (their
 * current difficulty for that skill), else tier 1; seeds derive from the attempt id.
 */
export async function startMockExam(userId: string, config: MockConfig, now: Date): Promise<MockStartState> {
  const { count, minutes } = config;
  const topics = [...new Set(config.topics)];
  if (topics.length === 0 || !Number.isInteger(count) || count < MOCK_LIMITS.count.min || count > MOCK_LIMITS.count.max) return { status: 'invalid' };
  if (!Number.isInteger(minutes) || minutes < MOCK_LIMITS.minutes.min || minutes > MOCK_LIMITS.minutes.max) return { status: 'invalid' };
  const generators = mockGenerators(topics, count);
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

function refOf(q: OwnAttempt['questions'][number]) {
  return { generator: q.generator, version: q.version, seed: Number(q.seed), tier: q.tier as Tier };
}

/** Builds a stored question; null when its generator has been removed from the code. */
function rebuild(q: OwnAttempt['questions'][number]): Question | null {
  try {
    return buildQuestion(refOf(q));
  } catch {
    return null;
  }
}

export type SubmitState = { status: 'submitted'; score: number; late: boolean; already: boolean } | { status: 'not-found' };

async function submitLoaded(attempt: OwnAttempt, now: Date): Promise<SubmitState> {
  if (attempt.submittedAt) return { status: 'submitted', score: attempt.score ?? 0, late: attempt.late, already: true };
  // An attempt closed by its timer counts as handed in when the time ran out, however late it is read.
  const submittedAt = attempt.deadline && now > attempt.deadline ? attempt.deadline : now;
  const questions = attempt.questions;
  const raw = questions.length === 0 ? 0 : questions.reduce((sum, q) => sum + (q.score ?? 0), 0) / questions.length;
  const assignment = attempt.assignment;
  const late = !!assignment && submittedAt > assignment.dueAt;
  const score = late && assignment && lateAllowed(assignment) ? raw * (1 - Math.min(1, Math.max(0, assignment.latePenalty))) : raw;
  const won = await markSubmitted(attempt.userId, attempt.id, { submittedAt, score, late });
  if (!won) {
    const current = await findOwnAttempt(attempt.userId, attempt.id);
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
  const attempt = await findOwnAttempt(userId, attemptId);
  if (!attempt) return { status: 'not-found' };
  return submitLoaded(attempt, now);
}

type RevealInput = { submittedAt: Date | null; assignment: { kind: string; showAnswers: string; dueAt: Date } | null };

/** A question not answered right (wrong or left unanswered) marks its skill as weak. */
const isWeak = (q: { correct: boolean | null }) => q.correct !== true;

/** The weak skills of an attempt, each once. */
const weakGenerators = (questions: readonly { generator: string; correct: boolean | null }[]) => [...new Set(questions.filter(isWeak).map((q) => q.generator))];

/**
 * Assignment, exam and mock-exam work feeds the student's drills: once the answers are
 * revealed (never earlier, so the drill queue cannot give away an "after the due time"
 * assignment's results), the cards of the weak skills come due now.
 */
async function feedIfRevealed(userId: string, attempt: RevealInput & { id: string; questions: readonly { generator: string; correct: boolean | null }[] }, now: Date) {
  if (revealFor(attempt, now) !== 'all') return;
  await feedDrills(userId, attempt.id, weakGenerators(attempt.questions), now);
}

/**
 * The server-side timer and the drills feed: submits every open attempt of the user whose
 * deadline has passed, then feeds every handed-in attempt whose answers are now revealed.
 * Pages showing attempts or drills call this first.
 */
export async function settleExpired(userId: string, now: Date): Promise<number> {
  const expired = await listExpiredOpenAttempts(userId, now);
  for (const { id } of expired) await submitAttempt(userId, id, now);
  for (const attempt of await listUnfedAttempts(userId)) await feedIfRevealed(userId, attempt, now);
  return expired.length;
}

/**
 * The timer seen from the gradebook: hands in the class's attempts whose deadline has passed
 * (a student who closed the tab during a timed exam is submitted at the deadline), so the
 * instructor never sees an expired attempt as in progress.
 */
export async function settleExpiredInClass(instructorId: string, classId: string, now: Date): Promise<number> {
  const expired = await listExpiredOpenAttemptsInClass(instructorId, classId, now);
  for (const { id, userId } of expired) await submitAttempt(userId, id, now);
  return expired.length;
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
  const result = await rescheduleAssignment(instructorId, classId, assignmentId, times, attemptDeadline);
  return result ? { status: 'rescheduled', moved: result.moved } : { status: 'not-found' };
}

export interface Feedback {
  correct: boolean;
  score: number;
  answerText: string;
  explanation: Explanation;
  misconceptions: readonly Misconception[];
}

export type SaveState =
  | { status: 'saved'; feedback: Feedback | null }
  | { status: 'invalid' }
  | { status: 'closed' }
  | { status: 'submitted' }
  | { status: 'removed' }
  | { status: 'not-found' };

/** When the student may see answers and explanations. */
function revealFor(attempt: RevealInput, now: Date): 'never' | 'answered' | 'all' {
  if (attempt.submittedAt === null && !attempt.assignment) return 'never';
  const a = attempt.assignment;
  if (!a) return 'all';
  if (isExam(a)) return attempt.submittedAt ? 'all' : 'never';
  if (a.showAnswers === 'after-question') return attempt.submittedAt ? 'all' : 'answered';
  if (a.showAnswers === 'after-due') return attempt.submittedAt && now >= a.dueAt ? 'all' : 'never';
  return attempt.submittedAt ? 'all' : 'never';
}

function feedbackFor(question: Question, response: unknown, lang: Lang): Feedback | null {
  const result = grade(question.response, question.answer, response);
  if (result.status !== 'graded') return null;
  return {
    correct: result.correct,
    score: result.score,
    answerText: describeAnswer(question, lang),
    explanation: question.explanation,
    misconceptions: result.misconceptions,
  };
}

/**
 * Grades and stores one answer as it is given (the latest answer counts). Refused after
 * submission or after the deadline; a late save also hands the attempt in.
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
  const attempt = await findOwnAttempt(userId, attemptId);
  if (!attempt) return { status: 'not-found' };
  if (attempt.submittedAt) return { status: 'submitted' };
  // A student removed from the class no longer answers its work.
  if (attempt.assignment && attempt.assignment.class.members.length === 0) return { status: 'removed' };
  if (attempt.deadline && now > attempt.deadline) {
    await submitLoaded(attempt, now);
    return { status: 'closed' };
  }
  const stored = attempt.questions.find((q) => q.position === position);
  const question = stored ? rebuild(stored) : null;
  if (!question) return { status: 'invalid' };
  const result = grade(question.response, question.answer, response);
  if (result.status !== 'graded') return { status: 'invalid' };
  const ok = await storeAnswer(userId, attemptId, position, {
    response: JSON.stringify(result.response),
    correct: result.correct,
    score: result.score,
    answeredAt: now,
    durationMs: Math.max(0, Math.round(durationMs)),
  });
  if (!ok) return { status: 'submitted' };
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

// ------------------------------------------------------------------ views for pages

/**
 * One question of an attempt as its page gets it. While the answers are not released the
 * browser gets the rendered question and its position (the handle answers are saved under),
 * never its ref: no generator, version, seed or tier.
 */
export interface AttemptQuestionView {
  position: number;
  question: SealedQuestion | null;
  /** The question's ref, for its practice link: only once the attempt's answers are released. */
  ref: QuestionRef | null;
  /** The saved response as given, or null. */
  response: unknown;
  answered: boolean;
  feedback: Feedback | null;
}

export interface Breakdown {
  byTopic: { topic: TopicId; total: number; correct: number; score: number }[];
  byMisconception: { id: string; text: Localized; count: number }[];
  /** Skills answered wrong or left unanswered; inDrills: the student drills it (their cards come due at once). */
  weakSkills: { generator: string; title: Localized; topic: TopicId; inDrills: boolean }[];
}

export interface AttemptView {
  id: string;
  kind: 'assignment' | 'exam' | 'mock';
  title: string | null;
  assignmentId: string | null;
  number: number;
  mock: MockConfig | null;
  startedAt: Date;
  deadline: Date | null;
  dueAt: Date | null;
  submittedAt: Date | null;
  /** Closed by the timer rather than by the student. */
  timedOut: boolean;
  score: number | null;
  late: boolean;
  revealed: boolean;
  questions: AttemptQuestionView[];
  breakdown: Breakdown | null;
}

function parseResponse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function parseMock(text: string | null): MockConfig | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as MockConfig;
    return Array.isArray(v.topics) ? v : null;
  } catch {
    return null;
  }
}

function breakdownOf(attempt: OwnAttempt, built: (Question | null)[]): Breakdown {
  const topics = new Map<TopicId, { total: number; correct: number; score: number }>();
  const misconceptions = new Map<string, { id: string; text: Localized; count: number }>();
  const weak = new Map<string, Breakdown['weakSkills'][number]>();
  attempt.questions.forEach((q, i) => {
    const question = built[i];
    if (!question) return;
    const row = topics.get(question.topic) ?? { total: 0, correct: 0, score: 0 };
    row.total += 1;
    row.correct += q.correct ? 1 : 0;
    row.score += q.score ?? 0;
    topics.set(question.topic, row);
    if (isWeak(q)) {
      const g = getGenerator(q.generator);
      weak.set(q.generator, { generator: q.generator, title: g?.title ?? question.title, topic: question.topic, inDrills: false });
    }
    if (q.response !== null && q.correct === false) {
      const result = grade(question.response, question.answer, parseResponse(q.response));
      if (result.status === 'graded') {
        for (const m of result.misconceptions) {
          const entry = misconceptions.get(m.id) ?? { id: m.id, text: m.text, count: 0 };
          entry.count += 1;
          misconceptions.set(m.id, entry);
        }
      }
    }
  });
  return {
    byTopic: [...topics].map(([topic, r]) => ({ topic, ...r })),
    byMisconception: [...misconceptions.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
    weakSkills: [...weak.values()],
  };
}

/**
 * What the student may see of their attempt. Expired attempts are handed in first. Answers
 * and explanations are included only when the assignment's rules allow them.
 */
export async function getAttemptView(userId: string, attemptId: string, now: Date, lang: Lang): Promise<AttemptView | null> {
  let attempt = await findOwnAttempt(userId, attemptId);
  if (!attempt) return null;
  if (!attempt.submittedAt && attempt.deadline && now > attempt.deadline) {
    await submitLoaded(attempt, now);
    attempt = await findOwnAttempt(userId, attemptId);
    if (!attempt) return null;
  }
  const reveal = revealFor(attempt, now);
  if (reveal === 'all' && !attempt.drillsFedAt) await feedIfRevealed(userId, attempt, now);
  const built = attempt.questions.map(rebuild);
  const questions = attempt.questions.map((q, i): AttemptQuestionView => {
    const question = built[i] ?? null;
    const response = parseResponse(q.response);
    const answered = q.response !== null;
    const show = reveal === 'all' || (reveal === 'answered' && answered);
    return {
      position: q.position,
      question: question ? toSealedQuestion(question) : null,
      ref: reveal === 'all' && question ? question.ref : null,
      response,
      answered,
      feedback: show && question ? (answered ? feedbackFor(question, response, lang) : unansweredFeedback(question, lang)) : null,
    };
  });
  // The breakdown tells which answers were wrong: only once the answers may be seen.
  const breakdown = reveal === 'all' ? breakdownOf(attempt, built) : null;
  if (breakdown) {
    const drilled = await drilledGenerators(userId, breakdown.weakSkills.map((w) => w.generator), (g) => getGenerator(g)?.topic);
    for (const w of breakdown.weakSkills) w.inDrills = drilled.has(w.generator);
  }
  const a = attempt.assignment;
  return {
    id: attempt.id,
    kind: a ? (isExam(a) ? 'exam' : 'assignment') : 'mock',
    title: a?.title ?? null,
    assignmentId: a?.id ?? null,
    number: attempt.number,
    mock: parseMock(attempt.mockConfig),
    startedAt: attempt.startedAt,
    deadline: attempt.deadline,
    dueAt: a?.dueAt ?? null,
    submittedAt: attempt.submittedAt,
    timedOut: !!attempt.submittedAt && !!attempt.deadline && attempt.submittedAt.getTime() === attempt.deadline.getTime(),
    score: attempt.submittedAt ? attempt.score : null,
    late: attempt.late,
    revealed: reveal === 'all',
    questions,
    breakdown,
  };
}

function unansweredFeedback(question: Question, lang: Lang): Feedback {
  return { correct: false, score: 0, answerText: describeAnswer(question, lang), explanation: question.explanation, misconceptions: [] };
}

export type AssignmentStatus = 'upcoming' | 'not-started' | 'in-progress' | 'submitted' | 'late' | 'closed';

export interface AssignmentSummary {
  id: string;
  title: string;
  kind: 'assignment' | 'exam';
  className: string;
  opensAt: Date;
  dueAt: Date;
  status: AssignmentStatus;
  attemptsUsed: number;
  attemptsAllowed: number;
  canStart: boolean;
  /** The latest submitted score, if any. */
  score: number | null;
  openAttemptId: string | null;
  timeLimitMinutes: number | null;
  latePolicy: string;
  latePenalty: number;
}

function summarize(
  a: { id: string; title: string; kind: string; opensAt: Date; dueAt: Date; attemptsAllowed: number; latePolicy: string; latePenalty: number; timeLimitMinutes: number | null; class: { name: string } },
  attempts: readonly { id: string; submittedAt: Date | null; late: boolean; score: number | null }[],
  now: Date,
): AssignmentSummary {
  const open = attempts.find((x) => x.submittedAt === null) ?? null;
  const submitted = attempts.find((x) => x.submittedAt !== null) ?? null;
  const allowed = attemptsAllowed(a);
  const canStart = !open && now >= a.opensAt && attempts.length < allowed && (now <= a.dueAt || lateAllowed(a));
  let status: AssignmentStatus;
  if (open) status = 'in-progress';
  else if (submitted) status = submitted.late ? 'late' : 'submitted';
  else if (now < a.opensAt) status = 'upcoming';
  else status = canStart ? 'not-started' : 'closed';
  return {
    id: a.id,
    title: a.title,
    kind: isExam(a) ? 'exam' : 'assignment',
    className: a.class.name,
    opensAt: a.opensAt,
    dueAt: a.dueAt,
    status,
    attemptsUsed: attempts.length,
    attemptsAllowed: allowed,
    canStart,
    score: submitted?.score ?? null,
    openAttemptId: open?.id ?? null,
    timeLimitMinutes: a.timeLimitMinutes,
    latePolicy: isExam(a) ? 'closed' : a.latePolicy,
    latePenalty: a.latePenalty,
  };
}

/** The student's assignments across their classes, with a status each. */
export async function listAssignmentsForStudent(userId: string, now: Date): Promise<AssignmentSummary[]> {
  await settleExpired(userId, now);
  const rows = await listMemberAssignments(userId);
  return rows.map((a) => summarize(a, a.attempts, now));
}

/** One assignment for its page: null (not found) unless the student is in its class. */
export async function getAssignmentForStudent(userId: string, assignmentId: string, now: Date) {
  await settleExpired(userId, now);
  const assignment = await findAssignmentForMember(userId, assignmentId);
  if (!assignment) return null;
  const attempts = await listAttemptsForAssignment(userId, assignmentId);
  return { summary: summarize(assignment, attempts, now), attempts: attempts.map((x) => ({ id: x.id, number: x.number, submittedAt: x.submittedAt, score: x.score, late: x.late })) };
}
