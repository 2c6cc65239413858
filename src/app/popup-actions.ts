// What the popup does to data: close and reopen owed action items. A closed item changes its
// meeting's description block, so the event is queued for the sync engine (the outbox keeps it
// until it is written, and coalesces repeats).
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
    }
    ctx.notify({ type: 'action-items-changed', account: ctx.db.account, ids: [id] });
    return done();
  });
}
