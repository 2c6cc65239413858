// The Calendar API client against the fake Calendar API: paging, validation, the retry rules
// (with an injected sleep, so the delays are asserted rather than waited for) and error kinds.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCalendarClient, type AccessTokenRequest, type CalendarClientOptions } from '../../src/calendar-api';
import { startFakeCalendarApi, type FakeCalendarApi } from '../fake-calendar-api/server';

const ME = 'me@example.com';
const BOSS = 'boss@example.com';
const START = Date.parse('2026-03-02T12:00:00Z');
let clock = START;
let api: FakeCalendarApi;

beforeAll(async () => {
  api = await startFakeCalendarApi({ now: () => clock });
});
afterAll(async () => api.close());
beforeEach(() => {
  clock = START;
  api.state.reset();
  api.state.addUser({ email: ME, token: 'me-token', timeZone: 'Europe/Berlin' });
  api.state.addUser({ email: BOSS, token: 'boss-token' });
});

type Body = Record<string, any>;

function setup(options: Partial<CalendarClientOptions> & { tokens?: string[] } = {}) {
  const sleeps: number[] = [];
  const tokenRequests: AccessTokenRequest[] = [];
  const tokens = [...(options.tokens ?? [])];
  const client = createCalendarClient({
    baseUrl: api.url,
    getAccessToken: async (request) => {
      tokenRequests.push(request);
      return tokens.shift() ?? 'me-token';
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    now: () => clock,
    ...options,
  });
  return { client, sleeps, tokenRequests };
}

function at(day: number, hour = 9) {
  const start = Date.UTC(2026, 2, day, hour);
  return { start: { dateTime: new Date(start).toISOString() }, end: { dateTime: new Date(start + 30 * 60_000).toISOString() } };
}

function addDays(count: number) {
  for (let day = 1; day <= count; day++) {
    api.state.addEvent(ME, { summary: `1:1 #${day}`, ...at(day), attendees: [{ email: ME }, { email: 'dana@example.com' }] });
  }
}

const MARCH = { timeMin: Date.parse('2026-03-01T00:00:00Z'), timeMax: Date.parse('2026-04-01T00:00:00Z') };

function weekly() {
  return api.state.addEvent(ME, {
    id: 'series0001',
    summary: 'Weekly',
    start: { dateTime: '2026-03-02T10:00:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-03-02T10:30:00', timeZone: 'Europe/Berlin' },
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
  });
}

describe('listEvents', () => {
  it('follows every page, with singleEvents, the bounds in RFC 3339 and the page size', async () => {
    addDays(7);
    const { client } = setup();
    const result = await client.listEvents('primary', { ...MARCH, orderBy: 'startTime', pageSize: 3 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.events.map((event) => event.summary)).toEqual([1, 2, 3, 4, 5, 6, 7].map((day) => `1:1 #${day}`));
    expect(result.value).toMatchObject({ pages: 3, rejected: [], timeZone: 'Europe/Berlin', summary: ME, nextSyncToken: expect.any(String) });
    expect(api.state.requests.map((request) => request.query)).toEqual([
      { singleEvents: 'true', timeMin: '2026-03-01T00:00:00.000Z', timeMax: '2026-04-01T00:00:00.000Z', orderBy: 'startTime', maxResults: '3' },
      expect.objectContaining({ maxResults: '3', pageToken: expect.any(String) }),
      expect.objectContaining({ maxResults: '3', pageToken: expect.any(String) }),
    ]);
  });

  it('asks for 250 events a page by default', async () => {
    addDays(2);
    const { client } = setup();
    const result = await client.listEvents('primary', MARCH);
    expect(result.ok && result.value.events).toHaveLength(2);
    expect(api.state.requests.map((request) => request.query.maxResults)).toEqual(['250']);
  });

  it('sets a malformed event aside and reports it, keeping the rest of its page', async () => {
    addDays(4);
    api.state.rewriteNext(
      1,
      (body) => {
        const page = body as Body;
        page.items[0].start.dateTime = 'next Tuesday';
        page.items[1].attendees[1].responseStatus = 'maybe';
        return page;
      },
      { match: (request) => request.query.pageToken !== undefined },
    );
    const { client } = setup();
    const result = await client.listEvents('primary', { ...MARCH, pageSize: 2 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.events.map((event) => event.summary)).toEqual(['1:1 #1', '1:1 #2']);
    expect(result.value.rejected.map(({ index, field, id }) => ({ index, field, id }))).toEqual([
      { index: 2, field: 'start.dateTime', id: expect.any(String) },
      { index: 3, field: 'attendees[1].responseStatus', id: expect.any(String) },
    ]);
    expect(result.value.rejected[0]!.message).toMatch(/RFC 3339/);
    expect(result.value.rejected[0]!.raw).toMatchObject({ summary: '1:1 #3' });
  });

  it('passes unknown fields through and keeps cancelled markers that carry only an id', async () => {
    weekly();
    api.state.removeEvent(ME, 'series0001_20260309T090000Z');
    const { client } = setup();
    const result = await client.listEvents('primary', { ...MARCH, showDeleted: true });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rejected).toEqual([]);
    const marker = result.value.events.find((event) => event.status === 'cancelled');
    expect(marker).toMatchObject({ id: 'series0001_20260309T090000Z', recurringEventId: 'series0001' });
    expect(marker?.start).toBeUndefined();
    expect(result.value.events[0]!.kind).toBe('calendar#event'); // not in our schema: passed through
  });

  it('reports a page that is not a list page as invalid-response naming the field', async () => {
    api.state.rewriteNext(1, (body) => ({ ...(body as Body), items: { not: 'an array' } }));
    const { client } = setup();
    const result = await client.listEvents('primary', MARCH);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response', field: 'items' } });
  });

  it('continues from a sync token and refuses to combine one with bounds before sending anything', async () => {
    addDays(2);
    const { client } = setup();
    const full = await client.listEvents('primary', {});
    if (!full.ok) throw new Error(full.error.message);
    const first = full.value.events[0]!;
    api.state.setDescription(ME, first.id, 'edited in Calendar');
    const changes = await client.listEvents('primary', { syncToken: full.value.nextSyncToken! });
    expect(changes.ok && changes.value.events.map((event) => [event.id, event.description])).toEqual([[first.id, 'edited in Calendar']]);

    const sent = api.state.requests.length;
    const refused = await client.listEvents('primary', { syncToken: 'x', timeMin: 0 });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(api.state.requests.length).toBe(sent);
  });

  it('answers gone when the sync token has expired', async () => {
    const { client } = setup();
    const full = await client.listEvents('primary', {});
    api.state.expireSyncTokens();
    const result = await client.listEvents('primary', { syncToken: full.ok ? full.value.nextSyncToken! : '' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'gone', status: 410, reason: 'fullSyncRequired' } });
  });

  it.each([
    [{ orderBy: 'startTime' as const, singleEvents: false }, /start time/],
    [{ pageSize: 0 }, /page size/],
    [{ pageSize: 2501 }, /page size/],
    [{ timeMin: Number.NaN }, /timeMin/],
    [{ timeMax: 1e17 }, /timeMax/],
  ])('refuses %j locally', async (options, message) => {
    const { client } = setup();
    const result = await client.listEvents('primary', options);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('bad-request');
      expect(result.error.message).toMatch(message);
    }
    expect(api.state.requests).toHaveLength(0);
  });

  it('stops a server that keeps sending the same page token', async () => {
    api.state.respondNext(5, { status: 200, body: { kind: 'calendar#events', items: [], nextPageToken: 'again' } });
    const { client } = setup();
    const result = await client.listEvents('primary', MARCH);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response', message: expect.stringMatching(/same page token/) } });
  });
});

describe('listInstances', () => {
  it('lists a series\' instances within bounds', async () => {
    weekly();
    const { client } = setup();
    const all = await client.listInstances('primary', 'series0001', {});
    expect(all.ok && all.value.events.map((event) => event.id)).toEqual([
      'series0001_20260302T090000Z',
      'series0001_20260309T090000Z',
      'series0001_20260316T090000Z',
      'series0001_20260323T090000Z',
    ]);
    const some = await client.listInstances('primary', 'series0001', { timeMin: Date.parse('2026-03-08T00:00:00Z'), timeMax: Date.parse('2026-03-17T00:00:00Z') });
    expect(some.ok && some.value.events.map((event) => event.originalStartTime?.dateTime)).toEqual(['2026-03-09T10:00:00+01:00', '2026-03-16T10:00:00+01:00']);
    expect(api.state.requests.map((request) => request.path)).toEqual([
      '/calendars/primary/events/series0001/instances',
      '/calendars/primary/events/series0001/instances',
    ]);
  });
});

describe('getEvent and patchEvent', () => {
  it('gets an event (instance ids too), encoding the calendar id', async () => {
    weekly();
    const { client } = setup();
    const result = await client.getEvent(ME, 'series0001_20260316T090000Z');
    expect(result).toMatchObject({ ok: true, value: { id: 'series0001_20260316T090000Z', recurringEventId: 'series0001', summary: 'Weekly' } });
    expect(api.state.requests[0]!.path).toBe('/calendars/me%40example.com/events/series0001_20260316T090000Z');
  });

  it('answers not-found for an unknown event', async () => {
    const { client } = setup();
    expect(await client.getEvent('primary', 'nosuchevent')).toMatchObject({ ok: false, error: { kind: 'not-found', status: 404, reason: 'notFound' } });
  });

  it('patches only the description, with If-Match and sendUpdates=none, and returns the new event', async () => {
    const created = api.state.addEvent(ME, { summary: 'Keep me', description: 'old', ...at(3) });
    const { client } = setup();
    const result = await client.patchEvent('primary', created.id as string, { description: 'new notes' }, { ifMatch: created.etag as string });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ description: 'new notes', summary: 'Keep me' });
    expect(result.value.etag).not.toBe(created.etag);
    expect(api.state.requests).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        query: { sendUpdates: 'none' },
        headers: expect.objectContaining({ ifMatch: created.etag, contentType: 'application/json', authorization: 'Bearer me-token' }),
        body: { description: 'new notes' },
        status: 200,
      }),
    ]);
  });

  it('surfaces 412 as precondition-failed and leaves the other edit in place', async () => {
    const created = api.state.addEvent(ME, { summary: 's', description: 'v1', ...at(3) });
    api.state.setDescription(ME, created.id as string, 'edited by someone else');
    const { client, sleeps } = setup();
    const result = await client.patchEvent('primary', created.id as string, { description: 'ours' }, { ifMatch: created.etag as string });
    expect(result).toMatchObject({ ok: false, error: { kind: 'precondition-failed', status: 412, reason: 'conditionNotMet' } });
    expect(api.state.getEvent(ME, created.id as string)?.description).toBe('edited by someone else');
    expect(api.state.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('surfaces a guest\'s 403 as forbidden without retrying', async () => {
    const invited = api.state.addEvent(ME, { summary: 's', ...at(3), organizer: { email: BOSS } });
    const { client } = setup();
    const result = await client.patchEvent('primary', invited.id as string, { description: 'x' }, { ifMatch: invited.etag as string });
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden', status: 403, reason: 'forbiddenForNonOrganizer' } });
    expect(api.state.requests).toHaveLength(1);
  });

  it('refuses a write without an etag before sending it', async () => {
    const { client } = setup();
    const result = await client.patchEvent('primary', 'abcde', { description: 'x' }, { ifMatch: '' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(api.state.requests).toHaveLength(0);
  });

  it.each([
    ['a start that is not a date-time', (event: Body) => ({ ...event, start: { dateTime: 'soon' } }), 'start.dateTime'],
    ['a confirmed event without an end', (event: Body) => ({ ...event, end: undefined }), 'end'],
    ['both date and dateTime', (event: Body) => ({ ...event, start: { date: '2026-03-03', dateTime: event.start.dateTime } }), 'start'],
    ['an id that is not text', (event: Body) => ({ ...event, id: 42 }), 'id'],
    ['guestsCanModify that is not a boolean', (event: Body) => ({ ...event, guestsCanModify: 'yes' }), 'guestsCanModify'],
  ])('answers invalid-response naming the field for %s', async (_name, corrupt, field) => {
    const created = api.state.addEvent(ME, { summary: 's', ...at(3) });
    api.state.rewriteNext(1, (body) => corrupt(body as Body));
    const { client } = setup();
    const result = await client.getEvent('primary', created.id as string);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response', field } });
  });

  it('treats null members as absent', async () => {
    const created = api.state.addEvent(ME, { summary: 's', ...at(3) });
    api.state.rewriteNext(1, (body) => ({ ...(body as Body), description: null, organizer: { email: ME, displayName: null } }));
    const { client } = setup();
    const result = await client.getEvent('primary', created.id as string);
    expect(result.ok && result.value.description).toBeUndefined();
  });

  it('answers invalid-response for a body that is not JSON', async () => {
    api.state.respondNext(1, { status: 200, rawBody: '<html>login</html>' });
    const { client } = setup();
    expect(await client.getEvent('primary', 'abcde')).toMatchObject({ ok: false, error: { kind: 'invalid-response', status: 200 } });
  });
});

describe('sign-in', () => {
  it('on 401 asks for a fresh token (invalidating the refused one) and retries once', async () => {
    api.state.addToken('expired', ME);
    api.state.revokeToken('expired');
    const { client, tokenRequests } = setup({ tokens: ['expired', 'me-token'] });
    const result = await client.listEvents('primary', MARCH);
    expect(result.ok).toBe(true);
    expect(tokenRequests).toEqual([{ interactive: false }, { interactive: false, invalidate: 'expired' }]);
    expect(api.state.requests.map((request) => [request.headers.authorization, request.status])).toEqual([
      ['Bearer expired', 401],
      ['Bearer me-token', 200],
    ]);
  });

  it('a second 401 is unauthorized, for the UI to ask the user to sign in again', async () => {
    const { client, tokenRequests } = setup({ tokens: ['bad-1', 'bad-2'] });
    const result = await client.getEvent('primary', 'abcde');
    expect(result).toMatchObject({ ok: false, error: { kind: 'unauthorized', status: 401, reason: 'authError' } });
    expect(tokenRequests).toHaveLength(2);
    expect(api.state.requests).toHaveLength(2);
    if (!result.ok) expect(result.error.message).not.toContain('bad-2');
  });

  it('does not retry with the same token the provider gave again', async () => {
    const { client } = setup({ tokens: ['bad-1', 'bad-1'] });
    expect(await client.getEvent('primary', 'abcde')).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(api.state.requests).toHaveLength(1);
  });

  it('no token at all is unauthorized and sends nothing', async () => {
    const { client } = setup({
      getAccessToken: async () => {
        throw new Error('The user is not signed in.');
      },
    });
    const result = await client.listEvents('primary', MARCH);
    expect(result).toMatchObject({ ok: false, error: { kind: 'unauthorized', message: expect.stringMatching(/not signed in/) } });
    expect(api.state.requests).toHaveLength(0);
  });
});

describe('rate limits, server errors and the network', () => {
  it('backs off on 429 honouring Retry-After, then succeeds', async () => {
    api.state.failNext(2, { status: 429, retryAfter: 3 });
    const { client, sleeps } = setup();
    expect((await client.listEvents('primary', MARCH)).ok).toBe(true);
    expect(sleeps).toEqual([3000, 3000]);
    expect(api.state.requests.map((request) => request.status)).toEqual([429, 429, 200]);
  });

  it('backs off exponentially with jitter on 403 rate limits without Retry-After', async () => {
    api.state.failNext(3, { status: 403, reason: 'userRateLimitExceeded' });
    const { client, sleeps } = setup();
    expect((await client.listEvents('primary', MARCH)).ok).toBe(true);
    // Each wait is half its step plus random() times the other half: steps of 1, 2, 4 s.
    expect(sleeps).toEqual([750, 1500, 3000]);
  });

  it.each([
    [0, [500, 1000]],
    [0.999, [1000, 1999]],
  ])('jitter with random() = %d gives %j', async (random, expected) => {
    api.state.failNext(2, { status: 429 });
    const { client, sleeps } = setup({ random: () => random });
    await client.listEvents('primary', MARCH);
    expect(sleeps.map(Math.round)).toEqual(expected);
  });

  it('gives up after the bounded number of tries with rate-limited and when to try again', async () => {
    api.state.failNext(10, { status: 429 });
    const { client, sleeps } = setup();
    const result = await client.listEvents('primary', MARCH);
    expect(result).toMatchObject({ ok: false, error: { kind: 'rate-limited', status: 429, reason: 'rateLimitExceeded', retryAfterMs: 12_000 } });
    expect(sleeps).toEqual([750, 1500, 3000, 6000]);
    expect(api.state.requests).toHaveLength(5);
  });

  it('hands a Retry-After longer than it will wait to the caller at once', async () => {
    api.state.failNext(1, { status: 429, retryAfter: 120 });
    const { client, sleeps } = setup();
    expect(await client.getEvent('primary', 'abcde')).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAfterMs: 120_000 } });
    expect(sleeps).toEqual([]);
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    api.state.failNext(1, { status: 429, retryAfter: new Date(START + 5000).toUTCString() });
    const { client, sleeps } = setup();
    await client.listEvents('primary', MARCH);
    expect(sleeps).toEqual([5000]);
  });

  it('gets through the fake\'s own rate limit by waiting', async () => {
    addDays(6);
    api.state.setRateLimit({ maxPerSecond: 1 });
    const { client, sleeps } = setup();
    const result = await client.listEvents('primary', { ...MARCH, pageSize: 2 });
    expect(result.ok && result.value.events).toHaveLength(6);
    expect(sleeps.length).toBeGreaterThan(0);
    expect(api.state.requests.filter((request) => request.status === 200)).toHaveLength(3);
    expect(api.state.requests.filter((request) => request.status === 403).length).toBe(sleeps.length);
  });

  it('does not retry a daily limit', async () => {
    api.state.failNext(1, { status: 403, reason: 'dailyLimitExceeded' });
    const { client } = setup();
    expect(await client.getEvent('primary', 'abcde')).toMatchObject({ ok: false, error: { kind: 'rate-limited', reason: 'dailyLimitExceeded' } });
    expect(api.state.requests).toHaveLength(1);
  });

  it('retries 5xx a bounded number of times', async () => {
    api.state.failNext(2, { status: 503 });
    const first = setup();
    expect((await first.client.listEvents('primary', MARCH)).ok).toBe(true);
    expect(first.sleeps).toEqual([750, 1500]);

    api.state.clearRequests();
    api.state.failNext(5, { status: 500 });
    const second = setup();
    expect(await second.client.listEvents('primary', MARCH)).toMatchObject({ ok: false, error: { kind: 'server', status: 500, reason: 'backendError' } });
    expect(api.state.requests).toHaveLength(3);
  });

  it('retries a 502 whose body is not JSON', async () => {
    api.state.respondNext(1, { status: 502, rawBody: '<html>Bad Gateway</html>' });
    const { client } = setup();
    expect((await client.listEvents('primary', MARCH)).ok).toBe(true);
  });

  it('retries a dropped connection once, then reports network', async () => {
    api.state.dropNext(1);
    const first = setup();
    expect((await first.client.listEvents('primary', MARCH)).ok).toBe(true);
    expect(first.sleeps).toEqual([750]);

    api.state.dropNext(5);
    const second = setup();
    const result = await second.client.listEvents('primary', MARCH);
    expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(api.state.requests.filter((request) => request.dropped)).toHaveLength(3);
  });

  it('reports network when nothing listens, and when the answer takes too long', async () => {
    const closed = await startFakeCalendarApi();
    await closed.close();
    const nobody = setup({ baseUrl: closed.url });
    expect(await nobody.client.getEvent('primary', 'abcde')).toMatchObject({ ok: false, error: { kind: 'network' } });

    api.state.delayNext(1, 400);
    const slow = setup({ timeoutMs: 50, retry: { networkAttempts: 1 } });
    const result = await slow.client.getEvent('primary', 'abcde');
    expect(result).toMatchObject({ ok: false, error: { kind: 'network', message: expect.stringMatching(/within 50 ms/) } });
  });
});

describe('getPrimaryCalendar', () => {
  it('reads the id and time zone from the primary calendar\'s event list', async () => {
    const { client } = setup();
    expect(await client.getPrimaryCalendar()).toEqual({ ok: true, value: { id: ME, timeZone: 'Europe/Berlin', summary: ME, source: 'summary' } });
  });

  it('falls back to the self flags of its events when the calendar is titled otherwise', async () => {
    api.state.reset();
    api.state.addUser({ email: 'Pat@Example.com', token: 'me-token', summary: 'Pat Doe', timeZone: 'UTC' });
    api.state.addEvent('pat@example.com', { summary: 'x', ...at(3), organizer: { email: BOSS }, attendees: [{ email: BOSS }, { email: 'pat@example.com' }] });
    const { client } = setup();
    expect(await client.getPrimaryCalendar()).toMatchObject({ ok: true, value: { id: 'pat@example.com', source: 'self-flag', summary: 'Pat Doe' } });
  });

  it('says so when neither tells', async () => {
    api.state.reset();
    api.state.addUser({ email: ME, token: 'me-token', summary: 'Just me' });
    const { client } = setup();
    expect(await client.getPrimaryCalendar()).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
  });
});

describe('hygiene', () => {
  it('reads never write: every request of the read calls is a GET without a body', async () => {
    weekly();
    addDays(3);
    const { client } = setup();
    await client.listEvents('primary', { ...MARCH, pageSize: 2 });
    await client.listInstances('primary', 'series0001', {});
    await client.getEvent('primary', 'series0001');
    await client.getPrimaryCalendar();
    expect(api.state.requests.length).toBeGreaterThanOrEqual(5);
    expect(api.state.requests.every((request) => request.method === 'GET' && request.body === undefined)).toBe(true);
  });

  it('calls fetch as a plain function (a browser\'s fetch refuses other receivers) and accepts a base URL with a slash', async () => {
    let receivers = 0;
    const { client } = setup({
      baseUrl: `${api.url}/`,
      fetch: function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
        if (this !== undefined && this !== globalThis) receivers++;
        return fetch(input, init);
      },
    });
    expect((await client.listEvents('primary', MARCH)).ok).toBe(true);
    expect(receivers).toBe(0);
    expect(api.state.requests[0]!.path).toBe('/calendars/primary/events');
  });
});
