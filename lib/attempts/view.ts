/**
 * What the attempt pages render, built from stored rows and the questions rebuilt from their
 * refs. No database and no clock here: the service loads, settles and decides what is revealed.
 */
import { grade } from '@/lib/questions/grade';
import { toSealedQuestion, type SealedQuestion } from '@/lib/questions/public';
import { verdictOf, type Verdict } from '@/lib/questions/verdict';
import { getGenerator } from '@/lib/questions/registry';
import type { Lang, Localized, Question, QuestionRef, TopicId } from '@/lib/questions/types';
import { attemptsAllowed, isExam, isWeak, startRefusal, type MockConfig, type Reveal } from './policy';


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
  feedback: Verdict | null;
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

/** A stored attempt as the view needs it. */
export interface StoredAttempt {
  id: string;
  number: number;
  mockConfig: string | null;
  startedAt: Date;
  deadline: Date | null;
  submittedAt: Date | null;
  score: number | null;
  late: boolean;
  assignment: { id: string; kind: string; title: string; dueAt: Date } | null;
  questions: readonly { position: number; generator: string; response: string | null; correct: boolean | null; score: number | null }[];
}

/** A stored response as given; null when none is stored (or it is unreadable). */
export function parseResponse(text: string | null): unknown {
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

/** The feedback on a response to a question; null when the response does not fit it. */
export function feedbackFor(question: Question, response: unknown, lang: Lang): Verdict | null {
  const result = grade(question.response, question.answer, response);
  return result.status === 'graded' ? verdictOf(question, result, lang) : null;
}

function unansweredFeedback(question: Question, lang: Lang): Verdict {
  return verdictOf(question, { correct: false, score: 0, misconceptions: [] }, lang);
}

/**
 * Scores by topic, the misconceptions behind wrong answers, and the weak skills, over the
 * questions that could be rebuilt (`built[i]` is question i, or null). `drilled` names the
 * weak skills the student drills.
 */
export function breakdownOf(attempt: StoredAttempt, built: readonly (Question | null)[], drilled: ReadonlySet<string>): Breakdown {
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
      weak.set(q.generator, { generator: q.generator, title: g?.title ?? question.title, topic: question.topic, inDrills: drilled.has(q.generator) });
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

/** The skills the breakdown will list as weak: those of weak questions that could be rebuilt. */
export function weakSkillsShown(attempt: StoredAttempt, built: readonly (Question | null)[]): string[] {
  return [...new Set(attempt.questions.filter((q, i) => built[i] && isWeak(q)).map((q) => q.generator))];
}

/**
 * The attempt page's view: each question sealed, with feedback where `reveal` allows it, and
 * the ref and the breakdown only once everything is revealed.
 */
export function attemptView(attempt: StoredAttempt, built: readonly (Question | null)[], reveal: Reveal, breakdown: Breakdown | null, lang: Lang): AttemptView {
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
    // The breakdown tells which answers were wrong: only once the answers may be seen.
    breakdown: reveal === 'all' ? breakdown : null,
  };
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

/** One assignment's line for the student at `now`, from their attempts (newest first). */
export function summarize(
  a: { id: string; title: string; kind: string; opensAt: Date; dueAt: Date; attemptsAllowed: number; latePolicy: string; latePenalty: number; timeLimitMinutes: number | null; class: { name: string } },
  attempts: readonly { id: string; submittedAt: Date | null; late: boolean; score: number | null }[],
  now: Date,
): AssignmentSummary {
  const open = attempts.find((x) => x.submittedAt === null) ?? null;
  const submitted = attempts.find((x) => x.submittedAt !== null) ?? null;
  const canStart = !open && startRefusal(a, attempts.length, now) === null;
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
    attemptsAllowed: attemptsAllowed(a),
    canStart,
    score: submitted?.score ?? null,
    openAttemptId: open?.id ?? null,
    timeLimitMinutes: a.timeLimitMinutes,
    latePolicy: isExam(a) ? 'closed' : a.latePolicy,
    latePenalty: a.latePenalty,
  };
}
