// The fake's rules in detail, over plain HTTP: listing (bounds, singleEvents, orderBy, updatedMin,
// showDeleted, paging, sync tokens), exceptions of series, etags, and the test controls (faults,
// rate limit, request log, seeding, the /__fake/ routes, CORS).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCommandLine } from './cli';
import { startFakeCalendarApi, type FakeCalendarApi } from './server';

const ME = 'me@example.com';
const BOSS = 'boss@example.com';
let clock = Date.parse('2026-03-02T12:00:00Z');
let api: FakeCalendarApi;

beforeAll(async () => {
  api = await startFakeCalendarApi({ now: () => clock });
});
afterAll(async () => api.close());
beforeEach(() => {
  clock = Date.parse('2026-03-02T12:00:00Z');
  api.state.reset();
  api.state.addUser({ email: ME, token: 'me-token', timeZone: 'Europe/Berlin' });
  api.state.addUser({ email: BOSS, token: 'boss-token' });
});

type Body = Record<string, any>;

async function call(method: string, path: string, options: { query?: Record<string, string>; body?: unknown; headers?: Record<string, string>; token?: string } = {}) {
  const url = new URL(`${api.url}${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const response = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${options.token ?? 'me-token'}`,
      ...(options.body !== undefined && { 'Content-Type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Body };
}

const list = (query: Record<string, string> = {}, token?: string) =>
  call('GET', '/calendars/primary/events', { query, ...(token !== undefined && { token }) });

function at(day: number, hour = 9, minutes = 30) {
  const start = Date.UTC(2026, 2, day, hour);
  return { start: { dateTime: new Date(start).toISOString() }, end: { dateTime: new Date(start + minutes * 60_000).toISOString() } };
}

function weekly(extra: Record<string, unknown> = {}) {
  return api.state.addEvent(ME, {
    id: 'series0001',
    summary: 'Weekly 1:1',
    start: { dateTime: '2026-03-02T10:00:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-03-02T10:30:00', timeZone: 'Europe/Berlin' },
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
    attendees: [{ email: ME }, { email: 'sam@example.com' }],
    ...extra,
  });
}

describe('events.list time bounds', () => {
  // An event of 10:00–11:00Z on 10 March against windows: timeMin bounds the end, timeMax the start.
  const cases: Array<[string, string | undefined, string | undefined, boolean]> = [
    ['window around it', '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z', true],
    ['window ends at its start (exclusive)', '2026-03-10T00:00:00Z', '2026-03-10T10:00:00Z', false],
    ['window starts at its end (exclusive)', '2026-03-10T11:00:00Z', '2026-03-11T00:00:00Z', false],
    ['window inside it', '2026-03-10T10:15:00Z', '2026-03-10T10:45:00Z', true],
    ['offsets other than Z', '2026-03-10T10:59:00+00:00', '2026-03-10T12:00:00+01:00', true],
    ['window before it in another zone', '2026-03-10T00:00:00-05:00', '2026-03-10T04:59:00-05:00', false],
    ['only timeMin', '2026-03-10T10:30:00Z', undefined, true],
    ['only timeMax', undefined, '2026-03-10T10:00:01Z', true],
  ];
  it.each(cases)('%s', async (_name, timeMin, timeMax, included) => {
    api.state.addEvent(ME, { summary: 'x', ...at(10, 10, 60) });
    const { status, body } = await list({ ...(timeMin && { timeMin }), ...(timeMax && { timeMax }) });
    expect(status).toBe(200);
    expect(body.items).toHaveLength(included ? 1 : 0);
  });

  it.each([
    [{ timeMin: '2026-03-10T00:00:00' }, 400, 'badRequest'], // no offset
    [{ timeMin: 'yesterday' }, 400, 'badRequest'],
    [{ timeMin: '2026-03-11T00:00:00Z', timeMax: '2026-03-10T00:00:00Z' }, 400, 'timeRangeEmpty'],
    [{ orderBy: 'startTime' }, 400, 'badRequest'], // needs singleEvents
    [{ orderBy: 'summary' }, 400, 'invalidParameter'],
    [{ maxResults: '0' }, 400, 'invalid'],
    [{ singleEvents: 'yes' }, 400, 'invalidParameter'],
    [{ pageToken: 'not-a-token' }, 400, 'invalid'],
  ])('refuses %j', async (query, status, reason) => {
    const response = await list(query);
    expect(response.status).toBe(status);
    expect(response.body.error.errors[0].reason).toBe(reason);
  });

  it('caps maxResults at 2500', async () => {
    for (let i = 0; i < 3; i++) api.state.addEvent(ME, { summary: `e${i}`, ...at(10 + i) });
    expect((await list({ maxResults: '100000' })).body.items).toHaveLength(3);
  });
});

describe('recurring events', () => {
  it('lists the master (with recurrence) without singleEvents and its instances with it', async () => {
    weekly();
    const masters = await list();
    expect(masters.body.items.map((item: Body) => [item.id, item.recurrence])).toEqual([['series0001', ['RRULE:FREQ=WEEKLY;COUNT=4']]]);
    const instances = await list({ singleEvents: 'true', orderBy: 'startTime' });
    expect(instances.body.items.map((item: Body) => item.id)).toEqual([
      'series0001_20260302T090000Z',
      'series0001_20260309T090000Z',
      'series0001_20260316T090000Z',
      'series0001_20260323T090000Z',
    ]);
    expect(instances.body.items.every((item: Body) => item.recurrence === undefined && item.recurringEventId === 'series0001')).toBe(true);
  });

  it('bounds instances by the window', async () => {
    weekly();
    const { body } = await list({ singleEvents: 'true', timeMin: '2026-03-09T00:00:00Z', timeMax: '2026-03-17T00:00:00Z' });
    expect(body.items.map((item: Body) => item.id)).toEqual(['series0001_20260309T090000Z', 'series0001_20260316T090000Z']);
  });

  it('stores a patched instance as an exception: only it changes, its etag changes, the others keep theirs', async () => {
    weekly();
    const before = (await list({ singleEvents: 'true' })).body.items as Body[];
    const target = before[1]!;
    const patched = await call('PATCH', `/calendars/primary/events/${target.id}`, {
      query: { sendUpdates: 'none' },
      body: { description: 'notes for the 9th' },
      headers: { 'If-Match': target.etag },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: target.id, description: 'notes for the 9th', recurringEventId: 'series0001' });
    expect(patched.headers.get('etag')).toBe(patched.body.etag);
    const after = (await list({ singleEvents: 'true' })).body.items as Body[];
    expect(after.map((item) => item.description)).toEqual([undefined, 'notes for the 9th', undefined, undefined]);
    expect(after[1]!.etag).not.toBe(target.etag);
    expect(after[0]!.etag).toBe(before[0]!.etag);
    // Without singleEvents the exception is listed beside its master.
    const masters = (await list()).body.items as Body[];
    expect(masters.map((item) => item.id)).toEqual(['series0001', target.id]);
    // A change to the master reaches instances, but not what an exception overrode.
    api.state.editEvent(ME, 'series0001', { summary: 'Renamed', description: 'series text' });
    const renamed = (await list({ singleEvents: 'true' })).body.items as Body[];
    expect(renamed.map((item) => [item.summary, item.description])).toEqual([
      ['Renamed', 'series text'],
      ['Renamed', 'notes for the 9th'],
      ['Renamed', 'series text'],
      ['Renamed', 'series text'],
    ]);
  });

  it('a deleted instance is a cancelled exception: gone from singleEvents lists, a bare marker where deletions are asked for', async () => {
    weekly();
    expect((await call('DELETE', '/calendars/primary/events/series0001_20260309T090000Z')).status).toBe(204);
    expect((await list({ singleEvents: 'true' })).body.items).toHaveLength(3);
    const withDeleted = (await list({ singleEvents: 'true', showDeleted: 'true' })).body.items as Body[];
    const marker = withDeleted.find((item) => item.id === 'series0001_20260309T090000Z');
    expect(marker).toEqual({
      kind: 'calendar#event',
      etag: expect.any(String),
      id: 'series0001_20260309T090000Z',
      status: 'cancelled',
      recurringEventId: 'series0001',
      originalStartTime: { dateTime: '2026-03-09T10:00:00+01:00', timeZone: 'Europe/Berlin' },
    });
    // Without singleEvents and showDeleted, cancelled instances still come with their master.
    expect(((await list()).body.items as Body[]).map((item) => [item.id, item.status])).toEqual([
      ['series0001', 'confirmed'],
      ['series0001_20260309T090000Z', 'cancelled'],
    ]);
    // events.get still answers for it.
    expect((await call('GET', '/calendars/primary/events/series0001_20260309T090000Z')).body.status).toBe('cancelled');
  });

  it('answers 404 for an instance id that is not an occurrence', async () => {
    weekly();
    expect((await call('GET', '/calendars/primary/events/series0001_20260310T090000Z')).status).toBe(404);
    expect((await call('GET', '/calendars/primary/events/series0001_20260330T080000Z')).status).toBe(404); // after COUNT
  });

  it('names all-day instances <master>_<YYYYMMDD>', async () => {
    api.state.addEvent(ME, { id: 'offsite001', summary: 'Off', start: { date: '2026-03-06' }, end: { date: '2026-03-07' }, recurrence: ['RRULE:FREQ=WEEKLY;COUNT=2'] });
    const { body } = await call('GET', '/calendars/primary/events/offsite001/instances');
    expect(body.items.map((item: Body) => [item.id, item.start, item.originalStartTime])).toEqual([
      ['offsite001_20260306', { date: '2026-03-06' }, { date: '2026-03-06' }],
      ['offsite001_20260313', { date: '2026-03-13' }, { date: '2026-03-13' }],
    ]);
  });

  it('refuses a recurring event without a time zone, and unsupported rules', async () => {
    const noZone = await call('POST', '/calendars/primary/events', {
      body: { ...at(2), recurrence: ['RRULE:FREQ=WEEKLY'] },
    });
    expect(noZone.status).toBe(400);
    expect(noZone.body.error.errors[0].reason).toBe('missingTimeZone');
    const yearly = await call('POST', '/calendars/primary/events', {
      body: { start: { dateTime: '2026-03-02T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-03-02T11:00:00', timeZone: 'UTC' }, recurrence: ['RRULE:FREQ=YEARLY'] },
    });
    expect(yearly.status).toBe(400);
  });
});

describe('changes: updatedMin, showDeleted, sync tokens', () => {
  it('updatedMin lists what changed since, deletions included without showDeleted', async () => {
    const old = api.state.addEvent(ME, { summary: 'old', ...at(3) });
    const gone = api.state.addEvent(ME, { summary: 'gone', ...at(4) });
    clock += 60_000;
    const since = new Date(clock).toISOString();
    clock += 60_000;
    api.state.setDescription(ME, old.id as string, 'edited');
    api.state.removeEvent(ME, gone.id as string);
    api.state.addEvent(ME, { summary: 'new', ...at(5) });
    const { body } = await list({ updatedMin: since });
    expect(body.items.map((item: Body) => [item.summary ?? item.id, item.status])).toEqual([
      ['old', 'confirmed'],
      [gone.id, 'cancelled'],
      ['new', 'confirmed'],
    ]);
  });

  it('a sync token lists only changes since it (deletions too), then gives a new token', async () => {
    const kept = api.state.addEvent(ME, { summary: 'kept', ...at(3) });
    const edited = api.state.addEvent(ME, { summary: 'edited', ...at(4) });
    const full = await list();
    expect(full.body.items).toHaveLength(2);
    api.state.setDescription(ME, edited.id as string, 'new text');
    api.state.removeEvent(ME, kept.id as string);
    const changes = await list({ syncToken: full.body.nextSyncToken });
    expect(changes.body.items.map((item: Body) => [item.id, item.status])).toEqual([
      [kept.id, 'cancelled'],
      [edited.id, 'confirmed'],
    ]);
    const none = await list({ syncToken: changes.body.nextSyncToken });
    expect(none.body.items).toEqual([]);
  });

  it.each(['timeMin', 'timeMax', 'updatedMin', 'orderBy', 'q', 'iCalUID'])('refuses a sync token with %s', async (name) => {
    const token = (await list()).body.nextSyncToken;
    const value = name === 'orderBy' ? 'updated' : name.startsWith('time') || name === 'updatedMin' ? '2026-03-01T00:00:00Z' : 'x';
    const response = await list({ syncToken: token, [name]: value });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(name);
  });

  it('refuses a sync token with showDeleted=false, and one from another calendar', async () => {
    const token = (await list()).body.nextSyncToken;
    expect((await list({ syncToken: token, showDeleted: 'false' })).status).toBe(400);
    const bossToken = (await list({}, 'boss-token')).body.nextSyncToken;
    expect((await list({ syncToken: bossToken })).status).toBe(400);
  });

  it('pages keep their snapshot: an event changed mid-listing waits for the next sync', async () => {
    for (let day = 3; day <= 6; day++) api.state.addEvent(ME, { summary: `d${day}`, ...at(day) });
    const first = await list({ maxResults: '2' });
    const late = api.state.addEvent(ME, { summary: 'late', ...at(2) });
    const second = await list({ maxResults: '2', pageToken: first.body.nextPageToken });
    expect([...first.body.items, ...second.body.items].map((item: Body) => item.summary)).toEqual(['d3', 'd4', 'd5', 'd6']);
    const next = await list({ syncToken: second.body.nextSyncToken });
    expect(next.body.items.map((item: Body) => item.id)).toEqual([late.id]);
  });

  it('a page token only works for the query it came from', async () => {
    for (let day = 3; day <= 5; day++) api.state.addEvent(ME, { summary: `d${day}`, ...at(day) });
    const first = await list({ maxResults: '2', timeMin: '2026-03-01T00:00:00Z' });
    const other = await list({ maxResults: '2', timeMin: '2026-03-02T00:00:00Z', pageToken: first.body.nextPageToken });
    expect(other.status).toBe(400);
  });
});

describe('writes', () => {
  it('patch is a JSON merge: nested objects merge, arrays replace, null removes', async () => {
    const event = api.state.addEvent(ME, { summary: 's', description: 'd', location: 'Room 1', ...at(3), attendees: [{ email: ME }, { email: 'a@example.com' }] });
    const { body } = await call('PATCH', `/calendars/primary/events/${event.id}`, {
      body: { location: null, attendees: [{ email: ME }], end: { dateTime: '2026-03-03T11:00:00+01:00' } },
    });
    expect(body.location).toBeUndefined();
    expect(body.description).toBe('d');
    expect(body.attendees.map((a: Body) => a.email)).toEqual([ME]);
    expect(body.end.dateTime).toBe('2026-03-03T11:00:00+01:00');
  });

  it('refuses a patch that makes the time range empty', async () => {
    const event = api.state.addEvent(ME, { summary: 's', ...at(3) });
    const response = await call('PATCH', `/calendars/primary/events/${event.id}`, { body: { end: event.start } });
    expect(response.status).toBe(200); // zero-length timed events are allowed
    const backwards = await call('PATCH', `/calendars/primary/events/${event.id}`, { body: { end: { dateTime: '2026-03-01T00:00:00Z' } } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.errors[0].reason).toBe('timeRangeEmpty');
  });

  it('lets a guest change their own reminders but not the description', async () => {
    const event = api.state.addEvent(ME, { summary: 's', ...at(3), organizer: { email: BOSS } });
    expect((await call('PATCH', `/calendars/primary/events/${event.id}`, { body: { reminders: { useDefault: false } } })).status).toBe(200);
    expect((await call('PATCH', `/calendars/primary/events/${event.id}`, { body: { summary: 'mine' } })).status).toBe(403);
    expect((await call('PUT', `/calendars/primary/events/${event.id}`, { body: { ...at(3), summary: 'mine' } })).status).toBe(403);
  });

  it('update (PUT) replaces the event: fields left out are cleared', async () => {
    const event = api.state.addEvent(ME, { summary: 's', description: 'd', ...at(3) });
    const { status, body } = await call('PUT', `/calendars/primary/events/${event.id}`, { body: { summary: 'only this', ...at(3) } });
    expect(status).toBe(200);
    expect(body.summary).toBe('only this');
    expect(body.description).toBeUndefined();
  });

  it.each([
    ['an unknown sendUpdates', { query: { sendUpdates: 'everyone' }, body: { description: 'x' } }, 400],
    ['a body that is not JSON', { body: undefined, raw: '{nope' }, 400],
    ['no body', { body: undefined }, 400],
    ['a mismatching id', { body: { id: 'other00001' } }, 400],
    ['If-Match *', { headers: { 'If-Match': '*' }, body: { description: 'x' } }, 200],
  ] as const)('patch with %s answers %i', async (_name, options, status) => {
    const event = api.state.addEvent(ME, { summary: 's', ...at(3) });
    if ('raw' in options) {
      const response = await fetch(`${api.url}/calendars/primary/events/${event.id}`, {
        method: 'PATCH',
        headers: { Authorization: 'Bearer me-token', 'Content-Type': 'application/json' },
        body: options.raw,
      });
      expect(response.status).toBe(status);
      expect(((await response.json()) as Body).error.errors[0].reason).toBe('parseError');
      return;
    }
    expect((await call('PATCH', `/calendars/primary/events/${event.id}`, options as Parameters<typeof call>[2])).status).toBe(status);
  });

  it('insert refuses a duplicate id (409) and malformed events (400)', async () => {
    const body = { id: 'custom00001', summary: 's', ...at(3) };
    expect((await call('POST', '/calendars/primary/events', { body })).status).toBe(200);
    expect((await call('POST', '/calendars/primary/events', { body })).status).toBe(409);
    expect((await call('POST', '/calendars/primary/events', { body: { summary: 'no times' } })).status).toBe(400);
    expect((await call('POST', '/calendars/primary/events', { body: { start: { date: '2026-03-03' }, end: { dateTime: '2026-03-04T00:00:00Z' } } })).status).toBe(400);
    expect((await call('POST', '/calendars/primary/events', { body: { id: 'UPPER', ...at(3) } })).status).toBe(400);
  });

  it('events.get answers 304 to a matching If-None-Match', async () => {
    const event = api.state.addEvent(ME, { summary: 's', ...at(3) });
    const response = await fetch(`${api.url}/calendars/primary/events/${event.id}`, {
      headers: { Authorization: 'Bearer me-token', 'If-None-Match': event.etag as string },
    });
    expect(response.status).toBe(304);
  });

  it('etags change on every modification and are never reused after reset', async () => {
    const first = api.state.addEvent(ME, { id: 'stable0001', summary: 's', ...at(3) });
    const second = api.state.setDescription(ME, 'stable0001', 'a');
    const third = api.state.setDescription(ME, 'stable0001', 'a');
    expect(new Set([first.etag, second.etag, third.etag]).size).toBe(3);
    expect(second.updated).toBe(new Date(clock).toISOString());
    api.state.reset();
    api.state.addUser({ email: ME, token: 'me-token' });
    const again = api.state.addEvent(ME, { id: 'stable0001', summary: 's', ...at(3) });
    expect([first.etag, second.etag, third.etag]).not.toContain(again.etag);
  });
});

describe('test controls', () => {
  it('failNext answers the next matching requests with the error and Retry-After, then behaves', async () => {
    api.state.failNext(2, { status: 429, retryAfter: 7, match: (request) => request.method === 'GET' });
    const first = await list();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.body.error).toMatchObject({ code: 429, errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }] });
    expect((await list()).status).toBe(429);
    expect((await list()).status).toBe(200);
  });

  it('the rate limit answers 403 rateLimitExceeded beyond maxPerSecond, per user, until a second has passed', async () => {
    api.state.setRateLimit({ maxPerSecond: 2 });
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(200);
    const limited = await list();
    expect(limited.status).toBe(403);
    expect(limited.body.error.errors[0].reason).toBe('rateLimitExceeded');
    expect((await list({}, 'boss-token')).status).toBe(200);
    clock += 1001;
    expect((await list()).status).toBe(200);
  });

  it('dropNext closes the connection without an answer; delayNext answers late', async () => {
    api.state.dropNext(1);
    await expect(list()).rejects.toThrow();
    expect(api.state.requests.at(-1)).toMatchObject({ dropped: true });
    api.state.delayNext(1, 150);
    const started = Date.now();
    expect((await list()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rewriteNext passes a real answer through a function; respondNext answers with anything', async () => {
    api.state.addEvent(ME, { summary: 's', ...at(3) });
    api.state.rewriteNext(1, (body) => ({ ...(body as Body), items: [] }));
    expect((await list()).body.items).toEqual([]);
    expect((await list()).body.items).toHaveLength(1);
    api.state.respondNext(1, { status: 200, rawBody: '<html>' });
    const raw = await fetch(`${api.url}/calendars/primary/events`, { headers: { Authorization: 'Bearer me-token' } });
    expect(await raw.text()).toBe('<html>');
  });

  it('logs requests with method, path, query, If-Match, body, user and status', async () => {
    const event = api.state.addEvent(ME, { summary: 's', ...at(3) });
    await call('PATCH', `/calendars/primary/events/${event.id}`, { query: { sendUpdates: 'none' }, body: { description: 'x' }, headers: { 'If-Match': event.etag as string } });
    expect(api.state.requests).toEqual([
      {
        method: 'PATCH',
        path: `/calendars/primary/events/${event.id}`,
        query: { sendUpdates: 'none' },
        headers: { authorization: 'Bearer me-token', ifMatch: event.etag, contentType: 'application/json' },
        body: { description: 'x' },
        user: ME,
        status: 200,
        at: clock,
      },
    ]);
  });

  it('a revoked token gets 401; a calendar of the user\'s own can be added beside the primary one', async () => {
    api.state.revokeToken('me-token');
    expect((await list()).status).toBe(401);
    api.state.addToken('fresh', ME);
    api.state.addCalendar({ id: 'team@group.calendar.google.com', ownerEmail: ME, timeZone: 'UTC' });
    api.state.addEvent('team@group.calendar.google.com', { summary: 'team', ...at(3) });
    const { body } = await call('GET', `/calendars/${encodeURIComponent('team@group.calendar.google.com')}/events`, { token: 'fresh' });
    expect(body.items.map((item: Body) => item.summary)).toEqual(['team']);
  });

  it('answers CORS preflights (including Chrome\'s private network check) and exposes ETag', async () => {
    const response = await fetch(`${api.url}/calendars/primary/events/x`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'authorization,if-match,content-type',
        'Access-Control-Request-Private-Network': 'true',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(response.headers.get('access-control-allow-headers')).toContain('if-match');
    expect(response.headers.get('access-control-allow-private-network')).toBe('true');
    expect((await list()).headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('serves the /__fake/ controls: seed, set-description, fail, requests, reset', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${api.origin}/__fake${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(
      (
        await post('/seed', {
          users: [{ email: 'demo@example.com', token: 'demo' }],
          events: [{ calendarId: 'demo@example.com', id: 'demo00001', summary: 'Demo', ...at(3) }],
        })
      ).status,
    ).toBe(204);
    const edited = (await (await post('/set-description', { calendarId: 'demo@example.com', eventId: 'demo00001', description: 'by someone else' })).json()) as Body;
    expect(edited.description).toBe('by someone else');
    expect((await post('/fail', { count: 1, status: 503, method: 'GET' })).status).toBe(204);
    expect((await list({}, 'demo')).status).toBe(503);
    expect((await list({}, 'demo')).body.items).toHaveLength(1);
    const logged = (await (await fetch(`${api.origin}/__fake/requests`)).json()) as Body[];
    expect(logged.map((request) => request.status)).toEqual([503, 200]);
    const events = (await (await fetch(`${api.origin}/__fake/events/demo%40example.com`)).json()) as Body[];
    expect(events.map((event) => event.id)).toEqual(['demo00001']);
    expect((await post('/seed', { events: [{ calendarId: 'nobody@example.com', ...at(3) }] })).status).toBe(400);
    expect((await post('/reset', {})).status).toBe(204);
    expect(api.state.users.size).toBe(0);
  });

  it.each([
    [['--port', '9000', '--seed', 's.json'], { port: 9000, host: '127.0.0.1', seed: 's.json' }],
    [['--', '--host', '0.0.0.0'], { port: 8787, host: '0.0.0.0' }],
    [['--port', 'x'], { error: 'not a port: x' }],
    [['--seed'], { error: '--seed needs a value' }],
    [['--verbose'], { error: 'unknown argument: --verbose' }],
  ])('reads the command line %j', (args, expected) => {
    expect(parseCommandLine(args)).toEqual(expected);
  });
});

describe('standalone', () => {
  it('main.ts starts the fake with a seed module and prints its URL', async () => {
    const { spawn } = await import('node:child_process');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '../..');
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/vite-node/dist/cli.mjs'), 'test/fake-calendar-api/main.ts', '--port', '0', '--seed', 'test/fake-calendar-api/example-seed.ts'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /Fake Calendar API v3 at (\S+)/.exec(out);
          if (found) resolve(found[1]!);
        });
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      const now = Date.now();
      const query = new URLSearchParams({
        singleEvents: 'true',
        orderBy: 'startTime',
        timeMin: new Date(now - 56 * 86_400_000).toISOString(),
        timeMax: new Date(now + 14 * 86_400_000).toISOString(),
      });
      const response = await fetch(`${url}/calendars/primary/events?${query}`, { headers: { Authorization: 'Bearer demo-token' } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as Body;
      const summaries = new Set((body.items as Body[]).map((item) => item.summary));
      expect(summaries).toEqual(new Set(['Alex / Dana 1:1', 'Alex / Sam 1:1', 'Alex / Lee 1:1', '1:1 Jordan <> Alex', 'Team sync', 'Day off']));
      // Ten weeks: at least eight 1:1s with each direct in the window.
      expect((body.items as Body[]).filter((item) => item.summary === 'Alex / Dana 1:1').length).toBeGreaterThanOrEqual(8);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
