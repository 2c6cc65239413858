// Overdue 1:1s (DESIGN.md "Overdue", CONTRACT.md "Popup"): a direct is overdue when more
// calendar days, in the user's time zone, have passed since the day of their last held 1:1 than
// their cadence. Also the popup's lists: today's and this week's 1:1s and the time they take.
import { addDays, dayOf, daysBetween, periodInstants, weekOf } from './calendar-time';
import type { CalendarDay, Meeting, Period, Person } from './schemas';

// ---------------------------------------------------------------------------------------------
// Which meetings count

/**
 * Whether a 1:1 takes (or took) place: not cancelled and not declined by either side, unless
 * the user logged it or marked it held (the calendar may say cancelled while they went for a
 * walk instead).
 */
export function takesPlace(meeting: Meeting): boolean {
  if (meeting.source === 'logged' || meeting.markedHeld) return true;
  return meeting.status !== 'cancelled' && meeting.declinedBy === undefined;
}

function isOneOnOneWith(meeting: Meeting, personIds: ReadonlySet<string>): boolean {
  return meeting.isOneOnOne && meeting.personId !== undefined && personIds.has(meeting.personId);
}

/** Later start wins; equal starts are ordered by id so the answer does not depend on input order. */
function isLater(a: Meeting, b: Meeting): boolean {
  return a.start > b.start || (a.start === b.start && a.id > b.id);
}

function lastHeldAmong(meetings: readonly Meeting[], personIds: ReadonlySet<string>, now: number): Meeting | undefined {
  let latest: Meeting | undefined;
  for (const meeting of meetings) {
    if (meeting.start >= now || !isOneOnOneWith(meeting, personIds) || !takesPlace(meeting)) continue;
    if (!latest || isLater(meeting, latest)) latest = meeting;
  }
  return latest;
}

function nextBookedAmong(meetings: readonly Meeting[], personIds: ReadonlySet<string>, now: number): Meeting | undefined {
  let earliest: Meeting | undefined;
  for (const meeting of meetings) {
    if (meeting.start < now || !isOneOnOneWith(meeting, personIds) || !takesPlace(meeting)) continue;
    if (!earliest || isLater(earliest, meeting)) earliest = meeting;
  }
  return earliest;
}

/**
 * The latest 1:1 with the person that started before `now` and took place (not cancelled, not
 * declined by either; logged and marked-held ones count).
 */
export function lastHeldOneOnOne(meetings: readonly Meeting[], personId: string, now: number): Meeting | undefined {
  return lastHeldAmong(meetings, new Set([personId]), now);
}

/** The earliest 1:1 with the person starting at or after `now` that is not cancelled or declined. */
export function nextBookedOneOnOne(meetings: readonly Meeting[], personId: string, now: number): Meeting | undefined {
  return nextBookedAmong(meetings, new Set([personId]), now);
}

// ---------------------------------------------------------------------------------------------
// Overdue

export interface OverdueStatus {
  person: Person;
  /** The user's calendar day at `now`. */
  today: CalendarDay;
  lastHeld: Meeting | undefined;
  /** Calendar days from the day of the last held 1:1 to today; undefined when none was held. */
  daysSince: number | undefined;
  /** The last day that is still within the cadence (overdue from the day after). */
  dueBy: CalendarDay | undefined;
  /** daysSince − cadence when overdue, else 0. */
  daysOverdue: number;
  overdue: boolean;
  /** Snoozed through a day on or after today (leave): never overdue meanwhile. */
  snoozed: boolean;
  /**
   * No 1:1 held yet. Not overdue (there is no clock to run without a first meeting, and a new
   * direct would otherwise be overdue at once); the popup may list it apart.
   */
  noOneOnOneYet: boolean;
  nextBooked: Meeting | undefined;
}

function statusFrom(
  person: Person,
  meetings: readonly Meeting[],
  personIds: ReadonlySet<string>,
  now: number,
  timeZone: string,
): OverdueStatus {
  const today = dayOf(now, timeZone);
  const lastHeld = lastHeldAmong(meetings, personIds, now);
  const lastHeldDay = lastHeld ? dayOf(lastHeld.start, timeZone) : undefined;
  const daysSince = lastHeldDay === undefined ? undefined : daysBetween(lastHeldDay, today);
  const snoozed = person.snoozedUntil !== undefined && person.snoozedUntil >= today;
  const overdue = !snoozed && daysSince !== undefined && daysSince > person.cadenceDays;
  return {
    person,
    today,
    lastHeld,
    daysSince,
    dueBy: lastHeldDay === undefined ? undefined : addDays(lastHeldDay, person.cadenceDays),
    daysOverdue: overdue ? (daysSince as number) - person.cadenceDays : 0,
    overdue,
    snoozed,
    noOneOnOneYet: lastHeld === undefined,
    nextBooked: nextBookedAmong(meetings, personIds, now),
  };
}

/**
 * Whether a person's 1:1 is overdue at `now`, counting calendar days in `timeZone` (a 1:1 at
 * 23:30 and now 00:10 the next day is 1 day). Overdue when days since > cadence: with a weekly
 * cadence, the same weekday a week later is not yet overdue, the day after is.
 */
export function overdueStatus(person: Person, meetings: readonly Meeting[], now: number, timeZone: string): OverdueStatus {
  return statusFrom(person, meetings, new Set([person.id]), now, timeZone);
}

/** Directs the popup follows: confirmed or suggested directs that are neither archived nor merged. */
export function isActiveDirect(person: Person): boolean {
  return person.relationship === 'direct' && !person.archived && person.mergedInto === undefined;
}

/**
 * Ids whose meetings belong to each active direct: its own, and those of records merged into it
 * (a provisional `name:` person later merged into the address keeps its old meetings).
 */
function idsByDirect(people: readonly Person[]): Map<string, Set<string>> {
  const byId = new Map(people.map((person) => [person.id, person]));
  const result = new Map<string, Set<string>>();
  for (const person of people) if (isActiveDirect(person)) result.set(person.id, new Set([person.id]));
  for (const person of people) {
    let current: Person | undefined = person;
    // Follow the chain; a cycle or a dangling id just ends it.
    for (let hops = 0; current?.mergedInto !== undefined && hops < people.length; hops++) {
      current = byId.get(current.mergedInto);
    }
    if (current && current !== person) result.get(current.id)?.add(person.id);
  }
  return result;
}

function compareStatuses(a: OverdueStatus, b: OverdueStatus): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.daysOverdue !== b.daysOverdue) return b.daysOverdue - a.daysOverdue;
  if (a.noOneOnOneYet !== b.noOneOnOneYet) return a.noOneOnOneYet ? 1 : -1;
  if (a.dueBy !== b.dueBy && a.dueBy !== undefined && b.dueBy !== undefined) return a.dueBy < b.dueBy ? -1 : 1;
  const byName = a.person.displayName.localeCompare(b.person.displayName);
  return byName !== 0 ? byName : a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0;
}

/**
 * The status of every active direct: overdue first (most days overdue first), then the rest by
 * the day they fall due (soonest first), those with no 1:1 yet last; ties by name.
 * Meetings are grouped per person once, so this is linear in people + meetings.
 */
export function directStatuses(
  people: readonly Person[],
  meetings: readonly Meeting[],
  now: number,
  timeZone: string,
): OverdueStatus[] {
  const ids = idsByDirect(people);
  const directOf = new Map<string, string>();
  for (const [directId, personIds] of ids) for (const id of personIds) directOf.set(id, directId);
  const meetingsByDirect = new Map<string, Meeting[]>();
  for (const meeting of meetings) {
    const directId = meeting.personId === undefined ? undefined : directOf.get(meeting.personId);
    if (directId === undefined) continue;
    const list = meetingsByDirect.get(directId);
    if (list) list.push(meeting);
    else meetingsByDirect.set(directId, [meeting]);
  }
  const statuses: OverdueStatus[] = [];
  for (const person of people) {
    const personIds = ids.get(person.id);
    if (!personIds) continue;
    statuses.push(statusFrom(person, meetingsByDirect.get(person.id) ?? [], personIds, now, timeZone));
  }
  return statuses.sort(compareStatuses);
}

/** The overdue directs, most overdue first (what the popup lists and the badge counts). */
export function overdueDirects(
  people: readonly Person[],
  meetings: readonly Meeting[],
  now: number,
  timeZone: string,
): OverdueStatus[] {
  return directStatuses(people, meetings, now, timeZone).filter((status) => status.overdue);
}

// ---------------------------------------------------------------------------------------------
// Today's and this week's 1:1s

/** Does [start, end) overlap the meeting? A zero-length meeting counts where it starts. */
function overlaps(meeting: Meeting, start: number, end: number): boolean {
  return meeting.start < end && Math.max(meeting.end, meeting.start + 1) > start;
}

/** 1:1s that take place and overlap the period (in `timeZone`), by start time. */
export function meetingsInPeriod(
  meetings: readonly Meeting[],
  period: Pick<Period, 'start' | 'end'>,
  timeZone: string,
): Meeting[] {
  const range = periodInstants(period, timeZone);
  return meetings
    .filter((meeting) => meeting.isOneOnOne && takesPlace(meeting) && overlaps(meeting, range.start, range.end))
    .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The popup's "today": 1:1s on that calendar day in the user's zone. */
export function meetingsOnDay(meetings: readonly Meeting[], day: CalendarDay, timeZone: string): Meeting[] {
  return meetingsInPeriod(meetings, { start: day, end: day }, timeZone);
}

/** The popup's "this week": 1:1s in the week containing `now` (weeks start on `weekStartsOn`). */
export function meetingsThisWeek(meetings: readonly Meeting[], now: number, timeZone: string, weekStartsOn = 1): Meeting[] {
  return meetingsInPeriod(meetings, weekOf(dayOf(now, timeZone), weekStartsOn), timeZone);
}

export interface WeekMinutes {
  week: Period;
  /** Minutes of 1:1s this week, held and booked. */
  total: number;
  /** The part before `now`. */
  held: number;
  /** The part from `now` on. */
  upcoming: number;
}

/**
 * Time in 1:1s this week ("the hours a team notices"): 1:1s that take place, clipped to the
 * week's instants in the user's zone (so a DST week is 167 or 169 hours long, correctly) and
 * split at `now`. All-day 1:1 events are not time spent and are left out.
 */
export function oneOnOneMinutesThisWeek(
  meetings: readonly Meeting[],
  now: number,
  timeZone: string,
  weekStartsOn = 1,
): WeekMinutes {
  const week = weekOf(dayOf(now, timeZone), weekStartsOn);
  const range = periodInstants(week, timeZone);
  let heldMs = 0;
  let totalMs = 0;
  for (const meeting of meetings) {
    if (!meeting.isOneOnOne || meeting.allDay || !takesPlace(meeting)) continue;
    const start = Math.max(meeting.start, range.start);
    const end = Math.min(meeting.end, range.end);
    if (end <= start) continue;
    totalMs += end - start;
    heldMs += Math.max(0, Math.min(end, now) - start);
  }
  const total = Math.round(totalMs / 60_000);
  const held = Math.round(heldMs / 60_000);
  return { week, total, held, upcoming: total - held };
}

/**
 * Minutes a week that 1:1s with every active direct take at their cadence (a fortnightly direct
 * counts half), for "this is what your 1:1s cost" next to the actual figure.
 */
export function weeklyMinutesIfEveryDirectMet(people: readonly Person[], typicalMinutes = 30): number {
  let minutes = 0;
  for (const person of people) if (isActiveDirect(person)) minutes += (typicalMinutes * 7) / person.cadenceDays;
  return Math.round(minutes);
}
