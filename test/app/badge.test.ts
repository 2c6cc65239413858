// The toolbar badge (src/background/badge.ts) with fake action and alarm APIs over fake-indexeddb.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logMeeting } from '../../src/app/people-actions';
import {
  changesOverdue,
  nextMidnightAlarm,
  OVERDUE_BADGE_ALARM,
  refreshOverdueBadge,
  startOverdueBadge,
  type BadgeAlarms,
  type OverdueBadge,
} from '../../src/background/badge';
import { putMeetings, putPerson, putSettings, setCurrentAccount, StorageChannel, type CompanionDb, type StorageMessage } from '../../src/storage';
import { ACCOUNT, DAY_MS, freshDb, meeting, person, settings } from './fixtures';

// Wednesday 19 November 2025, 18:00 in New York (23:00 UTC).
const NOW = Date.UTC(2025, 10, 19, 23, 0);
const dana = person('dana@example.com', { displayName: 'Dana Reyes' });

function fakeAction() {
  const texts: string[] = [];
  const colors: string[] = [];
  return {
    texts,
    colors,
    setBadgeText: ({ text }: { text: string }) => void texts.push(text),
    setBadgeBackgroundColor: ({ color }: { color: string }) => void colors.push(color),
  };
}

function fakeAlarms() {
  const listeners = new Set<(alarm: { name: string }) => void>();
  const created: { name: string; when?: number; periodInMinutes?: number }[] = [];
  const alarms: BadgeAlarms & { created: typeof created; fire(name: string): void } = {
    created,
    create: (name, info) => void created.push({ name, ...info }),
    onAlarm: { addListener: (listener) => void listeners.add(listener), removeListener: (listener) => void listeners.delete(listener) },
    fire: (name) => listeners.forEach((listener) => listener({ name })),
  };
  return alarms;
}

/** Waits until `check` passes (the badge refreshes asynchronously). */
async function eventually(check: () => void, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

let db: CompanionDb;
let badge: OverdueBadge | undefined;
let channel: StorageChannel;

beforeEach(async () => {
  db = await freshDb();
  await putSettings(db, settings({ timeZone: 'America/New_York' }));
  channel = new StorageChannel();
});
afterEach(() => {
  badge?.stop();
  badge = undefined;
  channel.close();
  db.close();
});

describe('the overdue badge', () => {
  it('is empty when there is no account yet', async () => {
    const action = fakeAction();
    expect(await refreshOverdueBadge({ action, currentAccount: async () => undefined })).toEqual({ count: 0 });
    expect(action.texts).toEqual(['']);
  });

  it('counts overdue directs at start, sets its colour, and sets an alarm for the next local midnight', async () => {
    await setCurrentAccount(ACCOUNT, NOW);
    const sam = person('sam@example.com');
    await putPerson(db, dana);
    await putPerson(db, sam);
    await putMeetings(db, [meeting(dana.id, NOW - 9 * DAY_MS), meeting(sam.id, NOW - 2 * DAY_MS)]);
    const action = fakeAction();
    const alarms = fakeAlarms();
    badge = startOverdueBadge({ action, alarms, channel, now: () => NOW });
    await eventually(() => expect(action.texts).toEqual(['1']));
    expect(action.colors).toEqual(['#d93025']);
    // Midnight of 20 November in New York is 05:00 UTC.
    await eventually(() => expect(alarms.created).toEqual([{ name: OVERDUE_BADGE_ALARM, when: Date.UTC(2025, 10, 20, 5, 0, 5), periodInMinutes: 60 }]));
  });

  it('recounts when a notice says meetings changed (a 1:1 logged in another page)', async () => {
    await setCurrentAccount(ACCOUNT, NOW);
    await putPerson(db, dana);
    await putMeetings(db, [meeting(dana.id, NOW - 9 * DAY_MS)]);
    const action = fakeAction();
    badge = startOverdueBadge({ action, alarms: fakeAlarms(), channel, now: () => NOW });
    await eventually(() => expect(action.texts.at(-1)).toBe('1'));
    const otherPage = new StorageChannel();
    try {
      const outcome = await logMeeting({ db, now: () => NOW, notify: (message) => otherPage.post(message) }, dana.id, {
        day: '2025-11-19',
        time: '09:00',
        durationMinutes: 30,
        sharedNotes: '',
        privateNotes: '',
      });
      expect(outcome.ok).toBe(true);
      await eventually(() => expect(action.texts.at(-1)).toBe(''));
    } finally {
      otherPage.close();
    }
  });

  it('recounts when the alarm fires after midnight: 7 days since becomes 8', async () => {
    await setCurrentAccount(ACCOUNT, NOW);
    await putPerson(db, dana);
    // 12 November 10:00 in New York: 7 days before the 19th, 8 before the 20th.
    await putMeetings(db, [meeting(dana.id, Date.UTC(2025, 10, 12, 15, 0))]);
    let now = NOW;
    const action = fakeAction();
    const alarms = fakeAlarms();
    badge = startOverdueBadge({ action, alarms, channel, now: () => now });
    await eventually(() => expect(action.texts).toEqual(['']));
    now = Date.UTC(2025, 10, 20, 5, 0, 5);
    alarms.fire('some-other-alarm');
    alarms.fire(OVERDUE_BADGE_ALARM);
    await eventually(() => expect(action.texts).toEqual(['', '1']));
  });
});

describe('badge helpers', () => {
  it('the next midnight is in the user’s zone, across a DST change', () => {
    // 1 November 2025, 12:00 in New York (EDT); 2 November starts at 00:00 EDT = 04:00 UTC.
    expect(nextMidnightAlarm(Date.UTC(2025, 10, 1, 16, 0), 'America/New_York')).toBe(Date.UTC(2025, 10, 2, 4, 0, 5));
    expect(nextMidnightAlarm(Date.UTC(2025, 10, 1, 16, 0), 'Asia/Kolkata')).toBe(Date.UTC(2025, 10, 1, 18, 30, 5));
  });

  it.each<[StorageMessage['type'], boolean]>([
    ['meetings-changed', true],
    ['people-changed', true],
    ['settings-changed', true],
    ['data-replaced', true],
    ['note-saved', false],
    ['action-items-changed', false],
    ['talking-points-changed', false],
    ['targets-changed', false],
  ])('%s changes who is overdue: %s', (type, expected) => {
    const message = { type, account: ACCOUNT, ids: [], noteId: 'n', meetingId: 'm', revision: 1 } as unknown as StorageMessage;
    expect(changesOverdue(message)).toBe(expected);
  });
});
