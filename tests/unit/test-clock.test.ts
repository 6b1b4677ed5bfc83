import { describe, expect, it } from 'vitest';
import { testClockOffset } from '@/lib/test-clock';

describe('testClockOffset', () => {
  it('reads a whole number of milliseconds, either way', () => {
    expect(testClockOffset('86400000')).toBe(86_400_000);
    expect(testClockOffset('-5000')).toBe(-5000);
  });

  it('is 0 for a missing, fractional, non-numeric or unsafe value', () => {
    expect(testClockOffset(undefined)).toBe(0);
    expect(testClockOffset('1.5')).toBe(0);
    expect(testClockOffset('soon')).toBe(0);
    expect(testClockOffset('1e300')).toBe(0);
  });
});
