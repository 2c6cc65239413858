// The rules of Calendar API v3 as documented, for the calls the product makes (and a few around
// them): authentication and scopes, events.list (time bounds, singleEvents, orderBy, updatedMin,
// showDeleted, paging, sync tokens), events.get / insert / patch / update / delete / instances,
// calendars.get and calendarList.get. Pure over FakeCalendarState: no sockets here.
import {
  FakeApiError,
  READ_ONLY_FIELDS,
  SCOPE_PREFIX,
  type EventView,
  type FakeCalendarState,
  type Json,
  type RecordedRequest,
  type StoredCalendar,
} from './state';
import { parseQueryDateTime, isValidTimeZone } from './time';

export interface ApiRequest {
  method: string;
  /** Path under the API base, percent-encoded, e.g. `/calendars/primary/events`. */
  path: string;
  query: URLSearchParams;
  headers: RecordedRequest['headers'];
  body: unknown;
  /** The body was present but not JSON. */
  bodyUnreadable: boolean;
  record: RecordedRequest;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  /** Sent as is instead of body (canned answers that are not JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  410: 'NOT_FOUND',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
};

const DEFAULT_MESSAGES: Record<string, string> = {
  rateLimitExceeded: 'Rate Limit Exceeded',
  userRateLimitExceeded: 'User Rate Limit Exceeded',
  quotaExceeded: 'Calendar usage limits exceeded.',
  backendError: 'Backend Error',
  notFound: 'Not Found',
  forbidden: 'Forbidden',
  deleted: 'Resource has been deleted',
  conditionNotMet: 'Precondition Failed',
  authError: 'Invalid Credentials',
  badRequest: 'Bad Request',
};

const DEFAULT_REASONS: Record<number, string> = {
  400: 'badRequest',
  401: 'authError',
  403: 'forbidden',
  404: 'notFound',
  409: 'duplicate',
  410: 'deleted',
  412: 'conditionNotMet',
  429: 'rateLimitExceeded',
  500: 'backendError',
  502: 'backendError',
  503: 'backendError',
};

function domainOf(reason: string): string {
  if (['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded'].includes(reason)) return 'usageLimits';
  if (['timeRangeEmpty', 'forbiddenForNonOrganizer', 'invalidRecurrence', 'missingTimeZone', 'timeZoneInvalid'].includes(reason)) return 'calendar';
  return 'global';
}

/** Google's error JSON: `{ error: { code, message, errors: [{ domain, reason, message }], status } }`. */
export function errorResponse(
  status: number,
  reason?: string,
  message?: string,
  options: { location?: { type: string; name: string }; retryAfter?: number | string } = {},
): ApiResponse {
  const why = reason ?? DEFAULT_REASONS[status] ?? 'unknown';
  const text = message ?? DEFAULT_MESSAGES[why] ?? 'Error';
  return {
    status,
    body: {
      error: {
        code: status,
        message: text,
        errors: [
          {
            domain: domainOf(why),
            reason: why,
            message: text,
            ...(options.location && { locationType: options.location.type, location: options.location.name }),
          },
        ],
        ...(STATUS_NAMES[status] !== undefined && { status: STATUS_NAMES[status] }),
      },
    },
    ...(options.retryAfter !== undefined && { headers: { 'Retry-After': String(options.retryAfter) } }),
  };
}

const scope = (name: string) => `${SCOPE_PREFIX}${name}`;
const READ_EVENT_SCOPES = ['calendar', 'calendar.readonly', 'calendar.events', 'calendar.events.readonly', 'calendar.events.owned', 'calendar.events.owned.readonly'].map(scope);
const WRITE_EVENT_SCOPES = ['calendar', 'calendar.events', 'calendar.events.owned'].map(scope);
const CALENDAR_GET_SCOPES = ['calendar', 'calendar.readonly', 'calendar.calendars', 'calendar.calendars.readonly', 'calendar.app.created'].map(scope);
const CALENDAR_LIST_GET_SCOPES = ['calendar', 'calendar.readonly', 'calendar.calendarlist', 'calendar.calendarlist.readonly', 'calendar.app.created'].map(scope);

/** Fields a guest may change on their own copy of an event they do not organise. */
const GUEST_WRITABLE_FIELDS = new Set(['reminders', 'colorId', 'transparency']);
const SEND_UPDATES = new Set(['all', 'externalOnly', 'none']);
const SYNC_TOKEN_CONFLICTS = ['iCalUID', 'orderBy', 'privateExtendedProperty', 'q', 'sharedExtendedProperty', 'timeMin', 'timeMax', 'updatedMin'];
const MAX_PAGE_SIZE = 2500;
const DEFAULT_PAGE_SIZE = 250;

interface Context {
  state: FakeCalendarState;
  request: ApiRequest;
  user: string;
  scopes: string[];
}

export function handleApiRequest(state: FakeCalendarState, request: ApiRequest): ApiResponse {
  try {
    return route(state, request);
  } catch (error) {
    if (error instanceof FakeApiError) return errorResponse(error.status, error.reason, error.message, error.location ? { location: error.location } : {});
    throw error;
  }
}

function route(state: FakeCalendarState, request: ApiRequest): ApiResponse {
  const auth = request.headers.authorization;
  const bearer = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
  if (!bearer) {
    return errorResponse(401, 'required', 'Login Required.', { location: { type: 'header', name: 'Authorization' } });
  }
  const user = state.tokens.get(bearer[1]!);
  if (!user) return errorResponse(401, 'authError', 'Invalid Credentials', { location: { type: 'header', name: 'Authorization' } });
  request.record.user = user;
  const context: Context = { state, request, user, scopes: state.users.get(user)?.scopes ?? [] };

  let segments: string[];
  try {
    segments = request.path.split('/').filter((segment) => segment !== '').map(decodeURIComponent);
  } catch {
    return errorResponse(400, 'badRequest', 'Invalid path.');
  }
  const method = request.method.toUpperCase();
  const [first, second, third, fourth, fifth, ...rest] = segments;

  if (first === 'users' && second === 'me' && third === 'calendarList' && fourth !== undefined && fifth === undefined && method === 'GET') {
    requireScope(context, CALENDAR_LIST_GET_SCOPES);
    return calendarListGet(context, fourth);
  }
  if (first !== 'calendars' || second === undefined || rest.length > 0) return errorResponse(404);
  if (third === undefined) {
    if (method !== 'GET') return errorResponse(404);
    requireScope(context, CALENDAR_GET_SCOPES);
    return calendarsGet(context, second);
  }
  if (third !== 'events') return errorResponse(404);
  const calendar = resolveCalendar(context, second);
  if (fourth === undefined) {
    if (method === 'GET') {
      requireScope(context, READ_EVENT_SCOPES);
      return eventsList(context, calendar);
    }
    if (method === 'POST') {
      requireScope(context, WRITE_EVENT_SCOPES);
      return eventsInsert(context, calendar);
    }
    return errorResponse(404);
  }
  if (fifth === 'instances') {
    if (method !== 'GET') return errorResponse(404);
    requireScope(context, READ_EVENT_SCOPES);
    return eventsInstances(context, calendar, fourth);
  }
  if (fifth !== undefined) return errorResponse(404);
  switch (method) {
    case 'GET':
      requireScope(context, READ_EVENT_SCOPES);
      return eventsGet(context, calendar, fourth);
    case 'PATCH':
    case 'PUT':
      requireScope(context, WRITE_EVENT_SCOPES);
      return eventsWrite(context, calendar, fourth, method === 'PUT');
    case 'DELETE':
      requireScope(context, WRITE_EVENT_SCOPES);
      return eventsDelete(context, calendar, fourth);
    default:
      return errorResponse(404);
  }
}

function requireScope(context: Context, accepted: string[]): void {
  if (!context.scopes.some((granted) => accepted.includes(granted))) {
    throw new FakeApiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
  }
}

/** `primary` is the user's own calendar; any other calendar must be the user's. */
function resolveCalendar(context: Context, calendarId: string): StoredCalendar {
  const id = calendarId === 'primary' ? context.user : calendarId;
  const calendar = context.state.calendars.get(id) ?? context.state.calendars.get(id.toLowerCase());
  if (!calendar || calendar.ownerEmail !== context.user) throw new FakeApiError(404, 'notFound', 'Not Found');
  return calendar;
}

function calendarsGet(context: Context, calendarId: string): ApiResponse {
  const calendar = resolveCalendar(context, calendarId);
  return {
    status: 200,
    body: {
      kind: 'calendar#calendar',
      etag: `"calendar-${calendar.id.length}"`,
      id: calendar.id,
      summary: calendar.summary,
      timeZone: calendar.timeZone,
      conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
    },
  };
}

function calendarListGet(context: Context, calendarId: string): ApiResponse {
  const calendar = resolveCalendar(context, calendarId);
  return {
    status: 200,
    body: {
      kind: 'calendar#calendarListEntry',
      etag: `"list-${calendar.id.length}"`,
      id: calendar.id,
      summary: calendar.summary,
      timeZone: calendar.timeZone,
      colorId: '14',
      backgroundColor: '#9fe1e7',
      foregroundColor: '#000000',
      selected: true,
      accessRole: 'owner',
      defaultReminders: [],
      ...(calendar.id === calendar.ownerEmail && { primary: true }),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Query parameters

function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new FakeApiError(400, 'invalidParameter', `Invalid boolean value for ${name}: '${value}'.`, { type: 'parameter', name });
}

function timeParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const instant = parseQueryDateTime(value);
  if (instant === undefined) {
    throw new FakeApiError(400, 'badRequest', `Bad Request: ${name} must be an RFC 3339 timestamp with a time zone offset.`, { type: 'parameter', name });
  }
  return instant;
}

function pageSizeParam(query: URLSearchParams): number {
  const value = query.get('maxResults');
  if (value === null) return DEFAULT_PAGE_SIZE;
  const size = Number(value);
  if (!/^\d+$/.test(value) || size < 1) {
    throw new FakeApiError(400, 'invalid', `Invalid value '${value}'. Values must be within the range: [1, ${MAX_PAGE_SIZE}]`, { type: 'parameter', name: 'maxResults' });
  }
  return Math.min(size, MAX_PAGE_SIZE);
}

function timeZoneParam(query: URLSearchParams): string | undefined {
  const value = query.get('timeZone');
  if (value === null) return undefined;
  if (!isValidTimeZone(value)) throw new FakeApiError(400, 'timeZoneInvalid', `Invalid time zone: ${value}`, { type: 'parameter', name: 'timeZone' });
  return value;
}

function sendUpdatesParam(query: URLSearchParams): void {
  const value = query.get('sendUpdates');
  if (value !== null && !SEND_UPDATES.has(value)) {
    throw new FakeApiError(400, 'invalidParameter', `Invalid value for sendUpdates: '${value}'.`, { type: 'parameter', name: 'sendUpdates' });
  }
}

/** The query without paging: a page token is only good for the query it came from. */
function fingerprint(query: URLSearchParams): string {
  return [...query.entries()]
    .filter(([key]) => key !== 'pageToken' && key !== 'maxResults')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

interface PageToken {
  offset: number;
  query: string;
  /** The modification counter when the listing began: the next sync token's snapshot. */
  snapshot: number;
}

function encodeToken(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeToken(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function readPageToken(query: URLSearchParams): PageToken | undefined {
  const text = query.get('pageToken');
  if (text === null || text === '') return undefined;
  const token = decodeToken(text) as Partial<PageToken> | undefined;
  if (!token || typeof token.offset !== 'number' || typeof token.query !== 'string' || typeof token.snapshot !== 'number') {
    throw new FakeApiError(400, 'invalid', 'Invalid page token value.', { type: 'parameter', name: 'pageToken' });
  }
  if (token.query !== fingerprint(query)) {
    throw new FakeApiError(400, 'invalid', 'The page token belongs to a different query.', { type: 'parameter', name: 'pageToken' });
  }
  return token as PageToken;
}

interface SyncToken {
  generation: number;
  seq: number;
  calendarId: string;
}

// ---------------------------------------------------------------------------------------------
// events.list and events.instances

function textMatches(view: EventView, q: string): boolean {
  const needle = q.toLowerCase();
  const fields = view.fields;
  const haystack = [fields.summary, fields.description, fields.location, ...((fields.attendees as Json[] | undefined) ?? []).flatMap((a) => [a.email, a.displayName])];
  return haystack.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

function overlaps(view: EventView, timeMin: number | undefined, timeMax: number | undefined): boolean {
  const start = view.startMs ?? view.originalStartMs;
  const end = view.endMs ?? view.originalStartMs;
  if (start === undefined || end === undefined) return true;
  if (timeMin !== undefined && !(end > timeMin || (start === end && start >= timeMin))) return false;
  if (timeMax !== undefined && !(start < timeMax)) return false;
  return true;
}

function isOrganizerCopy(view: EventView, calendar: StoredCalendar): boolean {
  const organizer = view.fields.organizer as Json | undefined;
  return typeof organizer?.email === 'string' && organizer.email.toLowerCase() === calendar.id.toLowerCase();
}

function listResponse(
  context: Context,
  calendar: StoredCalendar,
  views: EventView[],
  options: { pageSize: number; page: PageToken | undefined; timeZone?: string; showDeleted: boolean; withSyncToken: boolean },
): ApiResponse {
  const { state, request } = context;
  const offset = options.page?.offset ?? 0;
  const snapshot = options.page?.snapshot ?? state.currentSeq();
  const slice = views.slice(offset, offset + options.pageSize);
  const more = offset + options.pageSize < views.length;
  const items = slice.map((view) =>
    state.render(view, calendar, {
      ...(options.timeZone !== undefined && { timeZone: options.timeZone }),
      // Deletion markers: instances and guests' copies keep only their ids; the organiser's own
      // deleted events keep their details when deleted events were asked for.
      tombstone: view.cancelled && (view.kind === 'instance' || !isOrganizerCopy(view, calendar) || !options.showDeleted),
    }),
  );
  let latest = 0;
  for (const stored of state.eventsOf(calendar.id).values()) latest = Math.max(latest, stored.updated);
  const body: Json = {
    kind: 'calendar#events',
    etag: `"${3_400_000_000_000_000 + snapshot}"`,
    summary: calendar.summary,
    description: '',
    updated: new Date(latest || state.now()).toISOString(),
    timeZone: options.timeZone ?? calendar.timeZone,
    accessRole: 'owner',
    defaultReminders: [{ method: 'popup', minutes: 10 }],
    items,
  };
  if (more) {
    body.nextPageToken = encodeToken({ offset: offset + options.pageSize, query: fingerprint(request.query), snapshot } satisfies PageToken);
  } else if (options.withSyncToken) {
    body.nextSyncToken = encodeToken({ generation: state.syncGeneration, seq: snapshot, calendarId: calendar.id } satisfies SyncToken);
  }
  return { status: 200, body };
}

function eventsList(context: Context, calendar: StoredCalendar): ApiResponse {
  const { state, request } = context;
  const query = request.query;
  const syncTokenText = query.get('syncToken');
  if (syncTokenText !== null) {
    const conflicts = SYNC_TOKEN_CONFLICTS.filter((name) => query.has(name));
    if (conflicts.length > 0) {
      throw new FakeApiError(400, 'invalid', `Sync token cannot be combined with: ${conflicts.join(', ')}.`, { type: 'parameter', name: 'syncToken' });
    }
    if (query.get('showDeleted') === 'false') {
      throw new FakeApiError(400, 'invalid', 'Sync token cannot be combined with showDeleted = false.', { type: 'parameter', name: 'syncToken' });
    }
  }
  const timeMin = timeParam(query, 'timeMin');
  const timeMax = timeParam(query, 'timeMax');
  const updatedMin = timeParam(query, 'updatedMin');
  if (timeMin !== undefined && timeMax !== undefined && timeMin >= timeMax) {
    throw new FakeApiError(400, 'timeRangeEmpty', 'The specified time range is empty.', { type: 'parameter', name: 'timeMax' });
  }
  const singleEvents = boolParam(query, 'singleEvents') ?? false;
  const showDeletedParam = boolParam(query, 'showDeleted');
  const orderBy = query.get('orderBy');
  if (orderBy !== null && orderBy !== 'startTime' && orderBy !== 'updated') {
    throw new FakeApiError(400, 'invalidParameter', `Invalid value for orderBy: '${orderBy}'.`, { type: 'parameter', name: 'orderBy' });
  }
  if (orderBy === 'startTime' && !singleEvents) {
    throw new FakeApiError(400, 'badRequest', 'The requested ordering is not available for the particular query.', { type: 'parameter', name: 'orderBy' });
  }
  const pageSize = pageSizeParam(query);
  const timeZone = timeZoneParam(query);
  const page = readPageToken(query);
  const q = query.get('q');
  const iCalUID = query.get('iCalUID');

  let sync: SyncToken | undefined;
  if (syncTokenText !== null) {
    const decoded = decodeToken(syncTokenText) as Partial<SyncToken> | undefined;
    if (!decoded || typeof decoded.generation !== 'number' || typeof decoded.seq !== 'number' || decoded.calendarId !== calendar.id) {
      throw new FakeApiError(400, 'invalid', 'Invalid sync token value.', { type: 'parameter', name: 'syncToken' });
    }
    if (decoded.generation !== state.syncGeneration) {
      throw new FakeApiError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.');
    }
    sync = decoded as SyncToken;
  }
  // Deleted events come along whenever the client asks for changes (updatedMin, sync token).
  const includeDeleted = showDeletedParam === true || updatedMin !== undefined || sync !== undefined;
  const snapshot = page?.snapshot ?? state.currentSeq();

  const candidates: EventView[] = [];
  for (const stored of state.eventsOf(calendar.id).values()) {
    const view = state.viewOf(stored);
    if (view.kind !== 'master') {
      candidates.push(view);
      continue;
    }
    if (singleEvents) {
      candidates.push(...state.instancesOf(stored, calendar, timeMax ?? Number.POSITIVE_INFINITY));
    } else {
      candidates.push(view);
      // Changed and cancelled instances are listed beside their master as exceptions.
      if (!view.cancelled && stored.exceptions.size > 0) {
        candidates.push(...state.instancesOf(stored, calendar, timeMax ?? Number.POSITIVE_INFINITY).filter((instance) => instance.isException));
      }
    }
  }

  const views = candidates.filter((view) => {
    if (view.seq > snapshot) return false; // changed after the listing began: next sync picks it up
    if (view.cancelled) {
      const cancelledException = !singleEvents && view.kind === 'instance';
      if (!includeDeleted && !cancelledException) return false;
    }
    if (sync && view.seq <= sync.seq) return false;
    if (updatedMin !== undefined && view.updated < updatedMin) return false;
    if (!overlaps(view, timeMin, timeMax)) return false;
    if (q !== null && !textMatches(view, q)) return false;
    if (iCalUID !== null && `${view.masterId ?? view.id}@google.com` !== iCalUID) return false;
    return true;
  });
  const startOf = (view: EventView) => view.startMs ?? view.originalStartMs ?? 0;
  views.sort((a, b) =>
    orderBy === 'updated' ? a.updated - b.updated || a.id.localeCompare(b.id) : startOf(a) - startOf(b) || a.id.localeCompare(b.id),
  );
  return listResponse(context, calendar, views, {
    pageSize,
    page: page ?? { offset: 0, query: fingerprint(query), snapshot },
    ...(timeZone !== undefined && { timeZone }),
    showDeleted: showDeletedParam === true,
    withSyncToken: true,
  });
}

function eventsInstances(context: Context, calendar: StoredCalendar, eventId: string): ApiResponse {
  const { state, request } = context;
  const query = request.query;
  const master = state.eventsOf(calendar.id).get(eventId);
  if (!master) throw new FakeApiError(404, 'notFound', 'Not Found');
  if (!Array.isArray(master.data.recurrence)) throw new FakeApiError(400, 'invalid', 'The event is not a recurring event.');
  if (master.data.status === 'cancelled') throw new FakeApiError(410, 'deleted', 'Resource has been deleted');
  const timeMin = timeParam(query, 'timeMin');
  const timeMax = timeParam(query, 'timeMax');
  if (timeMin !== undefined && timeMax !== undefined && timeMin >= timeMax) {
    throw new FakeApiError(400, 'timeRangeEmpty', 'The specified time range is empty.', { type: 'parameter', name: 'timeMax' });
  }
  const showDeleted = boolParam(query, 'showDeleted') ?? false;
  const originalStart = query.get('originalStart');
  const originalStartMs = originalStart === null ? undefined : timeParam(query, 'originalStart');
  const pageSize = pageSizeParam(query);
  const timeZone = timeZoneParam(query);
  const page = readPageToken(query);
  const snapshot = page?.snapshot ?? state.currentSeq();
  const views = state
    .instancesOf(master, calendar, timeMax ?? Number.POSITIVE_INFINITY)
    .filter(
      (view) =>
        view.seq <= snapshot &&
        (showDeleted || !view.cancelled) &&
        overlaps(view, timeMin, timeMax) &&
        (originalStartMs === undefined || view.originalStartMs === originalStartMs),
    );
  return listResponse(context, calendar, views, {
    pageSize,
    page: page ?? { offset: 0, query: fingerprint(query), snapshot },
    ...(timeZone !== undefined && { timeZone }),
    showDeleted,
    withSyncToken: false,
  });
}

// ---------------------------------------------------------------------------------------------
// events.get / insert / patch / update / delete

function findOrThrow(context: Context, calendar: StoredCalendar, eventId: string): EventView {
  const view = context.state.findView(calendar, eventId);
  if (!view) throw new FakeApiError(404, 'notFound', 'Not Found');
  return view;
}

function eventResponse(context: Context, view: EventView, calendar: StoredCalendar, status = 200): ApiResponse {
  const timeZone = timeZoneParam(context.request.query);
  const body = context.state.render(view, calendar, timeZone !== undefined ? { timeZone } : {});
  return { status, body, headers: { ETag: body.etag as string } };
}

function eventsGet(context: Context, calendar: StoredCalendar, eventId: string): ApiResponse {
  const view = findOrThrow(context, calendar, eventId);
  const etag = context.state.etagOf(view);
  if (context.request.headers.ifNoneMatch !== undefined && context.request.headers.ifNoneMatch === etag) {
    return { status: 304, headers: { ETag: etag } };
  }
  return eventResponse(context, view, calendar);
}

function bodyObject(request: ApiRequest): Json {
  if (request.bodyUnreadable) throw new FakeApiError(400, 'parseError', 'Parse Error');
  if (request.body === undefined) throw new FakeApiError(400, 'required', 'Required: a request body.');
  if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
    throw new FakeApiError(400, 'badRequest', 'The request body must be a JSON object.');
  }
  return request.body as Json;
}

function eventsInsert(context: Context, calendar: StoredCalendar): ApiResponse {
  sendUpdatesParam(context.request.query);
  const { organizer: _organizer, creator: _creator, ...input } = bodyObject(context.request);
  const stored = context.state.insertEvent(calendar, input, context.user);
  return eventResponse(context, context.state.viewOf(stored), calendar);
}

function checkIfMatch(context: Context, view: EventView): void {
  const ifMatch = context.request.headers.ifMatch;
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const current = context.state.etagOf(view);
  const offered = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!offered.includes(current)) {
    throw new FakeApiError(412, 'conditionNotMet', 'Precondition Failed', { type: 'header', name: 'If-Match' });
  }
}

function eventsWrite(context: Context, calendar: StoredCalendar, eventId: string, replace: boolean): ApiResponse {
  const { state, request } = context;
  sendUpdatesParam(request.query);
  const view = findOrThrow(context, calendar, eventId);
  checkIfMatch(context, view);
  const body = bodyObject(request);
  if (typeof body.id === 'string' && body.id !== view.id) throw new FakeApiError(400, 'invalid', 'The event id in the body does not match.');

  let patch: Json = body;
  if (replace) {
    // events.update: every writable field not in the body is cleared.
    patch = { ...body };
    for (const key of Object.keys(view.fields)) {
      if (!(key in body) && !READ_ONLY_FIELDS.has(key) && key !== 'status' && key !== 'eventType' && key !== 'sequence') patch[key] = null;
    }
  }
  const changed = Object.keys(patch).filter((key) => !READ_ONLY_FIELDS.has(key));
  if (!isOrganizerCopy(view, calendar) && view.fields.guestsCanModify !== true) {
    const notAllowed = changed.filter((key) => !GUEST_WRITABLE_FIELDS.has(key));
    if (notAllowed.length > 0) {
      throw new FakeApiError(403, 'forbiddenForNonOrganizer', 'The operation can only be performed by the event organizer.');
    }
  }
  if (view.kind === 'instance' && 'recurrence' in patch) {
    throw new FakeApiError(400, 'invalid', 'An instance of a recurring event cannot have a recurrence.');
  }
  const updated = state.applyPatch(calendar, view, patch);
  return eventResponse(context, updated, calendar);
}

function eventsDelete(context: Context, calendar: StoredCalendar, eventId: string): ApiResponse {
  sendUpdatesParam(context.request.query);
  const view = findOrThrow(context, calendar, eventId);
  if (view.cancelled) throw new FakeApiError(410, 'deleted', 'Resource has been deleted');
  checkIfMatch(context, view);
  context.state.applyPatch(calendar, view, { status: 'cancelled' });
  return { status: 204 };
}
