// The fake Calendar API's in-memory world: users and their tokens, calendars, events (single
// events, recurring masters and their exceptions), the request log, and faults to inject.
// Everything a test seeds or asserts goes through this object; the HTTP layer (server.ts) and the
// API rules (api.ts) read and change it.
import { parseRecurrence, expandOccurrences, type Occurrence } from './recurrence';
import {
  compactUtc,
  DAY_MS,
  dayNumberOf,
  dayText,
  formatInZone,
  formatUtcMillis,
  isValidTimeZone,
  parseDateTime,
  startOfDayIn,
} from './time';

export type Json = Record<string, unknown>;

export const SCOPE_PREFIX = 'https://www.googleapis.com/auth/';
export const DEFAULT_SCOPES = [`${SCOPE_PREFIX}calendar.events`];

export interface FakeUser {
  email: string;
  scopes: string[];
}

export interface StoredCalendar {
  id: string;
  ownerEmail: string;
  summary: string;
  timeZone: string;
}

/** A single event or a recurring master, as stored (date-times normalised to UTC instants). */
export interface StoredEvent {
  id: string;
  calendarId: string;
  data: Json;
  created: number;
  updated: number;
  /** The world's modification counter when this was last changed: etags and sync tokens. */
  seq: number;
  /** Instance exceptions by the instance id's suffix (`20240108T090000Z` / `20240108`). */
  exceptions: Map<string, StoredException>;
}

export interface StoredException {
  key: string;
  /** Merged patches on top of the generated instance. */
  overrides: Json;
  updated: number;
  seq: number;
}

/** An event as one calendar sees it: a single event, a master, or an instance of a series. */
export interface EventView {
  id: string;
  calendarId: string;
  kind: 'single' | 'master' | 'instance';
  fields: Json;
  seq: number;
  updated: number;
  created: number;
  cancelled: boolean;
  /** Effective start and end (epoch ms) when the event has times. */
  startMs?: number;
  endMs?: number;
  /** Instances: the master's id, the suffix key and the original start. */
  masterId?: string;
  instanceKey?: string;
  originalStart?: Json;
  originalStartMs?: number;
  isException?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path under the API base, e.g. `/calendars/primary/events` (still percent-encoded). */
  path: string;
  /** Decoded query parameters (the last value where one repeats). */
  query: Record<string, string>;
  headers: {
    authorization?: string;
    ifMatch?: string;
    ifNoneMatch?: string;
    contentType?: string;
  };
  /** The parsed JSON body, or the raw text when it is not JSON, or undefined. */
  body: unknown;
  /** The token's user, when the token was valid. */
  user?: string;
  /** The status answered, once answered; undefined for dropped requests. */
  status?: number;
  dropped?: boolean;
  at: number;
}

export type RequestMatcher = (request: RecordedRequest) => boolean;

export interface FailureSpec {
  status: number;
  reason?: string;
  message?: string;
  /** Seconds (number) or any text, sent as the Retry-After header. */
  retryAfter?: number | string;
  match?: RequestMatcher;
}

/** A whole answer to send instead of the API's, e.g. a body that is not JSON. */
export interface CannedResponse {
  status: number;
  body?: unknown;
  /** Sent as is (instead of body), e.g. to answer with something that is not JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export type Fault =
  | { type: 'fail'; remaining: number; spec: FailureSpec; match?: RequestMatcher }
  | { type: 'respond'; remaining: number; response: CannedResponse; match?: RequestMatcher }
  | { type: 'rewrite'; remaining: number; rewrite: (body: unknown) => unknown; match?: RequestMatcher }
  | { type: 'drop'; remaining: number; match?: RequestMatcher }
  | { type: 'delay'; remaining: number; ms: number; match?: RequestMatcher };

export interface RateLimit {
  maxPerSecond: number;
  /** 403 (rateLimitExceeded / userRateLimitExceeded) or 429. Default 403. */
  status?: 403 | 429;
  reason?: 'rateLimitExceeded' | 'userRateLimitExceeded';
  retryAfter?: number | string;
}

/** Seed input: events in the API's own shape (what events.insert takes). */
export type EventInput = Json & {
  id?: string;
  summary?: string;
  description?: string;
  start?: { dateTime?: string; date?: string; timeZone?: string };
  end?: { dateTime?: string; date?: string; timeZone?: string };
  attendees?: Array<{ email: string; displayName?: string; responseStatus?: string; resource?: boolean; optional?: boolean }>;
  organizer?: { email: string; displayName?: string };
  creator?: { email: string; displayName?: string };
  recurrence?: string[];
  guestsCanModify?: boolean;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  eventType?: string;
};

export interface SeedData {
  users?: Array<{ email: string; token?: string; tokens?: string[]; timeZone?: string; summary?: string; scopes?: string[] }>;
  calendars?: Array<{ id: string; ownerEmail: string; summary?: string; timeZone?: string }>;
  events?: Array<EventInput & { calendarId: string }>;
}

export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly location?: { type: 'parameter' | 'header'; name: string },
  ) {
    super(message);
  }
}

/** Fields the server owns: ignored in writes, computed in responses. */
export const READ_ONLY_FIELDS = new Set([
  'kind',
  'etag',
  'id',
  'htmlLink',
  'created',
  'updated',
  'iCalUID',
  'recurringEventId',
  'originalStartTime',
  'creator',
  'organizer',
]);

/** How far past `now` unbounded listings expand series. */
export const EXPANSION_HORIZON_MS = 400 * DAY_MS;
export const MAX_INSTANCES_PER_SERIES = 5000;

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuv'; // base32hex, as event ids use

export function mergePatch(target: Json, patch: Json): Json {
  const out: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (typeof value === 'object' && !Array.isArray(value) && typeof out[key] === 'object' && out[key] !== null && !Array.isArray(out[key])) {
      out[key] = mergePatch(out[key] as Json, value as Json);
    } else out[key] = structuredClone(value);
  }
  return out;
}

function lower(email: unknown): string {
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

export class FakeCalendarState {
  readonly users = new Map<string, FakeUser>();
  readonly tokens = new Map<string, string>();
  readonly calendars = new Map<string, StoredCalendar>();
  readonly events = new Map<string, Map<string, StoredEvent>>();
  readonly requests: RecordedRequest[] = [];
  faults: Fault[] = [];
  rateLimit: RateLimit | undefined;
  /** Added before every API answer, in ms. */
  latencyMs = 0;
  /** Bumped by expireSyncTokens() and reset(): older sync tokens answer 410. */
  syncGeneration = 1;
  /** Never reset, so an etag is never reused for different content. */
  private seqCounter = 0;
  private idCounter = 0;
  private readonly recentRequests = new Map<string, number[]>();

  constructor(readonly now: () => number = Date.now) {}

  // -------------------------------------------------------------------------------------------
  // Seeding

  /** A user with a primary calendar (id = email) and a bearer token. */
  addUser(user: { email: string; token?: string; tokens?: string[]; timeZone?: string; summary?: string; scopes?: string[] }): StoredCalendar {
    const email = lower(user.email);
    if (!email.includes('@')) throw new Error(`addUser: not an email address: ${user.email}`);
    this.users.set(email, { email, scopes: user.scopes ?? DEFAULT_SCOPES });
    for (const token of [...(user.token ? [user.token] : []), ...(user.tokens ?? [])]) this.tokens.set(token, email);
    return this.calendars.get(email) ?? this.addCalendar({ id: email, ownerEmail: email, summary: user.summary ?? email, timeZone: user.timeZone ?? 'UTC' });
  }

  addToken(token: string, email: string): void {
    const user = lower(email);
    if (!this.users.has(user)) throw new Error(`addToken: no user ${email}; addUser first`);
    this.tokens.set(token, user);
  }

  /** The token stops working (expired or revoked): requests with it get 401. */
  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  setScopes(email: string, scopes: string[]): void {
    const user = this.users.get(lower(email));
    if (!user) throw new Error(`setScopes: no user ${email}`);
    user.scopes = scopes;
  }

  addCalendar(calendar: { id: string; ownerEmail: string; summary?: string; timeZone?: string }): StoredCalendar {
    const timeZone = calendar.timeZone ?? 'UTC';
    if (!isValidTimeZone(timeZone)) throw new Error(`addCalendar: unknown time zone ${timeZone}`);
    const stored: StoredCalendar = { id: calendar.id, ownerEmail: lower(calendar.ownerEmail), summary: calendar.summary ?? calendar.id, timeZone };
    this.calendars.set(calendar.id, stored);
    if (!this.events.has(calendar.id)) this.events.set(calendar.id, new Map());
    return stored;
  }

  /**
   * Adds an event as if created in Calendar (no permission checks). The organizer defaults to the
   * calendar's owner; give another organizer for an event the owner was invited to. Returns the
   * event as the calendar's owner would read it. Throws on input the API would refuse.
   */
  addEvent(calendarId: string, input: EventInput): Json {
    const calendar = this.requireCalendar(calendarId);
    const stored = this.insertEvent(calendar, input, input.creator?.email ?? calendar.ownerEmail);
    return this.render(this.viewOf(stored), calendar);
  }

  seed(data: SeedData): void {
    for (const user of data.users ?? []) this.addUser(user);
    for (const calendar of data.calendars ?? []) this.addCalendar(calendar);
    for (const { calendarId, ...event } of data.events ?? []) this.addEvent(calendarId, event);
  }

  /**
   * Someone else edits the description in Calendar's UI: the event (or, for an instance id, that
   * instance as an exception) changes, with a new etag and `updated`.
   */
  setDescription(calendarId: string, eventId: string, description: string): Json {
    return this.editEvent(calendarId, eventId, { description });
  }

  /** Someone else changes an event (a JSON merge patch, no permission checks). */
  editEvent(calendarId: string, eventId: string, patch: Json): Json {
    const calendar = this.requireCalendar(calendarId);
    const view = this.findView(calendar, eventId);
    if (!view) throw new Error(`editEvent: no event ${eventId} in ${calendarId}`);
    return this.render(this.applyPatch(calendar, view, patch), calendar);
  }

  /** Someone else deletes an event (or one instance). */
  removeEvent(calendarId: string, eventId: string): void {
    const calendar = this.requireCalendar(calendarId);
    const view = this.findView(calendar, eventId);
    if (!view) throw new Error(`removeEvent: no event ${eventId} in ${calendarId}`);
    this.applyPatch(calendar, view, { status: 'cancelled' });
  }

  /** The event as the calendar's owner reads it (events.get), or undefined. */
  getEvent(calendarId: string, eventId: string): Json | undefined {
    const calendar = this.calendars.get(calendarId);
    const view = calendar && this.findView(calendar, eventId);
    return view && calendar ? this.render(view, calendar) : undefined;
  }

  /** Every sync token handed out so far answers 410 from now on. */
  expireSyncTokens(): void {
    this.syncGeneration++;
  }

  /** Empties the world: users, tokens, calendars, events, faults, rate limit, request log. */
  reset(): void {
    this.users.clear();
    this.tokens.clear();
    this.calendars.clear();
    this.events.clear();
    this.requests.length = 0;
    this.faults = [];
    this.rateLimit = undefined;
    this.latencyMs = 0;
    this.recentRequests.clear();
    this.syncGeneration++;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  // -------------------------------------------------------------------------------------------
  // Faults

  /** The next `count` requests (matching `spec.match`, if given) are answered with this error. */
  failNext(count: number, spec: FailureSpec): void {
    this.faults.push({ type: 'fail', remaining: count, spec, ...(spec.match && { match: spec.match }) });
  }

  /** The next `count` matching requests lose their connection without an answer. */
  dropNext(count: number, options: { match?: RequestMatcher } = {}): void {
    this.faults.push({ type: 'drop', remaining: count, ...(options.match && { match: options.match }) });
  }

  /** The next `count` matching requests are answered `ms` late. */
  delayNext(count: number, ms: number, options: { match?: RequestMatcher } = {}): void {
    this.faults.push({ type: 'delay', remaining: count, ms, ...(options.match && { match: options.match }) });
  }

  /** The next `count` matching requests get this answer instead of the API's. */
  respondNext(count: number, response: CannedResponse, options: { match?: RequestMatcher } = {}): void {
    this.faults.push({ type: 'respond', remaining: count, response, ...(options.match && { match: options.match }) });
  }

  /**
   * The next `count` matching requests are answered as usual, but with the JSON body passed
   * through `rewrite` first: how tests get a malformed event into an otherwise real response.
   */
  rewriteNext(count: number, rewrite: (body: unknown) => unknown, options: { match?: RequestMatcher } = {}): void {
    this.faults.push({ type: 'rewrite', remaining: count, rewrite, ...(options.match && { match: options.match }) });
  }

  setRateLimit(limit: RateLimit | undefined): void {
    this.rateLimit = limit;
    this.recentRequests.clear();
  }

  /** The first pending fault that applies to this request, used up by one. */
  takeFault(request: RecordedRequest): Fault | undefined {
    for (const fault of this.faults) {
      if (fault.remaining <= 0) continue;
      if (fault.match && !fault.match(request)) continue;
      fault.remaining--;
      this.faults = this.faults.filter((each) => each.remaining > 0);
      return fault;
    }
    return undefined;
  }

  /** Counts the request against the rate limit; true when it is over. */
  overRateLimit(key: string): boolean {
    if (!this.rateLimit) return false;
    const at = this.now();
    const recent = (this.recentRequests.get(key) ?? []).filter((time) => time > at - 1000);
    if (recent.length >= this.rateLimit.maxPerSecond) {
      this.recentRequests.set(key, recent);
      return true;
    }
    recent.push(at);
    this.recentRequests.set(key, recent);
    return false;
  }

  // -------------------------------------------------------------------------------------------
  // Internals shared with api.ts

  nextSeq(): number {
    return ++this.seqCounter;
  }

  /** The highest modification counter handed out (a sync token's snapshot). */
  currentSeq(): number {
    return this.seqCounter;
  }

  newEventId(): string {
    this.idCounter++;
    let id = '';
    let seed = this.idCounter * 2654435761 + this.seqCounter * 40503;
    for (let i = 0; i < 26; i++) {
      id += ID_ALPHABET[(seed >>> 0) % 32];
      seed = Math.imul(seed ^ (seed >>> 15), 2246822519) + i + this.idCounter;
    }
    return id;
  }

  requireCalendar(calendarId: string): StoredCalendar {
    const calendar = this.calendars.get(calendarId);
    if (!calendar) throw new Error(`No calendar ${calendarId} in the fake; addUser or addCalendar first`);
    return calendar;
  }

  eventsOf(calendarId: string): Map<string, StoredEvent> {
    let events = this.events.get(calendarId);
    if (!events) {
      events = new Map();
      this.events.set(calendarId, events);
    }
    return events;
  }

  /** Validates and normalises an event body; throws FakeApiError (400) on what the API refuses. */
  normaliseEventFields(input: Json, calendar: StoredCalendar, isInstance: boolean): Json {
    const fields: Json = {};
    for (const [key, value] of Object.entries(input)) {
      if (!READ_ONLY_FIELDS.has(key) && value !== null && value !== undefined) fields[key] = structuredClone(value);
    }
    const start = fields.start as Json | undefined;
    const end = fields.end as Json | undefined;
    if (!start) throw new FakeApiError(400, 'required', 'Missing start time.');
    if (!end) throw new FakeApiError(400, 'required', 'Missing end time.');
    const normalStart = normaliseDateTime(start, 'start');
    const normalEnd = normaliseDateTime(end, 'end');
    if ((normalStart.date === undefined) !== (normalEnd.date === undefined)) {
      throw new FakeApiError(400, 'invalid', 'Start and end times must either both be date or both be dateTime.');
    }
    const startMs = instantOfStored(normalStart, calendar.timeZone)!;
    const endMs = instantOfStored(normalEnd, calendar.timeZone)!;
    if (endMs < startMs || (normalStart.date !== undefined && endMs === startMs)) {
      throw new FakeApiError(400, 'timeRangeEmpty', 'The specified time range is empty.');
    }
    fields.start = normalStart;
    fields.end = normalEnd;
    if (fields.recurrence !== undefined) {
      if (isInstance) throw new FakeApiError(400, 'invalid', 'An instance of a recurring event cannot have a recurrence.');
      if (!Array.isArray(fields.recurrence)) throw new FakeApiError(400, 'invalid', 'Invalid recurrence.');
      if (fields.recurrence.length === 0) delete fields.recurrence;
      else {
        const parsed = parseRecurrence(fields.recurrence as string[]);
        if (!parsed.ok) throw new FakeApiError(400, 'invalidRecurrence', parsed.message);
        if (normalStart.dateTime !== undefined && typeof normalStart.timeZone !== 'string') {
          throw new FakeApiError(400, 'missingTimeZone', 'Missing time zone definition for start time.');
        }
      }
    }
    if (fields.attendees !== undefined) {
      if (!Array.isArray(fields.attendees)) throw new FakeApiError(400, 'invalid', 'Invalid attendees.');
      for (const attendee of fields.attendees as Json[]) {
        if (typeof attendee !== 'object' || attendee === null || typeof attendee.email !== 'string' || !attendee.email.includes('@')) {
          throw new FakeApiError(400, 'invalid', 'Invalid attendee email.');
        }
        if (attendee.responseStatus !== undefined && !['needsAction', 'declined', 'tentative', 'accepted'].includes(attendee.responseStatus as string)) {
          throw new FakeApiError(400, 'invalid', 'Invalid attendee response status.');
        }
      }
    }
    if (fields.status !== undefined && !['confirmed', 'tentative', 'cancelled'].includes(fields.status as string)) {
      throw new FakeApiError(400, 'invalid', 'Invalid event status.');
    }
    for (const key of ['summary', 'description', 'location'] as const) {
      if (fields[key] !== undefined && typeof fields[key] !== 'string') throw new FakeApiError(400, 'invalid', `Invalid ${key}.`);
    }
    if (fields.guestsCanModify !== undefined && typeof fields.guestsCanModify !== 'boolean') {
      throw new FakeApiError(400, 'invalid', 'Invalid guestsCanModify.');
    }
    return fields;
  }

  insertEvent(calendar: StoredCalendar, input: Json, creatorEmail: string): StoredEvent {
    const events = this.eventsOf(calendar.id);
    let id: string;
    if (input.id !== undefined) {
      if (typeof input.id !== 'string' || !/^[a-v0-9]{5,1024}$/.test(input.id)) {
        throw new FakeApiError(400, 'invalid', `Invalid resource id value: ${String(input.id)} (event ids use a-v and 0-9, 5 to 1024 of them).`);
      }
      id = input.id;
      if (events.has(id)) throw new FakeApiError(409, 'duplicate', 'The requested identifier already exists.');
    } else {
      do id = this.newEventId();
      while (events.has(id));
    }
    const fields = this.normaliseEventFields(input, calendar, false);
    const organizer = input.organizer as Json | undefined;
    fields.organizer = organizer && typeof organizer.email === 'string' ? { ...organizer, email: organizer.email } : { email: calendar.ownerEmail };
    const creator = input.creator as Json | undefined;
    fields.creator = creator && typeof creator.email === 'string' ? { ...creator } : { email: creatorEmail };
    fields.status ??= 'confirmed';
    fields.eventType ??= 'default';
    fields.sequence ??= 0;
    const at = this.now();
    const stored: StoredEvent = { id, calendarId: calendar.id, data: fields, created: at, updated: at, seq: this.nextSeq(), exceptions: new Map() };
    events.set(id, stored);
    return stored;
  }

  /** Applies a merge patch to an event, a master, or one instance (stored as an exception). */
  applyPatch(calendar: StoredCalendar, view: EventView, patch: Json): EventView {
    const writable: Json = {};
    for (const [key, value] of Object.entries(patch)) if (!READ_ONLY_FIELDS.has(key)) writable[key] = value;
    const merged = mergePatch(view.fields, writable);
    const cancelled = merged.status === 'cancelled';
    // A cancelled event keeps whatever times it had; otherwise the result must be a valid event.
    const checked = cancelled && (merged.start === undefined || merged.end === undefined) ? merged : this.normaliseEventFields(merged, calendar, view.kind === 'instance');
    const at = this.now();
    const seq = this.nextSeq();
    const events = this.eventsOf(calendar.id);
    if (view.kind === 'instance') {
      const master = events.get(view.masterId!)!;
      const previous = master.exceptions.get(view.instanceKey!);
      const overrides = mergePatch(previous?.overrides ?? {}, writable);
      if (overrides.start) overrides.start = checked.start;
      if (overrides.end) overrides.end = checked.end;
      master.exceptions.set(view.instanceKey!, { key: view.instanceKey!, overrides, updated: at, seq });
      return this.findView(calendar, view.id)!;
    }
    const stored = events.get(view.id)!;
    const keep = { organizer: stored.data.organizer, creator: stored.data.creator };
    stored.data = { ...checked, ...keep };
    stored.updated = at;
    stored.seq = seq;
    return this.viewOf(stored);
  }

  /** A stored single event or master as a view. */
  viewOf(stored: StoredEvent): EventView {
    const calendar = this.requireCalendar(stored.calendarId);
    const fields = stored.data;
    const startMs = instantOfStored(fields.start as Json | undefined, calendar.timeZone);
    const kind = Array.isArray(fields.recurrence) && fields.recurrence.length > 0 ? 'master' : 'single';
    let endMs = instantOfStored(fields.end as Json | undefined, calendar.timeZone);
    if (kind === 'master') endMs = this.seriesEnd(stored, calendar);
    return {
      id: stored.id,
      calendarId: stored.calendarId,
      kind,
      fields,
      seq: stored.seq,
      updated: stored.updated,
      created: stored.created,
      cancelled: fields.status === 'cancelled',
      ...(startMs !== undefined && { startMs }),
      ...(endMs !== undefined && { endMs }),
    };
  }

  /** End of a series' last occurrence; +Infinity for series without an end. */
  private seriesEnd(master: StoredEvent, calendar: StoredCalendar): number {
    const parsed = parseRecurrence(master.data.recurrence as string[]);
    if (!parsed.ok) return Number.POSITIVE_INFINITY;
    if (parsed.value.rule.count === undefined && parsed.value.rule.until === undefined) return Number.POSITIVE_INFINITY;
    const all = this.instancesOf(master, calendar, Number.POSITIVE_INFINITY);
    return Math.max(...all.map((view) => view.endMs ?? 0), instantOfStored(master.data.end as Json, calendar.timeZone) ?? 0);
  }

  /** A series' instances with their exceptions applied, up to `beforeMs` (start). */
  instancesOf(master: StoredEvent, calendar: StoredCalendar, beforeMs: number): EventView[] {
    const parsed = parseRecurrence(master.data.recurrence as string[]);
    if (!parsed.ok) return [];
    const start = master.data.start as Json;
    const end = master.data.end as Json;
    const limit = Number.isFinite(beforeMs) ? beforeMs + DAY_MS : this.now() + EXPANSION_HORIZON_MS;
    let occurrences: Occurrence[];
    let durationMs = 0;
    let durationDays = 0;
    if (typeof start.date === 'string') {
      const firstDay = dayNumberOf(start.date)!;
      durationDays = dayNumberOf(end.date as string)! - firstDay;
      occurrences = expandOccurrences(parsed.value, { kind: 'date', day: firstDay }, { beforeInstant: limit, max: MAX_INSTANCES_PER_SERIES });
    } else {
      const startMs = Date.parse(start.dateTime as string);
      durationMs = Date.parse(end.dateTime as string) - startMs;
      occurrences = expandOccurrences(
        parsed.value,
        { kind: 'timed', instant: startMs, timeZone: start.timeZone as string },
        { beforeInstant: limit, max: MAX_INSTANCES_PER_SERIES },
      );
    }
    const base: Json = { ...master.data };
    delete base.recurrence;
    const views: EventView[] = [];
    for (const occurrence of occurrences) {
      let key: string;
      let originalStart: Json;
      let instanceEnd: Json;
      if (occurrence.kind === 'date') {
        key = dayText(occurrence.day).replace(/-/g, '');
        originalStart = { date: dayText(occurrence.day) };
        instanceEnd = { date: dayText(occurrence.day + durationDays) };
      } else {
        key = compactUtc(occurrence.instant);
        originalStart = { dateTime: new Date(occurrence.instant).toISOString(), ...(start.timeZone !== undefined && { timeZone: start.timeZone }) };
        instanceEnd = { dateTime: new Date(occurrence.instant + durationMs).toISOString(), ...(end.timeZone !== undefined && { timeZone: end.timeZone }) };
      }
      const exception = master.exceptions.get(key);
      const generated: Json = { ...base, start: originalStart, end: instanceEnd };
      const fields = exception ? mergePatch(generated, exception.overrides) : generated;
      const originalStartMs = instantOfStored(originalStart, calendar.timeZone)!;
      const startMs = instantOfStored(fields.start as Json | undefined, calendar.timeZone);
      const endMs = instantOfStored(fields.end as Json | undefined, calendar.timeZone);
      views.push({
        id: `${master.id}_${key}`,
        calendarId: master.calendarId,
        kind: 'instance',
        fields,
        seq: Math.max(master.seq, exception?.seq ?? 0),
        updated: Math.max(master.updated, exception?.updated ?? 0),
        created: master.created,
        cancelled: fields.status === 'cancelled',
        ...(startMs !== undefined && { startMs }),
        ...(endMs !== undefined && { endMs }),
        masterId: master.id,
        instanceKey: key,
        originalStart,
        originalStartMs,
        isException: exception !== undefined,
      });
    }
    return views;
  }

  /** A single event, master or instance by id. */
  findView(calendar: StoredCalendar, eventId: string): EventView | undefined {
    const events = this.eventsOf(calendar.id);
    const stored = events.get(eventId);
    if (stored) return this.viewOf(stored);
    const cut = eventId.lastIndexOf('_');
    if (cut <= 0) return undefined;
    const master = events.get(eventId.slice(0, cut));
    if (!master || !Array.isArray(master.data.recurrence)) return undefined;
    const key = eventId.slice(cut + 1);
    let before: number | undefined;
    if (/^\d{8}T\d{6}Z$/.test(key)) {
      before = Date.parse(`${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6, 8)}T${key.slice(9, 11)}:${key.slice(11, 13)}:${key.slice(13, 15)}Z`) + 1;
    } else if (/^\d{8}$/.test(key)) {
      const day = dayNumberOf(`${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6, 8)}`);
      if (day !== undefined) before = startOfDayIn(day, calendar.timeZone) + 1;
    }
    if (before === undefined || Number.isNaN(before)) return undefined;
    return this.instancesOf(master, calendar, before).find((view) => view.instanceKey === key);
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  etagOf(view: Pick<EventView, 'seq'>): string {
    return `"${3_400_000_000_000_000 + view.seq}"`;
  }

  /** The event as the API returns it to the owner of `calendar`. */
  render(view: EventView, calendar: StoredCalendar, options: { timeZone?: string; tombstone?: boolean } = {}): Json {
    const timeZone = options.timeZone ?? calendar.timeZone;
    const etag = this.etagOf(view);
    if (options.tombstone) {
      return {
        kind: 'calendar#event',
        etag,
        id: view.id,
        status: 'cancelled',
        ...(view.kind === 'instance' && {
          recurringEventId: view.masterId,
          originalStartTime: renderDateTime(view.originalStart!, timeZone),
        }),
      };
    }
    const fields = view.fields;
    const self = lower(calendar.id);
    const out: Json = {
      kind: 'calendar#event',
      etag,
      id: view.id,
      status: fields.status ?? 'confirmed',
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${view.id} ${calendar.id}`).toString('base64url')}`,
      created: formatUtcMillis(view.created),
      updated: formatUtcMillis(view.updated),
    };
    for (const [key, value] of Object.entries(fields)) {
      if (key === 'start' || key === 'end' || key === 'organizer' || key === 'creator' || key === 'attendees') continue;
      if (key === 'guestsCanModify' && value !== true) continue;
      out[key] = structuredClone(value);
    }
    const person = (value: unknown): Json | undefined => {
      if (!value || typeof value !== 'object') return undefined;
      const entry = { ...(value as Json) };
      delete entry.self;
      if (lower(entry.email) === self) entry.self = true;
      return entry;
    };
    const creator = person(fields.creator);
    const organizer = person(fields.organizer);
    if (creator) out.creator = creator;
    if (organizer) out.organizer = organizer;
    if (fields.start) out.start = renderDateTime(fields.start as Json, timeZone);
    if (fields.end) out.end = renderDateTime(fields.end as Json, timeZone);
    if (Array.isArray(fields.attendees)) {
      const organizerEmail = lower((fields.organizer as Json | undefined)?.email);
      out.attendees = (fields.attendees as Json[]).map((attendee) => {
        const entry: Json = { ...attendee };
        delete entry.self;
        delete entry.organizer;
        if (lower(entry.email) === organizerEmail) entry.organizer = true;
        if (lower(entry.email) === self) entry.self = true;
        entry.responseStatus ??= 'needsAction';
        return entry;
      });
    }
    if (view.kind === 'instance') {
      out.recurringEventId = view.masterId;
      out.originalStartTime = renderDateTime(view.originalStart!, timeZone);
    }
    out.iCalUID = `${view.masterId ?? view.id}@google.com`;
    out.reminders ??= { useDefault: true };
    return out;
  }
}

/** A stored date-time as the API shows it in `timeZone`. */
export function renderDateTime(value: Json, timeZone: string): Json {
  if (typeof value.date === 'string') return { date: value.date, ...(value.timeZone !== undefined && { timeZone: value.timeZone }) };
  const instant = Date.parse(value.dateTime as string);
  return { dateTime: formatInZone(instant, timeZone), ...(value.timeZone !== undefined && { timeZone: value.timeZone }) };
}

/** Epoch ms of a stored date-time; all-day dates start at midnight in the given zone. */
export function instantOfStored(value: Json | undefined, calendarTimeZone: string): number | undefined {
  if (!value) return undefined;
  if (typeof value.dateTime === 'string') return Date.parse(value.dateTime);
  if (typeof value.date === 'string') {
    const day = dayNumberOf(value.date);
    return day === undefined ? undefined : startOfDayIn(day, calendarTimeZone);
  }
  return undefined;
}

/** Checks an input date-time and stores it as a UTC instant (keeping its time zone). */
function normaliseDateTime(value: Json, name: string): Json {
  if (typeof value !== 'object' || value === null) throw new FakeApiError(400, 'invalid', `Invalid ${name} time.`);
  const timeZone = value.timeZone;
  if (timeZone !== undefined && (typeof timeZone !== 'string' || !isValidTimeZone(timeZone))) {
    throw new FakeApiError(400, 'timeZoneInvalid', `Invalid time zone definition for ${name} time.`);
  }
  if (typeof value.date === 'string' && value.dateTime === undefined) {
    if (dayNumberOf(value.date) === undefined) throw new FakeApiError(400, 'invalid', `Invalid ${name} date.`);
    return { date: value.date, ...(timeZone !== undefined && { timeZone }) };
  }
  if (typeof value.dateTime === 'string' && value.date === undefined) {
    const instant = parseDateTime(value.dateTime, timeZone as string | undefined);
    if (instant === undefined) {
      throw new FakeApiError(400, 'invalid', `Invalid ${name} time: a time zone offset is required unless timeZone is given.`);
    }
    return { dateTime: new Date(instant).toISOString(), ...(timeZone !== undefined && { timeZone }) };
  }
  throw new FakeApiError(400, 'required', `Missing ${name} time: give exactly one of date and dateTime.`);
}
