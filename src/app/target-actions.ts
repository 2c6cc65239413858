// What the Targets section asks for, against storage: create and delete targets, enter progress
// by hand, import progress from a CSV file (all rows in one transaction, or none).
import { dayOf, isCalendarDay, periodContains, periodOf } from '../domain/calendar-time';
import { PeriodKind, TargetOwner, type ProgressEntry, type Target } from '../domain/schemas';
import { formatAmount } from '../domain/targets';
import { getPerson, getTarget, listAllPeople, putProgressEntries, putProgressEntry, putTarget, validForWrite } from '../storage';
import type { NewTargetInput, Outcome, ProgressInput } from '../ui/options/view-model';
import { done, guarded, randomIdPart, refused, type ActionContext } from './action-context';
import { listTargets } from './options-data';
import { effectiveTimeZone, loadOrCreateSettings } from './settings';
import { ownerLabel, planCsvImport, seriesKey } from './targets-presenter';
import { periodLabel, weekdayDayText } from './time';

async function todayFor(ctx: ActionContext): Promise<string> {
  const settings = await loadOrCreateSettings(ctx.db, ctx.now());
  return dayOf(ctx.now(), effectiveTimeZone(settings));
}

export async function createTarget(ctx: ActionContext, input: NewTargetInput): Promise<Outcome> {
  const owner = TargetOwner.safeParse(input.owner);
  if (!owner.success) return refused('Choose whose target it is.');
  const metric = typeof input.metric === 'string' ? input.metric.trim() : '';
  if (metric === '') return refused('Name what is measured, e.g. Bookings.');
  const unit = typeof input.unit === 'string' ? input.unit.trim() : '';
  if (unit === '') return refused('Give the unit, e.g. USD or calls.');
  if (!Number.isInteger(input.decimals) || input.decimals < 0 || input.decimals > 4) return refused('Decimals must be a whole number from 0 to 4.');
  const kind = PeriodKind.safeParse(input.periodKind);
  if (!kind.success) return refused('Choose a period: year, quarter, month, week or day.');
  if (!isCalendarDay(input.periodDay)) return refused(`“${input.periodDay}” is not a date (YYYY-MM-DD).`);
  if (!Number.isSafeInteger(input.amount)) return refused('The amount is not a whole number of the unit’s smallest part.');
  if (input.amount < 0) return refused('A target is zero or more.');
  return guarded(async () => {
    const { db } = ctx;
    const people = await listAllPeople(db);
    if (owner.data.kind === 'person') {
      const person = people.find((p) => p.id === (owner.data as { personId: string }).personId);
      if (!person) return refused('That person is no longer here: reload the page.');
      if (person.mergedInto !== undefined) return refused(`${person.displayName} was merged into someone else; set the target for that person.`);
    }
    const now = ctx.now();
    const target: Target = {
      account: db.account,
      id: `target-${randomIdPart(ctx.random)}`,
      owner: owner.data,
      metric,
      unit,
      decimals: input.decimals,
      period: periodOf(kind.data, input.periodDay),
      amount: input.amount,
      createdAt: now,
      updatedAt: now,
    };
    const existing = (await listTargets(db)).find(
      (other) =>
        other.parentId === undefined &&
        seriesKey(other) === seriesKey(target) &&
        other.period.kind === target.period.kind &&
        other.period.start === target.period.start,
    );
    if (existing) {
      return refused(
        `${ownerLabel(target.owner, people)} already has a ${metric} target for ${periodLabel(target.period)} (${formatAmount(existing.amount, existing.decimals, existing.unit)}); delete it first to set another.`,
      );
    }
    await putTarget(db, target);
    ctx.notify({ type: 'targets-changed', account: db.account, ids: [target.id] });
    return done(`Created ${metric} for ${periodLabel(target.period)}: ${formatAmount(target.amount, target.decimals, target.unit)}.`);
  });
}

/** Deletes a target, the parts split from it, and the progress entered for them, in one transaction. */
export async function deleteTarget(ctx: ActionContext, targetId: string): Promise<Outcome> {
  return guarded(async () => {
    const { db } = ctx;
    const tx = db.idb.transaction(['targets', 'progress'], 'readwrite');
    const targets = tx.objectStore('targets');
    if ((await targets.getKey(targetId)) === undefined) {
      await tx.done;
      return refused('That target is no longer here: reload the page.');
    }
    const ids = [targetId];
    for (let i = 0; i < ids.length && i < 10_000; i++) {
      const children = await targets.index('by-parent').getAllKeys(ids[i]);
      for (const child of children) if (!ids.includes(child)) ids.push(child);
    }
    const progress = tx.objectStore('progress');
    const progressKeys = (
      await Promise.all(ids.map((id) => progress.index('by-target-date').getAllKeys(IDBKeyRange.bound([id, ''], [id, '\uffff']))))
    ).flat();
    await Promise.all([...ids.map((id) => targets.delete(id)), ...progressKeys.map((key) => progress.delete(key)), tx.done]);
    ctx.notify({ type: 'targets-changed', account: db.account, ids });
    return done();
  });
}

export async function addProgress(ctx: ActionContext, input: ProgressInput): Promise<Outcome> {
  if (!isCalendarDay(input.day)) return refused(`“${input.day}” is not a date (YYYY-MM-DD).`);
  if (!Number.isSafeInteger(input.amount)) return refused('The amount is not a whole number of the unit’s smallest part.');
  if (input.note !== undefined && typeof input.note !== 'string') return refused('A note is text.');
  const today = await todayFor(ctx);
  if (input.day > today) return refused('Progress is entered for today or an earlier day.');
  return guarded(async () => {
    const { db } = ctx;
    const target = await getTarget(db, input.targetId);
    if (!target) return refused('That target is no longer here: reload the page.');
    if (!periodContains(target.period, input.day)) {
      return refused(`${weekdayDayText(input.day)} is outside the target’s period (${periodLabel(target.period)}).`);
    }
    let personId: string | undefined;
    if (input.personId !== undefined && input.personId !== '') {
      if (target.owner.kind !== 'team') return refused('Progress of a person’s own target is theirs: choose no one else.');
      const person = await getPerson(db, input.personId);
      if (!person || person.mergedInto !== undefined) return refused('That person is no longer here: reload the page.');
      personId = person.id;
    }
    const note = input.note?.trim();
    const entry: ProgressEntry = {
      account: db.account,
      id: `progress-${randomIdPart(ctx.random)}`,
      targetId: target.id,
      ...(personId ? { personId } : {}),
      date: input.day,
      value: input.amount,
      source: 'manual',
      ...(note ? { note } : {}),
      updatedAt: ctx.now(),
    };
    await putProgressEntry(db, entry);
    ctx.notify({ type: 'targets-changed', account: db.account, ids: [target.id] });
    return done(`Added ${formatAmount(entry.value, target.decimals, target.unit)} on ${weekdayDayText(entry.date)}.`);
  });
}

/**
 * The id of an imported entry: one per target, person and day, so importing the same file again
 * replaces its rows instead of counting them twice (a row is that day's total).
 */
export function csvEntryId(targetId: string, personId: string | undefined, date: string): string {
  return `csv|${targetId}|${personId ?? 'all'}|${date}`;
}

/**
 * Imports a checked CSV file. The file is checked again against the targets as they are now (the
 * preview may be old); any row with a problem refuses the whole file. Every row is written in one
 * transaction: a failure leaves nothing half-imported.
 */
export async function importProgressCsv(ctx: ActionContext, text: string, fileName: string): Promise<Outcome> {
  return guarded(async () => {
    const { db } = ctx;
    const settings = await loadOrCreateSettings(db, ctx.now());
    const today = dayOf(ctx.now(), effectiveTimeZone(settings));
    const [targets, people] = await Promise.all([listTargets(db), listAllPeople(db)]);
    const plan = planCsvImport(text, fileName, { targets, progress: [], people, settings }, today);
    if (!plan.entries) {
      const bad = plan.preview.fileErrors.length + plan.preview.rows.filter((row) => !row.ok).length;
      return refused(`Nothing was imported: ${bad} ${bad === 1 ? 'problem' : 'problems'} in ${fileName}. Fix the file and choose it again.`);
    }
    const now = ctx.now();
    const entries = plan.entries.map((entry) =>
      validForWrite(db, 'progress', {
        account: db.account,
        id: csvEntryId(entry.targetId, entry.personId, entry.date),
        targetId: entry.targetId,
        ...(entry.personId ? { personId: entry.personId } : {}),
        date: entry.date,
        value: entry.value,
        source: 'csv',
        ...(entry.note ? { note: entry.note } : {}),
        updatedAt: now,
      } satisfies ProgressEntry),
    );
    await putProgressEntries(db, entries);
    ctx.notify({ type: 'targets-changed', account: db.account, ids: [...new Set(entries.map((entry) => entry.targetId))] });
    return done(`Imported ${entries.length} ${entries.length === 1 ? 'row' : 'rows'} from ${fileName}.`);
  });
}
