// Targets cascade by level (DESIGN.md): a target set for one period splits down to shorter ones
// by working days, exactly, so the parts add back up to the amount; pace compares what was done
// with what the split expects by today. Amounts are integers in the target's minor unit (cents
// for money); nothing here multiplies or divides floats to get an amount.
import {
  addDays,
  countWorkingDays,
  eachDay,
  periodOf,
  periodRank,
  subPeriods,
  workingDaysIn,
  type WorkingCalendar,
} from './calendar-time';
import type { CalendarDay, Level, Period, PeriodKind, ProgressEntry, Target } from './schemas';

export type { WorkingCalendar } from './calendar-time';

// ---------------------------------------------------------------------------------------------
// Exact apportionment

/**
 * Splits an integer amount in proportion to non-negative integer weights so that the shares add
 * up to the amount exactly (largest remainder, Hamilton's method): every share gets the floor of
 * its exact quota, and the units left over go one each to the largest fractional remainders,
 * ties to the earlier share. A negative amount is split as its absolute value and negated, so
 * the result is symmetric. Undefined when every weight is zero but the amount is not (there is
 * nothing to carry it). Arithmetic is in BigInt: amount × weight may exceed 2^53.
 */
export function apportion(amount: number, weights: readonly number[]): number[] | undefined {
  const total = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (total === 0n) return amount === 0 ? weights.map(() => 0) : undefined;
  const sign = amount < 0 ? -1n : 1n;
  const magnitude = BigInt(Math.abs(amount));
  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  let assigned = 0n;
  for (const weight of weights) {
    const product = magnitude * BigInt(weight);
    const floor = product / total;
    floors.push(floor);
    remainders.push(product % total);
    assigned += floor;
  }
  let left = Number(magnitude - assigned); // fewer than the number of shares
  const order = weights.map((_, index) => index);
  order.sort((a, b) => {
    const ra = remainders[a] as bigint;
    const rb = remainders[b] as bigint;
    return ra === rb ? a - b : ra > rb ? -1 : 1;
  });
  for (const index of order) {
    if (left === 0) break;
    floors[index] = (floors[index] as bigint) + 1n;
    left--;
  }
  return floors.map((floor) => Number(sign * floor));
}

/** a ÷ b rounded to the nearest integer, halves away from zero, exactly (b ≠ 0). */
function divideRounded(a: bigint, b: bigint): number {
  const negative = a < 0n !== b < 0n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  const rounded = (2n * absA + absB) / (2n * absB);
  return Number(negative ? -rounded : rounded);
}

// ---------------------------------------------------------------------------------------------
// Splitting a target into shorter periods

export interface TargetPart {
  /** The part's period, clipped to the parent's (a week straddling a month keeps only its days). */
  period: Period;
  amount: number;
  /** Working days in the part; the share it got is in proportion to this. */
  workingDays: number;
}

export type SplitErrorCode =
  | 'no-working-days'
  | 'longer-period'
  | 'unsafe-amount'
  | 'no-people'
  | 'bad-weight'
  | 'duplicate-person'
  | 'zero-weights';

export interface SplitFailure {
  ok: false;
  code: SplitErrorCode;
  message: string;
}

export type SplitResult<T> = { ok: true; value: T } | SplitFailure;

function fail(code: SplitErrorCode, message: string): SplitFailure {
  return { ok: false, code, message };
}

type TargetShape = Pick<Target, 'amount' | 'period'>;

/**
 * Splits a target into the periods of a shorter (or the same) kind that make up its period, in
 * proportion to the working days in each, so the parts add back up to the amount exactly. Weeks
 * start on `weekStartsOn` (1 = Monday) and are clipped to the parent period. A part without
 * working days gets 0.
 *
 * Fails (never divides by zero) when the parent has no working days at all but a non-zero
 * amount: there is no day to carry it, and silently returning zeros would lose the target. A
 * zero amount splits into zeros.
 */
export function splitTarget(
  target: TargetShape,
  into: PeriodKind,
  calendar: WorkingCalendar,
  weekStartsOn = 1,
): SplitResult<TargetPart[]> {
  if (!Number.isSafeInteger(target.amount)) {
    return fail('unsafe-amount', `the amount ${target.amount} is not a whole number of minor units`);
  }
  if (periodRank(into) > periodRank(target.period.kind)) {
    return fail('longer-period', `a ${target.period.kind} target cannot be split into ${into}s`);
  }
  const working = new Set(workingDaysIn(target.period, calendar));
  const periods = subPeriods(target.period, into, weekStartsOn);
  const workingDays = periods.map((period) => eachDay(period).filter((day) => working.has(day)).length);
  const amounts = apportion(target.amount, workingDays);
  if (!amounts) {
    return fail(
      'no-working-days',
      `${target.period.start} to ${target.period.end} has no working days to spread the target over`,
    );
  }
  return {
    ok: true,
    value: periods.map((period, index) => ({
      period,
      amount: amounts[index] as number,
      workingDays: workingDays[index] as number,
    })),
  };
}

/** A stored child target for one part of a split (same metric and owner, `parentId` set). */
export function childTarget(parent: Target, part: TargetPart, id: string, now: number): Target {
  return {
    ...parent,
    id,
    period: part.period,
    amount: part.amount,
    parentId: parent.id,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * What the given targets amount to over `period`: each target overlapping it is split into
 * `period.kind` parts and the parts inside `period` are summed (so last week's target is the
 * end of one month's split plus the start of the next's). A target shorter than `period`
 * counts whole when inside it, and by its days when it sticks out. Used for "did they hit last
 * week's target" when targets are set per month.
 */
export function targetAmountFor(
  period: Period,
  targets: readonly TargetShape[],
  calendar: WorkingCalendar,
  weekStartsOn = 1,
): SplitResult<number> {
  let amount = 0;
  for (const target of targets) {
    if (target.period.end < period.start || target.period.start > period.end) continue;
    const inside = target.period.start >= period.start && target.period.end <= period.end;
    if (inside) {
      amount += target.amount;
      continue;
    }
    const kind = periodRank(target.period.kind) >= periodRank(period.kind) ? period.kind : 'day';
    const parts = splitTarget(target, kind, calendar, weekStartsOn);
    if (!parts.ok) return parts;
    for (const part of parts.value) {
      if (part.period.start >= period.start && part.period.end <= period.end) amount += part.amount;
    }
  }
  return { ok: true, value: amount };
}

// ---------------------------------------------------------------------------------------------
// Team targets across people

export interface PersonShare {
  personId: string;
  amount: number;
}

/**
 * Splits a team target across people exactly: equally by default, or in proportion to each
 * person's weight (e.g. 0.5 for someone half time). Weights are taken to 6 decimal places,
 * which is far finer than any share of a quota needs, so the split itself stays in integers.
 * Shares follow the order of `people`; leftover units go to the largest remainders, ties to the
 * earlier person.
 */
export function splitAcrossPeople(
  teamTarget: Pick<Target, 'amount'>,
  people: readonly { personId: string; weight?: number }[],
): SplitResult<PersonShare[]> {
  if (!Number.isSafeInteger(teamTarget.amount)) {
    return fail('unsafe-amount', `the amount ${teamTarget.amount} is not a whole number of minor units`);
  }
  if (people.length === 0) return fail('no-people', 'a team target needs at least one person to split across');
  const seen = new Set<string>();
  const weights: number[] = [];
  for (const person of people) {
    if (seen.has(person.personId)) return fail('duplicate-person', `${person.personId} is listed twice`);
    seen.add(person.personId);
    const weight = person.weight ?? 1;
    if (!Number.isFinite(weight) || weight < 0 || weight > 1_000_000) {
      return fail('bad-weight', `the weight of ${person.personId} must be a number from 0 to 1,000,000`);
    }
    weights.push(Math.round(weight * 1_000_000));
  }
  const amounts = apportion(teamTarget.amount, weights);
  if (!amounts) return fail('zero-weights', 'every weight is zero, so nobody can carry the target');
  return {
    ok: true,
    value: people.map((person, index) => ({ personId: person.personId, amount: amounts[index] as number })),
  };
}

// ---------------------------------------------------------------------------------------------
// Pace

/** Within this fraction of what is expected by now counts as on track (5%: 95%–105%). */
export const PACE_TOLERANCE = 0.05;

export type PaceStatus = 'ahead' | 'on-track' | 'behind' | 'not-started' | 'ended';

export interface Pace {
  period: Period;
  /** Progress dated in the period up to and including today. */
  actual: number;
  /** What the split expects by now, to the nearest minor unit. */
  expectedToDate: number;
  expectedTotal: number;
  /** actual ÷ amount × 100; undefined for a zero target. */
  percentOfTarget: number | undefined;
  /** actual ÷ expected to date × 100; undefined while nothing is expected yet. */
  percentOfExpected: number | undefined;
  /** actual ÷ elapsed working days × working days in the period; undefined before any elapsed. */
  projectedEnd: number | undefined;
  status: PaceStatus;
  /** Known once the period has ended (true or false), or already true once actual ≥ amount. */
  hit?: boolean;
  workingDays: number;
  /** Working days of the period before today. */
  elapsedWorkingDays: number;
  /** Working days from today (included) to the end of the period. */
  remainingWorkingDays: number;
  /** What each remaining working day needs to reach the target (rounded up), if any remain. */
  neededPerWorkingDay: number | undefined;
}

function sumProgress(progress: readonly ProgressEntry[], from: CalendarDay, through: CalendarDay): number {
  let sum = 0;
  for (const entry of progress) if (entry.date >= from && entry.date <= through) sum += entry.value;
  return sum;
}

/**
 * How a target is doing on `today` (the user's calendar day).
 *
 * Expected to date counts the working days of the period *before* today: a manager looks at
 * pace during the day, and counting today as done would show everyone behind each morning. The
 * actual includes progress dated today, so a good morning shows. The projection extrapolates
 * the same elapsed days. `progress` should be the entries for this target (and person); entries
 * outside the period, or dated after today, are ignored. Amounts are taken as "higher is
 * better". A period without working days expects nothing until it ends.
 */
export function paceOf(
  target: TargetShape,
  progress: readonly ProgressEntry[],
  today: CalendarDay,
  calendar: WorkingCalendar,
  tolerance = PACE_TOLERANCE,
): Pace {
  const { period, amount } = target;
  const workingDays = countWorkingDays(period, calendar);
  const percentOf = (part: number, whole: number) => (whole === 0 ? undefined : (part / whole) * 100);
  const base = { period, expectedTotal: amount, workingDays };

  if (today < period.start) {
    return {
      ...base,
      actual: 0,
      expectedToDate: 0,
      percentOfTarget: percentOf(0, amount),
      percentOfExpected: undefined,
      projectedEnd: undefined,
      status: 'not-started',
      elapsedWorkingDays: 0,
      remainingWorkingDays: workingDays,
      neededPerWorkingDay: neededPer(amount, workingDays),
    };
  }
  if (today > period.end) {
    const actual = sumProgress(progress, period.start, period.end);
    return {
      ...base,
      actual,
      expectedToDate: amount,
      percentOfTarget: percentOf(actual, amount),
      percentOfExpected: percentOf(actual, amount),
      projectedEnd: actual,
      status: 'ended',
      hit: actual >= amount,
      elapsedWorkingDays: workingDays,
      remainingWorkingDays: 0,
      neededPerWorkingDay: undefined,
    };
  }

  const actual = sumProgress(progress, period.start, today);
  const elapsed = today === period.start ? 0 : countWorkingDays({ start: period.start, end: addDays(today, -1) }, calendar);
  const remaining = workingDays - elapsed;
  // expected = amount × elapsed ÷ workingDays, kept as a fraction for the comparisons.
  const expectedNumerator = BigInt(amount) * BigInt(elapsed);
  const expectedToDate = workingDays === 0 ? 0 : divideRounded(expectedNumerator, BigInt(workingDays));
  const expectedExact = workingDays === 0 ? 0 : (amount * elapsed) / workingDays;

  let status: PaceStatus;
  if (expectedExact === 0) status = actual > 0 ? 'ahead' : actual < 0 ? 'behind' : 'on-track';
  else {
    const ratio = actual / expectedExact;
    status = ratio > 1 + tolerance ? 'ahead' : ratio < 1 - tolerance ? 'behind' : 'on-track';
  }
  const pace: Pace = {
    ...base,
    actual,
    expectedToDate,
    percentOfTarget: percentOf(actual, amount),
    percentOfExpected: expectedExact === 0 ? undefined : (actual / expectedExact) * 100,
    projectedEnd: elapsed === 0 ? undefined : divideRounded(BigInt(actual) * BigInt(workingDays), BigInt(elapsed)),
    status,
    elapsedWorkingDays: elapsed,
    remainingWorkingDays: remaining,
    neededPerWorkingDay: neededPer(amount - actual, remaining),
  };
  if (amount > 0 && actual >= amount) pace.hit = true;
  return pace;
}

function neededPer(shortfall: number, days: number): number | undefined {
  if (days <= 0) return undefined;
  if (shortfall <= 0) return 0;
  return Math.ceil(shortfall / days);
}

export interface PeriodResult {
  period: Period;
  amount: number;
  actual: number;
  hit: boolean;
  percentOfTarget: number | undefined;
}

/**
 * Whether a (previous) period's target was hit: the progress dated inside its period reached
 * its amount. Get the amount from `targetAmountFor` when the period was not a target's own.
 */
export function lastPeriodResult(
  previous: { period: Period; amount: number },
  progress: readonly ProgressEntry[],
): PeriodResult {
  const actual = sumProgress(progress, previous.period.start, previous.period.end);
  return {
    period: previous.period,
    amount: previous.amount,
    actual,
    hit: actual >= previous.amount,
    percentOfTarget: previous.amount === 0 ? undefined : (actual / previous.amount) * 100,
  };
}

// ---------------------------------------------------------------------------------------------
// Horizons by level

export interface Horizon {
  /** The periods the 1:1 looks at, shortest first. */
  focus: PeriodKind[];
  /** The period whose target the focus is measured against. */
  against: PeriodKind;
  /** A plan the person owns for a period, to review in the 1:1 (managers: the month). */
  planFor?: PeriodKind;
  /** Years of the longer vision to keep an eye on (executives: three). */
  visionYears?: number;
}

/** DESIGN.md "Targets cascade by level". */
export function horizonsForLevel(level: Level): Horizon {
  switch (level) {
    case 'frontline':
      return { focus: ['day', 'week'], against: 'month' };
    case 'manager':
      return { focus: ['week'], against: 'month', planFor: 'month' };
    case 'director':
    case 'vp':
      return { focus: ['month'], against: 'quarter' };
    case 'executive':
      return { focus: ['quarter'], against: 'year', visionYears: 3 };
  }
}

/** The whole period of each kind containing today, in the order asked. */
export function currentPeriods(today: CalendarDay, kinds: readonly PeriodKind[], weekStartsOn = 1): Period[] {
  return kinds.map((kind) => periodOf(kind, today, weekStartsOn));
}

// ---------------------------------------------------------------------------------------------
// Amounts as text

const currencySymbols = new Map<string, { prefix: string; suffix: string }>();
let knownCurrencies: Set<string> | undefined;

/** True for an ISO 4217 code the platform knows ("USD", "EUR"); other units are counted things. */
export function isCurrencyCode(unit: string): boolean {
  if (!/^[A-Z]{3}$/.test(unit)) return false;
  knownCurrencies ??= new Set(
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [],
  );
  return knownCurrencies.size === 0 || knownCurrencies.has(unit);
}

/** What goes before and after the number for a currency, in US English ("$" before USD). */
function currencyAffixes(code: string): { prefix: string; suffix: string } {
  let affixes = currencySymbols.get(code);
  if (!affixes) {
    const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).formatToParts(1);
    const integerAt = parts.findIndex((part) => part.type === 'integer');
    const affix = (list: Intl.NumberFormatPart[]) =>
      list
        .filter((part) => part.type === 'currency' || part.type === 'literal')
        .map((part) => part.value.replace(/\s/gu, ' '))
        .join('');
    const lastNumberPart = parts.findLastIndex((part) => part.type === 'integer' || part.type === 'fraction');
    affixes = { prefix: affix(parts.slice(0, integerAt)), suffix: affix(parts.slice(lastNumberPart + 1)) };
    currencySymbols.set(code, affixes);
  }
  return affixes;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * An amount in minor units as people read it: "$22,727.27" for 2,272,727 with 2 decimals in
 * USD, "45 calls" for 45 with 0 decimals in calls. US English grouping (what `parseAmount`
 * reads back). Works on the integer's digits, never on a float.
 */
export function formatAmount(amount: number, decimals: number, unit: string): string {
  // Amounts are integers; round anything else rather than throw from a formatter.
  if (!Number.isFinite(amount)) return `? ${unit}`;
  const whole = Math.round(amount);
  const digits = BigInt(whole < 0 ? -whole : whole).toString();
  const padded = digits.padStart(decimals + 1, '0');
  const integer = groupThousands(padded.slice(0, padded.length - decimals));
  const number = decimals > 0 ? `${integer}.${padded.slice(padded.length - decimals)}` : integer;
  const sign = whole < 0 ? '-' : '';
  if (isCurrencyCode(unit)) {
    const { prefix, suffix } = currencyAffixes(unit);
    return `${sign}${prefix}${number}${suffix}`;
  }
  return `${sign}${number} ${unit}`;
}

export type ParseAmountResult = { ok: true; amount: number } | { ok: false; error: string };

function stripUnit(text: string, unit: string): string {
  const tokens = isCurrencyCode(unit)
    ? [currencyAffixes(unit).prefix.trim(), currencyAffixes(unit).suffix.trim(), unit].filter((token) => token !== '')
    : [unit];
  const lower = text.toLowerCase();
  for (const token of tokens.sort((a, b) => b.length - a.length)) {
    const t = token.toLowerCase();
    if (lower.startsWith(t)) return text.slice(t.length).trim();
    if (lower.endsWith(t)) return text.slice(0, text.length - t.length).trim();
  }
  return text;
}

/**
 * Reads what a person typed ("22,727.27", "$22,727.27", "-45 calls", "1.5k", "$2m") into
 * minor units with `decimals` places. Strict: commas only between groups of three, one decimal
 * point, no more decimal places than the unit has (no silent rounding), k (thousand) and m
 * (million) as the only shorthands. The decimal string is shifted, never multiplied as a float,
 * so "0.29" is exactly 29 cents.
 */
export function parseAmount(input: string, decimals: number, unit?: string): ParseAmountResult {
  let text = input.trim().replace(/\u2212/g, '-');
  if (text === '') return { ok: false, error: 'enter an amount' };
  let negative = false;
  if (text.startsWith('-')) {
    negative = true;
    text = text.slice(1).trim();
  }
  if (unit !== undefined) text = stripUnit(text, unit);
  if (!negative && text.startsWith('-')) {
    negative = true; // "$-5"
    text = text.slice(1).trim();
  }
  let exponent = 0;
  const shorthand = /^(.*\d)\s*([kKmM])$/.exec(text);
  if (shorthand) {
    text = shorthand[1] as string;
    exponent = shorthand[2]?.toLowerCase() === 'k' ? 3 : 6;
  }
  const stray = /[^\d.,]/.exec(text);
  if (stray) return { ok: false, error: `unexpected "${stray[0]}" in "${input.trim()}"` };
  if (!/\d/.test(text)) return { ok: false, error: `no digits in "${input.trim()}"` };
  const pieces = text.split('.');
  if (pieces.length > 2) return { ok: false, error: 'more than one decimal point' };
  const integerPart = pieces[0] as string;
  const fraction = pieces[1] ?? '';
  if (fraction.includes(',')) return { ok: false, error: 'commas go before the decimal point' };
  if (integerPart.includes(',') && !/^\d{1,3}(,\d{3})+$/.test(integerPart)) {
    return { ok: false, error: 'commas must separate groups of three digits, as in 22,727.27' };
  }
  const mantissa = BigInt((integerPart.replace(/,/g, '') || '0') + fraction);
  const shift = exponent + decimals - fraction.length;
  let amount: bigint;
  if (shift >= 0) amount = mantissa * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    if (mantissa % divisor !== 0n) {
      return {
        ok: false,
        error: decimals === 0 ? 'whole numbers only' : `at most ${decimals} decimal place${decimals === 1 ? '' : 's'}`,
      };
    }
    amount = mantissa / divisor;
  }
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: 'that amount is too large' };
  const value = Number(amount);
  return { ok: true, amount: negative && value !== 0 ? -value : value };
}
