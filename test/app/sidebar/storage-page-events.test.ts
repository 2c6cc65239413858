// The storage-backed PageEventProvider: what the service worker classifies Calendar's open event
// with, read from the account's IndexedDB (fake-indexeddb here).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decidePageEvent } from '../../../src/background/page-events';
import { createStoragePageEventProvider } from '../../../src/background/storage-page-events';
import type { PageEvent } from '../../../src/calendar-page/page-event';
import { accountDbName, deleteCompanionDb, openCompanionDb, putMeeting, putOverride, putPerson, putSettings, type CompanionDb } from '../../../src/storage';
import { ACCOUNT, freshDb, meeting, person, settings } from '../fixtures';

let db: CompanionDb;

beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

function pageEvent(overrides: Partial<PageEvent> = {}): PageEvent {
  return {
    eid: 'eid',
    eventId: 'evt1',
    calendarId: ACCOUNT,
    title: 'Planning',
    guests: [],
    guestsComplete: true,
    accountEmail: ACCOUNT,
    accountIndex: 0,
    surface: 'dialog',
    ...overrides,
  };
}

const guest = (email: string, displayName?: string, organizer = false) => ({ email, ...(displayName && { displayName }), organizer, resource: false });

describe('the storage-backed page event provider', () => {
  it('lists known people (not merged ones, archived ones too), the user\'s marks and aliases', async () => {
    await putPerson(db, person('dana@example.com', { displayName: 'Dana Reyes' }));
    await putPerson(db, person('old@example.com', { id: 'name:dana r', email: undefined, displayName: 'Dana R', mergedInto: 'email:dana@example.com' }));
    await putPerson(db, person('ari@example.com', { displayName: 'Ari Stone', archived: true }));
    await putOverride(db, { account: ACCOUNT, id: 'event:evt9', scope: 'event', targetId: 'evt9', isOneOnOne: false, updatedAt: 1 });
    await putSettings(db, settings({ selfAliases: ['me@old.example'] }));
    const provider = createStoragePageEventProvider({ openDb: async () => db });

    const people = await provider.knownPeople(ACCOUNT);
    expect(people.map((p) => p.id).sort()).toEqual(['email:ari@example.com', 'email:dana@example.com']);
    expect(people.find((p) => p.id === 'email:dana@example.com')).toEqual({ id: 'email:dana@example.com', email: 'dana@example.com', displayName: 'Dana Reyes' });
    expect((await provider.overrides(ACCOUNT)).map((o) => o.id)).toEqual(['event:evt9']);
    expect(await provider.selfAliases(ACCOUNT)).toEqual(['me@old.example']);
  });

  it('answers an account with no database with nothing, and creates none', async () => {
    const other = 'nobody@example.com';
    await deleteCompanionDb(other);
    const provider = createStoragePageEventProvider();
    expect(await provider.knownPeople(other)).toEqual([]);
    expect(await provider.overrides(other)).toEqual([]);
    expect(await provider.selfAliases(other)).toEqual([]);
    expect((await indexedDB.databases()).some((info) => info.name === accountDbName(other))).toBe(false);
  });

  it('a failing read classifies as if nothing were stored (and says so)', async () => {
    const logged: string[] = [];
    const provider = createStoragePageEventProvider({
      openDb: async () => Promise.reject(new Error('disk on fire')),
      hasDb: async () => true,
      log: (message) => logged.push(message),
    });
    expect(await provider.knownPeople(ACCOUNT)).toEqual([]);
    expect(logged.join('\n')).toContain('disk on fire');
  });

  it('is what the background decides with: titles name known people, marks and aliases count', async () => {
    await putPerson(db, person('dana@example.com', { displayName: 'Dana Reyes' }));
    await putSettings(db, settings({ selfAliases: ['me@old.example'] }));
    const provider = createStoragePageEventProvider({ openDb: async () => db });

    const titled = await decidePageEvent(pageEvent({ title: 'Dana <> Me' }), provider);
    expect(titled).toMatchObject({ kind: 'decided', classification: { isOneOnOne: true, other: { personId: 'email:dana@example.com', displayName: 'Dana Reyes' } } });

    // The user's alias is the user: with it, a two-guest event is still a 1:1.
    const aliased = await decidePageEvent(pageEvent({ guests: [guest('me@old.example', 'Me', true), guest('ari@example.com', 'Ari')] }), provider);
    expect(aliased).toMatchObject({ classification: { isOneOnOne: true, other: { email: 'ari@example.com' } } });

    const group = pageEvent({ eventId: 'grp1', guests: [guest(ACCOUNT, 'Me', true), guest('a@example.com'), guest('b@example.com')] });
    expect(await decidePageEvent(group, provider)).toMatchObject({ classification: { isOneOnOne: false } });
    await putOverride(db, { account: ACCOUNT, id: 'event:grp1', scope: 'event', targetId: 'grp1', isOneOnOne: true, personEmail: 'b@example.com', updatedAt: 2 });
    // Read again on every decision: the mark counts at once.
    expect(await decidePageEvent(group, provider)).toMatchObject({ classification: { isOneOnOne: true, reason: 'marked-event', other: { email: 'b@example.com' } } });
  });

  it('answers the guests stored for an event (calendar meetings with guests only), so a known 1:1 is decided before the page shows its guests', async () => {
    const attendees = [{ email: ACCOUNT, self: true }, { email: 'dana@example.com', displayName: 'Dana Reyes' }];
    await putMeeting(db, meeting('email:dana@example.com', Date.UTC(2026, 10, 2, 10), { eventId: 'evt1', attendees, organizerEmail: ACCOUNT }));
    await putMeeting(db, meeting('email:dana@example.com', Date.UTC(2026, 10, 3, 10), { eventId: 'evt2', attendees: [] }));
    const provider = createStoragePageEventProvider({ openDb: async () => db });

    expect(await provider.storedGuests!(ACCOUNT, 'evt1')).toEqual({ attendees, organizerEmail: ACCOUNT });
    expect(await provider.storedGuests!(ACCOUNT, 'evt2')).toBeUndefined();
    expect(await provider.storedGuests!(ACCOUNT, 'unknown')).toBeUndefined();

    const filling = pageEvent({ title: 'Weekly', guestsComplete: false });
    expect(await decidePageEvent(filling, provider)).toMatchObject({ kind: 'decided', label: '1:1 with Dana Reyes' });
    expect(await decidePageEvent({ ...filling, eventId: 'evt2' }, provider)).toMatchObject({ kind: 'pending' });
  });

  it('keeps one connection per account open and reopens a closed one', async () => {
    const provider = createStoragePageEventProvider();
    await putPerson(db, person('dana@example.com'));
    expect(await provider.knownPeople(ACCOUNT)).toHaveLength(1);
    // Another connection of the same account (the sidebar's) sees the same data.
    const again = await openCompanionDb(ACCOUNT);
    await putPerson(again, person('sam@example.com'));
    again.close();
    expect(await provider.knownPeople(ACCOUNT)).toHaveLength(2);
  });
});
