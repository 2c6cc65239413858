// One meeting's shared state as the sync engine sees it: read from IndexedDB (its shared note and
// the action items created in it), turned into a description block, and a merge result written
// back. Private notes are never read here: nothing in this file can put them into a block.
import { dayOf } from '../domain/calendar-time';
import type { BlockActionItem, BlockContent } from '../domain/description-block';
import type { LocalActionItem, LocalMeetingContent } from '../domain/merge';
import { type ActionItem, ActionItemId, type Meeting, type Note, type Person, newShortId, noteId } from '../domain/schemas';
import {
  actionItemsForMeeting,
  deleteActionItem,
  emptyNote,
  getActionItem,
  getNote,
  putActionItem,
  saveNote,
  type CompanionDb,
} from '../storage';

export interface LocalState {
  content: LocalMeetingContent;
  shared: Note | undefined;
  items: ActionItem[];
}

/** The meeting's day as the block's date: the day it starts in the user's time zone. */
export function meetingDateOf(meeting: Pick<Meeting, 'start'>, timeZone: string): string {
  return dayOf(meeting.start, timeZone);
}

/**
 * An action item as the block shows it. The other person's items name them (readers of the event
 * see who owes what); the user's own read "me", which the tag keeps unambiguous.
 */
export function blockItemOf(item: ActionItem, person: Pick<Person, 'displayName'> | undefined): LocalActionItem {
  const ownerName = item.owner === 'them' ? person?.displayName.trim() : undefined;
  return {
    id: item.id,
    text: item.text,
    owner: item.owner,
    ...(ownerName ? { ownerName } : {}),
    ...(item.due !== undefined && { due: item.due }),
    status: item.status,
    updatedAt: item.updatedAt,
    ...(item.doneAt !== undefined && { doneAt: item.doneAt }),
  };
}

export async function readLocalState(
  db: CompanionDb,
  meeting: Meeting & { eventId: string },
  person: Person | undefined,
  timeZone: string,
): Promise<LocalState> {
  const [shared, items] = await Promise.all([getNote(db, noteId(meeting.id, 'shared')), actionItemsForMeeting(db, meeting.id)]);
  return {
    shared,
    items,
    content: {
      eventId: meeting.eventId,
      meetingDate: meetingDateOf(meeting, timeZone),
      sharedNotes: shared?.text ?? '',
      actionItems: items.map((item) => blockItemOf(item, person)),
    },
  };
}

/** The merged content as a block: the local timestamps dropped. */
export function toBlockContent(content: LocalMeetingContent): BlockContent {
  return {
    eventId: content.eventId,
    meetingDate: content.meetingDate,
    sharedNotes: content.sharedNotes,
    actionItems: content.actionItems.map(({ updatedAt: _updatedAt, doneAt: _doneAt, ...item }): BlockActionItem => item),
    ...(content.truncated === true ? { truncated: true } : {}),
  };
}

/** Nothing to put into a block: no notes, no action items. */
export function isEmptyContent(content: Pick<BlockContent, 'sharedNotes' | 'actionItems'>): boolean {
  return content.sharedNotes.trim() === '' && content.actionItems.length === 0;
}

export interface AppliedChanges {
  /** The shared note was saved with the merged text. */
  note?: Note;
  /** Ids of action items created, changed or deleted. */
  itemIds: string[];
  /** The user saved the note meanwhile (another revision): the merge must be done again. */
  stale: boolean;
  /** The merged content as now stored: items renamed to their fresh ids, blank items left out. */
  content: LocalMeetingContent;
}

const sameItem = (a: ActionItem, b: LocalActionItem) =>
  a.text === b.text && a.owner === b.owner && a.due === b.due && a.status === b.status;

/**
 * Writes a merge result into IndexedDB: the shared note (compare-and-set on its revision, so text
 * typed meanwhile is never replaced; the merge is redone instead) and the meeting's action items
 * (created, changed, or deleted as the merge decided). An item the block names with an id that
 * another meeting's item already has (an untagged line's derived id can repeat across meetings)
 * gets a fresh id here; the next write tags the line with it.
 */
export async function applyMerged(
  db: CompanionDb,
  meeting: Meeting & { personId: string },
  local: LocalState,
  merged: LocalMeetingContent,
  now: number,
  random: () => number = Math.random,
): Promise<AppliedChanges> {
  const changes: AppliedChanges = { itemIds: [], stale: false, content: merged };
  const currentText = local.shared?.text ?? '';
  if (merged.sharedNotes !== currentText) {
    const base = local.shared ?? emptyNote(db.account, meeting.id, meeting.personId, 'shared', now);
    const result = await saveNote(db, { ...base, text: merged.sharedNotes, revision: base.revision + 1, updatedAt: now }, now);
    if (result.status === 'stale') return { ...changes, stale: true };
    changes.note = result.note;
  }

  const localById = new Map(local.items.map((item) => [item.id, item]));
  const keep = new Set<string>();
  const stored: LocalActionItem[] = [];
  for (const [position, item] of merged.actionItems.entries()) {
    const text = item.text.trim() === '' ? undefined : item.text;
    const existing = localById.get(item.id);
    if (existing) {
      keep.add(item.id);
      stored.push(text === undefined ? { ...item, text: existing.text } : item);
      if (text === undefined || sameItem(existing, item)) continue;
      const { doneAt: _doneAt, due: _due, ...rest } = existing;
      const doneAt = item.status === 'done' ? (item.doneAt ?? existing.doneAt ?? now) : undefined;
      await putActionItem(db, {
        ...rest,
        text,
        owner: item.owner,
        status: item.status,
        ...(item.due !== undefined && { due: item.due }),
        ...(doneAt !== undefined && { doneAt }),
        updatedAt: item.updatedAt ?? now,
      });
      changes.itemIds.push(item.id);
      continue;
    }
    if (text === undefined) continue; // a blank line with a checkbox is nobody's action item
    let id = item.id;
    const taken = ActionItemId.safeParse(id).success ? await getActionItem(db, id) : undefined;
    if (!ActionItemId.safeParse(id).success || (taken !== undefined && taken.meetingId !== meeting.id)) id = newShortId(random);
    const doneAt = item.status === 'done' ? (item.doneAt ?? now) : undefined;
    await putActionItem(db, {
      account: db.account,
      id,
      personId: meeting.personId,
      meetingId: meeting.id,
      text,
      owner: item.owner,
      ...(item.due !== undefined && { due: item.due }),
      status: item.status,
      // A block carries no creation time. An item read from a meeting's block was created in
      // that meeting: its start (never later than now, for a 1:1 still to come), plus the
      // position so the block's order is kept (items are listed by createdAt). Not the read
      // time, which would make every rebuilt item look new ("today" in the popup's "You owe").
      createdAt: Math.min(meeting.start, now) + position,
      ...(doneAt !== undefined && { doneAt }),
      updatedAt: item.updatedAt ?? now,
    });
    stored.push({ ...item, id });
    changes.itemIds.push(id);
  }
  changes.content = { ...merged, actionItems: stored };
  for (const item of local.items) {
    if (keep.has(item.id)) continue;
    await deleteActionItem(db, item.id);
    changes.itemIds.push(item.id);
  }
  return changes;
}
