// When a 1:1 seen for the first time takes place, from the page: the instance id's start, and
// the dialog's English time row.
import { describe, expect, it } from 'vitest';
import { parsePageTimeText, startFromInstanceId } from '../../../src/app/sidebar/page-time';

// Monday 16 March 2026, 09:00 UTC.
const NOW = Date.UTC(2026, 2, 16, 9, 0);
const utc = (month: number, day: number, hour: number, minute = 0, year = 2026) => Date.UTC(year, month - 1, day, hour, minute);

describe('the dialog\'s time row', () => {
  const table: { text: string; zone?: string; expected: { start: number; end: number; allDay: boolean } | undefined }[] = [
    { text: 'Monday, March 16⋅10:00 AM – 10:30 AM', expected: { start: utc(3, 16, 10), end: utc(3, 16, 10, 30), allDay: false } },
    { text: 'Monday, March 16⋅10:00 – 10:30am', expected: { start: utc(3, 16, 10), end: utc(3, 16, 10, 30), allDay: false } },
    { text: 'Monday, March 16⋅11:30 – 12:30pm', expected: { start: utc(3, 16, 11, 30), end: utc(3, 16, 12, 30), allDay: false } },
    { text: 'Monday, March 16⋅1 – 2pm', expected: { start: utc(3, 16, 13), end: utc(3, 16, 14), allDay: false } },
    { text: 'Thursday, 19 March⋅14:00 – 14:30', expected: { start: utc(3, 19, 14), end: utc(3, 19, 14, 30), allDay: false } },
    { text: 'Monday, March 16, 2026 · 10am – 11am', expected: { start: utc(3, 16, 10), end: utc(3, 16, 11), allDay: false } },
    { text: 'Monday, March 16', expected: { start: utc(3, 16, 0), end: utc(3, 17, 0), allDay: true } },
    { text: 'Saturday, March 21⋅11:30pm – 12:15am', expected: { start: utc(3, 21, 23, 30), end: utc(3, 22, 0, 15), allDay: false } },
    // No year: the nearest such day (last December, not next).
    { text: 'Wednesday, December 30⋅9:00 – 9:30am', expected: { start: utc(12, 30, 9, 0, 2025), end: utc(12, 30, 9, 30, 2025), allDay: false } },
    // Read in the user's zone: 10:00 in Berlin (CET) is 09:00 UTC.
    { text: 'Monday, March 16⋅10:00 – 10:30am', zone: 'Europe/Berlin', expected: { start: utc(3, 16, 9), end: utc(3, 16, 9, 30), allDay: false } },
    { text: 'Monday, March 16⋅10:00', expected: { start: utc(3, 16, 10), end: utc(3, 16, 10, 30), allDay: false } },
    // Not read: other languages, several days, no date, impossible times, noise.
    { text: 'lundi 16 mars⋅10:00 – 10:30', expected: undefined },
    { text: '3月16日 (月曜日)⋅10:00～10:30', expected: undefined },
    { text: 'March 16, 10:00am – March 17, 11:00am', expected: undefined },
    { text: 'Monday, March 16⋅10:00am – Tuesday, March 17⋅11:00am', expected: undefined },
    { text: '⋅10:00 – 10:30', expected: undefined },
    { text: 'Monday, March 16⋅25:00 – 26:00', expected: undefined },
    { text: 'Monday, March 16⋅13:00pm – 2pm', expected: undefined },
    { text: 'Monday, March 16⋅soon', expected: undefined },
    { text: '', expected: undefined },
    { text: 'x'.repeat(500), expected: undefined },
  ];
  for (const { text, zone, expected } of table) {
    it(`${JSON.stringify(text.slice(0, 60))}${zone ? ` in ${zone}` : ''}`, () => {
      expect(parsePageTimeText(text, NOW, zone ?? 'UTC')).toEqual(expected);
    });
  }
});

describe('a recurring instance\'s id', () => {
  it.each([
    ['3n6kq0c0ij_20260316T100000Z', 'UTC', { start: utc(3, 16, 10), allDay: false }],
    ['abc_R20260301T090000_20260316T100000Z', 'UTC', { start: utc(3, 16, 10), allDay: false }],
    ['3n6kq0c0ij_20260316', 'Europe/Berlin', { start: utc(3, 15, 23), allDay: true }],
    ['7kqsd5h4c8n2jm5lq0tl6u2e4v', 'UTC', undefined],
    ['bad_20261399T100000Z', 'UTC', undefined],
  ])('%s', (eventId, zone, expected) => {
    expect(startFromInstanceId(eventId, zone)).toEqual(expected);
  });
});
