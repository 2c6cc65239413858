// Day labels for people: "Tue 4 Nov", "yesterday", "in 3 days". Works on calendar days
// ('YYYY-MM-DD', the user's time zone already applied by the caller), so no clock and no time
// zone are involved here. English only, like the rest of the UI; deterministic (no Intl locale
// lookups), so tests and screenshots do not depend on the machine's locale.

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

interface DayParts {
  year: number;
  month: number;
  day: number;
  /** Days since 1970-01-01. */
  index: number;
}

function dayParts(day: string): DayParts | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const date = Number(match[3]);
  const utc = Date.UTC(year, month - 1, date);
  const check = new Date(utc);
  // Rejects 2025-02-30 and friends, which Date.UTC would roll over.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    return undefined;
  }
  return { year, month, day: date, index: Math.round(utc / 86_400_000) };
}

/** Whole days from `from` to `to` (positive when `to` is later); undefined for a malformed day. */
export function daysFromTo(from: string, to: string): number | undefined {
  const a = dayParts(from);
  const b = dayParts(to);
  if (!a || !b) return undefined;
  return b.index - a.index;
}

/** True when `day` is strictly before `today` (both 'YYYY-MM-DD'); false for malformed input. */
export function isBeforeDay(day: string, today: string): boolean {
  const diff = daysFromTo(day, today);
  return diff !== undefined && diff > 0;
}

/**
 * "Tue 4 Nov", with the year when it differs from `today`'s ("Tue 4 Nov 2025").
 * A malformed day is returned as it came, never thrown on.
 */
export function formatDay(day: string, today?: string): string {
  const parts = dayParts(day);
  if (!parts) return day;
  const weekday = WEEKDAYS[new Date(parts.index * 86_400_000).getUTCDay()];
  const base = `${weekday} ${parts.day} ${MONTHS[parts.month - 1]}`;
  const todayParts = today === undefined ? undefined : dayParts(today);
  return todayParts && todayParts.year === parts.year ? base : `${base} ${parts.year}`;
}

/**
 * How far `day` is from `today` in words: "today", "yesterday", "tomorrow", "3 days ago",
 * "in 5 days", "2 weeks ago", "in 3 months", "over a year ago". Malformed input gives "".
 */
export function formatRelativeDay(day: string, today: string): string {
  const diff = daysFromTo(today, day);
  if (diff === undefined) return '';
  if (diff === 0) return 'today';
  if (diff === -1) return 'yesterday';
  if (diff === 1) return 'tomorrow';
  const past = diff < 0;
  const n = Math.abs(diff);
  let amount: string;
  if (n < 14) amount = `${n} days`;
  else if (n < 60) amount = `${Math.floor(n / 7)} weeks`;
  else if (n < 365) amount = `${Math.floor(n / 30)} months`;
  else return past ? 'over a year ago' : 'in over a year';
  return past ? `${amount} ago` : `in ${amount}`;
}

/** "Tue 4 Nov (3 days ago)": the date people recognise plus how long ago it was. */
export function formatDayWithRelative(day: string, today: string): string {
  const relative = formatRelativeDay(day, today);
  const absolute = formatDay(day, today);
  return relative === '' ? absolute : `${absolute} (${relative})`;
}
