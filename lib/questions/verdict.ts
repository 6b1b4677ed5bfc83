/**
 * What a learner is told after answering, wherever they answer (practice, drills, exams and
 * assignments): one shape, made in one place.
 */
import type { GradeResult } from './grade';
import { describeAnswer } from './public';
import { openAtAskedStep } from './registry';
import type { Answer, Explanation, Lang, Misconception, Question, QuestionRef } from './types';

export interface Verdict {
  readonly correct: boolean;
  /** 0–1; partial credit for multi-select. */
  readonly score: number;
  readonly answer: Answer;
  /** The answer as the learner reads it, in their language. */
  readonly answerText: string;
  readonly explanation: Explanation;
  /** The misconceptions the chosen wrong options stand for. */
  readonly misconceptions: readonly Misconception[];
}

/** What checking a practice answer gives: a verdict, or why there is none. */
export type CheckResult =
  | ({ status: 'graded' } & Verdict)
  | { status: 'invalid'; reason: string }
  /** Exam mode: the signed-in student has a locked exam running. */
  | { status: 'locked'; message: string };

/** Grades a practice answer to the question a ref names (a server action, passed to the player). */
export type CheckAnswer = (input: QuestionRef & { response: unknown }) => Promise<CheckResult>;

/** The verdict on a graded response to `question`. */
export function verdictOf(question: Question, result: Pick<Extract<GradeResult, { status: 'graded' }>, 'correct' | 'score' | 'misconceptions'>, lang: Lang): Verdict {
  return {
    correct: result.correct,
    score: result.score,
    answer: question.answer,
    answerText: describeAnswer(question, lang),
    explanation: openAtAskedStep(question),
    misconceptions: result.misconceptions,
  };
}
