// Action handlers against fake-indexeddb: every write checked, all-or-nothing where it matters,
// and the StorageChannel notice posted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionContext } from '../../src/app/action-context';
import { exportBackupFile, importBackupAsNewAccount, importBackupFile } from '../../src/app/backup-actions';
import { loadOptionsRecords } from '../../src/app/options-data';
import { addTalkingPoint, logMeeting, mergePeople, setCadence, setRelationship, setSnooze } from '../../src/app/people-actions';
import { setOwedItemDone } from '../../src/app/popup-actions';
import { loadPopupRecords } from '../../src/app/popup-data';
import { popupViewModel } from '../../src/app/popup-presenter';
import { loadOrCreateSettings } from '../../src/app/settings';
import { addDaysOff, removeDayOff, setSelfAliases, setTimeZone, setUseO3Template, setWeekendDays } from '../../src/app/settings-actions';
import { addProgress, createTarget, deleteTarget, importProgressCsv } from '../../src/app/target-actions';
import { noteId, type Meeting } from '../../src/domain/schemas';
import {
  deleteCompanionDb,
  exportBackup,
  getCurrentAccount,
  getPerson,
  getSettings,
  listOutboxEntries,
  listPeople,
  loadPersonHistory,
  openCompanionDb,
  openTalkingPoints,
  progressForTarget,
  putActionItems,
  putMeetings,
  putPerson,
  putProgressEntry,
  putRecords,
  putSettings,
  putTalkingPoint,
  putTarget,
  type CompanionDb,
  type StorageMessage,
} from '../../src/storage';
import { ACCOUNT, actionItem, DAY_MS, freshDb, meeting, person, progress, settings, target } from './fixtures';

// Thursday 11 September 2025, 15:00 UTC.
const NOW = Date.UTC(2025, 8, 11, 15, 0);
const dana = person('dana@example.com', { displayName: 'Dana Reyes' });
const provisional = person('x@example.com', { id: 'name:dana r', email: undefined, displayName: 'Dana R' });

let db: CompanionDb;
let notices: StorageMessage[];
let ctx: ActionContext;

beforeEach(async () => {
  db = await freshDb();
  notices = [];
  let seed = 1;
  ctx = {
    db,
    now: () => NOW,
    notify: (message) => notices.push(message),
    random: () => ((seed = (seed * 16807) % 2147483647) / 2147483647),
  };
  await putSettings(db, settings());
});
afterEach(() => db.close());

async function popupNow(): Promise<ReturnType<typeof popupViewModel>> {
  const records = await loadPopupRecords(db, NOW);
  return popupViewModel(
    { ...records, account: { state: 'signed-out' }, sync: { kind: 'signed-out' }, syncEnabled: false },
    NOW,
    records.timeZone,
  );
}

describe('mergePeople', () => {
  async function seedTwoRecords() {
    await putRecords(db, 'people', [dana, provisional]);
    const old = meeting(provisional.id, NOW - 20 * DAY_MS, { title: 'Dana <> me' });
    const other = meeting(provisional.id, NOW - 13 * DAY_MS);
    const own = meeting(dana.id, NOW - 30 * DAY_MS);
    await putMeetings(db, [old, other, own]);
    await putRecords(db, 'notes', [
      { account: ACCOUNT, id: noteId(old.id, 'shared'), meetingId: old.id, personId: provisional.id, kind: 'shared', text: 'walked through the plan', updatedAt: 1, revision: 1 },
      { account: ACCOUNT, id: noteId(old.id, 'private'), meetingId: old.id, personId: provisional.id, kind: 'private', text: 'private bit', updatedAt: 1, revision: 1 },
    ]);
    const item = actionItem(old, 'send the plan', old.start);
    await putActionItems(db, [item]);
    await putTalkingPoint(db, { account: ACCOUNT, id: 'tp-1', personId: provisional.id, text: 'ask about the move', createdAt: NOW - DAY_MS });
    const own_target = target({ id: 't-own', owner: { kind: 'person', personId: provisional.id }, period: { kind: 'month', start: '2025-09-01', end: '2025-09-30' } });
    const team = target({ id: 't-team', owner: { kind: 'team' }, period: { kind: 'month', start: '2025-09-01', end: '2025-09-30' } });
    await putRecords(db, 'targets', [own_target, team]);
    await putProgressEntry(db, progress('t-team', '2025-09-02', 500, { id: 'p-team', personId: provisional.id }));
    return { old, other, own, item };
  }

  it('moves meetings, notes, action items, talking points, targets and credited progress; the source is marked merged', async () => {
    const { old, item } = await seedTwoRecords();
    const outcome = await mergePeople(ctx, provisional.id, dana.id);
    expect(outcome).toEqual({ ok: true, message: 'Merged Dana R into Dana Reyes: moved 2 1:1s, 2 notes, 1 action item, 1 talking point, 1 target, 1 progress entry.' });
    expect((await getPerson(db, provisional.id))?.mergedInto).toBe(dana.id);
    expect((await listPeople(db)).map((p) => p.id)).toEqual([dana.id]);
    const history = await loadPersonHistory(db, { personId: dana.id });
    expect(history.entries).toHaveLength(3);
    const moved = history.entries.find((entry) => entry.meeting.id === old.id)!;
    expect([moved.shared?.text, moved.private?.text, moved.actionItems.map((i) => [i.id, i.personId])]).toEqual([
      'walked through the plan',
      'private bit',
      [[item.id, dana.id]],
    ]);
    expect(await loadPersonHistory(db, { personId: provisional.id })).toEqual({ entries: [] });
    expect((await openTalkingPoints(db, dana.id)).map((p) => p.id)).toEqual(['tp-1']);
    expect((await db.idb.get('targets', 't-own'))?.owner).toEqual({ kind: 'person', personId: dana.id });
    expect((await progressForTarget(db, 't-team'))[0]?.personId).toBe(dana.id);
    expect(notices.map((n) => n.type).sort()).toEqual(['action-items-changed', 'meetings-changed', 'people-changed', 'talking-points-changed', 'targets-changed']);
  });

  it('changes nothing when a write fails half-way (one transaction)', async () => {
    const { old } = await seedTwoRecords();
    const before = await exportBackup(db, NOW);
    // A database whose talking-point writes fail, after meetings and notes were put in the same transaction.
    const failing = {
      ...db,
      idb: new Proxy(db.idb, {
        get(target, key, receiver) {
          if (key !== 'transaction') return Reflect.get(target, key, receiver);
          return (...args: Parameters<typeof db.idb.transaction>) => {
            const tx = target.transaction(...args);
            const objectStore = tx.objectStore.bind(tx);
            (tx as { objectStore: unknown }).objectStore = (name: string) => {
              const store = objectStore(name as never);
              if (name !== 'talkingPoints') return store;
              return new Proxy(store, {
                get(s, k) {
                  if (k === 'put') return () => Promise.reject(new DOMException('disk on fire', 'UnknownError'));
                  const value: unknown = Reflect.get(s, k, s);
                  return typeof value === 'function' ? value.bind(s) : value;
                },
              });
            };
            return tx;
          };
        },
      }),
    } as CompanionDb;
    const outcome = await mergePeople({ ...ctx, db: failing }, provisional.id, dana.id);
    expect(outcome).toEqual({ ok: false, message: 'Not saved: the browser did not complete the write. Try again.' });
    const after = await exportBackup(db, NOW);
    expect(after.records).toEqual(before.records);
    expect((await db.idb.get('meetings', old.id))?.personId).toBe(provisional.id);
    expect(notices).toEqual([]);
  });

  it('refuses a merge of an address into a name-only record, and of a record into itself', async () => {
    await seedTwoRecords();
    expect(await mergePeople(ctx, dana.id, provisional.id)).toMatchObject({ ok: false, message: expect.stringMatching(/Merge the other way round/) });
    expect(await mergePeople(ctx, dana.id, dana.id)).toEqual({ ok: false, message: 'Choose two different people.' });
    expect(await mergePeople(ctx, 'email:nobody@example.com', dana.id)).toMatchObject({ ok: false });
    expect((await getPerson(db, dana.id))?.mergedInto).toBeUndefined();
  });
});

describe('logMeeting', () => {
  it('logs a 1:1 held off the calendar: it counts as held, so the person is no longer overdue', async () => {
    await putPerson(db, dana);
    await putMeetings(db, [meeting(dana.id, NOW - 12 * DAY_MS)]);
    expect((await popupNow()).overdue.map((row) => [row.displayName, row.daysSinceLast])).toEqual([['Dana Reyes', 12]]);

    const outcome = await logMeeting(ctx, dana.id, { day: '2025-09-10', time: '12:30', durationMinutes: 25, sharedNotes: 'walk in the park', privateNotes: '' });
    expect(outcome).toEqual({ ok: true, message: 'Logged a 1:1 with Dana Reyes on 2025-09-10.' });
    expect((await popupNow()).overdue).toEqual([]);

    const [latest] = (await loadPersonHistory(db, { personId: dana.id })).entries;
    expect(latest?.meeting).toMatchObject({ source: 'logged', markedHeld: true, isOneOnOne: true, start: Date.UTC(2025, 8, 10, 12, 30), end: Date.UTC(2025, 8, 10, 12, 55) });
    expect(latest?.shared?.text).toBe('walk in the park');
    expect(latest?.private).toBeUndefined();
    expect(notices.map((n) => n.type)).toEqual(['meetings-changed', 'note-saved']);
  });

  const refusals = [
    { name: 'a day to come', input: { day: '2025-09-12', time: '10:00' }, message: /today or earlier/ },
    { name: 'a later time today', input: { day: '2025-09-11', time: '16:00' }, message: /still to come/ },
    { name: 'a bad time', input: { day: '2025-09-10', time: '25:00' }, message: /HH:MM/ },
    { name: 'no date', input: { day: '2025-02-30', time: '10:00' }, message: /not a date/ },
    { name: 'too long', input: { day: '2025-09-10', time: '10:00', durationMinutes: 481 }, message: /Duration/ },
  ];
  it.each(refusals)('refuses $name and stores nothing', async ({ input, message }) => {
    await putPerson(db, dana);
    const outcome = await logMeeting(ctx, dana.id, { durationMinutes: 30, sharedNotes: '', privateNotes: '', ...input });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(message) });
    expect(await db.idb.count('meetings')).toBe(0);
  });
});

describe('people and talking points', () => {
  it('checks cadence and snooze, confirms a relationship, adds talking points', async () => {
    await putPerson(db, { ...dana, relationshipSource: 'suggested', relationship: 'peer' });
    expect(await setCadence(ctx, dana.id, 0)).toMatchObject({ ok: false });
    expect(await setCadence(ctx, dana.id, 1.5)).toMatchObject({ ok: false });
    expect(await setCadence(ctx, dana.id, 14)).toEqual({ ok: true });
    expect(await setSnooze(ctx, dana.id, '2025-09-10')).toEqual({ ok: false, message: 'Snooze until today or a later day.' });
    expect(await setSnooze(ctx, dana.id, '2025-09-30')).toEqual({ ok: true });
    expect(await setRelationship(ctx, dana.id, 'boss')).toMatchObject({ ok: false });
    expect(await setRelationship(ctx, dana.id, 'direct')).toEqual({ ok: true });
    expect(await addTalkingPoint(ctx, dana.id, '   ')).toEqual({ ok: false, message: 'Write the talking point first.' });
    expect(await addTalkingPoint(ctx, dana.id, ' career plans ')).toEqual({ ok: true });
    const stored = await getPerson(db, dana.id);
    expect(stored).toMatchObject({ cadenceDays: 14, snoozedUntil: '2025-09-30', relationship: 'direct', relationshipSource: 'confirmed', updatedAt: NOW });
    expect((await openTalkingPoints(db, dana.id)).map((p) => p.text)).toEqual(['career plans']);
    expect(await setSnooze(ctx, dana.id, undefined)).toEqual({ ok: true });
    expect((await getPerson(db, dana.id))?.snoozedUntil).toBeUndefined();
  });
});

describe('targets and progress', () => {
  it('creates a target for the period containing the day, refuses a second one for the same period', async () => {
    await putPerson(db, dana);
    const input = { owner: { kind: 'person' as const, personId: dana.id }, metric: 'Bookings', unit: 'USD', decimals: 2, periodKind: 'month' as const, periodDay: '2025-09-17', amount: 10_000_000 };
    expect(await createTarget(ctx, input)).toEqual({ ok: true, message: 'Created Bookings for September 2025: $100,000.00.' });
    expect(await createTarget(ctx, { ...input, periodDay: '2025-09-02' })).toMatchObject({ ok: false, message: expect.stringMatching(/already has a Bookings target for September 2025/) });
    expect(await createTarget(ctx, { ...input, amount: -1 })).toEqual({ ok: false, message: 'A target is zero or more.' });
    expect(await createTarget(ctx, { ...input, metric: '  ' })).toMatchObject({ ok: false });
    const records = await loadOptionsRecords(db, NOW);
    expect(records.targets.map((t) => [t.period, t.amount])).toEqual([[{ kind: 'month', start: '2025-09-01', end: '2025-09-30' }, 10_000_000]]);
  });

  it('adds progress within the period up to today; deleting a target removes its parts and progress', async () => {
    await putPerson(db, dana);
    const sep = target({ id: 't-sep', owner: { kind: 'person', personId: dana.id }, period: { kind: 'month', start: '2025-09-01', end: '2025-09-30' } });
    const part = target({ id: 't-part', owner: sep.owner, period: { kind: 'week', start: '2025-09-08', end: '2025-09-14' }, parentId: 't-sep' });
    await putRecords(db, 'targets', [sep, part]);
    await putProgressEntry(db, progress('t-part', '2025-09-09', 7));
    expect(await addProgress(ctx, { targetId: 't-sep', day: '2025-09-12', amount: 100 })).toEqual({ ok: false, message: 'Progress is entered for today or an earlier day.' });
    expect(await addProgress(ctx, { targetId: 't-sep', day: '2025-08-29', amount: 100 })).toMatchObject({ ok: false, message: expect.stringMatching(/outside the target’s period/) });
    expect(await addProgress(ctx, { targetId: 't-sep', day: '2025-09-11', amount: 125_050 })).toEqual({ ok: true, message: 'Added $1,250.50 on Thu 11 Sep.' });
    expect((await progressForTarget(db, 't-sep')).map((p) => [p.date, p.value, p.source])).toEqual([['2025-09-11', 125_050, 'manual']]);
    expect(await deleteTarget(ctx, 't-sep')).toEqual({ ok: true });
    expect(await db.idb.count('targets')).toBe(0);
    expect(await db.idb.count('progress')).toBe(0);
  });
});

describe('importProgressCsv', () => {
  const csvTarget = target({ id: 't-sep', owner: { kind: 'person', personId: dana.id }, period: { kind: 'month', start: '2025-09-01', end: '2025-09-30' } });

  it('imports every row in one go, and again replaces rather than doubles', async () => {
    await putPerson(db, dana);
    await putTarget(db, csvTarget);
    const file = 'date,target,person,value\n2025-09-01,Bookings,Dana Reyes,100\n2025-09-02,Bookings,Dana Reyes,250.50\n';
    expect(await importProgressCsv(ctx, file, 'sales.csv')).toEqual({ ok: true, message: 'Imported 2 rows from sales.csv.' });
    expect(await importProgressCsv(ctx, file, 'sales.csv')).toMatchObject({ ok: true });
    expect((await progressForTarget(db, 't-sep')).map((p) => [p.date, p.value, p.source])).toEqual([
      ['2025-09-01', 10_000, 'csv'],
      ['2025-09-02', 25_050, 'csv'],
    ]);
  });

  it('imports nothing when any row is bad', async () => {
    await putPerson(db, dana);
    await putTarget(db, csvTarget);
    const file = 'date,target,person,value\n2025-09-01,Bookings,Dana Reyes,100\n2025-09-02,Bookings,Dana Reyes,lots\n2025-09-03,Bookings,Dana Reyes,5\n';
    expect(await importProgressCsv(ctx, file, 'sales.csv')).toEqual({ ok: false, message: 'Nothing was imported: 1 problem in sales.csv. Fix the file and choose it again.' });
    expect(await db.idb.count('progress')).toBe(0);
    expect(notices).toEqual([]);
  });
});

describe('settings', () => {
  it('creates default settings on first use, in the given zone', async () => {
    await db.idb.clear('settings');
    const created = await loadOrCreateSettings(db, NOW, 'America/Chicago');
    expect(created).toMatchObject({ account: ACCOUNT, timeZone: 'America/Chicago', weekendDays: [0, 6], daysOff: [] });
    expect(await getSettings(db)).toEqual(created);
    expect(await loadOrCreateSettings(db, NOW + 1, 'Asia/Tokyo')).toEqual(created);
  });

  it('refuses bad values with a message and keeps good ones', async () => {
    expect(await setTimeZone(ctx, 'Mars/Olympus_Mons')).toEqual({ ok: false, message: '“Mars/Olympus_Mons” is not a time zone this browser knows (e.g. Europe/Berlin).' });
    expect(await setTimeZone(ctx, 'America/New_York')).toMatchObject({ ok: true });
    expect(await setWeekendDays(ctx, [0, 1, 2, 3, 4, 5, 6])).toEqual({ ok: false, message: 'Leave at least one working day in the week.' });
    expect(await setWeekendDays(ctx, [7])).toMatchObject({ ok: false });
    expect(await setWeekendDays(ctx, [5, 6, 5])).toEqual({ ok: true });
    expect(await setSelfAliases(ctx, ['me@home', 'x'])).toMatchObject({ ok: false });
    expect(await setSelfAliases(ctx, [ACCOUNT])).toMatchObject({ ok: false });
    expect(await setSelfAliases(ctx, ['Me@Home.example', 'me@home.example'])).toEqual({ ok: true });
    expect(await addDaysOff(ctx, ['2025-12-26', '2025-12-24'])).toEqual({ ok: true });
    expect(await addDaysOff(ctx, ['2025-12-24', '2025-13-01'])).toMatchObject({ ok: false });
    expect(await addDaysOff(ctx, ['2025-12-24', '2025-12-25'])).toEqual({ ok: true });
    expect(await removeDayOff(ctx, '2025-12-26')).toEqual({ ok: true });
    expect(await setUseO3Template(ctx, true)).toEqual({ ok: true });
    expect(await getSettings(db)).toMatchObject({
      timeZone: 'America/New_York',
      weekendDays: [5, 6],
      selfAliases: ['me@home.example'],
      daysOff: ['2025-12-24', '2025-12-25'],
      useO3Template: true,
      updatedAt: NOW,
    });
    expect(notices.every((n) => n.type === 'settings-changed')).toBe(true);
  });
});

describe('popup: close and reopen what I owe', () => {
  it('closes an item, queues its event for the calendar, and reopens it', async () => {
    await putPerson(db, dana);
    const m: Meeting = meeting(dana.id, NOW - 3 * DAY_MS);
    await putMeetings(db, [m]);
    const item = actionItem(m, 'send the deck', m.start);
    await putActionItems(db, [item]);
    expect((await popupNow()).owed.map((o) => o.text)).toEqual(['send the deck']);
    expect(await setOwedItemDone(ctx, item.id, true)).toEqual({ ok: true });
    expect((await popupNow()).owed).toEqual([]);
    expect((await listOutboxEntries(db)).map((e) => [e.eventId, e.pending])).toEqual([[m.eventId, true]]);
    expect(await setOwedItemDone(ctx, item.id, false)).toEqual({ ok: true });
    expect((await popupNow()).owed.map((o) => o.text)).toEqual(['send the deck']);
    expect(await setOwedItemDone(ctx, 'zzzzzzzz', true)).toMatchObject({ ok: false });
  });
});

describe('backup', () => {
  it('exports a file that imports back, and marks when', async () => {
    await putPerson(db, dana);
    const saved: { name: string; text: string }[] = [];
    const outcome = await exportBackupFile(ctx, (name, text) => saved.push({ name, text }));
    expect(outcome).toMatchObject({ ok: true, message: expect.stringMatching(/^Saved 1on1-companion-backup-me@example.com-2025-09-11.json \(2 records\)\.$/) });
    expect((await getSettings(db))?.lastBackupAt).toBe(NOW);
    await db.idb.clear('people');
    expect(await importBackupFile(ctx, saved[0]!.text)).toEqual({ ok: true, total: { added: 1, updated: 0, skipped: 1 } });
    expect((await listPeople(db)).map((p) => p.id)).toEqual([dana.id]);
    expect(await importBackupFile(ctx, '{"format":"nope"}')).toMatchObject({ ok: false });
  });

  it('restores into a browser with no account yet: the file’s account becomes the current one', async () => {
    const other = 'restored@example.com';
    await deleteCompanionDb(other);
    const file = JSON.stringify({
      format: 'one-on-one-companion-backup',
      version: 1,
      exportedAt: NOW,
      account: other,
      records: { people: [{ ...dana, account: other }] },
    });
    const damaged = file.replace('"relationship":"direct"', '"relationship":"boss"');
    const refusedImport = await importBackupAsNewAccount(damaged, NOW, (n) => notices.push(n));
    expect(refusedImport.report).toMatchObject({ ok: false });
    expect(await getCurrentAccount()).not.toBe(other);

    const result = await importBackupAsNewAccount(file, NOW, (n) => notices.push(n));
    expect(result).toEqual({ report: { ok: true, total: { added: 1, updated: 0, skipped: 0 } }, account: other });
    expect(await getCurrentAccount()).toBe(other);
    const restored = await openCompanionDb(other);
    expect((await listPeople(restored)).map((p) => p.displayName)).toEqual(['Dana Reyes']);
    restored.close();
    expect(notices).toEqual([{ type: 'data-replaced', account: other }]);
  });
});
