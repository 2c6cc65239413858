// Reads and writes the sync engine (src/sync/) needs beyond the other repositories: every outbox
// entry (for the sync summary), all of one person's meetings (for the direct rule), a person by
// id whatever its state (merged or archived), and removing an action item a merge deleted.
import type { Meeting, Person } from '../domain/schemas';
import type { CompanionDb } from './db';
import { ReadChecker, settle, type OutboxEntry } from './records';

/** Every outbox entry of this account (one per event ever written or read back; a few hundred at most). */
export async function listOutboxEntries(db: CompanionDb): Promise<OutboxEntry[]> {
  const checker = new ReadChecker(db.account);
  const entries = checker.checkAll('outbox', await db.idb.getAll('outbox'));
  await settle(db, checker);
  return entries;
}

/** All meetings with one person, in time order (index [personId, start]). */
export async function meetingsOfPerson(db: CompanionDb, personId: string): Promise<Meeting[]> {
  const checker = new ReadChecker(db.account);
  const range = IDBKeyRange.bound([personId, -Infinity], [personId, Infinity]);
  const meetings = checker.checkAll('meetings', await db.idb.getAllFromIndex('meetings', 'by-person-start', range));
  await settle(db, checker);
  return meetings;
}

/** Every person record, merged and archived ones included (the sync engine follows `mergedInto`). */
export async function listAllPeople(db: CompanionDb): Promise<Person[]> {
  const checker = new ReadChecker(db.account);
  const people = checker.checkAll('people', await db.idb.getAll('people'));
  await settle(db, checker);
  return people;
}

/** Removes an action item (a three-way merge found it deleted in the calendar and unchanged here). */
export async function deleteActionItem(db: CompanionDb, id: string): Promise<void> {
  await db.idb.delete('actionItems', id);
}
