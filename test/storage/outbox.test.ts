import { afterEach, describe, expect, it } from 'vitest';
import { openCompanionDb, type CompanionDb } from '../../src/storage/db';
import {
  cancelPending,
  enqueueSync,
  getOutboxEntry,
  lastSyncedBlock,
  markFailed,
  markSent,
  nextDue,
  nextDueAt,
  pendingCount,
  setLastSyncedBlock,
} from '../../src/storage/outbox';
import { ACCOUNT, freshDb, T0 } from './fixtures';

let db: CompanionDb | undefined;
afterEach(() => db?.close());

const request = (eventId: string) => ({ eventId, calendarId: 'primary', meetingId: `${ACCOUNT}|${eventId}` });

describe('outbox', () => {
  it('coalesces changes per event into one pending write', async () => {
    db = await freshDb();
    await enqueueSync(db, request('e1'), T0);
    await enqueueSync(db, request('e1'), T0 + 10);
    await enqueueSync(db, request('e2'), T0 + 5);
    await enqueueSync(db, request('e1'), T0 + 20);
    expect(await pendingCount(db)).toBe(2);
    const due = await nextDue(db, T0 + 100);
    expect(due.map((e) => [e.eventId, e.changeSeq, e.enqueuedAt, e.changedAt])).toEqual([
      ['e1', 3, T0, T0 + 20],
      ['e2', 1, T0 + 5, T0 + 5],
    ]);
    expect(await nextDue(db, T0 + 1)).toHaveLength(1);
    expect(await nextDueAt(db)).toBe(T0);
  });

  it('keeps the merge base after sending, and stays pending if a change came in meanwhile', async () => {
    db = await freshDb();
    const sent = await enqueueSync(db, request('e1'), T0);
    // A change arrives while the write is in flight.
    await enqueueSync(db, request('e1'), T0 + 1);
    const afterFirst = await markSent(db, { eventId: 'e1', changeSeq: sent.changeSeq, syncedBlock: 'block v1' }, T0 + 2);
    expect(afterFirst).toMatchObject({ pending: true, dueAt: T0 + 2, lastSyncedBlock: 'block v1' });
    const [again] = await nextDue(db, T0 + 2);
    await markSent(db, { eventId: 'e1', changeSeq: again!.changeSeq, syncedBlock: { text: 'block v2', items: ['a'] } }, T0 + 3);
    expect(await pendingCount(db)).toBe(0);
    expect(await nextDue(db, T0 + 1e9)).toEqual([]);
    expect(await nextDueAt(db)).toBeUndefined();
    expect(await lastSyncedBlock(db, 'e1')).toEqual({ text: 'block v2', items: ['a'] });
    // A later change starts a new pending write on top of the kept base.
    await enqueueSync(db, request('e1'), T0 + 50);
    expect(await getOutboxEntry(db, 'e1')).toMatchObject({ pending: true, attempts: 0, lastSyncedBlock: { text: 'block v2', items: ['a'] } });
  });

  it('counts failures and waits until the retry time', async () => {
    db = await freshDb();
    await enqueueSync(db, request('e1'), T0);
    await markFailed(db, 'e1', '429 rate limited', T0 + 1, T0 + 60_000);
    await enqueueSync(db, request('e1'), T0 + 2); // more typing does not hurry a write in back-off
    expect(await nextDue(db, T0 + 59_999)).toEqual([]);
    await markFailed(db, 'e1', '503', T0 + 60_000, T0 + 180_000);
    const entry = await getOutboxEntry(db, 'e1');
    expect(entry).toMatchObject({ attempts: 2, lastError: '503', dueAt: T0 + 180_000, pending: true });
    await markSent(db, { eventId: 'e1', changeSeq: entry!.changeSeq, syncedBlock: 'b' }, T0 + 180_001);
    const done = await getOutboxEntry(db, 'e1');
    expect(done).toMatchObject({ attempts: 0, pending: false });
    expect(done && 'lastError' in done).toBe(false);
  });

  it('survives the worker stopping (a new connection sees everything)', async () => {
    db = await freshDb();
    await enqueueSync(db, request('e1'), T0);
    await setLastSyncedBlock(db, request('e9'), 'read back from the calendar', T0);
    db.close();
    db = await openCompanionDb(ACCOUNT);
    expect((await nextDue(db, T0)).map((e) => e.eventId)).toEqual(['e1']);
    expect(await lastSyncedBlock(db, 'e9')).toBe('read back from the calendar');
    await cancelPending(db, 'e1', T0 + 1);
    expect(await pendingCount(db)).toBe(0);
  });
});
