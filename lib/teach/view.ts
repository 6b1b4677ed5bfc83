/**
 * What the gradebook page and its CSV exports render: cells per student and assignment, and
 * the answer rows of the per-student detail. Built from loaded rows; no database here.
 */
import type { GradebookData } from '@/lib/db/assignments';
import { describeAnswer } from '@/lib/questions/public';
import { buildQuestion, checkRef } from '@/lib/questions/registry';
import type { Lang, Question, Tier } from '@/lib/questions/types';
import { bestAttempt, cellFor, questionStats, responseLabel, totalFor, type Cell, type QuestionOf, type QuestionStats, type Total } from './policy';

export interface Gradebook {
  data: GradebookData;
  cells: Map<string, Cell>;
  stats: Map<string, QuestionStats[]>;
}

const key = (userId: string, assignmentId: string) => `${userId}:${assignmentId}`;

/**
 * A question lookup for one request that builds each distinct ref once: in a class on a
 * shared seed policy every student's attempt has the same questions.
 */
export function questionsOnce(): QuestionOf {
  const built = new Map<string, Question | null>();
  return (q) => {
    const ref = { generator: q.generator, version: q.version, seed: Number(q.seed), tier: q.tier as Tier };
    const id = `${ref.generator}@${ref.version}#${ref.seed}/${ref.tier}`;
    let question = built.get(id);
    if (question === undefined) {
      question = checkRef(ref) ? null : buildQuestion(ref);
      built.set(id, question);
    }
    return question;
  };
}

/** Cells and per-question statistics of the class's current members; answer labels in `lang`. */
export function gradebookOf(data: GradebookData, questionOf: QuestionOf, lang: Lang): Gradebook {
  const members = new Set(data.members.map((m) => m.user.id));
  const cells = new Map<string, Cell>();
  const stats = new Map<string, QuestionStats[]>();
  for (const a of data.assignments) {
    const attempts = a.attempts.filter((x) => members.has(x.userId));
    for (const m of data.members) cells.set(key(m.user.id, a.id), cellFor(attempts.filter((x) => x.userId === m.user.id)));
    const bests = data.members.map((m) => bestAttempt(attempts.filter((x) => x.userId === m.user.id))).filter((x): x is (typeof attempts)[number] => x !== null);
    stats.set(a.id, questionStats(bests, questionOf, lang));
  }
  return { data, cells, stats };
}

export function cellOf(book: Gradebook, userId: string, assignmentId: string): Cell {
  return book.cells.get(key(userId, assignmentId)) ?? { status: 'not-started', score: null, attempts: 0, submittedAt: null };
}

/** Points an assignment is worth: one per question its set gives each attempt. */
export function pointsPossible(assignment: GradebookData['assignments'][number]): number {
  return assignment.set.items.reduce((sum, item) => sum + item.count, 0);
}

/** A student's total over every assignment of the class. */
export function totalOf(book: Gradebook, userId: string): Total {
  return totalFor(book.data.assignments.map((a) => ({ cell: cellOf(book, userId, a.id), points: pointsPossible(a) })));
}

export interface AnswerRow {
  student: string;
  email: string;
  userId: string;
  assignment: string;
  attempt: number;
  position: number;
  generator: string;
  version: number;
  seed: string;
  tier: number;
  trueAnswer: string;
  /** The stored response (JSON, ids) for machines; empty when unanswered. */
  submitted: string;
  /** The same response in words, in the requested language. */
  submittedLabel: string;
  answeredAt: Date | null;
  score: number;
  durationMs: number | null;
}

/**
 * The answer rows of the class's members (of one student when `userId` is given: the others'
 * questions are then not built), for the per-student detail and the CSV export.
 */
export function answerRows(book: Gradebook, lang: Lang, questionOf: QuestionOf = questionsOnce(), userId?: string): AnswerRow[] {
  const names = new Map(book.data.members.map((m) => [m.user.id, m.user]));
  const rows: AnswerRow[] = [];
  for (const a of book.data.assignments) {
    for (const attempt of a.attempts) {
      if (userId !== undefined && attempt.userId !== userId) continue;
      const who = names.get(attempt.userId);
      if (!who) continue;
      for (const q of attempt.questions) {
        const question = questionOf(q);
        rows.push({
          student: who.name,
          email: who.email,
          userId: who.id,
          assignment: a.title,
          attempt: attempt.number,
          position: q.position + 1,
          generator: q.generator,
          version: q.version,
          seed: q.seed.toString(),
          tier: q.tier,
          trueAnswer: question ? describeAnswer(question, lang) : '',
          submitted: q.response ?? '',
          submittedLabel: responseLabel(q, questionOf, lang),
          answeredAt: q.answeredAt,
          score: q.score ?? 0,
          durationMs: q.durationMs,
        });
      }
    }
  }
  return rows;
}
