// A person's whole history, newest first, with text search over it.
//
// Search reads this person's notes, action items and meetings through the per-person indexes and
// matches in memory. That is bounded by the person (5 years of weekly 1:1s is ~260 meetings), not
// the store, and needs no token index to keep in step with every save. If histories ever grow
// large enough for this to be slow, a token store keyed [personId, token] can replace it behind
// the same function.
import type { ActionItem, Meeting, Note } from '../domain/schemas';
import { noteId } from '../domain/schemas';
import type { CompanionDb } from './db';
import { ReadChecker, settle } from './records';

export interface HistoryEntry {
  meeting: Meeting;
  shared?: Note;
  private?: Note;
  /** Action items created in this meeting, oldest first. */
  actionItems: ActionItem[];
}

/** Continue before this meeting (exclusive), in newest-first order. */
export interface HistoryCursor {
  start: number;
  meetingId: string;
}

export interface HistoryQuery {
  personId: string;
  /** Words that must all appear (case and accents ignored) in the title, notes or action items. */
  text?: string;
  before?: HistoryCursor;
  limit?: number;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  next?: HistoryCursor;
}

/** Lower case, accents removed: "Café" and "cafe" match. */
export function normaliseForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function searchTokens(query: string): string[] {
  return normaliseForSearch(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

function isBefore(meeting: Meeting, cursor: HistoryCursor | undefined): boolean {
  if (!cursor) return true;
  // Newest first means [start, id] descending (equal starts come in descending id order).
  return meeting.start < cursor.start || (meeting.start === cursor.start && meeting.id < cursor.meetingId);
}

export async function loadPersonHistory(db: CompanionDb, query: HistoryQuery): Promise<HistoryPage> {
  const limit = query.limit ?? 20;
  const tokens = searchTokens(query.text ?? '');
  const page = tokens.length === 0 ? await browse(db, query, limit) : await search(db, query, tokens, limit);
  return page;
}

async function browse(db: CompanionDb, query: HistoryQuery, limit: number): Promise<HistoryPage> {
  const checker = new ReadChecker(db.account);
  const tx = db.idb.transaction(['meetings', 'notes', 'actionItems'], 'readonly');
  const upper = query.before ? query.before.start : Infinity;
  const range = IDBKeyRange.bound([query.personId, -Infinity], [query.personId, upper]);
  const meetings: Meeting[] = [];
  let more = false;
  let cursor = await tx.objectStore('meetings').index('by-person-start').openCursor(range, 'prev');
  while (cursor) {
    const meeting = checker.check('meetings', cursor.primaryKey, cursor.value);
    if (meeting && isBefore(meeting, query.before)) {
      if (meetings.length === limit) {
        more = true;
        break;
      }
      meetings.push(meeting);
    }
    cursor = await cursor.continue();
  }
  const notes = tx.objectStore('notes');
  const items = tx.objectStore('actionItems').index('by-meeting');
  const entries = await Promise.all(
    meetings.map(async (meeting): Promise<HistoryEntry> => {
      const sharedId = noteId(meeting.id, 'shared');
      const privateId = noteId(meeting.id, 'private');
      const [shared, priv, rawItems] = await Promise.all([notes.get(sharedId), notes.get(privateId), items.getAll(meeting.id)]);
      const entry: HistoryEntry = { meeting, actionItems: checker.checkAll('actionItems', rawItems).sort((a, b) => a.createdAt - b.createdAt) };
      const s = checker.check('notes', sharedId, shared);
      const p = checker.check('notes', privateId, priv);
      if (s) entry.shared = s;
      if (p) entry.private = p;
      return entry;
    }),
  );
  await settle(db, checker);
  const last = meetings[meetings.length - 1];
  return more && last ? { entries, next: { start: last.start, meetingId: last.id } } : { entries };
}

async function search(db: CompanionDb, query: HistoryQuery, tokens: string[], limit: number): Promise<HistoryPage> {
  const checker = new ReadChecker(db.account);
  const tx = db.idb.transaction(['meetings', 'notes', 'actionItems'], 'readonly');
  const personId = query.personId;
  const [rawMeetings, rawNotes, rawItems] = await Promise.all([
    tx.objectStore('meetings').index('by-person-start').getAll(IDBKeyRange.bound([personId, -Infinity], [personId, Infinity])),
    tx.objectStore('notes').index('by-person-updated').getAll(IDBKeyRange.bound([personId, -Infinity], [personId, Infinity])),
    // [personId] … [personId, []]: every status and time (arrays sort after all other keys).
    tx.objectStore('actionItems').index('by-person-status-created').getAll(IDBKeyRange.bound([personId], [personId, []])),
  ]);
  const entriesByMeeting = new Map<string, HistoryEntry>();
  for (const meeting of checker.checkAll('meetings', rawMeetings)) entriesByMeeting.set(meeting.id, { meeting, actionItems: [] });
  for (const note of checker.checkAll('notes', rawNotes)) {
    const entry = entriesByMeeting.get(note.meetingId);
    if (entry) entry[note.kind] = note;
  }
  for (const item of checker.checkAll('actionItems', rawItems)) entriesByMeeting.get(item.meetingId)?.actionItems.push(item);
  await settle(db, checker);

  const matches = [...entriesByMeeting.values()]
    .filter((entry) => isBefore(entry.meeting, query.before))
    .filter((entry) => {
      const haystack = normaliseForSearch(
        [entry.meeting.title, entry.shared?.text ?? '', entry.private?.text ?? '', ...entry.actionItems.map((i) => i.text)].join('\n'),
      );
      return tokens.every((token) => haystack.includes(token));
    })
    .sort((a, b) => b.meeting.start - a.meeting.start || (a.meeting.id < b.meeting.id ? 1 : a.meeting.id > b.meeting.id ? -1 : 0));
  for (const entry of matches) entry.actionItems.sort((a, b) => a.createdAt - b.createdAt);
  const entries = matches.slice(0, limit);
  const last = entries[entries.length - 1];
  return matches.length > limit && last ? { entries, next: { start: last.meeting.start, meetingId: last.meeting.id } } : { entries };
}
