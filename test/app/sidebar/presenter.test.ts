// The sidebar's view model from records: which earlier notes are "Last notes", target rows per
// level's horizons, overdue action items first, talking points, the sync line, empty and loading
// states.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  actionItemsView,
  lastNotesView,
  personView,
  sharedStaysLocal,
  sidebarViewModel,
  syncStatusView,
  talkingPointsView,
  type SidebarModelInput,
} from '../../../src/app/sidebar/presenter';
import { loadSidebarRecords } from '../../../src/app/sidebar/sidebar-data';
import { targetsView, type TargetsInput } from '../../../src/app/sidebar/targets-view';
import type { Level, Meeting, Note, TalkingPoint } from '../../../src/domain/schemas';
import { noteId } from '../../../src/domain/schemas';
import type { MeetingSyncStatus } from '../../../src/sync/status';
import { putMeetings, putPerson, putProgressEntry, putRecords, putTarget, type CompanionDb, type TargetWithProgress } from '../../../src/storage';
import { ACCOUNT, actionItem, freshDb, meeting, person, progress, settings, target } from '../fixtures';

// Wednesday 18 March 2026, 15:00 UTC.
const NOW = Date.UTC(2026, 2, 18, 15);
const TODAY = '2026-03-18';
const DAY = 86_400_000;
const dana = person('dana@example.com', { displayName: 'Dana Reyes' });
const other = { email: 'dana@example.com', displayName: 'Dana Reyes', personId: dana.id };

function note(m: Meeting, kind: 'shared' | 'private', text: string): Note {
  return { account: ACCOUNT, id: noteId(m.id, kind), meetingId: m.id, personId: m.personId!, kind, text, updatedAt: m.start, revision: 1 };
}

let db: CompanionDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

describe('Last notes: the most recent earlier 1:1 with this person that has notes', () => {
  const at = (day: number) => Date.UTC(2026, 2, day, 10);
  const cases: { what: string; notes: [day: number, shared: string, priv: string][]; open: number; expected: unknown }[] = [
    { what: 'no earlier 1:1 has notes', notes: [[9, '', '  ']], open: 16, expected: { state: 'none' } },
    { what: 'skips an earlier one without notes', notes: [[2, 'Hiring plan', ''], [9, '', '']], open: 16, expected: { state: 'loaded', day: '2026-03-02', title: '1:1 2', sharedText: 'Hiring plan', privateText: '', hasNewer: false } },
    { what: 'private notes alone count', notes: [[2, 'Old', ''], [9, '', 'Worried about workload']], open: 16, expected: { state: 'loaded', day: '2026-03-09', sharedText: '', privateText: 'Worried about workload', hasOlder: true } },
    { what: 'never a later 1:1 nor this one', notes: [[9, 'Before', ''], [16, 'This one', ''], [23, 'After', '']], open: 16, expected: { state: 'loaded', day: '2026-03-09', sharedText: 'Before' } },
  ];
  for (const c of cases) {
    it(c.what, async () => {
      const meetings = [2, 9, 16, 23].map((day) => meeting(dana.id, at(day), { eventId: `ev${day}`, title: `1:1 ${day}` }));
      await putMeetings(db, meetings);
      await putPerson(db, dana);
      for (const [day, shared, priv] of c.notes) {
        const m = meetings.find((x) => x.eventId === `ev${day}`)!;
        await putRecords(db, 'notes', [note(m, 'shared', shared), note(m, 'private', priv)]);
      }
      const open = meetings.find((m) => m.eventId === `ev${c.open}`)!;
      const records = await loadSidebarRecords(db, { meeting: open, person: dana, settings: settings(), today: TODAY });
      const model = sidebarViewModel({ ...modelInput(), records });
      expect(model.lastNotes).toMatchObject(c.expected as object);
    });
  }

  it('pages: Older and Newer move through what was loaded', () => {
    const m1 = meeting(dana.id, at(2), { title: 'One' });
    const m2 = meeting(dana.id, at(9), { title: 'Two' });
    const entries = [{ meeting: m2, shared: note(m2, 'shared', 'two') }, { meeting: m1, shared: note(m1, 'shared', 'one') }];
    expect(lastNotesView({ entries, index: 0 }, 'UTC')).toMatchObject({ state: 'loaded', title: 'Two', hasOlder: true, hasNewer: false });
    expect(lastNotesView({ entries, index: 1 }, 'UTC')).toMatchObject({ state: 'loaded', title: 'One', sharedText: 'one', hasOlder: false, hasNewer: true });
    expect(lastNotesView({ entries, index: 1, next: { personId: dana.id, beforeStart: m1.start, beforeMeetingId: m1.id } }, 'UTC')).toMatchObject({ hasOlder: true });
    expect(lastNotesView(undefined, 'UTC')).toEqual({ state: 'loading' });
    expect(lastNotesView({ entries: [], index: 0, error: 'closed' }, 'UTC')).toEqual({ state: 'error', message: 'closed' });
  });
});

describe('Targets over the horizons of the person\'s level', () => {
  // March 2026 has 22 working days (Mon–Fri); a $22,000 month is $1,000 a working day.
  const march = target({ id: 't-march', owner: { kind: 'person', personId: dana.id }, period: { kind: 'month', start: '2026-03-01', end: '2026-03-31' }, amount: 2_200_000 });
  const child = target({ id: 't-week-part', owner: { kind: 'person', personId: dana.id }, period: { kind: 'week', start: '2026-03-16', end: '2026-03-22' }, amount: 123, parentId: 't-march' });
  const q1 = target({ id: 't-q1', metric: 'Pipeline', owner: { kind: 'person', personId: dana.id }, period: { kind: 'quarter', start: '2026-01-01', end: '2026-03-31' }, amount: 6_600_000 });
  const team = target({ id: 't-team', metric: 'Renewals', owner: { kind: 'team' }, period: { kind: 'month', start: '2026-03-01', end: '2026-03-31' }, amount: 4_400_000 });
  const entries = [
    progress('t-march', '2026-03-10', 600_000),
    progress('t-march', '2026-03-16', 150_000),
    progress('t-march', '2026-03-17', 50_000),
    progress('t-march', '2026-03-18', 30_000),
  ];
  const withProgress = (t: typeof march, p = entries.filter((e) => e.targetId === t.id)): TargetWithProgress => ({ target: t, progress: p });
  const sam = person('sam@example.com');
  const input = (level: Level, overrides: Partial<TargetsInput> = {}): TargetsInput => ({
    person: { ...dana, level },
    current: [withProgress(march), withProgress(child, [])],
    recent: [],
    directs: [dana, sam],
    settings: settings(),
    today: TODAY,
    ...overrides,
  });

  it('frontline: today and this week, against the month; actual, target, percent, pace, last period', () => {
    const view = targetsView(input('frontline'));
    expect(view.focusText).toBe('Frontline: today and this week, against the month');
    expect(view.horizons.map((h) => h.label)).toEqual(['Today', 'This week', 'March']);
    const [today, week, month] = view.horizons.map((h) => h.rows[0]!);
    expect(today).toMatchObject({ metric: 'Bookings', actualText: '$300.00', targetText: '$1,000.00', percentText: '30%', lastPeriod: { label: 'Yesterday', hit: false, detailText: '$500.00 of $1,000.00, 50%' } });
    // The split part stored for this week (parentId) is not counted again: the week is 5 × $1,000.
    expect(week).toMatchObject({
      actualText: '$2,300.00',
      targetText: '$5,000.00',
      percentText: '46%',
      pace: { status: 'ahead', expectedText: '$2,000.00', projectedText: '$5,750.00' },
      lastPeriod: { label: 'Last week', hit: true, detailText: '$6,000.00 of $5,000.00, 120%' },
    });
    expect(month).toMatchObject({ actualText: '$8,300.00', targetText: '$22,000.00', percentText: '38%', pace: { status: 'behind', expectedText: '$12,000.00' } });
    expect(month!.lastPeriod).toBeUndefined(); // no target covered February
    expect(view.progressTargets).toEqual([{ targetId: 't-march', label: 'Bookings (USD)', unit: 'USD', decimals: 2 }]);
  });

  it('director: the month against the quarter; a quarter target splits to the month by working days', () => {
    const view = targetsView(input('director', { current: [withProgress(q1, [])] }));
    expect(view.horizons.map((h) => h.label)).toEqual(['March', 'Q1 2026']);
    // Q1 2026 has 22 + 20 + 22 working days: March's share of $66,000 is 22/64.
    expect(view.horizons[0]!.rows[0]).toMatchObject({ metric: 'Pipeline', targetText: '$22,687.50', actualText: '$0.00' });
    expect(view.horizons[1]!.rows[0]).toMatchObject({ targetText: '$66,000.00' });
  });

  it.each([
    ['manager', ['This week', 'March']],
    ['vp', ['March', 'Q1 2026']],
    ['executive', ['Q1 2026', '2026']],
  ] as const)('%s sees %j', (level, labels) => {
    const yearly = target({ id: 't-year', owner: { kind: 'person', personId: dana.id }, period: { kind: 'year', start: '2026-01-01', end: '2026-12-31' }, amount: 26_400_000 });
    const current = level === 'executive' ? [withProgress(yearly, [])] : [withProgress(march)];
    expect(targetsView(input(level, { current })).horizons.map((h) => h.label)).toEqual(labels);
  });

  it('a direct sees their equal share of a team target and only their own progress; others do not see it', () => {
    const teamProgress = [progress('t-team', '2026-03-16', 100_000, { personId: dana.id }), progress('t-team', '2026-03-16', 999_999, { personId: sam.id })];
    const current = [withProgress(team, teamProgress)];
    const direct = targetsView(input('manager', { current }));
    expect(direct.horizons.find((h) => h.label === 'March')!.rows).toEqual([expect.objectContaining({ metric: 'Renewals (team share)', targetText: '$22,000.00', actualText: '$1,000.00' })]);
    expect(direct.progressTargets).toEqual([{ targetId: 't-team', label: 'Renewals (USD, team)', unit: 'USD', decimals: 2 }]);
    const notDirect = targetsView(input('manager', { current, person: { ...dana, relationship: 'peer', level: 'manager' }, directs: [sam] }));
    expect(notDirect.horizons).toEqual([]);
  });

  it('last week straddling two months uses both months\' targets (the ended one read as "recent")', () => {
    const feb = target({ id: 't-feb', owner: { kind: 'person', personId: dana.id }, period: { kind: 'month', start: '2026-02-01', end: '2026-02-28' }, amount: 2_000_000 });
    // Today Tue 3 March: last week is 23 Feb–1 Mar, all in February (5 working days of 20).
    const view = targetsView(input('frontline', { today: '2026-03-03', current: [withProgress(march, [])], recent: [withProgress(feb, [progress('t-feb', '2026-02-24', 400_000)])] }));
    expect(view.horizons.find((h) => h.label === 'This week')!.rows[0]!.lastPeriod).toMatchObject({ label: 'Last week', hit: false, detailText: '$4,000.00 of $5,000.00, 80%' });
  });

  // A weekend or a day off has no working days: the split gives it $0, and "$0 of $0 · On track"
  // is noise. The day's horizon says so instead; the week and month keep their rows.
  it.each([
    ['a Saturday', '2026-03-21', settings()],
    ['a Sunday', '2026-03-22', settings()],
    ['a weekday the user took off', '2026-03-18', settings({ daysOff: ['2026-03-18'] })],
  ])('frontline on %s: "Today" says it is not a working day and has no "$0 of $0" row', (_what, today, calendar) => {
    const view = targetsView(input('frontline', { today, settings: calendar }));
    expect(view.horizons.map((h) => h.label)).toEqual(['Today', 'This week', 'March']);
    const [day, week, month] = view.horizons;
    expect(day!.rows).toEqual([]);
    expect(day!.note).toBe('Today is not a working day: no target for today; what is added today counts toward this week and March');
    expect(week!.rows[0]!.metric).toBe('Bookings');
    expect(week!.rows[0]!.targetText).not.toBe('$0.00');
    expect(month!.rows[0]).toMatchObject({ metric: 'Bookings' });
    expect(week!.note).toBeUndefined();
    expect(month!.note).toBeUndefined();
    expect(view.progressTargets.map((t) => t.targetId)).toEqual(['t-march']);
  });

  it('a working day shows the day\'s row and no note', () => {
    const view = targetsView(input('frontline', { today: '2026-03-20' }));
    expect(view.horizons[0]).toMatchObject({ label: 'Today', rows: [expect.objectContaining({ targetText: '$1,000.00' })] });
    expect(view.horizons[0]!.note).toBeUndefined();
  });

  it('a target set for the rest day itself still shows; a person with no targets still gets the empty state', () => {
    const saturday = target({ id: 't-sat', metric: 'Calls', unit: 'calls', decimals: 0, owner: { kind: 'person', personId: dana.id }, period: { kind: 'day', start: '2026-03-21', end: '2026-03-21' }, amount: 5 });
    const view = targetsView(input('frontline', { today: '2026-03-21', current: [withProgress(march), withProgress(saturday, [])] }));
    const day = view.horizons.find((h) => h.label === 'Today')!;
    expect(day.rows).toEqual([expect.objectContaining({ metric: 'Calls', targetText: '5 calls' })]);
    expect(day.note).toMatch(/^Today is not a working day/);
    expect(targetsView(input('frontline', { today: '2026-03-22', current: [] })).horizons).toEqual([]);
  });

  it('a manager\'s week with no working days says so and keeps the month', () => {
    const week = ['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20'];
    const view = targetsView(input('manager', { today: '2026-03-18', settings: settings({ daysOff: week }) }));
    expect(view.horizons.map((h) => [h.label, h.rows.length, h.note])).toEqual([
      ['This week', 0, 'No working days this week: no target for it; what is added today counts toward March'],
      ['March', 1, undefined],
    ]);
  });

  it('no targets: no horizons (the section shows its empty state)', () => {
    expect(targetsView(input('frontline', { current: [] }))).toMatchObject({ horizons: [], progressTargets: [] });
  });
});

describe('Action items, talking points, the person, the sync line', () => {
  const m = meeting(dana.id, NOW, { eventId: 'this' });
  it('open items, overdue ones first by due date, then the rest as created; done ones not shown', () => {
    const items = [
      actionItem(m, 'No due date', 1),
      actionItem(m, 'Due Friday', 2, { due: '2026-03-20' }),
      actionItem(m, 'Overdue a week', 3, { due: '2026-03-10' }),
      actionItem(m, 'Overdue longer', 4, { due: '2026-03-01', owner: 'them' }),
      actionItem(m, 'Due today', 5, { due: TODAY }),
      actionItem(m, 'Done', 0, { status: 'done', doneAt: 9 }),
    ];
    expect(actionItemsView(items, TODAY).open.map((i) => i.text)).toEqual(['Overdue longer', 'Overdue a week', 'No due date', 'Due Friday', 'Due today']);
    expect(actionItemsView(items, TODAY).open[0]).toEqual({ id: items[3]!.id, text: 'Overdue longer', owner: 'them', due: '2026-03-01' });
    expect(actionItemsView([], TODAY)).toEqual({ open: [], defaultOwner: 'them' });
  });

  it('talking points: collected for this 1:1 (and raised in it) apart from those added here for next time', () => {
    const point = (id: string, overrides: Partial<TalkingPoint>): TalkingPoint => ({ account: ACCOUNT, id, personId: dana.id, text: id, createdAt: 1, ...overrides });
    const view = talkingPointsView(
      [
        point('collected', { createdAt: 2 }),
        point('from-options', { createdAt: 1 }),
        point('raised-here', { discussedInMeetingId: m.id, discussedAt: 5, fromMeetingId: 'earlier' }),
        point('for-next', { fromMeetingId: m.id, createdAt: 3 }),
      ],
      m.id,
    );
    expect(view.forThisMeeting).toEqual([
      { id: 'from-options', text: 'from-options', discussed: false },
      { id: 'raised-here', text: 'raised-here', discussed: true },
      { id: 'collected', text: 'collected', discussed: false },
    ]);
    expect(view.forNextTime).toEqual([{ id: 'for-next', text: 'for-next', discussed: false }]);
  });

  it.each([
    ['the page name', { displayName: 'Dana Reyes', email: 'dana@example.com', personId: dana.id }, { ...dana, displayName: 'Dana R.' }, { displayName: 'Dana Reyes', email: 'dana@example.com', levelText: 'Frontline' }],
    ['the stored name where the page shows only the address', { displayName: 'dana@example.com', email: 'dana@example.com', personId: dana.id }, dana, { displayName: 'Dana Reyes', email: 'dana@example.com', levelText: 'Frontline' }],
    ['no record yet', { displayName: 'Dana', personId: 'name:dana' }, undefined, { displayName: 'Dana' }],
  ] as const)('the person: %s', (_what, page, stored, expected) => {
    expect(personView(page, stored)).toEqual(expected);
  });

  const statuses: [MeetingSyncStatus | undefined, unknown][] = [
    [undefined, { kind: 'saved-locally' }],
    [{ kind: 'nothing-to-sync' }, { kind: 'saved-locally' }],
    [{ kind: 'saved-locally' }, { kind: 'saved-locally' }],
    [{ kind: 'syncing' }, { kind: 'syncing' }],
    [{ kind: 'synced', at: Date.UTC(2026, 2, 18, 14, 5) }, { kind: 'synced', atText: '14:05' }],
    [{ kind: 'cannot-write', code: 'not-organiser', reason: 'you are not the organiser' }, { kind: 'cannot-write', reason: 'you are not the organiser' }],
    [{ kind: 'failed', reason: 'HTTP 503' }, { kind: 'failed', reason: 'HTTP 503' }],
    [{ kind: 'signed-out', reason: 'no token' }, { kind: 'signed-out' }],
  ];
  it.each(statuses)('sync %j reads %j', (status, expected) => {
    expect(syncStatusView(status, NOW, 'UTC')).toEqual(expected);
  });

  // The shared box's label must agree with the sync line: it promises the other person reads the
  // notes in the event only while they are on their way there.
  it.each<[MeetingSyncStatus | undefined, string | undefined]>([
    [undefined, undefined],
    [{ kind: 'nothing-to-sync' }, undefined],
    [{ kind: 'saved-locally' }, undefined],
    [{ kind: 'syncing' }, undefined],
    [{ kind: 'synced', at: NOW }, undefined],
    [{ kind: 'failed', reason: 'HTTP 503' }, undefined],
    [{ kind: 'signed-out', reason: 'no token' }, undefined],
    [{ kind: 'cannot-write', code: 'not-organiser', reason: 'you are not the organiser' }, "you can't change this event"],
    [{ kind: 'cannot-write', code: 'deleted', reason: 'deleted' }, 'the event was deleted or cancelled'],
    [{ kind: 'cannot-write', code: 'not-on-calendar', reason: 'logged' }, 'this 1:1 is not an event on your calendar'],
  ])('sync %j: the shared notes stay in this browser because %j', (status, reason) => {
    expect(sharedStaysLocal(status)).toEqual(reason === undefined ? undefined : { reason });
    const loading = sidebarViewModel(modelInput(status ? { sync: status } : {}));
    expect(loading.notes.sharedStaysLocal).toEqual(reason === undefined ? undefined : { reason });
  });
});

function modelInput(overrides: Partial<SidebarModelInput> = {}): SidebarModelInput {
  return {
    other,
    storageProblems: {},
    pageEvent: { title: '1:1 Dana / Sam', timeText: 'Wednesday, March 18⋅3:00 – 3:30pm' },
    classificationReason: 'two-human-guests',
    now: NOW,
    timeZone: 'UTC',
    ...overrides,
  };
}

describe('the whole model', () => {
  it('before the records are read: the person and the page\'s meeting, every section loading, notes read-only', () => {
    const model = sidebarViewModel(modelInput());
    expect(model).toMatchObject({
      today: TODAY,
      person: { displayName: 'Dana Reyes', email: 'dana@example.com' },
      meeting: { title: '1:1 Dana / Sam', day: TODAY, timeText: 'Wednesday, March 18⋅3:00 – 3:30pm', canMarkHeld: false },
      lastNotes: { state: 'loading' },
      talkingPoints: { loading: true },
      actionItems: { loading: true },
      targets: { loading: true },
      notes: { loading: true, sharedText: '', privateText: '' },
      sync: { kind: 'saved-locally' },
    });
  });

  it('an empty thread: every section\'s empty state; quarantined records counted; a started meeting can be marked held', async () => {
    const m = meeting(dana.id, NOW - DAY, { eventId: 'this', seriesId: 'series', title: 'Weekly' });
    await putMeetings(db, [m]);
    await putPerson(db, dana);
    const records = await loadSidebarRecords(db, { meeting: m, person: dana, settings: settings({ useO3Template: true }), today: TODAY });
    const model = sidebarViewModel(modelInput({ records: { ...records, quarantined: 2 }, notes: { sharedText: 'a', privateText: 'b', sharedSaveState: { kind: 'saved' }, privateSaveState: { kind: 'idle' } } }));
    expect(model).toMatchObject({
      meeting: { title: 'Weekly', day: '2026-03-17', timeText: '15:00–15:30', isRecurring: true, canMarkHeld: true, markedHeld: false },
      lastNotes: { state: 'none' },
      talkingPoints: { forThisMeeting: [], forNextTime: [] },
      actionItems: { open: [] },
      targets: { horizons: [], progressTargets: [] },
      notes: { sharedText: 'a', privateText: 'b', sharedSaveState: { kind: 'saved' }, offerO3Template: true },
      storageProblems: { quarantined: { count: 2 } },
    });
    expect(model.notes.loading).toBeUndefined();
    expect(model.targets.loading).toBeUndefined();
    expect(model.notes.sharedStaysLocal).toBeUndefined();
    const readOnly = sidebarViewModel(modelInput({ records, sync: { kind: 'cannot-write', code: 'not-organiser', reason: 'not yours' } }));
    expect(readOnly.notes).toMatchObject({ loading: true, sharedStaysLocal: { reason: "you can't change this event" } });
  });

  it('reads targets and their progress from storage, the ended ones too', async () => {
    const m = meeting(dana.id, NOW, { eventId: 'this' });
    await putMeetings(db, [m]);
    await putPerson(db, dana);
    await putTarget(db, target({ id: 't-week', owner: { kind: 'person', personId: dana.id }, period: { kind: 'week', start: '2026-03-16', end: '2026-03-22' }, amount: 500_000 }));
    await putTarget(db, target({ id: 't-last-week', owner: { kind: 'person', personId: dana.id }, period: { kind: 'week', start: '2026-03-09', end: '2026-03-15' }, amount: 500_000 }));
    await putProgressEntry(db, progress('t-last-week', '2026-03-11', 700_000));
    await putProgressEntry(db, progress('t-week', '2026-03-16', 100_000));
    const records = await loadSidebarRecords(db, { meeting: m, person: dana, settings: settings(), today: TODAY });
    const week = sidebarViewModel(modelInput({ records })).targets.horizons.find((h) => h.label === 'This week')!;
    expect(week.rows[0]).toMatchObject({ actualText: '$1,000.00', targetText: '$5,000.00', lastPeriod: { hit: true, detailText: '$7,000.00 of $5,000.00, 140%' } });
  });
});
