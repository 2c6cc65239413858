// An extension page that exists only in benchmark and storage-test builds (see wxt.config.ts):
// it bundles the real storage code, so IndexedDB runs in the extension's own origin in real
// Chromium. Playwright drives it through `window.storageHarness`.
import * as storage from '../../../src/storage';
import { findLostData } from '../../storage/upgrade-check';
import { createFrozenDatabase, describeLayout, FROZEN_VERSIONS, normaliseLayout } from '../../storage/upgrade-fixtures';
import { generateHistory } from '../history-data';

export interface SeedResult {
  people: number;
  meetings: number;
  recordCount: number;
  seedMs: number;
}

interface Seeded {
  db: storage.CompanionDb;
  openMeetings: { personId: string; meetingId: string; meetingStart: number }[];
  today: string;
}
let seeded: Seeded | undefined;

/**
 * Fills a fresh database of `account` with `people` × `years` of weekly 1:1s through the bulk
 * import (the figure for seedRecordsPerSecond) and keeps it open for timeReads.
 */
async function seed(options: { account: string; people: number; years: number }): Promise<SeedResult> {
  await finish();
  await storage.deleteCompanionDb(options.account);
  const db = await storage.openCompanionDb(options.account);
  const data = generateHistory({ account: db.account, people: options.people, years: options.years, latestStart: Date.UTC(2026, 10, 16, 9) });
  const seedStart = performance.now();
  const report = await storage.importBackup(db, data.backup);
  const seedMs = performance.now() - seedStart;
  if (!report.ok || report.total.added !== data.recordCount) throw new Error(`seeding failed: ${JSON.stringify(report)}`);
  seeded = { db, openMeetings: data.openMeetings, today: data.today };
  // The read must show what the sidebar shows, or its timing means nothing.
  const sample = await readThread(0);
  if (!sample.lastNotes || sample.openActionItems.length !== 8 || sample.targets.length !== 1 || sample.talkingPoints.length !== 2) {
    throw new Error(`unexpected sidebar read: ${JSON.stringify({ lastNotes: !!sample.lastNotes, items: sample.openActionItems.length, targets: sample.targets.length })}`);
  }
  return { people: options.people, meetings: data.backup.records.meetings.length, recordCount: data.recordCount, seedMs };
}

function readThread(i: number) {
  if (!seeded) throw new Error('seed first');
  const open = seeded.openMeetings[i % seeded.openMeetings.length]!;
  return storage.loadPersonThread(seeded.db, { ...open, today: seeded.today });
}

/** Times `runs` sidebar reads (ms each), cycling through the people from `offset`. */
async function timeReads(options: { runs: number; offset: number }): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const start = performance.now();
    await readThread(options.offset + i * 7);
    times.push(performance.now() - start);
  }
  return times;
}

async function finish(): Promise<void> {
  if (!seeded) return;
  const { db } = seeded;
  seeded = undefined;
  db.close();
  await storage.deleteCompanionDb(db.account);
}

const harness = {
  storage,
  upgrade: { FROZEN_VERSIONS, createFrozenDatabase, describeLayout, normaliseLayout, findLostData },
  bench: { seed, timeReads, finish, generateHistory },
};
export type StorageHarness = typeof harness;

declare global {
  interface Window {
    storageHarness: StorageHarness;
  }
}

window.storageHarness = harness;
document.body.dataset.ready = 'true';
