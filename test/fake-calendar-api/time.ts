// Time arithmetic for the fake Calendar API: RFC 3339 in and out, wall-clock time in IANA zones
// (recurrences expand in the event's zone, across daylight-saving changes), day numbers.
// Written separately from the product's time rules (src/domain/calendar-time.ts) on purpose: the fake
// is what the client is checked against, so it must not share the client's mistakes.

export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallTimeAt(instant: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function wallAsUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** Offset of the zone from UTC at an instant, in ms. */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallAsUtc(wallTimeAt(whole, timeZone)) - whole;
}

/**
 * The instant a wall-clock time names in a zone. In an overlap (clocks going back) the earlier
 * instant; in a gap (clocks going forward) the time is read with the offset before the gap,
 * as RFC 5545 says.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): number {
  const asUtc = wallAsUtc(wall);
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const candidates = [asUtc - before, asUtc - after].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (candidate + offsetAt(candidate, timeZone) === asUtc) return candidate;
  }
  return asUtc - before;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `2024-01-08T10:00:00+01:00` (or `…Z` where the offset is zero), as the API writes date-times. */
export function formatInZone(instant: number, timeZone: string): string {
  const offset = offsetAt(instant, timeZone);
  const wall = wallTimeAt(instant, timeZone);
  const base = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
  if (offset === 0) return `${base}Z`;
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  return `${base}${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** `2024-01-08T09:00:00.000Z`: the API's form for `updated` and `created`. */
export function formatUtcMillis(instant: number): string {
  return new Date(instant).toISOString();
}

/** `20240108T090000Z`: the suffix of a timed instance's id. */
export function compactUtc(instant: number): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * Epoch ms of an RFC 3339 date-time. Without an offset the text is a wall time in `timeZone`
 * (events may give a dateTime without offset when they name a zone); undefined when neither.
 */
export function parseDateTime(text: string, timeZone?: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  if (match[8] === undefined) {
    if (!timeZone || !isValidTimeZone(timeZone)) return undefined;
    return instantOfWallTime({ year, month, day, hour, minute, second }, timeZone);
  }
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? undefined : instant;
}

/** A query parameter date-time: the offset is mandatory. */
export function parseQueryDateTime(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match || match[8] === undefined) return undefined;
  return parseDateTime(text);
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD', or undefined. */
export function dayNumberOf(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return utc / DAY_MS;
}

export function dayText(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDay(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Midnight of a day number in a zone. */
export function startOfDayIn(dayNumber: number, timeZone: string): number {
  const date = new Date(dayNumber * DAY_MS);
  return instantOfWallTime(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 0, minute: 0, second: 0 },
    timeZone,
  );
}

/** The day number of a wall time's date. */
export function dayNumberOfWall(wall: Pick<WallTime, 'year' | 'month' | 'day'>): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day) / DAY_MS;
}
