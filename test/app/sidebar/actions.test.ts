// What the sidebar's callbacks do to data (fake-indexeddb): action items (add, edit, close with
// undo), talking points, today's progress, the user's marks, "held"; notices and calendar writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionContext } from '../../../src/app/action-context';
import {
  addActionItem,
  addTalkingPointForNextTime,
  addTodaysProgress,
  clearOverride,
  closeActionItem,
  deleteTalkingPoint,
  overrideTargetId,
  reopenActionItem,
  setMarkedHeld,
  setOverride,
  setTalkingPointDiscussed,
  updateActionItem,
} from '../../../src/app/sidebar/actions';
import { decidePageEvent } from '../../../src/background/page-events';
import { createStoragePageEventProvider } from '../../../src/background/storage-page-events';
import type { PageEvent } from '../../../src/calendar-page/page-event';
import {
  getActionItem,
  getMeeting,
  getOutboxEntry,
  getOverride,
  listOverrides,
  openActionItemsForPerson,
  openTalkingPoints,
  getTalkingPoint,
  progressForTarget,
  putMeetings,
  putPerson,
  putSettings,
  putTarget,
  type CompanionDb,
  type StorageMessage,
} from '../../../src/storage';
import { ACCOUNT, freshDb, meeting, person, settings, target } from '../fixtures';

const NOW = Date.UTC(2026, 2, 18, 15);
const dana = person('dana@example.com', { displayName: 'Dana Reyes' });
const organised = meeting(dana.id, NOW - 3_600_000, { eventId: 'evt-organised' });
const guestCopy = meeting(dana.id, NOW, { eventId: 'evt-guest', canModify: false });

let db: CompanionDb;
let notices: StorageMessage[];
let changed: string[];
let ctx: ActionContext;
let seed = 0;

beforeEach(async () => {
  db = await freshDb();
  await putPerson(db, dana);
  await putMeetings(db, [organised, guestCopy]);
  await putSettings(db, settings());
  notices = [];
  changed = [];
  seed = 0;
  ctx = {
    db,
    now: () => NOW,
    notify: (message) => void notices.push(message),
    meetingChanged: (meetingId) => void changed.push(meetingId),
    random: () => ((seed = (seed * 9301 + 49297) % 233280) / 233280),
  };
});
afterEach(() => db.close());

const where = { meetingId: organised.id, personId: dana.id };

describe('action items', () => {
  it('adds an open item in this meeting; its event is queued for the calendar and the engine told', async () => {
    expect(await addActionItem(ctx, where, { text: '  Send the deck  ', owner: 'me', due: '2026-03-20' })).toEqual({ ok: true });
    const [item] = await openActionItemsForPerson(db, dana.id);
    expect(item).toMatchObject({ text: 'Send the deck', owner: 'me', due: '2026-03-20', status: 'open', meetingId: organised.id, personId: dana.id, createdAt: NOW });
    expect(item!.id).toMatch(/^[0-9a-z]{8}$/);
    expect(notices).toEqual([{ type: 'action-items-changed', account: ACCOUNT, ids: [item!.id] }]);
    expect(changed).toEqual([organised.id]);
    expect(await getOutboxEntry(db, 'evt-organised')).toMatchObject({ pending: true, meetingId: organised.id });
  });

  it('on an event the user may not change: stored, the engine told (it says why), nothing queued', async () => {
    await addActionItem(ctx, { meetingId: guestCopy.id, personId: dana.id }, { text: 'Ask about budget', owner: 'them' });
    expect(await openActionItemsForPerson(db, dana.id)).toHaveLength(1);
    expect(changed).toEqual([guestCopy.id]);
    expect(await getOutboxEntry(db, 'evt-guest')).toBeUndefined();
  });

  it.each([
    [{ text: '   ', owner: 'me' as const }, 'Write what is to be done first.'],
    [{ text: 'x'.repeat(2001), owner: 'me' as const }, 'An action item is at most 2000 characters.'],
    [{ text: 'Fine', owner: 'someone' as never }, 'Say who owns it: you or them.'],
    [{ text: 'Fine', owner: 'me' as const, due: '20/03/2026' }, '“20/03/2026” is not a date (YYYY-MM-DD).'],
  ])('refuses %j', async (draft, message) => {
    expect(await addActionItem(ctx, where, draft)).toEqual({ ok: false, message });
    expect(await openActionItemsForPerson(db, dana.id)).toEqual([]);
    expect(notices).toEqual([]);
  });

  it('ticking closes it, Undo opens it again; both reach the calendar', async () => {
    await addActionItem(ctx, where, { text: 'Book the offsite', owner: 'them' });
    const [item] = await openActionItemsForPerson(db, dana.id);
    changed = [];
    expect(await closeActionItem(ctx, item!.id)).toEqual({ ok: true });
    expect(await getActionItem(db, item!.id)).toMatchObject({ status: 'done', doneAt: NOW });
    expect(await openActionItemsForPerson(db, dana.id)).toEqual([]);
    expect(await reopenActionItem(ctx, item!.id)).toEqual({ ok: true });
    const reopened = await getActionItem(db, item!.id);
    expect(reopened).toMatchObject({ status: 'open' });
    expect(reopened!.doneAt).toBeUndefined();
    expect(changed).toEqual([organised.id, organised.id]);
    expect(await closeActionItem(ctx, 'gone0000')).toEqual({ ok: false, message: 'That action item is no longer here.' });
  });

  it('edits text, owner and due date (an empty due date removes it)', async () => {
    await addActionItem(ctx, where, { text: 'Draft plan', owner: 'them', due: '2026-03-19' });
    const [item] = await openActionItemsForPerson(db, dana.id);
    expect(await updateActionItem(ctx, item!.id, { text: 'Draft the hiring plan', owner: 'me', due: '' })).toEqual({ ok: true });
    const updated = await getActionItem(db, item!.id);
    expect(updated).toMatchObject({ text: 'Draft the hiring plan', owner: 'me', status: 'open' });
    expect(updated!.due).toBeUndefined();
    expect(await updateActionItem(ctx, 'gone0000', { text: 'x', owner: 'me' })).toEqual({ ok: false, message: 'That action item is no longer here.' });
  });
});

describe('talking points', () => {
  it('adds one for next time (from this meeting), marks it discussed and back, removes it', async () => {
    expect(await addTalkingPointForNextTime(ctx, where, '  Promotion timeline ')).toEqual({ ok: true });
    const [point] = await openTalkingPoints(db, dana.id);
    expect(point).toMatchObject({ text: 'Promotion timeline', fromMeetingId: organised.id, createdAt: NOW });
    expect(await setTalkingPointDiscussed(ctx, point!.id, guestCopy.id, true)).toEqual({ ok: true });
    expect(await getTalkingPoint(db, point!.id)).toMatchObject({ discussedInMeetingId: guestCopy.id, discussedAt: NOW });
    expect(await openTalkingPoints(db, dana.id)).toEqual([]);
    await setTalkingPointDiscussed(ctx, point!.id, guestCopy.id, false);
    expect(await openTalkingPoints(db, dana.id)).toHaveLength(1);
    expect(await deleteTalkingPoint(ctx, point!.id)).toEqual({ ok: true });
    expect(await getTalkingPoint(db, point!.id)).toBeUndefined();
    expect(notices.every((n) => n.type === 'talking-points-changed')).toBe(true);
    expect(changed).toEqual([]); // talking points are not written into the event
  });

  it('refuses an empty one', async () => {
    expect(await addTalkingPointForNextTime(ctx, where, '  ')).toEqual({ ok: false, message: 'Write the talking point first.' });
  });
});

describe('today\'s progress', () => {
  it('adds to a person\'s target, and to a team target as this person\'s', async () => {
    await putTarget(db, target({ id: 't-own', owner: { kind: 'person', personId: dana.id }, period: { kind: 'month', start: '2026-03-01', end: '2026-03-31' } }));
    await putTarget(db, target({ id: 't-team', owner: { kind: 'team' }, period: { kind: 'month', start: '2026-03-01', end: '2026-03-31' } }));
    expect(await addTodaysProgress(ctx, { targetId: 't-own', amount: 125_050, today: '2026-03-18' })).toMatchObject({ ok: true });
    expect(await addTodaysProgress(ctx, { targetId: 't-team', amount: 1_000, today: '2026-03-18', teamPersonId: dana.id })).toMatchObject({ ok: true });
    expect(await progressForTarget(db, 't-own')).toEqual([expect.objectContaining({ date: '2026-03-18', value: 125_050, source: 'manual' })]);
    expect(await progressForTarget(db, 't-team')).toEqual([expect.objectContaining({ personId: dana.id, value: 1_000 })]);
    expect(await addTodaysProgress(ctx, { targetId: 'nope', amount: 1, today: '2026-03-18' })).toMatchObject({ ok: false });
  });
});

describe('the user\'s marks and "held"', () => {
  const recurring: PageEvent = {
    eid: 'eid',
    eventId: 'ser1_20260318T150000Z',
    seriesId: 'ser1',
    calendarId: ACCOUNT,
    title: '1:1 Dana / Sam',
    guests: [
      { email: ACCOUNT, organizer: true, resource: false },
      { email: 'dana@example.com', displayName: 'Dana Reyes', organizer: false, resource: false },
    ],
    guestsComplete: true,
    accountEmail: ACCOUNT,
    accountIndex: 0,
    surface: 'dialog',
  };
  const provider = () => createStoragePageEventProvider({ openDb: async () => db, hasDb: async () => true });

  it.each([
    ['event', 'ser1_20260318T150000Z'],
    ['series', 'ser1'],
  ] as const)('where a %s mark is kept', (scope, id) => {
    expect(overrideTargetId(recurring, scope)).toBe(id);
    expect(overrideTargetId({ eventId: 'ser9_20260318T150000Z' }, 'series')).toBe('ser9');
    expect(overrideTargetId({ eventId: 'single' }, 'series')).toBe('single');
  });

  it('"Not a 1:1" for the series: stored, the meeting follows, the next classification says so; cleared again', async () => {
    const instance = meeting(dana.id, NOW, { eventId: recurring.eventId, seriesId: 'ser1' });
    await putMeetings(db, [instance]);
    expect(await setOverride(ctx, recurring, { scope: 'series', isOneOnOne: false })).toEqual({ ok: true });
    expect(await getOverride(db, 'series', 'ser1')).toMatchObject({ isOneOnOne: false, targetId: 'ser1', updatedAt: NOW });
    expect(await getMeeting(db, instance.id)).toMatchObject({ isOneOnOne: false, classificationReason: 'unmarked-series', personId: dana.id });
    expect(await decidePageEvent(recurring, provider())).toMatchObject({ classification: { isOneOnOne: false, reason: 'unmarked-series' } });
    expect(notices).toEqual([{ type: 'meetings-changed', account: ACCOUNT, ids: [instance.id] }]);

    expect(await clearOverride(ctx, recurring, 'series')).toEqual({ ok: true });
    expect(await listOverrides(db)).toEqual([]);
    expect(await decidePageEvent(recurring, provider())).toMatchObject({ classification: { isOneOnOne: true, reason: 'two-human-guests' } });
  });

  it('"Treat as 1:1 with …" on a group event', async () => {
    const group: PageEvent = { ...recurring, eventId: 'grp', seriesId: undefined, guests: [...recurring.guests, { email: 'ari@example.com', organizer: false, resource: false }] };
    expect(await decidePageEvent(group, provider())).toMatchObject({ classification: { isOneOnOne: false } });
    expect(await setOverride(ctx, group, { scope: 'event', isOneOnOne: true, personEmail: 'Ari@Example.com' })).toEqual({ ok: true });
    expect(await getOverride(db, 'event', 'grp')).toMatchObject({ isOneOnOne: true, personEmail: 'ari@example.com' });
    expect(await decidePageEvent(group, provider())).toMatchObject({ classification: { isOneOnOne: true, reason: 'marked-event', other: { email: 'ari@example.com' } } });
    expect(await setOverride(ctx, group, { scope: 'event', isOneOnOne: true })).toEqual({ ok: false, message: 'Choose who the 1:1 is with.' });
  });

  it('"Mark as held" and back', async () => {
    expect(await setMarkedHeld(ctx, organised.id, true)).toEqual({ ok: true });
    expect(await getMeeting(db, organised.id)).toMatchObject({ markedHeld: true, updatedAt: NOW });
    await setMarkedHeld(ctx, organised.id, false);
    expect(await getMeeting(db, organised.id)).toMatchObject({ markedHeld: false });
    expect(notices).toEqual([
      { type: 'meetings-changed', account: ACCOUNT, ids: [organised.id] },
      { type: 'meetings-changed', account: ACCOUNT, ids: [organised.id] },
    ]);
    expect(await setMarkedHeld(ctx, `${ACCOUNT}|unknown`, true)).toMatchObject({ ok: false });
  });
});
