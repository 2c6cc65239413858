// A world for sync engine tests: the fake Calendar API on a controllable clock, and "browsers",
// each with its own IndexedDB (fake-indexeddb, separate database names) and its own engine.
import { createCalendarClient, type AccessTokenRequest, type CalendarClient } from '../../src/calendar-api';
import { type ActionItem, type Meeting, type Note, meetingIdForEvent, noteId, personIdForEmail } from '../../src/domain/schemas';
import {
  actionItemsForMeeting,
  getMeeting,
  getNote,
  openCompanionDb,
  putActionItem,
  saveNote,
  type CompanionDb,
  type StorageMessage,
} from '../../src/storage';
import { SyncEngine } from '../../src/sync/engine';
import { memorySyncStateStore, type SyncStateStore } from '../../src/sync/sync-state';
import { startFakeCalendarApi, type FakeCalendarApi } from '../fake-calendar-api/server';
import type { RecordedRequest } from '../fake-calendar-api/state';

export const ME = 'me@example.com';
export const DANA = 'dana@example.com';
export const TOKEN = 'me-token';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Wednesday 2026-01-14 10:00 UTC. */
export const START = Date.UTC(2026, 0, 14, 10, 0, 0);

let worldCounter = 0;

export interface Browser {
  name: string;
  engine: SyncEngine;
  client: CalendarClient;
  db(account?: string): Promise<CompanionDb>;
  notices: StorageMessage[];
  tokenRequests: AccessTokenRequest[];
  /** Saves the meeting's shared note as the sidebar would (next revision). */
  typeSharedNote(meetingId: string, text: string, account?: string): Promise<Note>;
  typePrivateNote(meetingId: string, text: string, account?: string): Promise<Note>;
  addActionItem(meetingId: string, item: Pick<ActionItem, 'id' | 'text' | 'owner'> & Partial<ActionItem>, account?: string): Promise<ActionItem>;
  sharedNote(meetingId: string, account?: string): Promise<string | undefined>;
  items(meetingId: string, account?: string): Promise<ActionItem[]>;
  meeting(meetingId: string, account?: string): Promise<Meeting | undefined>;
  close(): void;
}

export interface World {
  api: FakeCalendarApi;
  now(): number;
  advance(ms: number): void;
  set(time: number): void;
  /**
   * A browser profile. The same `name` again is the same profile (its databases) with a new
   * engine, as after the service worker restarted; pass the same `state` for what storage.local
   * kept.
   */
  browser(options?: { token?: (request: AccessTokenRequest) => string | Promise<string>; name?: string; fetch?: typeof fetch; state?: SyncStateStore }): Browser;
  requests(filter?: (request: RecordedRequest) => boolean): RecordedRequest[];
  patches(): RecordedRequest[];
  clearRequests(): void;
  /** A timed 1:1 between ME and DANA on ME's calendar (organised by ME unless said otherwise). */
  addOneOnOne(options?: { start?: number; summary?: string; description?: string; organizer?: string; guestsCanModify?: boolean; other?: string; recurrence?: string[]; id?: string }): string;
  event(eventId: string, calendarId?: string): Record<string, unknown>;
  description(eventId: string, calendarId?: string): string;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  let clock = START;
  const api = await startFakeCalendarApi({ now: () => clock });
  api.state.addUser({ email: ME, token: TOKEN, timeZone: 'Europe/Berlin' });
  const world = ++worldCounter;
  const browsers: Browser[] = [];
  let browserCounter = 0;

  const toRfc = (ms: number) => new Date(ms).toISOString();

  return {
    api,
    now: () => clock,
    advance: (ms) => {
      clock += ms;
    },
    set: (time) => {
      clock = time;
    },
    browser(options = {}) {
      const name = options.name ?? `b${++browserCounter}`;
      const databases = new Map<string, Promise<CompanionDb>>();
      const openDb = (account: string) => {
        let opening = databases.get(account);
        if (!opening) {
          opening = openCompanionDb(account, { name: `sync-test-${world}-${name}:${account}` });
          databases.set(account, opening);
        }
        return opening;
      };
      const notices: StorageMessage[] = [];
      const tokenRequests: AccessTokenRequest[] = [];
      const client = createCalendarClient({
        baseUrl: api.url,
        getAccessToken: async (request) => {
          tokenRequests.push(request);
          return options.token ? options.token(request) : TOKEN;
        },
        sleep: async () => {},
        now: () => clock,
        random: () => 0.5,
        ...(options.fetch && { fetch: options.fetch }),
      });
      const engine = new SyncEngine({
        client,
        openDb,
        now: () => clock,
        state: options.state ?? memorySyncStateStore(),
        notify: (message) => notices.push(message),
        rememberAccount: async () => {},
        random: () => 0.5,
      });
      const db = (account = ME) => openDb(account);
      const browser: Browser = {
        name,
        engine,
        client,
        db,
        notices,
        tokenRequests,
        async typeSharedNote(meetingId, text, account = ME) {
          return typeNote(await db(account), meetingId, 'shared', text, clock);
        },
        async typePrivateNote(meetingId, text, account = ME) {
          return typeNote(await db(account), meetingId, 'private', text, clock);
        },
        async addActionItem(meetingId, item, account = ME) {
          const store = await db(account);
          const meeting = await getMeeting(store, meetingId);
          const record: ActionItem = {
            account,
            personId: meeting?.personId ?? personIdForEmail(DANA),
            meetingId,
            status: 'open',
            createdAt: clock,
            updatedAt: clock,
            ...item,
          };
          await putActionItem(store, record);
          return record;
        },
        async sharedNote(meetingId, account = ME) {
          return (await getNote(await db(account), noteId(meetingId, 'shared')))?.text;
        },
        async items(meetingId, account = ME) {
          return actionItemsForMeeting(await db(account), meetingId);
        },
        async meeting(meetingId, account = ME) {
          return getMeeting(await db(account), meetingId);
        },
        close() {
          for (const opening of databases.values()) void opening.then((each) => each.close());
        },
      };
      browsers.push(browser);
      return browser;
    },
    requests: (filter) => api.state.requests.filter((request) => !filter || filter(request)),
    patches: () => api.state.requests.filter((request) => request.method === 'PATCH'),
    clearRequests: () => api.state.clearRequests(),
    addOneOnOne(options = {}) {
      const start = options.start ?? clock + 2 * HOUR;
      const organizer = options.organizer ?? ME;
      const other = options.other ?? DANA;
      const event = api.state.addEvent(ME, {
        ...(options.id !== undefined && { id: options.id }),
        summary: options.summary ?? 'Dana / Me',
        ...(options.description !== undefined && { description: options.description }),
        start: { dateTime: toRfc(start), timeZone: 'Europe/Berlin' },
        end: { dateTime: toRfc(start + HOUR / 2), timeZone: 'Europe/Berlin' },
        attendees: [
          { email: ME, responseStatus: 'accepted' },
          { email: other, displayName: other === DANA ? 'Dana Reyes' : undefined, responseStatus: 'accepted' },
        ].map((attendee) => (attendee.displayName === undefined ? { email: attendee.email, responseStatus: attendee.responseStatus } : attendee)),
        organizer: { email: organizer },
        ...(options.guestsCanModify !== undefined && { guestsCanModify: options.guestsCanModify }),
        ...(options.recurrence !== undefined && { recurrence: options.recurrence }),
      } as never);
      return event.id as string;
    },
    event(eventId, calendarId = ME) {
      const event = api.state.getEvent(calendarId, eventId);
      if (!event) throw new Error(`no event ${eventId}`);
      return event;
    },
    description(eventId, calendarId = ME) {
      return (api.state.getEvent(calendarId, eventId)?.description as string | undefined) ?? '';
    },
    async close() {
      for (const browser of browsers) browser.close();
      await api.close();
    },
  };
}

async function typeNote(db: CompanionDb, meetingId: string, kind: 'shared' | 'private', text: string, now: number): Promise<Note> {
  const meeting = await getMeeting(db, meetingId);
  const stored = await getNote(db, noteId(meetingId, kind));
  const note: Note = {
    account: db.account,
    id: noteId(meetingId, kind),
    meetingId,
    personId: meeting?.personId ?? personIdForEmail(DANA),
    kind,
    text,
    updatedAt: now,
    revision: (stored?.revision ?? 0) + 1,
  };
  const result = await saveNote(db, note, now);
  if (result.status !== 'saved') throw new Error(`note not saved: ${result.status}`);
  return result.note;
}

export const meetingOf = (eventId: string, account = ME) => meetingIdForEvent(account, eventId);

/** Every request body as text, for scanning what left the browser. */
export function bodiesOf(requests: readonly RecordedRequest[]): string {
  return requests.map((request) => JSON.stringify(request.body ?? '') + JSON.stringify(request.query)).join('\n');
}
