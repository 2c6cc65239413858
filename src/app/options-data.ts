// The options page's reads from storage: people with their last 1:1 and how many they have,
// targets with their progress, settings, quarantine, and the open person's whole history.
import { dayOf } from '../domain/calendar-time';
import type { Meeting, Person, ProgressEntry, Target } from '../domain/schemas';
import {
  listAllPeople,
  loadDirectsSummary,
  loadPersonHistory,
  openTalkingPoints,
  progressForTarget,
  quarantineCount,
  ReadChecker,
  settle,
  type CompanionDb,
  type HistoryCursor,
  type HistoryEntry,
} from '../storage';
import type { OptionsData } from './options-presenter';
import { heldOneOnOne } from './popup-data';
import { effectiveTimeZone, loadOrCreateSettings } from './settings';
import { listedTargets, seriesKey } from './targets-presenter';
import { indexPeople, resolvePerson } from './names';

export async function listTargets(db: CompanionDb): Promise<Target[]> {
  const checker = new ReadChecker(db.account);
  const targets = checker.checkAll('targets', await db.idb.getAll('targets'));
  await settle(db, checker);
  return targets;
}

/** Meetings on record per person (every state: the merge confirmation says what moves). */
async function meetingCounts(db: CompanionDb, people: readonly Person[]): Promise<Map<string, number>> {
  const tx = db.idb.transaction('meetings', 'readonly');
  const index = tx.store.index('by-person-start');
  const counts = await Promise.all(
    people.map(async (person) => [person.id, await index.count(IDBKeyRange.bound([person.id, -Infinity], [person.id, Infinity]))] as const),
  );
  return new Map(counts);
}

/** Progress of every target of the listed targets' series (the presenter reads progress per series). */
async function progressOf(db: CompanionDb, targets: readonly Target[]): Promise<ProgressEntry[]> {
  const lists = await Promise.all(targets.map((target) => progressForTarget(db, target.id)));
  return lists.flat();
}

/** A person's whole history, newest first (a page at a time from storage). */
export async function loadWholeHistory(db: CompanionDb, personId: string): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let before: HistoryCursor | undefined;
  // 5 years of weekly 1:1s is ~260 entries: a handful of pages.
  for (let page = 0; page < 1000; page++) {
    const result = await loadPersonHistory(db, { personId, limit: 100, ...(before ? { before } : {}) });
    entries.push(...result.entries);
    if (!result.next) break;
    before = result.next;
  }
  return entries;
}

export type OptionsRecords = Omit<OptionsData, 'account' | 'sync' | 'syncEnabled'> & { timeZone: string };

export async function loadOptionsRecords(db: CompanionDb, now: number, openPersonId?: string): Promise<OptionsRecords> {
  const settings = await loadOrCreateSettings(db, now);
  const timeZone = effectiveTimeZone(settings);
  const [people, summaries, targets, quarantined] = await Promise.all([
    listAllPeople(db),
    loadDirectsSummary(db, now, { people: 'all', isHeld: (meeting) => meeting.start < now && heldOneOnOne(meeting) }),
    listTargets(db),
    quarantineCount(db),
  ]);
  const active = people.filter((person) => person.mergedInto === undefined);
  const listed = listedTargets(targets, dayOf(now, timeZone));
  const listedSeries = new Set(listed.map(seriesKey));
  const seriesTargets = targets.filter((target) => listedSeries.has(seriesKey(target)));
  const [counts, progress] = await Promise.all([meetingCounts(db, active), progressOf(db, seriesTargets)]);
  const lastHeld = new Map<string, Meeting>();
  for (const summary of summaries) if (summary.lastHeld) lastHeld.set(summary.person.id, summary.lastHeld);
  const records: OptionsRecords = { people, lastHeld, meetingCounts: counts, targets, progress, settings, quarantinedCount: quarantined, timeZone };
  if (openPersonId !== undefined) {
    const person = resolvePerson(indexPeople(people), openPersonId);
    if (person) {
      const [history, talkingPoints] = await Promise.all([loadWholeHistory(db, person.id), openTalkingPoints(db, person.id)]);
      records.personPage = { person, history, talkingPoints };
    }
  }
  return records;
}
