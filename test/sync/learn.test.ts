// Learning from the calendar: the listing window, full listings and `updatedMin` between them,
// meetings and people kept up to date (held, cancelled, moved, declined), the account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getPerson, getSettings, listAllPeople, putPerson } from '../../src/storage';
import { FULL_RELIST_MS, LEARN_AHEAD_MS, LEARN_BACK_MS } from '../../src/sync/engine';
import { DANA, DAY, HOUR, ME, meetingOf, startWorld, type World } from './harness';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => world.close());

const lists = () => world.requests((r) => r.method === 'GET' && r.path === '/calendars/primary/events' && r.query.timeMin !== undefined && r.query.maxResults !== undefined);

describe('learning the calendar window', () => {
  it('lists the primary calendar from at least 8 weeks back to 2 weeks ahead, instances expanded', async () => {
    const browser = world.browser();
    const report = await browser.engine.learn();
    expect(report).toMatchObject({ ok: true, account: ME, full: true });
    const [first] = lists();
    expect(first).toBeDefined();
    const timeMin = Date.parse(first!.query.timeMin!);
    const timeMax = Date.parse(first!.query.timeMax!);
    expect(world.now() - timeMin).toBeGreaterThanOrEqual(56 * DAY);
    expect(timeMax - world.now()).toBeGreaterThanOrEqual(14 * DAY);
    expect(timeMin).toBe(world.now() - LEARN_BACK_MS);
    expect(timeMax).toBe(world.now() + LEARN_AHEAD_MS);
    expect(first!.query.singleEvents).toBe('true');
    expect(first!.query.updatedMin).toBeUndefined();
  });

  it('uses updatedMin between full listings and lists in full again at least daily', async () => {
    const browser = world.browser();
    await browser.engine.learn();
    const firstAt = world.now();
    world.advance(5 * 60_000);
    const second = await browser.engine.learn();
    expect(second).toMatchObject({ ok: true, full: false });
    const incremental = lists().at(-1)!;
    expect(Date.parse(incremental.query.updatedMin!)).toBeLessThanOrEqual(firstAt);
    expect(Date.parse(incremental.query.updatedMin!)).toBeGreaterThan(firstAt - 10 * 60_000);
    expect(Date.parse(incremental.query.timeMin!)).toBe(world.now() - LEARN_BACK_MS);

    world.advance(FULL_RELIST_MS);
    const third = await browser.engine.learn();
    expect(third).toMatchObject({ ok: true, full: true });
    expect(lists().at(-1)!.query.updatedMin).toBeUndefined();
    // Asked for explicitly (the browser starting up), a full listing is made at once.
    world.advance(60_000);
    expect(await browser.engine.learn({ full: true })).toMatchObject({ ok: true, full: true });
  });

  it('falls back to a full listing when Google says updatedMin is too old (410)', async () => {
    const browser = world.browser();
    await browser.engine.learn();
    world.advance(10 * 60_000);
    world.api.state.failNext(1, { status: 410, reason: 'updatedMinTooLongAgo' });
    const report = await browser.engine.learn();
    expect(report).toMatchObject({ ok: true, full: true });
    expect(lists().at(-1)!.query.updatedMin).toBeUndefined();
  });

  it('takes the account from the listing, without an extra request, and stores the calendar zone', async () => {
    const browser = world.browser();
    await browser.engine.learn();
    expect(world.requests()).toHaveLength(1);
    expect(await browser.engine.accountState()).toEqual({ state: 'signed-in', account: ME });
    expect((await getSettings(await browser.db()))?.timeZone).toBe('Europe/Berlin');
  });
});

describe('meetings and people', () => {
  it('stores 1:1s (not other events), with the other person as a suggested direct when the user organises', async () => {
    const oneOnOne = world.addOneOnOne();
    world.api.state.addEvent(ME, {
      summary: 'Team sync',
      start: { dateTime: new Date(world.now() + 3 * HOUR).toISOString() },
      end: { dateTime: new Date(world.now() + 4 * HOUR).toISOString() },
      attendees: [{ email: ME }, { email: DANA }, { email: 'sam@example.com' }],
    });
    const browser = world.browser();
    const report = await browser.engine.learn();
    expect(report).toMatchObject({ ok: true, events: 2, meetingsChanged: 1, peopleChanged: 1 });
    const meeting = await browser.meeting(meetingOf(oneOnOne));
    expect(meeting).toMatchObject({
      eventId: oneOnOne,
      calendarId: ME,
      isOneOnOne: true,
      personId: `email:${DANA}`,
      canModify: true,
      status: 'confirmed',
      organizerEmail: ME,
    });
    expect(await getPerson(await browser.db(), `email:${DANA}`)).toMatchObject({
      displayName: 'Dana Reyes',
      relationship: 'direct',
      relationshipSource: 'suggested',
    });
  });

  it('suggests "other" for someone whose 1:1s another person organises, and never overrides a confirmed relationship', async () => {
    world.addOneOnOne({ organizer: DANA });
    world.addOneOnOne({ other: 'sam@example.com', start: world.now() + DAY });
    const browser = world.browser();
    const db = await browser.db();
    await putPerson(db, {
      account: ME,
      id: 'email:sam@example.com',
      email: 'sam@example.com',
      displayName: 'Sam',
      relationship: 'manager',
      relationshipSource: 'confirmed',
      level: 'manager',
      cadenceDays: 14,
      archived: false,
      updatedAt: 1,
    });
    await browser.engine.learn();
    const people = await listAllPeople(db);
    expect(people.find((p) => p.id === `email:${DANA}`)).toMatchObject({ relationship: 'other', relationshipSource: 'suggested' });
    expect(people.find((p) => p.id === 'email:sam@example.com')).toMatchObject({ relationship: 'manager', relationshipSource: 'confirmed', displayName: 'Sam' });
  });

  it('keeps meetings up to date: moved, declined by either side, cancelled, deleted', async () => {
    const moved = world.addOneOnOne({ start: world.now() + DAY });
    const declinedByThem = world.addOneOnOne({ start: world.now() + 2 * DAY });
    const declinedByMe = world.addOneOnOne({ start: world.now() + 3 * DAY });
    const deleted = world.addOneOnOne({ start: world.now() - 7 * DAY });
    const browser = world.browser();
    await browser.engine.learn();
    world.advance(5 * 60_000);

    const newStart = world.now() + 4 * DAY;
    world.api.state.editEvent(ME, moved, {
      start: { dateTime: new Date(newStart).toISOString(), timeZone: 'Europe/Berlin' },
      end: { dateTime: new Date(newStart + HOUR).toISOString(), timeZone: 'Europe/Berlin' },
    });
    world.api.state.editEvent(ME, declinedByThem, { attendees: [{ email: ME, responseStatus: 'accepted' }, { email: DANA, responseStatus: 'declined' }] });
    world.api.state.editEvent(ME, declinedByMe, { attendees: [{ email: ME, responseStatus: 'declined' }, { email: DANA, responseStatus: 'accepted' }] });
    world.api.state.removeEvent(ME, deleted);
    world.advance(60_000);
    const report = await browser.engine.learn();
    expect(report).toMatchObject({ ok: true, full: false, meetingsChanged: 4 });

    expect((await browser.meeting(meetingOf(moved)))!.start).toBe(newStart);
    expect((await browser.meeting(meetingOf(declinedByThem)))!.declinedBy).toBe('them');
    expect((await browser.meeting(meetingOf(declinedByMe)))!.declinedBy).toBe('me');
    expect((await browser.meeting(meetingOf(deleted)))!.status).toBe('cancelled');
  });

  it('after a full listing, asks for a stored meeting the listing did not name (moved out of the window)', async () => {
    const eventId = world.addOneOnOne({ start: world.now() + DAY });
    const browser = world.browser();
    await browser.engine.learn();
    const farAway = world.now() + 60 * DAY;
    world.api.state.editEvent(ME, eventId, {
      start: { dateTime: new Date(farAway).toISOString(), timeZone: 'Europe/Berlin' },
      end: { dateTime: new Date(farAway + HOUR).toISOString(), timeZone: 'Europe/Berlin' },
    });
    world.advance(FULL_RELIST_MS);
    world.clearRequests();
    await browser.engine.learn();
    expect(world.requests((r) => r.path === `/calendars/${encodeURIComponent(ME)}/events/${eventId}`)).toHaveLength(1);
    expect(await browser.meeting(meetingOf(eventId))).toMatchObject({ start: farAway, status: 'confirmed' });
  });

  it('learns each instance of a recurring 1:1 as its own meeting of the series', async () => {
    const seriesId = world.addOneOnOne({ start: world.now() - 21 * DAY, recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6'] });
    const browser = world.browser();
    await browser.engine.learn();
    const db = await browser.db();
    const meetings = (await db.idb.getAll('meetings')).filter((m) => m.seriesId === seriesId);
    expect(meetings).toHaveLength(6);
    expect(new Set(meetings.map((m) => m.eventId)).size).toBe(6);
    expect(meetings.every((m) => m.eventId!.startsWith(`${seriesId}_`))).toBe(true);
  });
});
