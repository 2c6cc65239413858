// RFC 5545 recurrence as far as the fake needs it: RRULE with FREQ=DAILY, WEEKLY or MONTHLY
// (by month day), INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, WKST; EXDATE. Anything else is refused
// on insert, so a test never silently gets a series the fake cannot expand.
// Occurrences are generated in the series' own time zone, so a weekly 10:00 stays at 10:00 local
// across daylight-saving changes (and moves in UTC), as Google Calendar does. Only occurrences
// the rule generates count: a DTSTART that does not match the rule is not an extra occurrence.
import {
  dayNumberOf,
  dayNumberOfWall,
  instantOfWallTime,
  isValidTimeZone,
  wallTimeAt,
  weekdayOfDay,
} from './time';

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

type Until = { kind: 'day'; day: number } | { kind: 'instant'; instant: number } | { kind: 'floating'; text: string };

export interface RecurrenceRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
  count?: number;
  until?: Until;
  /** Weekdays, 0 = Sunday. */
  byDay?: number[];
  byMonthDay?: number[];
  /** Week start, 0 = Sunday; default Monday. */
  wkst: number;
}

export type ExDate = { kind: 'day'; day: number } | { kind: 'instant'; instant: number } | { kind: 'wall'; text: string; timeZone: string };

export interface Recurrence {
  rule: RecurrenceRule;
  exdates: ExDate[];
}

export type SeriesStart = { kind: 'timed'; instant: number; timeZone: string } | { kind: 'date'; day: number };

/** An occurrence: an instant for timed series, a day number for all-day ones. */
export type Occurrence = { kind: 'timed'; instant: number } | { kind: 'date'; day: number };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function compactToParts(text: string): { day: number; time?: { hour: number; minute: number; second: number }; utc: boolean } | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(text);
  if (!match) return undefined;
  const day = dayNumberOf(`${match[1]}-${match[2]}-${match[3]}`);
  if (day === undefined) return undefined;
  if (match[4] === undefined) return { day, utc: false };
  return {
    day,
    time: { hour: Number(match[4]), minute: Number(match[5]), second: Number(match[6]) },
    utc: match[7] === 'Z',
  };
}

function wallInstant(day: number, time: { hour: number; minute: number; second: number }, timeZone: string): number {
  const date = new Date(day * 86_400_000);
  return instantOfWallTime(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), ...time },
    timeZone,
  );
}

function parseRule(text: string): Parsed<RecurrenceRule> {
  const parts = new Map<string, string>();
  for (const piece of text.split(';')) {
    const [key, value] = piece.split('=');
    if (!key || value === undefined || value === '') return { ok: false, message: `Invalid recurrence rule part "${piece}".` };
    if (parts.has(key.toUpperCase())) return { ok: false, message: `Repeated recurrence rule part ${key}.` };
    parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const supported = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'WKST']);
  for (const key of parts.keys()) {
    if (!supported.has(key)) return { ok: false, message: `The fake does not support the recurrence rule part ${key}.` };
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY') {
    return { ok: false, message: `The fake does not support FREQ=${freq ?? '(missing)'}.` };
  }
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  if (!Number.isInteger(interval) || interval < 1) return { ok: false, message: 'Invalid INTERVAL.' };
  const rule: RecurrenceRule = { freq, interval, wkst: 1 };
  if (parts.has('COUNT')) {
    const count = Number(parts.get('COUNT'));
    if (!Number.isInteger(count) || count < 1) return { ok: false, message: 'Invalid COUNT.' };
    rule.count = count;
  }
  if (parts.has('UNTIL')) {
    if (rule.count !== undefined) return { ok: false, message: 'COUNT and UNTIL cannot both be given.' };
    const raw = parts.get('UNTIL')!;
    const until = compactToParts(raw);
    if (!until) return { ok: false, message: 'Invalid UNTIL.' };
    if (!until.time) rule.until = { kind: 'day', day: until.day };
    else if (until.utc) rule.until = { kind: 'instant', instant: until.day * 86_400_000 + ((until.time.hour * 60 + until.time.minute) * 60 + until.time.second) * 1000 };
    else rule.until = { kind: 'floating', text: raw };
  }
  const weekday = (code: string): number | undefined => {
    const index = WEEKDAYS.indexOf(code as (typeof WEEKDAYS)[number]);
    return index === -1 ? undefined : index;
  };
  if (parts.has('WKST')) {
    const wkst = weekday(parts.get('WKST')!);
    if (wkst === undefined) return { ok: false, message: 'Invalid WKST.' };
    rule.wkst = wkst;
  }
  if (parts.has('BYDAY')) {
    if (freq === 'MONTHLY') return { ok: false, message: 'The fake does not support BYDAY with FREQ=MONTHLY.' };
    const days: number[] = [];
    for (const code of parts.get('BYDAY')!.split(',')) {
      const day = weekday(code);
      if (day === undefined) return { ok: false, message: `Invalid BYDAY value ${code} (ordinals are not supported).` };
      if (!days.includes(day)) days.push(day);
    }
    rule.byDay = days;
  }
  if (parts.has('BYMONTHDAY')) {
    const days: number[] = [];
    for (const code of parts.get('BYMONTHDAY')!.split(',')) {
      const day = Number(code);
      if (!Number.isInteger(day) || day === 0 || day < -31 || day > 31) return { ok: false, message: `Invalid BYMONTHDAY value ${code}.` };
      days.push(day);
    }
    rule.byMonthDay = days;
  }
  return { ok: true, value: rule };
}

function parseExDate(line: string): Parsed<ExDate[]> {
  const colon = line.indexOf(':');
  if (colon === -1) return { ok: false, message: 'Invalid EXDATE.' };
  const params = new Map<string, string>();
  for (const piece of line.slice(0, colon).split(';').slice(1)) {
    const [key, value] = piece.split('=');
    if (key && value) params.set(key.toUpperCase(), value);
  }
  const zone = params.get('TZID');
  if (zone !== undefined && !isValidTimeZone(zone)) return { ok: false, message: `Unknown EXDATE time zone ${zone}.` };
  const out: ExDate[] = [];
  for (const value of line.slice(colon + 1).split(',')) {
    const parts = compactToParts(value.trim());
    if (!parts) return { ok: false, message: `Invalid EXDATE value ${value}.` };
    if (!parts.time) out.push({ kind: 'day', day: parts.day });
    else if (parts.utc) out.push({ kind: 'instant', instant: parts.day * 86_400_000 + ((parts.time.hour * 60 + parts.time.minute) * 60 + parts.time.second) * 1000 });
    else if (zone !== undefined) out.push({ kind: 'instant', instant: wallInstant(parts.day, parts.time, zone) });
    else out.push({ kind: 'wall', text: value.trim(), timeZone: '' });
  }
  return { ok: true, value: out };
}

/** Reads an event's `recurrence` lines. Exactly one RRULE; EXDATEs optional; RDATE/EXRULE refused. */
export function parseRecurrence(lines: readonly string[]): Parsed<Recurrence> {
  let rule: RecurrenceRule | undefined;
  const exdates: ExDate[] = [];
  for (const line of lines) {
    if (typeof line !== 'string') return { ok: false, message: 'Invalid recurrence line.' };
    const upper = line.toUpperCase();
    if (upper.startsWith('RRULE:')) {
      if (rule) return { ok: false, message: 'Only one RRULE is supported.' };
      const parsed = parseRule(line.slice('RRULE:'.length));
      if (!parsed.ok) return parsed;
      rule = parsed.value;
    } else if (upper.startsWith('EXDATE')) {
      const parsed = parseExDate(line);
      if (!parsed.ok) return parsed;
      exdates.push(...parsed.value);
    } else {
      return { ok: false, message: `The fake does not support the recurrence line "${line}".` };
    }
  }
  if (!rule) return { ok: false, message: 'A recurrence needs an RRULE.' };
  return { ok: true, value: { rule, exdates } };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Candidate days of the rule from the series' first day, in order, unbounded. */
function* candidateDays(rule: RecurrenceRule, startDay: number): Generator<number> {
  if (rule.freq === 'DAILY') {
    for (let day = startDay; ; day += rule.interval) {
      if (rule.byDay && !rule.byDay.includes(weekdayOfDay(day))) continue;
      if (rule.byMonthDay && !matchesMonthDay(day, rule.byMonthDay)) continue;
      yield day;
    }
  }
  if (rule.freq === 'WEEKLY') {
    const fromWkst = (weekday: number) => (weekday - rule.wkst + 7) % 7;
    const weekStart = startDay - fromWkst(weekdayOfDay(startDay));
    const offsets = (rule.byDay ?? [weekdayOfDay(startDay)]).map(fromWkst).sort((a, b) => a - b);
    for (let week = weekStart; ; week += 7 * rule.interval) {
      for (const offset of offsets) {
        const day = week + offset;
        if (day < startDay) continue;
        if (rule.byMonthDay && !matchesMonthDay(day, rule.byMonthDay)) continue;
        yield day;
      }
    }
  }
  // MONTHLY
  const first = new Date(startDay * 86_400_000);
  const monthDays = rule.byMonthDay ?? [first.getUTCDate()];
  for (let step = 0; ; step += rule.interval) {
    const year = first.getUTCFullYear() + Math.floor((first.getUTCMonth() + step) / 12);
    const month = ((first.getUTCMonth() + step) % 12) + 1;
    const length = daysInMonth(year, month);
    const days = monthDays
      .map((value) => (value > 0 ? value : length + value + 1))
      .filter((value) => value >= 1 && value <= length)
      .sort((a, b) => a - b);
    for (const value of new Set(days)) {
      const day = Date.UTC(year, month - 1, value) / 86_400_000;
      if (day >= startDay) yield day;
    }
  }
}

function matchesMonthDay(day: number, monthDays: number[]): boolean {
  const date = new Date(day * 86_400_000);
  const length = daysInMonth(date.getUTCFullYear(), date.getUTCMonth() + 1);
  return monthDays.some((value) => (value > 0 ? value : length + value + 1) === date.getUTCDate());
}

export interface ExpandLimit {
  /** Stop at occurrences starting at or after this instant (timed) … */
  beforeInstant: number;
  /** … and never produce more than this many. */
  max: number;
}

/** The occurrences of a series, in order, excluding EXDATEs (which still count toward COUNT). */
export function expandOccurrences(recurrence: Recurrence, start: SeriesStart, limit: ExpandLimit): Occurrence[] {
  const { rule } = recurrence;
  const out: Occurrence[] = [];
  const zone = start.kind === 'timed' ? start.timeZone : 'UTC';
  const wall = start.kind === 'timed' ? wallTimeAt(start.instant, zone) : undefined;
  const startDay = start.kind === 'timed' ? dayNumberOfWall(wall!) : start.day;
  const time = wall ? { hour: wall.hour, minute: wall.minute, second: wall.second } : undefined;

  const untilInstant =
    rule.until?.kind === 'instant'
      ? rule.until.instant
      : rule.until?.kind === 'floating'
        ? (() => {
            const parts = compactToParts(rule.until.text)!;
            return wallInstant(parts.day, parts.time!, zone);
          })()
        : undefined;
  const untilDay = rule.until?.kind === 'day' ? rule.until.day : undefined;
  const excludedInstants = new Set<number>();
  const excludedDays = new Set<number>();
  for (const exdate of recurrence.exdates) {
    if (exdate.kind === 'instant') excludedInstants.add(exdate.instant);
    else if (exdate.kind === 'day') excludedDays.add(exdate.day);
    else {
      const parts = compactToParts(exdate.text)!;
      excludedInstants.add(wallInstant(parts.day, parts.time!, zone));
    }
  }

  let generated = 0;
  let guard = 0;
  for (const day of candidateDays(rule, startDay)) {
    if (++guard > 200_000) break;
    if (rule.count !== undefined && generated >= rule.count) break;
    if (untilDay !== undefined && day > untilDay) break;
    if (start.kind === 'timed') {
      const instant = wallInstant(day, time!, zone);
      if (untilInstant !== undefined && instant > untilInstant) break;
      if (instant >= limit.beforeInstant) break;
      generated++;
      if (excludedInstants.has(instant) || excludedDays.has(day)) continue;
      out.push({ kind: 'timed', instant });
    } else {
      if (untilInstant !== undefined && day * 86_400_000 > untilInstant) break;
      if (day * 86_400_000 >= limit.beforeInstant) break;
      generated++;
      if (excludedDays.has(day)) continue;
      out.push({ kind: 'date', day });
    }
    if (out.length >= limit.max) break;
  }
  return out;
}
