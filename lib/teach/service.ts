import 'server-only';
import { settleExpiredInClass } from '@/lib/attempts/service';
import { gradebookData } from '@/lib/db/assignments';
import type { Lang } from '@/lib/questions/types';
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
export async function gradebookPage(instructorId: string, classId: string, now: Date, lang: Lang, student?: string): Promise<{ book: Gradebook; detail: AnswerRow[] } | null> {
  await settleExpiredInClass(instructorId, classId, now);
  const data = await gradebookData(instructorId, classId);
  if (!data) return null;
  const questionOf = questionsOnce();
  const book = gradebookOf(data, questionOf, lang);
  return { book, detail: student ? answerRows(book, lang, questionOf, student) : [] };
}
