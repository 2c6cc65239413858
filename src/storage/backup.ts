// Full backup of one account as one JSON file, and importing one back.
//
// The file: { format: 'one-on-one-companion-backup', version: 1, exportedAt, account, records }.
// Import is all-or-nothing: the whole file is validated first (envelope, every record, the
// account of every record), and only a file with no error is merged, in one readwrite
// transaction. Merging is by id: a newer `updatedAt` wins, notes by `revision` (then updatedAt),
// talking points (which have no updatedAt) only move from open to discussed. Not in the file: the
// outbox (pending writes and merge bases belong to this browser's sync state; a restored browser
// reads blocks back from the calendar) and the quarantine (exported separately).
import { unwrap } from 'idb';
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
  RECORD_SCHEMA_VERSION,
  Settings,
  TalkingPoint,
  Target,
} from '../domain/schemas';
import type { CompanionDb } from './db';
import { checkRecord, ReadChecker, settle } from './records';
import { toStoredTalkingPoint } from './repositories';

export const BACKUP_FORMAT = 'one-on-one-companion-backup';
/** The file format's version; it moves with RECORD_SCHEMA_VERSION. */
export const BACKUP_VERSION = RECORD_SCHEMA_VERSION;

export const BACKUP_STORES = ['people', 'meetings', 'notes', 'talkingPoints', 'actionItems', 'targets', 'progress', 'settings', 'overrides'] as const;
export type BackupStore = (typeof BACKUP_STORES)[number];

export const BackupRecords = z.object({
  people: z.array(Person),
  meetings: z.array(Meeting),
  notes: z.array(Note),
  talkingPoints: z.array(TalkingPoint),
  actionItems: z.array(ActionItem),
  targets: z.array(Target),
  progress: z.array(ProgressEntry),
  settings: z.array(Settings),
  overrides: z.array(ClassificationOverride),
});

export const Backup = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: Instant,
  account: Account,
  records: BackupRecords,
});
export type Backup = z.infer<typeof Backup>;

export function emptyBackupRecords(): Backup['records'] {
  return { people: [], meetings: [], notes: [], talkingPoints: [], actionItems: [], targets: [], progress: [], settings: [], overrides: [] };
}

/** Everything of this account in one validated object; invalid records go to quarantine, not the file. */
export async function exportBackup(db: CompanionDb, now: number): Promise<Backup> {
  const checker = new ReadChecker(db.account);
  const tx = db.idb.transaction([...BACKUP_STORES], 'readonly');
  const lists = await Promise.all(BACKUP_STORES.map((store) => tx.objectStore(store).getAll()));
  const records = emptyBackupRecords();
  BACKUP_STORES.forEach((store, i) => {
    (records[store] as unknown[]) = checker.checkAll(store, lists[i] ?? []);
  });
  await settle(db, checker, now);
  const backup: Backup = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now, account: db.account, records };
  // What we read was validated record by record; this checks the assembled file once more.
  return Backup.parse(backup);
}

/** The file name to offer for a backup. */
export function backupFileName(account: string, now: number): string {
  const day = new Date(now).toISOString().slice(0, 10);
  return `1on1-companion-backup-${account.replace(/[^a-z0-9.@_-]+/gi, '_')}-${day}.json`;
}

export type StoreCounts = Record<BackupStore, number>;

export type ImportReport =
  | { ok: true; added: StoreCounts; updated: StoreCounts; skipped: StoreCounts; total: { added: number; updated: number; skipped: number }; errors: [] }
  /** Nothing was changed; `reason` says why in one sentence, `errors` lists record-level problems. */
  | { ok: false; reason: string; errors: string[] };

const MAX_REPORTED_ERRORS = 20;

/** Checks a backup file (text or parsed JSON) without touching the database. */
export function parseBackup(input: unknown, account: string): { ok: true; backup: Backup } | { ok: false; reason: string; errors: string[] } {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return { ok: false, reason: `The file is not valid JSON (${error instanceof Error ? error.message : String(error)}).`, errors: [] };
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'The file is not a 1:1 Companion backup (it is not a JSON object).', errors: [] };
  }
  const envelope = value as Record<string, unknown>;
  if (envelope.format !== BACKUP_FORMAT) {
    return { ok: false, reason: `The file is not a 1:1 Companion backup (format ${JSON.stringify(envelope.format ?? null)}).`, errors: [] };
  }
  if (typeof envelope.version !== 'number' || !Number.isInteger(envelope.version)) {
    return { ok: false, reason: 'The backup has no valid version number.', errors: [] };
  }
  if (envelope.version > BACKUP_VERSION) {
    return { ok: false, reason: `The backup was made by a newer version of 1:1 Companion (format version ${envelope.version}); update the extension first.`, errors: [] };
  }
  if (envelope.version < BACKUP_VERSION) {
    // No older format exists yet; when version 2 comes, convert version 1 files here.
    return { ok: false, reason: `Backup format version ${envelope.version} is not supported.`, errors: [] };
  }
  if (typeof envelope.account !== 'string' || envelope.account.toLowerCase() !== account) {
    return {
      ok: false,
      reason: `The backup belongs to ${typeof envelope.account === 'string' ? envelope.account : 'an unknown account'}, not to ${account}; sign in with that account to import it.`,
      errors: [],
    };
  }
  const records = envelope.records;
  if (records === null || typeof records !== 'object' || Array.isArray(records)) {
    return { ok: false, reason: 'The backup has no records section.', errors: [] };
  }
  const errors: string[] = [];
  const parsed = emptyBackupRecords();
  for (const store of BACKUP_STORES) {
    const list = (records as Record<string, unknown>)[store];
    if (list === undefined) continue; // a store with nothing in it may be left out
    if (!Array.isArray(list)) {
      errors.push(`records.${store}: expected a list`);
      continue;
    }
    const seen = new Set<string>();
    list.forEach((raw, i) => {
      const check = checkRecord(store, raw, account);
      if (!check.ok) {
        errors.push(`records.${store}[${i}]: ${check.reason}`);
        return;
      }
      const key = store === 'settings' ? (check.value as Settings).account : (check.value as { id: string }).id;
      if (seen.has(key)) {
        errors.push(`records.${store}[${i}]: duplicate id ${key}`);
        return;
      }
      seen.add(key);
      (parsed[store] as unknown[]).push(check.value);
    });
  }
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_REPORTED_ERRORS);
    if (errors.length > shown.length) shown.push(`… and ${errors.length - shown.length} more`);
    return { ok: false, reason: `The backup is damaged: ${errors.length} record${errors.length === 1 ? '' : 's'} did not pass validation. Nothing was imported.`, errors: shown };
  }
  // Every record was validated above and the envelope checked field by field; what is left is
  // the exportedAt field (validating the whole file again would double the cost of a large import).
  const exportedAt = Instant.safeParse(envelope.exportedAt);
  if (!exportedAt.success) return { ok: false, reason: `The backup is damaged: exportedAt: ${describeValidationError(exportedAt.error)}`, errors: [] };
  return { ok: true, backup: { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: exportedAt.data, account, records: parsed } };
}

type Decision = 'add' | 'update' | 'skip';

/** Whether an incoming record replaces the stored one (both valid). */
export function mergeDecision(store: BackupStore, stored: unknown, incoming: unknown): Decision {
  if (stored === undefined) return 'add';
  if (JSON.stringify(stored) === JSON.stringify(incoming)) return 'skip';
  if (store === 'notes') {
    const s = stored as Note;
    const i = incoming as Note;
    return i.revision > s.revision || (i.revision === s.revision && i.updatedAt > s.updatedAt) ? 'update' : 'skip';
  }
  if (store === 'talkingPoints') {
    const s = stored as TalkingPoint;
    const i = incoming as TalkingPoint;
    return s.discussedAt === undefined && i.discussedAt !== undefined ? 'update' : 'skip';
  }
  return (incoming as { updatedAt: number }).updatedAt > (stored as { updatedAt: number }).updatedAt ? 'update' : 'skip';
}

function zeroCounts(): StoreCounts {
  return { people: 0, meetings: 0, notes: 0, talkingPoints: 0, actionItems: 0, targets: 0, progress: 0, settings: 0, overrides: 0 };
}

/**
 * Merges a backup file into this account's database, all or nothing. `input` is the file's text
 * (or already parsed JSON). Never throws for a bad file: the report says why nothing changed.
 */
export async function importBackup(db: CompanionDb, input: unknown, now: number = Date.now()): Promise<ImportReport> {
  const parsed = parseBackup(input, db.account);
  if (!parsed.ok) return parsed;
  const { records } = parsed.backup;
  const added = zeroCounts();
  const updated = zeroCounts();
  const skipped = zeroCounts();
  try {
    const tx = db.idb.transaction([...BACKUP_STORES, 'quarantine' as const], 'readwrite');
    const quarantine = tx.objectStore('quarantine');
    await Promise.all(
      BACKUP_STORES.map(async (store) => {
        const incoming = records[store] as { id?: string; account: string }[];
        if (incoming.length === 0) return;
        const objectStore = tx.objectStore(store);
        const rawStore = unwrap(objectStore);
        // Keys first: records that are new here are written without reading anything.
        const existingKeys = new Set((await objectStore.getAllKeys()) as IDBValidKey[]);
        const writes: Promise<unknown>[] = [];
        for (const record of incoming) {
          const key = store === 'settings' ? record.account : (record.id as string);
          const value = store === 'talkingPoints' ? toStoredTalkingPoint(record as TalkingPoint) : record;
          if (!existingKeys.has(key)) {
            added[store]++;
            // A plain request, not a promise per record: a failure aborts the transaction, which
            // rejects tx.done below (and this is most of the time of a large import).
            rawStore.put(value);
            continue;
          }
          writes.push(
            (async () => {
              const raw: unknown = await objectStore.get(key);
              const check = checkRecord(store, raw, db.account);
              if (!check.ok) {
                // A damaged local record is kept aside, and the backup's copy takes its place.
                await quarantine.add({ store, key, raw, reason: check.reason, quarantinedAt: now });
                updated[store]++;
                await objectStore.put(value as never);
                return;
              }
              const decision = mergeDecision(store, check.value, record);
              if (decision === 'skip') {
                skipped[store]++;
                return;
              }
              updated[store]++;
              await objectStore.put(value as never);
            })(),
          );
        }
        await Promise.all(writes);
      }),
    );
    await tx.done;
  } catch (error) {
    return { ok: false, reason: `Nothing was imported: the browser refused the write (${describeError(error)}).`, errors: [] };
  }
  const sum = (counts: StoreCounts) => Object.values(counts).reduce((a, b) => a + b, 0);
  return { ok: true, added, updated, skipped, total: { added: sum(added), updated: sum(updated), skipped: sum(skipped) }, errors: [] };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Records that a backup was saved (the reminder counts from here). */
export async function markBackupExported(db: CompanionDb, now: number): Promise<void> {
  const checker = new ReadChecker(db.account);
  const tx = db.idb.transaction('settings', 'readwrite');
  const settings = checker.check('settings', db.account, await tx.store.get(db.account));
  if (settings) await tx.store.put({ ...settings, lastBackupAt: now, updatedAt: now });
  await tx.done;
  await settle(db, checker, now);
}

export const BACKUP_REMINDER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether to remind the user to back up: only when nothing syncs to a calendar (otherwise the
 * shared notes and action items live in the events too), and the last backup is more than a week
 * old or there never was one.
 */
export function backupReminderDue(settings: Pick<Settings, 'lastBackupAt'> | undefined, syncEnabled: boolean, now: number, everyDays = BACKUP_REMINDER_DAYS): boolean {
  if (syncEnabled) return false;
  const last = settings?.lastBackupAt;
  if (last === undefined) return true;
  return now - last >= everyDays * DAY_MS;
}
