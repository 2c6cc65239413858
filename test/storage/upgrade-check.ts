// After opening a frozen old database with the current code: is every record still there, readable
// and found through the indexes? Returns the problems found (empty when nothing was lost). Shared
// by the fake-indexeddb test and the real-Chromium test, so it must not import vitest.
import { exportBackup, BACKUP_STORES } from '../../src/storage/backup';
import type { CompanionDb } from '../../src/storage/db';
import { getOutboxEntry } from '../../src/storage/outbox';
import { loadPersonThread } from '../../src/storage/person-thread';
import { quarantineCount, STORE_SCHEMAS } from '../../src/storage/records';
import type { FrozenVersion } from './upgrade-fixtures';

const stable = (value: unknown) => JSON.stringify(value);

export async function findLostData(db: CompanionDb, frozen: FrozenVersion, now: number): Promise<string[]> {
  const problems: string[] = [];
  const expected = frozen.records(db.account);
  const backup = await exportBackup(db, now);
  for (const store of BACKUP_STORES) {
    const want = (expected[store] ?? []).map((raw) => STORE_SCHEMAS[store].parse(raw));
    const got = backup.records[store] as unknown[];
    const key = (r: unknown) => stable(r);
    const missing = want.filter((w) => !got.some((g) => key(g) === key(w)));
    for (const record of missing) problems.push(`${store}: lost or changed ${stable(record)}`);
    if (got.length !== want.length) problems.push(`${store}: ${got.length} records, expected ${want.length}`);
  }
  for (const raw of expected.outbox ?? []) {
    const entry = raw as { eventId: string; lastSyncedBlock?: unknown; pending: boolean };
    const stored = await getOutboxEntry(db, entry.eventId);
    if (!stored) problems.push(`outbox: lost ${entry.eventId}`);
    else if (stable(stored) !== stable(STORE_SCHEMAS.outbox.parse(raw))) problems.push(`outbox: changed ${entry.eventId}`);
  }
  const quarantined = await quarantineCount(db);
  const wantQuarantined = (expected.quarantine ?? []).length;
  if (quarantined !== wantQuarantined) problems.push(`quarantine: ${quarantined} records, expected ${wantQuarantined}`);

  // The indexes answer too (not only the primary keys): the sidebar read of each person meeting.
  for (const raw of expected.meetings ?? []) {
    const meeting = raw as { id: string; personId?: string; start: number };
    if (!meeting.personId) continue;
    const thread = await loadPersonThread(db, { personId: meeting.personId, meetingId: meeting.id, meetingStart: meeting.start + 1, today: '2025-06-02' });
    const wantOpenItems = (expected.actionItems ?? []).filter((i) => {
      const item = i as { personId: string; status: string };
      return item.personId === meeting.personId && item.status === 'open';
    }).length;
    if (thread.openActionItems.length !== wantOpenItems) {
      problems.push(`index by-person-status-created: ${thread.openActionItems.length} open items for ${meeting.personId}, expected ${wantOpenItems}`);
    }
  }
  return problems;
}
