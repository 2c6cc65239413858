// Calendar-day arithmetic that the rest of the domain builds on: which day an instant falls on in
// an IANA time zone, when a zone's day starts, and periods (day, week, month, quarter, year) as
// inclusive 'YYYY-MM-DD' bounds. No library: `Intl.DateTimeFormat` (part of the JavaScript
// language, in Node and every browser) supplies the zone rules, so DST gaps and overlaps,
// half-hour and 45-minute offsets and historical changes come from the platform's tz database.
//
// Days are handled as day numbers (days since 1970-01-01, proleptic Gregorian) with integer
// arithmetic; only converting between instants and days consults the zone.
import type { CalendarDay, Period, PeriodKind } from './schemas';

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Day numbers (civil calendar, no time zone)

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of daysFromCivil. */
function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** 'YYYY-MM-DD' for a civil date. */
export function calendarDay(year: number, month: number, day: number): CalendarDay {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Year, month (1–12) and day of a calendar day, or undefined when it is not a real date. */
export function parseCalendarDay(text: string): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** True for a real 'YYYY-MM-DD' date ('2026-02-30' is not one, though it matches the pattern). */
export function isCalendarDay(text: string): text is CalendarDay {
  return parseCalendarDay(text) !== undefined;
}

/**
 * Days since 1970-01-01. Days reaching this module come from validated records; a malformed one
 * is a programming error, so it throws with the offending value rather than computing nonsense.
 */
export function dayNumber(day: CalendarDay): number {
  const parsed = parseCalendarDay(day);
  if (!parsed) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  return daysFromCivil(parsed.year, parsed.month, parsed.day);
}

export function dayFromNumber(dayNumber: number): CalendarDay {
  const { year, month, day } = civilFromDays(dayNumber);
  return calendarDay(year, month, day);
}

export function addDays(day: CalendarDay, n: number): CalendarDay {
  return dayFromNumber(dayNumber(day) + n);
}

/** Calendar days from a to b: 0 for the same day, 1 for the next, negative when b is earlier. */
export function daysBetween(a: CalendarDay, b: CalendarDay): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday (as `Date.getDay`). 1970-01-01 was a Thursday. */
export function weekdayOf(day: CalendarDay): number {
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

/** The first day of the week containing `day`; weeks start on `weekStartsOn` (1 = Monday). */
export function startOfWeek(day: CalendarDay, weekStartsOn = 1): CalendarDay {
  return addDays(day, -((weekdayOf(day) - weekStartsOn + 7) % 7));
}

/** 'YYYY-MM-DD' strings of equal length order as the days they name. */
export function compareDays(a: CalendarDay, b: CalendarDay): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Instants and time zones

// One formatter per zone: constructing Intl.DateTimeFormat costs far more than using one, and
// these functions run for every meeting the popup and sidebar look at.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        hourCycle: 'h23',
      });
    } catch {
      throw new RangeError(`unknown time zone: ${JSON.stringify(timeZone)}`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the platform knows this IANA zone (validate settings with it before use). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// `format` is about three times faster than `formatToParts`; en-US numeric output with h23 is
// "11/22/2026, 14:05:09". Anything else (another platform's pattern, era years) falls back to
// the parts, so the fast path can only be faster, never wrong.
const US_NUMERIC = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d{2}):(\d{2})$/;

function wallClock(instant: number, timeZone: string): WallClock {
  const formatter = formatterFor(timeZone);
  const match = US_NUMERIC.exec(formatter.format(instant));
  if (match) {
    return {
      month: Number(match[1]),
      day: Number(match[2]),
      year: Number(match[3]),
      hour: Number(match[4]),
      minute: Number(match[5]),
      second: Number(match[6]),
    };
  }
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter.formatToParts(instant)) {
    switch (part.type) {
      case 'year':
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second':
        clock[part.type] = Number(part.value);
        break;
      default:
        break;
    }
  }
  return clock;
}

/** The zone's offset from UTC at an instant, in ms (e.g. +19_800_000 for Asia/Kolkata). */
export function offsetAt(instant: number, timeZone: string): number {
  const clock = wallClock(instant, timeZone);
  const asUtc =
    daysFromCivil(clock.year, clock.month, clock.day) * DAY_MS +
    ((clock.hour * 60 + clock.minute) * 60 + clock.second) * 1000;
  // Intl shows whole seconds: compare against the instant truncated to its second.
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The calendar day an instant falls on in a time zone. */
export function dayOf(instant: number, timeZone: string): CalendarDay {
  const clock = wallClock(instant, timeZone);
  return calendarDay(clock.year, clock.month, clock.day);
}

/**
 * The first instant of a day in a zone. Usually local midnight; when a DST change skips
 * midnight (America/Sao_Paulo until 2019 went from 00:00 straight to 01:00) it is the instant of
 * the change, the first moment that shows this day. When clocks go back over midnight, the day
 * starts at its only midnight (the one after the change). A day the zone skipped entirely
 * (Pacific/Apia, 2011-12-30) starts when the next day does.
 *
 * The candidates are local midnight at the offsets in force a day before and a day after, as
 * Temporal does; a candidate is real when the zone has that offset at that instant.
 */
export function startOfDay(day: CalendarDay, timeZone: string): number {
  const target = dayNumber(day);
  const localMidnight = target * DAY_MS;
  const offsetBefore = offsetAt(localMidnight - DAY_MS, timeZone);
  const offsetAfter = offsetAt(localMidnight + DAY_MS, timeZone);
  let best: number | undefined;
  for (const offset of offsetBefore === offsetAfter ? [offsetBefore] : [offsetBefore, offsetAfter]) {
    const candidate = localMidnight - offset;
    if (offsetAt(candidate, timeZone) === offset && (best === undefined || candidate < best)) best = candidate;
  }
  if (best !== undefined) return best;
  // Midnight does not exist: find the change by bisection, between midnight read at the later
  // offset (still the day before) and at the earlier one (already this day).
  const dayAt = (instant: number) => dayNumber(dayOf(instant, timeZone));
  let low = localMidnight - Math.max(offsetBefore, offsetAfter);
  let high = localMidnight - Math.min(offsetBefore, offsetAfter);
  if (dayAt(low) >= target || dayAt(high) < target) {
    // Two changes within two days (none known in the tz database); widen to every real offset.
    low = localMidnight - 26 * 3_600_000;
    high = localMidnight + 26 * 3_600_000;
  }
  // Zone changes happen on whole seconds.
  low = Math.floor(low / 1000) * 1000;
  high = Math.ceil(high / 1000) * 1000;
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (dayAt(middle) >= target) high = middle;
    else low = middle;
  }
  return high;
}

/** The instants a period covers in a zone: [start, end), end being the next day's start. */
export function periodInstants(period: Pick<Period, 'start' | 'end'>, timeZone: string): { start: number; end: number } {
  return { start: startOfDay(period.start, timeZone), end: startOfDay(addDays(period.end, 1), timeZone) };
}

// ---------------------------------------------------------------------------------------------
// Periods (inclusive day bounds)

const PERIOD_RANK: Record<PeriodKind, number> = { day: 0, week: 1, month: 2, quarter: 3, year: 4 };

/** Orders period kinds by length: day < week < month < quarter < year. */
export function periodRank(kind: PeriodKind): number {
  return PERIOD_RANK[kind];
}

export function dayPeriod(day: CalendarDay): Period {
  return { kind: 'day', start: day, end: day };
}

export function weekOf(day: CalendarDay, weekStartsOn = 1): Period {
  const start = startOfWeek(day, weekStartsOn);
  return { kind: 'week', start, end: addDays(start, 6) };
}

function civil(day: CalendarDay): { year: number; month: number; day: number } {
  const parsed = parseCalendarDay(day);
  if (!parsed) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  return parsed;
}

export function monthOf(day: CalendarDay): Period {
  const { year, month } = civil(day);
  return { kind: 'month', start: calendarDay(year, month, 1), end: calendarDay(year, month, daysInMonth(year, month)) };
}

/** Calendar quarters: January–March, April–June, July–September, October–December. */
export function quarterOf(day: CalendarDay): Period {
  const { year, month } = civil(day);
  const first = month - ((month - 1) % 3);
  return {
    kind: 'quarter',
    start: calendarDay(year, first, 1),
    end: calendarDay(year, first + 2, daysInMonth(year, first + 2)),
  };
}

export function yearOf(day: CalendarDay): Period {
  const { year } = civil(day);
  return { kind: 'year', start: calendarDay(year, 1, 1), end: calendarDay(year, 12, 31) };
}

/** The whole period of a kind containing a day. */
export function periodOf(kind: PeriodKind, day: CalendarDay, weekStartsOn = 1): Period {
  switch (kind) {
    case 'day':
      return dayPeriod(day);
    case 'week':
      return weekOf(day, weekStartsOn);
    case 'month':
      return monthOf(day);
    case 'quarter':
      return quarterOf(day);
    case 'year':
      return yearOf(day);
  }
}

/**
 * The whole period of the same kind before this one. A clipped period (a week cut at a month's
 * start) counts as its whole period, so the previous week of 1–4 October 2026 is 21–27
 * September, not the rest of its own week.
 */
export function previousPeriod(period: Period, weekStartsOn = 1): Period {
  const whole = periodOf(period.kind, period.start, weekStartsOn);
  return periodOf(period.kind, addDays(whole.start, -1), weekStartsOn);
}

/** The whole period of the same kind after this one (after the whole of a clipped one). */
export function nextPeriod(period: Period, weekStartsOn = 1): Period {
  const whole = periodOf(period.kind, period.end, weekStartsOn);
  return periodOf(period.kind, addDays(whole.end, 1), weekStartsOn);
}

export function periodContains(period: Pick<Period, 'start' | 'end'>, day: CalendarDay): boolean {
  return period.start <= day && day <= period.end;
}

/** Days in a period, counting both ends (0 for an empty one, end before start). */
export function periodLength(period: Pick<Period, 'start' | 'end'>): number {
  return Math.max(0, daysBetween(period.start, period.end) + 1);
}

/** Every day of a period in order, both ends included. */
export function eachDay(period: Pick<Period, 'start' | 'end'>): CalendarDay[] {
  const first = dayNumber(period.start);
  const last = dayNumber(period.end);
  const days: CalendarDay[] = [];
  for (let n = first; n <= last; n++) days.push(dayFromNumber(n));
  return days;
}

/**
 * The periods of a kind that overlap `period`, each clipped to it, in order: the weeks of a
 * month start with the part of the week the month starts in (weeks start on `weekStartsOn`).
 * Clipped parts keep their kind.
 */
export function subPeriods(period: Pick<Period, 'start' | 'end'>, kind: PeriodKind, weekStartsOn = 1): Period[] {
  const parts: Period[] = [];
  let cursor = period.start;
  while (cursor <= period.end) {
    const whole = periodOf(kind, cursor, weekStartsOn);
    const end = whole.end < period.end ? whole.end : period.end;
    parts.push({ kind, start: cursor, end });
    cursor = addDays(end, 1);
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Working days

/** What is not a working day: weekdays (0 = Sunday … 6 = Saturday) and particular days off. */
export interface WorkingCalendar {
  weekendDays: readonly number[];
  daysOff: readonly CalendarDay[];
}

export function isWorkingDay(day: CalendarDay, calendar: WorkingCalendar): boolean {
  return !calendar.weekendDays.includes(weekdayOf(day)) && !calendar.daysOff.includes(day);
}

/** The working days of a period, in order. */
export function workingDaysIn(period: Pick<Period, 'start' | 'end'>, calendar: WorkingCalendar): CalendarDay[] {
  const weekend = new Set(calendar.weekendDays);
  const daysOff = new Set(calendar.daysOff);
  const first = dayNumber(period.start);
  const last = dayNumber(period.end);
  const days: CalendarDay[] = [];
  for (let n = first; n <= last; n++) {
    const day = dayFromNumber(n);
    if (!weekend.has((((n + 4) % 7) + 7) % 7) && !daysOff.has(day)) days.push(day);
  }
  return days;
}

export function countWorkingDays(period: Pick<Period, 'start' | 'end'>, calendar: WorkingCalendar): number {
  return workingDaysIn(period, calendar).length;
}
