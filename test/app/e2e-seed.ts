// A backup file for the end-to-end tests of the popup and the options page: restoring it on the
// options page of a browser with no account is how those tests seed data (a real user path).
// Times are relative to `now`; the settings count days in UTC, so "10 days ago" is 10 calendar days.

export const SEED_ACCOUNT = 'manager@example.com';
const DAY_MS = 86_400_000;

export function seedPerson(id: string, displayName: string, email: string | undefined, now: number): Record<string, unknown> {
  return {
    account: SEED_ACCOUNT,
    id,
    ...(email ? { email } : {}),
    displayName,
    relationship: 'direct',
    relationshipSource: 'confirmed',
    level: 'frontline',
    cadenceDays: 7,
    archived: false,
    updatedAt: now - 30 * DAY_MS,
  };
}

export function seedMeeting(eventId: string, personId: string, start: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const email = personId.startsWith('email:') ? personId.slice('email:'.length) : undefined;
  return {
    account: SEED_ACCOUNT,
    id: `${SEED_ACCOUNT}|${eventId}`,
    source: 'calendar',
    eventId,
    calendarId: SEED_ACCOUNT,
    title: '1:1',
    start,
    end: start + 30 * 60_000,
    allDay: false,
    attendees: [{ email: SEED_ACCOUNT, self: true, organizer: true, responseStatus: 'accepted' }, ...(email ? [{ email, responseStatus: 'accepted' }] : [])],
    organizerEmail: SEED_ACCOUNT,
    status: 'confirmed',
    personId,
    isOneOnOne: true,
    classificationReason: email ? 'two-human-guests' : 'title',
    canModify: true,
    markedHeld: false,
    updatedAt: start,
    ...overrides,
  };
}

/**
 * A backup of SEED_ACCOUNT: Dana's last held 1:1 was 10 days ago (overdue; a cancelled and a
 * declined one since do not count), Sam's 3 days ago (within the cadence). `extra` adds records.
 */
export function backupFile(now: number, extra: { people?: object[]; meetings?: object[] } = {}): string {
  return JSON.stringify({
    format: 'one-on-one-companion-backup',
    version: 1,
    exportedAt: now,
    account: SEED_ACCOUNT,
    records: {
      people: [
        seedPerson('email:dana@example.com', 'Dana Reyes', 'dana@example.com', now),
        seedPerson('email:sam@example.com', 'Sam Ito', 'sam@example.com', now),
        ...(extra.people ?? []),
      ],
      meetings: [
        seedMeeting('evdana1', 'email:dana@example.com', now - 10 * DAY_MS),
        seedMeeting('evdana2', 'email:dana@example.com', now - 2 * DAY_MS, { status: 'cancelled' }),
        seedMeeting('evdana3', 'email:dana@example.com', now - DAY_MS, { declinedBy: 'them' }),
        seedMeeting('evsam1', 'email:sam@example.com', now - 3 * DAY_MS),
        ...(extra.meetings ?? []),
      ],
      settings: [
        { account: SEED_ACCOUNT, timeZone: 'UTC', daysOff: [], weekendDays: [0, 6], selfAliases: [], useO3Template: false, lastBackupAt: now, updatedAt: now },
      ],
    },
  });
}
