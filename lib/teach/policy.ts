/**
 * Gradebook rules over plain rows: each student's status and best score per assignment, and
 * per-question statistics (mean score, discrimination, the most chosen wrong option and the
 * misconception behind it). No database here; questions come from the lookup passed in.
 */
import { grade } from '@/lib/questions/grade';
import { describeResponse } from '@/lib/questions/public';
import type { Lang, Misconception, Question } from '@/lib/questions/types';

export type Status = 'not-started' | 'in-progress' | 'submitted' | 'late';

export interface AttemptRow {
  userId: string;
  submittedAt: Date | null;
  late: boolean;
  score: number | null;
  questions: readonly QuestionRow[];
}

export interface QuestionRow {
  position: number;
  generator: string;
  version: number;
  seed: bigint | number;
  tier: number;
  response: string | null;
  correct: boolean | null;
  score: number | null;
}

/** The question a stored row's ref stands for, or null when its generator is gone. */
export type QuestionOf = (q: Pick<QuestionRow, 'generator' | 'version' | 'seed' | 'tier'>) => Question | null;

export interface Cell {
  status: Status;
  /** Best submitted score, 0–1. */
  score: number | null;
  attempts: number;
  /** When the attempt that counts was handed in. */
  submittedAt: Date | null;
}

/** A student's cell for one assignment: the best submitted attempt counts. */
export function cellFor(attempts: readonly AttemptRow[]): Cell {
  if (attempts.length === 0) return { status: 'not-started', score: null, attempts: 0, submittedAt: null };
  const best = bestAttempt(attempts);
  if (!best) return { status: 'in-progress', score: null, attempts: attempts.length, submittedAt: null };
  return { status: best.late ? 'late' : 'submitted', score: best.score ?? 0, attempts: attempts.length, submittedAt: best.submittedAt };
}

/** Points earned and possible over a student's assignments, and the share earned. */
export interface Total {
  earned: number;
  possible: number;
  /** 0–1; null when nothing is worth points yet. */
  percent: number | null;
}

/**
 * A student's total: each assignment is worth one point per question, earned in proportion to
 * the counted score (late penalty included); work not handed in earns nothing. Points are
 * rounded to hundredths once, per assignment, so the total equals the sum of its columns.
 */
export function totalFor(cells: readonly { cell: Cell; points: number }[]): Total {
  const earned = cells.reduce((sum, { cell, points }) => sum + pointsEarned(cell, points), 0);
  const possible = cells.reduce((sum, { points }) => sum + points, 0);
  return { earned: Math.round(earned * 100) / 100, possible, percent: possible === 0 ? null : earned / possible };
}

/** Points a cell earns of an assignment worth `points`, to hundredths. */
export function pointsEarned(cell: Cell, points: number): number {
  return Math.round((cell.score ?? 0) * points * 100) / 100;
}

/** The attempt that counts for a student: the best-scoring submitted one (the first on a tie). */
export function bestAttempt<T extends AttemptRow>(attempts: readonly T[]): T | null {
  const submitted = attempts.filter((a) => a.submittedAt !== null);
  return submitted.length ? submitted.reduce((a, b) => ((b.score ?? 0) > (a.score ?? 0) ? b : a)) : null;
}

export interface QuestionStats {
  position: number;
  answered: number;
  meanScore: number | null;
  /** Upper-minus-lower group difference in mean score (top and bottom 27% by attempt score). */
  discrimination: number | null;
  /** The stored response (JSON) and its label in the viewer's language. */
  mostChosenWrong: { response: string; label: string; count: number; misconception: Misconception | null } | null;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Per-position statistics over the best submitted attempt of each student; labels in `lang`. */
export function questionStats(bestAttempts: readonly AttemptRow[], questionOf: QuestionOf, lang: Lang): QuestionStats[] {
  const positions = [...new Set(bestAttempts.flatMap((a) => a.questions.map((q) => q.position)))].sort((a, b) => a - b);
  const ranked = [...bestAttempts].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  const group = Math.max(1, Math.round(ranked.length * 0.27));
  const upper = ranked.slice(0, group);
  const lower = ranked.slice(-group);
  const scoreAt = (a: AttemptRow, p: number) => a.questions.find((q) => q.position === p)?.score ?? 0;
  return positions.map((position) => {
    const rows = bestAttempts.map((a) => a.questions.find((q) => q.position === position)).filter((q): q is QuestionRow => !!q);
    const answered = rows.filter((q) => q.response !== null);
    const wrong = new Map<string, { count: number; label: string; misconception: Misconception | null }>();
    for (const q of answered) {
      if (q.correct) continue;
      const key = q.response as string;
      const entry = wrong.get(key) ?? { count: 0, label: responseLabel(q, questionOf, lang), misconception: misconceptionOf(q, questionOf) };
      entry.count += 1;
      wrong.set(key, entry);
    }
    const top = [...wrong.entries()].sort((a, b) => b[1].count - a[1].count)[0];
    return {
      position,
      answered: answered.length,
      meanScore: mean(rows.map((q) => q.score ?? 0)),
      discrimination: ranked.length >= 2 ? (mean(upper.map((a) => scoreAt(a, position))) ?? 0) - (mean(lower.map((a) => scoreAt(a, position))) ?? 0) : null,
      mostChosenWrong: top ? { response: top[0], label: top[1].label, count: top[1].count, misconception: top[1].misconception } : null,
    };
  });
}

/** A stored response in words (option labels in `lang`); as stored when its generator is gone. */
export function responseLabel(q: QuestionRow, questionOf: QuestionOf, lang: Lang): string {
  if (q.response === null) return '';
  const question = questionOf(q);
  return question ? describeResponse(question, q.response, lang) : q.response;
}

/** The misconception a stored wrong response stands for, re-graded against its question. */
export function misconceptionOf(q: QuestionRow, questionOf: QuestionOf): Misconception | null {
  if (q.response === null) return null;
  const question = questionOf(q);
  if (!question) return null;
  let response: unknown;
  try {
    response = JSON.parse(q.response);
  } catch {
    return null;
  }
  const result = grade(question.response, question.answer, response);
  return result.status === 'graded' ? (result.misconceptions[0] ?? null) : null;
}

/** An override's reason: required, short enough for the audit trail's table. */
export const OVERRIDE_REASON = { min: 3, max: 500 } as const;

export type OverrideProblem = 'score' | 'reason';

/** What is wrong with an override's new score (0–1) and reason, or nothing. */
export function overrideProblems(score: number, reason: string): OverrideProblem[] {
  const problems: OverrideProblem[] = [];
  if (!Number.isFinite(score) || score < 0 || score > 1) problems.push('score');
  const length = reason.trim().length;
  if (length < OVERRIDE_REASON.min || length > OVERRIDE_REASON.max) problems.push('reason');
  return problems;
}

/** One change a regrade made, or would have made but kept because an instructor overrode it. */
export interface RegradeChange {
  userId: string;
  attemptId: string;
  position: number;
  oldScore: number | null;
  newScore: number;
  /** An override stands: the stored score was kept. */
  overridden: boolean;
}

/**
 * A regrade's verdict on one stored answer: the grader's score for the stored response under the
 * recorded question, against the stored score. Unchanged scores and unanswered questions yield
 * nothing; an overridden question is reported with its override kept.
 */
export function regradeChange(row: { userId: string; attemptId: string; position: number; score: number | null; overridden: boolean }, regraded: number | null): RegradeChange | null {
  if (regraded === null || regraded === row.score) return null;
  return { userId: row.userId, attemptId: row.attemptId, position: row.position, oldScore: row.score, newScore: regraded, overridden: row.overridden };
}

/** How much one roster import takes: lines and characters. */
export const ROSTER_LIMITS = { lines: 500, chars: 100_000 } as const;

/** A line of a roster import: the email found in it, or why none was. */
export type RosterLine = { line: number; text: string; email: string } | { line: number; text: string; problem: 'format' | 'duplicate' };

const EMAIL = /^[^\s@,;"<>]+@[^\s@,;"<>]+\.[^\s@,;"<>]+$/;

/**
 * The emails of a pasted list or an uploaded CSV, one entry per non-empty line: a line that is an
 * address (or `Name <address>`), or a CSV row with exactly one cell that is an address (a header
 * row such as `name,email` is skipped). Addresses are lower-cased, like accounts'; a repeat is
 * reported, not imported twice. Nothing here knows who has an account.
 */
export function parseRoster(text: string): RosterLine[] {
  const out: RosterLine[] = [];
  const seen = new Set<string>();
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const cells = line
      .split(/[,;\t]/)
      .map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim())
      .map((c) => /<([^>]+)>$/.exec(c)?.[1] ?? c);
    const emails = cells.filter((c) => EMAIL.test(c));
    if (i === 0 && emails.length === 0 && cells.some((c) => /^e-?mail$/i.test(c))) return;
    if (emails.length !== 1) {
      out.push({ line: i + 1, text: line, problem: 'format' });
      return;
    }
    const email = (emails[0] as string).toLowerCase();
    if (seen.has(email)) out.push({ line: i + 1, text: line, problem: 'duplicate' });
    else out.push({ line: i + 1, text: line, email });
    seen.add(email);
  });
  return out;
}
