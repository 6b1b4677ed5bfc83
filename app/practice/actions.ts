'use server';

import { currentLockdown } from '@/lib/attempts/lockdown';
import { currentLang } from '@/lib/i18n/current-lang';
import { grade } from '@/lib/questions/grade';
import { buildQuestion, checkRef } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';
import { verdictOf, type CheckResult } from '@/lib/questions/verdict';
import { checkAnswerInput } from './schema';

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
  return { status: 'graded', ...verdictOf(question, result, lang) };
}
