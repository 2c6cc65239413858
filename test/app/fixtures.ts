// Record builders for the app tests: valid by default, override what a test is about.
import type { ActionItem, Meeting, Person, ProgressEntry, Settings, Target } from '../../src/domain/schemas';
import { meetingIdForEvent, personIdForEmail } from '../../src/domain/schemas';
import { deleteCompanionDb, openCompanionDb, type CompanionDb } from '../../src/storage';

export const ACCOUNT = 'me@example.com';
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export function person(email: string, overrides: Partial<Person> = {}): Person {
  const name = email.split('@')[0]!;
  return {
    account: ACCOUNT,
    id: personIdForEmail(email),
    email,
    displayName: name.charAt(0).toUpperCase() + name.slice(1),
    relationship: 'direct',
    relationshipSource: 'confirmed',
    level: 'frontline',
    cadenceDays: 7,
    archived: false,
    updatedAt: 1,
    ...overrides,
  };
}

let sequence = 0;

export function meeting(personId: string, start: number, overrides: Partial<Meeting> = {}): Meeting {
  sequence++;
  const eventId = overrides.eventId ?? `ev${sequence.toString(36)}x${start.toString(36)}`;
  return {
    account: ACCOUNT,
    id: meetingIdForEvent(ACCOUNT, eventId),
    source: 'calendar',
    eventId,
    calendarId: ACCOUNT,
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

export function actionItem(m: Pick<Meeting, 'id' | 'personId'>, text: string, createdAt: number, overrides: Partial<ActionItem> = {}): ActionItem {
  sequence++;
  return {
    account: ACCOUNT,
    id: `ai${sequence.toString(36).padStart(6, '0')}`,
    personId: m.personId!,
    meetingId: m.id,
    text,
    owner: 'me',
    status: 'open',
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

export function target(overrides: Partial<Target> & Pick<Target, 'owner' | 'period'>): Target {
  sequence++;
  return {
    account: ACCOUNT,
    id: `t-${sequence}`,
    metric: 'Bookings',
    unit: 'USD',
    decimals: 2,
    amount: 10_000_000,
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

export function progress(targetId: string, date: string, value: number, overrides: Partial<ProgressEntry> = {}): ProgressEntry {
  sequence++;
  return { account: ACCOUNT, id: `p-${sequence}`, targetId, date, value, source: 'manual', updatedAt: 1, ...overrides };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    account: ACCOUNT,
    timeZone: 'UTC',
    daysOff: [],
    weekendDays: [0, 6],
    selfAliases: [],
    useO3Template: false,
    updatedAt: 1,
    ...overrides,
  };
}

/** A freshly emptied database of ACCOUNT (the tests of one file share fake-indexeddb). */
export async function freshDb(): Promise<CompanionDb> {
  await deleteCompanionDb(ACCOUNT);
  return openCompanionDb(ACCOUNT);
}
