// The popup's reads: each direct's last held and next booked 1:1, and what the user owes people.
// Neither touches notes: the first walks [personId, start] from now in both directions (usually one
// or two steps per person), the second is a range of the [owner, status, createdAt] index.
import type { ActionItem, Meeting, Person } from '../domain/schemas';
import type { CompanionDb } from './db';
import { ReadChecker, settle } from './records';

export interface DirectSummary {
  person: Person;
  /** The latest 1:1 that started at or before `now` and counts as held. */
  lastHeld?: Meeting;
  /** The first 1:1 after `now` that is still on (not cancelled, not declined). */
  nextBooked?: Meeting;
}

/**
 * The default rule for "held": a 1:1 that was not cancelled and not declined by either person,
 * or one the user marked as held. The popup may pass the domain's own rule instead.
 */
export function countsAsHeld(meeting: Meeting): boolean {
  if (meeting.markedHeld) return true;
  return meeting.isOneOnOne && meeting.status !== 'cancelled' && meeting.declinedBy === undefined;
}

export async function loadDirectsSummary(
  db: CompanionDb,
  now: number,
  options: { isHeld?: (meeting: Meeting) => boolean; people?: 'directs' | 'all' } = {},
): Promise<DirectSummary[]> {
  const isHeld = options.isHeld ?? countsAsHeld;
  const checker = new ReadChecker(db.account);
  const tx = db.idb.transaction(['people', 'meetings'], 'readonly');
  const rawPeople = options.people === 'all' ? await tx.objectStore('people').getAll() : await tx.objectStore('people').index('by-relationship').getAll('direct');
  const people = checker
    .checkAll('people', rawPeople)
    .filter((p) => !p.archived && p.mergedInto === undefined)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const index = tx.objectStore('meetings').index('by-person-start');
  const summaries = await Promise.all(
    people.map(async (person): Promise<DirectSummary> => {
      const summary: DirectSummary = { person };
      let back = await index.openCursor(IDBKeyRange.bound([person.id, -Infinity], [person.id, now]), 'prev');
      while (back) {
        const meeting = checker.check('meetings', back.primaryKey, back.value);
        if (meeting && isHeld(meeting)) {
          summary.lastHeld = meeting;
          break;
        }
        back = await back.continue();
      }
      let ahead = await index.openCursor(IDBKeyRange.bound([person.id, now], [person.id, Infinity], true, false), 'next');
      while (ahead) {
        const meeting = checker.check('meetings', ahead.primaryKey, ahead.value);
        if (meeting && meeting.isOneOnOne && meeting.status !== 'cancelled' && meeting.declinedBy === undefined) {
          summary.nextBooked = meeting;
          break;
        }
        ahead = await ahead.continue();
      }
      return summary;
    }),
  );
  await settle(db, checker);
  return summaries;
}

/** Open action items the user owns, oldest first. */
export async function whatIOwe(db: CompanionDb, limit?: number): Promise<ActionItem[]> {
  const checker = new ReadChecker(db.account);
  const range = IDBKeyRange.bound(['me', 'open', -Infinity], ['me', 'open', Infinity]);
  const items = checker.checkAll('actionItems', await db.idb.getAllFromIndex('actionItems', 'by-owner-status-created', range, limit));
  await settle(db, checker);
  return items;
}

/** Open action items the other people owe the user, oldest first. */
export async function whatTheyOwe(db: CompanionDb, limit?: number): Promise<ActionItem[]> {
  const checker = new ReadChecker(db.account);
  const range = IDBKeyRange.bound(['them', 'open', -Infinity], ['them', 'open', Infinity]);
  const items = checker.checkAll('actionItems', await db.idb.getAllFromIndex('actionItems', 'by-owner-status-created', range, limit));
  await settle(db, checker);
  return items;
}
