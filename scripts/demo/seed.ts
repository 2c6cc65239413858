// Places the demo's team (team.ts) on a calendar relative to today and writes what the calendar
// does not hold into a backup file:
// - In the fake Calendar API: weekly 1:1 series (RRULE) with every direct for 14 weeks, the VP's
//   series (she organises it), Priya's title-only 1:1, group meetings. Past held instances carry
//   their shared notes and action items as 1:1 Companion's v1 block in the description, exactly
//   as the extension writes them, so a fresh profile rebuilds them through the real read-back path.
//   Ravi's 1:1s of the last two weeks are cancelled: he is the overdue direct.
// - In the backup (imported on the options page, the way a user restores one): people with their
//   level and relationship confirmed, private notes, talking points, targets with progress, and the
//   1:1s older than the sync window (the engine reads 8 weeks back), so a person's history goes
//   back to the start of the series.
// Time zone: the machine's (the browser shows the Calendar page in it).
import { addDays, dayOf, monthOf, previousPeriod, startOfDay, startOfWeek, weekdayOf, workingDaysIn } from '../../src/domain/calendar-time';
import { renderBlock, type BlockActionItem } from '../../src/domain/description-block';
import { personIdForName, type ActionItem, type CalendarDay, type Meeting, type Note, type Person, type ProgressEntry, type Settings, type TalkingPoint, type Target } from '../../src/domain/schemas';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../src/storage/backup';
import type { SiteEvent } from '../../test/calendar-site/site';
import type { FakeCalendarApi } from '../../test/fake-calendar-api/server';
import type { EventInput } from '../../test/fake-calendar-api/state';
import { DEMO_TOKEN, ME, OLDER_MANAGER_ENTRIES, OLDER_REP_ENTRIES, PRIYA, TEAM, type HistoryEntry, type OneOnOneSlot, type Quota, type TeamMember } from './team';

const DAY_MS = 86_400_000;
/** Weeks of history: the series start this many weeks before this week. */
export const HISTORY_WEEKS = 14;
/**
 * 1:1s older than this go into the backup too. The sync engine reads 57 days back; a week of
 * overlap is harmless because imported records carry older timestamps than what the engine
 * stored, so the engine's copies win (backup import merges by `updatedAt`).
 */
const BACKUP_HISTORY_OLDER_THAN_MS = 49 * DAY_MS;
const WORKING_WEEK = { weekendDays: [0, 6], daysOff: [] } as const;
/** Custom event ids: base32hex, as Calendar requires. */
const EVENT_ID = /^[a-v0-9]{5,1024}$/;
const SERIES_AGENDA = 'Weekly 1:1: your 10 minutes, my 10 minutes, 10 for the future.';

export interface DemoClock {
  now: number;
  timeZone: string;
}

/** An event as the API lists it (the fields the demo reads). */
export interface ListedEvent {
  id: string;
  status?: string;
  summary?: string;
  description?: string;
  recurringEventId?: string;
  start?: { dateTime?: string; date?: string };
  end?: { dateTime?: string; date?: string };
  organizer?: { email?: string; displayName?: string };
  attendees?: Array<{ email: string; displayName?: string; responseStatus?: string; resource?: boolean }>;
}

export interface HeldOneOnOne {
  member: TeamMember;
  event: ListedEvent;
  start: number;
  end: number;
  day: CalendarDay;
  entry: HistoryEntry;
  items: BlockActionItem[];
}

export interface SeededCalendar {
  clock: DemoClock;
  today: CalendarDay;
  /** Monday of the week the Calendar page shows. */
  weekStart: CalendarDay;
  held: HeldOneOnOne[];
  /** Today's 1:1 with the featured direct: the one the sidebar is shown for. */
  featured: { member: TeamMember; event: ListedEvent };
  overdue: TeamMember;
  /** Every event of the shown week, after the changes, as the page shows them. */
  week: ListedEvent[];
}

// ---------------------------------------------------------------------------------------------
// Calendar

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function wallTime(day: CalendarDay, hour: number, minute: number): string {
  return `${day}T${pad(hour)}:${pad(minute)}:00`;
}

function plusMinutes(day: CalendarDay, hour: number, minute: number, minutes: number): string {
  const total = hour * 60 + minute + minutes;
  return wallTime(day, Math.floor(total / 60), total % 60);
}

function checkedId(id: string): string {
  if (!EVENT_ID.test(id)) throw new Error(`demo seed: ${id} is not a valid Calendar event id ([a-v0-9]{5,})`);
  return id;
}

/** The weekday (1 = Monday … 5 = Friday) of a slot; 'today' is today's, or Friday at the weekend. */
function slotWeekday(slot: OneOnOneSlot, today: CalendarDay): number {
  if (slot.weekday !== 'today') return slot.weekday;
  const weekday = weekdayOf(today);
  return weekday === 0 || weekday === 6 ? 5 : weekday;
}

const isWeekend = (day: CalendarDay) => [0, 6].includes(weekdayOf(day));

interface Guest {
  email: string;
  displayName: string;
}

const me: Guest = { email: ME.email, displayName: ME.name };
const person = (displayName: string) => ({ email: `${displayName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`, displayName });

/** Everything to add to the fake, relative to this week's Monday. */
export function planCalendar(clock: DemoClock): { today: CalendarDay; weekStart: CalendarDay; events: Array<EventInput & { id: string }>; featuredSingleId?: string } {
  const { timeZone } = clock;
  const today = dayOf(clock.now, timeZone);
  const weekStart = startOfWeek(today);
  const firstWeek = addDays(weekStart, -7 * HISTORY_WEEKS);
  const dayIn = (week: CalendarDay, weekday: number) => addDays(week, (weekday + 6) % 7);
  const timed = (text: string) => ({ dateTime: text, timeZone });
  const accepted = (p: Guest) => ({ ...p, responseStatus: 'accepted' });
  const events: Array<EventInput & { id: string }> = [];
  const weekly = (id: string, summary: string, weekday: number, hour: number, minute: number, minutes: number, rest: Partial<EventInput>) => {
    const day = dayIn(firstWeek, weekday);
    events.push({
      id: checkedId(id),
      summary,
      start: timed(wallTime(day, hour, minute)),
      end: timed(plusMinutes(day, hour, minute, minutes)),
      recurrence: ['RRULE:FREQ=WEEKLY'],
      ...rest,
    });
  };
  const single = (id: string, summary: string, weekday: number, hour: number, minute: number, minutes: number, rest: Partial<EventInput>) => {
    const day = dayIn(weekStart, weekday);
    events.push({ id: checkedId(id), summary, start: timed(wallTime(day, hour, minute)), end: timed(plusMinutes(day, hour, minute, minutes)), ...rest });
  };

  for (const member of TEAM) {
    const first = member.name.split(' ')[0]!;
    const other = { email: member.email, displayName: member.name };
    const slot = member.slot;
    if (member.organiser === 'me') {
      weekly(`demo1on1${member.key}`, `${first} / Alex 1:1`, slotWeekday(slot, today), slot.hour, slot.minute, slot.minutes, {
        description: SERIES_AGENDA,
        attendees: [accepted(me), accepted(other)],
      });
    } else {
      // Alex's own manager runs this series; Alex is a guest who may not edit it.
      weekly(`demo1on1${member.key}`, `Alex / ${first} weekly`, slotWeekday(slot, today), slot.hour, slot.minute, slot.minutes, {
        description: 'Agenda: forecast, hiring, anything blocked.',
        organizer: other,
        attendees: [accepted(other), accepted(me)],
      });
    }
  }
  // The featured direct's 1:1 is on today's weekday; at the weekend it is a one-off call today.
  let featuredSingleId: string | undefined;
  const featured = TEAM.find((member) => member.slot.weekday === 'today');
  if (featured && isWeekend(today)) {
    featuredSingleId = checkedId(`demo1on1${featured.key}prep`);
    const first = featured.name.split(' ')[0]!;
    events.push({
      id: featuredSingleId,
      summary: `${first} / Alex: Contoso exec call prep`,
      start: timed(wallTime(today, featured.slot.hour, featured.slot.minute)),
      end: timed(plusMinutes(today, featured.slot.hour, featured.slot.minute, featured.slot.minutes)),
      attendees: [accepted(me), accepted({ email: featured.email, displayName: featured.name })],
    });
  }

  // Priya's 1:1 has no guests: only the title names it.
  weekly('demotitle1on1', PRIYA.title, PRIYA.slot.weekday, PRIYA.slot.hour, PRIYA.slot.minute, PRIYA.slot.minutes, {});

  const diane = TEAM.find((member) => member.relationship === 'manager')!;
  const directs = TEAM.filter((member) => member.relationship === 'direct');
  const hannahsTeam = ['Lucia Romano', 'Ben Adler', 'Chloe Dubois', 'Kwame Mensah', 'Yuki Tanaka', 'Sam Whitfield'].map(person);
  const directors = ['Tom Becker', 'Leila Haddad', 'Owen Price'].map(person);
  const hannah = TEAM.find((member) => member.key === 'hannah')!;
  const emma = TEAM.find((member) => member.key === 'emma')!;
  weekly('demostaff01', 'Sales leadership staff meeting', 1, 8, 30, 45, {
    organizer: { email: diane.email, displayName: diane.name },
    attendees: [accepted({ email: diane.email, displayName: diane.name }), accepted(me), ...directors.map(accepted)],
  });
  weekly('demopipeline01', 'Mid-Market pipeline review', 2, 9, 0, 60, {
    organizer: { email: hannah.email, displayName: hannah.name },
    attendees: [accepted({ email: hannah.email, displayName: hannah.name }), accepted(me), ...hannahsTeam.map(accepted)],
  });
  weekly('demoforecast01', 'Forecast call', 4, 16, 0, 60, {
    description: 'Commit, best case, and what moved since last week. Update the CRM before the call.',
    attendees: [accepted(me), ...directs.map((member) => accepted({ email: member.email, displayName: member.name }))],
  });
  single('demofocus01', 'Focus: QBR deck', 3, 9, 0, 120, {});
  single('demodealdesk01', 'Deal desk: Blue Yonder pricing', 3, 15, 0, 30, {
    attendees: [accepted(me), accepted({ email: emma.email, displayName: emma.name }), accepted(person('Nora Kim'))],
  });
  single('demohiring01', 'Interview debrief: AE candidate', 4, 13, 0, 30, {
    attendees: [accepted(me), accepted({ email: hannah.email, displayName: hannah.name }), accepted(person('Lucia Romano'))],
  });
  return { today, weekStart, events, ...(featuredSingleId !== undefined && { featuredSingleId }) };
}

/** events.list through the fake's HTTP API, instances expanded, in start order. */
export async function listEvents(api: FakeCalendarApi, timeMin: number, timeMax: number): Promise<ListedEvent[]> {
  const query = new URLSearchParams({
    singleEvents: 'true',
    orderBy: 'startTime',
    timeMin: new Date(timeMin).toISOString(),
    timeMax: new Date(timeMax).toISOString(),
    maxResults: '2500',
  });
  const response = await fetch(`${api.url}/calendars/primary/events?${query}`, { headers: { Authorization: `Bearer ${DEMO_TOKEN}` } });
  if (!response.ok) throw new Error(`demo seed: listing the fake calendar failed (${response.status}): ${await response.text()}`);
  const body = (await response.json()) as { items?: ListedEvent[]; nextPageToken?: string };
  if (body.nextPageToken) throw new Error('demo seed: more events than one page holds');
  return body.items ?? [];
}

const startOf = (event: ListedEvent) => Date.parse(event.start?.dateTime ?? '');
const endOf = (event: ListedEvent) => Date.parse(event.end?.dateTime ?? '');

/** A short stable action item id ([0-9a-z]{8}) from a text. */
function shortId(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  let second = hash ^ 0x9e3779b9;
  second = Math.imul(second ^ (second >>> 15), 2246822507) >>> 0;
  return (hash.toString(36) + second.toString(36)).padStart(8, '0').slice(0, 8);
}

function entryFor(member: TeamMember, index: number): HistoryEntry {
  if (index < member.history.length) return member.history[index]!;
  const older = member.level === 'manager' ? OLDER_MANAGER_ENTRIES : OLDER_REP_ENTRIES;
  return older[(index - member.history.length) % older.length]!;
}

/**
 * Adds the user and every event to the fake, then edits the past instances of the directs' series
 * as Calendar would hold them: cancelled ones cancelled, held ones with their block.
 */
export async function seedCalendar(api: FakeCalendarApi, clock: DemoClock): Promise<SeededCalendar> {
  const { now, timeZone } = clock;
  const plan = planCalendar(clock);
  api.state.addUser({ email: ME.email, token: DEMO_TOKEN, timeZone, summary: ME.email });
  for (const event of plan.events) api.state.addEvent(ME.email, event);

  const startOfToday = startOfDay(plan.today, timeZone);
  const historyStart = startOfDay(addDays(plan.weekStart, -7 * (HISTORY_WEEKS + 1)), timeZone);
  const listed = await listEvents(api, historyStart, now + 21 * DAY_MS);
  const held: HeldOneOnOne[] = [];
  let overdue: TeamMember | undefined;
  for (const member of TEAM) {
    if (member.organiser !== 'me') continue;
    const seriesId = `demo1on1${member.key}`;
    const past = listed.filter((event) => event.recurringEventId === seriesId && startOf(event) < now).sort((a, b) => startOf(b) - startOf(a));
    const cancelled = new Set<ListedEvent>();
    if (member.overdue) {
      overdue = member;
      // Every 1:1 of the last two weeks (today's included) fell through: the last held one is
      // more than a week ago.
      for (const event of past) if (startOf(event) >= startOfToday - 14 * DAY_MS) cancelled.add(event);
    }
    for (const index of member.cancelled ?? []) if (past[index]) cancelled.add(past[index]);
    for (const event of cancelled) api.state.removeEvent(ME.email, event.id);

    // Notes are written for 1:1s held before today; today's is still to come (or to write).
    const withNotes = past.filter((event) => !cancelled.has(event) && startOf(event) < startOfToday);
    withNotes.forEach((event, index) => {
      const entry = entryFor(member, index);
      const start = startOf(event);
      const day = dayOf(start, timeZone);
      const items: BlockActionItem[] = (entry.items ?? []).map((item, position) => ({
        id: shortId(`${event.id}|${position}|${item.text}`),
        text: item.text,
        owner: item.owner,
        ...(item.owner === 'them' && { ownerName: member.name }),
        ...(item.dueDays !== undefined && { due: addDays(day, item.dueDays) }),
        status: item.open ? 'open' : 'done',
      }));
      const block = renderBlock({ eventId: event.id, meetingDate: day, sharedNotes: entry.notes, actionItems: items }, 'plain');
      const description = `${SERIES_AGENDA}\n\n${block}`;
      api.state.setDescription(ME.email, event.id, description);
      held.push({ member, event: { ...event, description }, start, end: endOf(event), day, entry, items });
    });
  }
  if (!overdue) throw new Error('demo seed: the team has no overdue direct');

  const featuredMember = TEAM.find((member) => member.slot.weekday === 'today');
  if (!featuredMember) throw new Error('demo seed: the team has no direct whose 1:1 is today');
  const weekEnd = startOfDay(addDays(plan.weekStart, 7), timeZone);
  const week = (await listEvents(api, startOfDay(plan.weekStart, timeZone), weekEnd)).filter((event) => event.status !== 'cancelled');
  const featuredId = plan.featuredSingleId;
  const featuredEvent = week.find((event) =>
    featuredId !== undefined ? event.id === featuredId : event.recurringEventId === `demo1on1${featuredMember.key}` && dayOf(startOf(event), timeZone) === plan.today,
  );
  if (!featuredEvent) throw new Error(`demo seed: no 1:1 with ${featuredMember.name} today`);
  // The seeding's own listings are not the extension's: start the request log afresh.
  api.state.clearRequests();
  return { clock, today: plan.today, weekStart: plan.weekStart, held, featured: { member: featuredMember, event: featuredEvent }, overdue, week };
}

/** The shown week's events as the stand-in Calendar page renders them (same ids as the API's). */
export function siteEvents(seeded: SeededCalendar): SiteEvent[] {
  return seeded.week
    .filter((event) => event.start?.dateTime && event.end?.dateTime)
    .map((event) => ({
      eventId: event.id,
      calendarId: ME.email,
      title: event.summary ?? '',
      start: new Date(startOf(event)).toISOString(),
      end: new Date(endOf(event)).toISOString(),
      guests: (event.attendees ?? []).map((guest) => ({
        email: guest.email,
        ...(guest.displayName !== undefined && { displayName: guest.displayName }),
        ...(guest.email === (event.organizer?.email ?? ME.email) && { organizer: true }),
        ...(guest.resource === true && { resource: true }),
        ...(guest.responseStatus !== undefined && { responseStatus: guest.responseStatus as 'accepted' }),
      })),
      ...(event.description !== undefined && { description: event.description }),
    }));
}

// ---------------------------------------------------------------------------------------------
// Backup file

const personId = (email: string) => `email:${email}`;
const meetingId = (eventId: string) => `${ME.email}|${eventId}`;

/** A deterministic stream of numbers in [0, 1) (mulberry32) seeded by a text. */
function randomFrom(seedText: string): () => number {
  let state = 0;
  for (let i = 0; i < seedText.length; i++) state = (Math.imul(state, 31) + seedText.charCodeAt(i)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * A month's progress as entries on working days: `total` split into deal-sized parts with some
 * spread, rounded to a realistic grain, the last part taking the remainder so the sum is exact.
 */
function progressEntries(member: TeamMember, quota: Quota, target: Target, days: readonly CalendarDay[], total: number, now: number): ProgressEntry[] {
  if (total <= 0 || days.length === 0) return [];
  const random = randomFrom(`${member.key}|${quota.metric}|${target.period.start}`);
  const grain = quota.chunk >= 5_000 ? 500 : 1;
  const count = Math.max(1, Math.min(days.length * 2, Math.round(total / quota.chunk)));
  const weights = Array.from({ length: count }, () => 0.5 + random());
  const sum = weights.reduce((a, b) => a + b, 0);
  let left = total;
  const parts = weights.map((weight, index) => {
    if (index === count - 1) return left;
    const part = Math.max(grain, Math.round((total * weight) / sum / grain) * grain);
    left -= part;
    return part;
  });
  const entries: ProgressEntry[] = [];
  parts.forEach((value, index) => {
    if (value <= 0) return;
    // Spread over the period in order, with some jitter, so no week is empty.
    const slot = Math.min(days.length - 1, Math.floor(((index + random() * 0.9) * days.length) / count));
    const date = days[slot]!;
    const note = quota.dealNames ? quota.dealNames[index % quota.dealNames.length] : undefined;
    entries.push({
      account: ME.email,
      id: `progress-${member.key}-${slug(quota.metric)}-${date}-${index}`,
      targetId: target.id,
      date,
      value: value * 10 ** quota.decimals,
      source: 'manual',
      ...(note !== undefined && { note }),
      updatedAt: now,
    });
  });
  return entries;
}

function targetsOf(member: TeamMember, today: CalendarDay, now: number, timeZone: string): { targets: Target[]; progress: ProgressEntry[] } {
  const targets: Target[] = [];
  const progress: ProgressEntry[] = [];
  const thisMonth = monthOf(today);
  const months = [previousPeriod(previousPeriod(thisMonth)), previousPeriod(thisMonth), thisMonth];
  for (const quota of member.quotas ?? []) {
    months.forEach((month, index) => {
      const target: Target = {
        account: ME.email,
        id: `target-${member.key}-${slug(quota.metric)}-${month.start.slice(0, 7)}`,
        owner: { kind: 'person', personId: personId(member.email) },
        metric: quota.metric,
        unit: quota.unit,
        decimals: quota.decimals,
        period: month,
        amount: quota.monthly * 10 ** quota.decimals,
        createdAt: startOfDay(month.start, timeZone),
        updatedAt: now,
      };
      targets.push(target);
      const all = workingDaysIn(month, WORKING_WEEK);
      const elapsed = all.filter((day) => day <= today);
      const attainment = quota.attainment[index]!;
      // This month: actual to date at the member's pace (share of the working days gone by).
      const total = Math.round(quota.monthly * attainment * (elapsed.length / Math.max(1, all.length)));
      progress.push(...progressEntries(member, quota, target, elapsed, total, now));
    });
  }
  return { targets, progress };
}

/**
 * The restore file: everything the calendar does not hold (see the top of this file).
 * `exportedAt` must be later than the first sync: people, targets and settings carry it as their
 * `updatedAt`, so they replace what the engine suggested when it learnt the calendar.
 */
export function backupFile(seeded: SeededCalendar, exportedAt: number): string {
  const { timeZone } = seeded.clock;
  const now = exportedAt;
  const records = {
    people: [] as Person[],
    meetings: [] as Meeting[],
    notes: [] as Note[],
    talkingPoints: [] as TalkingPoint[],
    actionItems: [] as ActionItem[],
    targets: [] as Target[],
    progress: [] as ProgressEntry[],
    settings: [] as Settings[],
  };
  for (const member of TEAM) {
    records.people.push({
      account: ME.email,
      id: personId(member.email),
      email: member.email,
      displayName: member.name,
      relationship: member.relationship,
      relationshipSource: 'confirmed',
      level: member.level,
      cadenceDays: 7,
      archived: false,
      updatedAt: now,
    });
    const { targets, progress } = targetsOf(member, seeded.today, now, timeZone);
    records.targets.push(...targets);
    records.progress.push(...progress);
    (member.talkingPoints ?? []).forEach((text, index) => {
      records.talkingPoints.push({ account: ME.email, id: `talking-${member.key}-${index}`, personId: personId(member.email), text, createdAt: now - (index + 1) * 3_600_000 });
    });
  }
  // Priya is known from her 1:1's title only (no guests): the provisional id of a name.
  records.people.push({
    account: ME.email,
    id: personIdForName(PRIYA.title.split('<>')[0]!),
    displayName: PRIYA.name,
    relationship: 'peer',
    relationshipSource: 'confirmed',
    level: 'manager',
    cadenceDays: 7,
    archived: false,
    updatedAt: now,
  });

  for (const one of seeded.held) {
    const id = meetingId(one.event.id);
    const who = personId(one.member.email);
    // Written an hour after the meeting: older than anything the engine stores, so its own
    // copies (read back from the calendar) win wherever both exist.
    const written = Math.min(now - 60_000, one.end + 3_600_000);
    if (one.entry.privateNote) {
      records.notes.push({ account: ME.email, id: `${id}|private`, meetingId: id, personId: who, kind: 'private', text: one.entry.privateNote, updatedAt: written, revision: 1 });
    }
    if (one.start >= now - BACKUP_HISTORY_OLDER_THAN_MS) continue;
    records.meetings.push({
      account: ME.email,
      id,
      source: 'calendar',
      eventId: one.event.id,
      calendarId: ME.email,
      ...(one.event.recurringEventId !== undefined && { seriesId: one.event.recurringEventId }),
      title: one.event.summary ?? '',
      start: one.start,
      end: one.end,
      allDay: false,
      attendees: [
        { email: ME.email, displayName: ME.name, self: true, organizer: true, responseStatus: 'accepted' },
        { email: one.member.email, displayName: one.member.name, responseStatus: 'accepted' },
      ],
      organizerEmail: ME.email,
      status: 'confirmed',
      personId: who,
      isOneOnOne: true,
      classificationReason: 'two-human-guests',
      canModify: true,
      markedHeld: false,
      updatedAt: written,
    });
    records.notes.push({ account: ME.email, id: `${id}|shared`, meetingId: id, personId: who, kind: 'shared', text: one.entry.notes, updatedAt: written, revision: 1 });
    one.items.forEach((item, position) => {
      records.actionItems.push({
        account: ME.email,
        id: item.id,
        personId: who,
        meetingId: id,
        text: item.text,
        owner: item.owner,
        ...(item.due !== undefined && { due: item.due }),
        status: item.status,
        createdAt: one.start + position,
        ...(item.status === 'done' && { doneAt: Math.min(now, one.end + 2 * DAY_MS) }),
        updatedAt: written,
      });
    });
  }
  records.settings.push({
    account: ME.email,
    timeZone,
    daysOff: [],
    weekendDays: [...WORKING_WEEK.weekendDays],
    selfAliases: [],
    useO3Template: false,
    // The demo restores a backup, so there is one: no reminder to make one.
    lastBackupAt: now - 2 * DAY_MS,
    updatedAt: now,
  });
  return JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now, account: ME.email, records });
}
