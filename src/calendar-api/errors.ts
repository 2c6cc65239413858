// What can go wrong talking to Calendar API v3, as data: a `kind` the caller switches on, the HTTP
// status and Google's `reason` when there was a response, and a sentence a person can read.
// Plain objects (not Error subclasses) so they cross extension messaging and IndexedDB unchanged.
import { ApiErrorBody } from './schemas';

export type CalendarApiErrorKind =
  /** 401 twice (a fresh token did not help), or no token could be had: the user must sign in again. */
  | 'unauthorized'
  /** 429, or 403 with a rate-limit reason, still after the bounded retries; see retryAfterMs. */
  | 'rate-limited'
  /** Any other 403: e.g. the user may not modify this event, or the token lacks a scope. */
  | 'forbidden'
  | 'not-found'
  /** 410: the event was deleted, or a sync token / updatedMin is too old (list again in full). */
  | 'gone'
  /** 412: the event changed since the etag sent in If-Match. Fetch it again and merge. */
  | 'precondition-failed'
  /** 400, 409 and other 4xx: the request itself was refused; retrying as is will not help. */
  | 'bad-request'
  /** 5xx still after the bounded retries. */
  | 'server'
  /** fetch threw (offline, DNS, connection reset) or the request timed out. */
  | 'network'
  /** The response was not what the API documents (bad JSON or a field of the wrong shape). */
  | 'invalid-response';

export interface CalendarApiError {
  kind: CalendarApiErrorKind;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Google's `error.errors[0].reason`, e.g. `rateLimitExceeded`, `forbiddenForNonOrganizer`. */
  reason?: string;
  /** One readable sentence; never contains the access token. */
  message: string;
  /** For rate-limited (and server) errors: how long to wait before trying again. */
  retryAfterMs?: number;
  /** For invalid-response: the offending field, e.g. `items[3].start.dateTime`. */
  field?: string;
}

export type CalendarResult<T> = { ok: true; value: T } | { ok: false; error: CalendarApiError };

/** Whether trying the same request later may succeed without the user doing anything. */
export function isTransient(error: CalendarApiError): boolean {
  return error.kind === 'rate-limited' || error.kind === 'server' || error.kind === 'network';
}

/** 403 reasons that mean "slow down" rather than "not allowed". */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);
/** Usage limits that will not lift within a retry loop (the project's daily quota). */
const DAILY_LIMIT_REASONS = new Set(['dailyLimitExceeded']);

export interface ErrorDetails {
  reason?: string;
  message?: string;
}

/** Reads Google's error body; anything unreadable gives empty details, never a throw. */
export function readErrorBody(body: unknown): ErrorDetails {
  const parsed = ApiErrorBody.safeParse(body);
  if (!parsed.success) return {};
  const first = parsed.data.error.errors?.[0];
  return {
    reason: first?.reason,
    message: parsed.data.error.message ?? first?.message,
  };
}

export type ResponseClass =
  | { kind: 'ok' }
  | { kind: 'retry-auth' }
  | { kind: 'retry-rate-limit' }
  | { kind: 'retry-server' }
  | { kind: 'final'; error: CalendarApiError };

/** Decides what a non-2xx response means. `authRetried`: a fresh token was already tried. */
export function classifyResponse(status: number, details: ErrorDetails, authRetried: boolean): ResponseClass {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  const reason = details.reason;
  const said = details.message ? `: ${details.message}` : '';
  const error = (kind: CalendarApiErrorKind, message: string): ResponseClass => ({
    kind: 'final',
    error: { kind, status, ...(reason !== undefined && { reason }), message },
  });
  if (status === 401) {
    return authRetried
      ? error('unauthorized', `Google refused the sign-in (401${said}); sign in again`)
      : { kind: 'retry-auth' };
  }
  if (status === 429 || (status === 403 && reason !== undefined && RATE_LIMIT_REASONS.has(reason))) {
    return { kind: 'retry-rate-limit' };
  }
  if (status === 403 && reason !== undefined && DAILY_LIMIT_REASONS.has(reason)) {
    return error('rate-limited', `Google Calendar's daily request limit was reached${said}`);
  }
  if (status === 403) {
    return error(
      'forbidden',
      reason === 'insufficientPermissions'
        ? `The sign-in does not grant access to this (403${said})`
        : `Not allowed to do this in Google Calendar (403${said})`,
    );
  }
  if (status === 404) return error('not-found', `Not found in Google Calendar (404${said})`);
  if (status === 410) {
    return error(
      'gone',
      reason === 'fullSyncRequired' || reason === 'updatedMinTooLongAgo'
        ? `The calendar must be read again in full (410${said})`
        : `The event was deleted (410${said})`,
    );
  }
  if (status === 412) {
    return error('precondition-failed', `The event changed since it was read (412${said})`);
  }
  if (status >= 500) return { kind: 'retry-server' };
  return error('bad-request', `Google Calendar refused the request (${status}${said})`);
}

/**
 * `Retry-After` as ms: delta-seconds or an HTTP date (relative to `now`). Undefined when absent
 * or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date names its month ("Mon, 02 Mar 2026 12:00:10 GMT"); anything else (e.g. "-5",
  // which Date.parse reads as a year) is not one.
  if (!/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
