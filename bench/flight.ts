/** Reading React flight replies (server actions, RSC payloads) the way the browser's runtime does, for the HTTP bench. */

/**
 * The rows of a flight reply by id. A row is `<hex id>:<JSON>\n`, or a text row
 * `<hex id>:T<hex byte length>,<text>` with no newline after it: the next row may start on the
 * same line, so text rows are cut by their length in UTF-8 bytes, never by lines. Hint rows
 * (`:HL[…]`) have no id and are skipped.
 */
export function flightRows(text: string): Map<string, string> {
  const bytes = Buffer.from(text, 'utf8');
  const rows = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(0x3a, at);
    if (colon < 0) break;
    const key = bytes.toString('utf8', at, colon);
    if (!/^[0-9a-f]*$/.test(key)) break;
    const comma = bytes[colon + 1] === 0x54 ? bytes.indexOf(0x2c, colon + 2) : -1;
    const length = comma > 0 ? Number.parseInt(bytes.toString('utf8', colon + 2, comma), 16) : Number.NaN;
    let end: number;
    let value: string;
    if (Number.isInteger(length)) {
      end = comma + 1 + length;
      value = bytes.toString('utf8', comma + 1, end);
    } else {
      const newline = bytes.indexOf(0x0a, colon);
      end = newline < 0 ? bytes.length : newline + 1;
      value = bytes.toString('utf8', colon + 1, newline < 0 ? bytes.length : newline);
    }
    if (key && !rows.has(key)) rows.set(key, value);
    at = end;
  }
  return rows;
}

/** The action's return value from a flight reply: row 0 points at the row holding it. */
export function actionState(text: string): Record<string, unknown> | null {
  const rows = flightRows(text);
  try {
    const first = JSON.parse(rows.get('0') ?? 'null') as { a?: unknown } | null;
    const ref = typeof first?.a === 'string' && first.a.startsWith('$@') ? first.a.slice(2) : null;
    const value = (ref !== null ? JSON.parse(rows.get(ref) ?? 'null') : first?.a) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
