/**
 * The one CSV writer for every CSV the app serves (gradebook, answers, review history).
 *
 * Cells are quoted per RFC 4180 when they hold a comma, a quote or a line break. Text that a
 * spreadsheet would run as a formula (OWASP "CSV injection": a cell starting with `=`, `+`,
 * `-`, `@`, tab or carriage return) gets a leading single quote and is quoted, so Excel,
 * LibreOffice and Google Sheets show it as text: a student named `=HYPERLINK(…)` stays a name.
 * Plain negative numbers (`-3`, `-0.5`) are left alone: they are data, not formulas.
 * Header cells go through the same rule (assignment titles become column names).
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as CSV text. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const formula = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value);
  const text = formula ? `'${value}` : value;
  return formula || NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export interface CsvOptions {
  /** Line ending; RFC 4180's CRLF unless a consumer wants LF. */
  newline?: '\r\n' | '\n';
}

/** A header line and one line per row, each line ending with the newline. */
export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[], { newline = '\r\n' }: CsvOptions = {}): string {
  const line = (cells: readonly CsvCell[]) => cells.map(csvCell).join(',') + newline;
  return line(fields) + rows.map(line).join('');
}

/** Records as CSV, with the columns of the first record (or of `fields` when given). */
export function recordsToCsv(records: readonly Readonly<Record<string, CsvCell>>[], options: CsvOptions & { fields?: readonly string[] } = {}): string {
  const fields = options.fields ?? (records[0] ? Object.keys(records[0]) : []);
  return toCsv(
    fields,
    records.map((r) => fields.map((f) => r[f])),
    options,
  );
}
