/**
 * The gradebook's CSV exports, built from a loaded gradebook (no database here). Times are
 * ISO 8601 in UTC with a `Z` (one reading whoever downloads the file, and what spreadsheets and
 * LMS imports parse); scores are percentages to one decimal, points to hundredths.
 */
import { isoWithOffset } from '@/lib/i18n/zoned-time';
import { recordsToCsv, toCsv, type CsvCell } from '@/lib/http/csv';
import type { Lang } from '@/lib/questions/types';
import { pointsEarned } from './policy';
import { answerRows, cellOf, pointsPossible, totalOf, type Gradebook } from './view';

const iso = (at: Date | null) => (at ? isoWithOffset(at, 'UTC') : null);
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/**
 * gradebook.csv: per student and assignment the counted score (%), points, status, hand-in
 * time and late flag; then the student's total points, the points possible and the percent.
 * Column names stay in English: they are read by scripts as much as by people.
 */
export function gradebookCsv(book: Gradebook): string {
  return recordsToCsv(
    book.data.members.map((m) => {
      const row: Record<string, CsvCell> = { student: m.user.name, email: m.user.email };
      for (const a of book.data.assignments) {
        const cell = cellOf(book, m.user.id, a.id);
        row[`${a.title} score`] = percent(cell.score);
        row[`${a.title} points`] = pointsEarned(cell, pointsPossible(a));
        row[`${a.title} status`] = cell.status;
        row[`${a.title} submitted_at`] = iso(cell.submittedAt);
        row[`${a.title} late`] = cell.status === 'late';
      }
      const total = totalOf(book, m.user.id);
      row.total_points = total.earned;
      row.points_possible = total.possible;
      row.total_percent = percent(total.percent);
      return row;
    }),
  );
}

/**
 * The columns of answers.csv, in order; their headers come in the export's language. The
 * English headers are the snake_case names scripts have read since the first version
 * (student, email, …, true_answer, submitted_answer), so English files stay compatible.
 */
export const ANSWER_COLUMNS = [
  'student',
  'email',
  'assignment',
  'attempt',
  'question',
  'generator',
  'version',
  'seed',
  'tier',
  'trueAnswer',
  'submittedAnswer',
  'submittedLabel',
  'answeredAt',
  'score',
] as const;
export type AnswerColumn = (typeof ANSWER_COLUMNS)[number];

/**
 * answers.csv: one line per question of every attempt. The given answer twice: as stored (ids,
 * JSON: for scripts) and in words in `lang` (like the true answer); the time it was given.
 */
export function answersCsv(book: Gradebook, lang: Lang, header: (column: AnswerColumn) => string): string {
  const rows = answerRows(book, lang).map((r) => {
    const cells: Record<AnswerColumn, CsvCell> = {
      student: r.student,
      email: r.email,
      assignment: r.assignment,
      attempt: r.attempt,
      question: r.position,
      generator: r.generator,
      version: r.version,
      seed: r.seed,
      tier: r.tier,
      trueAnswer: r.trueAnswer,
      submittedAnswer: r.submitted,
      submittedLabel: r.submittedLabel,
      answeredAt: iso(r.answeredAt),
      score: r.score,
    };
    return ANSWER_COLUMNS.map((c) => cells[c]);
  });
  return toCsv(
    ANSWER_COLUMNS.map((c) => header(c)),
    rows,
  );
}

/**
 * Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then one column
 * per assignment "Title (id)", a "Points Possible" line first, then a line per student with
 * the points earned. Canvas matches students by name or login: the login column holds the
 * email, the Canvas ids are left blank (this app does not know them).
 */
export function canvasCsv(book: Gradebook): string {
  const assignments = book.data.assignments;
  const fields = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', ...assignments.map((a) => `${a.title} (${a.id})`)];
  const possible: CsvCell[] = ['Points Possible', '', '', '', '', ...assignments.map(pointsPossible)];
  const students = book.data.members.map((m): CsvCell[] => [
    m.user.name,
    '',
    '',
    m.user.email,
    book.data.name,
    ...assignments.map((a) => {
      const cell = cellOf(book, m.user.id, a.id);
      return cell.score === null ? null : pointsEarned(cell, pointsPossible(a));
    }),
  ]);
  return toCsv(fields, [possible, ...students]);
}

/**
 * Moodle's grade import (Grades → Import → CSV file): an identifier column ("Email address",
 * mapped to the user's email) and one column per grade item with a percentage (0–100), which
 * fits the maximum grade of 100 that a grade item made by the import gets.
 */
export function moodleCsv(book: Gradebook): string {
  const assignments = book.data.assignments;
  const fields = ['Email address', ...assignments.map((a) => a.title)];
  const rows = book.data.members.map((m): CsvCell[] => [m.user.email, ...assignments.map((a) => percent(cellOf(book, m.user.id, a.id).score))]);
  return toCsv(fields, rows);
}
