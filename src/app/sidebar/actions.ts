// What the sidebar's callbacks do to data: action items (add, edit, close, reopen), talking points
// (for next time, discussed, removed), today's progress, the user's 1:1 marks and "held". Every
// handler checks its input, writes through the storage layer (which validates), posts the
// StorageChannel notice other pages and the worker reload from, and answers with an Outcome.
//
// A change to what an event's description block carries (shared notes, action items) queues the
// event in the outbox here, in the same operation as the change (repeats coalesce), and tells the
// sync engine through `ctx.meetingChanged` (in the worker: the scheduler flushes within seconds).
// Private notes are never part of that.
import { isCalendarDay } from '../../domain/calendar-time';
import { splitInstanceId } from '../../domain/event-id';
import { overrideId, type ActionItem, type ClassificationOverride, type TalkingPoint } from '../../domain/schemas';
import { newShortId } from '../../domain/schemas';
import {
  deleteOverride,
  enqueueSync,
  getActionItem,
  getMeeting,
  getTalkingPoint,
  putActionItem,
  putMeeting,
  putOverride,
  putTalkingPoint,
} from '../../storage';
import type { Outcome } from '../../ui/options/view-model';
import type { ActionItemDraft, OverrideRequest } from '../../ui/sidebar/view-model';
import { done, guarded, randomIdPart, refused, type ActionContext } from '../action-context';
import { MAX_TALKING_POINT_LENGTH } from '../people-actions';
import { setOwedItemDone } from '../popup-actions';
import { addProgress } from '../target-actions';

export const MAX_ACTION_ITEM_LENGTH = 2000;

/**
 * A meeting's shared part changed: queue its event (when it is an event the user may change) and
 * tell the sync engine, which answers with the new status either way.
 */
export async function sharedPartChanged(ctx: ActionContext, meetingId: string): Promise<void> {
  const meeting = await getMeeting(ctx.db, meetingId);
  if (meeting?.source === 'calendar' && meeting.eventId && meeting.calendarId && meeting.canModify) {
    await enqueueSync(ctx.db, { eventId: meeting.eventId, calendarId: meeting.calendarId, meetingId: meeting.id }, ctx.now());
  }
  ctx.meetingChanged?.(meetingId);
}

function checkDraft(draft: ActionItemDraft): { text: string; owner: 'me' | 'them'; due?: string } | Outcome {
  const text = typeof draft.text === 'string' ? draft.text.trim() : '';
  if (text === '') return refused('Write what is to be done first.');
  if (text.length > MAX_ACTION_ITEM_LENGTH) return refused(`An action item is at most ${MAX_ACTION_ITEM_LENGTH} characters.`);
  if (draft.owner !== 'me' && draft.owner !== 'them') return refused('Say who owns it: you or them.');
  if (draft.due !== undefined && draft.due !== '' && !isCalendarDay(draft.due)) return refused(`“${draft.due}” is not a date (YYYY-MM-DD).`);
  return { text, owner: draft.owner, ...(draft.due !== undefined && draft.due !== '' && { due: draft.due }) };
}

function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

/** Adds an open action item with this person, created in this meeting. */
export async function addActionItem(ctx: ActionContext, where: { meetingId: string; personId: string }, draft: ActionItemDraft): Promise<Outcome> {
  const checked = checkDraft(draft);
  if (isOutcome(checked)) return checked;
  return guarded(async () => {
    const now = ctx.now();
    const item: ActionItem = {
      account: ctx.db.account,
      id: newShortId(ctx.random),
      personId: where.personId,
      meetingId: where.meetingId,
      text: checked.text,
      owner: checked.owner,
      ...(checked.due !== undefined && { due: checked.due }),
      status: 'open',
      createdAt: now,
      updatedAt: now,
    };
    await putActionItem(ctx.db, item);
    ctx.notify({ type: 'action-items-changed', account: ctx.db.account, ids: [item.id] });
    await sharedPartChanged(ctx, where.meetingId);
    return done();
  });
}

/** Changes an item's text, owner or due date (an empty due date removes it). */
export async function updateActionItem(ctx: ActionContext, id: string, draft: ActionItemDraft): Promise<Outcome> {
  const checked = checkDraft(draft);
  if (isOutcome(checked)) return checked;
  return guarded(async () => {
    const item = await getActionItem(ctx.db, id);
    if (!item) return refused('That action item is no longer here.');
    const { due: _previousDue, ...rest } = item;
    const updated: ActionItem = { ...rest, text: checked.text, owner: checked.owner, ...(checked.due !== undefined && { due: checked.due }), updatedAt: ctx.now() };
    await putActionItem(ctx.db, updated);
    ctx.notify({ type: 'action-items-changed', account: ctx.db.account, ids: [id] });
    await sharedPartChanged(ctx, item.meetingId);
    return done();
  });
}

/** Ticked: done (the meeting it was created in writes it into its block as done). */
export function closeActionItem(ctx: ActionContext, id: string): Promise<Outcome> {
  return setOwedItemDone(ctx, id, true);
}

/** Undo of a tick: open again. */
export function reopenActionItem(ctx: ActionContext, id: string): Promise<Outcome> {
  return setOwedItemDone(ctx, id, false);
}

// ---------------------------------------------------------------------------------------------
// Talking points

/** A point for the person's next 1:1, added from this meeting's sidebar. */
export async function addTalkingPointForNextTime(ctx: ActionContext, where: { meetingId: string; personId: string }, text: string): Promise<Outcome> {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') return refused('Write the talking point first.');
  if (trimmed.length > MAX_TALKING_POINT_LENGTH) return refused(`A talking point is at most ${MAX_TALKING_POINT_LENGTH} characters.`);
  return guarded(async () => {
    const point: TalkingPoint = {
      account: ctx.db.account,
      id: `tp-${randomIdPart(ctx.random)}`,
      personId: where.personId,
      text: trimmed,
      createdAt: ctx.now(),
      fromMeetingId: where.meetingId,
    };
    await putTalkingPoint(ctx.db, point);
    ctx.notify({ type: 'talking-points-changed', account: ctx.db.account, ids: [point.id] });
    return done();
  });
}

/** Raised in this meeting (or not, after all). */
export async function setTalkingPointDiscussed(ctx: ActionContext, id: string, meetingId: string, discussed: boolean): Promise<Outcome> {
  return guarded(async () => {
    const point = await getTalkingPoint(ctx.db, id);
    if (!point) return refused('That talking point is no longer here.');
    const { discussedInMeetingId: _meeting, discussedAt: _at, ...open } = point;
    const updated: TalkingPoint = discussed ? { ...open, discussedInMeetingId: meetingId, discussedAt: ctx.now() } : open;
    await putTalkingPoint(ctx.db, updated);
    ctx.notify({ type: 'talking-points-changed', account: ctx.db.account, ids: [id] });
    return done();
  });
}

export { deleteTalkingPoint } from '../people-actions';

// ---------------------------------------------------------------------------------------------
// Targets

/**
 * Today's progress for a target (the quick entry). A team target's progress is this person's
 * share of it; a person's own target takes no one else's.
 */
export function addTodaysProgress(ctx: ActionContext, input: { targetId: string; amount: number; today: string; teamPersonId?: string }): Promise<Outcome> {
  return addProgress(ctx, {
    targetId: input.targetId,
    day: input.today,
    amount: input.amount,
    ...(input.teamPersonId !== undefined && { personId: input.teamPersonId }),
  });
}

// ---------------------------------------------------------------------------------------------
// The user's marks

export interface OverrideTarget {
  eventId: string;
  /** The series' event id, when the event is a recurring instance. */
  seriesId?: string;
}

/** The id a mark of this scope is kept under (the classifier looks a series up the same way). */
export function overrideTargetId(event: OverrideTarget, scope: 'event' | 'series'): string {
  if (scope === 'event') return event.eventId;
  return event.seriesId ?? splitInstanceId(event.eventId)?.seriesId ?? event.eventId;
}

/**
 * "Not a 1:1" (this event or the series) or "Treat as 1:1 with …": stores the mark; the meeting
 * record of this event follows at once (a meeting no longer taken as a 1:1 keeps its person, so
 * its notes stay with someone).
 */
export async function setOverride(ctx: ActionContext, event: OverrideTarget, request: OverrideRequest): Promise<Outcome> {
  if (request.scope !== 'event' && request.scope !== 'series') return refused('Choose this event or the whole series.');
  if (request.isOneOnOne && (request.personEmail === undefined || !request.personEmail.includes('@'))) {
    return refused('Choose who the 1:1 is with.');
  }
  return guarded(async () => {
    const now = ctx.now();
    const targetId = overrideTargetId(event, request.scope);
    const override: ClassificationOverride = {
      account: ctx.db.account,
      id: overrideId(request.scope, targetId),
      scope: request.scope,
      targetId,
      isOneOnOne: request.isOneOnOne,
      ...(request.isOneOnOne && request.personEmail !== undefined && { personEmail: request.personEmail.trim().toLowerCase() }),
      updatedAt: now,
    };
    await putOverride(ctx.db, override);
    const meetingId = `${ctx.db.account}|${event.eventId}`;
    const meeting = await getMeeting(ctx.db, meetingId);
    if (meeting && !request.isOneOnOne) {
      await putMeeting(ctx.db, { ...meeting, isOneOnOne: false, classificationReason: request.scope === 'event' ? 'unmarked-event' : 'unmarked-series', updatedAt: now });
    }
    ctx.notify({ type: 'meetings-changed', account: ctx.db.account, ids: [meetingId] });
    return done();
  });
}

/** Drops the user's mark of this scope: automatic detection decides again. */
export async function clearOverride(ctx: ActionContext, event: OverrideTarget, scope: 'event' | 'series'): Promise<Outcome> {
  return guarded(async () => {
    await deleteOverride(ctx.db, scope, overrideTargetId(event, scope));
    ctx.notify({ type: 'meetings-changed', account: ctx.db.account, ids: [`${ctx.db.account}|${event.eventId}`] });
    return done();
  });
}

/** The user says the 1:1 happened (or not) although the calendar does not show it. */
export async function setMarkedHeld(ctx: ActionContext, meetingId: string, held: boolean): Promise<Outcome> {
  return guarded(async () => {
    const meeting = await getMeeting(ctx.db, meetingId);
    if (!meeting) return refused('This 1:1 is not stored yet: try again in a moment.');
    await putMeeting(ctx.db, { ...meeting, markedHeld: held, updatedAt: ctx.now() });
    ctx.notify({ type: 'meetings-changed', account: ctx.db.account, ids: [meetingId] });
    return done();
  });
}
