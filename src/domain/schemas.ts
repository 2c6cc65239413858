// The product's records, as zod schemas: every boundary (IndexedDB, backup files, messages)
// validates against these. Pure: no browser, DOM, IndexedDB or network.
//
// Conventions
// - An instant is epoch milliseconds (number). A calendar day is 'YYYY-MM-DD' (string).
// - Every stored record carries the `account` (the signed-in user's email, lower case) it belongs to.
// - Amounts of targets and progress are integers in the target's minor unit (cents for money),
//   so splits add back up exactly.
// - RECORD_SCHEMA_VERSION names the shape of these records; storage upgrades and backup files use it.
import * as z from 'zod/mini';

z.config(z.locales.en());

export const RECORD_SCHEMA_VERSION = 1;

const dayPattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const CalendarDay = z.string().check(z.regex(dayPattern, 'expected a day as YYYY-MM-DD'));
export type CalendarDay = z.infer<typeof CalendarDay>;

export const Instant = z.number().check(z.int(), z.nonnegative());
export const Account = z.string().check(z.minLength(3), z.includes('@'));
export const Email = z.string().check(z.minLength(3), z.includes('@'));
const NonEmpty = z.string().check(z.minLength(1));

// ---------------------------------------------------------------------------------------------
// Person

export const Relationship = z.enum(['direct', 'manager', 'peer', 'other']);
export type Relationship = z.infer<typeof Relationship>;

export const Level = z.enum(['frontline', 'manager', 'director', 'vp', 'executive']);
export type Level = z.infer<typeof Level>;

export const DEFAULT_CADENCE_DAYS = 7;

/**
 * A person the user has 1:1s with. Identity is the email (lower case): id `email:<address>`.
 * A person known only from a title ("Dana <> Sam") gets a provisional id `name:<normalised name>`
 * and no email; merging it into an address sets `mergedInto` on the provisional record.
 */
export const Person = z.object({
  account: Account,
  id: NonEmpty,
  email: z.optional(Email),
  displayName: NonEmpty,
  relationship: Relationship,
  /** 'suggested' until the user confirms; suggestions may be replaced by later learning. */
  relationshipSource: z.enum(['suggested', 'confirmed']),
  level: Level,
  cadenceDays: z.int().check(z.minimum(1), z.maximum(366)),
  /** Leave or days off: not overdue through this day (inclusive). */
  snoozedUntil: z.optional(CalendarDay),
  archived: z.boolean(),
  /** Set on a record merged into another person; readers follow it. */
  mergedInto: z.optional(NonEmpty),
  /** The user's own other addresses are not people; see Settings.selfAliases. */
  updatedAt: Instant,
});
export type Person = z.infer<typeof Person>;

export function personIdForEmail(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

export function personIdForName(name: string): string {
  return `name:${name.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

// ---------------------------------------------------------------------------------------------
// Meeting

export const ResponseStatus = z.enum(['needsAction', 'declined', 'tentative', 'accepted']);
export type ResponseStatus = z.infer<typeof ResponseStatus>;

export const Attendee = z.object({
  email: Email,
  displayName: z.optional(z.string()),
  self: z.optional(z.boolean()),
  organizer: z.optional(z.boolean()),
  resource: z.optional(z.boolean()),
  responseStatus: z.optional(ResponseStatus),
});
export type Attendee = z.infer<typeof Attendee>;

/** Why an event was or was not taken as a 1:1 (see classification). */
export const ClassificationReason = z.enum([
  'two-human-guests',
  'title',
  'marked-event',
  'marked-series',
  'not-one-on-one',
  'unmarked-event',
  'unmarked-series',
]);
export type ClassificationReason = z.infer<typeof ClassificationReason>;

/**
 * One occurrence of a meeting: a calendar event instance, or a 1:1 logged as held off the
 * calendar (source 'logged', no eventId). id: `${account}|${eventId}` for calendar events,
 * `${account}|logged:<random>` for logged ones.
 */
export const Meeting = z.object({
  account: Account,
  id: NonEmpty,
  source: z.enum(['calendar', 'logged']),
  /** The instance's event id (recurring instances end in `_<UTC start>`). */
  eventId: z.optional(NonEmpty),
  calendarId: z.optional(NonEmpty),
  /** The series' (recurring master's) event id, when this is an instance. */
  seriesId: z.optional(NonEmpty),
  title: z.string(),
  start: Instant,
  end: Instant,
  allDay: z.boolean(),
  attendees: z.array(Attendee),
  organizerEmail: z.optional(Email),
  /** The event's status in the calendar. */
  status: z.enum(['confirmed', 'tentative', 'cancelled']),
  /** Who declined, if either side did. */
  declinedBy: z.optional(z.enum(['me', 'them'])),
  /** The other person (Person.id) when this is a 1:1. */
  personId: z.optional(NonEmpty),
  isOneOnOne: z.boolean(),
  classificationReason: ClassificationReason,
  /** The user may change this event (organiser, or guests may modify). */
  canModify: z.boolean(),
  /** The user said it happened although the calendar does not show it (e.g. moved to a walk). */
  markedHeld: z.boolean(),
  updatedAt: Instant,
});
export type Meeting = z.infer<typeof Meeting>;

export function meetingIdForEvent(account: string, eventId: string): string {
  return `${account}|${eventId}`;
}

// ---------------------------------------------------------------------------------------------
// Notes, talking points, action items

export const NoteKind = z.enum(['shared', 'private']);
export type NoteKind = z.infer<typeof NoteKind>;

/** One per meeting and kind; id `${meetingId}|${kind}`. `revision` grows with every save. */
export const Note = z.object({
  account: Account,
  id: NonEmpty,
  meetingId: NonEmpty,
  personId: NonEmpty,
  kind: NoteKind,
  text: z.string(),
  updatedAt: Instant,
  revision: z.int().check(z.nonnegative()),
});
export type Note = z.infer<typeof Note>;

export function noteId(meetingId: string, kind: NoteKind): string {
  return `${meetingId}|${kind}`;
}

/** Something to raise at the person's next 1:1, collected between meetings. */
export const TalkingPoint = z.object({
  account: Account,
  id: NonEmpty,
  personId: NonEmpty,
  text: NonEmpty,
  createdAt: Instant,
  /** The meeting whose sidebar it was added from, if any. */
  fromMeetingId: z.optional(NonEmpty),
  /** Set once it was raised (the meeting it was raised in). */
  discussedInMeetingId: z.optional(NonEmpty),
  discussedAt: z.optional(Instant),
});
export type TalkingPoint = z.infer<typeof TalkingPoint>;

/** Stable short id: 8 characters of [0-9a-z]. Written into descriptions, so it must stay short. */
export const ActionItemId = z.string().check(z.regex(/^[0-9a-z]{4,12}$/, 'expected a short id'));

export const ActionItem = z.object({
  account: Account,
  id: ActionItemId,
  personId: NonEmpty,
  /** The meeting it was created in; its description block carries it. */
  meetingId: NonEmpty,
  text: NonEmpty,
  owner: z.enum(['me', 'them']),
  due: z.optional(CalendarDay),
  status: z.enum(['open', 'done']),
  createdAt: Instant,
  doneAt: z.optional(Instant),
  updatedAt: Instant,
});
export type ActionItem = z.infer<typeof ActionItem>;

/** A new action item id from a source of randomness (injectable for tests). */
export function newShortId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 8; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}

// ---------------------------------------------------------------------------------------------
// Targets and progress

export const PeriodKind = z.enum(['year', 'quarter', 'month', 'week', 'day']);
export type PeriodKind = z.infer<typeof PeriodKind>;

/** A period with inclusive calendar-day bounds. */
export const Period = z.object({
  kind: PeriodKind,
  start: CalendarDay,
  end: CalendarDay,
});
export type Period = z.infer<typeof Period>;

export const TargetOwner = z.union([
  z.object({ kind: z.literal('person'), personId: NonEmpty }),
  z.object({ kind: z.literal('team') }),
]);
export type TargetOwner = z.infer<typeof TargetOwner>;

export const Target = z.object({
  account: Account,
  id: NonEmpty,
  owner: TargetOwner,
  /** What is measured, e.g. "Bookings". */
  metric: NonEmpty,
  /** Unit shown to people, e.g. "USD" or "calls". */
  unit: NonEmpty,
  /** Decimal places of the unit: amounts are integers in 10^-decimals of the unit. */
  decimals: z.int().check(z.minimum(0), z.maximum(4)),
  period: Period,
  /** Integer amount in minor units. */
  amount: z.int(),
  /** The target this one was split from, if it was. */
  parentId: z.optional(NonEmpty),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Target = z.infer<typeof Target>;

export const ProgressEntry = z.object({
  account: Account,
  id: NonEmpty,
  targetId: NonEmpty,
  /** Whose progress, for team targets split across people. */
  personId: z.optional(NonEmpty),
  date: CalendarDay,
  /** Integer amount in the target's minor units achieved on that day. */
  value: z.int(),
  source: z.enum(['manual', 'csv']),
  note: z.optional(z.string()),
  updatedAt: Instant,
});
export type ProgressEntry = z.infer<typeof ProgressEntry>;

// ---------------------------------------------------------------------------------------------
// Per-account settings

export const Settings = z.object({
  account: Account,
  /** IANA time zone the user counts days in, e.g. "Europe/Berlin". */
  timeZone: NonEmpty,
  /** Days off excluded from working-day splits (in addition to weekends). */
  daysOff: z.array(CalendarDay),
  /** Weekdays that are not working days: 0 = Sunday … 6 = Saturday. */
  weekendDays: z.array(z.int().check(z.minimum(0), z.maximum(6))),
  /** The user's other addresses (aliases); they are the user, never a guest. */
  selfAliases: z.array(Email),
  /** Offer the three-part template (their 10 minutes, mine, the future) in new shared notes. */
  useO3Template: z.boolean(),
  /** When the last backup was exported (for the reminder). */
  lastBackupAt: z.optional(Instant),
  updatedAt: Instant,
});
export type Settings = z.infer<typeof Settings>;

export function defaultSettings(account: string, timeZone: string, now: number): Settings {
  return {
    account,
    timeZone,
    daysOff: [],
    weekendDays: [0, 6],
    selfAliases: [],
    useO3Template: false,
    updatedAt: now,
  };
}

/** Overrides of the 1:1 classification, for one event or a whole series. */
export const ClassificationOverride = z.object({
  account: Account,
  /** `event:<eventId>` or `series:<seriesId>` */
  id: NonEmpty,
  scope: z.enum(['event', 'series']),
  /** The event id or the series id. */
  targetId: NonEmpty,
  isOneOnOne: z.boolean(),
  /** For a group event marked as a 1:1: who the other person is. */
  personEmail: z.optional(Email),
  updatedAt: Instant,
});
export type ClassificationOverride = z.infer<typeof ClassificationOverride>;

export function overrideId(scope: 'event' | 'series', targetId: string): string {
  return `${scope}:${targetId}`;
}

/** A readable one-line message for a failed validation, for quarantine reasons and UI errors. */
export function describeValidationError(error: z.core.$ZodError): string {
  return z.prettifyError(error).replace(/\s*\n\s*/g, '; ');
}
