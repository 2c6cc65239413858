// Checks of what the user typed on the options page, before anything is stored. Each gives the
// value or a message that says what is wrong and what is allowed. Storage validates again with
// the record schemas (its refusal is shown the same way).
import { addDays, daysBetween, isCalendarDay, isValidTimeZone } from '../../domain/calendar-time';
import type { CalendarDay } from '../../domain/schemas';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Bounds of the cadence (Person.cadenceDays). */
export const MIN_CADENCE_DAYS = 1;
export const MAX_CADENCE_DAYS = 366;

/** A cadence in days: a whole number from 1 to 366. */
export function checkCadence(text: string): Checked<number> {
  const trimmed = text.trim();
  const message = `Cadence must be a whole number of days from ${MIN_CADENCE_DAYS} to ${MAX_CADENCE_DAYS}.`;
  if (trimmed === '') return { ok: false, message: `Enter a cadence. ${message}` };
  if (!/^\d+$/.test(trimmed)) return { ok: false, message };
  const days = Number(trimmed);
  if (days < MIN_CADENCE_DAYS || days > MAX_CADENCE_DAYS) return { ok: false, message };
  return { ok: true, value: days };
}

/** A real day 'YYYY-MM-DD' (what a date input gives). */
export function checkDay(text: string, what = 'date'): Checked<CalendarDay> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `Enter a ${what}.` };
  if (!isCalendarDay(trimmed)) return { ok: false, message: `“${trimmed}” is not a ${what} (YYYY-MM-DD).` };
  return { ok: true, value: trimmed };
}

/** A snooze end: a day from today on. */
export function checkSnoozeUntil(text: string, today: CalendarDay): Checked<CalendarDay> {
  const day = checkDay(text, 'date');
  if (!day.ok) return day;
  if (day.value < today) return { ok: false, message: 'Snooze until today or a later day.' };
  return day;
}

/** A 1:1 held off the calendar: today or earlier. */
export function checkHeldDay(text: string, today: CalendarDay): Checked<CalendarDay> {
  const day = checkDay(text, 'date');
  if (!day.ok) return day;
  if (day.value > today) return { ok: false, message: 'A 1:1 held off the calendar is today or earlier.' };
  return day;
}

/** 'HH:MM', 24-hour. */
export function checkTime(text: string): Checked<string> {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
    return { ok: false, message: 'Enter a time as HH:MM (24-hour).' };
  }
  return { ok: true, value: `${match[1]!.padStart(2, '0')}:${match[2]}` };
}

export const MAX_MEETING_MINUTES = 480;

/** A meeting's length: 1–480 minutes. */
export function checkDuration(text: string): Checked<number> {
  const trimmed = text.trim();
  const minutes = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!(minutes >= 1 && minutes <= MAX_MEETING_MINUTES)) {
    return { ok: false, message: `Duration must be a whole number of minutes from 1 to ${MAX_MEETING_MINUTES}.` };
  }
  return { ok: true, value: minutes };
}

export const MAX_DAYS_OFF_RANGE = 366;

/** Every day from `from` through `to` (to defaults to from). */
export function checkDayRange(fromText: string, toText: string): Checked<CalendarDay[]> {
  const from = checkDay(fromText, 'first day');
  if (!from.ok) return from;
  const to = toText.trim() === '' ? from : checkDay(toText, 'last day');
  if (!to.ok) return to;
  const count = daysBetween(from.value, to.value) + 1;
  if (count < 1) return { ok: false, message: 'The last day is before the first day.' };
  if (count > MAX_DAYS_OFF_RANGE) return { ok: false, message: `Add at most ${MAX_DAYS_OFF_RANGE} days at a time.` };
  return { ok: true, value: Array.from({ length: count }, (_, index) => addDays(from.value, index)) };
}

/** An IANA time zone the platform knows, e.g. "Europe/Berlin". */
export function checkTimeZone(text: string): Checked<string> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter a time zone, e.g. Europe/Berlin.' };
  if (!isValidTimeZone(trimmed)) return { ok: false, message: `“${trimmed}” is not a time zone this browser knows (e.g. Europe/Berlin).` };
  return { ok: true, value: trimmed };
}

/** Other addresses of the user, one per line or separated by commas; lower case, no repeats. */
export function checkAliases(text: string): Checked<string[]> {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  const bad = parts.find((part) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(part));
  if (bad !== undefined) return { ok: false, message: `“${bad}” is not an email address.` };
  return { ok: true, value: [...new Set(parts)] };
}

/** Decimal places of a unit: 0–4. */
export function checkDecimals(text: string): Checked<number> {
  const trimmed = text.trim();
  if (!/^[0-4]$/.test(trimmed)) return { ok: false, message: 'Decimals must be a whole number from 0 to 4.' };
  return { ok: true, value: Number(trimmed) };
}
