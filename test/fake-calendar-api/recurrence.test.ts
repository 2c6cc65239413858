import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandOccurrences, parseRecurrence, type SeriesStart } from './recurrence';
import { dayNumberOf, dayText, formatInZone, instantOfWallTime, wallTimeAt, weekdayOfDay } from './time';

function expand(lines: string[], start: SeriesStart, beforeInstant = Date.parse('2030-01-01T00:00:00Z'), max = 1000): string[] {
  const parsed = parseRecurrence(lines);
  if (!parsed.ok) throw new Error(parsed.message);
  return expandOccurrences(parsed.value, start, { beforeInstant, max }).map((occurrence) =>
    occurrence.kind === 'timed' ? formatInZone(occurrence.instant, start.kind === 'timed' ? start.timeZone : 'UTC') : dayText(occurrence.day),
  );
}

const timed = (text: string, timeZone: string): SeriesStart => ({ kind: 'timed', instant: Date.parse(text), timeZone });
const allDay = (text: string): SeriesStart => ({ kind: 'date', day: dayNumberOf(text)! });

describe('recurrence expansion', () => {
  const cases: Array<{ name: string; lines: string[]; start: SeriesStart; expected: string[] }> = [
    {
      name: 'weekly with COUNT',
      lines: ['RRULE:FREQ=WEEKLY;COUNT=3'],
      start: timed('2026-01-05T09:00:00Z', 'UTC'),
      expected: ['2026-01-05T09:00:00Z', '2026-01-12T09:00:00Z', '2026-01-19T09:00:00Z'],
    },
    {
      name: 'every other week on two days',
      lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=5'],
      start: timed('2026-01-05T09:00:00Z', 'UTC'),
      expected: ['2026-01-05T09:00:00Z', '2026-01-08T09:00:00Z', '2026-01-19T09:00:00Z', '2026-01-22T09:00:00Z', '2026-02-02T09:00:00Z'],
    },
    {
      name: 'weekly UNTIL is inclusive',
      lines: ['RRULE:FREQ=WEEKLY;UNTIL=20260119T090000Z'],
      start: timed('2026-01-05T09:00:00Z', 'UTC'),
      expected: ['2026-01-05T09:00:00Z', '2026-01-12T09:00:00Z', '2026-01-19T09:00:00Z'],
    },
    {
      name: 'weekly UNTIL as a date',
      lines: ['RRULE:FREQ=WEEKLY;UNTIL=20260118'],
      start: timed('2026-01-05T09:00:00Z', 'UTC'),
      expected: ['2026-01-05T09:00:00Z', '2026-01-12T09:00:00Z'],
    },
    {
      name: 'weekly keeps local time across a clock change',
      lines: ['RRULE:FREQ=WEEKLY;COUNT=3'],
      start: timed('2026-03-20T10:00:00-04:00', 'America/New_York'), // DST began 8 March; Europe differs
      expected: ['2026-03-20T10:00:00-04:00', '2026-03-27T10:00:00-04:00', '2026-04-03T10:00:00-04:00'],
    },
    {
      name: 'weekly over the end of summer time in Berlin',
      lines: ['RRULE:FREQ=WEEKLY;COUNT=2'],
      start: timed('2026-10-19T09:00:00+02:00', 'Europe/Berlin'),
      expected: ['2026-10-19T09:00:00+02:00', '2026-10-26T09:00:00+01:00'],
    },
    {
      name: 'daily with interval',
      lines: ['RRULE:FREQ=DAILY;INTERVAL=3;COUNT=3'],
      start: timed('2026-01-30T08:00:00Z', 'UTC'),
      expected: ['2026-01-30T08:00:00Z', '2026-02-02T08:00:00Z', '2026-02-05T08:00:00Z'],
    },
    {
      name: 'daily on weekdays (BYDAY filters)',
      lines: ['RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=4'],
      start: timed('2026-01-08T08:00:00Z', 'UTC'), // a Thursday
      expected: ['2026-01-08T08:00:00Z', '2026-01-09T08:00:00Z', '2026-01-12T08:00:00Z', '2026-01-13T08:00:00Z'],
    },
    {
      name: 'EXDATE removes an occurrence but it still counts toward COUNT',
      lines: ['RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE;TZID=Europe/Berlin:20260112T100000'],
      start: timed('2026-01-05T10:00:00+01:00', 'Europe/Berlin'),
      expected: ['2026-01-05T10:00:00+01:00', '2026-01-19T10:00:00+01:00'],
    },
    {
      name: 'all-day weekly',
      lines: ['RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=2'],
      start: allDay('2026-01-02'),
      expected: ['2026-01-02', '2026-01-09'],
    },
    {
      name: 'monthly on the 31st skips short months',
      lines: ['RRULE:FREQ=MONTHLY;COUNT=3'],
      start: timed('2026-01-31T12:00:00Z', 'UTC'),
      expected: ['2026-01-31T12:00:00Z', '2026-03-31T12:00:00Z', '2026-05-31T12:00:00Z'],
    },
    {
      name: 'WKST changes which week an occurrence falls in',
      lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU'],
      start: timed('1997-08-05T09:00:00Z', 'UTC'), // RFC 5545's own example
      expected: ['1997-08-05T09:00:00Z', '1997-08-17T09:00:00Z', '1997-08-19T09:00:00Z', '1997-08-31T09:00:00Z'],
    },
    {
      name: 'the same rule with WKST=MO',
      lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO'],
      start: timed('1997-08-05T09:00:00Z', 'UTC'),
      expected: ['1997-08-05T09:00:00Z', '1997-08-10T09:00:00Z', '1997-08-19T09:00:00Z', '1997-08-24T09:00:00Z'],
    },
  ];
  it.each(cases)('$name', ({ lines, start, expected }) => {
    expect(expand(lines, start)).toEqual(expected);
  });

  it('stops at the limit for a series without an end', () => {
    const out = expand(['RRULE:FREQ=DAILY'], timed('2026-01-01T09:00:00Z', 'UTC'), Date.parse('2026-01-04T09:00:00Z'));
    expect(out).toEqual(['2026-01-01T09:00:00Z', '2026-01-02T09:00:00Z', '2026-01-03T09:00:00Z']);
  });

  const refused: Array<[string, string[]]> = [
    ['no RRULE', ['EXDATE:20260101T000000Z']],
    ['yearly', ['RRULE:FREQ=YEARLY']],
    ['BYSETPOS', ['RRULE:FREQ=WEEKLY;BYSETPOS=1']],
    ['COUNT and UNTIL', ['RRULE:FREQ=WEEKLY;COUNT=2;UNTIL=20260101']],
    ['ordinal BYDAY', ['RRULE:FREQ=WEEKLY;BYDAY=1MO']],
    ['zero interval', ['RRULE:FREQ=DAILY;INTERVAL=0']],
    ['RDATE', ['RRULE:FREQ=DAILY', 'RDATE:20260101T000000Z']],
    ['two RRULEs', ['RRULE:FREQ=DAILY', 'RRULE:FREQ=WEEKLY']],
  ];
  it.each(refused)('refuses %s', (_name, lines) => {
    expect(parseRecurrence(lines).ok).toBe(false);
  });

  it('weekly BYDAY series: COUNT occurrences, increasing, on the chosen weekdays, at the same local time', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'];
    const codes = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }), // days after 2024-01-01
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(...zones),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 30 }),
        (dayOffset, hour, zone, weekdays, interval, count) => {
          const startDay = dayNumberOf('2024-01-01')! + dayOffset;
          const date = new Date(startDay * 86_400_000);
          const start = instantOfWallTime(
            { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute: 30, second: 0 },
            zone,
          );
          const parsed = parseRecurrence([`RRULE:FREQ=WEEKLY;INTERVAL=${interval};COUNT=${count};BYDAY=${weekdays.map((d) => codes[d]).join(',')}`]);
          if (!parsed.ok) return false;
          const startWall = wallTimeAt(start, zone);
          const out = expandOccurrences(parsed.value, { kind: 'timed', instant: start, timeZone: zone }, { beforeInstant: Number.POSITIVE_INFINITY, max: 1000 });
          expect(out).toHaveLength(count);
          let previous = start - 1;
          for (const occurrence of out) {
            if (occurrence.kind !== 'timed') return false;
            expect(occurrence.instant).toBeGreaterThan(previous);
            previous = occurrence.instant;
            const wall = wallTimeAt(occurrence.instant, zone);
            const day = Date.UTC(wall.year, wall.month - 1, wall.day) / 86_400_000;
            expect(weekdays).toContain(weekdayOfDay(day));
            // Same local time unless that time does not exist that day (a spring-forward gap).
            if (wall.hour !== startWall.hour) expect(Math.abs(wall.hour - startWall.hour)).toBe(1);
            expect(wall.minute).toBe(30);
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('time helpers of the fake', () => {
  it.each([
    ['2026-03-29T02:30:00 in Berlin does not exist: read with the offset before the gap', { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    ['2026-10-25T02:30:00 in Berlin happens twice: the first', { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin', '2026-10-25T00:30:00.000Z'],
    ['an ordinary time in Kolkata', { year: 2026, month: 1, day: 1, hour: 9, minute: 0, second: 0 }, 'Asia/Kolkata', '2026-01-01T03:30:00.000Z'],
  ])('%s', (_name, wall, zone, expected) => {
    expect(new Date(instantOfWallTime(wall, zone)).toISOString()).toBe(expected);
  });
});
