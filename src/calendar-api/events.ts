// Pure readings of a validated Calendar API event, for the sync engine: when it is, who is in it,
// who the user is, and whether the user may change it. No network, no browser.
import type { Attendee } from '../domain/schemas';
import type { CalendarEvent, EventDateTime } from './schemas';
import { parseRfc3339, startOfDayInZone } from './time';

const RESOURCE_DOMAIN = '@resource.calendar.google.com';

export function isAllDay(event: CalendarEvent): boolean {
  return event.start?.date !== undefined;
}

export function isCancelled(event: CalendarEvent): boolean {
  return event.status === 'cancelled';
}

/** The series (recurring master) id of an instance, else undefined. */
export function seriesIdOf(event: CalendarEvent): string | undefined {
  return event.recurringEventId;
}

/**
 * An API date or date-time as epoch ms. A date-time carries its own offset; an all-day date is
 * midnight in the date's own `timeZone` if it names one, else in `timeZone` (the calendar's).
 * Undefined when absent or not readable.
 */
export function instantOf(value: EventDateTime | undefined, timeZone: string): number | undefined {
  if (!value) return undefined;
  if (value.dateTime !== undefined) return parseRfc3339(value.dateTime);
  if (value.date !== undefined) return startOfDayInZone(value.date, value.timeZone ?? timeZone);
  return undefined;
}

/** Start as epoch ms; undefined only for a cancelled event without times (a deletion marker). */
export function eventStart(event: CalendarEvent, timeZone: string): number | undefined {
  return instantOf(event.start, timeZone);
}

/** End as epoch ms (exclusive; an all-day event ends at the midnight after its last day). */
export function eventEnd(event: CalendarEvent, timeZone: string): number | undefined {
  return instantOf(event.end, timeZone);
}

/** For an instance of a series: where it was scheduled before any move, as epoch ms. */
export function originalStartOf(event: CalendarEvent, timeZone: string): number | undefined {
  return instantOf(event.originalStartTime, timeZone);
}

function normaliseEmail(email: string | undefined): string | undefined {
  const trimmed = email?.trim().toLowerCase();
  return trimmed && trimmed.includes('@') && trimmed.length >= 3 ? trimmed : undefined;
}

/**
 * The guests as the product's Attendee records: emails trimmed and lower-cased (identity is the
 * address), rooms marked as resources even where the API leaves the flag out, guests without a
 * usable address left out (they cannot be a person the user has 1:1s with).
 */
export function toAttendees(event: CalendarEvent): Attendee[] {
  const out: Attendee[] = [];
  for (const attendee of event.attendees ?? []) {
    const email = normaliseEmail(attendee.email);
    if (!email) continue;
    const resource = attendee.resource === true || email.endsWith(RESOURCE_DOMAIN);
    out.push({
      email,
      ...(attendee.displayName !== undefined && attendee.displayName.trim() !== '' && { displayName: attendee.displayName.trim() }),
      ...(attendee.self !== undefined && { self: attendee.self }),
      ...(attendee.organizer !== undefined && { organizer: attendee.organizer }),
      ...(resource && { resource: true }),
      ...(attendee.responseStatus !== undefined && { responseStatus: attendee.responseStatus }),
    });
  }
  return out;
}

/**
 * The address of the calendar this copy of the event is on (for the primary calendar: the user),
 * from the API's `self` flags: a guest, else the organiser, else the creator. Lower case.
 */
export function selfEmailOf(event: CalendarEvent): string | undefined {
  for (const attendee of event.attendees ?? []) {
    if (attendee.self === true) {
      const email = normaliseEmail(attendee.email);
      if (email) return email;
    }
  }
  if (event.organizer?.self === true) {
    const email = normaliseEmail(event.organizer.email);
    if (email) return email;
  }
  if (event.creator?.self === true) return normaliseEmail(event.creator.email);
  return undefined;
}

/** The organiser's address, lower case. */
export function organizerEmailOf(event: CalendarEvent): string | undefined {
  return normaliseEmail(event.organizer?.email);
}

/** Event types whose description the API does not let anyone change. */
const READ_ONLY_EVENT_TYPES = new Set(['fromGmail', 'birthday']);

/**
 * Whether the user may change the event's description: the user organises it, or its guests may
 * modify it. A locked copy and events made by Gmail or from birthdays are never writable.
 */
export function canUserModify(event: CalendarEvent, selfEmail: string | undefined): boolean {
  if (event.locked === true) return false;
  if (event.eventType !== undefined && READ_ONLY_EVENT_TYPES.has(event.eventType)) return false;
  if (event.organizer?.self === true) return true;
  const me = normaliseEmail(selfEmail);
  if (me !== undefined && organizerEmailOf(event) === me) return true;
  return event.guestsCanModify === true;
}
