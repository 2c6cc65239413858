// Calendar API v3 responses as zod/mini schemas: only the fields the product reads are checked,
// everything else passes through untouched (looseObject), so a new field from Google never sets an
// event aside. Types come from `@googleapis/calendar` as a type-only import: it is erased at build
// time and adds nothing to the bundle (test/calendar-api/bundle.test.ts proves it).
import type { calendar_v3 } from '@googleapis/calendar';
import * as z from 'zod/mini';

z.config(z.locales.en());

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** An RFC 3339 timestamp with a mandatory offset, as the API writes them. */
export const Rfc3339 = z
  .string()
  .check(
    z.regex(RFC3339, 'expected an RFC 3339 date-time with an offset'),
    z.refine((text) => !Number.isNaN(Date.parse(text)), 'expected a real date-time'),
  );

export const EventDateTime = z
  .looseObject({
    date: z.optional(z.string().check(z.regex(DAY, 'expected a day as YYYY-MM-DD'))),
    dateTime: z.optional(Rfc3339),
    timeZone: z.optional(z.string()),
  })
  .check(
    z.refine((value) => (value.date === undefined) !== (value.dateTime === undefined), {
      message: 'expected exactly one of date and dateTime',
    }),
  );
export type EventDateTime = z.infer<typeof EventDateTime>;

export const ApiResponseStatus = z.enum(['needsAction', 'declined', 'tentative', 'accepted']);

export const EventAttendee = z.looseObject({
  email: z.optional(z.string()),
  displayName: z.optional(z.string()),
  self: z.optional(z.boolean()),
  organizer: z.optional(z.boolean()),
  resource: z.optional(z.boolean()),
  optional: z.optional(z.boolean()),
  responseStatus: z.optional(ApiResponseStatus),
});
export type EventAttendee = z.infer<typeof EventAttendee>;

/** The organizer and the creator. */
export const EventPerson = z.looseObject({
  id: z.optional(z.string()),
  email: z.optional(z.string()),
  displayName: z.optional(z.string()),
  self: z.optional(z.boolean()),
});
export type EventPerson = z.infer<typeof EventPerson>;

export const EventStatus = z.enum(['confirmed', 'tentative', 'cancelled']);
export type EventStatus = z.infer<typeof EventStatus>;

/**
 * An event as events.list / events.get / events.patch return it. A cancelled event (a deleted
 * event, or a cancelled instance of a series) is only guaranteed to carry `id` (and, for an
 * instance, `recurringEventId` and `originalStartTime`); every other event must have start and end.
 */
export const CalendarEvent = z
  .looseObject({
    id: z.string().check(z.minLength(1, 'expected a non-empty id')),
    status: z.optional(EventStatus),
    etag: z.optional(z.string()),
    updated: z.optional(Rfc3339),
    created: z.optional(Rfc3339),
    summary: z.optional(z.string()),
    description: z.optional(z.string()),
    htmlLink: z.optional(z.string()),
    iCalUID: z.optional(z.string()),
    eventType: z.optional(z.string()),
    start: z.optional(EventDateTime),
    end: z.optional(EventDateTime),
    attendees: z.optional(z.array(EventAttendee)),
    organizer: z.optional(EventPerson),
    creator: z.optional(EventPerson),
    recurrence: z.optional(z.array(z.string())),
    recurringEventId: z.optional(z.string()),
    originalStartTime: z.optional(EventDateTime),
    guestsCanModify: z.optional(z.boolean()),
    locked: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((event, ctx) => {
      if (event.status === 'cancelled') return;
      for (const key of ['start', 'end'] as const) {
        if (event[key] === undefined) {
          ctx.addIssue({ code: 'custom', message: `a ${event.status ?? 'confirmed'} event needs ${key}`, path: [key], input: event });
        }
      }
    }),
  );
export type CalendarEvent = z.infer<typeof CalendarEvent>;

/** The envelope of one events.list / events.instances page; items are checked one by one. */
export const EventsPage = z.looseObject({
  summary: z.optional(z.string()),
  timeZone: z.optional(z.string()),
  etag: z.optional(z.string()),
  updated: z.optional(Rfc3339),
  nextPageToken: z.optional(z.string().check(z.minLength(1, 'expected a non-empty page token'))),
  nextSyncToken: z.optional(z.string()),
  items: z.optional(z.array(z.unknown())),
});
export type EventsPage = z.infer<typeof EventsPage>;

/** Google's error body: `{ error: { code, message, errors: [{ domain, reason, message }] } }`. */
export const ApiErrorBody = z.looseObject({
  error: z.looseObject({
    code: z.optional(z.number()),
    message: z.optional(z.string()),
    status: z.optional(z.string()),
    errors: z.optional(
      z.array(
        z.looseObject({
          domain: z.optional(z.string()),
          reason: z.optional(z.string()),
          message: z.optional(z.string()),
        }),
      ),
    ),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/**
 * Removes `null` members from objects, recursively. The wire format omits absent fields, but the
 * official types allow `null`; an absent value is what we mean either way, and a stray null must
 * not set an event aside.
 */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member !== null) out[key] = dropNulls(member);
    }
    return out;
  }
  return value;
}

/** `attendees[2].email` from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

export interface SchemaFailure {
  /** Where the first problem is, e.g. `start.dateTime` or `attendees[0].responseStatus`. */
  field: string;
  /** Every problem, one line each, prefixed with its field. */
  message: string;
}

export function describeIssues(error: z.core.$ZodError): SchemaFailure {
  const first = error.issues[0];
  const field = first ? formatIssuePath(first.path) : '(root)';
  const message = error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`).join('; ');
  return { field, message };
}

// ---------------------------------------------------------------------------------------------
// Compile-time proof that what we validate is the API's own shape: each checked field has the
// type `@googleapis/calendar` gives it, so a misspelt or mistyped field fails type checking.

type Assignable<From, To> = [From] extends [To] ? true : false;
type Expect<T extends true> = T;
/** The declared (checked) fields of a loose object, without its pass-through index signature. */
type Checked<Schema extends { shape: object }, Out> = { [K in keyof Schema['shape'] & keyof Out]: Out[K] };
export type _EventFieldsExistInGoogleTypes = Expect<Assignable<keyof (typeof CalendarEvent)['shape'], keyof calendar_v3.Schema$Event>>;
export type _AttendeeFieldsExistInGoogleTypes = Expect<
  Assignable<keyof (typeof EventAttendee)['shape'], keyof calendar_v3.Schema$EventAttendee>
>;
export type _EventMatchesGoogleTypes = Expect<
  Assignable<Checked<typeof CalendarEvent, CalendarEvent>, calendar_v3.Schema$Event>
>;
export type _DateTimeMatchesGoogleTypes = Expect<
  Assignable<Checked<typeof EventDateTime, EventDateTime>, calendar_v3.Schema$EventDateTime>
>;
export type _AttendeeMatchesGoogleTypes = Expect<
  Assignable<Checked<typeof EventAttendee, EventAttendee>, calendar_v3.Schema$EventAttendee>
>;
export type _PageMatchesGoogleTypes = Expect<
  Assignable<Omit<Checked<typeof EventsPage, EventsPage>, 'items'>, Omit<calendar_v3.Schema$Events, 'items'>>
>;
