// Small record builders for storage tests: valid by default, override what a test is about.
import type { ActionItem, Meeting, Note, Person, ProgressEntry, Settings, TalkingPoint, Target } from '../../src/domain/schemas';
import { meetingIdForEvent, noteId, personIdForEmail } from '../../src/domain/schemas';
import { deleteCompanionDb, openCompanionDb, type CompanionDb, type OpenOptions } from '../../src/storage/db';

export const ACCOUNT = 'me@example.com';
export const DAY_MS = 24 * 60 * 60 * 1000;
/** 2026-01-05, a Monday, 10:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

export function person(email: string, overrides: Partial<Person> = {}): Person {
  return {
    account: ACCOUNT,
    id: personIdForEmail(email),
    email,
    displayName: email.split('@')[0]!.replace(/\./g, ' '),
    relationship: 'direct',
    relationshipSource: 'confirmed',
    level: 'frontline',
    cadenceDays: 7,
    archived: false,
    updatedAt: T0,
    ...overrides,
  };
}

export function meeting(personId: string, start: number, overrides: Partial<Meeting> = {}): Meeting {
  const eventId = overrides.eventId ?? `ev${start.toString(36)}${personId.replace(/[^a-z0-9]/g, '')}`;
  return {
    account: ACCOUNT,
    id: meetingIdForEvent(ACCOUNT, eventId),
    source: 'calendar',
    eventId,
    calendarId: 'primary',
    title: '1:1',
    start,
    end: start + 30 * 60 * 1000,
    allDay: false,
    attendees: [],
    status: 'confirmed',
    personId,
    isOneOnOne: true,
    classificationReason: 'two-human-guests',
    canModify: true,
    markedHeld: false,
    updatedAt: start,
    ...overrides,
  };
}

export function note(m: Pick<Meeting, 'id' | 'personId'>, kind: 'shared' | 'private', text: string, overrides: Partial<Note> = {}): Note {
  return {
    account: ACCOUNT,
    id: noteId(m.id, kind),
    meetingId: m.id,
    personId: m.personId!,
    kind,
    text,
    updatedAt: T0,
    revision: 1,
    ...overrides,
  };
}

let counter = 0;
export function shortId(): string {
  counter++;
  return `a${counter.toString(36).padStart(7, '0')}`;
}

export function actionItem(m: Pick<Meeting, 'id' | 'personId' | 'start'>, text: string, overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    account: ACCOUNT,
    id: shortId(),
    personId: m.personId!,
    meetingId: m.id,
    text,
    owner: 'me',
    status: 'open',
    createdAt: m.start,
    updatedAt: m.start,
    ...overrides,
  };
}

export function talkingPoint(personId: string, text: string, overrides: Partial<TalkingPoint> = {}): TalkingPoint {
  return { account: ACCOUNT, id: `tp-${shortId()}`, personId, text, createdAt: T0, ...overrides };
}

export function target(overrides: Partial<Target> & Pick<Target, 'owner' | 'period'>): Target {
  return {
    account: ACCOUNT,
    id: `t-${shortId()}`,
    metric: 'Bookings',
    unit: 'USD',
    decimals: 2,
    amount: 10_000_000,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function progress(targetId: string, date: string, value: number, overrides: Partial<ProgressEntry> = {}): ProgressEntry {
  return { account: ACCOUNT, id: `p-${shortId()}`, targetId, date, value, source: 'manual', updatedAt: T0, ...overrides };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    account: ACCOUNT,
    timeZone: 'Europe/Berlin',
    daysOff: [],
    weekendDays: [0, 6],
    selfAliases: [],
    useO3Template: false,
    updatedAt: T0,
    ...overrides,
  };
}

/** Opens a freshly emptied database of ACCOUNT (tests in one file share fake-indexeddb). */
export async function freshDb(options: OpenOptions = {}): Promise<CompanionDb> {
  await deleteCompanionDb(ACCOUNT);
  return openCompanionDb(ACCOUNT, options);
}
