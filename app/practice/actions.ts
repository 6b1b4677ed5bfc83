'use server';

import { currentLockdown } from '@/lib/attempts/lockdown';
import { currentLang } from '@/lib/i18n/current-lang';
import { grade } from '@/lib/questions/grade';
import { describeAnswer } from '@/lib/questions/public';
import { buildQuestion, checkRef } from '@/lib/questions/registry';
import type { Answer, Explanation, Misconception, Tier } from '@/lib/questions/types';
import { checkAnswerInput } from './schema';

export type CheckResult =
  | {
      status: 'graded';
      correct: boolean;
      score: number;
      answer: Answer;
      answerText: string;
      explanation: Explanation;
      misconceptions: readonly Misconception[];
    }
  | { status: 'invalid'; reason: string }
  /** Exam mode: the signed-in student has a locked exam running. */
  | { status: 'locked'; message: string };

/** Grades a practice answer. Nothing is stored: practice is free play. */
export async function checkAnswer(input: unknown): Promise<CheckResult> {
  const lockdown = await currentLockdown();
  if (lockdown) return { status: 'locked', message: lockdown.message };
  const parsed = checkAnswerInput.safeParse(input);
  if (!parsed.success) return { status: 'invalid', reason: 'request' };
  const { response, ...ref } = parsed.data;
  const problem = checkRef(ref);
  if (problem) return { status: 'invalid', reason: problem };
  const question = buildQuestion({ ...ref, tier: ref.tier as Tier });
  const result = grade(question.response, question.answer, response);
  if (result.status === 'invalid') return { status: 'invalid', reason: result.reason };
  const lang = await currentLang();
  return {
    status: 'graded',
    correct: result.correct,
    score: result.score,
    answer: question.answer,
    answerText: describeAnswer(question, lang),
    explanation: question.explanation,
    misconceptions: result.misconceptions,
  };
}
