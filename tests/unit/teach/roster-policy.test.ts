import { describe, expect, it } from 'vitest';
import { parseRoster } from '@/lib/teach/policy';

describe('roster import parsing (no database)', () => {
  it('takes one email per line, lower-cased, skipping blank lines', () => {
    expect(parseRoster('Ana@Example.edu\n\n  ben@example.edu  \r\n')).toEqual([
      { line: 1, text: 'Ana@Example.edu', email: 'ana@example.edu' },
      { line: 3, text: 'ben@example.edu', email: 'ben@example.edu' },
    ]);
  });

  it('reads a CSV with a header row, quoted cells and a BOM, and "Name <email>"', () => {
    const csv = '\ufeffname,email,section\n"Kim, Ana",ana@example.edu,A\nBen Lee,"ben@example.edu",B\nCara <cara@example.edu>';
    expect(parseRoster(csv).map((l) => ('email' in l ? l.email : l.problem))).toEqual(['ana@example.edu', 'ben@example.edu', 'cara@example.edu']);
  });

  it('refuses lines without exactly one email, and reports repeats', () => {
    expect(parseRoster('not an email\nana@example.edu, ben@example.edu\nana@x.edu\nANA@x.edu\nfoo@bar')).toEqual([
      { line: 1, text: 'not an email', problem: 'format' },
      { line: 2, text: 'ana@example.edu, ben@example.edu', problem: 'format' },
      { line: 3, text: 'ana@x.edu', email: 'ana@x.edu' },
      { line: 4, text: 'ANA@x.edu', problem: 'duplicate' },
      { line: 5, text: 'foo@bar', problem: 'format' },
    ]);
  });
});
