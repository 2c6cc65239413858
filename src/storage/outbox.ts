// The outbox of pending calendar writes, one entry per event, kept in IndexedDB so it survives the
// service worker stopping. The entry stays after its write was sent: it keeps the last block this
// browser synced to the event, the base of the three-way merge.
//
// Coalescing: enqueueing an event that already has a pending write only bumps `changeSeq` and
// `changedAt`; the sync engine renders the block from the current notes when it sends, so one
// write carries every change. `markSent` clears `pending` only when no change came in while the
// write was in flight (its `changeSeq` is still the one that was sent).
import type { CompanionDb } from './db';
import { OutboxEntry, ReadChecker, settle } from './records';
import { validForWrite } from './repositories';

export interface SyncRequest {
  eventId: string;
  calendarId: string;
  meetingId: string;
}

export async function enqueueSync(db: CompanionDb, request: SyncRequest, now: number): Promise<OutboxEntry> {
  const checker = new ReadChecker(db.account);
  const tx = db.idb.transaction('outbox', 'readwrite');
  const existing = checker.check('outbox', request.eventId, await tx.store.get(request.eventId));
  const entry: OutboxEntry = existing?.pending
    ? // Already waiting: keep its due time, so a write in back-off is not hurried by more typing.
      { ...existing, calendarId: request.calendarId, meetingId: request.meetingId, changeSeq: existing.changeSeq + 1, changedAt: now }
    : {
        ...withoutUndefined({ lastSyncedBlock: existing?.lastSyncedBlock, lastSyncedAt: existing?.lastSyncedAt }),
        account: db.account,
        eventId: request.eventId,
        calendarId: request.calendarId,
        meetingId: request.meetingId,
        pending: true,
        changeSeq: (existing?.changeSeq ?? 0) + 1,
        enqueuedAt: now,
        changedAt: now,
        dueAt: now,
        attempts: 0,
      };
  await tx.store.put(validForWrite(db, 'outbox', entry));
  await tx.done;
  await settle(db, checker, now);
  return entry;
}

/** Pending writes due at `now`, the longest-waiting first. */
export async function nextDue(db: CompanionDb, now: number, limit?: number): Promise<OutboxEntry[]> {
  const checker = new ReadChecker(db.account);
  const raws = await db.idb.getAllFromIndex('outbox', 'by-due', IDBKeyRange.upperBound(now), limit);
  const entries = checker.checkAll('outbox', raws).filter((e) => e.pending);
  await settle(db, checker, now);
  return entries;
}

/** When the next pending write is due (to set a timer or alarm), or undefined when none is. */
export async function nextDueAt(db: CompanionDb): Promise<number | undefined> {
  const cursor = await db.idb.transaction('outbox').store.index('by-due').openCursor();
  const dueAt: unknown = cursor?.key;
  return typeof dueAt === 'number' ? dueAt : undefined;
}

export async function pendingCount(db: CompanionDb): Promise<number> {
  return db.idb.countFromIndex('outbox', 'by-due');
}

export async function getOutboxEntry(db: CompanionDb, eventId: string): Promise<OutboxEntry | undefined> {
  const checker = new ReadChecker(db.account);
  const entry = checker.check('outbox', eventId, await db.idb.get('outbox', eventId));
  await settle(db, checker);
  return entry;
}

export interface SentWrite {
  eventId: string;
  /** The entry's changeSeq when its block was rendered. */
  changeSeq: number;
  /** The block now in the event (the new merge base); opaque JSON to storage. */
  syncedBlock: OutboxEntry['lastSyncedBlock'];
}

/**
 * Records a successful write: the new merge base, and no longer pending unless a change came in
 * while it was being sent (then it stays pending and due now).
 */
export async function markSent(db: CompanionDb, sent: SentWrite, now: number): Promise<OutboxEntry | undefined> {
  const checker = new ReadChecker(db.account);
  const tx = db.idb.transaction('outbox', 'readwrite');
  const existing = checker.check('outbox', sent.eventId, await tx.store.get(sent.eventId));
  let updated: OutboxEntry | undefined;
  if (existing) {
    const base = { ...existing, lastSyncedBlock: sent.syncedBlock, lastSyncedAt: now, attempts: 0, lastAttemptAt: now };
    delete base.lastError;
    if (existing.changeSeq > sent.changeSeq) {
      updated = { ...base, pending: true, dueAt: now };
    } else {
      const { dueAt: _dueAt, enqueuedAt: _enqueuedAt, ...rest } = base;
      updated = { ...rest, pending: false };
    }
    await tx.store.put(validForWrite(db, 'outbox', updated));
  }
  await tx.done;
  await settle(db, checker, now);
  return updated;
}

/** Records a failed attempt: counts it, keeps the reason and waits until `retryAt`. */
export async function markFailed(db: CompanionDb, eventId: string, reason: string, now: number, retryAt: number): Promise<OutboxEntry | undefined> {
  const checker = new ReadChecker(db.account);
  const tx = db.idb.transaction('outbox', 'readwrite');
  const existing = checker.check('outbox', eventId, await tx.store.get(eventId));
  let updated: OutboxEntry | undefined;
  if (existing?.pending) {
    updated = { ...existing, attempts: existing.attempts + 1, lastError: reason, lastAttemptAt: now, dueAt: retryAt };
    await tx.store.put(validForWrite(db, 'outbox', updated));
  }
  await tx.done;
  await settle(db, checker, now);
  return updated;
}

/** Drops a pending write that must not be sent (e.g. the user may no longer change the event). */
export async function cancelPending(db: CompanionDb, eventId: string, now: number): Promise<void> {
  const checker = new ReadChecker(db.account);
  const tx = db.idb.transaction('outbox', 'readwrite');
  const existing = checker.check('outbox', eventId, await tx.store.get(eventId));
  if (existing?.pending) {
    const { dueAt: _dueAt, enqueuedAt: _enqueuedAt, ...rest } = existing;
    await tx.store.put({ ...rest, pending: false });
  }
  await tx.done;
  await settle(db, checker, now);
}

/** The block last synced to this event (the merge base), if any. */
export async function lastSyncedBlock(db: CompanionDb, eventId: string): Promise<OutboxEntry['lastSyncedBlock']> {
  return (await getOutboxEntry(db, eventId))?.lastSyncedBlock;
}

/** Stores a merge base learned without sending (e.g. a block read back from the calendar). */
export async function setLastSyncedBlock(
  db: CompanionDb,
  request: SyncRequest,
  block: OutboxEntry['lastSyncedBlock'],
  now: number,
): Promise<void> {
  const checker = new ReadChecker(db.account);
  const tx = db.idb.transaction('outbox', 'readwrite');
  const existing = checker.check('outbox', request.eventId, await tx.store.get(request.eventId));
  const entry: OutboxEntry = existing
    ? { ...existing, lastSyncedBlock: block, lastSyncedAt: now }
    : {
        account: db.account,
        ...request,
        pending: false,
        changeSeq: 0,
        changedAt: now,
        attempts: 0,
        lastSyncedBlock: block,
        lastSyncedAt: now,
      };
  await tx.store.put(validForWrite(db, 'outbox', entry));
  await tx.done;
  await settle(db, checker, now);
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
