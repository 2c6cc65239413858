// Small record builders for storage tests: valid by default (test/support/records.ts), override
// what a test is about. Here everything happens at T0 in Berlin, people are named after their
// address ('dana.reyes@…' is "dana reyes"), and a meeting's event follows from its person and start.
import type { ActionItem, Meeting, Note, Person, ProgressEntry, Settings, TalkingPoint, Target } from '../../src/domain/schemas';
import { personIdForEmail } from '../../src/domain/schemas';
import { actionItemRecord, meetingRecord, noteRecord, personRecord, progressRecord, settingsRecord, talkingPointRecord, targetRecord } from '../support/records';

export { ACCOUNT, DAY_MS, freshDb } from '../support/records';
/** 2026-01-05, a Monday, 10:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

export function person(email: string, overrides: Partial<Person> = {}): Person {
  return personRecord(personIdForEmail(email), { email, displayName: email.split('@')[0]!.replace(/\./g, ' '), updatedAt: T0, ...overrides });
}

export function meeting(personId: string, start: number, overrides: Partial<Meeting> = {}): Meeting {
  const eventId = overrides.eventId ?? `ev${start.toString(36)}${personId.replace(/[^a-z0-9]/g, '')}`;
  return meetingRecord(personId, start, eventId, { calendarId: 'primary', ...overrides });
}

export function note(m: Pick<Meeting, 'id' | 'personId'>, kind: 'shared' | 'private', text: string, overrides: Partial<Note> = {}): Note {
  return noteRecord(m, kind, text, { updatedAt: T0, ...overrides });
}

let counter = 0;
export function shortId(): string {
  counter++;
  return `a${counter.toString(36).padStart(7, '0')}`;
}

export function actionItem(m: Pick<Meeting, 'id' | 'personId' | 'start'>, text: string, overrides: Partial<ActionItem> = {}): ActionItem {
  return actionItemRecord(shortId(), m, text, m.start, overrides);
}

export function talkingPoint(personId: string, text: string, overrides: Partial<TalkingPoint> = {}): TalkingPoint {
  return talkingPointRecord(`tp-${shortId()}`, personId, text, { createdAt: T0, ...overrides });
}

export function target(overrides: Partial<Target> & Pick<Target, 'owner' | 'period'>): Target {
  return targetRecord(`t-${shortId()}`, { createdAt: T0, updatedAt: T0, ...overrides });
}

export function progress(targetId: string, date: string, value: number, overrides: Partial<ProgressEntry> = {}): ProgressEntry {
  return progressRecord(`p-${shortId()}`, targetId, date, value, { updatedAt: T0, ...overrides });
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return settingsRecord({ timeZone: 'Europe/Berlin', updatedAt: T0, ...overrides });
}
