// Times of day and period names as the popup and options page show them, in the user's time
// zone. Pure: the zone and the instant are arguments (the domain's calendar-time does the zone
// rules), so presenters stay testable in Node.
import { dayNumber, offsetAt, parseCalendarDay, weekdayOf } from '../domain/calendar-time';
import type { CalendarDay, Period } from '../domain/schemas';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** The zone this browser runs in, used until the user's settings name one. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** "09:05": the wall-clock time of an instant in a zone, 24-hour. */
export function timeOfDay(instant: number, timeZone: string): string {
  const local = instant + offsetAt(instant, timeZone);
  const minutes = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "10:00–10:30" for a meeting; one time when it has no length. */
export function timeRangeText(start: number, end: number, timeZone: string): string {
  const from = timeOfDay(start, timeZone);
  return end > start ? `${from}–${timeOfDay(end, timeZone)}` : from;
}

/**
 * The instant a wall-clock time ('HH:MM') on a day has in a zone. In a DST gap (02:30 on the
 * spring-forward day) the time is read with the offset before the change, as calendars do; in
 * the repeated hour of autumn the first one is taken.
 */
export function instantAt(day: CalendarDay, time: string, timeZone: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match || parseCalendarDay(day) === undefined) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  const wall = dayNumber(day) * DAY_MS + (hours * 60 + minutes) * MINUTE_MS;
  // Two candidates: the wall time read at the offsets in force a day before and after.
  const before = wall - offsetAt(wall - DAY_MS, timeZone);
  const after = wall - offsetAt(wall + DAY_MS, timeZone);
  const candidates = [before, after].filter((instant) => instant + offsetAt(instant, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  return before;
}

function dayLabel(day: CalendarDay): { day: number; month: number; year: number; weekday: string } {
  const parts = parseCalendarDay(day) ?? { year: 1970, month: 1, day: 1 };
  return { ...parts, weekday: WEEKDAYS[weekdayOf(day)] ?? '' };
}

/** "3 Nov", with the year when `withYear`. */
function shortDay(day: CalendarDay, withYear: boolean): string {
  const d = dayLabel(day);
  return `${d.day} ${MONTHS_SHORT[d.month - 1]}${withYear ? ` ${d.year}` : ''}`;
}

/** "3–7 Nov", "29 Sep–5 Oct", "29 Dec 2025–4 Jan 2026": a range of days. */
export function dayRangeText(start: CalendarDay, end: CalendarDay): string {
  if (start === end) return shortDay(start, false);
  const a = dayLabel(start);
  const b = dayLabel(end);
  if (a.year !== b.year) return `${shortDay(start, true)}–${shortDay(end, true)}`;
  if (a.month !== b.month) return `${shortDay(start, false)}–${shortDay(end, false)}`;
  return `${a.day}–${b.day} ${MONTHS_SHORT[b.month - 1]}`;
}

/** "Mon 3 Nov". */
export function weekdayDayText(day: CalendarDay): string {
  const d = dayLabel(day);
  return `${d.weekday} ${d.day} ${MONTHS_SHORT[d.month - 1]}`;
}

/** A period as people name it: "November 2025", "Q4 2025", "2025", "Week of 3 Nov 2025", "Mon 3 Nov 2025". */
export function periodLabel(period: Period): string {
  const start = dayLabel(period.start);
  switch (period.kind) {
    case 'year':
      return String(start.year);
    case 'quarter':
      return `Q${Math.floor((start.month - 1) / 3) + 1} ${start.year}`;
    case 'month':
      return `${MONTHS_LONG[start.month - 1]} ${start.year}`;
    case 'week':
      return `Week of ${shortDay(period.start, true)}`;
    case 'day':
      return `${weekdayDayText(period.start)} ${start.year}`;
  }
}

/** The label of one part of a split: a day is "Mon 3 Nov", a longer part its name or range. */
export function partLabel(period: Period): string {
  switch (period.kind) {
    case 'day':
      return weekdayDayText(period.start);
    case 'week':
      return dayRangeText(period.start, period.end);
    case 'month':
      return MONTHS_LONG[dayLabel(period.start).month - 1] ?? period.start;
    default:
      return periodLabel(period);
  }
}

/** Minutes between two instants, for a meeting's usual length. */
export function minutesBetween(start: number, end: number): number {
  return Math.max(0, Math.round((end - start) / MINUTE_MS));
}
