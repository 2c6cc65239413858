// Valid records for tests: one builder per record type, holding every field the schema needs with
// neutral defaults. Each folder's fixtures (test/app/fixtures.ts, test/storage/fixtures.ts) and
// any test pass what they are about; their own defaults (names, times, zones) stay theirs.
import type { ActionItem, Meeting, Note, NoteKind, Person, ProgressEntry, Settings, TalkingPoint, Target } from '../../src/domain/schemas';
import { meetingIdForEvent, noteId } from '../../src/domain/schemas';
import { deleteCompanionDb, openCompanionDb, type CompanionDb, type OpenOptions } from '../../src/storage/db';

export const ACCOUNT = 'me@example.com';
export const DAY_MS = 86_400_000;

/** A direct the user confirmed, frontline, weekly. */
export function personRecord(id: string, overrides: Partial<Person> = {}): Person {
  return {
    account: ACCOUNT,
    id,
    displayName: id,
    relationship: 'direct',
    relationshipSource: 'confirmed',
    level: 'frontline',
    cadenceDays: 7,
    archived: false,
    updatedAt: 0,
    ...overrides,
  };
}

/** A confirmed 30-minute 1:1 from the calendar with `personId`, classified by its two guests. */
export function meetingRecord(personId: string, start: number, eventId: string, overrides: Partial<Meeting> = {}): Meeting {
  return {
    account: ACCOUNT,
    id: meetingIdForEvent(ACCOUNT, eventId),
    source: 'calendar',
    eventId,
    title: '1:1',
    start,
    end: start + 30 * 60_000,
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

export function noteRecord(m: Pick<Meeting, 'id' | 'personId'>, kind: NoteKind, text: string, overrides: Partial<Note> = {}): Note {
  return { account: ACCOUNT, id: noteId(m.id, kind), meetingId: m.id, personId: m.personId!, kind, text, updatedAt: 0, revision: 1, ...overrides };
}

/** An open item the user owes, raised in meeting `m`. */
export function actionItemRecord(id: string, m: Pick<Meeting, 'id' | 'personId'>, text: string, createdAt: number, overrides: Partial<ActionItem> = {}): ActionItem {
  return { account: ACCOUNT, id, personId: m.personId!, meetingId: m.id, text, owner: 'me', status: 'open', createdAt, updatedAt: createdAt, ...overrides };
}

export function talkingPointRecord(id: string, personId: string, text: string, overrides: Partial<TalkingPoint> = {}): TalkingPoint {
  return { account: ACCOUNT, id, personId, text, createdAt: 0, ...overrides };
}

/** $100,000.00 of bookings (amounts in cents). */
export function targetRecord(id: string, overrides: Partial<Target> & Pick<Target, 'owner' | 'period'>): Target {
  return { account: ACCOUNT, id, metric: 'Bookings', unit: 'USD', decimals: 2, amount: 10_000_000, createdAt: 0, updatedAt: 0, ...overrides };
}

export function progressRecord(id: string, targetId: string, date: string, value: number, overrides: Partial<ProgressEntry> = {}): ProgressEntry {
  return { account: ACCOUNT, id, targetId, date, value, source: 'manual', updatedAt: 0, ...overrides };
}

/** UTC, weekends off, no days off or aliases. */
export function settingsRecord(overrides: Partial<Settings> = {}): Settings {
  return { account: ACCOUNT, timeZone: 'UTC', daysOff: [], weekendDays: [0, 6], selfAliases: [], useO3Template: false, updatedAt: 0, ...overrides };
}

/** A freshly emptied database of ACCOUNT (the tests of one file share fake-indexeddb). */
export async function freshDb(options: OpenOptions = {}): Promise<CompanionDb> {
  await deleteCompanionDb(ACCOUNT);
  return openCompanionDb(ACCOUNT, options);
}
