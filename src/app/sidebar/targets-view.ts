// The sidebar's Targets section: the person's targets seen over the periods their level looks at
// (DESIGN.md "Targets cascade by level": a frontline rep today and this week against the month,
// a manager this week against the month, a director the month against the quarter, an executive
// the quarter against the year). Pure.
//
// Each row is one series (an owner, metric and unit: "Dana's bookings in USD") over one period:
// - the period's target: a target set for exactly that period, else the share of the shortest
//   longer target covering it (split by working days, domain/targets.ts), else the sum of the
//   shorter targets inside it; parts a split stored (`parentId`) are not counted again;
// - the actual: progress dated in the period up to today, whichever target of the series it was
//   entered against (as the options page counts it);
// - percent, pace (expected by today, projected end) and whether the previous period was hit.
// A team target counts for a direct with their equal share among the active directs, and only
// their own progress.
import { addDays, countWorkingDays, isWorkingDay, periodOf, periodRank, previousPeriod } from '../../domain/calendar-time';
import { isActiveDirect } from '../../domain/overdue';
import type { CalendarDay, Level, Period, PeriodKind, Person, ProgressEntry, Settings, Target } from '../../domain/schemas';
import { formatAmount, horizonsForLevel, lastPeriodResult, paceOf, splitAcrossPeople, targetAmountFor, type WorkingCalendar } from '../../domain/targets';
import type { TargetWithProgress } from '../../storage';
import type { ProgressTargetView, TargetHorizonView, TargetRowView, TargetsView } from '../../ui/sidebar/view-model';
import { partLabel, periodLabel, weekdayDayText } from '../time';
import { seriesKey, workingCalendar } from '../targets-presenter';

export interface TargetsInput {
  /** The other person (undefined while unknown: a frontline person with no targets). */
  person: Pick<Person, 'id' | 'level' | 'relationship'> | undefined;
  /** Targets running today with their progress (loadPersonThread). */
  current: readonly TargetWithProgress[];
  /** Targets that ended recently, for the previous periods' results. */
  recent: readonly TargetWithProgress[];
  /** Everyone, for a team target's shares (only active directs count). */
  directs: readonly Person[];
  settings: Pick<Settings, 'weekendDays' | 'daysOff'>;
  today: CalendarDay;
}

const LEVEL_FOCUS: Record<Level, string> = {
  frontline: 'Frontline: today and this week, against the month',
  manager: 'Manager: this week, against the month and their plan for it',
  director: 'Director: the month, against the quarter',
  vp: 'VP: the month, against the quarter',
  executive: 'Executive: the quarter, against the year and the three-year vision',
};

/** The periods a level's 1:1 looks at, shortest first (focus, then what it is measured against). */
export function horizonKinds(level: Level): PeriodKind[] {
  const horizon = horizonsForLevel(level);
  return [...new Set([...horizon.focus, horizon.against])].sort((a, b) => periodRank(a) - periodRank(b));
}

function horizonLabel(kind: PeriodKind, period: Period): string {
  switch (kind) {
    case 'day':
      return 'Today';
    case 'week':
      return 'This week';
    case 'month':
      return partLabel(period);
    default:
      return periodLabel(period);
  }
}

/** The period before `period` that had work: for days, the last working day before today. */
function previousFor(period: Period, calendar: WorkingCalendar): Period {
  let previous = previousPeriod(period);
  if (period.kind !== 'day') return previous;
  for (let i = 0; i < 14 && !isWorkingDay(previous.start, calendar); i++) previous = previousPeriod(previous);
  return previous;
}

function previousLabel(kind: PeriodKind, previous: Period, today: CalendarDay): string {
  switch (kind) {
    case 'day':
      return previous.start === addDays(today, -1) ? 'Yesterday' : weekdayDayText(previous.start);
    case 'week':
      return 'Last week';
    case 'month':
      return partLabel(previous);
    default:
      return periodLabel(previous);
  }
}

interface Series {
  key: string;
  team: boolean;
  metric: string;
  unit: string;
  decimals: number;
  /** Set by the user (not parts a split stored). */
  targets: Target[];
  progress: ProgressEntry[];
}

function collectSeries(all: readonly TargetWithProgress[]): Series[] {
  const byKey = new Map<string, Series>();
  const seenTargets = new Set<string>();
  const seenProgress = new Set<string>();
  for (const { target, progress } of all) {
    if (seenTargets.has(target.id)) continue;
    seenTargets.add(target.id);
    const key = seriesKey(target);
    let series = byKey.get(key);
    if (!series) {
      series = { key, team: target.owner.kind === 'team', metric: target.metric, unit: target.unit, decimals: target.decimals, targets: [], progress: [] };
      byKey.set(key, series);
    }
    if (target.parentId === undefined) series.targets.push(target);
    for (const entry of progress) {
      if (seenProgress.has(entry.id)) continue;
      seenProgress.add(entry.id);
      series.progress.push(entry);
    }
  }
  return [...byKey.values()]
    .filter((series) => series.targets.length > 0)
    .sort((a, b) => Number(a.team) - Number(b.team) || a.metric.localeCompare(b.metric) || a.key.localeCompare(b.key));
}

function overlaps(target: Target, period: Period): boolean {
  return target.period.start <= period.end && target.period.end >= period.start;
}

/** The series' target for `period` (see the top of this file), or undefined when none covers it. */
export function amountForPeriod(period: Period, targets: readonly Target[], calendar: WorkingCalendar): number | undefined {
  const exact = targets.find((target) => target.period.kind === period.kind && target.period.start === period.start && target.period.end === period.end);
  if (exact) return exact.amount;
  const longer = targets.filter((target) => periodRank(target.period.kind) > periodRank(period.kind) && overlaps(target, period));
  const shorter = targets.filter((target) => periodRank(target.period.kind) < periodRank(period.kind) && overlaps(target, period));
  // One kind only, so a month target and the quarter around it are never added together.
  const pool = longer.length > 0 ? longer : shorter;
  if (pool.length === 0) return undefined;
  const rank = longer.length > 0 ? Math.min(...pool.map((t) => periodRank(t.period.kind))) : Math.max(...pool.map((t) => periodRank(t.period.kind)));
  const chosen = pool.filter((target) => periodRank(target.period.kind) === rank);
  const amount = targetAmountFor(period, chosen, calendar);
  return amount.ok ? amount.value : undefined;
}

/** Why a horizon with no working days shows no rows. */
function restNote(kind: PeriodKind, label: string): string {
  if (kind === 'day') return 'Today is not a working day: no target for today';
  return `No working days ${kind === 'week' ? 'this week' : `in ${label}`}: no target for it`;
}

/** A horizon's label inside a sentence: "This week" → "this week"; names stay as they are. */
function sentenceLabel(label: string): string {
  return label.startsWith('This ') ? `t${label.slice(1)}` : label;
}

function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function percentText(percent: number | undefined): string | undefined {
  return percent === undefined || !Number.isFinite(percent) ? undefined : `${Math.round(percent)}%`;
}

export function targetsView(input: TargetsInput): TargetsView {
  const { person, settings, today } = input;
  const level = person?.level ?? 'frontline';
  const calendar = workingCalendar(settings);
  const activeDirects = input.directs.filter(isActiveDirect);
  const isDirect = person !== undefined && activeDirects.some((direct) => direct.id === person.id);
  const series = collectSeries([...input.current, ...input.recent]).filter((s) => !s.team || isDirect);

  /** A team amount as this person's share; undefined when they have none. */
  const share = (s: Series, amount: number): number | undefined => {
    if (!s.team) return amount;
    const shares = splitAcrossPeople({ amount }, activeDirects.map((direct) => ({ personId: direct.id })));
    return shares.ok ? shares.value.find((part) => part.personId === person?.id)?.amount : undefined;
  };
  const progressOf = (s: Series) => (s.team ? s.progress.filter((entry) => entry.personId === person?.id) : s.progress);

  const horizons: TargetHorizonView[] = horizonKinds(level).map((kind) => {
    const period = periodOf(kind, today);
    // A weekend or a day off: a split by working days gives it nothing, and "$0 of $0, on
    // track" says nothing. Its rows are left out and the horizon says why instead.
    const restPeriod = countWorkingDays(period, calendar) === 0;
    let leftOut = 0;
    const rows: TargetRowView[] = [];
    for (const s of series) {
      const whole = amountForPeriod(period, s.targets, calendar);
      const amount = whole === undefined ? undefined : share(s, whole);
      if (amount === undefined) continue;
      if (restPeriod && amount === 0) {
        leftOut++;
        continue;
      }
      const format = (value: number) => formatAmount(value, s.decimals, s.unit);
      const progress = progressOf(s);
      const pace = paceOf({ period, amount }, progress, today, calendar);
      const row: TargetRowView = {
        key: `${s.key}|${kind}`,
        metric: s.team ? `${s.metric} (team share)` : s.metric,
        actualText: format(pace.actual),
        targetText: format(amount),
        pace: {
          status: pace.status,
          ...(pace.status !== 'not-started' && pace.status !== 'ended' && { expectedText: format(pace.expectedToDate) }),
          ...(pace.projectedEnd !== undefined && pace.status !== 'ended' && { projectedText: format(pace.projectedEnd) }),
        },
      };
      const percent = percentText(pace.percentOfTarget);
      if (percent !== undefined && pace.percentOfTarget !== undefined) {
        row.percentText = percent;
        row.percent = pace.percentOfTarget;
      }
      const previous = previousFor(period, calendar);
      const previousWhole = amountForPeriod(previous, s.targets, calendar);
      const previousAmount = previousWhole === undefined ? undefined : share(s, previousWhole);
      if (previousAmount !== undefined) {
        const result = lastPeriodResult({ period: previous, amount: previousAmount }, progress);
        const resultPercent = percentText(result.percentOfTarget);
        row.lastPeriod = {
          label: previousLabel(kind, previous, today),
          hit: result.hit,
          detailText: `${format(result.actual)} of ${format(result.amount)}${resultPercent ? `, ${resultPercent}` : ''}`,
        };
      }
      rows.push(row);
    }
    const horizon: TargetHorizonView = { key: kind, label: horizonLabel(kind, period), rows };
    if (leftOut > 0) horizon.note = restNote(kind, horizon.label);
    return horizon;
  });
  // A rest day's progress still counts toward the longer periods: say which.
  const counting = horizons.filter((horizon) => horizon.rows.length > 0);
  for (const horizon of horizons) {
    if (horizon.note === undefined) continue;
    const longer = counting.filter((other) => periodRank(other.key as PeriodKind) > periodRank(horizon.key as PeriodKind)).map((other) => sentenceLabel(other.label));
    if (longer.length > 0) horizon.note += `; what is added today counts toward ${joinAnd(longer)}`;
  }

  // Progress is entered against the shortest target of the series running today (the options
  // page reads it for every target of the series).
  const progressTargets: ProgressTargetView[] = [];
  for (const s of series) {
    const running = s.targets
      .filter((target) => target.period.start <= today && today <= target.period.end)
      .sort((a, b) => periodRank(a.period.kind) - periodRank(b.period.kind));
    const chosen = running[0];
    if (!chosen) continue;
    progressTargets.push({ targetId: chosen.id, label: s.team ? `${s.metric} (${s.unit}, team)` : `${s.metric} (${s.unit})`, unit: s.unit, decimals: s.decimals });
  }

  return {
    focusText: LEVEL_FOCUS[level],
    horizons: horizons.filter((horizon) => horizon.rows.length > 0 || horizon.note !== undefined),
    progressTargets,
  };
}

/** The earliest day the previous periods of a level's horizons start on (how far back to read targets). */
export function historySince(level: Level, today: CalendarDay, settings: Pick<Settings, 'weekendDays' | 'daysOff'>): CalendarDay {
  const calendar = workingCalendar(settings);
  return horizonKinds(level)
    .map((kind) => previousFor(periodOf(kind, today), calendar).start)
    .reduce((earliest, day) => (day < earliest ? day : earliest), today);
}
