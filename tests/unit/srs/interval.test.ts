import { describe, expect, it } from 'vitest';
import { intervalUnit } from '@/lib/srs/interval';
import { DAY, HOUR, MINUTE } from './fixtures';

describe('intervalUnit', () => {
  it('uses the largest readable unit, months and years to one decimal', () => {
    expect(intervalUnit(MINUTE)).toEqual({ unit: 'minute', value: 1 });
    expect(intervalUnit(10 * MINUTE)).toEqual({ unit: 'minute', value: 10 });
    expect(intervalUnit(20_000)).toEqual({ unit: 'minute', value: 1 });
    expect(intervalUnit(5 * HOUR)).toEqual({ unit: 'hour', value: 5 });
    expect(intervalUnit(DAY)).toEqual({ unit: 'day', value: 1 });
    expect(intervalUnit(29 * DAY)).toEqual({ unit: 'day', value: 29 });
    expect(intervalUnit(45 * DAY)).toEqual({ unit: 'month', value: 1.5 });
    expect(intervalUnit(400 * DAY)).toEqual({ unit: 'year', value: 1.1 });
  });
});
