// Plain async functions over the domain records. Every read validates (records.ts) and moves what
// fails into quarantine; every write validates first, so nothing invalid is ever stored by us.
import {
  type ActionItem,
  type ClassificationOverride,
  type Meeting,
  type Note,
  type NoteKind,
  type Person,
  type ProgressEntry,
  type Settings,
  type TalkingPoint,
  type Target,
  noteId,
  overrideId,
} from '../domain/schemas';
import type { CompanionDb, RecordStoreName, StoredTalkingPoint } from './db';
import { checkRecord, ReadChecker, settle, type StoreRecord } from './records';

/** A write of a record that does not match its schema: a programming error, named precisely. */
export class InvalidRecordError extends Error {
  constructor(
    readonly store: RecordStoreName,
    readonly reason: string,
  ) {
    super(`not saved: invalid ${store} record: ${reason}`);
    this.name = 'InvalidRecordError';
  }
}

/** Validates a record before it is written; throws InvalidRecordError. */
export function validForWrite<S extends RecordStoreName>(db: CompanionDb, store: S, record: unknown): StoreRecord<S> {
  const result = checkRecord(store, record, db.account);
  if (!result.ok) throw new InvalidRecordError(store, result.reason);
  return result.value;
}

/** The stored form of a talking point: see StoredTalkingPoint in db.ts. */
export function toStoredTalkingPoint(point: TalkingPoint): StoredTalkingPoint {
  return point.discussedInMeetingId === undefined && point.discussedAt === undefined
    ? { ...point, openSince: point.createdAt }
    : { ...point };
}

async function getOne<S extends RecordStoreName>(db: CompanionDb, store: S, key: string): Promise<StoreRecord<S> | undefined> {
  const checker = new ReadChecker(db.account);
  const raw: unknown = await db.idb.get(store, key);
  const value = checker.check(store, key, raw);
  await settle(db, checker);
  return value;
}

/** Writes validated records of one store in one transaction. */
export async function putRecords<S extends RecordStoreName>(db: CompanionDb, store: S, records: readonly unknown[]): Promise<void> {
  const valid = records.map((record) => {
    const value = validForWrite(db, store, record);
    return store === 'talkingPoints' ? toStoredTalkingPoint(value as TalkingPoint) : value;
  });
  const tx = db.idb.transaction(store, 'readwrite');
  const objectStore = tx.objectStore(store);
  await Promise.all([...valid.map((value) => objectStore.put(value as never)), tx.done]);
}

// ---------------------------------------------------------------------------------------------
// People

export const getPerson = (db: CompanionDb, id: string) => getOne(db, 'people', id);
export const putPerson = (db: CompanionDb, person: Person) => putRecords(db, 'people', [person]);

/** Every person (a few dozen at most), sorted by name. */
export async function listPeople(db: CompanionDb, options: { includeArchived?: boolean } = {}): Promise<Person[]> {
  const checker = new ReadChecker(db.account);
  const people = checker.checkAll('people', await db.idb.getAll('people'));
  await settle(db, checker);
  return people
    .filter((p) => (options.includeArchived || !p.archived) && p.mergedInto === undefined)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The people marked as directs (index on relationship). */
export async function listDirects(db: CompanionDb): Promise<Person[]> {
  const checker = new ReadChecker(db.account);
  const people = checker.checkAll('people', await db.idb.getAllFromIndex('people', 'by-relationship', 'direct'));
  await settle(db, checker);
  return people.filter((p) => !p.archived && p.mergedInto === undefined).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

// ---------------------------------------------------------------------------------------------
// Meetings

export const getMeeting = (db: CompanionDb, id: string) => getOne(db, 'meetings', id);
export const putMeeting = (db: CompanionDb, meeting: Meeting) => putRecords(db, 'meetings', [meeting]);
export const putMeetings = (db: CompanionDb, meetings: readonly Meeting[]) => putRecords(db, 'meetings', meetings);

/** Meetings with this calendar event id (normally one). */
export async function meetingsByEvent(db: CompanionDb, eventId: string): Promise<Meeting[]> {
  const checker = new ReadChecker(db.account);
  const meetings = checker.checkAll('meetings', await db.idb.getAllFromIndex('meetings', 'by-event', eventId));
  await settle(db, checker);
  return meetings;
}

/** A series' instances in time order, optionally within [from, to). */
export async function meetingsBySeries(db: CompanionDb, seriesId: string, range: { from?: number; to?: number } = {}): Promise<Meeting[]> {
  const checker = new ReadChecker(db.account);
  const keyRange = IDBKeyRange.bound([seriesId, range.from ?? -Infinity], [seriesId, range.to ?? Infinity], false, true);
  const meetings = checker.checkAll('meetings', await db.idb.getAllFromIndex('meetings', 'by-series-start', keyRange));
  await settle(db, checker);
  return meetings;
}

/** Meetings starting in [from, to), in time order (today's and this week's 1:1s). */
export async function meetingsBetween(db: CompanionDb, from: number, to: number): Promise<Meeting[]> {
  const checker = new ReadChecker(db.account);
  const meetings = checker.checkAll('meetings', await db.idb.getAllFromIndex('meetings', 'by-start', IDBKeyRange.bound(from, to, false, true)));
  await settle(db, checker);
  return meetings;
}

// ---------------------------------------------------------------------------------------------
// Notes

export const getNote = (db: CompanionDb, id: string) => getOne(db, 'notes', id);

export async function notesForMeeting(db: CompanionDb, meetingId: string): Promise<{ shared?: Note; private?: Note }> {
  const checker = new ReadChecker(db.account);
  const notes = checker.checkAll('notes', await db.idb.getAllFromIndex('notes', 'by-meeting', meetingId));
  await settle(db, checker);
  return byKind(notes);
}

export function byKind(notes: readonly Note[]): { shared?: Note; private?: Note } {
  const out: { shared?: Note; private?: Note } = {};
  for (const note of notes) out[note.kind] = note;
  return out;
}

export type SaveNoteResult =
  /** Written. */
  | { status: 'saved'; note: Note }
  /** This revision with this text was already stored (a retried save): nothing written. */
  | { status: 'unchanged'; note: Note }
  /** Refused: the stored note has this revision or a higher one with other text. */
  | { status: 'stale'; stored: Note };

/**
 * Saves a note unless that would replace newer text: `note.revision` is the revision the caller
 * proposes (the revision its text was based on + 1). A stored note whose revision is the same or
 * higher with different text wins, and is returned so the UI can show it. Compare-and-set in one
 * readwrite transaction, so two tabs cannot both win.
 */
export async function saveNote(db: CompanionDb, note: Note, now: number = Date.now()): Promise<SaveNoteResult> {
  const value = validForWrite(db, 'notes', note);
  if (value.id !== noteId(value.meetingId, value.kind)) {
    throw new InvalidRecordError('notes', `id must be ${noteId(value.meetingId, value.kind)}`);
  }
  const tx = db.idb.transaction(['notes', 'quarantine'], 'readwrite');
  const notes = tx.objectStore('notes');
  const raw: unknown = await notes.get(value.id);
  let result: SaveNoteResult;
  const check = raw === undefined ? undefined : checkRecord('notes', raw, db.account);
  if (check && !check.ok) {
    // An unreadable stored note must not block saving the user's text, nor be lost.
    await tx.objectStore('quarantine').add({ store: 'notes', key: value.id, raw, reason: check.reason, quarantinedAt: now });
  }
  const stored = check?.ok ? check.value : undefined;
  if (stored && stored.revision >= value.revision) {
    result = stored.revision === value.revision && stored.text === value.text ? { status: 'unchanged', note: stored } : { status: 'stale', stored };
  } else {
    await notes.put(value);
    result = { status: 'saved', note: value };
  }
  await tx.done;
  return result;
}

/** The note that a new editor starts from: the stored one or an empty revision 0. */
export function emptyNote(account: string, meetingId: string, personId: string, kind: NoteKind, now: number): Note {
  return { account, id: noteId(meetingId, kind), meetingId, personId, kind, text: '', updatedAt: now, revision: 0 };
}

// ---------------------------------------------------------------------------------------------
// Talking points

export const getTalkingPoint = (db: CompanionDb, id: string) => getOne(db, 'talkingPoints', id);
export const putTalkingPoint = (db: CompanionDb, point: TalkingPoint) => putRecords(db, 'talkingPoints', [point]);

export async function deleteTalkingPoint(db: CompanionDb, id: string): Promise<void> {
  await db.idb.delete('talkingPoints', id);
}

/** A person's talking points not discussed yet, oldest first (sparse index: open ones only). */
export async function openTalkingPoints(db: CompanionDb, personId: string): Promise<TalkingPoint[]> {
  const checker = new ReadChecker(db.account);
  const range = IDBKeyRange.bound([personId, -Infinity], [personId, Infinity]);
  const points = checker.checkAll('talkingPoints', await db.idb.getAllFromIndex('talkingPoints', 'by-person-open', range));
  await settle(db, checker);
  return points;
}

// ---------------------------------------------------------------------------------------------
// Action items

export const getActionItem = (db: CompanionDb, id: string) => getOne(db, 'actionItems', id);
export const putActionItem = (db: CompanionDb, item: ActionItem) => putRecords(db, 'actionItems', [item]);
export const putActionItems = (db: CompanionDb, items: readonly ActionItem[]) => putRecords(db, 'actionItems', items);

/** Closes or reopens an item; returns the updated item, or undefined when there is none. */
export async function setActionItemStatus(db: CompanionDb, id: string, status: 'open' | 'done', now: number): Promise<ActionItem | undefined> {
  const item = await getActionItem(db, id);
  if (!item) return undefined;
  const { doneAt: _previousDoneAt, ...rest } = item;
  const updated: ActionItem = status === 'done' ? { ...rest, status, doneAt: now, updatedAt: now } : { ...rest, status, updatedAt: now };
  await putActionItem(db, updated);
  return updated;
}

/** Items created in one meeting (what its description block carries), oldest first. */
export async function actionItemsForMeeting(db: CompanionDb, meetingId: string): Promise<ActionItem[]> {
  const checker = new ReadChecker(db.account);
  const items = checker.checkAll('actionItems', await db.idb.getAllFromIndex('actionItems', 'by-meeting', meetingId));
  await settle(db, checker);
  return items.sort((a, b) => a.createdAt - b.createdAt);
}

export async function openActionItemsForPerson(db: CompanionDb, personId: string): Promise<ActionItem[]> {
  const checker = new ReadChecker(db.account);
  const range = IDBKeyRange.bound([personId, 'open', -Infinity], [personId, 'open', Infinity]);
  const items = checker.checkAll('actionItems', await db.idb.getAllFromIndex('actionItems', 'by-person-status-created', range));
  await settle(db, checker);
  return items;
}

// ---------------------------------------------------------------------------------------------
// Targets and progress

export const getTarget = (db: CompanionDb, id: string) => getOne(db, 'targets', id);
export const putTarget = (db: CompanionDb, target: Target) => putRecords(db, 'targets', [target]);
export const putTargets = (db: CompanionDb, targets: readonly Target[]) => putRecords(db, 'targets', targets);

export async function deleteTarget(db: CompanionDb, id: string): Promise<void> {
  await db.idb.delete('targets', id);
}

export const putProgressEntry = (db: CompanionDb, entry: ProgressEntry) => putRecords(db, 'progress', [entry]);
export const putProgressEntries = (db: CompanionDb, entries: readonly ProgressEntry[]) => putRecords(db, 'progress', entries);

export async function progressForTarget(db: CompanionDb, targetId: string): Promise<ProgressEntry[]> {
  const checker = new ReadChecker(db.account);
  const range = IDBKeyRange.bound([targetId, ''], [targetId, '\uffff']);
  const entries = checker.checkAll('progress', await db.idb.getAllFromIndex('progress', 'by-target-date', range));
  await settle(db, checker);
  return entries;
}

/** Targets split from `parentId` (a cascade's children). */
export async function childTargets(db: CompanionDb, parentId: string): Promise<Target[]> {
  const checker = new ReadChecker(db.account);
  const targets = checker.checkAll('targets', await db.idb.getAllFromIndex('targets', 'by-parent', parentId));
  await settle(db, checker);
  return targets;
}

// ---------------------------------------------------------------------------------------------
// Settings and classification overrides

export const getSettings = (db: CompanionDb): Promise<Settings | undefined> => getOne(db, 'settings', db.account);
export const putSettings = (db: CompanionDb, settings: Settings) => putRecords(db, 'settings', [settings]);

export const getOverride = (db: CompanionDb, scope: 'event' | 'series', targetId: string): Promise<ClassificationOverride | undefined> =>
  getOne(db, 'overrides', overrideId(scope, targetId));
export const putOverride = (db: CompanionDb, override: ClassificationOverride) => putRecords(db, 'overrides', [override]);

export async function deleteOverride(db: CompanionDb, scope: 'event' | 'series', targetId: string): Promise<void> {
  await db.idb.delete('overrides', overrideId(scope, targetId));
}

export async function listOverrides(db: CompanionDb): Promise<ClassificationOverride[]> {
  const checker = new ReadChecker(db.account);
  const overrides = checker.checkAll('overrides', await db.idb.getAll('overrides'));
  await settle(db, checker);
  return overrides;
}

