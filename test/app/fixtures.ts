// Record builders for the app tests: valid by default (test/support/records.ts), override what a
// test is about. Here people are named after their address ('dana@…' is "Dana") and every
// meeting gets its own event.
import type { ActionItem, Meeting, Person, ProgressEntry, Settings, Target } from '../../src/domain/schemas';
import { personIdForEmail } from '../../src/domain/schemas';
import { ACCOUNT, actionItemRecord, meetingRecord, personRecord, progressRecord, settingsRecord, targetRecord } from '../support/records';

export { ACCOUNT, DAY_MS, freshDb } from '../support/records';
export const HOUR_MS = 3_600_000;

export function person(email: string, overrides: Partial<Person> = {}): Person {
  const name = email.split('@')[0]!;
  return personRecord(personIdForEmail(email), { email, displayName: name.charAt(0).toUpperCase() + name.slice(1), updatedAt: 1, ...overrides });
}

let sequence = 0;

export function meeting(personId: string, start: number, overrides: Partial<Meeting> = {}): Meeting {
  sequence++;
  const eventId = overrides.eventId ?? `ev${sequence.toString(36)}x${start.toString(36)}`;
  return meetingRecord(personId, start, eventId, { calendarId: ACCOUNT, ...overrides });
}

export function actionItem(m: Pick<Meeting, 'id' | 'personId'>, text: string, createdAt: number, overrides: Partial<ActionItem> = {}): ActionItem {
  sequence++;
  return actionItemRecord(`ai${sequence.toString(36).padStart(6, '0')}`, m, text, createdAt, overrides);
}

export function target(overrides: Partial<Target> & Pick<Target, 'owner' | 'period'>): Target {
  sequence++;
  return targetRecord(`t-${sequence}`, { createdAt: 1, updatedAt: 1, ...overrides });
}

export function progress(targetId: string, date: string, value: number, overrides: Partial<ProgressEntry> = {}): ProgressEntry {
  sequence++;
  return progressRecord(`p-${sequence}`, targetId, date, value, { updatedAt: 1, ...overrides });
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return settingsRecord({ updatedAt: 1, ...overrides });
}
