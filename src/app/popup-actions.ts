// What the popup does to data: close and reopen owed action items. A closed item changes its
// meeting's description block: the event is queued in the outbox here (durable even if the
// worker cannot be reached; repeats coalesce) and the sync engine is told, so it writes soon.
import { enqueueSync, getMeeting, setActionItemStatus } from '../storage';
import type { Outcome } from '../ui/options/view-model';
import { done, guarded, refused, type ActionContext } from './action-context';

export function setOwedItemDone(ctx: ActionContext, id: string, isDone: boolean): Promise<Outcome> {
  return guarded(async () => {
    const now = ctx.now();
    const item = await setActionItemStatus(ctx.db, id, isDone ? 'done' : 'open', now);
    if (!item) return refused('That action item is no longer here.');
    const meeting = await getMeeting(ctx.db, item.meetingId);
    if (meeting?.source === 'calendar' && meeting.eventId && meeting.calendarId && meeting.canModify) {
      await enqueueSync(ctx.db, { eventId: meeting.eventId, calendarId: meeting.calendarId, meetingId: meeting.id }, now);
      ctx.meetingChanged?.(meeting.id);
    }
    ctx.notify({ type: 'action-items-changed', account: ctx.db.account, ids: [id] });
    return done();
  });
}
