// Google Calendar API v3, as the product uses it. See client.ts for the calls, errors.ts for what
// can fail, events.ts for pure readings of an event, schemas.ts for what is validated.
export {
  createCalendarClient,
  DEFAULT_RETRY_POLICY,
  type AccessTokenRequest,
  type CalendarClient,
  type CalendarClientOptions,
  type EventList,
  type EventPatch,
  type ListEventsOptions,
  type ListInstancesOptions,
  type PatchOptions,
  type PrimaryCalendar,
  type RejectedEvent,
  type RetryPolicy,
} from './client';
export { isTransient, type CalendarApiError, type CalendarApiErrorKind, type CalendarResult } from './errors';
export {
  canUserModify,
  eventEnd,
  eventStart,
  instantOf,
  isAllDay,
  isCancelled,
  organizerEmailOf,
  originalStartOf,
  selfEmailOf,
  seriesIdOf,
  toAttendees,
} from './events';
export {
  CalendarEvent,
  EventAttendee,
  EventDateTime,
  EventPerson,
  EventStatus,
  type SchemaFailure,
} from './schemas';
export { startOfDayInZone } from './time';
