import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CalendarEvent,
  canUserModify,
  eventEnd,
  eventStart,
  isAllDay,
  isCancelled,
  originalStartOf,
  selfEmailOf,
  seriesIdOf,
  startOfDayInZone,
  toAttendees,
} from '../../src/calendar-api';
import { Attendee } from '../../src/domain/schemas';

function event(fields: Record<string, unknown>): CalendarEvent {
  const parsed = CalendarEvent.safeParse({ id: 'abc12', start: { dateTime: '2026-03-02T10:00:00+01:00' }, end: { dateTime: '2026-03-02T10:30:00+01:00' }, ...fields });
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

describe('when an event is', () => {
  const cases: Array<[string, Record<string, unknown>, string, string | undefined, string | undefined, boolean]> = [
    ['a timed event, by its offset', {}, 'Asia/Tokyo', '2026-03-02T09:00:00.000Z', '2026-03-02T09:30:00.000Z', false],
    ['a timed event in UTC', { start: { dateTime: '2026-03-02T10:00:00Z' }, end: { dateTime: '2026-03-02T10:30:00.500Z' } }, 'UTC', '2026-03-02T10:00:00.000Z', '2026-03-02T10:30:00.500Z', false],
    ['an all-day event, at midnight in the calendar\'s zone', { start: { date: '2026-03-02' }, end: { date: '2026-03-03' } }, 'Europe/Berlin', '2026-03-01T23:00:00.000Z', '2026-03-02T23:00:00.000Z', true],
    ['an all-day event with its own zone', { start: { date: '2026-03-02', timeZone: 'America/New_York' }, end: { date: '2026-03-03', timeZone: 'America/New_York' } }, 'Europe/Berlin', '2026-03-02T05:00:00.000Z', '2026-03-03T05:00:00.000Z', true],
    ['an all-day event on a day without midnight (Santiago, 8 Sep 2024)', { start: { date: '2024-09-08' }, end: { date: '2024-09-09' } }, 'America/Santiago', '2024-09-08T04:00:00.000Z', '2024-09-09T03:00:00.000Z', true],
    ['an all-day event in an unknown zone', { start: { date: '2026-03-02' }, end: { date: '2026-03-03' } }, 'Mars/Olympus', undefined, undefined, true],
    ['a deletion marker without times', { status: 'cancelled', start: undefined, end: undefined }, 'UTC', undefined, undefined, false],
  ];
  it.each(cases)('%s', (_name, fields, zone, start, end, allDay) => {
    const value = event(fields);
    const iso = (instant: number | undefined) => (instant === undefined ? undefined : new Date(instant).toISOString());
    expect(iso(eventStart(value, zone))).toBe(start);
    expect(iso(eventEnd(value, zone))).toBe(end);
    expect(isAllDay(value)).toBe(allDay);
  });

  it('reads an instance\'s series and original start, and cancellation', () => {
    const instance = event({ id: 'm_20260302T090000Z', recurringEventId: 'm', originalStartTime: { dateTime: '2026-03-02T10:00:00+01:00' } });
    expect(seriesIdOf(instance)).toBe('m');
    expect(originalStartOf(instance, 'UTC')).toBe(Date.parse('2026-03-02T09:00:00Z'));
    expect(isCancelled(instance)).toBe(false);
    expect(isCancelled(event({ status: 'cancelled' }))).toBe(true);
    expect(seriesIdOf(event({}))).toBeUndefined();
  });

  it('startOfDayInZone: midnight is the first instant of the day in every zone', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/Santiago', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Apia', 'America/St_Johns'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.constantFrom(...zones), (offset, zone) => {
        const day = new Date(Date.UTC(2000, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const start = startOfDayInZone(day, zone);
        if (start === undefined) return false;
        const dayAt = (instant: number) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
        const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        // A day a zone skipped (Samoa, 30 Dec 2011) is empty: it starts where the next one does.
        if (start === startOfDayInZone(next, zone)) return dayAt(start) === next;
        // The instant is on that day, and one second earlier is not.
        return dayAt(start) === day && dayAt(start - 1000) !== day;
      }),
      { numRuns: 500 },
    );
  });

  it('a day the zone skipped has no length', () => {
    expect(startOfDayInZone('2011-12-30', 'Pacific/Apia')).toBe(startOfDayInZone('2011-12-31', 'Pacific/Apia'));
    expect(startOfDayInZone('2011-12-31', 'Pacific/Apia')).toBe(Date.parse('2011-12-30T10:00:00Z'));
  });

  it.each(['2026-02-30', '2026-13-01', 'tomorrow', ''])('startOfDayInZone refuses %j', (day) => {
    expect(startOfDayInZone(day, 'UTC')).toBeUndefined();
  });

  it.each(['Mars/Olympus_Mons', ''])('startOfDayInZone refuses the zone %j', (zone) => {
    expect(startOfDayInZone('2026-03-02', zone)).toBeUndefined();
  });

  it('a clock change that skips midnight: the day starts at the change (São Paulo, 4 Nov 2018, 00:00 became 01:00)', () => {
    expect(startOfDayInZone('2018-11-04', 'America/Sao_Paulo')).toBe(Date.parse('2018-11-04T03:00:00Z'));
  });
});

describe('toAttendees', () => {
  it('gives valid domain Attendee records: emails lower case, names trimmed, rooms as resources, no address left out', () => {
    const value = event({
      attendees: [
        { email: ' Dana@Example.COM ', displayName: ' Dana Reyes ', responseStatus: 'accepted', organizer: true },
        { email: 'me@example.com', self: true, responseStatus: 'declined' },
        { email: 'c_188abc@resource.calendar.google.com', displayName: 'Room 4' },
        { email: 'projector@example.com', resource: true },
        { displayName: 'No address' },
        { email: 'not-an-address' },
        { email: 'blank@example.com', displayName: '   ' },
      ],
    });
    const attendees = toAttendees(value);
    expect(attendees).toEqual([
      { email: 'dana@example.com', displayName: 'Dana Reyes', organizer: true, responseStatus: 'accepted' },
      { email: 'me@example.com', self: true, responseStatus: 'declined' },
      { email: 'c_188abc@resource.calendar.google.com', displayName: 'Room 4', resource: true },
      { email: 'projector@example.com', resource: true },
      { email: 'blank@example.com' },
    ]);
    for (const attendee of attendees) expect(Attendee.safeParse(attendee).success).toBe(true);
  });

  it('is empty for an event without guests', () => {
    expect(toAttendees(event({}))).toEqual([]);
  });
});

describe('selfEmailOf', () => {
  const cases: Array<[string, Record<string, unknown>, string | undefined]> = [
    ['the guest marked self', { attendees: [{ email: 'a@x.com' }, { email: 'Me@X.com', self: true }], organizer: { email: 'a@x.com' } }, 'me@x.com'],
    ['the organiser marked self when there are no guests', { organizer: { email: 'me@x.com', self: true } }, 'me@x.com'],
    ['the creator marked self as a last resort', { organizer: { email: 'a@x.com' }, creator: { email: 'me@x.com', self: true } }, 'me@x.com'],
    ['nobody marked self', { organizer: { email: 'a@x.com' }, attendees: [{ email: 'b@x.com' }] }, undefined],
    ['a self flag without an address', { attendees: [{ self: true }], organizer: { email: 'me@x.com', self: true } }, 'me@x.com'],
  ];
  it.each(cases)('%s', (_name, fields, expected) => {
    expect(selfEmailOf(event(fields))).toBe(expected);
  });
});

describe('canUserModify', () => {
  const cases: Array<[string, Record<string, unknown>, string | undefined, boolean]> = [
    ['the organiser (self flag)', { organizer: { email: 'me@x.com', self: true } }, undefined, true],
    ['the organiser (by address, any case)', { organizer: { email: 'ME@x.com' } }, 'me@x.com', true],
    ['a guest', { organizer: { email: 'boss@x.com' } }, 'me@x.com', false],
    ['a guest who may modify', { organizer: { email: 'boss@x.com' }, guestsCanModify: true }, 'me@x.com', true],
    ['a guest when guestsCanModify is false', { organizer: { email: 'boss@x.com' }, guestsCanModify: false }, 'me@x.com', false],
    ['no organiser at all', {}, 'me@x.com', false],
    ['a locked copy, even for the organiser', { organizer: { email: 'me@x.com', self: true }, locked: true }, 'me@x.com', false],
    ['an event from Gmail', { organizer: { email: 'me@x.com', self: true }, eventType: 'fromGmail' }, 'me@x.com', false],
    ['a birthday', { organizer: { email: 'me@x.com', self: true }, eventType: 'birthday' }, 'me@x.com', false],
    ['a focus-time block of the user', { organizer: { email: 'me@x.com', self: true }, eventType: 'focusTime' }, 'me@x.com', true],
  ];
  it.each(cases)('%s', (_name, fields, self, expected) => {
    expect(canUserModify(event(fields), self)).toBe(expected);
  });
});
