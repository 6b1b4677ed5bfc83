import { describe, expect, it } from 'vitest';
import { overrideProblems, regradeChange } from '@/lib/teach/policy';

describe('override and regrade rules (no database)', () => {
  it('an override needs a score from 0 to 1 and a reason of 3–500 characters', () => {
    expect(overrideProblems(0.5, 'partial credit: right frame count')).toEqual([]);
    expect(overrideProblems(0, 'nope')).toEqual([]);
    expect(overrideProblems(1, 'abc')).toEqual([]);
    expect(overrideProblems(1.01, 'a good reason')).toEqual(['score']);
    expect(overrideProblems(-0.1, 'a good reason')).toEqual(['score']);
    expect(overrideProblems(Number.NaN, 'a good reason')).toEqual(['score']);
    expect(overrideProblems(0.5, '  ab  ')).toEqual(['reason']);
    expect(overrideProblems(0.5, 'x'.repeat(501))).toEqual(['reason']);
    expect(overrideProblems(2, '')).toEqual(['score', 'reason']);
  });

  it('a regrade reports changed scores only, and marks overridden questions', () => {
    const row = { userId: 'u', attemptId: 'a', position: 2, score: 0, overridden: false };
    expect(regradeChange(row, 0)).toBeNull();
    expect(regradeChange(row, null)).toBeNull();
    expect(regradeChange(row, 1)).toEqual({ userId: 'u', attemptId: 'a', position: 2, oldScore: 0, newScore: 1, overridden: false });
    expect(regradeChange({ ...row, overridden: true, score: 0.5 }, 1)).toMatchObject({ oldScore: 0.5, newScore: 1, overridden: true });
  });
});
