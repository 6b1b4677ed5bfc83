/**
 * The rules of graded work (assignments, class exams, mock exams) as plain functions of plain
 * data and the time passed in: who may start, when an attempt stops taking answers, what a
 * hand-in scores, and when answers are shown. Nothing here reads the database or the clock.
 */
import type { TopicId } from '@/lib/questions/types';
import { MOCK_LIMITS } from './limits';

export type { SeedPolicy, ShowAnswers } from './assignment-options';

export const MINUTE = 60_000;

export interface MockConfig {
  topics: TopicId[];
  count: number;
  minutes: number;
  /** Exam mode: practice and drills refuse the student until the mock exam ends. */
  lockdown?: boolean;
}

type Kind = { kind: string };
type LateRules = Kind & { latePolicy: string };
type Window = LateRules & { opensAt: Date; dueAt: Date; attemptsAllowed: number };

export const isExam = (a: Kind) => a.kind === 'exam';

/** Exams never take late work; assignments do with latePolicy "penalty". */
export const lateAllowed = (a: LateRules) => !isExam(a) && a.latePolicy === 'penalty';

/** An exam is taken once; an assignment as often as it allows (at least once). */
export const attemptsAllowed = (a: Kind & { attemptsAllowed: number }) => (isExam(a) ? 1 : Math.max(1, a.attemptsAllowed));

/**
 * The label whose keyed hash seeds question `i` of an attempt, by the assignment's seed
 * policy: one question for the whole class ("shared"), one per student ("per-student", the
 * default), or a fresh one on every attempt ("per-attempt").
 */
export function seedLabel(policy: string, assignmentId: string, userId: string, attemptNumber: number, i: number): string {
  if (policy === 'shared') return `assignment:${assignmentId}:${i}`;
  if (policy === 'per-attempt') return `assignment:${assignmentId}:${userId}:${attemptNumber}:${i}`;
  return `assignment:${assignmentId}:${userId}:${i}`;
}

/** The tier a generator offers that is closest to the one wanted (the lowest on a tie). */
export function closestTier<T extends number>(tiers: readonly T[], wanted: number): T {
  if (tiers.includes(wanted as T)) return wanted as T;
  return tiers.reduce((best, t) => (Math.abs(t - wanted) < Math.abs(best - wanted) ? t : best), tiers[0] as T);
}

/**
 * When an attempt started at `startedAt` stops taking answers: at the due time unless late work
 * is allowed, and at the end of the time limit if there is one; null when neither applies.
 */
export function attemptDeadline(a: LateRules & { timeLimitMinutes: number | null; dueAt: Date }, startedAt: Date): Date | null {
  return firstEnd(startedAt, a.timeLimitMinutes, lateAllowed(a) ? null : a.dueAt);
}

/** The earlier of the time limit's end (counted from `startedAt`) and the due time that stops the work; null when neither. */
function firstEnd(startedAt: Date, timeLimitMinutes: number | null, stopsAt: Date | null): Date | null {
  const ends: number[] = [];
  if (stopsAt) ends.push(stopsAt.getTime());
  if (timeLimitMinutes) ends.push(startedAt.getTime() + timeLimitMinutes * MINUTE);
  return ends.length > 0 ? new Date(Math.min(...ends)) : null;
}

/**
 * When an instructor's preview started at `startedAt` stops taking answers: as a student's who
 * starts now inside the window (the time limit runs from the start, and the due time stops it
 * where late work is refused), except that a due time already past stops nothing, so work can be
 * previewed before it opens and after it closes. Null when neither applies.
 */
export function previewDeadline(a: LateRules & { timeLimitMinutes: number | null; dueAt: Date }, startedAt: Date): Date | null {
  return firstEnd(startedAt, a.timeLimitMinutes, !lateAllowed(a) && a.dueAt > startedAt ? a.dueAt : null);
}

export type StartRefusal = 'not-open' | 'no-attempts-left' | 'closed';

/**
 * Why a student with `used` attempts (none of them open) may not start another at `now`, or
 * null when they may: not before opening, not beyond the attempts allowed, and not after the
 * due time unless late work is taken.
 */
export function startRefusal(a: Window, used: number, now: Date): StartRefusal | null {
  if (now < a.opensAt) return 'not-open';
  if (used >= attemptsAllowed(a)) return 'no-attempts-left';
  if (now > a.dueAt && !lateAllowed(a)) return 'closed';
  return null;
}

/** An attempt closed by its timer counts as handed in when the time ran out, however late it is read. */
export function handInTime(deadline: Date | null, now: Date): Date {
  return deadline && now > deadline ? deadline : now;
}

/** Whether an open attempt has run out of time at `now`. */
export const expired = (deadline: Date | null, now: Date) => !!deadline && now > deadline;

/**
 * The score of a hand-in: the mean of the question scores (unanswered = 0), marked late when
 * handed in after the due time, with the late penalty (a fraction, clamped to 0–1) taken off
 * where late work is allowed.
 */
export function handInScore(
  questionScores: readonly (number | null)[],
  submittedAt: Date,
  assignment: (LateRules & { dueAt: Date; latePenalty: number }) | null,
): { score: number; late: boolean } {
  const raw = questionScores.length === 0 ? 0 : questionScores.reduce((sum: number, s) => sum + (s ?? 0), 0) / questionScores.length;
  const late = !!assignment && submittedAt > assignment.dueAt;
  const score = late && assignment && lateAllowed(assignment) ? raw * (1 - Math.min(1, Math.max(0, assignment.latePenalty))) : raw;
  return { score, late };
}

/** A question not answered right (wrong or left unanswered) marks its skill as weak. */
export const isWeak = (q: { correct: boolean | null }) => q.correct !== true;

/** The weak skills of an attempt, each once. */
export const weakGenerators = (questions: readonly { generator: string; correct: boolean | null }[]) => [...new Set(questions.filter(isWeak).map((q) => q.generator))];

export type RevealInput = { submittedAt: Date | null; assignment: (Kind & { showAnswers: string; dueAt: Date }) | null };
export type Reveal = 'never' | 'answered' | 'all';

/**
 * What the student may see of answers and explanations: nothing, the questions already
 * answered, or all. A mock exam shows all once handed in; a class exam nothing before; an
 * assignment follows its showAnswers setting.
 */
export function revealFor(attempt: RevealInput, now: Date): Reveal {
  const a = attempt.assignment;
  if (!a) return attempt.submittedAt === null ? 'never' : 'all';
  if (isExam(a)) return attempt.submittedAt ? 'all' : 'never';
  if (a.showAnswers === 'after-question') return attempt.submittedAt ? 'all' : 'answered';
  if (a.showAnswers === 'after-due') return attempt.submittedAt && now >= a.dueAt ? 'all' : 'never';
  return attempt.submittedAt ? 'all' : 'never';
}

/** A mock exam's settings within MOCK_LIMITS (topics each once), or null when outside them. */
export function checkMockConfig(config: MockConfig): { topics: TopicId[]; count: number; minutes: number } | null {
  const { count, minutes } = config;
  const topics = [...new Set(config.topics)];
  if (topics.length === 0 || !Number.isInteger(count) || count < MOCK_LIMITS.count.min || count > MOCK_LIMITS.count.max) return null;
  if (!Number.isInteger(minutes) || minutes < MOCK_LIMITS.minutes.min || minutes > MOCK_LIMITS.minutes.max) return null;
  return { topics, count, minutes };
}

/** `count` generators of the chosen topics, taken round-robin across the topics that have any. */
export function mockGenerators(topics: readonly TopicId[], count: number, generators: readonly { id: string; topic: TopicId }[]): string[] {
  const byTopic = topics.map((topic) => generators.filter((g) => g.topic === topic).map((g) => g.id)).filter((ids) => ids.length > 0);
  if (byTopic.length === 0) return [];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const ids = byTopic[i % byTopic.length] as string[];
    out.push(ids[Math.floor(i / byTopic.length) % ids.length] as string);
  }
  return out;
}

/**
 * One student's accommodations for one assignment: a time multiplier on timed work (from the
 * class's accommodation, 1 when none) and their own due time (an extension), null when none.
 */
export interface StudentTerms {
  timeMultiplier: number;
  extendedDueAt: Date | null;
}

export const NO_ACCOMMODATION: StudentTerms = { timeMultiplier: 1, extendedDueAt: null };

/** The multipliers an instructor may set: no less time than the class, at most four times as much. */
export const TIME_MULTIPLIER = { min: 1, max: 4 } as const;

/**
 * The assignment as it stands for one student. An extension replaces the class's due time. A
 * multiplier scales the time limit (rounded up to whole minutes) and moves the window's end by
 * the same extra time, so a student who starts with the class gets all of it; timed-out hand-ins
 * inside that extra time are not late. Every rule of graded work reads the assignment through
 * this, so the deadline, the start refusal, the late mark and the reveal agree.
 */
export function forStudent<A extends { dueAt: Date; timeLimitMinutes?: number | null }>(a: A, terms: StudentTerms): A {
  const dueAt = terms.extendedDueAt ?? a.dueAt;
  const limit = a.timeLimitMinutes ?? null;
  if (!limit || terms.timeMultiplier <= 1) return { ...a, dueAt };
  const scaled = Math.ceil(limit * terms.timeMultiplier);
  return { ...a, timeLimitMinutes: scaled, dueAt: new Date(dueAt.getTime() + (scaled - limit) * MINUTE) };
}

/** When one student's attempt started at `startedAt` stops taking answers, their accommodations applied. */
export function studentDeadline(a: LateRules & { timeLimitMinutes: number | null; dueAt: Date }, terms: StudentTerms, startedAt: Date): Date | null {
  return attemptDeadline(forStudent(a, terms), startedAt);
}

export type ExtensionRefusal = 'not-later';

/** An extension only ever gives more time: its due time comes after the class's. */
export const extensionRefusal = (classDueAt: Date, extendedDueAt: Date): ExtensionRefusal | null => (extendedDueAt > classDueAt ? null : 'not-later');

/** Whether a multiplier is one an instructor may set. */
export const validMultiplier = (m: number) => Number.isFinite(m) && m >= TIME_MULTIPLIER.min && m <= TIME_MULTIPLIER.max;

/**
 * Whether a student may practise an assignment's questions as fresh variants: once their own due
 * time has passed (an extension keeps it shut until then). The links carry generator and tier
 * only; the practice page draws a new seed, never the graded one.
 */
export const freshPracticeOpen = (a: { dueAt: Date }, now: Date) => now > a.dueAt;

/** One link per question of the set: its generator and the tier the attempt gives it. */
export function freshPracticeItems(items: readonly { generator: string; tier: number; count: number }[], tierOf: (generator: string, wanted: number) => number | null) {
  const out: { position: number; generator: string; tier: number }[] = [];
  let position = 0;
  for (const item of items) {
    const tier = tierOf(item.generator, item.tier);
    for (let k = 0; k < item.count; k++, position++) if (tier !== null) out.push({ position, generator: item.generator, tier });
  }
  return out;
}
