import { describe, expect, it } from 'vitest';
import {
  directStatuses,
  isActiveDirect,
  lastHeldOneOnOne,
  meetingsOnDay,
  meetingsThisWeek,
  nextBookedOneOnOne,
  oneOnOneMinutesThisWeek,
  overdueDirects,
  overdueStatus,
  takesPlace,
  weeklyMinutesIfEveryDirectMet,
} from '../../src/domain/overdue';
import { Meeting, Person } from '../../src/domain/schemas';
import { ACCOUNT, meetingRecord, personRecord } from '../support/records';

const iso = (text: string) => Date.parse(text);

function person(id: string, overrides: Partial<Person> = {}): Person {
  return Person.parse(personRecord(id, { displayName: id.replace(/^\w+:/, ''), ...overrides })); // the fixtures are valid records
}

let meetingCount = 0;
function meeting(personId: string, start: string, overrides: Partial<Meeting> = {}): Meeting {
  meetingCount++;
  return Meeting.parse(meetingRecord(personId, iso(start), `event${meetingCount}`, { updatedAt: 0, ...overrides }));
}

const DANA = 'email:dana@example.com';
const SAM = 'email:sam@example.com';
const BERLIN = 'Europe/Berlin';

describe('which 1:1s count', () => {
  it.each([
    ['a confirmed one', {}, true],
    ['a tentative one', { status: 'tentative' as const }, true],
    ['a cancelled one', { status: 'cancelled' as const }, false],
    ['one I declined', { declinedBy: 'me' as const }, false],
    ['one they declined', { declinedBy: 'them' as const }, false],
    ['a cancelled one marked held', { status: 'cancelled' as const, markedHeld: true }, true],
    ['a declined one marked held', { declinedBy: 'them' as const, markedHeld: true }, true],
    ['one logged off the calendar', { source: 'logged' as const, eventId: undefined }, true],
  ])('%s: %s', (_name, overrides, expected) => {
    expect(takesPlace(meeting(DANA, '2026-11-10T09:00:00Z', overrides))).toBe(expected);
  });

  it('takes the latest past one that took place', () => {
    const now = iso('2026-11-20T12:00:00Z');
    const held = meeting(DANA, '2026-11-10T09:00:00Z');
    const meetings = [
      meeting(DANA, '2026-11-03T09:00:00Z'),
      held,
      meeting(DANA, '2026-11-17T09:00:00Z', { status: 'cancelled' }),
      meeting(DANA, '2026-11-18T09:00:00Z', { declinedBy: 'them' }),
      meeting(DANA, '2026-11-19T09:00:00Z', { declinedBy: 'me' }),
      meeting(DANA, '2026-11-19T10:00:00Z', { isOneOnOne: false, classificationReason: 'not-one-on-one' }),
      meeting(SAM, '2026-11-19T11:00:00Z'),
      meeting(DANA, '2026-11-24T09:00:00Z'), // future
    ];
    expect(lastHeldOneOnOne(meetings, DANA, now)).toBe(held);
    expect(lastHeldOneOnOne(meetings, 'email:nobody@example.com', now)).toBeUndefined();
  });

  it('counts a 1:1 logged as held off the calendar, and one marked held', () => {
    const now = iso('2026-11-20T12:00:00Z');
    const walk = meeting(DANA, '2026-11-18T15:00:00Z', { source: 'logged', eventId: undefined });
    expect(lastHeldOneOnOne([meeting(DANA, '2026-11-10T09:00:00Z'), walk], DANA, now)).toBe(walk);
    const moved = meeting(DANA, '2026-11-19T15:00:00Z', { status: 'cancelled', markedHeld: true });
    expect(lastHeldOneOnOne([walk, moved], DANA, now)).toBe(moved);
  });

  it('counts a 1:1 that has started as held, and one starting now as booked', () => {
    const started = meeting(DANA, '2026-11-20T11:50:00Z');
    expect(lastHeldOneOnOne([started], DANA, iso('2026-11-20T12:00:00Z'))).toBe(started);
    expect(lastHeldOneOnOne([started], DANA, iso('2026-11-20T11:50:00Z'))).toBeUndefined();
    expect(nextBookedOneOnOne([started], DANA, iso('2026-11-20T11:50:00Z'))).toBe(started);
  });

  it('does not depend on the order of meetings that start together', () => {
    const a = meeting(DANA, '2026-11-10T09:00:00Z', { id: `${ACCOUNT}|a` });
    const b = meeting(DANA, '2026-11-10T09:00:00Z', { id: `${ACCOUNT}|b` });
    const now = iso('2026-11-20T00:00:00Z');
    expect(lastHeldOneOnOne([a, b], DANA, now)).toBe(b);
    expect(lastHeldOneOnOne([b, a], DANA, now)).toBe(b);
  });
});

describe('overdueStatus', () => {
  // Dana's last 1:1 was Monday 9 November 2026, 10:00 in Berlin.
  const lastHeld = meeting(DANA, '2026-11-09T10:00:00+01:00');

  it.each([
    // now (Berlin), cadence, days since, overdue, days overdue, due by
    ['2026-11-09T18:00:00+01:00', 7, 0, false, 0, '2026-11-16'],
    ['2026-11-16T23:59:00+01:00', 7, 7, false, 0, '2026-11-16'], // exactly the cadence: not overdue
    ['2026-11-17T00:00:00+01:00', 7, 8, true, 1, '2026-11-16'], // the day after: overdue
    ['2026-11-20T09:00:00+01:00', 7, 11, true, 4, '2026-11-16'],
    ['2026-11-20T09:00:00+01:00', 14, 11, false, 0, '2026-11-23'],
    ['2026-11-24T09:00:00+01:00', 14, 15, true, 1, '2026-11-23'],
    ['2026-11-10T09:00:00+01:00', 1, 1, false, 0, '2026-11-10'],
    ['2026-11-11T09:00:00+01:00', 1, 2, true, 1, '2026-11-10'],
  ])('at %s with a %i-day cadence: %i days, overdue %s', (now, cadenceDays, daysSince, overdue, daysOverdue, dueBy) => {
    const status = overdueStatus(person(DANA, { cadenceDays }), [lastHeld], iso(now), BERLIN);
    expect(status).toMatchObject({ daysSince, overdue, daysOverdue, dueBy, lastHeld, snoozed: false, noOneOnOneYet: false });
  });

  it('counts calendar days in the user’s zone: 23:30 in Tokyo and 00:10 the next day is 1 day', () => {
    const late = meeting(DANA, '2026-11-09T23:30:00+09:00');
    const now = iso('2026-11-10T00:10:00+09:00');
    expect(overdueStatus(person(DANA), [late], now, 'Asia/Tokyo').daysSince).toBe(1);
    // Forty minutes apart in London (14:30 and 15:10 UTC) it is the same day.
    expect(overdueStatus(person(DANA), [late], now, 'Europe/London').daysSince).toBe(0);
    // A week later at 00:10 is 8 days in Tokyo (overdue); the same instants are 7 days apart in London.
    const weekLater = iso('2026-11-17T00:10:00+09:00');
    expect(overdueStatus(person(DANA), [late], weekLater, 'Asia/Tokyo')).toMatchObject({ daysSince: 8, overdue: true });
    expect(overdueStatus(person(DANA), [late], weekLater, 'Europe/London')).toMatchObject({ daysSince: 7, overdue: false });
  });

  it.each([
    // zone, last held, now, days: DST changes in between make 24-hour counting wrong
    ['America/Los_Angeles', '2026-03-02T23:30:00-08:00', '2026-03-10T00:15:00-07:00', 8], // 7 d 23 h 45 min
    ['Europe/Berlin', '2026-10-20T00:30:00+02:00', '2026-10-26T23:45:00+01:00', 6], // 7 d 0 h 15 min
    ['Europe/Berlin', '2026-03-23T09:00:00+01:00', '2026-03-30T08:30:00+02:00', 7],
    ['Australia/Lord_Howe', '2026-09-28T23:50:00+10:30', '2026-10-05T23:55:00+11:00', 7],
    ['Pacific/Chatham', '2026-09-20T23:45:00+12:45', '2026-09-28T00:05:00+13:45', 8],
    ['Asia/Kolkata', '2026-11-09T23:59:00+05:30', '2026-11-17T00:00:00+05:30', 8],
  ])('in %s, %s to %s is %i days', (zone, held, now, days) => {
    const status = overdueStatus(person(DANA), [meeting(DANA, held)], iso(now), zone);
    expect(status.daysSince).toBe(days);
    expect(status.overdue).toBe(days > 7);
  });

  it.each([
    ['2026-11-20', true, false], // snoozed through today
    ['2026-12-31', true, false],
    ['2026-11-19', false, true], // the snooze ended yesterday
  ])('snoozed until %s: snoozed %s, overdue %s', (snoozedUntil, snoozed, overdue) => {
    const status = overdueStatus(person(DANA, { snoozedUntil }), [lastHeld], iso('2026-11-20T09:00:00+01:00'), BERLIN);
    expect(status).toMatchObject({ snoozed, overdue, daysSince: 11 });
  });

  it('reports a direct with no 1:1 yet apart, not as overdue', () => {
    const booked = meeting(DANA, '2026-11-25T10:00:00+01:00');
    const status = overdueStatus(person(DANA), [booked, meeting(DANA, '2026-11-01T10:00:00+01:00', { status: 'cancelled' })], iso('2026-11-20T09:00:00+01:00'), BERLIN);
    expect(status).toMatchObject({
      noOneOnOneYet: true,
      overdue: false,
      daysSince: undefined,
      dueBy: undefined,
      lastHeld: undefined,
      nextBooked: booked,
      today: '2026-11-20',
    });
  });

  it('shows the next booked 1:1: the earliest future one that will take place', () => {
    const next = meeting(DANA, '2026-11-26T10:00:00+01:00');
    const meetings = [
      lastHeld,
      meeting(DANA, '2026-11-23T10:00:00+01:00', { status: 'cancelled' }),
      meeting(DANA, '2026-11-24T10:00:00+01:00', { declinedBy: 'them' }),
      meeting(DANA, '2026-12-03T10:00:00+01:00'),
      next,
      meeting(SAM, '2026-11-21T10:00:00+01:00'),
    ];
    const status = overdueStatus(person(DANA), meetings, iso('2026-11-20T09:00:00+01:00'), BERLIN);
    expect(status).toMatchObject({ overdue: true, nextBooked: next, lastHeld });
  });
});

describe('overdueDirects', () => {
  const now = iso('2026-11-20T09:00:00+01:00');
  const people = [
    person(DANA),
    person(SAM),
    person('email:ana@example.com'),
    person('email:lee@example.com', { archived: true }),
    person('email:boss@example.com', { relationship: 'manager' }),
    person('email:pat@example.com', { relationship: 'peer' }),
    person('email:new@example.com'),
    person('name:kim', { mergedInto: 'email:kim@example.com' }),
    person('email:kim@example.com'),
    person('email:ola@example.com', { snoozedUntil: '2026-11-30' }),
  ];
  const meetings = [
    meeting(DANA, '2026-11-09T10:00:00+01:00'), // 11 days
    meeting(SAM, '2026-11-01T10:00:00+01:00'), // 19 days
    meeting('email:ana@example.com', '2026-11-16T10:00:00+01:00'), // 4 days
    meeting('email:lee@example.com', '2026-10-01T10:00:00+01:00'), // archived
    meeting('email:boss@example.com', '2026-10-01T10:00:00+01:00'), // not a direct
    meeting('email:pat@example.com', '2026-10-01T10:00:00+01:00'), // not a direct
    meeting('name:kim', '2026-11-02T10:00:00+01:00'), // 18 days, before Kim was merged into the address
    meeting('email:ola@example.com', '2026-10-01T10:00:00+01:00'), // on leave
  ];

  it('lists overdue directs only, most overdue first, following merges', () => {
    const overdue = overdueDirects(people, meetings, now, BERLIN);
    expect(overdue.map((status) => [status.person.id, status.daysSince, status.daysOverdue])).toEqual([
      [SAM, 19, 12],
      ['email:kim@example.com', 18, 11],
      [DANA, 11, 4],
    ]);
  });

  it('gives every active direct a status: overdue, then by due day, then those without a 1:1', () => {
    const statuses = directStatuses(people, meetings, now, BERLIN);
    expect(statuses.map((status) => status.person.id)).toEqual([
      SAM,
      'email:kim@example.com',
      DANA,
      'email:ola@example.com', // snoozed: due long ago, but not overdue
      'email:ana@example.com',
      'email:new@example.com', // no 1:1 yet
    ]);
    expect(statuses.find((status) => status.person.id === 'email:ola@example.com')).toMatchObject({ snoozed: true, overdue: false });
  });

  it('knows who is an active direct', () => {
    expect(people.filter(isActiveDirect).map((p) => p.id)).toEqual([
      DANA,
      SAM,
      'email:ana@example.com',
      'email:new@example.com',
      'email:kim@example.com',
      'email:ola@example.com',
    ]);
  });

  it('survives a merge cycle and a merge into someone unknown', () => {
    const odd = [
      person('name:a', { mergedInto: 'name:b' }),
      person('name:b', { mergedInto: 'name:a' }),
      person('name:c', { mergedInto: 'email:gone@example.com' }),
      person(DANA),
    ];
    const statuses = directStatuses(odd, [meeting('name:a', '2026-11-01T10:00:00+01:00'), meeting(DANA, '2026-11-01T10:00:00+01:00')], now, BERLIN);
    expect(statuses.map((status) => status.person.id)).toEqual([DANA]);
  });
});

describe('this week', () => {
  it('adds up the minutes of this week’s 1:1s across the Berlin spring-forward, clipped to the week', () => {
    // The week of Monday 23 March 2026; clocks go forward early on Sunday 29 March.
    const now = iso('2026-03-25T12:00:00+01:00'); // Wednesday noon
    const meetings = [
      meeting(DANA, '2026-03-22T23:45:00+01:00', { end: iso('2026-03-23T00:15:00+01:00') }), // 15 min in this week
      meeting(DANA, '2026-03-23T10:00:00+01:00'), // 30, held
      meeting(SAM, '2026-03-25T11:45:00+01:00'), // 30: 15 held, 15 upcoming
      meeting(SAM, '2026-03-26T10:00:00+01:00', { status: 'cancelled' }),
      meeting(SAM, '2026-03-26T11:00:00+01:00', { declinedBy: 'me' }),
      meeting(DANA, '2026-03-26T12:00:00+01:00', { source: 'logged', eventId: undefined, end: iso('2026-03-26T13:00:00+01:00') }), // 60
      meeting(DANA, '2026-03-27T00:00:00+01:00', { allDay: true, end: iso('2026-03-28T00:00:00+01:00') }), // all day: not time
      meeting(DANA, '2026-03-27T09:00:00+01:00', { isOneOnOne: false, classificationReason: 'not-one-on-one' }),
      // 01:30 to 03:30 on the night clocks skip 02:00–03:00: one hour really passes.
      meeting(SAM, '2026-03-29T01:30:00+01:00', { end: iso('2026-03-29T03:30:00+02:00') }), // 60
      meeting(SAM, '2026-03-29T23:30:00+02:00', { end: iso('2026-03-30T00:30:00+02:00') }), // 30 in this week
      meeting(SAM, '2026-03-30T09:00:00+02:00'), // next week
    ];
    expect(oneOnOneMinutesThisWeek(meetings, now, BERLIN)).toEqual({
      week: { kind: 'week', start: '2026-03-23', end: '2026-03-29' },
      total: 15 + 30 + 30 + 60 + 60 + 30,
      held: 15 + 30 + 15,
      upcoming: 15 + 60 + 60 + 30,
    });
    expect(meetingsThisWeek(meetings, now, BERLIN).map((m) => new Date(m.start).toISOString())).toEqual([
      '2026-03-22T22:45:00.000Z',
      '2026-03-23T09:00:00.000Z',
      '2026-03-25T10:45:00.000Z',
      '2026-03-26T11:00:00.000Z',
      '2026-03-26T23:00:00.000Z', // the all-day 1:1 is listed, though it adds no minutes
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T21:30:00.000Z',
    ]);
  });

  it('takes the week in the user’s zone and from their first weekday', () => {
    // Sunday 1 November 2026, 20:00 in Los Angeles (the day US clocks go back) is Monday in Tokyo.
    const now = iso('2026-11-01T20:00:00-08:00');
    const sunday = meeting(DANA, '2026-11-01T18:00:00-08:00');
    const monday = meeting(DANA, '2026-11-02T09:00:00-08:00');
    expect(oneOnOneMinutesThisWeek([sunday, monday], now, 'America/Los_Angeles').week).toEqual({
      kind: 'week',
      start: '2026-10-26',
      end: '2026-11-01',
    });
    expect(oneOnOneMinutesThisWeek([sunday, monday], now, 'America/Los_Angeles')).toMatchObject({ total: 30, held: 30 });
    expect(oneOnOneMinutesThisWeek([sunday, monday], now, 'America/Los_Angeles', 0)).toMatchObject({
      week: { start: '2026-11-01', end: '2026-11-07' },
      total: 60,
      held: 30,
      upcoming: 30,
    });
    expect(oneOnOneMinutesThisWeek([sunday, monday], now, 'Asia/Tokyo')).toMatchObject({
      week: { start: '2026-11-02', end: '2026-11-08' },
      total: 60,
    });
  });

  it('lists the 1:1s of a day in the user’s zone, by start', () => {
    const late = meeting(SAM, '2026-11-20T23:30:00+09:00');
    const early = meeting(DANA, '2026-11-20T08:00:00+09:00');
    const cancelled = meeting(DANA, '2026-11-20T10:00:00+09:00', { status: 'cancelled' });
    const meetings = [late, early, cancelled];
    expect(meetingsOnDay(meetings, '2026-11-20', 'Asia/Tokyo')).toEqual([early, late]);
    // In Berlin the late one is at 15:30 on the 20th; the early one at 00:00 on the 20th.
    expect(meetingsOnDay(meetings, '2026-11-20', BERLIN)).toEqual([early, late]);
    // In Los Angeles the early one is on the 19th (15:00) and the late one on the 20th (06:30).
    expect(meetingsOnDay(meetings, '2026-11-19', 'America/Los_Angeles')).toEqual([early]);
    expect(meetingsOnDay(meetings, '2026-11-20', 'America/Los_Angeles')).toEqual([late]);
    expect(meetingsOnDay(meetings, '2026-11-21', 'Asia/Tokyo')).toEqual([]);
  });

  it('estimates the weekly minutes if every active direct met at their cadence', () => {
    const people = [
      person(DANA),
      person(SAM),
      person('email:ana@example.com'),
      person('email:fortnightly@example.com', { cadenceDays: 14 }),
      person('email:lee@example.com', { archived: true }),
      person('email:pat@example.com', { relationship: 'peer' }),
      person('name:kim', { mergedInto: DANA }),
    ];
    expect(weeklyMinutesIfEveryDirectMet(people)).toBe(30 * 3 + 15);
    expect(weeklyMinutesIfEveryDirectMet(people, 45)).toBe(Math.round(45 * 3 + 22.5));
    expect(weeklyMinutesIfEveryDirectMet([])).toBe(0);
  });
});
