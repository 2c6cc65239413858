import { afterEach, describe, expect, it } from 'vitest';
import type { CompanionDb } from '../../src/storage/db';
import { loadPersonThread } from '../../src/storage/person-thread';
import { clearQuarantine, exportQuarantine, quarantineCount, toJsonSafe } from '../../src/storage/records';
import { getNote, listPeople, putMeetings, putPerson, putRecords, saveNote } from '../../src/storage/repositories';
import { actionItem, ACCOUNT, freshDb, meeting, note, person, T0 } from './fixtures';

let db: CompanionDb | undefined;
afterEach(() => db?.close());

describe('quarantine', () => {
  it('moves a record that fails validation out of the way, with the reason, and keeps reading', async () => {
    db = await freshDb();
    const dana = person('dana@example.com');
    await putPerson(db, dana);
    await putPerson(db, person('sam@example.com'));
    // Written behind the repositories' back: a damaged record and one of another account.
    await db.idb.put('people', { ...person('bad@example.com'), cadenceDays: 0 } as never);
    await db.idb.put('people', { ...person('alien@example.com'), account: 'alien@else.com' } as never);

    const people = await listPeople(db);
    expect(people.map((p) => p.email)).toEqual(['dana@example.com', 'sam@example.com']);
    expect(await quarantineCount(db)).toBe(2);
    expect(await db.idb.get('people', 'email:bad@example.com')).toBeUndefined();

    const exported = await exportQuarantine(db, T0);
    expect(exported.format).toBe('one-on-one-companion-quarantine');
    const reasons = Object.fromEntries(exported.records.map((r) => [r.key, r.reason]));
    expect(reasons['email:bad@example.com']).toMatch(/cadenceDays/);
    expect(reasons['email:alien@example.com']).toMatch(/belongs to account alien@else.com/);
    expect(exported.records.map((r) => r.store)).toEqual(['people', 'people']);
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);

    await clearQuarantine(db);
    expect(await quarantineCount(db)).toBe(0);
  });

  it('keeps the sidebar read working around damaged records', async () => {
    db = await freshDb();
    const dana = person('dana@example.com');
    const [m1, m2, m3] = [0, 1, 2].map((w) => meeting(dana.id, T0 + w * 604_800_000)) as [ReturnType<typeof meeting>, ReturnType<typeof meeting>, ReturnType<typeof meeting>];
    await putPerson(db, dana);
    await putMeetings(db, [m1, m2, m3]);
    await putRecords(db, 'notes', [note(m1, 'shared', 'good old notes')]);
    await db.idb.put('notes', { ...note(m2, 'shared', 'x'), text: 42 } as never); // damaged notes of the week before
    await db.idb.put('actionItems', { ...actionItem(m1, 'bad'), owner: 'nobody' } as never);
    await putRecords(db, 'actionItems', [actionItem(m1, 'fine')]);

    const thread = await loadPersonThread(db, { personId: dana.id, meetingId: m3.id, meetingStart: m3.start, today: '2026-01-19' });
    expect(thread.lastNotes?.shared?.text).toBe('good old notes');
    expect(thread.openActionItems.map((i) => i.text)).toEqual(['fine']);
    expect(await quarantineCount(db)).toBe(2);
  });

  it('quarantines a damaged stored note when the user saves over it, and saves', async () => {
    db = await freshDb();
    const m = meeting('email:dana@example.com', T0);
    await db.idb.put('notes', { ...note(m, 'shared', 'x'), revision: -3 } as never);
    const result = await saveNote(db, note(m, 'shared', 'typed now', { revision: 1 }));
    expect(result.status).toBe('saved');
    expect((await getNote(db, note(m, 'shared', '').id))?.text).toBe('typed now');
    const exported = await exportQuarantine(db, T0);
    expect(exported.records).toHaveLength(1);
    expect(exported.records[0]!.raw).toMatchObject({ revision: -3, account: ACCOUNT });
  });

  it('turns any stored value into JSON', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(
      toJsonSafe({ d: new Date(0), m: new Map([['k', 1]]), s: new Set([2]), b: 10n, u: undefined, n: NaN, bytes: new Uint8Array([1, 2]), cyclic }),
    ).toEqual({
      d: '1970-01-01T00:00:00.000Z',
      m: { map: [['k', 1]] },
      s: { set: [2] },
      b: '10',
      u: null,
      n: 'NaN',
      bytes: { bytes: [1, 2] },
      cyclic: { a: 1, self: '[cycle]' },
    });
  });
});
