// Google Calendar's event references: the `data-eventid` attribute of event chips and dialogs and
// the `eid` in `/calendar/u/<n>/r/eventedit/<eid>` are URL-safe base64 (padding stripped) of
// "<eventId> <calendarId>", where the calendar id may be shortened (`@m` = `@gmail.com`,
// `@g` = `@group.calendar.google.com`). Recurring instances have ids `<seriesId>_<UTC start>`.
//
// Pure: base64 and UTF-8 are coded here rather than with atob/Buffer/TextDecoder so the same code
// runs in Node tests, content scripts and service workers, and rejects what those accept
// silently (bad padding, stray bits, broken UTF-8).

export interface EventRef {
  /** The event id as the API knows it (an instance id for recurring events). */
  eventId: string;
  /** The calendar id, written out (`dana@gmail.com`, `…@group.calendar.google.com`). */
  calendarId: string;
  /** For a recurring instance: the series' (recurring master's) event id. */
  seriesId?: string;
  /** For a recurring instance: its start as written in the id, `YYYYMMDDTHHMMSSZ` or `YYYYMMDD`. */
  instanceStart?: string;
}

export type DecodeResult = { ok: true; value: EventRef } | { ok: false; error: string };

const SHORT_CALENDAR_DOMAINS: readonly (readonly [short: string, long: string])[] = [
  ['@m', '@gmail.com'],
  ['@g', '@group.calendar.google.com'],
];

// Longer than any real id (event ids are at most 1024 characters, calendar ids are addresses):
// a bound keeps a hostile attribute from costing time.
const MAX_ENCODED_LENGTH = 4096;

/** Decodes a `data-eventid` / `eid`. Never throws: anything that is not an event gives a reason. */
export function decodeEventRef(encoded: string): DecodeResult {
  if (typeof encoded !== 'string') return fail('the event reference is not a string');
  const trimmed = encoded.trim();
  if (trimmed === '') return fail('the event reference is empty');
  if (trimmed.length > MAX_ENCODED_LENGTH) return fail('the event reference is too long');

  const bytes = decodeBase64Url(trimmed);
  if (!bytes.ok) return bytes;
  const text = decodeUtf8(bytes.value);
  if (!text.ok) return text;
  const decoded = text.value;

  if (/[\u0000-\u001f\u007f-\u009f]/.test(decoded)) {
    return fail('the decoded event reference contains control characters');
  }
  const parts = decoded.split(' ');
  if (parts.length !== 2) {
    return fail(
      parts.length === 1
        ? 'the decoded event reference has no space between event id and calendar id'
        : 'the decoded event reference has more than one space',
    );
  }
  const [eventId = '', shortCalendarId = ''] = parts;
  if (eventId === '') return fail('the decoded event reference has an empty event id');
  if (shortCalendarId === '') return fail('the decoded event reference has an empty calendar id');
  if (/\s/u.test(decoded.replace(' ', ''))) {
    return fail('the decoded event reference contains whitespace other than its separator');
  }
  // Every calendar id is an address; this also rejects most random bytes that happen to decode.
  if (!shortCalendarId.includes('@') || shortCalendarId.startsWith('@')) {
    return fail('the decoded calendar id is not an address');
  }

  const calendarId = expandCalendarId(shortCalendarId);
  const instance = splitInstanceId(eventId);
  const value: EventRef = instance
    ? { eventId, calendarId, seriesId: instance.seriesId, instanceStart: instance.instanceStart }
    : { eventId, calendarId };
  return { ok: true, value };
}

/**
 * Encodes an event reference the way Calendar writes it: calendar domain shortened, URL-safe
 * base64 without padding. A calendar id whose domain is literally `m` or `g` cannot be told
 * from a shortened one (no real address has such a domain).
 */
export function encodeEventRef(ref: { eventId: string; calendarId: string }): string {
  return encodeBase64Url(encodeUtf8(`${ref.eventId} ${shortenCalendarId(ref.calendarId)}`));
}

/** `3n6k…_20200316T230000Z` → series `3n6k…`, start `20200316T230000Z`; also all-day `_20200316`. */
export function splitInstanceId(
  eventId: string,
): { seriesId: string; instanceStart: string } | undefined {
  // The last `_` separates: a series split by "this and following" has an id like
  // `<id>_R20200316T230000`, and its instances append their own start after that.
  const match = /^(.+)_(\d{8})(T\d{6}Z)?$/.exec(eventId);
  if (!match) return undefined;
  const [, seriesId = '', day = '', time = ''] = match;
  if (!isPlausibleDay(day)) return undefined;
  if (time !== '' && !isPlausibleTime(time.slice(1, 7))) return undefined;
  return { seriesId, instanceStart: day + time };
}

/**
 * The `eid` of a full event page: `/calendar/u/<n>/r/eventedit/<eid>` or
 * `/calendar/r/eventedit/<eid>`, with or without origin, query string and hash. Undefined when
 * the URL is no event page. The eid still has to be decoded (a copy or a new event has none).
 */
export function eidFromEventEditUrl(url: string): string | undefined {
  const path = pathOf(url);
  if (path === undefined) return undefined;
  const match = /^\/calendar(?:\/u\/\d+)?\/r\/eventedit\/([A-Za-z0-9_-]+)(?:=|%3D)*\/?$/i.exec(path);
  return match?.[1];
}

/**
 * The account index `<n>` of `/calendar/u/<n>/…` (Calendar's multi-login slot), else a numeric
 * `authuser` query parameter, else 0 (the default account).
 */
export function accountIndexFromUrl(url: string): number {
  const path = pathOf(url);
  const fromPath = path === undefined ? null : /^\/calendar\/u\/(\d{1,3})(?:\/|$)/.exec(path);
  if (fromPath?.[1] !== undefined) return Number(fromPath[1]);
  const fromQuery = /[?&]authuser=(\d{1,3})(?:[&#]|$)/.exec(url);
  if (fromQuery?.[1] !== undefined) return Number(fromQuery[1]);
  return 0;
}

// ---------------------------------------------------------------------------------------------

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

function expandCalendarId(calendarId: string): string {
  for (const [short, long] of SHORT_CALENDAR_DOMAINS) {
    if (calendarId.endsWith(short)) return calendarId.slice(0, -short.length) + long;
  }
  return calendarId;
}

function shortenCalendarId(calendarId: string): string {
  for (const [short, long] of SHORT_CALENDAR_DOMAINS) {
    if (calendarId.endsWith(long)) return calendarId.slice(0, -long.length) + short;
  }
  return calendarId;
}

/** The path of an absolute URL or of a path (query and hash removed); undefined if neither. */
function pathOf(url: string): string | undefined {
  if (typeof url !== 'string') return undefined;
  const withoutOrigin = url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  if (!withoutOrigin.startsWith('/')) return undefined;
  return withoutOrigin.replace(/[?#].*$/s, '');
}

function isPlausibleDay(day: string): boolean {
  const month = Number(day.slice(4, 6));
  const date = Number(day.slice(6, 8));
  return month >= 1 && month <= 12 && date >= 1 && date <= 31;
}

function isPlausibleTime(time: string): boolean {
  return Number(time.slice(0, 2)) <= 23 && Number(time.slice(2, 4)) <= 59 && Number(time.slice(4, 6)) <= 59;
}

// --- base64url --------------------------------------------------------------------------------

const BASE64_URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const BASE64_VALUES: ReadonlyMap<string, number> = new Map([
  ...[...BASE64_URL_ALPHABET].map((char, value) => [char, value] as const),
  // Standard base64 too: the same ids copied from other places sometimes use it.
  ['+', 62] as const,
  ['/', 63] as const,
]);

function decodeBase64Url(
  input: string,
): { ok: true; value: Uint8Array } | { ok: false; error: string } {
  const unpadded = input.replace(/={1,2}$/, '');
  if (unpadded.length % 4 === 1) return fail('the event reference has an impossible base64 length');
  const bytes = new Uint8Array(Math.floor((unpadded.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (const char of unpadded) {
    const value = BASE64_VALUES.get(char);
    if (value === undefined) return fail(`the event reference is not base64 (found "${printable(char)}")`);
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[written++] = (buffer >> bits) & 0xff;
      buffer &= (1 << bits) - 1;
    }
  }
  // An encoder leaves the unused low bits zero; anything else is a truncated or altered id.
  if (buffer !== 0) return fail('the event reference is not canonical base64');
  return { ok: true, value: bytes };
}

function encodeBase64Url(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += BASE64_URL_ALPHABET[(buffer >> bits) & 0x3f];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE64_URL_ALPHABET[(buffer << (6 - bits)) & 0x3f];
  return out;
}

function printable(char: string): string {
  return /[\u0020-\u007e]/.test(char) ? char : `U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
}

// --- UTF-8 ------------------------------------------------------------------------------------

/** Strict UTF-8: rejects overlong forms, surrogates, code points above U+10FFFF and cut sequences. */
function decodeUtf8(bytes: Uint8Array): { ok: true; value: string } | { ok: false; error: string } {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i]!;
    let length: number;
    let codePoint: number;
    let minimum: number;
    if (first < 0x80) {
      out += String.fromCharCode(first);
      i += 1;
      continue;
    } else if (first >= 0xc2 && first <= 0xdf) {
      [length, codePoint, minimum] = [2, first & 0x1f, 0x80];
    } else if (first >= 0xe0 && first <= 0xef) {
      [length, codePoint, minimum] = [3, first & 0x0f, 0x800];
    } else if (first >= 0xf0 && first <= 0xf4) {
      [length, codePoint, minimum] = [4, first & 0x07, 0x10000];
    } else {
      return fail('the decoded event reference is not UTF-8 text');
    }
    if (i + length > bytes.length) return fail('the decoded event reference ends inside a UTF-8 character');
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return fail('the decoded event reference is not UTF-8 text');
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
      return fail('the decoded event reference is not UTF-8 text');
    }
    out += String.fromCodePoint(codePoint);
    i += length;
  }
  return { ok: true, value: out };
}

/** UTF-8 bytes of a string; a lone surrogate (not text) is written as U+FFFD. */
function encodeUtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    let codePoint = char.codePointAt(0)!;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) codePoint = 0xfffd;
    if (codePoint < 0x80) bytes.push(codePoint);
    else if (codePoint < 0x800) bytes.push(0xc0 | (codePoint >> 6), 0x80 | (codePoint & 0x3f));
    else if (codePoint < 0x10000) {
      bytes.push(0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f));
    } else {
      bytes.push(
        0xf0 | (codePoint >> 18),
        0x80 | ((codePoint >> 12) & 0x3f),
        0x80 | ((codePoint >> 6) & 0x3f),
        0x80 | (codePoint & 0x3f),
      );
    }
  }
  return Uint8Array.from(bytes);
}
