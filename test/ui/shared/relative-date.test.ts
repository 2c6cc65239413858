import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromTo, formatDay, formatDayWithRelative, formatRelativeDay, isBeforeDay } from '../../../src/ui/shared/relative-date';

const TODAY = '2025-11-06';

describe('relative dates', () => {
  it.each([
    ['2025-11-06', 'today'],
    ['2025-11-05', 'yesterday'],
    ['2025-11-07', 'tomorrow'],
    ['2025-11-03', '3 days ago'],
    ['2025-11-19', 'in 13 days'],
    ['2025-10-23', '2 weeks ago'],
    ['2025-09-08', '8 weeks ago'],
    ['2025-09-07', '2 months ago'],
    ['2026-03-06', 'in 4 months'],
    ['2024-11-06', 'over a year ago'],
    ['2026-11-06', 'in over a year'],
    ['2025-02-30', ''],
    ['yesterday', ''],
  ])('formatRelativeDay(%s) on 2025-11-06 is "%s"', (day, expected) => {
    expect(formatRelativeDay(day, TODAY)).toBe(expected);
  });

  it.each([
    ['2025-11-06', TODAY, 'Thu 6 Nov'],
    ['2025-01-01', TODAY, 'Wed 1 Jan'],
    ['2024-12-31', TODAY, 'Tue 31 Dec 2024'],
    ['2024-02-29', undefined, 'Thu 29 Feb 2024'],
    ['2023-02-29', TODAY, '2023-02-29'],
    ['not a day', TODAY, 'not a day'],
  ])('formatDay(%s, %s) is "%s"', (day, today, expected) => {
    expect(formatDay(day, today)).toBe(expected);
  });

  it('combines both, and leaves malformed days as they came', () => {
    expect(formatDayWithRelative('2025-11-03', TODAY)).toBe('Mon 3 Nov (3 days ago)');
    expect(formatDayWithRelative('2025-13-01', TODAY)).toBe('2025-13-01');
  });

  it('counts days across months, leap years and DST changes exactly', () => {
    expect(daysFromTo('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysFromTo('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysFromTo('2025-10-25', '2025-10-27')).toBe(2);
    expect(daysFromTo('2025-01-01', 'x')).toBeUndefined();
    expect(isBeforeDay('2025-11-05', TODAY)).toBe(true);
    expect(isBeforeDay(TODAY, TODAY)).toBe(false);
    expect(isBeforeDay('garbage', TODAY)).toBe(false);
  });

  it('isBeforeDay agrees with comparing the strings for every valid pair, and daysFromTo is antisymmetric', () => {
    const day = fc
      .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(isBeforeDay(a, b)).toBe(a < b);
        expect((daysFromTo(a, b) as number) + (daysFromTo(b, a) as number)).toBe(0);
      }),
    );
  });
});
