// The meeting record and the person for the 1:1 a sidebar opens on: stored ones are used as they
// are; new ones come from the page event (start from the instance id, the sync engine, the time
// row, or now, in that order), with the person and the relationship the organiser rule suggests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingFromPageEvent, setUpMeeting, timeFromPage, type OneOnOne } from '../../../src/app/sidebar/meeting-setup';
import type { PageEvent, PageGuest } from '../../../src/calendar-page/page-event';
import { getMeeting, getPerson, putMeeting, putPerson, type CompanionDb, type StorageMessage } from '../../../src/storage';
import { ACCOUNT, freshDb, meeting, person } from '../fixtures';

const NOW = Date.UTC(2026, 2, 16, 9, 0);
const me: PageGuest = { email: ACCOUNT, displayName: 'Sam Lee', organizer: true, resource: false };
const dana: PageGuest = { email: 'dana@example.com', displayName: 'Dana Reyes', organizer: false, resource: false };
const room: PageGuest = { email: 'c_1@resource.calendar.google.com', displayName: 'Room 4', organizer: false, resource: true };
const danaOneOnOne: OneOnOne = { isOneOnOne: true, reason: 'two-human-guests', other: { email: 'dana@example.com', displayName: 'Dana Reyes', personId: 'email:dana@example.com' } };

function pageEvent(overrides: Partial<PageEvent> = {}): PageEvent {
  return {
    eid: 'eid',
    eventId: 'evt1',
    calendarId: ACCOUNT,
    title: '1:1 Dana / Sam',
    timeText: 'Monday, March 16⋅10:00 – 10:30am',
    guests: [me, dana, room],
    guestsComplete: true,
    accountEmail: ACCOUNT,
    accountIndex: 0,
    surface: 'dialog',
    ...overrides,
  };
}

let db: CompanionDb;
let notices: StorageMessage[];
beforeEach(async () => {
  db = await freshDb();
  notices = [];
});
afterEach(() => db.close());

describe('when a new meeting starts', () => {
  it.each([
    ['a recurring instance: its id (length from the time row)', pageEvent({ eventId: 'ser1_20260317T143000Z', seriesId: 'ser1' }), { start: Date.UTC(2026, 2, 17, 14, 30), end: Date.UTC(2026, 2, 17, 15, 0), source: 'instance-id' }],
    ['the time row', pageEvent(), { start: Date.UTC(2026, 2, 16, 10), end: Date.UTC(2026, 2, 16, 10, 30), source: 'page-time' }],
    ['a time row in another language: now', pageEvent({ timeText: 'lundi 16 mars⋅10:00 – 10:30' }), { start: NOW, end: NOW + 30 * 60_000, source: 'now' }],
    ['no time row: now', pageEvent({ timeText: undefined }), { start: NOW, source: 'now' }],
  ])('%s', (_what, event, expected) => {
    expect(timeFromPage(event, NOW, 'UTC')).toMatchObject(expected);
  });
});

describe('a meeting made from the page', () => {
  it('takes title, guests, organiser, the other person, calendar and series', () => {
    const m = meetingFromPageEvent({
      account: ACCOUNT,
      pageEvent: pageEvent({ eventId: 'ser1_20260317T143000Z', seriesId: 'ser1', guests: [me, { ...dana, responseStatus: 'declined' }, room] }),
      classification: danaOneOnOne,
      time: { start: 1, end: 2, allDay: false },
      selfEmails: [ACCOUNT],
      now: NOW,
    });
    expect(m).toMatchObject({
      id: `${ACCOUNT}|ser1_20260317T143000Z`,
      source: 'calendar',
      eventId: 'ser1_20260317T143000Z',
      seriesId: 'ser1',
      calendarId: ACCOUNT,
      title: '1:1 Dana / Sam',
      organizerEmail: ACCOUNT,
      personId: 'email:dana@example.com',
      isOneOnOne: true,
      classificationReason: 'two-human-guests',
      declinedBy: 'them',
      canModify: true,
      markedHeld: false,
    });
    expect(m.attendees).toEqual([
      { email: ACCOUNT, displayName: 'Sam Lee', self: true, organizer: true },
      { email: 'dana@example.com', displayName: 'Dana Reyes', responseStatus: 'declined' },
      { email: 'c_1@resource.calendar.google.com', displayName: 'Room 4', resource: true },
    ]);
  });

  it('organised by someone else: not modifiable until the API says guests may modify it', () => {
    const m = meetingFromPageEvent({ account: ACCOUNT, pageEvent: pageEvent({ guests: [{ ...me, organizer: false }, { ...dana, organizer: true }] }), classification: danaOneOnOne, time: { start: 1, end: 2, allDay: false }, selfEmails: [ACCOUNT], now: NOW });
    expect(m).toMatchObject({ organizerEmail: 'dana@example.com', canModify: false });
  });
});

describe('setting up the open 1:1', () => {
  const base = (overrides: Partial<Parameters<typeof setUpMeeting>[0]> = {}) => ({
    db,
    pageEvent: pageEvent(),
    classification: danaOneOnOne,
    selfEmails: [ACCOUNT],
    timeZone: 'UTC',
    now: () => NOW,
    notify: (message: StorageMessage) => void notices.push(message),
    ...overrides,
  });

  it('a new 1:1 the user organises: the meeting from the page and Dana, suggested as a direct', async () => {
    const setup = await setUpMeeting(base());
    expect(setup.source).toBe('page-time');
    expect(await getMeeting(db, `${ACCOUNT}|evt1`)).toMatchObject({ start: Date.UTC(2026, 2, 16, 10), personId: 'email:dana@example.com' });
    expect(await getPerson(db, 'email:dana@example.com')).toMatchObject({ displayName: 'Dana Reyes', email: 'dana@example.com', relationship: 'direct', relationshipSource: 'suggested', level: 'frontline', cadenceDays: 7 });
    expect(notices.map((n) => n.type)).toEqual(['meetings-changed', 'people-changed']);
  });

  it('someone else organises it: suggested as "other" (not a direct)', async () => {
    await setUpMeeting(base({ pageEvent: pageEvent({ guests: [{ ...me, organizer: false }, { ...dana, organizer: true }] }) }));
    expect(await getPerson(db, 'email:dana@example.com')).toMatchObject({ relationship: 'other', relationshipSource: 'suggested' });
  });

  it('a stored meeting is used as it is, and a known person is not changed', async () => {
    const stored = meeting('email:dana@example.com', Date.UTC(2026, 2, 16, 11), { eventId: 'evt1', title: 'From the API' });
    await putMeeting(db, stored);
    await putPerson(db, person('dana@example.com', { displayName: 'Dana R.', relationship: 'manager' }));
    let refreshed = 0;
    const setup = await setUpMeeting(base({ refreshFromCalendar: async () => void refreshed++ }));
    expect(setup).toMatchObject({ source: 'stored', meeting: { title: 'From the API', start: Date.UTC(2026, 2, 16, 11) }, person: { displayName: 'Dana R.', relationship: 'manager' } });
    expect(refreshed).toBe(0);
    expect(notices).toEqual([]);
  });

  it('asks the sync engine first; a meeting it learnt meanwhile (signed in) is used', async () => {
    const learnt = meeting('email:dana@example.com', Date.UTC(2026, 2, 18, 15), { eventId: 'evt1', title: 'Dana / Sam (API)' });
    const setup = await setUpMeeting(base({ refreshFromCalendar: async () => putMeeting(db, learnt) }));
    expect(setup.source).toBe('calendar-api');
    expect(setup.meeting).toMatchObject({ title: 'Dana / Sam (API)', start: Date.UTC(2026, 2, 18, 15) });
  });

  it('an engine that does not answer (or fails) leaves the page\'s data', async () => {
    const setup = await setUpMeeting(base({ refreshFromCalendar: async () => Promise.reject(new Error('no engine')) }));
    expect(setup).toMatchObject({ source: 'page-time', meeting: { start: Date.UTC(2026, 2, 16, 10) } });
  });

  it('a recurring instance is never held up by the engine', async () => {
    let asked = false;
    const setup = await setUpMeeting(base({ pageEvent: pageEvent({ eventId: 'ser1_20260317T143000Z', seriesId: 'ser1' }), refreshFromCalendar: async () => void (asked = true) }));
    expect(asked).toBe(false);
    expect(setup.source).toBe('instance-id');
  });

  it('follows a provisional person merged into an address', async () => {
    await putPerson(db, person('dana@example.com', { displayName: 'Dana Reyes' }));
    await putPerson(db, person('x@example.com', { id: 'name:dana', email: undefined, displayName: 'Dana', mergedInto: 'email:dana@example.com' }));
    const titled: OneOnOne = { isOneOnOne: true, reason: 'title', other: { displayName: 'Dana', personId: 'name:dana' } };
    const setup = await setUpMeeting(base({ pageEvent: pageEvent({ title: 'Dana <> Me', guests: [] }), classification: titled }));
    expect(setup.person.id).toBe('email:dana@example.com');
  });

  it('a person known only by address gets the name the page shows', async () => {
    await putPerson(db, person('dana@example.com', { displayName: 'dana@example.com' }));
    const setup = await setUpMeeting(base());
    expect(setup.person.displayName).toBe('Dana Reyes');
    expect((await getPerson(db, 'email:dana@example.com'))?.displayName).toBe('Dana Reyes');
  });

  it('a stored group meeting the user just marked as a 1:1 takes the marked person', async () => {
    await putMeeting(db, meeting('email:ari@example.com', NOW, { eventId: 'evt1', isOneOnOne: false, classificationReason: 'not-one-on-one' }));
    const marked: OneOnOne = { isOneOnOne: true, reason: 'marked-event', other: { email: 'dana@example.com', displayName: 'Dana Reyes', personId: 'email:dana@example.com' } };
    const setup = await setUpMeeting(base({ classification: marked }));
    expect(setup.meeting).toMatchObject({ isOneOnOne: true, personId: 'email:dana@example.com', classificationReason: 'marked-event' });
    expect(await getMeeting(db, `${ACCOUNT}|evt1`)).toMatchObject({ personId: 'email:dana@example.com' });
  });
});
