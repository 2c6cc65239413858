// Validation of everything read from IndexedDB, and the quarantine for what fails it.
//
// Every read goes through `checkRecord`: a record that does not match its schema (or belongs to
// another account) is not returned, and is moved, in a readwrite transaction after the read, into
// the `quarantine` store with the store name, key, raw value, the reason and the time. The UI shows
// `quarantineCount()` and offers `exportQuarantine()`; nothing is dropped silently and a bad
// record never crashes a read.
import * as z from 'zod/mini';
import {
  Account,
  ActionItem,
  ClassificationOverride,
  describeValidationError,
  Instant,
  Meeting,
  Note,
  Person,
  ProgressEntry,
  Settings,
  TalkingPoint,
  Target,
} from '../domain/schemas';
import type { CompanionDb, RecordStoreName } from './db';

const NonEmpty = z.string().check(z.minLength(1));

/**
 * A pending calendar write for one event (coalesced: at most one per event) and the last block
 * this browser synced to that event (the three-way merge base). Kept after the write was sent, so
 * the base survives; `dueAt` is present only while a write is pending (sparse index "by-due").
 */
export const OutboxEntry = z.object({
  account: Account,
  eventId: NonEmpty,
  calendarId: NonEmpty,
  meetingId: NonEmpty,
  pending: z.boolean(),
  /** Grows with every enqueue; markSent only clears `pending` when nothing newer came in. */
  changeSeq: z.int().check(z.nonnegative()),
  /** When the oldest change not yet sent was queued. */
  enqueuedAt: z.optional(Instant),
  changedAt: Instant,
  dueAt: z.optional(Instant),
  attempts: z.int().check(z.nonnegative()),
  lastError: z.optional(z.string()),
  lastAttemptAt: z.optional(Instant),
  /** Opaque to storage: the block as the sync engine rendered it (see domain/description-block). */
  lastSyncedBlock: z.optional(z.json()),
  lastSyncedAt: z.optional(Instant),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const QuarantinedRecord = z.object({
  id: z.optional(z.int()),
  store: z.string(),
  /** The record's primary key as it was (a string for every store that has records). */
  key: z.unknown(),
  raw: z.unknown(),
  reason: z.string(),
  quarantinedAt: Instant,
});
export type QuarantinedRecord = z.infer<typeof QuarantinedRecord>;

// The schema each store's records must match. `settings` and `outbox` are keyed by other fields
// than `id`; `keyOf` below knows which.
export const STORE_SCHEMAS = {
  people: Person,
  meetings: Meeting,
  notes: Note,
  talkingPoints: TalkingPoint,
  actionItems: ActionItem,
  targets: Target,
  progress: ProgressEntry,
  settings: Settings,
  overrides: ClassificationOverride,
  outbox: OutboxEntry,
} as const;

export type StoreRecord<S extends RecordStoreName> = z.infer<(typeof STORE_SCHEMAS)[S]>;

export type RecordCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Validates one raw value from `store`; never throws. */
export function checkRecord<S extends RecordStoreName>(store: S, raw: unknown, account: string): RecordCheck<StoreRecord<S>> {
  const schema = STORE_SCHEMAS[store] as unknown as z.ZodMiniType<StoreRecord<S>>;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: describeValidationError(parsed.error) };
  const recordAccount = (parsed.data as { account: string }).account;
  if (recordAccount !== account) {
    return { ok: false, reason: `belongs to account ${recordAccount}, not ${account}` };
  }
  return { ok: true, value: parsed.data };
}

/** A record that failed validation during a read, waiting to be moved to quarantine. */
export interface Rejected {
  store: RecordStoreName;
  key: IDBValidKey;
  raw: unknown;
  reason: string;
}

/**
 * Collects what a read rejected. Reads run in readonly transactions (so many can run at once);
 * the rejected records are moved afterwards by `moveToQuarantine`.
 */
export class ReadChecker {
  readonly rejected: Rejected[] = [];
  constructor(readonly account: string) {}

  /** The valid record, or undefined (and the raw value noted for quarantine). */
  check<S extends RecordStoreName>(store: S, key: IDBValidKey, raw: unknown): StoreRecord<S> | undefined {
    if (raw === undefined) return undefined;
    const result = checkRecord(store, raw, this.account);
    if (result.ok) return result.value;
    this.rejected.push({ store, key, raw, reason: result.reason });
    return undefined;
  }

  /** Validates a list read by getAll; the primary key is taken from the raw value. */
  checkAll<S extends RecordStoreName>(store: S, raws: readonly unknown[]): StoreRecord<S>[] {
    const out: StoreRecord<S>[] = [];
    for (const raw of raws) {
      const value = this.check(store, keyOf(store, raw), raw);
      if (value !== undefined) out.push(value);
    }
    return out;
  }
}

/** The primary key of a raw value of `store` (by the store's keyPath). */
export function keyOf(store: RecordStoreName, raw: unknown): IDBValidKey {
  const field = store === 'settings' ? 'account' : store === 'outbox' ? 'eventId' : 'id';
  const value = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? value : String(value);
}

/**
 * Moves rejected records into quarantine in one readwrite transaction. A record that was
 * replaced meanwhile by a valid one (a concurrent save) is left where it is.
 */
export async function moveToQuarantine(db: CompanionDb, rejected: readonly Rejected[], now: number): Promise<number> {
  if (rejected.length === 0) return 0;
  const stores: (RecordStoreName | 'quarantine')[] = [...new Set(rejected.map((r) => r.store)), 'quarantine'];
  const tx = db.idb.transaction(stores, 'readwrite');
  const quarantine = tx.objectStore('quarantine');
  let moved = 0;
  for (const item of rejected) {
    const store = tx.objectStore(item.store);
    const current: unknown = await store.get(item.key as string);
    if (current === undefined) continue;
    if (checkRecord(item.store, current, db.account).ok) continue;
    await quarantine.add({ store: item.store, key: item.key, raw: current, reason: item.reason, quarantinedAt: now });
    await store.delete(item.key as string);
    moved++;
  }
  await tx.done;
  return moved;
}

/** Convenience for reads: moves what `checker` rejected, using the wall clock by default. */
export async function settle(db: CompanionDb, checker: ReadChecker, now: number = Date.now()): Promise<void> {
  if (checker.rejected.length === 0) return;
  await moveToQuarantine(db, checker.rejected.splice(0), now);
}

export async function quarantineCount(db: CompanionDb): Promise<number> {
  return db.idb.count('quarantine');
}

export interface QuarantineExport {
  format: 'one-on-one-companion-quarantine';
  account: string;
  exportedAt: number;
  records: { id: number | undefined; store: string; key: unknown; reason: string; quarantinedAt: number; raw: unknown }[];
}

/** Everything in quarantine as a JSON-safe object (for a file the user can keep or send). */
export async function exportQuarantine(db: CompanionDb, now: number): Promise<QuarantineExport> {
  const rows: unknown[] = await db.idb.getAll('quarantine');
  return {
    format: 'one-on-one-companion-quarantine',
    account: db.account,
    exportedAt: now,
    records: rows.map((row) => {
      const r = (row ?? {}) as Partial<QuarantinedRecord>;
      return {
        id: typeof r.id === 'number' ? r.id : undefined,
        store: String(r.store),
        key: toJsonSafe(r.key),
        reason: String(r.reason),
        quarantinedAt: typeof r.quarantinedAt === 'number' ? r.quarantinedAt : 0,
        raw: toJsonSafe(r.raw),
      };
    }),
  };
}

/** Removes quarantined records the user has exported and no longer wants here. */
export async function clearQuarantine(db: CompanionDb, ids?: readonly number[]): Promise<void> {
  if (!ids) {
    await db.idb.clear('quarantine');
    return;
  }
  const tx = db.idb.transaction('quarantine', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

/**
 * A structured-clone value as JSON: whatever was stored (Dates, Maps, typed arrays, bigints,
 * cycles) comes out as something JSON.stringify accepts, so a quarantine export never fails.
 */
export function toJsonSafe(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'undefined') return null;
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => toJsonSafe(v, seen));
  if (value instanceof Map) return { map: [...value.entries()].map(([k, v]) => [toJsonSafe(k, seen), toJsonSafe(v, seen)]) };
  if (value instanceof Set) return { set: [...value].map((v) => toJsonSafe(v, seen)) };
  if (ArrayBuffer.isView(value)) return { bytes: Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  if (value instanceof ArrayBuffer) return { bytes: Array.from(new Uint8Array(value)) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toJsonSafe(v, seen);
  return out;
}
