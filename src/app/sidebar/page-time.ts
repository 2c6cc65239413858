// When a meeting takes place, from what the page says, for a 1:1 the extension sees for the first
// time (no stored meeting, not learnt from the Calendar API yet). Pure: the clock and the zone
// are arguments.
//
// Sources, best first (see meeting-setup.ts for the whole order):
// - a recurring instance's id ends in its UTC start (`<series>_20260316T100000Z`, all-day
//   `_20260316`): exact, in every language;
// - the dialog's time row ("Monday, March 16⋅10:00 – 10:30am"): read for English pages only.
//   Calendar writes it in the page's language and date format; guessing other languages' month
//   names and orders would be wrong more often than useful, so they give "unknown" instead.
import { addDays, calendarDay, dayOf, parseCalendarDay, startOfDay } from '../../domain/calendar-time';
import { splitInstanceId } from '../../domain/event-id';
import type { CalendarDay } from '../../domain/schemas';
import { instantAt } from '../time';

export interface PageTime {
  start: number;
  end: number;
  allDay: boolean;
}

const DAY_MS = 86_400_000;
/** A meeting whose length the page does not say is taken to last this long. */
export const DEFAULT_MEETING_MS = 30 * 60_000;

/** The start a recurring instance's id carries (UTC time, or an all-day date in `timeZone`). */
export function startFromInstanceId(eventId: string, timeZone: string): { start: number; allDay: boolean } | undefined {
  const instance = splitInstanceId(eventId);
  if (!instance) return undefined;
  const text = instance.instanceStart;
  const day = calendarDay(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
  if (!parseCalendarDay(day)) return undefined;
  if (text.length === 8) return { start: startOfDay(day, timeZone), allDay: true };
  const start = Date.UTC(Number(text.slice(0, 4)), Number(text.slice(4, 6)) - 1, Number(text.slice(6, 8)), Number(text.slice(9, 11)), Number(text.slice(11, 13)), Number(text.slice(13, 15)));
  return Number.isFinite(start) ? { start, allDay: false } : undefined;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

interface ClockTime {
  hour: number;
  minute: number;
  meridiem?: 'am' | 'pm';
}

// In the time part every number is a time: "10:00", "10:30am", "1" (of "1 – 2pm"), "2 p.m.".
const TIME = /(\d{1,2})(?:[:.](\d{2}))?(?:\s*([ap])\.?\s*m\.?(?![a-z]))?/giu;

function readTimes(text: string): ClockTime[] {
  const times: ClockTime[] = [];
  for (const match of text.matchAll(TIME)) {
    const meridiem = match[3] === undefined ? undefined : match[3].toLowerCase() === 'a' ? 'am' : 'pm';
    times.push({ hour: Number(match[1]), minute: Number(match[2] ?? 0), ...(meridiem !== undefined && { meridiem }) });
  }
  return times;
}

/** 24-hour 'HH:MM', or undefined for an impossible time. */
function to24(time: ClockTime, meridiem: 'am' | 'pm' | undefined): string | undefined {
  let hour = time.hour;
  if (time.minute > 59) return undefined;
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  } else if (hour > 23) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/** "March 16", "16 March", "Mar 16, 2026": month and day (and year) in English. */
function readDate(text: string): { month: number; day: number; year?: number } | undefined {
  const words = text.toLowerCase();
  const candidates = [
    ...[...words.matchAll(/\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?/gu)].map((m) => ({ month: MONTHS[m[1]!], day: Number(m[2]), year: m[3] })),
    ...[...words.matchAll(/\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\b\.?(?:,?\s+(\d{4})\b)?/gu)].map((m) => ({ month: MONTHS[m[2]!], day: Number(m[1]), year: m[3] })),
  ];
  for (const candidate of candidates) {
    if (candidate.month !== undefined && candidate.day >= 1 && candidate.day <= 31) {
      return { month: candidate.month, day: candidate.day, ...(candidate.year !== undefined && { year: Number(candidate.year) }) };
    }
  }
  return undefined;
}

/** Without a year, the page means the nearest such day: within half a year of today. */
function nearestYear(month: number, day: number, today: CalendarDay): CalendarDay | undefined {
  const year = Number(today.slice(0, 4));
  let best: { day: CalendarDay; distance: number } | undefined;
  for (const candidateYear of [year - 1, year, year + 1]) {
    const candidate = calendarDay(candidateYear, month, day);
    if (!parseCalendarDay(candidate)) continue;
    const distance = Math.abs(Date.parse(`${candidate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`));
    if (!best || distance < best.distance) best = { day: candidate, distance };
  }
  return best?.day;
}

/**
 * Reads an English time row: "Monday, March 16⋅10:00 – 10:30am", "Thursday, 18 September⋅14:00 –
 * 14:30", "Monday, March 16, 2026⋅10:00 AM – 10:30 AM", or a bare day (all day). Undefined when
 * it cannot be read with certainty (another language, a range over several days, odd text).
 */
export function parsePageTimeText(text: string, now: number, timeZone: string): PageTime | undefined {
  const clean = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (clean === '' || clean.length > 200) return undefined;
  // The day and the times are separated by a middle dot (⋅ or ·), sometimes a comma.
  const separator = /\s*[⋅·•]\s*/u.exec(clean);
  const datePart = separator ? clean.slice(0, separator.index) : clean;
  const timePart = separator ? clean.slice(separator.index + separator[0].length) : '';
  // No separator but times: a range over several days ("March 16, 10:00am – March 17, 11:00am").
  if (!separator && /\d[:.]\d{2}|\d\s*[ap]\.?\s*m\b/iu.test(clean)) return undefined;
  const date = readDate(datePart);
  if (!date) return undefined;
  // A second date in the time part: an event over several days. Not guessed.
  if (timePart !== '' && readDate(timePart)) return undefined;
  const today = dayOf(now, timeZone);
  const day = date.year !== undefined ? calendarDay(date.year, date.month, date.day) : nearestYear(date.month, date.day, today);
  if (day === undefined || !parseCalendarDay(day)) return undefined;

  const times = readTimes(timePart);
  if (times.length === 0) {
    if (timePart.trim() !== '') return undefined;
    const start = startOfDay(day, timeZone);
    return { start, end: startOfDay(addDays(day, 1), timeZone), allDay: true };
  }
  if (times.length > 2) return undefined;
  const [first, second] = times as [ClockTime, ClockTime | undefined];
  // "10:00 – 10:30am": the first time takes the second's am/pm, unless that would put it after
  // the end ("11:30 – 12:30pm" starts at 11:30 am).
  let firstMeridiem = first.meridiem ?? second?.meridiem;
  if (first.meridiem === undefined && second?.meridiem !== undefined) {
    const sameHalf = to24(first, second.meridiem);
    const end = to24(second, second.meridiem);
    if (sameHalf !== undefined && end !== undefined && sameHalf > end) firstMeridiem = second.meridiem === 'pm' ? 'am' : 'pm';
  }
  const startText = to24(first, firstMeridiem);
  if (startText === undefined) return undefined;
  const start = instantAt(day, startText, timeZone);
  if (start === undefined) return undefined;
  if (!second) return { start, end: start + DEFAULT_MEETING_MS, allDay: false };
  const endText = to24(second, second.meridiem);
  if (endText === undefined) return undefined;
  let end = instantAt(day, endText, timeZone);
  if (end === undefined) return undefined;
  // Past midnight ("11:30pm – 12:15am"): the end is on the next day.
  if (end <= start) end = instantAt(addDays(day, 1), endText, timeZone) ?? start + DEFAULT_MEETING_MS;
  if (end - start > DAY_MS) return undefined;
  return { start, end, allDay: false };
}
