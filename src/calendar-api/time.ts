// Instants from the API's date forms. Timed events carry an RFC 3339 offset, so they are instants
// on their own; an all-day event is a calendar day, which becomes an instant only in a time zone
// (the calendar's, or the event's own when it names one).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      return undefined; // not an IANA zone this runtime knows
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(instant: number, timeZone: string): number | undefined {
  const formatter = formatterFor(timeZone);
  if (!formatter) return undefined;
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The first instant of a calendar day ('YYYY-MM-DD') in a time zone, or undefined when the day or
 * the zone is not valid. Where a clock change skips midnight, the day starts at the first instant
 * that exists.
 */
export function startOfDayInZone(day: string, timeZone: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wall = Date.UTC(year, month - 1, date);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return undefined;
  const DAY_MS = 86_400_000;
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  if (before === undefined || after === undefined) return undefined;
  // At most one clock change lies near midnight: try the offset from either side, earliest first
  // (in an overlap both exist and the day starts at the first).
  const candidates = [wall - before, wall - after].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (candidate + (offsetAt(candidate, timeZone) ?? 0) === wall) return candidate;
  }
  // Midnight falls in a gap: the day starts at the change, which is midnight at the old offset.
  return wall - before;
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
