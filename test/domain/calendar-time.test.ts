import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDay,
  compareDays,
  countWorkingDays,
  dayFromNumber,
  dayNumber,
  dayOf,
  daysBetween,
  eachDay,
  isCalendarDay,
  isValidTimeZone,
  isWorkingDay,
  monthOf,
  nextPeriod,
  offsetAt,
  periodInstants,
  periodLength,
  periodOf,
  previousPeriod,
  quarterOf,
  startOfDay,
  startOfWeek,
  subPeriods,
  weekdayOf,
  weekOf,
  workingDaysIn,
  yearOf,
} from '../../src/domain/calendar-time';

const HOUR = 3_600_000;
const iso = (text: string) => Date.parse(text);

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Havana',
  'Pacific/Apia',
  'America/St_Johns',
  'Asia/Kathmandu',
] as const;

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-02-29', 11_016],
    ['2026-11-22', 20_779],
    ['0001-01-01', -719_162],
  ])('%s is day %i', (day, n) => {
    expect(dayNumber(day)).toBe(n);
    expect(dayFromNumber(n)).toBe(day);
  });

  it('agrees with Date.UTC for every day from 1900 to 2400', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 157_000 }), (n) => {
        const date = new Date(n * 86_400_000);
        const expected = calendarDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
        expect(dayFromNumber(n)).toBe(expected);
        expect(dayNumber(expected)).toBe(n);
        expect(weekdayOf(expected)).toBe(date.getUTCDay());
      }),
    );
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['', false],
  ])('isCalendarDay(%j) is %s', (text, expected) => {
    expect(isCalendarDay(text)).toBe(expected);
  });

  it('names a malformed day instead of computing with it', () => {
    expect(() => dayNumber('2026-02-30')).toThrow(/not a calendar day.*2026-02-30/);
    expect(() => addDays('tomorrow', 1)).toThrow(RangeError);
  });

  it.each([
    ['2026-11-22', 1, '2026-11-23'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-15', 365, '2027-01-15'],
    ['2026-01-15', -400, '2024-12-11'],
  ])('addDays(%s, %i) = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(n);
  });

  it('orders days as strings', () => {
    expect(compareDays('2026-01-09', '2026-01-10')).toBe(-1);
    expect(compareDays('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareDays('2027-01-01', '2026-12-31')).toBe(1);
  });
});

describe('weekdays and weeks', () => {
  it.each([
    ['2026-11-22', 0], // Sunday
    ['2026-11-23', 1],
    ['2026-11-28', 6],
    ['2026-01-01', 4],
    ['2024-02-29', 4],
  ])('weekdayOf(%s) = %i', (day, weekday) => {
    expect(weekdayOf(day)).toBe(weekday);
  });

  it.each([
    ['2026-11-22', 1, '2026-11-16'], // a Sunday belongs to the week that started Monday
    ['2026-11-23', 1, '2026-11-23'],
    ['2026-11-28', 1, '2026-11-23'],
    ['2026-11-22', 0, '2026-11-22'],
    ['2026-11-28', 0, '2026-11-22'],
    ['2026-11-28', 6, '2026-11-28'],
    ['2026-01-01', 1, '2025-12-29'],
  ])('startOfWeek(%s, %i) = %s', (day, weekStartsOn, start) => {
    expect(startOfWeek(day, weekStartsOn)).toBe(start);
    expect(weekOf(day, weekStartsOn)).toEqual({ kind: 'week', start, end: addDays(start, 6) });
  });
});

describe('periods', () => {
  it.each([
    ['2026-02-14', { start: '2026-02-01', end: '2026-02-28' }],
    ['2028-02-01', { start: '2028-02-01', end: '2028-02-29' }],
    ['2026-04-30', { start: '2026-04-01', end: '2026-04-30' }],
    ['2026-12-31', { start: '2026-12-01', end: '2026-12-31' }],
  ])('monthOf(%s)', (day, bounds) => {
    expect(monthOf(day)).toEqual({ kind: 'month', ...bounds });
  });

  it.each([
    ['2026-01-01', '2026-01-01', '2026-03-31'],
    ['2026-03-31', '2026-01-01', '2026-03-31'],
    ['2026-04-01', '2026-04-01', '2026-06-30'],
    ['2026-08-15', '2026-07-01', '2026-09-30'],
    ['2026-12-31', '2026-10-01', '2026-12-31'],
  ])('quarterOf(%s) = %s..%s', (day, start, end) => {
    expect(quarterOf(day)).toEqual({ kind: 'quarter', start, end });
  });

  it('yearOf, periodOf, previous and next', () => {
    expect(yearOf('2026-06-01')).toEqual({ kind: 'year', start: '2026-01-01', end: '2026-12-31' });
    expect(periodOf('day', '2026-06-01')).toEqual({ kind: 'day', start: '2026-06-01', end: '2026-06-01' });
    expect(previousPeriod(monthOf('2026-03-10'))).toEqual(monthOf('2026-02-01'));
    expect(previousPeriod(quarterOf('2026-01-10'))).toEqual({ kind: 'quarter', start: '2025-10-01', end: '2025-12-31' });
    expect(nextPeriod(weekOf('2026-12-30'))).toEqual({ kind: 'week', start: '2027-01-04', end: '2027-01-10' });
    // A clipped week counts as its whole week: the one before is a whole week earlier.
    expect(previousPeriod({ kind: 'week', start: '2026-10-01', end: '2026-10-04' })).toEqual(weekOf('2026-09-24'));
    expect(nextPeriod({ kind: 'week', start: '2026-09-28', end: '2026-09-30' })).toEqual(weekOf('2026-10-05'));
  });

  it('eachDay and periodLength include both ends', () => {
    expect(eachDay({ start: '2026-02-27', end: '2026-03-02' })).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(periodLength(yearOf('2028-01-01'))).toBe(366);
    expect(periodLength({ start: '2026-01-02', end: '2026-01-01' })).toBe(0);
    expect(eachDay({ start: '2026-01-02', end: '2026-01-01' })).toEqual([]);
  });

  it('clips weeks to the month they split (October 2026 starts on a Thursday)', () => {
    expect(subPeriods(monthOf('2026-10-01'), 'week')).toEqual([
      { kind: 'week', start: '2026-10-01', end: '2026-10-04' },
      { kind: 'week', start: '2026-10-05', end: '2026-10-11' },
      { kind: 'week', start: '2026-10-12', end: '2026-10-18' },
      { kind: 'week', start: '2026-10-19', end: '2026-10-25' },
      { kind: 'week', start: '2026-10-26', end: '2026-10-31' },
    ]);
    // Weeks starting on Sunday cut it differently.
    expect(subPeriods(monthOf('2026-10-01'), 'week', 0).map((week) => week.start)).toEqual([
      '2026-10-01',
      '2026-10-04',
      '2026-10-11',
      '2026-10-18',
      '2026-10-25',
    ]);
    expect(subPeriods(yearOf('2026-01-01'), 'quarter').map((q) => `${q.start}..${q.end}`)).toEqual([
      '2026-01-01..2026-03-31',
      '2026-04-01..2026-06-30',
      '2026-07-01..2026-09-30',
      '2026-10-01..2026-12-31',
    ]);
    expect(subPeriods(yearOf('2026-01-01'), 'week')).toHaveLength(53);
    expect(subPeriods(yearOf('2026-01-01'), 'day')).toHaveLength(365);
  });
});

describe('working days', () => {
  const weekdays = { weekendDays: [0, 6], daysOff: [] };

  it.each([
    ['2026-10-02', weekdays, true],
    ['2026-10-03', weekdays, false],
    ['2026-10-04', weekdays, false],
    ['2026-12-25', { weekendDays: [0, 6], daysOff: ['2026-12-25'] }, false],
    ['2026-10-02', { weekendDays: [5, 6], daysOff: [] }, false], // a Friday–Saturday weekend
    ['2026-10-04', { weekendDays: [5, 6], daysOff: [] }, true],
  ])('isWorkingDay(%s)', (day, calendar, expected) => {
    expect(isWorkingDay(day, calendar)).toBe(expected);
  });

  it.each([
    ['2026-01-01', 22],
    ['2026-02-01', 20],
    ['2026-03-01', 22],
    ['2026-04-01', 22],
    ['2026-05-01', 21],
    ['2026-06-01', 22],
    ['2026-07-01', 23],
    ['2026-08-01', 21],
    ['2026-09-01', 22],
    ['2026-10-01', 22],
    ['2026-11-01', 21],
    ['2026-12-01', 23],
  ])('the month of %s has %i weekdays', (day, count) => {
    expect(countWorkingDays(monthOf(day), weekdays)).toBe(count);
  });

  it('leaves out days off', () => {
    const calendar = { weekendDays: [0, 6], daysOff: ['2026-12-24', '2026-12-25', '2026-12-26'] };
    expect(countWorkingDays(monthOf('2026-12-01'), calendar)).toBe(21);
    expect(workingDaysIn(weekOf('2026-12-21'), calendar)).toEqual(['2026-12-21', '2026-12-22', '2026-12-23']);
  });
});

describe('instants and zones', () => {
  it.each([
    // instant, zone, day
    ['2026-11-22T14:30:00Z', 'Asia/Tokyo', '2026-11-22'],
    ['2026-11-22T15:00:00Z', 'Asia/Tokyo', '2026-11-23'], // midnight in Tokyo
    ['2026-11-22T14:59:59.999Z', 'Asia/Tokyo', '2026-11-22'],
    ['2026-05-01T18:29:59.999Z', 'Asia/Kolkata', '2026-05-01'],
    ['2026-05-01T18:30:00Z', 'Asia/Kolkata', '2026-05-02'], // +5:30
    ['2026-07-01T13:29:59Z', 'Australia/Lord_Howe', '2026-07-01'], // +10:30 in winter
    ['2026-07-01T13:30:00Z', 'Australia/Lord_Howe', '2026-07-02'],
    ['2026-01-01T12:59:59Z', 'Australia/Lord_Howe', '2026-01-01'], // +11 in summer
    ['2026-01-01T13:00:00Z', 'Australia/Lord_Howe', '2026-01-02'],
    ['2026-07-01T11:15:00Z', 'Pacific/Chatham', '2026-07-02'], // +12:45
    ['2026-07-01T11:14:59Z', 'Pacific/Chatham', '2026-07-01'],
    ['2026-01-01T10:15:00Z', 'Pacific/Chatham', '2026-01-02'], // +13:45
    ['2026-03-08T07:59:59Z', 'America/Los_Angeles', '2026-03-07'],
    ['2026-03-08T08:00:00Z', 'America/Los_Angeles', '2026-03-08'],
    ['2026-11-22T00:00:00Z', 'UTC', '2026-11-22'],
    ['2026-11-22T00:00:00Z', 'America/New_York', '2026-11-21'],
  ])('%s in %s is %s', (instant, zone, day) => {
    expect(dayOf(iso(instant), zone)).toBe(day);
  });

  it.each([
    ['Asia/Kolkata', '2026-05-01T00:00:00Z', 5.5],
    ['Australia/Lord_Howe', '2026-07-01T00:00:00Z', 10.5],
    ['Australia/Lord_Howe', '2026-01-01T00:00:00Z', 11],
    ['Pacific/Chatham', '2026-07-01T00:00:00Z', 12.75],
    ['Pacific/Chatham', '2026-01-01T00:00:00Z', 13.75],
    ['America/St_Johns', '2026-01-01T00:00:00Z', -3.5],
    ['Europe/Berlin', '2026-07-01T00:00:00Z', 2],
    ['Europe/Berlin', '2026-01-01T00:00:00Z', 1],
  ])('offsetAt in %s at %s is %d hours', (zone, instant, hours) => {
    expect(offsetAt(iso(instant), zone)).toBe(hours * HOUR);
    expect(offsetAt(iso(instant) + 123, zone)).toBe(hours * HOUR); // milliseconds do not matter
  });

  it.each([
    // zone, day, its first instant, its length in hours, why
    ['UTC', '2026-11-22', '2026-11-22T00:00:00Z', 24, 'plain'],
    ['Asia/Kolkata', '2026-05-01', '2026-04-30T18:30:00Z', 24, '+5:30'],
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00Z', 23, 'spring forward at 02:00'],
    ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00Z', 25, 'fall back at 03:00'],
    ['America/Los_Angeles', '2026-03-08', '2026-03-08T08:00:00Z', 23, 'spring forward'],
    ['America/Los_Angeles', '2026-11-01', '2026-11-01T07:00:00Z', 25, 'fall back'],
    ['America/Sao_Paulo', '2018-11-04', '2018-11-04T03:00:00Z', 23, 'midnight skipped: the day starts at 01:00'],
    ['America/Sao_Paulo', '2019-02-16', '2019-02-16T02:00:00Z', 25, 'clocks go back from midnight to 23:00'],
    ['America/Sao_Paulo', '2019-02-17', '2019-02-17T03:00:00Z', 24, 'the day after the repeated hour'],
    ['America/Havana', '2026-03-08', '2026-03-08T05:00:00Z', 23, 'Havana skips midnight too'],
    ['America/Toronto', '1919-03-31', '1919-03-31T04:30:00Z', 23.5, 'clocks jumped from 23:30 to 00:30: the day starts at 00:30'],
    ['Australia/Lord_Howe', '2026-10-04', '2026-10-03T13:30:00Z', 23.5, 'half-hour DST starts'],
    ['Australia/Lord_Howe', '2026-04-05', '2026-04-04T13:00:00Z', 24.5, 'half-hour DST ends'],
    ['Pacific/Chatham', '2026-09-27', '2026-09-26T11:15:00Z', 23, '+12:45 to +13:45'],
    ['Pacific/Chatham', '2026-04-05', '2026-04-04T10:15:00Z', 25, '+13:45 to +12:45'],
  ])('startOfDay in %s of %s is %s (%d h long: %s)', (zone, day, first, hours) => {
    const start = startOfDay(day, zone);
    expect(new Date(start).toISOString()).toBe(new Date(iso(first)).toISOString());
    expect(dayOf(start, zone)).toBe(day);
    expect(dayOf(start - 1, zone)).toBe(addDays(day, -1));
    const { end } = periodInstants({ start: day, end: day }, zone);
    expect((end - start) / HOUR).toBe(hours);
  });

  it('gives a day the zone skipped the start of the next (Samoa, 30 December 2011)', () => {
    expect(startOfDay('2011-12-30', 'Pacific/Apia')).toBe(startOfDay('2011-12-31', 'Pacific/Apia'));
    expect(dayOf(startOfDay('2011-12-31', 'Pacific/Apia') - 1, 'Pacific/Apia')).toBe('2011-12-29');
  });

  it('keeps local mean time to the second (Kolkata in 1900 was +5:21:10)', () => {
    const start = startOfDay('1900-01-01', 'Asia/Kolkata');
    expect(dayOf(start, 'Asia/Kolkata')).toBe('1900-01-01');
    expect(dayOf(start - 1, 'Asia/Kolkata')).toBe('1899-12-31');
  });

  it('every instant lies in the day that dayOf names, which starts at startOfDay', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: iso('1990-01-01T00:00:00Z'), max: iso('2040-01-01T00:00:00Z') }),
        fc.constantFrom(...ZONES),
        (instant, zone) => {
          const day = dayOf(instant, zone);
          const start = startOfDay(day, zone);
          expect(start).toBeLessThanOrEqual(instant);
          expect(dayOf(start, zone)).toBe(day);
          expect(compareDays(dayOf(start - 1, zone), day)).toBe(-1);
          expect(instant).toBeLessThan(startOfDay(addDays(day, 1), zone));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds the start of a day around every DST change in the zones we test', () => {
    // Walk days across a few years: each day's start shows that day, the instant before shows
    // an earlier one, and days are between 23 and 25 hours long (except Samoa's skipped day).
    for (const zone of ZONES) {
      let previous = startOfDay('2017-12-31', zone);
      for (let day = '2018-01-01'; day <= '2020-01-01'; day = addDays(day, 1)) {
        const start = startOfDay(day, zone);
        expect(dayOf(start, zone)).toBe(day);
        expect(compareDays(dayOf(start - 1, zone), day)).toBe(-1);
        const hours = (start - previous) / HOUR;
        expect(hours).toBeGreaterThanOrEqual(23);
        expect(hours).toBeLessThanOrEqual(25);
        previous = start;
      }
    }
  });

  it('knows which zones exist and names a bad one', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(() => dayOf(0, 'Mars/Olympus_Mons')).toThrow(/unknown time zone.*Mars/);
  });
});

describe('the fast path through Intl', () => {
  it('reads the same wall clock as formatToParts for any instant and zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: iso('1850-01-01T00:00:00Z'), max: iso('2200-01-01T00:00:00Z') }),
        fc.constantFrom(...ZONES),
        (instant, zone) => {
          const parts = new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
          }).formatToParts(instant);
          const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
          expect(dayOf(instant, zone)).toBe(calendarDay(value('year'), value('month'), value('day')));
        },
      ),
      { numRuns: 500 },
    );
  });
});
