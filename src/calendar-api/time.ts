// Instants from the API's date forms. Timed events carry an RFC 3339 offset, so they are instants
// on their own; an all-day event is a calendar day, which becomes an instant only in a time zone
// (the calendar's, or the event's own when it names one).
import { isCalendarDay, isValidTimeZone, startOfDay } from '../domain/calendar-time';

/**
 * The first instant of a calendar day ('YYYY-MM-DD') in a time zone, or undefined when the day or
 * the zone is not valid (API input is not trusted). The rule itself is the domain's startOfDay
 * (where a clock change skips midnight, the day starts at the change).
 */
export function startOfDayInZone(day: string, timeZone: string): number | undefined {
  if (!isCalendarDay(day) || !isValidTimeZone(timeZone)) return undefined;
  return startOfDay(day, timeZone);
}

/** Epoch ms of an RFC 3339 date-time with offset, or undefined. */
export function parseRfc3339(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(text)) return undefined;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? undefined : instant;
}

/** RFC 3339 in UTC, as the API accepts for timeMin/timeMax/updatedMin. */
export function toRfc3339(instant: number): string {
  return new Date(instant).toISOString();
}
