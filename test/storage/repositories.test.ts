import { afterEach, describe, expect, it } from 'vitest';
import type { Note } from '../../src/domain/schemas';
import type { CompanionDb } from '../../src/storage/db';
import { loadDirectsSummary, whatIOwe, whatTheyOwe } from '../../src/storage/popup-reads';
import {
  actionItemsForMeeting,
  getNote,
  InvalidRecordError,
  listDirects,
  meetingsBetween,
  meetingsByEvent,
  meetingsBySeries,
  openTalkingPoints,
  putActionItems,
  putMeetings,
  putPerson,
  putRecords,
  putTalkingPoint,
  saveNote,
  setActionItemStatus,
} from '../../src/storage/repositories';
import { actionItem, DAY_MS, freshDb, meeting, note, person, T0, talkingPoint } from './fixtures';

let db: CompanionDb | undefined;
afterEach(() => db?.close());

const m = meeting('email:dana@example.com', T0);

describe('saveNote never replaces newer text with older', () => {
  const cases: { name: string; stored?: Partial<Note>; incoming: Partial<Note>; status: string; text: string }[] = [
    { name: 'first save', incoming: { revision: 1, text: 'a' }, status: 'saved', text: 'a' },
    { name: 'next revision', stored: { revision: 1, text: 'a' }, incoming: { revision: 2, text: 'ab' }, status: 'saved', text: 'ab' },
    { name: 'skipping revisions is fine', stored: { revision: 1, text: 'a' }, incoming: { revision: 7, text: 'b' }, status: 'saved', text: 'b' },
    { name: 'same revision, other text (a concurrent save)', stored: { revision: 2, text: 'tab A' }, incoming: { revision: 2, text: 'tab B' }, status: 'stale', text: 'tab A' },
    { name: 'older revision', stored: { revision: 5, text: 'newer' }, incoming: { revision: 3, text: 'older' }, status: 'stale', text: 'newer' },
    { name: 'a retried save of what is stored', stored: { revision: 2, text: 'same' }, incoming: { revision: 2, text: 'same' }, status: 'unchanged', text: 'same' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      db = await freshDb();
      if (c.stored) await putRecords(db, 'notes', [note(m, 'shared', '', c.stored)]);
      const result = await saveNote(db, note(m, 'shared', '', c.incoming));
      expect(result.status).toBe(c.status);
      if (result.status === 'stale') expect(result.stored.text).toBe(c.text);
      expect((await getNote(db, note(m, 'shared', '').id))?.text).toBe(c.text);
    });
  }

  it('lets exactly one of two concurrent saves of the same revision win', async () => {
    db = await freshDb();
    const [a, b] = await Promise.all([saveNote(db, note(m, 'shared', 'from A', { revision: 1 })), saveNote(db, note(m, 'shared', 'from B', { revision: 1 }))]);
    expect([a.status, b.status].sort()).toEqual(['saved', 'stale']);
  });

  it('rejects an invalid note or one whose id does not match its meeting and kind', async () => {
    db = await freshDb();
    await expect(saveNote(db, { ...note(m, 'shared', 'x'), revision: -1 })).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(saveNote(db, { ...note(m, 'shared', 'x'), id: 'other' })).rejects.toThrow(/id must be/);
  });
});

describe('meetings, talking points and action items', () => {
  it('finds meetings by event, by series and by time', async () => {
    db = await freshDb();
    const series = [0, 1, 2].map((w) => meeting('email:dana@example.com', T0 + w * 7 * DAY_MS, { eventId: `s1_${w}`, seriesId: 's1' }));
    const other = meeting('email:sam@example.com', T0 + DAY_MS, { eventId: 'x', seriesId: 's2' });
    await putMeetings(db, [...series, other]);
    expect((await meetingsByEvent(db, 's1_1')).map((x) => x.id)).toEqual([series[1]!.id]);
    expect((await meetingsBySeries(db, 's1')).map((x) => x.eventId)).toEqual(['s1_0', 's1_1', 's1_2']);
    expect((await meetingsBySeries(db, 's1', { from: T0 + 1 })).map((x) => x.eventId)).toEqual(['s1_1', 's1_2']);
    expect((await meetingsBetween(db, T0, T0 + 7 * DAY_MS)).map((x) => x.eventId)).toEqual(['s1_0', 'x']);
  });

  it('keeps only undiscussed talking points in the open index', async () => {
    db = await freshDb();
    const open = talkingPoint('email:dana@example.com', 'open one');
    await putTalkingPoint(db, open);
    await putTalkingPoint(db, talkingPoint('email:dana@example.com', 'done one', { discussedInMeetingId: m.id, discussedAt: T0 }));
    expect((await openTalkingPoints(db, 'email:dana@example.com')).map((p) => p.text)).toEqual(['open one']);
    await putTalkingPoint(db, { ...open, discussedInMeetingId: m.id, discussedAt: T0 + 1 });
    expect(await openTalkingPoints(db, 'email:dana@example.com')).toEqual([]);
    // The storage-only index field never leaks into what callers get.
    const stored = await db.idb.get('talkingPoints', open.id);
    expect(stored && 'openSince' in stored).toBe(false);
  });

  it('lists what I owe and what they owe, oldest first, and closes items', async () => {
    db = await freshDb();
    const a = meeting('email:a@example.com', T0);
    const b = meeting('email:b@example.com', T0 + DAY_MS);
    const late = actionItem(b, 'late', { createdAt: T0 + 5 });
    const early = actionItem(a, 'early', { createdAt: T0 + 1 });
    await putActionItems(db, [late, early, actionItem(a, 'theirs', { owner: 'them' }), actionItem(a, 'closed', { status: 'done', doneAt: T0 })]);
    expect((await whatIOwe(db)).map((i) => i.text)).toEqual(['early', 'late']);
    expect((await whatTheyOwe(db)).map((i) => i.text)).toEqual(['theirs']);
    const closed = await setActionItemStatus(db, early.id, 'done', T0 + 99);
    expect(closed).toMatchObject({ status: 'done', doneAt: T0 + 99, updatedAt: T0 + 99 });
    expect((await whatIOwe(db)).map((i) => i.text)).toEqual(['late']);
    const reopened = await setActionItemStatus(db, early.id, 'open', T0 + 100);
    expect(reopened && 'doneAt' in reopened).toBe(false);
    expect((await actionItemsForMeeting(db, a.id)).map((i) => i.text).sort()).toEqual(['closed', 'early', 'theirs']);
  });
});

describe('popup reads', () => {
  it("gives each direct's last held and next booked 1:1, skipping cancelled and declined ones", async () => {
    db = await freshDb();
    const dana = person('dana@example.com');
    const sam = person('sam@example.com');
    const boss = person('boss@example.com', { relationship: 'manager' });
    for (const p of [dana, sam, boss]) await putPerson(db, p);
    const now = T0 + 20 * DAY_MS;
    const held = meeting(dana.id, T0 + 7 * DAY_MS, { eventId: 'held' });
    await putMeetings(db, [
      meeting(dana.id, T0, { eventId: 'older' }),
      held,
      meeting(dana.id, T0 + 14 * DAY_MS, { eventId: 'cancelled', status: 'cancelled' }),
      meeting(dana.id, T0 + 15 * DAY_MS, { eventId: 'declined', declinedBy: 'them' }),
      meeting(dana.id, T0 + 21 * DAY_MS, { eventId: 'declined-next', declinedBy: 'me' }),
      meeting(dana.id, T0 + 28 * DAY_MS, { eventId: 'next' }),
      meeting(sam.id, T0 + 16 * DAY_MS, { eventId: 'walk', source: 'logged', status: 'cancelled', markedHeld: true }),
      meeting(boss.id, T0, { eventId: 'boss' }),
    ]);
    const summary = await loadDirectsSummary(db, now);
    expect(summary.map((s) => [s.person.email, s.lastHeld?.eventId, s.nextBooked?.eventId])).toEqual([
      ['dana@example.com', 'held', 'next'],
      ['sam@example.com', 'walk', undefined],
    ]);
    expect((await listDirects(db)).map((p) => p.email)).toEqual(['dana@example.com', 'sam@example.com']);
  });
});
