// What the sync engine keeps per event in the outbox entry's `lastSyncedBlock` (opaque JSON to
// storage): the merge base and the event as last seen.
//
// - `base`: the block this browser last wrote (SpliceResult.written, i.e. as capped) or read back
//   from the calendar. The three-way merge compares both sides against it.
// - `etag` and `description`: the event as last seen (from a write's response, a get or a list).
//   With them, one edited note costs one request: PATCH with If-Match on that etag, splicing the
//   block into that description. If the event changed since, Google answers 412 and the engine
//   fetches it again and merges, so a stale copy can never overwrite someone else's edit.
// Read tolerantly: a record that does not parse is treated as "nothing known" (the next write
// fetches the event first), never as an error.
import * as z from 'zod/mini';
import { BlockContent } from '../domain/description-block';
import { Instant } from '../domain/schemas';

export const SYNC_RECORD_VERSION = 1;

export const SyncRecord = z.object({
  v: z.literal(SYNC_RECORD_VERSION),
  base: z.optional(BlockContent),
  etag: z.optional(z.string()),
  description: z.optional(z.string()),
  /** When the event was last seen with this etag. */
  seenAt: Instant,
});
export type SyncRecord = z.infer<typeof SyncRecord>;

/** The record kept in an outbox entry, or an empty one when there is none or it does not read. */
export function readSyncRecord(raw: unknown): SyncRecord | undefined {
  const parsed = SyncRecord.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** A record to store; round-tripped through JSON so no `undefined` field reaches IndexedDB's JSON check. */
export function syncRecord(fields: { base?: BlockContent | undefined; etag?: string | undefined; description?: string | undefined; seenAt: number }): SyncRecord {
  return JSON.parse(JSON.stringify({
    v: SYNC_RECORD_VERSION,
    ...(fields.base !== undefined && { base: fields.base }),
    ...(fields.etag !== undefined && { etag: fields.etag }),
    ...(fields.description !== undefined && { description: fields.description }),
    seenAt: fields.seenAt,
  })) as SyncRecord;
}
