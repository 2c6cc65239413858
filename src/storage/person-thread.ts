// Everything the sidebar shows for one person, in one readonly transaction driven by indexes.
//
// Cost: every read is a key range on this person (or this meeting) only, so it does not grow with
// other people's history:
// - last notes: meetings [personId, start] walked backwards from this meeting's start, stopping
//   at the first one with non-empty notes (two gets by note id per step; usually one step);
// - talking points: the sparse index of open points [personId, openSince] plus this meeting's
//   discussed ones;
// - open action items: [personId, 'open', createdAt];
// - targets: [personId, period.end >= today] (current and future ones only) and, for a direct,
//   current team targets; progress by [targetId, date].
// All requests are issued at once inside the transaction so they pipeline.
import type { ActionItem, CalendarDay, Meeting, Note, Person, ProgressEntry, TalkingPoint, Target } from '../domain/schemas';
import { noteId } from '../domain/schemas';
import type { CompanionDb, CompanionSchema } from './db';
import { ReadChecker, settle } from './records';
import type { IDBPTransaction } from 'idb';

export interface PersonThreadQuery {
  personId: string;
  /** The meeting the sidebar is open on. */
  meetingId: string;
  meetingStart: number;
  /** The user's today, in their time zone: decides which targets are current. */
  today: CalendarDay;
}

export interface MeetingNotes {
  meeting: Meeting;
  shared?: Note;
  private?: Note;
}

/** Where to continue paging back through older notes (exclusive). */
export interface OlderNotesCursor {
  personId: string;
  beforeStart: number;
  beforeMeetingId: string;
}

export interface TargetWithProgress {
  target: Target;
  /** Progress entries in date order; for a team target only this person's share. */
  progress: ProgressEntry[];
}

export interface PersonThread {
  /** Undefined when the person is not known yet (a 1:1 seen for the first time). */
  person?: Person;
  /** The most recent 1:1 with this person that started before this one and has notes. */
  lastNotes?: MeetingNotes;
  /** Present when lastNotes is: pass it to loadOlderNotes to page further back. */
  olderNotesCursor?: OlderNotesCursor;
  /** Open talking points for this person, oldest first, then those raised in this meeting. */
  talkingPoints: TalkingPoint[];
  /** This person's open action items from every meeting, oldest first. */
  openActionItems: ActionItem[];
  /** Targets whose period contains today: the person's own, then (for a direct) the team's. */
  targets: TargetWithProgress[];
  thisMeetingNotes: { shared?: Note; private?: Note };
}

export function hasNotes(notes: { shared?: Note; private?: Note }): boolean {
  return (notes.shared?.text.trim() ?? '') !== '' || (notes.private?.text.trim() ?? '') !== '';
}

const THREAD_STORES = ['people', 'meetings', 'notes', 'talkingPoints', 'actionItems', 'targets', 'progress'] as const;
type ThreadTx = IDBPTransaction<CompanionSchema, (typeof THREAD_STORES)[number][], 'readonly'>;

export async function loadPersonThread(db: CompanionDb, query: PersonThreadQuery): Promise<PersonThread> {
  const checker = new ReadChecker(db.account);
  const tx: ThreadTx = db.idb.transaction([...THREAD_STORES], 'readonly');
  // Independent reads start together; each chain (targets → their progress) continues on its own.
  const [person, older, thisMeetingNotes, talkingPoints, openActionItems, ownTargets, teamTargets] = await Promise.all([
    readPerson(tx, checker, query.personId),
    readNotesBefore(tx, checker, { personId: query.personId, beforeStart: query.meetingStart, beforeMeetingId: query.meetingId }, 1),
    readMeetingNotes(tx, checker, query.meetingId),
    readTalkingPoints(tx, checker, query.personId, query.meetingId),
    readOpenActionItems(tx, checker, query.personId),
    readTargets(tx, checker, 'by-person-end', query.personId, query.today).then((targets) =>
      Promise.all(targets.map((target) => readProgress(tx, checker, target, undefined))),
    ),
    // Read regardless of who the person is (in parallel, a handful of records); used for directs.
    readTargets(tx, checker, 'by-kind-end', 'team', query.today).then((targets) =>
      Promise.all(targets.map((target) => readProgress(tx, checker, target, query.personId))),
    ),
  ]);
  // Team targets are the user's directs' shared goals: only a direct's sidebar shows them.
  const targets = person?.relationship === 'direct' ? [...ownTargets, ...teamTargets] : ownTargets;
  await settle(db, checker);
  const lastNotes = older.entries[0];
  return {
    ...(person ? { person } : {}),
    ...(lastNotes ? { lastNotes, olderNotesCursor: cursorAfter(query.personId, lastNotes.meeting) } : {}),
    talkingPoints,
    openActionItems,
    targets,
    thisMeetingNotes: thisMeetingNotes,
  };
}

/**
 * Notes of this person's earlier 1:1s, newest first, skipping meetings without notes: the page
 * after `cursor`. `next` is absent when there is nothing older.
 */
export async function loadOlderNotes(
  db: CompanionDb,
  cursor: OlderNotesCursor,
  limit = 5,
): Promise<{ entries: MeetingNotes[]; next?: OlderNotesCursor }> {
  const checker = new ReadChecker(db.account);
  const tx: ThreadTx = db.idb.transaction([...THREAD_STORES], 'readonly');
  const result = await readNotesBefore(tx, checker, cursor, limit);
  await settle(db, checker);
  return result;
}

function cursorAfter(personId: string, meeting: Meeting): OlderNotesCursor {
  return { personId, beforeStart: meeting.start, beforeMeetingId: meeting.id };
}

async function readPerson(tx: ThreadTx, checker: ReadChecker, personId: string): Promise<Person | undefined> {
  // A provisional person merged into another: follow the link (a few hops at most).
  let id = personId;
  for (let hop = 0; hop < 4; hop++) {
    const person = checker.check('people', id, await tx.objectStore('people').get(id));
    if (!person?.mergedInto) return person;
    id = person.mergedInto;
  }
  return undefined;
}

async function readMeetingNotes(tx: ThreadTx, checker: ReadChecker, meetingId: string): Promise<{ shared?: Note; private?: Note }> {
  const notes = tx.objectStore('notes');
  const sharedId = noteId(meetingId, 'shared');
  const privateId = noteId(meetingId, 'private');
  const [shared, priv] = await Promise.all([notes.get(sharedId), notes.get(privateId)]);
  const out: { shared?: Note; private?: Note } = {};
  const s = checker.check('notes', sharedId, shared);
  const p = checker.check('notes', privateId, priv);
  if (s) out.shared = s;
  if (p) out.private = p;
  return out;
}

/**
 * Walks [personId, start] backwards from the cursor (exclusive of meetings that start at or after
 * it, and of the cursor's own meeting) and collects up to `limit` meetings that have notes.
 */
async function readNotesBefore(
  tx: ThreadTx,
  checker: ReadChecker,
  cursor: OlderNotesCursor,
  limit: number,
): Promise<{ entries: MeetingNotes[]; next?: OlderNotesCursor }> {
  const entries: MeetingNotes[] = [];
  const range = IDBKeyRange.bound([cursor.personId, -Infinity], [cursor.personId, cursor.beforeStart], false, true);
  let walker = await tx.objectStore('meetings').index('by-person-start').openCursor(range, 'prev');
  let exhausted = true;
  while (walker) {
    const meeting = checker.check('meetings', walker.primaryKey, walker.value);
    if (meeting && meeting.id !== cursor.beforeMeetingId) {
      const notes = await readMeetingNotes(tx, checker, meeting.id);
      if (hasNotes(notes)) {
        entries.push({ meeting, ...notes });
        if (entries.length >= limit) {
          exhausted = false;
          break;
        }
      }
    }
    walker = await walker.continue();
  }
  const last = entries[entries.length - 1];
  return !exhausted && last ? { entries, next: cursorAfter(cursor.personId, last.meeting) } : { entries };
}

async function readTalkingPoints(tx: ThreadTx, checker: ReadChecker, personId: string, meetingId: string): Promise<TalkingPoint[]> {
  const store = tx.objectStore('talkingPoints');
  const [open, discussedHere] = await Promise.all([
    store.index('by-person-open').getAll(IDBKeyRange.bound([personId, -Infinity], [personId, Infinity])),
    store.index('by-discussed-meeting').getAll(meetingId),
  ]);
  return [...checker.checkAll('talkingPoints', open), ...checker.checkAll('talkingPoints', discussedHere)].filter(
    (point) => point.personId === personId,
  );
}

async function readOpenActionItems(tx: ThreadTx, checker: ReadChecker, personId: string): Promise<ActionItem[]> {
  const range = IDBKeyRange.bound([personId, 'open', -Infinity], [personId, 'open', Infinity]);
  return checker.checkAll('actionItems', await tx.objectStore('actionItems').index('by-person-status-created').getAll(range));
}

async function readTargets(
  tx: ThreadTx,
  checker: ReadChecker,
  index: 'by-person-end' | 'by-kind-end',
  owner: string,
  today: CalendarDay,
): Promise<Target[]> {
  // Periods ending today or later, of which those that already started are current.
  const range = IDBKeyRange.bound([owner, today], [owner, '\uffff']);
  const targets = checker.checkAll('targets', await tx.objectStore('targets').index(index).getAll(range));
  return targets.filter((t) => t.period.start <= today && t.period.end >= today);
}

async function readProgress(tx: ThreadTx, checker: ReadChecker, target: Target, onlyPersonId: string | undefined): Promise<TargetWithProgress> {
  const range = IDBKeyRange.bound([target.id, ''], [target.id, '\uffff']);
  const entries = checker.checkAll('progress', await tx.objectStore('progress').index('by-target-date').getAll(range));
  return { target, progress: onlyPersonId === undefined ? entries : entries.filter((e) => e.personId === onlyPersonId) };
}
