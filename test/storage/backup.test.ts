import { afterEach, describe, expect, it } from 'vitest';
import type { CompanionDb } from '../../src/storage/db';
import {
  BACKUP_FORMAT,
  backupFileName,
  backupReminderDue,
  exportBackup,
  importBackup,
  markBackupExported,
  mergeDecision,
  type Backup,
} from '../../src/storage/backup';
import { getNote, getSettings, openTalkingPoints, putActionItems, putMeetings, putPerson, putRecords, putSettings, putTalkingPoint } from '../../src/storage/repositories';
import { actionItem, ACCOUNT, DAY_MS, freshDb, meeting, note, person, settings, T0, talkingPoint } from './fixtures';
import { quarantineCount } from '../../src/storage/records';

let db: CompanionDb | undefined;
afterEach(() => db?.close());

const dana = person('dana@example.com');
const m1 = meeting(dana.id, T0);

async function seed(database: CompanionDb) {
  await putPerson(database, dana);
  await putMeetings(database, [m1]);
  await putRecords(database, 'notes', [note(m1, 'shared', 'shared text', { revision: 4 }), note(m1, 'private', 'private text')]);
  await putActionItems(database, [actionItem(m1, 'send deck', { id: 'abcd1234' })]);
  await putTalkingPoint(database, talkingPoint(dana.id, 'raise promotion', { id: 'tp-1' }));
  await putSettings(database, settings());
}

describe('backup export and import', () => {
  it('round-trips everything into an empty database', async () => {
    db = await freshDb();
    await seed(db);
    const backup = await exportBackup(db, T0 + 1);
    expect(backup).toMatchObject({ format: BACKUP_FORMAT, version: 1, exportedAt: T0 + 1, account: ACCOUNT });
    const text = JSON.stringify(backup);
    db.close();

    db = await freshDb();
    const report = await importBackup(db, text);
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.total).toEqual({ added: 7, updated: 0, skipped: 0 });
    expect(report.added).toMatchObject({ people: 1, meetings: 1, notes: 2, actionItems: 1, talkingPoints: 1, settings: 1 });
    expect(await exportBackup(db, T0 + 1)).toEqual(backup);
    // Indexes were filled as well (open talking points come from a sparse index).
    expect((await openTalkingPoints(db, dana.id)).map((p) => p.id)).toEqual(['tp-1']);

    const again = await importBackup(db, text);
    expect(again.ok && again.total).toEqual({ added: 0, updated: 0, skipped: 7 });
  });

  it('merges by id: newer updatedAt wins, notes by revision, talking points only get discussed', async () => {
    db = await freshDb();
    await seed(db);
    const backup = await exportBackup(db, T0);
    const records = backup.records;
    records.people[0] = { ...records.people[0]!, displayName: 'Dana R', updatedAt: T0 + 10 }; // newer: update
    records.actionItems[0] = { ...records.actionItems[0]!, text: 'older text', updatedAt: T0 - 10 }; // older: skip
    const shared = records.notes.find((n) => n.kind === 'shared')!;
    records.notes = [{ ...shared, text: 'lower revision', revision: 3, updatedAt: T0 + 99 }, { ...records.notes.find((n) => n.kind === 'private')!, text: 'private v2', revision: 2 }];
    records.talkingPoints[0] = { ...records.talkingPoints[0]!, discussedInMeetingId: m1.id, discussedAt: T0 + 5 };
    records.meetings.push(meeting(dana.id, T0 + 7 * DAY_MS, { eventId: 'new-one' }));
    const report = await importBackup(db, backup);
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.added).toMatchObject({ meetings: 1 });
    expect(report.updated).toMatchObject({ people: 1, notes: 1, talkingPoints: 1, actionItems: 0 });
    expect(report.skipped).toMatchObject({ notes: 1, actionItems: 1, meetings: 1, settings: 1 });
    expect((await getNote(db, shared.id))?.text).toBe('shared text');
    expect((await getNote(db, `${m1.id}|private`))?.text).toBe('private v2');
    expect(await openTalkingPoints(db, dana.id)).toEqual([]);
  });

  const merges: [string, 'notes' | 'people' | 'talkingPoints', object, object, string][] = [
    ['note, higher revision', 'notes', { revision: 1, updatedAt: 5 }, { revision: 2, updatedAt: 1 }, 'update'],
    ['note, same revision, newer', 'notes', { revision: 2, updatedAt: 1 }, { revision: 2, updatedAt: 5 }, 'update'],
    ['note, lower revision, newer time', 'notes', { revision: 3, updatedAt: 1 }, { revision: 2, updatedAt: 9 }, 'skip'],
    ['person, newer', 'people', { updatedAt: 1 }, { updatedAt: 2 }, 'update'],
    ['person, same time, other data', 'people', { updatedAt: 2, x: 1 }, { updatedAt: 2, x: 2 }, 'skip'],
    ['talking point reopened elsewhere', 'talkingPoints', { discussedAt: 5 }, {}, 'skip'],
    ['identical', 'people', { updatedAt: 2 }, { updatedAt: 2 }, 'skip'],
  ];
  for (const [name, store, stored, incoming, decision] of merges) {
    it(`decides a merge: ${name}`, () => {
      expect(mergeDecision(store, stored, incoming)).toBe(decision);
    });
  }
  it('adds what is not there', () => expect(mergeDecision('people', undefined, {})).toBe('add'));

  const bad: [string, (b: Backup) => unknown, RegExp][] = [
    ['not JSON', () => '{"format": "one-on-one', /not valid JSON/],
    ['a foreign file', () => ({ some: 'thing' }), /not a 1:1 Companion backup/],
    ['a JSON list', () => [1, 2], /not a JSON object/],
    ['another account', (b) => ({ ...b, account: 'boss@example.com' }), /belongs to boss@example.com/],
    ['a newer format', (b) => ({ ...b, version: 99 }), /newer version/],
    ['a damaged record', (b) => ({ ...b, records: { ...b.records, notes: [{ ...b.records.notes[0], revision: 'x' }] } }), /damaged/],
    ['a record of another account', (b) => ({ ...b, records: { ...b.records, people: [{ ...b.records.people[0], account: 'x@y.z' }] } }), /damaged/],
    ['duplicate ids', (b) => ({ ...b, records: { ...b.records, people: [b.records.people[0], b.records.people[0]] } }), /damaged/],
    ['no records', (b) => ({ ...b, records: null }), /no records/],
  ];
  for (const [name, corrupt, reason] of bad) {
    it(`changes nothing for ${name} and says why`, async () => {
      db = await freshDb();
      await seed(db);
      const before = await exportBackup(db, T0);
      const valid = await exportBackup(db, T0);
      // A change that would be imported if the file were accepted.
      valid.records.people[0] = { ...valid.records.people[0]!, displayName: 'Changed', updatedAt: T0 + 1000 };
      const input = corrupt(valid);
      const report = await importBackup(db, typeof input === 'string' ? input : JSON.stringify(input));
      expect(report.ok).toBe(false);
      if (report.ok) return;
      expect(report.reason).toMatch(reason);
      expect(await exportBackup(db, T0)).toEqual(before);
    });
  }

  it('names the damaged records', async () => {
    db = await freshDb();
    await seed(db);
    const valid = await exportBackup(db, T0);
    const report = await importBackup(db, { ...valid, records: { ...valid.records, actionItems: [{ ...valid.records.actionItems[0], owner: 'nobody' }] } });
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.errors[0]).toMatch(/^records\.actionItems\[0\]: .*owner/);
  });

  it('leaves damaged local records in quarantine and exports only valid ones', async () => {
    db = await freshDb();
    await seed(db);
    await db.idb.put('people', { ...person('bad@example.com'), level: 'king' } as never);
    const backup = await exportBackup(db, T0);
    expect(backup.records.people.map((p) => p.email)).toEqual(['dana@example.com']);
    expect(await quarantineCount(db)).toBe(1);
  });

  it('records when the last backup was made', async () => {
    db = await freshDb();
    await seed(db);
    await markBackupExported(db, T0 + 5);
    expect((await getSettings(db))?.lastBackupAt).toBe(T0 + 5);
    expect(backupFileName('me@example.com', T0)).toBe('1on1-companion-backup-me@example.com-2026-01-05.json');
  });
});

describe('backup reminder', () => {
  const week = 7 * DAY_MS;
  const cases: [string, { lastBackupAt?: number } | undefined, boolean, number, boolean][] = [
    ['syncing to the calendar: never', { lastBackupAt: undefined }, true, T0, false],
    ['never backed up, no sync', {}, false, T0, true],
    ['no settings yet, no sync', undefined, false, T0, true],
    ['backed up 6 days ago', { lastBackupAt: T0 - 6 * DAY_MS }, false, T0, false],
    ['backed up exactly a week ago', { lastBackupAt: T0 - week }, false, T0, true],
    ['backed up a month ago but syncing', { lastBackupAt: T0 - 30 * DAY_MS }, true, T0, false],
  ];
  for (const [name, s, sync, now, due] of cases) {
    it(name, () => expect(backupReminderDue(s, sync, now)).toBe(due));
  }
});
