// The options page's Targets section from records: each target's split into shorter periods
// (the domain's splitTarget, by working days), its pace and last period's result, amounts as
// people read them (formatAmount); and the CSV import's preview. Pure.
//
// A target's progress is read per series: every target of the same owner, metric and unit
// shares one stream of results ("Dana's bookings on 3 Nov"), whichever of them it was entered
// against, so a quarter target and the month targets inside it see the same progress.
import { periodContains, periodLength, periodOf, previousPeriod } from '../domain/calendar-time';
import { isActiveDirect } from '../domain/overdue';
import { parseProgressCsv, type ProgressCsvParse, type ProgressCsvRow } from '../domain/progress-csv';
import type { CalendarDay, Period, PeriodKind, Person, ProgressEntry, Settings, Target, TargetOwner } from '../domain/schemas';
import {
  formatAmount,
  lastPeriodResult,
  paceOf,
  splitAcrossPeople,
  splitTarget,
  targetAmountFor,
  type WorkingCalendar,
} from '../domain/targets';
import { progressCsvPreview } from '../ui/options/csv-preview';
import type { CsvPreviewView, TargetOwnerOption, TargetPartView, TargetSplitView, TargetView } from '../ui/options/view-model';
import { indexPeople, personName } from './names';
import { dayRangeText, partLabel, periodLabel, weekdayDayText } from './time';

export function workingCalendar(settings: Pick<Settings, 'weekendDays' | 'daysOff'>): WorkingCalendar {
  return { weekendDays: settings.weekendDays, daysOff: settings.daysOff };
}

/** Who a target belongs to, as a key: 'team' or 'person:<id>'. */
export function ownerKey(owner: TargetOwner): string {
  return owner.kind === 'team' ? 'team' : `person:${owner.personId}`;
}

/** Targets of one owner, metric and unit share one stream of progress (see the top of this file). */
export function seriesKey(target: Target): string {
  return `${ownerKey(target.owner)}|${target.metric.trim().toLowerCase()}|${target.unit}|${target.decimals}`;
}

export function ownerLabel(owner: TargetOwner, people: readonly Person[]): string {
  return owner.kind === 'team' ? 'Team' : personName(indexPeople(people), owner.personId);
}

/** The team first, then everyone not archived or merged, by name. */
export function targetOwnerOptions(people: readonly Person[]): TargetOwnerOption[] {
  const listed = people
    .filter((person) => !person.archived && person.mergedInto === undefined)
    .sort((a, b) => Number(b.relationship === 'direct') - Number(a.relationship === 'direct') || a.displayName.localeCompare(b.displayName));
  return [{ owner: { kind: 'team' }, label: 'Team' }, ...listed.map((person) => ({ owner: { kind: 'person' as const, personId: person.id }, label: person.displayName }))];
}

/**
 * The targets the section lists: set by the user (not parts stored by a split), running now or
 * later, or ended since the start of last month (so late results can still be entered). Running
 * ones first, then those to come, then ended ones; each group by owner and metric.
 */
export function listedTargets(targets: readonly Target[], today: CalendarDay): Target[] {
  const since = previousPeriod(periodOf('month', today)).start;
  const group = (target: Target) => (periodContains(target.period, today) ? 0 : target.period.start > today ? 1 : 2);
  return targets
    .filter((target) => target.parentId === undefined && target.period.end >= since)
    .sort(
      (a, b) =>
        group(a) - group(b) ||
        Number(a.owner.kind !== 'team') - Number(b.owner.kind !== 'team') ||
        ownerKey(a.owner).localeCompare(ownerKey(b.owner)) ||
        a.metric.localeCompare(b.metric) ||
        a.period.start.localeCompare(b.period.start) ||
        a.id.localeCompare(b.id),
    );
}

/** The shorter periods a target of a kind is shown split into. */
export const SPLIT_KINDS: Record<PeriodKind, PeriodKind[]> = {
  year: ['quarter', 'month'],
  quarter: ['month', 'week'],
  month: ['week', 'day'],
  week: ['day'],
  day: [],
};

const SPLIT_TITLES: Record<PeriodKind, string> = { year: 'By year', quarter: 'By quarter', month: 'By month', week: 'By week', day: 'By day' };

function sumIn(progress: readonly ProgressEntry[], period: Pick<Period, 'start' | 'end'>, personId?: string): number {
  let sum = 0;
  for (const entry of progress) {
    if (entry.date < period.start || entry.date > period.end) continue;
    if (personId !== undefined && entry.personId !== personId) continue;
    sum += entry.value;
  }
  return sum;
}

function percentText(percent: number | undefined): string | undefined {
  return percent === undefined || !Number.isFinite(percent) ? undefined : `${Math.round(percent)}%`;
}

export interface TargetsData {
  targets: readonly Target[];
  /** Progress of the listed targets' series (entries of other targets are ignored). */
  progress: readonly ProgressEntry[];
  people: readonly Person[];
  settings: Pick<Settings, 'weekendDays' | 'daysOff'>;
}

/** Every target of the same owner, metric and unit as `target`, set by the user. */
function seriesOf(target: Target, targets: readonly Target[]): Target[] {
  const key = seriesKey(target);
  return targets.filter((other) => other.parentId === undefined && seriesKey(other) === key);
}

function progressOfSeries(series: readonly Target[], progress: readonly ProgressEntry[]): ProgressEntry[] {
  const ids = new Set(series.map((target) => target.id));
  return progress.filter((entry) => ids.has(entry.targetId));
}

/**
 * "Did they hit last period's target?": for a day or week target the day or week before today's,
 * for a longer one last week (the 1:1 is weekly), with the amount its series' targets give that
 * period. Absent when the target is not running today or no target of its series covered it.
 */
function lastPeriodView(target: Target, series: readonly Target[], progress: readonly ProgressEntry[], today: CalendarDay, calendar: WorkingCalendar): TargetView['lastPeriod'] {
  if (!periodContains(target.period, today)) return undefined;
  const kind: PeriodKind = target.period.kind === 'day' ? 'day' : 'week';
  const previous = previousPeriod(periodOf(kind, today));
  if (!series.some((other) => other.period.start <= previous.end && other.period.end >= previous.start)) return undefined;
  const amount = targetAmountFor(previous, series, calendar);
  if (!amount.ok) return undefined;
  const result = lastPeriodResult({ period: previous, amount: amount.value }, progress);
  const format = (value: number) => formatAmount(value, target.decimals, target.unit);
  const percent = percentText(result.percentOfTarget);
  return {
    label: kind === 'day' ? `Yesterday (${weekdayDayText(previous.start)})` : `Last week (${dayRangeText(previous.start, previous.end)})`,
    hit: result.hit,
    detailText: `${format(result.actual)} of ${format(result.amount)}${percent ? `, ${percent}` : ''}`,
  };
}

export function targetView(target: Target, data: TargetsData, today: CalendarDay): TargetView {
  const calendar = workingCalendar(data.settings);
  const format = (value: number) => formatAmount(value, target.decimals, target.unit);
  const series = seriesOf(target, data.targets);
  const progress = progressOfSeries(series, data.progress);
  const directs = target.owner.kind === 'team' ? data.people.filter(isActiveDirect) : [];

  const splits: TargetSplitView[] = [];
  let splitProblem: string | undefined;
  for (const kind of SPLIT_KINDS[target.period.kind]) {
    const parts = splitTarget(target, kind, calendar);
    if (!parts.ok) {
      splitProblem ??= parts.message;
      continue;
    }
    splits.push({
      title: SPLIT_TITLES[kind],
      parts: parts.value.map((part): TargetPartView => {
        const view: TargetPartView = { label: partLabel(part.period), workingDays: part.workingDays, amountText: format(part.amount) };
        if (part.period.start <= today) view.actualText = format(sumIn(progress, part.period));
        return view;
      }),
      totalText: format(parts.value.reduce((sum, part) => sum + part.amount, 0)),
    });
  }
  if (directs.length > 0) {
    const shares = splitAcrossPeople(target, directs.map((person) => ({ personId: person.id })));
    if (shares.ok) {
      const workingDays = splitTarget(target, target.period.kind, calendar);
      const days = workingDays.ok ? (workingDays.value[0]?.workingDays ?? 0) : 0;
      const index = indexPeople(data.people);
      splits.push({
        title: 'By person',
        parts: shares.value.map((share): TargetPartView => {
          const view: TargetPartView = { label: personName(index, share.personId), workingDays: days, amountText: format(share.amount) };
          if (target.period.start <= today) view.actualText = format(sumIn(progress, target.period, share.personId));
          return view;
        }),
        totalText: format(shares.value.reduce((sum, share) => sum + share.amount, 0)),
      });
    } else splitProblem ??= shares.message;
  }

  const pace = paceOf(target, progress, today, calendar);
  const view: TargetView = {
    id: target.id,
    ownerLabel: ownerLabel(target.owner, data.people),
    metric: target.metric,
    unit: target.unit,
    decimals: target.decimals,
    periodLabel: periodLabel(target.period),
    amountText: format(target.amount),
    splits,
    pace: {
      status: pace.status,
      actualText: format(pace.actual),
      expectedText: format(pace.expectedToDate),
      ...(percentText(pace.percentOfTarget) ? { percentText: percentText(pace.percentOfTarget) } : {}),
      ...(pace.projectedEnd !== undefined && pace.status !== 'ended' ? { projectedText: format(pace.projectedEnd) } : {}),
      ...(pace.status === 'ended' ? { hit: pace.hit === true } : {}),
    },
  };
  if (splitProblem) view.splitProblem = splitProblem;
  const last = lastPeriodView(target, series, progress, today, calendar);
  if (last) view.lastPeriod = last;
  if (directs.length > 0) view.progressPeople = directs.map((person) => ({ id: person.id, label: person.displayName }));
  return view;
}

export function targetViews(data: TargetsData, today: CalendarDay): TargetView[] {
  return listedTargets(data.targets, today).map((target) => targetView(target, data, today));
}

// ---------------------------------------------------------------------------------------------
// CSV import

export interface CsvImportPlan {
  preview: CsvPreviewView;
  /** The entries to store, when every row is good; undefined while any row or the file has a problem. */
  entries?: { targetId: string; personId?: string; date: CalendarDay; value: number; note?: string }[];
}

/**
 * Reads a progress CSV against the targets. The file names a target by its metric (or id); each
 * row goes to the target of that series whose period holds the row's day (the shortest one when
 * several do). A row whose day no such target covers, or a day after today, is refused, so
 * nothing is imported where it would not count.
 */
export function planCsvImport(text: string, fileName: string, data: TargetsData, today: CalendarDay): CsvImportPlan {
  const userTargets = data.targets.filter((target) => target.parentId === undefined);
  // One entry per series for the parser (it matches by metric and owner, not by date): the
  // series' latest target stands for it.
  const representatives = new Map<string, Target>();
  for (const target of userTargets) {
    const key = seriesKey(target);
    const current = representatives.get(key);
    if (!current || current.period.end < target.period.end) representatives.set(key, target);
  }
  const index = indexPeople(data.people);
  const parse = parseProgressCsv(text, {
    targets: [...representatives.values()].map((target) => ({
      id: target.id,
      metric: target.metric,
      owner: target.owner,
      ownerName: ownerLabel(target.owner, data.people),
      unit: target.unit,
      decimals: target.decimals,
    })),
    people: data.people
      .filter((person) => person.mergedInto === undefined)
      .map((person) => ({ id: person.id, displayName: person.displayName, ...(person.email ? { email: person.email } : {}) })),
  });
  const byId = new Map(userTargets.map((target) => [target.id, target]));
  const placed: ProgressCsvParse = {
    ...parse,
    rows: parse.rows.map((row): ProgressCsvRow => {
      if (!row.ok) return row;
      const representative = byId.get(row.entry.targetId);
      if (!representative) return row;
      if (row.entry.date > today) {
        return { line: row.line, ok: false, errors: [`${row.cells.date} is after today: enter results once they are in`], cells: row.cells };
      }
      const covering = seriesOf(representative, userTargets)
        .filter((target) => periodContains(target.period, row.entry.date))
        .sort((a, b) => periodLength(a.period) - periodLength(b.period) || a.id.localeCompare(b.id));
      const chosen = covering[0];
      if (!chosen) {
        return {
          line: row.line,
          ok: false,
          errors: [`No ${representative.metric} target of ${ownerLabel(representative.owner, data.people)} covers ${weekdayDayText(row.entry.date)} ${row.entry.date.slice(0, 4)}: create one for that period first`],
          cells: row.cells,
        };
      }
      return { ...row, entry: { ...row.entry, targetId: chosen.id } };
    }),
  };
  const preview = progressCsvPreview(placed, fileName, {
    targetLabel: (targetId) => {
      const target = byId.get(targetId);
      return target ? `${target.metric} — ${ownerLabel(target.owner, data.people)}, ${periodLabel(target.period)}` : targetId;
    },
    personLabel: (personId) => personName(index, personId),
    formatValue: (targetId, value) => {
      const target = byId.get(targetId);
      return target ? formatAmount(value, target.decimals, target.unit) : String(value);
    },
  });
  const importable = placed.headerErrors.length === 0 && placed.rows.length > 0 && placed.rows.every((row) => row.ok);
  if (!importable) return { preview };
  return {
    preview,
    entries: placed.rows.flatMap((row) => (row.ok ? [row.entry] : [])),
  };
}
