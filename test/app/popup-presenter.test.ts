import { describe, expect, it } from 'vitest';
import { overdueBadgeText, overdueCount, popupViewModel, type PopupData } from '../../src/app/popup-presenter';
import type { Meeting, Person } from '../../src/domain/schemas';
import { actionItem, DAY_MS, HOUR_MS, meeting, person, settings } from './fixtures';

// Thursday 20 November 2025, 15:00 UTC.
const NOW = Date.UTC(2025, 10, 20, 15, 0);
const dana = person('dana@example.com', { displayName: 'Dana Reyes' });
const sam = person('sam@example.com', { displayName: 'Sam Ito' });

function data(people: Person[], meetings: Meeting[], overrides: Partial<PopupData> = {}): PopupData {
  return {
    people,
    meetings,
    owed: [],
    settings: settings({ lastBackupAt: NOW - DAY_MS }),
    account: { state: 'signed-in', email: 'me@example.com' },
    sync: { kind: 'synced', atText: '14:05' },
    syncEnabled: true,
    ...overrides,
  };
}

describe('popupViewModel: overdue (CONTRACT.md "Popup")', () => {
  // Days since the last held 1:1, counted in calendar days; cadence 7 by default.
  const cases: { name: string; lastHeldDaysAgo: number; cadence?: number; overdue: boolean }[] = [
    { name: 'held today', lastHeldDaysAgo: 0, overdue: false },
    { name: '6 days ago', lastHeldDaysAgo: 6, overdue: false },
    { name: '7 days ago: on the cadence, not overdue', lastHeldDaysAgo: 7, overdue: false },
    { name: '8 days ago: overdue', lastHeldDaysAgo: 8, overdue: true },
    { name: '30 days ago', lastHeldDaysAgo: 30, overdue: true },
    { name: 'fortnightly, 14 days ago', lastHeldDaysAgo: 14, cadence: 14, overdue: false },
    { name: 'fortnightly, 15 days ago', lastHeldDaysAgo: 15, cadence: 14, overdue: true },
  ];
  it.each(cases)('$name', ({ lastHeldDaysAgo, cadence, overdue }) => {
    const who = person('dana@example.com', { displayName: 'Dana Reyes', cadenceDays: cadence ?? 7 });
    const model = popupViewModel(data([who], [meeting(who.id, NOW - lastHeldDaysAgo * DAY_MS - HOUR_MS)]), NOW, 'UTC');
    expect(model.overdue).toEqual(overdue ? [{ personId: who.id, displayName: 'Dana Reyes', daysSinceLast: lastHeldDaysAgo }] : []);
  });

  it('lists an overdue direct and leaves out one within the cadence, most overdue first', () => {
    const lee = person('lee@example.com', { displayName: 'Lee Park' });
    const model = popupViewModel(
      data(
        [dana, sam, lee],
        [meeting(dana.id, NOW - 9 * DAY_MS), meeting(sam.id, NOW - 3 * DAY_MS), meeting(lee.id, NOW - 20 * DAY_MS)],
      ),
      NOW,
      'UTC',
    );
    expect(model.overdue.map((row) => [row.displayName, row.daysSinceLast])).toEqual([
      ['Lee Park', 20],
      ['Dana Reyes', 9],
    ]);
  });

  // The same two instants counted in different zones: a 1:1 late in the evening and now just
  // after midnight eight local days later.
  const zoneCases = [
    { zone: 'America/New_York', days: 8, overdue: true },
    { zone: 'UTC', days: 7, overdue: false },
    { zone: 'Asia/Tokyo', days: 7, overdue: false },
  ];
  it.each(zoneCases)('counts calendar days in the user’s zone: $zone → $days days', ({ zone, days, overdue }) => {
    const heldAt = Date.UTC(2025, 10, 13, 4, 30); // 12 Nov 23:30 in New York, 13 Nov in UTC and Tokyo
    const now = Date.UTC(2025, 10, 20, 5, 10); // 20 Nov 00:10 in New York, 20 Nov in UTC and Tokyo
    const model = popupViewModel(data([dana], [meeting(dana.id, heldAt)]), now, zone);
    expect(overdueCount([dana], [meeting(dana.id, heldAt)], now, zone)).toBe(overdue ? 1 : 0);
    if (overdue) expect(model.overdue[0]?.daysSinceLast).toBe(days);
    else expect(model.overdue).toEqual([]);
  });

  const notHeld: { name: string; overrides: Partial<Meeting> }[] = [
    { name: 'cancelled', overrides: { status: 'cancelled' } },
    { name: 'declined by me', overrides: { declinedBy: 'me' } },
    { name: 'declined by them', overrides: { declinedBy: 'them' } },
  ];
  it.each(notHeld)('a $name 1:1 is not the last held one', ({ overrides }) => {
    const meetings = [meeting(dana.id, NOW - 10 * DAY_MS), meeting(dana.id, NOW - 2 * DAY_MS, overrides)];
    const model = popupViewModel(data([dana], meetings), NOW, 'UTC');
    expect(model.overdue).toEqual([{ personId: dana.id, displayName: 'Dana Reyes', daysSinceLast: 10 }]);
  });

  it('a cancelled event the user marked as held, and a logged 1:1, count as held', () => {
    for (const recent of [
      meeting(dana.id, NOW - 2 * DAY_MS, { status: 'cancelled', markedHeld: true }),
      meeting(dana.id, NOW - 2 * DAY_MS, { source: 'logged', eventId: undefined, calendarId: undefined, markedHeld: true, classificationReason: 'marked-event' }),
    ]) {
      const model = popupViewModel(data([dana], [meeting(dana.id, NOW - 10 * DAY_MS), recent]), NOW, 'UTC');
      expect(model.overdue).toEqual([]);
    }
  });

  it('a 1:1 later today does not count as held yet; the next booked one is shown', () => {
    const later = meeting(dana.id, NOW + 2 * HOUR_MS);
    const model = popupViewModel(data([dana], [meeting(dana.id, NOW - 9 * DAY_MS), later]), NOW, 'UTC');
    expect(model.overdue).toEqual([
      { personId: dana.id, displayName: 'Dana Reyes', daysSinceLast: 9, next: { meetingId: later.id, day: '2025-11-20', timeText: '17:00' } },
    ]);
  });

  it('leaves out people who are not directs, archived, snoozed, or have no 1:1 yet', () => {
    const manager = person('boss@example.com', { relationship: 'manager' });
    const archived = person('old@example.com', { archived: true });
    const snoozed = person('leave@example.com', { snoozedUntil: '2025-11-25' });
    const fresh = person('new@example.com');
    const people = [manager, archived, snoozed, fresh];
    const meetings = [manager, archived, snoozed].map((p) => meeting(p.id, NOW - 30 * DAY_MS));
    expect(popupViewModel(data(people, meetings), NOW, 'UTC').overdue).toEqual([]);
  });

  it('follows a record merged into a direct: its 1:1s count for the direct', () => {
    const provisional = person('x@example.com', { id: 'name:dana', email: undefined, mergedInto: dana.id });
    const model = popupViewModel(data([dana, provisional], [meeting(dana.id, NOW - 20 * DAY_MS), meeting('name:dana', NOW - 2 * DAY_MS)]), NOW, 'UTC');
    expect(model.overdue).toEqual([]);
  });
});

describe('popupViewModel: the week, hours, what I owe', () => {
  it('lists this week’s 1:1s (Monday to Sunday), marking cancelled ones, with times in the zone', () => {
    const monday = Date.UTC(2025, 10, 17, 9, 0);
    const meetings = [
      meeting(dana.id, monday, { title: 'Dana / me' }),
      meeting(sam.id, NOW + HOUR_MS, { status: 'cancelled', title: 'Sam 1:1' }),
      meeting(sam.id, Date.UTC(2025, 10, 16, 9, 0), { title: 'last week (Sunday)' }),
      meeting(sam.id, Date.UTC(2025, 10, 24, 9, 0), { title: 'next week' }),
      meeting(sam.id, monday + HOUR_MS, { isOneOnOne: false, classificationReason: 'not-one-on-one', title: 'group' }),
    ];
    const model = popupViewModel(data([dana, sam], meetings), NOW, 'Europe/Berlin');
    expect(model.today).toBe('2025-11-20');
    expect(model.week.map((w) => [w.day, w.timeText, w.personName, w.title, w.cancelled ?? false])).toEqual([
      ['2025-11-17', '10:00', 'Dana Reyes', 'Dana / me', false],
      ['2025-11-20', '17:00', 'Sam Ito', 'Sam 1:1', true],
    ]);
  });

  it('sums this week’s 1:1 minutes (cancelled left out) against every direct at their cadence', () => {
    const monday = Date.UTC(2025, 10, 17, 9, 0);
    const fortnightly = person('lee@example.com', { displayName: 'Lee', cadenceDays: 14 });
    const meetings = [
      meeting(dana.id, monday, { end: monday + 45 * 60_000 }), // last held: 45 minutes
      meeting(sam.id, monday + 2 * HOUR_MS), // 30 minutes
      meeting(sam.id, NOW + HOUR_MS, { status: 'cancelled' }),
      meeting(fortnightly.id, NOW + 2 * HOUR_MS), // booked, 30 minutes
    ];
    const model = popupViewModel(data([dana, sam, fortnightly], meetings), NOW, 'UTC');
    // Dana 45 + Sam 30 + Lee 30 × 7/14 = 15.
    expect(model.hours).toEqual({ spentMinutes: 105, ifEveryDirectMinutes: 90 });
  });

  it('has no hours line without directs', () => {
    const peer = person('peer@example.com', { relationship: 'peer' });
    expect(popupViewModel(data([peer], [meeting(peer.id, NOW - DAY_MS)]), NOW, 'UTC').hours).toBeUndefined();
  });

  it('lists what I owe oldest first, with the person’s name and the day created; not theirs, not done', () => {
    const m = meeting(dana.id, NOW - 10 * DAY_MS);
    const owed = [
      actionItem(m, 'send the deck', NOW - 2 * DAY_MS, { due: '2025-11-19' }),
      actionItem(m, 'intro to Kim', NOW - 9 * DAY_MS),
      actionItem(m, 'their item', NOW - 5 * DAY_MS, { owner: 'them' }),
      actionItem(m, 'done one', NOW - 8 * DAY_MS, { status: 'done', doneAt: NOW }),
    ];
    const model = popupViewModel(data([dana], [m], { owed }), NOW, 'UTC');
    expect(model.owed.map((item) => [item.text, item.personName, item.createdDay, item.due])).toEqual([
      ['intro to Kim', 'Dana Reyes', '2025-11-11', undefined],
      ['send the deck', 'Dana Reyes', '2025-11-18', '2025-11-19'],
    ]);
  });
});

describe('popupViewModel: first run, account and backup', () => {
  it('says no 1:1s yet when none is known', () => {
    expect(popupViewModel(data([], []), NOW, 'UTC').noOneOnOnesYet).toBe(true);
    expect(popupViewModel(data([dana], [meeting(dana.id, NOW - DAY_MS)]), NOW, 'UTC').noOneOnOnesYet).toBe(false);
  });

  it('reminds to back up only when nothing syncs and the last backup is a week old', () => {
    const base = data([dana], [meeting(dana.id, NOW - DAY_MS)]);
    expect(popupViewModel({ ...base, syncEnabled: true, settings: settings() }, NOW, 'UTC').backupReminder).toBeUndefined();
    expect(popupViewModel({ ...base, syncEnabled: false, settings: settings() }, NOW, 'UTC').backupReminder).toEqual({});
    expect(popupViewModel({ ...base, syncEnabled: false, settings: settings({ lastBackupAt: NOW - 8 * DAY_MS }) }, NOW, 'UTC').backupReminder).toEqual({
      lastBackupDay: '2025-11-12',
    });
    expect(popupViewModel({ ...base, syncEnabled: false, settings: settings({ lastBackupAt: NOW - DAY_MS }) }, NOW, 'UTC').backupReminder).toBeUndefined();
  });
});

describe('overdueBadgeText', () => {
  it.each([
    [0, ''],
    [1, '1'],
    [12, '12'],
    [150, '99+'],
    [-1, ''],
    [Number.NaN, ''],
  ])('%s → %j', (count, text) => {
    expect(overdueBadgeText(count)).toBe(text);
  });
});
