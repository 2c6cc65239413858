// The fake speaks Calendar API v3's wire format: Google's own Node client (@googleapis/calendar,
// which builds URLs, query strings and bodies from the API's discovery document) talks to it
// unchanged and gets what the real API would give.
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCalendarApi, type FakeCalendarApi } from './server';

const ME = 'me@example.com';
const BOSS = 'boss@example.com';
const NOW = Date.parse('2026-03-02T12:00:00Z');

let api: FakeCalendarApi;

beforeAll(async () => {
  api = await startFakeCalendarApi({ now: () => NOW });
});
afterAll(async () => api.close());
beforeEach(() => {
  api.state.reset();
  api.state.addUser({ email: ME, token: 'me-token', timeZone: 'Europe/Berlin' });
  api.state.addUser({ email: BOSS, token: 'boss-token' });
});

/** Google's client, pointed at the fake, with a bare bearer token (no google-auth-library). */
function google(token = 'me-token'): calendar_v3.Calendar {
  return calendar({ version: 'v3', rootUrl: `${api.origin}/`, headers: { Authorization: `Bearer ${token}` }, retry: false });
}

interface WireError {
  status: number;
  data: { error: { code: number; message: string; errors: Array<{ domain: string; reason: string; message: string }> } };
}

async function failure(promise: Promise<unknown>): Promise<WireError> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: { status: number; data: WireError['data'] } }).response;
    if (!response) throw error;
    return { status: response.status, data: response.data };
  }
  throw new Error('expected the call to fail');
}

function oneOnOne(day: number, extra: Record<string, unknown> = {}) {
  const start = new Date(Date.UTC(2026, 2, day, 9, 0));
  return {
    summary: `1:1 #${day}`,
    start: { dateTime: start.toISOString() },
    end: { dateTime: new Date(start.getTime() + 30 * 60_000).toISOString() },
    attendees: [{ email: ME }, { email: 'dana@example.com', displayName: 'Dana Reyes' }],
    ...extra,
  };
}

describe('the fake against the official client', () => {
  it('lists with paging: pages of maxResults, nextPageToken until the last page, which carries nextSyncToken', async () => {
    for (let day = 1; day <= 7; day++) api.state.addEvent(ME, oneOnOne(day));
    const client = google();
    const pages: calendar_v3.Schema$Events[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await client.events.list({
        calendarId: 'primary',
        singleEvents: true,
        orderBy: 'startTime',
        maxResults: 3,
        timeMin: '2026-03-01T00:00:00+01:00',
        timeMax: '2026-03-31T00:00:00Z',
        ...(pageToken && { pageToken }),
      });
      pages.push(data);
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(pages.map((page) => page.items?.length)).toEqual([3, 3, 1]);
    expect(pages.slice(0, 2).every((page) => page.nextPageToken && !page.nextSyncToken)).toBe(true);
    expect(pages[2]!.nextPageToken).toBeUndefined();
    expect(pages[2]!.nextSyncToken).toEqual(expect.any(String));
    expect(pages.flatMap((page) => page.items!.map((item) => item.summary))).toEqual([1, 2, 3, 4, 5, 6, 7].map((day) => `1:1 #${day}`));
    expect(pages[0]).toMatchObject({ kind: 'calendar#events', summary: ME, timeZone: 'Europe/Berlin' });
    const first = pages[0]!.items![0]!;
    expect(first).toMatchObject({
      kind: 'calendar#event',
      status: 'confirmed',
      organizer: { email: ME, self: true },
      start: { dateTime: '2026-03-01T10:00:00+01:00' },
      attendees: [
        { email: ME, self: true, organizer: true, responseStatus: 'needsAction' },
        { email: 'dana@example.com', displayName: 'Dana Reyes', responseStatus: 'needsAction' },
      ],
    });
    expect(first.etag).toMatch(/^"\d+"$/);
    expect(api.state.requests.map((request) => request.query.maxResults)).toEqual(['3', '3', '3']);
  });

  it('gets an event, and answers 404 notFound in Google\'s error shape for an unknown one', async () => {
    const created = api.state.addEvent(ME, oneOnOne(3, { description: 'Agenda' }));
    const { data } = await google().events.get({ calendarId: ME, eventId: created.id as string });
    expect(data).toMatchObject({ id: created.id, description: 'Agenda', etag: created.etag });

    const error = await failure(google().events.get({ calendarId: 'primary', eventId: 'nosuchevent' }));
    expect(error.status).toBe(404);
    expect(error.data.error).toMatchObject({ code: 404, errors: [{ domain: 'global', reason: 'notFound' }] });
  });

  it('patches with If-Match: a current etag writes (and changes the etag), a stale one gets 412 and writes nothing', async () => {
    const created = api.state.addEvent(ME, oneOnOne(3, { description: 'before' }));
    const eventId = created.id as string;
    const { data: patched } = await google().events.patch(
      { calendarId: 'primary', eventId, sendUpdates: 'none', requestBody: { description: 'ours' } },
      { headers: { 'If-Match': created.etag as string } },
    );
    expect(patched.description).toBe('ours');
    expect(patched.summary).toBe('1:1 #3'); // a patch keeps what it does not name
    expect(patched.etag).not.toBe(created.etag);

    const error = await failure(
      google().events.patch(
        { calendarId: 'primary', eventId, sendUpdates: 'none', requestBody: { description: 'stale write' } },
        { headers: { 'If-Match': created.etag as string } },
      ),
    );
    expect(error.status).toBe(412);
    expect(error.data.error.errors[0]).toMatchObject({ reason: 'conditionNotMet' });
    expect(api.state.getEvent(ME, eventId)?.description).toBe('ours');
    const writes = api.state.requests.filter((request) => request.method === 'PATCH');
    expect(writes.map((request) => [request.query.sendUpdates, request.headers.ifMatch])).toEqual([
      ['none', created.etag],
      ['none', created.etag],
    ]);
  });

  it('expands a weekly series into instances with ids <master>_<UTC start>, recurringEventId and originalStartTime', async () => {
    const master = api.state.addEvent(ME, {
      id: 'series0001',
      summary: 'Weekly 1:1',
      start: { dateTime: '2026-03-16T09:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-03-16T09:30:00', timeZone: 'Europe/Berlin' },
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4'],
    });
    const { data } = await google().events.instances({ calendarId: 'primary', eventId: master.id as string });
    // Berlin moves to summer time on 29 March: 09:00 local stays 09:00, its UTC time moves.
    expect(data.items!.map((item) => item.id)).toEqual([
      'series0001_20260316T080000Z',
      'series0001_20260323T080000Z',
      'series0001_20260330T070000Z',
      'series0001_20260406T070000Z',
    ]);
    expect(data.items![2]).toMatchObject({
      recurringEventId: 'series0001',
      originalStartTime: { dateTime: '2026-03-30T09:00:00+02:00', timeZone: 'Europe/Berlin' },
      start: { dateTime: '2026-03-30T09:00:00+02:00' },
    });
    const { data: one } = await google().events.get({ calendarId: 'primary', eventId: 'series0001_20260330T070000Z' });
    expect(one.summary).toBe('Weekly 1:1');
  });

  it('refuses a sync token combined with time bounds (400), and answers 410 once sync tokens expire', async () => {
    api.state.addEvent(ME, oneOnOne(3));
    const { data } = await google().events.list({ calendarId: 'primary' });
    const syncToken = data.nextSyncToken!;
    const combined = await failure(google().events.list({ calendarId: 'primary', syncToken, timeMin: '2026-03-01T00:00:00Z' }));
    expect(combined.status).toBe(400);
    expect(combined.data.error.message).toMatch(/timeMin/);

    const { data: changes } = await google().events.list({ calendarId: 'primary', syncToken });
    expect(changes.items).toEqual([]);
    api.state.expireSyncTokens();
    const gone = await failure(google().events.list({ calendarId: 'primary', syncToken }));
    expect(gone.status).toBe(410);
    expect(gone.data.error.errors[0]).toMatchObject({ reason: 'fullSyncRequired' });
  });

  it('gives a guest 403 on patch when guests may not modify the event, and lets them when they may', async () => {
    const invited = api.state.addEvent(ME, oneOnOne(4, { organizer: { email: BOSS }, description: 'the boss wrote this' }));
    expect(invited.organizer).toEqual({ email: BOSS });
    const error = await failure(
      google().events.patch(
        { calendarId: 'primary', eventId: invited.id as string, sendUpdates: 'none', requestBody: { description: 'mine now' } },
        { headers: { 'If-Match': invited.etag as string } },
      ),
    );
    expect(error.status).toBe(403);
    expect(error.data.error.errors[0]).toMatchObject({ reason: 'forbiddenForNonOrganizer' });
    expect(api.state.getEvent(ME, invited.id as string)?.description).toBe('the boss wrote this');

    const open = api.state.addEvent(ME, oneOnOne(5, { organizer: { email: BOSS }, guestsCanModify: true }));
    const { data } = await google().events.patch({ calendarId: 'primary', eventId: open.id as string, requestBody: { description: 'shared notes' } });
    expect(data.description).toBe('shared notes');
    expect(data.guestsCanModify).toBe(true);
  });

  it('answers 401 in Google\'s shape for a missing or unknown token', async () => {
    const unknown = await failure(google('nobody').events.list({ calendarId: 'primary' }));
    expect(unknown.status).toBe(401);
    expect(unknown.data.error).toMatchObject({
      code: 401,
      message: 'Invalid Credentials',
      errors: [{ domain: 'global', reason: 'authError', message: 'Invalid Credentials' }],
    });
    const bare = calendar({ version: 'v3', rootUrl: `${api.origin}/`, retry: false });
    expect((await failure(bare.events.list({ calendarId: 'primary' }))).data.error.errors[0]!.reason).toBe('required');
  });

  it('serves calendars.get and calendarList.get only to tokens with a calendar scope, as Google does', async () => {
    const refused = await failure(google().calendars.get({ calendarId: 'primary' }));
    expect(refused.status).toBe(403);
    expect(refused.data.error.errors[0]!.reason).toBe('insufficientPermissions');

    api.state.setScopes(ME, ['https://www.googleapis.com/auth/calendar.readonly']);
    const { data: cal } = await google().calendars.get({ calendarId: 'primary' });
    expect(cal).toMatchObject({ kind: 'calendar#calendar', id: ME, timeZone: 'Europe/Berlin' });
    const { data: entry } = await google().calendarList.get({ calendarId: 'primary' });
    expect(entry).toMatchObject({ id: ME, primary: true, accessRole: 'owner' });
  });

  it('inserts and deletes; a deleted event comes back with status cancelled when deleted events are asked for', async () => {
    const { data: inserted } = await google().events.insert({ calendarId: 'primary', sendUpdates: 'none', requestBody: oneOnOne(6) });
    expect(inserted.id).toMatch(/^[a-v0-9]{5,}$/);
    expect(inserted.creator).toEqual({ email: ME, self: true });
    await google().events.delete({ calendarId: 'primary', eventId: inserted.id! });
    const { data: visible } = await google().events.list({ calendarId: 'primary' });
    expect(visible.items).toEqual([]);
    const { data: withDeleted } = await google().events.list({ calendarId: 'primary', showDeleted: true });
    expect(withDeleted.items).toMatchObject([{ id: inserted.id, status: 'cancelled' }]);
    const again = await failure(google().events.delete({ calendarId: 'primary', eventId: inserted.id! }));
    expect(again.status).toBe(410);
  });

  it('does not show one user another user\'s calendar', async () => {
    api.state.addEvent(BOSS, oneOnOne(7));
    const error = await failure(google('me-token').events.list({ calendarId: BOSS }));
    expect(error.status).toBe(404);
    const { data } = await google('boss-token').events.list({ calendarId: 'primary' });
    expect(data.items).toHaveLength(1);
  });
});
