// A typed fetch client for the parts of Google Calendar API v3 the product uses. Runs in the
// service worker and extension pages: fetch only, no Node built-ins. Every response is validated;
// every failure comes back as a CalendarApiError (never a throw). Time, randomness, sleeping and
// fetch are injectable so the retry rules can be tested exactly.
import type { calendar_v3 } from '@googleapis/calendar';
import {
  classifyResponse,
  parseRetryAfter,
  readErrorBody,
  type CalendarApiError,
  type CalendarApiErrorKind,
  type CalendarResult,
} from './errors';
import { selfEmailOf } from './events';
import { CalendarEvent, describeIssues, dropNulls, EventsPage } from './schemas';
import { toRfc3339 } from './time';

export interface AccessTokenRequest {
  /** Whether the provider may show sign-in UI. The client itself always asks with false. */
  interactive: boolean;
  /** A token Google refused (401): drop it from any cache before answering. */
  invalidate?: string;
}

export interface RetryPolicy {
  /** Tries in all (first one included) for 429 / 403 rate limits. */
  rateLimitAttempts: number;
  /** Tries in all for 5xx. */
  serverAttempts: number;
  /** Tries in all when fetch throws or times out. */
  networkAttempts: number;
  /** Backoff before the first retry; doubles with each retry, up to maxBackoffMs. */
  baseDelayMs: number;
  maxBackoffMs: number;
  /**
   * The longest single wait the client will sleep through (a Retry-After beyond it is handed to
   * the caller as retryAfterMs instead): a service worker must not idle out mid-wait.
   */
  maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  rateLimitAttempts: 5,
  serverAttempts: 3,
  networkAttempts: 2,
  baseDelayMs: 1000,
  maxBackoffMs: 16_000,
  maxWaitMs: 20_000,
};

export interface CalendarClientOptions {
  /** `https://www.googleapis.com/calendar/v3`, or a test build's WXT_CALENDAR_API_URL. */
  baseUrl: string;
  getAccessToken: (request: AccessTokenRequest) => Promise<string>;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter of backoff delays. */
  random?: () => number;
  /** Epoch ms; reads HTTP-date Retry-After values and the primary calendar's probe window. */
  now?: () => number;
  retry?: Partial<RetryPolicy>;
  /** Per try; a request still without a response by then counts as a network failure. */
  timeoutMs?: number;
}

export interface ListEventsOptions {
  /** Epoch ms: events ending after this (exclusive). */
  timeMin?: number;
  /** Epoch ms: events starting before this (exclusive). */
  timeMax?: number;
  /** Epoch ms: only events changed since; deletions are then included whatever showDeleted says. */
  updatedMin?: number;
  /** Expand series into instances. Default true (the product works per instance). */
  singleEvents?: boolean;
  showDeleted?: boolean;
  /** 'startTime' needs singleEvents. */
  orderBy?: 'startTime' | 'updated';
  /** Incremental listing; the API refuses it together with time bounds, updatedMin or orderBy. */
  syncToken?: string;
  /** Time zone of date-times in the response; default the calendar's. */
  timeZone?: string;
  /** Page size, 1..2500. Default 250. Every page is fetched regardless. */
  pageSize?: number;
}

export interface ListInstancesOptions {
  timeMin?: number;
  timeMax?: number;
  showDeleted?: boolean;
  timeZone?: string;
  pageSize?: number;
}

/** An item of a list response that did not pass validation: kept aside, reported, not used. */
export interface RejectedEvent {
  /** Position in the whole listing (all pages), from 0. */
  index: number;
  /** Its id, when it had a readable one. */
  id?: string;
  /** The first offending field, e.g. `start.dateTime`. */
  field: string;
  message: string;
  raw: unknown;
}

export interface EventList {
  events: CalendarEvent[];
  rejected: RejectedEvent[];
  /** Present after a listing that can be continued incrementally. */
  nextSyncToken?: string;
  /** The calendar's time zone, as the list response names it. */
  timeZone?: string;
  /** The calendar's title (for a primary calendar, usually the owner's address). */
  summary?: string;
  pages: number;
}

/** The description is the only field the product writes. */
export interface EventPatch {
  description: string;
}

export interface PatchOptions {
  /** The etag of the event as last read; a change since gives `precondition-failed`. */
  ifMatch: string;
}

export interface PrimaryCalendar {
  /** The primary calendar's id: the signed-in user's address, lower case. */
  id: string;
  timeZone?: string;
  summary?: string;
  /** How the id was learnt. */
  source: 'summary' | 'self-flag';
}

export interface CalendarClient {
  listEvents(calendarId: string, options: ListEventsOptions): Promise<CalendarResult<EventList>>;
  listInstances(calendarId: string, seriesId: string, options: ListInstancesOptions): Promise<CalendarResult<EventList>>;
  getEvent(calendarId: string, eventId: string): Promise<CalendarResult<CalendarEvent>>;
  /** Sends `PATCH …?sendUpdates=none` with `If-Match`; never notifies guests. */
  patchEvent(calendarId: string, eventId: string, patch: EventPatch, options: PatchOptions): Promise<CalendarResult<CalendarEvent>>;
  /**
   * Learns the primary calendar's id (= the user's address) and time zone. It reads the primary
   * calendar's events rather than calendars.get, which the product's only scope
   * (`calendar.events`) does not allow.
   */
  getPrimaryCalendar(): Promise<CalendarResult<PrimaryCalendar>>;
}

const DEFAULT_PAGE_SIZE = 250;
const MAX_PAGE_SIZE = 2500;
/** 200 pages of 250 = 50,000 events: far beyond any window the product lists; stops a loop. */
const MAX_PAGES = 200;
const DEFAULT_TIMEOUT_MS = 30_000;
const PRIMARY_PROBE_BACK_MS = 365 * 86_400_000;
const PRIMARY_PROBE_AHEAD_MS = 60 * 86_400_000;

type ListQuery = Pick<
  calendar_v3.Params$Resource$Events$List,
  'timeMin' | 'timeMax' | 'updatedMin' | 'singleEvents' | 'showDeleted' | 'orderBy' | 'syncToken' | 'timeZone' | 'maxResults' | 'pageToken'
>;
type InstancesQuery = Pick<
  calendar_v3.Params$Resource$Events$Instances,
  'timeMin' | 'timeMax' | 'showDeleted' | 'timeZone' | 'maxResults' | 'pageToken'
>;
type PatchQuery = Pick<calendar_v3.Params$Resource$Events$Patch, 'sendUpdates'>;
type Query = Record<string, string | number | boolean | undefined>;

interface SendOptions {
  method: 'GET' | 'PATCH';
  path: string;
  query?: Query;
  body?: unknown;
  ifMatch?: string;
}

function fail<T>(error: CalendarApiError): CalendarResult<T> {
  return { ok: false, error };
}

function localError<T>(kind: CalendarApiErrorKind, message: string): CalendarResult<T> {
  return fail({ kind, message });
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

export function createCalendarClient(options: CalendarClientOptions): CalendarClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  // Called as a free function: a browser's fetch throws "Illegal invocation" when called as a
  // method of another object.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /** Equal jitter: half the exponential step is fixed, half random, so retries spread out. */
  function backoff(retry: number): number {
    const step = Math.min(policy.maxBackoffMs, policy.baseDelayMs * 2 ** (retry - 1));
    return Math.round(step / 2 + random() * (step / 2));
  }

  async function token(request: AccessTokenRequest): Promise<CalendarResult<string>> {
    try {
      const value = await options.getAccessToken(request);
      if (typeof value !== 'string' || value === '') return localError('unauthorized', 'Not signed in to Google');
      return { ok: true, value };
    } catch (error) {
      return localError('unauthorized', `Not signed in to Google: ${errorText(error)}`);
    }
  }

  function urlFor(path: string, query: Query | undefined): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  async function fetchOnce(url: string, init: RequestInit): Promise<{ ok: true; response: Response } | { ok: false; message: string }> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await fetchImpl(url, { ...init, signal: controller.signal });
      return { ok: true, response };
    } catch (error) {
      return {
        ok: false,
        message: timedOut ? `No answer from Google Calendar within ${timeoutMs} ms` : `Could not reach Google Calendar: ${errorText(error)}`,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  async function readJson(response: Response): Promise<{ ok: true; value: unknown } | { ok: false }> {
    try {
      const text = await response.text();
      return { ok: true, value: text === '' ? undefined : JSON.parse(text) };
    } catch {
      return { ok: false };
    }
  }

  /** One API call with the retry rules: 401 once with a fresh token, backoff on limits and 5xx. */
  async function send(request: SendOptions): Promise<CalendarResult<unknown>> {
    const url = urlFor(request.path, request.query);
    let current = await token({ interactive: false });
    if (!current.ok) return current;
    let accessToken = current.value;
    let authRetried = false;
    let rateLimitTries = 0;
    let serverTries = 0;
    let networkTries = 0;

    for (;;) {
      const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' };
      if (request.body !== undefined) headers['Content-Type'] = 'application/json';
      if (request.ifMatch !== undefined) headers['If-Match'] = request.ifMatch;
      const attempt = await fetchOnce(url, {
        method: request.method,
        headers,
        ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        cache: 'no-store',
      });

      if (!attempt.ok) {
        networkTries++;
        if (networkTries < policy.networkAttempts) {
          await sleep(backoff(networkTries));
          continue;
        }
        return localError('network', attempt.message);
      }

      const response = attempt.response;
      const body = await readJson(response);
      if (response.ok) {
        if (!body.ok) {
          return fail({ kind: 'invalid-response', status: response.status, message: 'Google Calendar answered with something that is not JSON' });
        }
        return { ok: true, value: body.value };
      }

      const verdict = classifyResponse(response.status, readErrorBody(body.ok ? body.value : undefined), authRetried);
      switch (verdict.kind) {
        case 'ok':
          return { ok: true, value: body.ok ? body.value : undefined };
        case 'final':
          return fail(verdict.error);
        case 'retry-auth': {
          authRetried = true;
          const refused = accessToken;
          current = await token({ interactive: false, invalidate: refused });
          if (!current.ok) return current;
          if (current.value === refused) {
            return fail({ kind: 'unauthorized', status: 401, message: 'Google refused the sign-in and no fresh token was given; sign in again' });
          }
          accessToken = current.value;
          continue;
        }
        case 'retry-rate-limit':
        case 'retry-server': {
          const rateLimited = verdict.kind === 'retry-rate-limit';
          const tries = rateLimited ? ++rateLimitTries : ++serverTries;
          const allowed = rateLimited ? policy.rateLimitAttempts : policy.serverAttempts;
          const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), now());
          const delay = Math.max(retryAfterMs ?? 0, backoff(tries));
          if (tries >= allowed || delay > policy.maxWaitMs) {
            const details = readErrorBody(body.ok ? body.value : undefined);
            const said = details.message ? `: ${details.message}` : '';
            return fail({
              kind: rateLimited ? 'rate-limited' : 'server',
              status: response.status,
              ...(details.reason !== undefined && { reason: details.reason }),
              message: rateLimited
                ? `Google Calendar asks to slow down (${response.status}${said}); try again in ${Math.ceil(delay / 1000)} s`
                : `Google Calendar had a server error (${response.status}${said})`,
              retryAfterMs: delay,
            });
          }
          await sleep(delay);
          continue;
        }
      }
    }
  }

  function validateEvent(raw: unknown, status: number | undefined): CalendarResult<CalendarEvent> {
    const parsed = CalendarEvent.safeParse(dropNulls(raw));
    if (parsed.success) return { ok: true, value: parsed.data };
    const { field, message } = describeIssues(parsed.error);
    const id = typeof (raw as { id?: unknown } | undefined)?.id === 'string' ? ` ${(raw as { id: string }).id}` : '';
    return fail({
      kind: 'invalid-response',
      ...(status !== undefined && { status }),
      field,
      message: `Google Calendar sent an event${id} that does not read as one (${message})`,
    });
  }

  async function listPaged(path: string, baseQuery: Query, pageSize: number | undefined): Promise<CalendarResult<EventList>> {
    const size = pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      return localError('bad-request', `The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
    }
    const result: EventList = { events: [], rejected: [], pages: 0 };
    const seenTokens = new Set<string>();
    let pageToken: string | undefined;
    let index = 0;
    do {
      if (result.pages >= MAX_PAGES) {
        return localError('invalid-response', `Google Calendar kept sending pages (more than ${MAX_PAGES})`);
      }
      const response = await send({ method: 'GET', path, query: { ...baseQuery, maxResults: size, pageToken } });
      if (!response.ok) return response;
      const page = EventsPage.safeParse(dropNulls(response.value));
      if (!page.success) {
        const { field, message } = describeIssues(page.error);
        return fail({ kind: 'invalid-response', status: 200, field, message: `Google Calendar sent a list page that does not read as one (${message})` });
      }
      result.pages++;
      if (result.pages === 1) {
        if (page.data.timeZone !== undefined) result.timeZone = page.data.timeZone;
        if (page.data.summary !== undefined) result.summary = page.data.summary;
      }
      for (const raw of page.data.items ?? []) {
        const parsed = CalendarEvent.safeParse(raw);
        if (parsed.success) {
          result.events.push(parsed.data);
        } else {
          const { field, message } = describeIssues(parsed.error);
          const id = (raw as { id?: unknown } | undefined)?.id;
          result.rejected.push({ index, ...(typeof id === 'string' && { id }), field, message, raw });
        }
        index++;
      }
      pageToken = page.data.nextPageToken;
      if (pageToken !== undefined) {
        if (seenTokens.has(pageToken)) {
          return localError('invalid-response', 'Google Calendar sent the same page token twice');
        }
        seenTokens.add(pageToken);
      } else if (page.data.nextSyncToken !== undefined) {
        result.nextSyncToken = page.data.nextSyncToken;
      }
    } while (pageToken !== undefined);
    return { ok: true, value: result };
  }

  function checkInstant(name: string, value: number | undefined): string | undefined {
    if (value === undefined) return undefined;
    // Date's own range: beyond it toISOString() would throw.
    if (!Number.isFinite(value) || Math.abs(value) > 8.64e15) return `${name} must be an epoch ms within the range of dates`;
    return undefined;
  }

  function eventsPath(calendarId: string): string {
    return `/calendars/${encodeURIComponent(calendarId)}/events`;
  }

  const client: CalendarClient = {
    async listEvents(calendarId, listOptions) {
      if (!calendarId) return localError('bad-request', 'A calendar id is needed');
      for (const [name, value] of [
        ['timeMin', listOptions.timeMin],
        ['timeMax', listOptions.timeMax],
        ['updatedMin', listOptions.updatedMin],
      ] as const) {
        const problem = checkInstant(name, value);
        if (problem) return localError('bad-request', problem);
      }
      const singleEvents = listOptions.singleEvents ?? true;
      if (listOptions.syncToken !== undefined) {
        const clashing = (['timeMin', 'timeMax', 'updatedMin', 'orderBy'] as const).filter((key) => listOptions[key] !== undefined);
        if (clashing.length > 0) {
          return localError('bad-request', `A sync token cannot be combined with ${clashing.join(', ')}`);
        }
      }
      if (listOptions.orderBy === 'startTime' && !singleEvents) {
        return localError('bad-request', 'Ordering by start time needs singleEvents');
      }
      const query: ListQuery = {
        singleEvents,
        ...(listOptions.timeMin !== undefined && { timeMin: toRfc3339(listOptions.timeMin) }),
        ...(listOptions.timeMax !== undefined && { timeMax: toRfc3339(listOptions.timeMax) }),
        ...(listOptions.updatedMin !== undefined && { updatedMin: toRfc3339(listOptions.updatedMin) }),
        ...(listOptions.showDeleted !== undefined && { showDeleted: listOptions.showDeleted }),
        ...(listOptions.orderBy !== undefined && { orderBy: listOptions.orderBy }),
        ...(listOptions.syncToken !== undefined && { syncToken: listOptions.syncToken }),
        ...(listOptions.timeZone !== undefined && { timeZone: listOptions.timeZone }),
      };
      return listPaged(eventsPath(calendarId), query as Query, listOptions.pageSize);
    },

    async listInstances(calendarId, seriesId, instanceOptions) {
      if (!calendarId || !seriesId) return localError('bad-request', 'A calendar id and a series id are needed');
      for (const [name, value] of [
        ['timeMin', instanceOptions.timeMin],
        ['timeMax', instanceOptions.timeMax],
      ] as const) {
        const problem = checkInstant(name, value);
        if (problem) return localError('bad-request', problem);
      }
      const query: InstancesQuery = {
        ...(instanceOptions.timeMin !== undefined && { timeMin: toRfc3339(instanceOptions.timeMin) }),
        ...(instanceOptions.timeMax !== undefined && { timeMax: toRfc3339(instanceOptions.timeMax) }),
        ...(instanceOptions.showDeleted !== undefined && { showDeleted: instanceOptions.showDeleted }),
        ...(instanceOptions.timeZone !== undefined && { timeZone: instanceOptions.timeZone }),
      };
      return listPaged(`${eventsPath(calendarId)}/${encodeURIComponent(seriesId)}/instances`, query as Query, instanceOptions.pageSize);
    },

    async getEvent(calendarId, eventId) {
      if (!calendarId || !eventId) return localError('bad-request', 'A calendar id and an event id are needed');
      const response = await send({ method: 'GET', path: `${eventsPath(calendarId)}/${encodeURIComponent(eventId)}` });
      if (!response.ok) return response;
      return validateEvent(response.value, 200);
    },

    async patchEvent(calendarId, eventId, patch, patchOptions) {
      if (!calendarId || !eventId) return localError('bad-request', 'A calendar id and an event id are needed');
      if (typeof patchOptions?.ifMatch !== 'string' || patchOptions.ifMatch === '') {
        return localError('bad-request', 'A write needs the etag the event was read with (If-Match)');
      }
      if (typeof patch?.description !== 'string') return localError('bad-request', 'The description must be text');
      const query: PatchQuery = { sendUpdates: 'none' };
      const response = await send({
        method: 'PATCH',
        path: `${eventsPath(calendarId)}/${encodeURIComponent(eventId)}`,
        query: query as Query,
        body: { description: patch.description },
        ifMatch: patchOptions.ifMatch,
      });
      if (!response.ok) return response;
      return validateEvent(response.value, 200);
    },

    async getPrimaryCalendar() {
      const at = now();
      const response = await send({
        method: 'GET',
        path: eventsPath('primary'),
        query: {
          singleEvents: true,
          timeMin: toRfc3339(at - PRIMARY_PROBE_BACK_MS),
          timeMax: toRfc3339(at + PRIMARY_PROBE_AHEAD_MS),
          maxResults: DEFAULT_PAGE_SIZE,
        },
      });
      if (!response.ok) return response;
      const page = EventsPage.safeParse(dropNulls(response.value));
      if (!page.success) {
        const { field, message } = describeIssues(page.error);
        return fail({ kind: 'invalid-response', status: 200, field, message: `Google Calendar sent a list page that does not read as one (${message})` });
      }
      const { summary, timeZone } = page.data;
      const base = { ...(timeZone !== undefined && { timeZone }), ...(summary !== undefined && { summary }) };
      // A primary calendar's title is its owner's address; when it is not (renamed, or an
      // unusual account), the `self` flags on its events name the calendar instead.
      if (summary !== undefined && EMAIL_SHAPE.test(summary.trim())) {
        return { ok: true, value: { id: summary.trim().toLowerCase(), ...base, source: 'summary' } };
      }
      for (const raw of page.data.items ?? []) {
        const parsed = CalendarEvent.safeParse(raw);
        const email = parsed.success ? selfEmailOf(parsed.data) : undefined;
        if (email) return { ok: true, value: { id: email, ...base, source: 'self-flag' } };
      }
      return localError('invalid-response', 'Could not tell which account the primary calendar belongs to');
    },
  };
  return client;
}
