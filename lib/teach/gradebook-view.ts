import 'server-only';
import { settleExpiredInClass } from '@/lib/attempts/service';
import { gradebookData, type GradebookData } from '@/lib/db/assignments';
import { buildQuestion, checkRef } from '@/lib/questions/registry';
import { describeAnswer } from '@/lib/questions/public';
import type { Lang, Tier } from '@/lib/questions/types';
import { cellFor, questionStats, type AttemptRow, type Cell, type QuestionStats } from './gradebook';

export interface Gradebook {
  data: GradebookData;
  cells: Map<string, Cell>;
  stats: Map<string, QuestionStats[]>;
}

const key = (userId: string, assignmentId: string) => `${userId}:${assignmentId}`;

function best(attempts: readonly AttemptRow[]): AttemptRow | null {
  const submitted = attempts.filter((a) => a.submittedAt !== null);
  return submitted.length ? submitted.reduce((a, b) => ((b.score ?? 0) > (a.score ?? 0) ? b : a)) : null;
}

/**
 * The instructor's gradebook for one class at time `now`, or null when the class is not
 * theirs. Attempts whose time ran out are handed in first.
 */
export async function loadGradebook(instructorId: string, classId: string, now: Date): Promise<Gradebook | null> {
  await settleExpiredInClass(instructorId, classId, now);
  const data = await gradebookData(instructorId, classId);
  if (!data) return null;
  const members = new Set(data.members.map((m) => m.user.id));
  const cells = new Map<string, Cell>();
  const stats = new Map<string, QuestionStats[]>();
  for (const a of data.assignments) {
    const attempts = a.attempts.filter((x) => members.has(x.userId));
    for (const m of data.members) cells.set(key(m.user.id, a.id), cellFor(attempts.filter((x) => x.userId === m.user.id)));
    const bests = data.members.map((m) => best(attempts.filter((x) => x.userId === m.user.id))).filter((x): x is AttemptRow => x !== null);
    stats.set(a.id, questionStats(bests));
  }
  return { data, cells, stats };
}

export function cellOf(book: Gradebook, userId: string, assignmentId: string): Cell {
  return book.cells.get(key(userId, assignmentId)) ?? { status: 'not-started', score: null, attempts: 0 };
}

/** Every answer row, for the per-student detail and the CSV export. */
export function answerRows(book: Gradebook, lang: Lang) {
  const names = new Map(book.data.members.map((m) => [m.user.id, m.user]));
  const rows: {
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
    submitted: string;
    score: number;
    durationMs: number | null;
  }[] = [];
  for (const a of book.data.assignments) {
    for (const attempt of a.attempts) {
      const who = names.get(attempt.userId);
      if (!who) continue;
      for (const q of attempt.questions) {
        const ref = { generator: q.generator, version: q.version, seed: Number(q.seed), tier: q.tier as Tier };
        const trueAnswer = checkRef(ref) ? '' : describeAnswer(buildQuestion(ref), lang);
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
          trueAnswer,
          submitted: q.response ?? '',
          score: q.score ?? 0,
          durationMs: q.durationMs,
        });
      }
    }
  }
  return rows;
}
