import { describe, expect, it } from 'vitest';
import { classifyResponse, isTransient, parseRetryAfter, readErrorBody, type CalendarApiError } from '../../src/calendar-api/errors';
import { CalendarEvent, describeIssues, formatIssuePath } from '../../src/calendar-api/schemas';

describe('classifyResponse', () => {
  const cases: Array<[number, string | undefined, boolean, string]> = [
    [200, undefined, false, 'ok'],
    [204, undefined, false, 'ok'],
    [401, 'authError', false, 'retry-auth'],
    [401, 'authError', true, 'unauthorized'],
    [429, 'rateLimitExceeded', false, 'retry-rate-limit'],
    [429, undefined, false, 'retry-rate-limit'],
    [403, 'rateLimitExceeded', false, 'retry-rate-limit'],
    [403, 'userRateLimitExceeded', false, 'retry-rate-limit'],
    [403, 'quotaExceeded', false, 'retry-rate-limit'],
    [403, 'dailyLimitExceeded', false, 'rate-limited'],
    [403, 'forbiddenForNonOrganizer', false, 'forbidden'],
    [403, 'insufficientPermissions', false, 'forbidden'],
    [403, undefined, false, 'forbidden'],
    [404, 'notFound', false, 'not-found'],
    [410, 'fullSyncRequired', false, 'gone'],
    [410, 'deleted', false, 'gone'],
    [412, 'conditionNotMet', false, 'precondition-failed'],
    [400, 'timeRangeEmpty', false, 'bad-request'],
    [409, 'duplicate', false, 'bad-request'],
    [500, 'backendError', false, 'retry-server'],
    [503, undefined, false, 'retry-server'],
  ];
  it.each(cases)('%i %s (auth retried: %s) → %s', (status, reason, authRetried, expected) => {
    const verdict = classifyResponse(status, { ...(reason !== undefined && { reason }), message: 'Said by Google' }, authRetried);
    const kind = verdict.kind === 'final' ? verdict.error.kind : verdict.kind;
    expect(kind).toBe(expected);
    if (verdict.kind === 'final') {
      expect(verdict.error).toMatchObject({ status, ...(reason !== undefined && { reason }) });
      expect(verdict.error.message).toContain('Said by Google');
    }
  });

  it.each([
    ['rate-limited', true],
    ['server', true],
    ['network', true],
    ['unauthorized', false],
    ['forbidden', false],
    ['precondition-failed', false],
    ['invalid-response', false],
  ] as const)('isTransient(%s) is %s', (kind, expected) => {
    expect(isTransient({ kind, message: '' } satisfies CalendarApiError)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-02T12:00:00Z');
  it.each([
    [null, undefined],
    ['3', 3000],
    ['0', 0],
    ['1.5', 1500],
    [' 12 ', 12_000],
    ['Mon, 02 Mar 2026 12:00:10 GMT', 10_000],
    ['Mon, 02 Mar 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('readErrorBody', () => {
  it.each([
    [{ error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }] } }, { reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }],
    [{ error: { code: 500, message: 'Boom' } }, { reason: undefined, message: 'Boom' }],
    ['<html>', {}],
    [undefined, {}],
    [{ error: 'flat string' }, {}],
  ])('%j', (body, expected) => {
    expect(readErrorBody(body)).toEqual(expected);
  });
});

describe('event validation messages', () => {
  it.each([
    [['attendees', 2, 'email'], 'attendees[2].email'],
    [['start', 'dateTime'], 'start.dateTime'],
    [[], '(root)'],
    [[0], '[0]'],
  ] as const)('formats the path %j as %s', (path, expected) => {
    expect(formatIssuePath(path)).toBe(expected);
  });

  it('names every problem with its field', () => {
    const parsed = CalendarEvent.safeParse({ id: '', start: { dateTime: '2026-03-02 10:00' }, attendees: [{ email: 3 }] });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      const { field, message } = describeIssues(parsed.error);
      expect(field).toBe('id');
      expect(message).toContain('start.dateTime: expected an RFC 3339 date-time');
      expect(message).toContain('attendees[0].email');
    }
  });

  it('accepts a tentative event with an all-day start and unknown extra fields', () => {
    const parsed = CalendarEvent.safeParse({ id: 'abcde', status: 'tentative', start: { date: '2026-03-02' }, end: { date: '2026-03-03' }, conferenceData: { x: 1 } });
    expect(parsed.success && parsed.data.conferenceData).toEqual({ x: 1 });
  });
});
