// @vitest-environment happy-dom
// The readers on every saved variant of Calendar's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEventRef } from '../../src/domain/event-id';
import { isShown, mentionsAny, readAccount, readCalendarPage, readGuests } from '../../src/calendar-page/read-page';
import { ORGANIZER_WORDS } from '../../src/calendar-page/selectors';
import { emulateLayout, fixtureNames, fixtureUrl, parseFixture } from './fixtures';

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = emulateLayout();
});
afterAll(() => restoreLayout());

function read(name: string, url = fixtureUrl(name)) {
  return readCalendarPage(parseFixture(name), url);
}

function readEvent(name: string) {
  const reading = read(name);
  if (reading.kind !== 'event') throw new Error(`${name}: expected an event, got ${JSON.stringify(reading)}`);
  return reading;
}

const SAM = 'sam.lee@example.com';
const DANA = 'dana.reyes@example.com';

type Expected = {
  title: string;
  eventId: string;
  calendarId: string;
  seriesId?: string;
  surface: 'dialog' | 'event-page';
  accountEmail?: string;
  accountName?: string;
  accountIndex: number;
  guests: [email: string, name: string | undefined, flags?: string][];
  guestsComplete: boolean;
};

const events: Record<string, Expected> = {
  'popover-1on1.html': {
    title: '1:1 Dana / Sam', eventId: '7kqsd5h4c8n2jm5lq0tl6u2e4v', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [[SAM, 'Sam Lee', 'organizer'], [DANA, 'Dana Reyes']], guestsComplete: true,
  },
  'popover-recurring.html': {
    title: 'Weekly 1:1 Dana', eventId: '3n6k5ch4154782p6998nimkh0o_20260316T150000Z', calendarId: SAM,
    seriesId: '3n6k5ch4154782p6998nimkh0o', surface: 'dialog', accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [[SAM, 'Sam Lee', 'organizer'], [DANA, 'Dana Reyes']], guestsComplete: true,
  },
  'popover-guests-no-names.html': {
    title: 'Sync', eventId: '5u3m2qv0gk1a7j6o9d8s4r2c1b', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [[SAM, undefined, 'organizer'], ['jo.park@partner.example.org', undefined]], guestsComplete: true,
  },
  'popover-room.html': {
    title: 'Dana / Sam', eventId: '2a8f6d4h0j9l7n5p3r1t0v8x6z', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [
      [SAM, 'Sam Lee', 'organizer'],
      [DANA, 'Dana Reyes'],
      ['c_18854fnv0a6s8h4dk1@resource.calendar.google.com', 'Berlin-4-Kiez (6) [Whiteboard]', 'resource'],
    ],
    guestsComplete: true,
  },
  'popover-one-guest.html': {
    title: 'Catch-up', eventId: '6b4d2f0h8j6l4n2p0r8t6v4x2z', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [[DANA, 'Dana Reyes', 'organizer']], guestsComplete: true,
  },
  'popover-no-guests.html': {
    title: 'Dana <> Me', eventId: '4pqv1l9s0e7hmr2c6jb8dk3n5o', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0, guests: [], guestsComplete: false,
  },
  'popover-declined.html': {
    title: '1:1 Dana / Sam', eventId: '8e6c4a2y0w8u6s4q2o0m8k6i4g', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [[SAM, 'Sam Lee', 'organizer'], [DANA, 'Dana Reyes', 'declined']], guestsComplete: true,
  },
  'popover-second-account.html': {
    title: 'Tennis partner 1:1', eventId: '9f7d5b3z1x9v7t5r3p1n9l7j5h', calendarId: 'sam.lee.home@gmail.com', surface: 'dialog',
    accountEmail: 'sam.lee.home@gmail.com', accountName: 'Sam Lee', accountIndex: 1,
    guests: [['sam.lee.home@gmail.com', 'Sam Lee', 'organizer'], ['alex.kim@gmail.com', 'Alex Kim']], guestsComplete: true,
  },
  'popover-fr.html': {
    title: '1:1 Dana / Sam', eventId: '7kqsd5h4c8n2jm5lq0tl6u2e4v', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [[SAM, 'Sam Lee', 'organizer'], [DANA, 'Dana Reyes']], guestsComplete: true,
  },
  'popover-de.html': {
    title: '1:1 Dana / Sam', eventId: '7kqsd5h4c8n2jm5lq0tl6u2e4v', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [[SAM, 'Sam Lee', 'organizer'], [DANA, 'Dana Reyes']], guestsComplete: true,
  },
  'popover-ja.html': {
    title: '1:1 Dana / Sam', eventId: '7kqsd5h4c8n2jm5lq0tl6u2e4v', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'サム・リー', accountIndex: 0,
    guests: [[SAM, 'サム・リー', 'organizer'], [DANA, 'Dana Reyes']], guestsComplete: true,
  },
  'popover-lazy-initial.html': {
    title: '1:1 Dana / Sam', eventId: '7kqsd5h4c8n2jm5lq0tl6u2e4v', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0, guests: [], guestsComplete: false,
  },
  'leftover-with-open-dialog.html': {
    title: '1:1 Dana / Sam', eventId: '7kqsd5h4c8n2jm5lq0tl6u2e4v', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [[SAM, 'Sam Lee', 'organizer'], [DANA, 'Dana Reyes']], guestsComplete: true,
  },
  'popover-hovercard-rows.html': {
    title: '1:1 Dana / Sam', eventId: '1h3j5l7n9p1r3t5v7x9z1b3d5f', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [[SAM, 'Sam Lee'], [DANA, 'Dana Reyes']], guestsComplete: true,
  },
  'popover-jsname-rows.html': {
    title: '1:1 Dana / Sam', eventId: '1h3j5l7n9p1r3t5v7x9z1b3d5f', calendarId: SAM, surface: 'dialog',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [[SAM, undefined], [DANA, undefined]], guestsComplete: true,
  },
  'eventpage-1on1.html': {
    title: '1:1 Dana / Sam', eventId: '7kqsd5h4c8n2jm5lq0tl6u2e4v', calendarId: SAM, surface: 'event-page',
    accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [[SAM, 'Sam Lee', 'organizer'], [DANA, 'Dana Reyes']], guestsComplete: true,
  },
  'eventpage-recurring-fr.html': {
    title: '1:1 hebdo Dana', eventId: '3n6k5ch4154782p6998nimkh0o_20260316T150000Z', calendarId: SAM,
    seriesId: '3n6k5ch4154782p6998nimkh0o', surface: 'event-page', accountEmail: SAM, accountName: 'Sam Lee', accountIndex: 0,
    guests: [[SAM, 'Sam Lee', 'organizer'], [DANA, 'Dana Reyes']], guestsComplete: true,
  },
};

describe('reading an open event', () => {
  it.each(Object.entries(events))('%s', (name, expected) => {
    const { event, root } = readEvent(name);
    expect(event.title).toBe(expected.title);
    expect(event.eventId).toBe(expected.eventId);
    expect(event.calendarId).toBe(expected.calendarId);
    expect(event.seriesId).toBe(expected.seriesId);
    expect(event.surface).toBe(expected.surface);
    expect(event.accountEmail).toBe(expected.accountEmail);
    expect(event.accountName).toBe(expected.accountName);
    expect(event.accountIndex).toBe(expected.accountIndex);
    expect(event.guestsComplete).toBe(expected.guestsComplete);
    expect(
      event.guests.map((guest) => [
        guest.email,
        guest.displayName,
        ...[guest.organizer && 'organizer', guest.resource && 'resource', guest.responseStatus].filter(Boolean),
      ]),
    ).toEqual(expected.guests.map(([email, displayName, flag]) => (flag ? [email, displayName, flag] : [email, displayName])));
    // The eid read is the one the page carries, and it decodes to what was read.
    expect(event.eid).toBe(
      encodeEventRef({ eventId: expected.eventId, calendarId: expected.calendarId }),
    );
    if (expected.surface === 'dialog') expect(root.getAttribute('role')).toBe('dialog');
    else expect(root.getAttribute('role')).toBe('main');
  });

  it('covers every fixture: each is either an event above or a non-event below', () => {
    const nonEvents = [
      'leftover-dialogs.html',
      'quick-create.html',
      'popover-task.html',
      'popover-no-event-id.html',
      'eventpage-loading.html',
      'popover-12-guests.html', // an event, checked on its own below
    ];
    expect(fixtureNames().filter((name) => !(name in events) && !nonEvents.includes(name))).toEqual([]);
  });

  it('a group of 12 reads all 12, the organiser marked', () => {
    const { event } = readEvent('popover-12-guests.html');
    expect(event.guests).toHaveLength(12);
    expect(event.guests.filter((guest) => guest.organizer).map((guest) => guest.email)).toEqual([SAM]);
    expect(new Set(event.guests.map((guest) => guest.email)).size).toBe(12);
  });

  it('the time row keeps its lines apart', () => {
    expect(readEvent('popover-1on1.html').event.timeText).toBe('Monday, March 16⋅3:00 – 3:30pm');
    expect(readEvent('popover-recurring.html').event.timeText).toBe('Monday, March 16⋅3:00 – 3:30pm · Weekly on Monday');
  });
});

describe('what is not an open event', () => {
  it.each([
    ['leftover-dialogs.html', 'hidden leftover dialogs (hidden, aria-hidden, display:none) with stale event ids'],
    ['quick-create.html', 'the quick-create dialog (no event id)'],
    ['popover-task.html', 'a task: its id does not decode to an event'],
  ])('%s: %s', (name) => {
    expect(read(name)).toEqual({ kind: 'none' });
  });

  it('an event dialog without its event id is reported as unrecognised (the page changed)', () => {
    expect(read('popover-no-event-id.html')).toEqual({
      kind: 'unrecognised',
      problem: 'an event dialog is open but carries no event id',
    });
  });

  it('an event page URL before its form renders is unrecognised (until it settles), not an event', () => {
    expect(read('eventpage-loading.html').kind).toBe('unrecognised');
  });

  it('the event page of a new event (no decodable eid) is no event', () => {
    const doc = parseFixture('eventpage-1on1.html');
    expect(readCalendarPage(doc, 'https://calendar.google.com/calendar/u/0/r/eventedit')).toEqual({ kind: 'none' });
    expect(readCalendarPage(doc, 'https://calendar.google.com/calendar/u/0/r/eventedit/bm90IGFuIGV2ZW50')).toEqual({ kind: 'none' });
  });

  it('the week view URL with the event page markup is not read as the event page', () => {
    expect(read('eventpage-1on1.html', 'https://calendar.google.com/calendar/u/0/r/week').kind).toBe('none');
  });

  it('a hidden copy of a real dialog is ignored, whichever way it is hidden', () => {
    for (const hide of [
      (el: HTMLElement) => el.setAttribute('hidden', ''),
      (el: HTMLElement) => el.setAttribute('aria-hidden', 'true'),
      (el: HTMLElement) => el.style.setProperty('display', 'none'),
      (el: HTMLElement) => el.parentElement!.setAttribute('aria-hidden', 'true'),
      (el: HTMLElement) => el.remove(),
    ]) {
      const doc = parseFixture('popover-1on1.html');
      const dialog = doc.querySelector<HTMLElement>('[role="dialog"]')!;
      expect(isShown(dialog)).toBe(true);
      hide(dialog);
      expect(readCalendarPage(doc, fixtureUrl('popover-1on1.html'))).toEqual({ kind: 'none' });
    }
  });
});

describe('pieces', () => {
  it('reads the account from English and localised labels', () => {
    expect(readAccount(parseFixture('popover-de.html'))).toEqual({ accountEmail: SAM, accountName: 'Sam Lee' });
    expect(readAccount(parseFixture('popover-ja.html'))).toEqual({ accountEmail: SAM, accountName: 'サム・リー' });
    const doc = parseFixture('popover-1on1.html');
    doc.querySelector('[aria-label^="Google Account:"]')!.remove();
    expect(readAccount(doc)).toEqual({});
  });

  it('page text is read as text: markup in names and titles stays inert characters', () => {
    const doc = parseFixture('popover-1on1.html');
    doc.getElementById('rAECCd')!.textContent = '<img src=x onerror=alert(1)>';
    doc.querySelector('[data-email="dana.reyes@example.com"] .SDqFWd span')!.textContent = '<b>Dana</b>';
    const reading = readCalendarPage(doc, fixtureUrl('popover-1on1.html'));
    if (reading.kind !== 'event') throw new Error('expected an event');
    expect(reading.event.title).toBe('<img src=x onerror=alert(1)>');
    expect(reading.event.guests[1]!.displayName).toBe('<b>Dana</b>');
    expect(doc.querySelector('img[src="x"]')).toBeNull();
  });

  it('organiser words are matched as words in every listed locale, not inside other words', () => {
    const table: [string, boolean][] = [
      ['Dana Reyes, Organizer', true],
      ['Organisateur', true],
      ['Organisator', true],
      ['主催者', true],
      ['Sam Lee (主催者)', true],
      ['Reorganizers united', false],
      ['Dana Reyes', false],
      ['', false],
    ];
    for (const [text, expected] of table) expect({ text, found: mentionsAny(text, ORGANIZER_WORDS) }).toEqual({ text, found: expected });
  });

  it('nested markup repeating a guest gives one guest', () => {
    const doc = parseFixture('popover-1on1.html');
    const rows = doc.querySelectorAll('[role="treeitem"][data-email]');
    const copy = rows[1]!.cloneNode(true) as Element;
    rows[1]!.parentElement!.append(copy);
    expect(readGuests(doc).map((guest) => guest.email)).toEqual([SAM, DANA]);
  });
});
