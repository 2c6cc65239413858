import { describe, expect, it } from 'vitest';
import { optionsViewModels, type OptionsData } from '../../src/app/options-presenter';
import { peopleRows, personPageModel } from '../../src/app/people-presenter';
import { listedTargets, planCsvImport, targetViews, type TargetsData } from '../../src/app/targets-presenter';
import { noteId, type Meeting } from '../../src/domain/schemas';
import type { HistoryEntry } from '../../src/storage/history';
import { ACCOUNT, actionItem, DAY_MS, HOUR_MS, meeting, person, progress, settings, target } from './fixtures';

const dana = person('dana@example.com', { displayName: 'Dana Reyes' });
const sam = person('sam@example.com', { displayName: 'Sam Ito', relationship: 'peer', relationshipSource: 'suggested' });
const kim = person('kim@example.com', { displayName: 'Kim Lo' });

describe('peopleRows', () => {
  it('lists everyone but merged records, directs first, with the last 1:1 day in the zone and the count', () => {
    const merged = person('old@example.com', { displayName: 'Aaron', mergedInto: dana.id });
    const last = meeting(dana.id, Date.UTC(2025, 10, 18, 23, 30)); // 19 Nov in Berlin
    const rows = peopleRows([sam, merged, kim, dana], new Map([[dana.id, last]]), new Map([[dana.id, 12]]), 'Europe/Berlin');
    expect(rows.map((row) => [row.displayName, row.relationship, row.relationshipSuggested, row.lastOneOnOneDay, row.meetingCount])).toEqual([
      ['Dana Reyes', 'direct', false, '2025-11-19', 12],
      ['Kim Lo', 'direct', false, undefined, 0],
      ['Sam Ito', 'peer', true, undefined, 0],
    ]);
  });
});

describe('personPageModel', () => {
  const NOW = Date.UTC(2025, 10, 20, 12, 0);
  function entry(m: Meeting, shared = '', privateText = ''): HistoryEntry {
    const out: HistoryEntry = { meeting: m, actionItems: [] };
    if (shared) out.shared = { account: ACCOUNT, id: noteId(m.id, 'shared'), meetingId: m.id, personId: dana.id, kind: 'shared', text: shared, updatedAt: 1, revision: 1 };
    if (privateText) out.private = { account: ACCOUNT, id: noteId(m.id, 'private'), meetingId: m.id, personId: dana.id, kind: 'private', text: privateText, updatedAt: 1, revision: 1 };
    return out;
  }
  const cases: { name: string; meeting: Partial<Meeting>; startDaysAgo: number; state: string; declinedBy?: string; inCalendar: boolean }[] = [
    { name: 'held', meeting: {}, startDaysAgo: 7, state: 'held', inCalendar: true },
    { name: 'cancelled', meeting: { status: 'cancelled' }, startDaysAgo: 7, state: 'cancelled', inCalendar: true },
    { name: 'declined by them', meeting: { declinedBy: 'them' }, startDaysAgo: 7, state: 'declined', declinedBy: 'them', inCalendar: true },
    { name: 'cancelled but marked held', meeting: { status: 'cancelled', markedHeld: true }, startDaysAgo: 7, state: 'held', inCalendar: true },
    {
      name: 'logged off the calendar',
      meeting: { source: 'logged', eventId: undefined, calendarId: undefined, markedHeld: true },
      startDaysAgo: 3,
      state: 'logged',
      inCalendar: false,
    },
    { name: 'upcoming', meeting: {}, startDaysAgo: -1, state: 'upcoming', inCalendar: true },
  ];
  it.each(cases)('a $name 1:1', ({ meeting: overrides, startDaysAgo, state, declinedBy, inCalendar }) => {
    const m = meeting(dana.id, NOW - startDaysAgo * DAY_MS, overrides);
    const model = personPageModel(dana, [entry(m)], [], NOW, 'UTC');
    expect(model.history[0]).toMatchObject({ state, inCalendar, ...(declinedBy ? { declinedBy } : {}) });
  });

  it('shows the history newest first with times in the zone, notes and action items; open talking points oldest first', () => {
    const older = meeting(dana.id, Date.UTC(2025, 10, 6, 9, 0));
    const newer = meeting(dana.id, Date.UTC(2025, 10, 13, 9, 0), { end: Date.UTC(2025, 10, 13, 9, 45) });
    const newerEntry = entry(newer, 'pipeline review', 'seems tired');
    newerEntry.actionItems = [actionItem(newer, 'send the deck', newer.start, { due: '2025-11-21' }), actionItem(newer, 'book the course', newer.start, { owner: 'them', status: 'done', doneAt: NOW })];
    const points = [
      { account: ACCOUNT, id: 'tp2', personId: dana.id, text: 'promotion', createdAt: NOW - DAY_MS },
      { account: ACCOUNT, id: 'tp1', personId: dana.id, text: 'holiday plans', createdAt: NOW - 3 * DAY_MS },
      { account: ACCOUNT, id: 'tp0', personId: dana.id, text: 'raised already', createdAt: NOW - 9 * DAY_MS, discussedAt: NOW - 7 * DAY_MS, discussedInMeetingId: newer.id },
    ];
    const model = personPageModel(dana, [entry(older), newerEntry], points, NOW, 'Europe/Berlin');
    expect(model.today).toBe('2025-11-20');
    expect(model.person).toEqual({ id: dana.id, displayName: 'Dana Reyes', email: 'dana@example.com', summaryText: 'Direct · Frontline · every 7 days' });
    expect(model.history.map((h) => [h.day, h.timeText, h.sharedNotes, h.privateNotes])).toEqual([
      ['2025-11-13', '10:00–10:45', 'pipeline review', 'seems tired'],
      ['2025-11-06', '10:00–10:30', '', ''],
    ]);
    expect(model.history[0]?.actionItems).toEqual([
      { id: newerEntry.actionItems[0]!.id, text: 'send the deck', owner: 'me', done: false, due: '2025-11-21' },
      { id: newerEntry.actionItems[1]!.id, text: 'book the course', owner: 'them', done: true },
    ]);
    expect(model.talkingPoints).toEqual([
      { id: 'tp1', text: 'holiday plans', createdDay: '2025-11-17' },
      { id: 'tp2', text: 'promotion', createdDay: '2025-11-19' },
    ]);
  });
});

describe('targetViews', () => {
  // September 2025 has 22 working days (Monday 1st to Tuesday 30th, weekends off).
  const september = { kind: 'month' as const, start: '2025-09-01', end: '2025-09-30' };
  const quota = target({ id: 't-sep', owner: { kind: 'person', personId: dana.id }, period: september, amount: 10_000_000 });
  const base: TargetsData = { targets: [quota], progress: [], people: [dana, sam, kim], settings: settings() };

  it('splits a $100,000 month into weeks and days by working days, adding back up exactly', () => {
    const [view] = targetViews(base, '2025-09-11');
    expect(view).toMatchObject({ ownerLabel: 'Dana Reyes', metric: 'Bookings', periodLabel: 'September 2025', amountText: '$100,000.00' });
    const byWeek = view!.splits.find((split) => split.title === 'By week')!;
    expect(byWeek.parts.map((part) => [part.label, part.workingDays, part.amountText])).toEqual([
      // Largest remainders: the last part's .91 and then the earliest of the equal ones get the 2 cents left.
      ['1–7 Sep', 5, '$22,727.28'],
      ['8–14 Sep', 5, '$22,727.27'],
      ['15–21 Sep', 5, '$22,727.27'],
      ['22–28 Sep', 5, '$22,727.27'],
      ['29–30 Sep', 2, '$9,090.91'],
    ]);
    expect(byWeek.totalText).toBe('$100,000.00');
    const byDay = view!.splits.find((split) => split.title === 'By day')!;
    expect(byDay.parts).toHaveLength(30);
    // $4,545.45 a day and 10 cents over, one each to the first ten working days.
    expect(byDay.parts[0]).toMatchObject({ label: 'Mon 1 Sep', workingDays: 1, amountText: '$4,545.46' });
    expect(byDay.parts[29]).toMatchObject({ label: 'Tue 30 Sep', workingDays: 1, amountText: '$4,545.45' });
    expect(byDay.parts[5]).toMatchObject({ label: 'Sat 6 Sep', workingDays: 0, amountText: '$0.00' });
    expect(byDay.totalText).toBe('$100,000.00');
  });

  it('takes days off out of the split', () => {
    const [view] = targetViews({ ...base, settings: settings({ daysOff: ['2025-09-01'] }) }, '2025-09-11');
    const firstWeek = view!.splits.find((split) => split.title === 'By week')!.parts[0]!;
    // 21 working days: 4 of them in the first week.
    expect(firstWeek).toMatchObject({ workingDays: 4, amountText: '$19,047.62' });
  });

  it('shows pace against what the split expects by today, the projection, and whether last week was hit', () => {
    const entries = [progress('t-sep', '2025-09-02', 1_500_000), progress('t-sep', '2025-09-05', 500_000), progress('t-sep', '2025-09-09', 2_000_000)];
    const [view] = targetViews({ ...base, progress: entries }, '2025-09-11');
    // 8 working days before Thursday 11 Sep: $36,363.64 expected, $40,000 done.
    expect(view!.pace).toEqual({ status: 'ahead', actualText: '$40,000.00', expectedText: '$36,363.64', percentText: '40%', projectedText: '$110,000.00' });
    expect(view!.lastPeriod).toEqual({ label: 'Last week (1–7 Sep)', hit: false, detailText: '$20,000.00 of $22,727.28, 88%' });
    const byWeek = view!.splits.find((split) => split.title === 'By week')!;
    expect(byWeek.parts.map((part) => part.actualText)).toEqual(['$20,000.00', '$20,000.00', undefined, undefined, undefined]);
  });

  it('splits a team target across the active directs and offers them for progress', () => {
    const team = target({ id: 't-team', owner: { kind: 'team' }, period: september, amount: 100, unit: 'calls', decimals: 0 });
    const [view] = targetViews({ ...base, targets: [team] }, '2025-09-11');
    const byPerson = view!.splits.find((split) => split.title === 'By person')!;
    expect(byPerson.parts.map((part) => [part.label, part.amountText])).toEqual([
      ['Dana Reyes', '50 calls'],
      ['Kim Lo', '50 calls'],
    ]);
    expect(view!.progressPeople).toEqual([
      { id: dana.id, label: 'Dana Reyes' },
      { id: kim.id, label: 'Kim Lo' },
    ]);
  });

  it('an ended target\'s pace says whether it was hit; a running one carries no verdict yet', () => {
    const entries = [progress('t-sep', '2025-09-02', 6_000_000), progress('t-sep', '2025-09-20', 3_000_000)];
    const [missed] = targetViews({ ...base, progress: entries }, '2025-10-02');
    expect(missed!.pace).toMatchObject({ status: 'ended', actualText: '$90,000.00', percentText: '90%', hit: false });
    const [hit] = targetViews({ ...base, progress: [...entries, progress('t-sep', '2025-09-30', 1_000_000)] }, '2025-10-02');
    expect(hit!.pace).toMatchObject({ status: 'ended', hit: true });
    const [running] = targetViews({ ...base, progress: entries }, '2025-09-25');
    expect(running!.pace!.hit).toBeUndefined();
  });

  it('says why a target cannot be split', () => {
    const weekend = target({ owner: { kind: 'person', personId: dana.id }, period: { kind: 'week', start: '2025-09-06', end: '2025-09-07' }, amount: 500 });
    const [view] = targetViews({ ...base, targets: [weekend] }, '2025-09-06');
    expect(view!.splitProblem).toMatch(/no working days/);
  });

  it('lists running, then future, then recently ended targets; not parts of a split, not long-ended ones', () => {
    const running = quota;
    const future = target({ id: 't-oct', owner: { kind: 'person', personId: dana.id }, period: { kind: 'month', start: '2025-10-01', end: '2025-10-31' } });
    const lastMonth = target({ id: 't-aug', owner: { kind: 'person', personId: dana.id }, period: { kind: 'month', start: '2025-08-01', end: '2025-08-31' } });
    const longAgo = target({ id: 't-jun', owner: { kind: 'person', personId: dana.id }, period: { kind: 'month', start: '2025-06-01', end: '2025-06-30' } });
    const part = target({ id: 't-part', owner: { kind: 'person', personId: dana.id }, period: { kind: 'week', start: '2025-09-08', end: '2025-09-14' }, parentId: 't-sep' });
    expect(listedTargets([longAgo, lastMonth, future, part, running], '2025-09-11').map((t) => t.id)).toEqual(['t-sep', 't-oct', 't-aug']);
  });
});

describe('planCsvImport', () => {
  const september = target({ id: 't-sep', owner: { kind: 'person', personId: dana.id }, period: { kind: 'month', start: '2025-09-01', end: '2025-09-30' } });
  const october = target({ id: 't-oct', owner: { kind: 'person', personId: dana.id }, period: { kind: 'month', start: '2025-10-01', end: '2025-10-31' } });
  const data: TargetsData = { targets: [september, october], progress: [], people: [dana, kim], settings: settings() };

  it('puts each row on the target whose period holds its day', () => {
    const plan = planCsvImport('date,target,person,value\n2025-09-30,Bookings,Dana Reyes,"1,250.50"\n2025-10-01,Bookings,dana@example.com,99\n', 'sales.csv', data, '2025-10-02');
    expect(plan.entries).toEqual([
      { targetId: 't-sep', personId: dana.id, date: '2025-09-30', value: 125_050 },
      { targetId: 't-oct', personId: dana.id, date: '2025-10-01', value: 9_900 },
    ]);
    expect(plan.preview.rows.map((row) => (row.ok ? [row.targetText, row.valueText] : row.errors))).toEqual([
      ['Bookings — Dana Reyes, September 2025', '$1,250.50'],
      ['Bookings — Dana Reyes, October 2025', '$99.00'],
    ]);
  });

  it('refuses the whole file when a row has no target covering its day or lies in the future', () => {
    const plan = planCsvImport('date,target,person,value\n2025-09-30,Bookings,Dana Reyes,10\n2025-08-29,Bookings,Dana Reyes,10\n2025-10-05,Bookings,Dana Reyes,10\n', 'sales.csv', data, '2025-10-02');
    expect(plan.entries).toBeUndefined();
    const errors = plan.preview.rows.map((row) => (row.ok ? 'ok' : row.errors.join(' ')));
    expect(errors[0]).toBe('ok');
    expect(errors[1]).toMatch(/No Bookings target of Dana Reyes covers Fri 29 Aug 2025/);
    expect(errors[2]).toMatch(/after today/);
  });

  it('passes the domain’s own refusals through (unknown person, bad value, missing column)', () => {
    const plan = planCsvImport('date,target,person,value\n2025-09-30,Bookings,Nobody,10\n2025-09-29,Bookings,Dana Reyes,abc\n', 'x.csv', data, '2025-10-02');
    expect(plan.entries).toBeUndefined();
    expect(plan.preview.rows.every((row) => !row.ok)).toBe(true);
    const missing = planCsvImport('day,value\n2025-09-30,10\n', 'x.csv', data, '2025-10-02');
    expect(missing.entries).toBeUndefined();
    expect(missing.preview.fileErrors.join(' ')).toMatch(/no column/);
  });
});

describe('People rows flag directs as the popup does (the domain\'s directStatuses)', () => {
  const now = Date.UTC(2025, 10, 20, 12, 0); // Thu 20 Nov
  const at = (daysAgo: number) => meeting('x', now - daysAgo * DAY_MS);
  const cases: { what: string; who: Partial<Parameters<typeof person>[1]>; lastDaysAgo?: number; expected: unknown }[] = [
    { what: 'a weekly direct 19 days since the last 1:1', who: {}, lastDaysAgo: 19, expected: { kind: 'overdue', daysSinceLast: 19, cadenceDays: 7 } },
    { what: 'a weekly direct 8 days since (one day late)', who: {}, lastDaysAgo: 8, expected: { kind: 'overdue', daysSinceLast: 8, cadenceDays: 7 } },
    { what: 'a weekly direct exactly 7 days since (not yet)', who: {}, lastDaysAgo: 7, expected: undefined },
    { what: 'a fortnightly direct 10 days since', who: { cadenceDays: 14 }, lastDaysAgo: 10, expected: undefined },
    { what: 'a direct with no 1:1 held yet', who: {}, expected: { kind: 'no-one-on-one-yet' } },
    { what: 'a snoozed direct (leave) 19 days since', who: { snoozedUntil: '2025-11-30' }, lastDaysAgo: 19, expected: undefined },
    { what: 'my manager 19 days since', who: { relationship: 'manager' }, lastDaysAgo: 19, expected: undefined },
    { what: 'a peer with no 1:1 yet', who: { relationship: 'peer' }, expected: undefined },
    { what: 'an archived direct 19 days since', who: { archived: true }, lastDaysAgo: 19, expected: undefined },
  ];
  it.each(cases)('$what', ({ who, lastDaysAgo, expected }) => {
    const p = person('pat@example.com', { displayName: 'Pat Kim', ...who });
    const last = lastDaysAgo === undefined ? undefined : { ...at(lastDaysAgo), personId: p.id };
    const data: OptionsData = {
      people: [p],
      lastHeld: new Map(last ? [[p.id, last]] : []),
      meetingCounts: new Map(),
      targets: [],
      progress: [],
      settings: settings(),
      account: { state: 'signed-out' },
      sync: { kind: 'signed-out' },
      syncEnabled: false,
      quarantinedCount: 0,
    };
    expect(optionsViewModels(data, now, 'UTC').people.people[0]!.attention).toEqual(expected);
  });
});

describe('optionsViewModels', () => {
  it('fills every section from the records', () => {
    const now = Date.UTC(2025, 10, 20, 12, 0);
    const data: OptionsData = {
      people: [dana],
      lastHeld: new Map([[dana.id, meeting(dana.id, now - 3 * DAY_MS - HOUR_MS)]]),
      meetingCounts: new Map([[dana.id, 4]]),
      targets: [],
      progress: [],
      settings: settings({ daysOff: ['2025-12-26', '2025-12-24'], weekendDays: [6, 0], lastBackupAt: now - 2 * DAY_MS, selfAliases: ['me@home.example'], timeZone: 'Europe/Berlin' }),
      account: { state: 'signed-out' },
      sync: { kind: 'signed-out' },
      syncEnabled: false,
      quarantinedCount: 2,
    };
    const models = optionsViewModels(data, now, 'Europe/Berlin');
    expect(models.people.people[0]).toMatchObject({ displayName: 'Dana Reyes', lastOneOnOneDay: '2025-11-17', meetingCount: 4 });
    expect(models.daysOff).toEqual({ today: '2025-11-20', daysOff: ['2025-12-24', '2025-12-26'], weekendDays: [0, 6] });
    expect(models.backup).toEqual({ today: '2025-11-20', nothingSyncs: true, lastBackupDay: '2025-11-18' });
    expect(models.account).toEqual({ account: { state: 'signed-out' }, sync: { kind: 'signed-out' }, quarantinedCount: 2 });
    expect(models.settings).toEqual({ timeZone: 'Europe/Berlin', selfAliases: ['me@home.example'], useO3Template: false });
    expect(models.targets.owners.map((owner) => owner.label)).toEqual(['Team', 'Dana Reyes']);
    expect(models.personPage).toBeUndefined();
  });
});
