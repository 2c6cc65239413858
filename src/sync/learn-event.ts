// What the sync engine learns from one Calendar API event: the meeting record of a 1:1 (or an
// update of a meeting already known), and who the other person is. Pure: the engine reads the
// context from IndexedDB and stores the result.
import {
  canUserModify,
  eventEnd,
  eventStart,
  isAllDay,
  organizerEmailOf,
  seriesIdOf,
  toAttendees,
  type CalendarEvent,
} from '../calendar-api';
import { classifyEvent, type KnownPerson, type OtherPerson } from '../domain/classify';
import { type ClassificationOverride, type Meeting, meetingIdForEvent } from '../domain/schemas';

export interface LearnContext {
  /** The signed-in user's address, lower case: the account and the primary calendar's id. */
  account: string;
  /** The account and its aliases. */
  selfEmails: readonly string[];
  knownPeople: readonly KnownPerson[];
  overrides: readonly ClassificationOverride[];
  /** The calendar's zone: all-day events start at midnight there. */
  timeZone: string;
  /** Follows a person merged into another (Person.mergedInto) to the one that is kept. */
  resolvePersonId?: (personId: string) => string;
  now: number;
}

export type LearnedEvent =
  /** Not a 1:1 and not known: nothing to store. */
  | { kind: 'skip'; reason: string }
  | { kind: 'meeting'; meeting: Meeting; other?: OtherPerson };

/** Meeting fields compared to decide whether a stored meeting needs writing. */
export function sameMeeting(a: Meeting, b: Meeting): boolean {
  const { updatedAt: _a, ...restA } = a;
  const { updatedAt: _b, ...restB } = b;
  return sameDeep(restA, restB);
}

function sameDeep(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => sameDeep((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * The meeting an event makes. A cancelled event (deleted, or a cancelled instance) updates a known
 * meeting's status and is otherwise skipped. A known meeting keeps what the user said about it
 * (`markedHeld`) and, when it stops being a 1:1 (a third guest, or marked as not one), its person,
 * so its notes stay attached to someone.
 */
export function learnEvent(event: CalendarEvent, existing: Meeting | undefined, context: LearnContext): LearnedEvent {
  if (event.status === 'cancelled') {
    if (!existing) return { kind: 'skip', reason: 'a cancelled event that was never a known 1:1' };
    return { kind: 'meeting', meeting: existing.status === 'cancelled' ? existing : { ...existing, status: 'cancelled', updatedAt: context.now } };
  }
  const start = eventStart(event, context.timeZone);
  const end = eventEnd(event, context.timeZone);
  if (start === undefined || end === undefined) return { kind: 'skip', reason: 'the event has no readable start or end' };

  const attendees = toAttendees(event);
  const organizerEmail = organizerEmailOf(event);
  const seriesId = seriesIdOf(event);
  const title = event.summary ?? '';
  const status = event.status ?? 'confirmed';
  const classification = classifyEvent(
    {
      eventId: event.id,
      ...(seriesId !== undefined && { seriesId }),
      title,
      attendees,
      ...(organizerEmail !== undefined && { organizerEmail }),
      status,
      allDay: isAllDay(event),
    },
    { selfEmails: context.selfEmails, knownPeople: context.knownPeople, overrides: context.overrides },
  );
  if (!classification.isOneOnOne && !existing) return { kind: 'skip', reason: classification.detail };

  const resolve = context.resolvePersonId ?? ((id: string) => id);
  const personId = classification.isOneOnOne ? resolve(classification.other.personId) : existing?.personId;
  const self = new Set(context.selfEmails.map((email) => email.trim().toLowerCase()));
  const isSelf = (email: string, flagged: boolean | undefined) => flagged === true || self.has(email);
  const selfDeclined = attendees.some((a) => isSelf(a.email, a.self) && a.responseStatus === 'declined');
  const otherEmail = classification.isOneOnOne ? classification.other.email : undefined;
  const otherDeclined = otherEmail !== undefined && attendees.some((a) => a.email === otherEmail && a.responseStatus === 'declined');
  const declinedBy = selfDeclined ? 'me' : otherDeclined ? 'them' : undefined;

  const meeting: Meeting = {
    account: context.account,
    id: meetingIdForEvent(context.account, event.id),
    source: 'calendar',
    eventId: event.id,
    calendarId: context.account,
    ...(seriesId !== undefined && { seriesId }),
    title,
    start,
    end: Math.max(start, end),
    allDay: isAllDay(event),
    attendees,
    ...(organizerEmail !== undefined && { organizerEmail }),
    status,
    ...(declinedBy !== undefined && { declinedBy }),
    ...(personId !== undefined && { personId }),
    isOneOnOne: classification.isOneOnOne,
    classificationReason: classification.reason,
    canModify: canUserModify(event, context.account),
    markedHeld: existing?.markedHeld ?? false,
    updatedAt: context.now,
  };
  if (existing && sameMeeting(existing, meeting)) return { kind: 'meeting', meeting: existing, ...(classification.isOneOnOne && { other: classification.other }) };
  return { kind: 'meeting', meeting, ...(classification.isOneOnOne && { other: classification.other }) };
}
