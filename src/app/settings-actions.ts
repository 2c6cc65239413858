// What the Days off and Settings sections ask for: days off, weekend days, time zone, the user's
// other addresses, the O3 template. Each reads the settings (created on first use), checks the
// new value, writes, and posts 'settings-changed'.
import { isCalendarDay, isValidTimeZone } from '../domain/calendar-time';
import type { CalendarDay, Settings } from '../domain/schemas';
import { putSettings } from '../storage';
import type { Outcome } from '../ui/options/view-model';
import { done, guarded, refused, type ActionContext } from './action-context';
import { loadOrCreateSettings } from './settings';

export const MAX_DAYS_OFF_AT_ONCE = 366;
/** Enough for decades of holidays and leave; a bound keeps a runaway caller from bloating every split. */
export const MAX_DAYS_OFF = 3660;

async function updateSettings(ctx: ActionContext, change: (settings: Settings) => Settings | Outcome, message?: string): Promise<Outcome> {
  return guarded(async () => {
    const settings = await loadOrCreateSettings(ctx.db, ctx.now());
    const updated = change(settings);
    if ('ok' in updated) return updated;
    await putSettings(ctx.db, { ...updated, updatedAt: ctx.now() });
    ctx.notify({ type: 'settings-changed', account: ctx.db.account });
    return done(message);
  });
}

export function addDaysOff(ctx: ActionContext, days: readonly CalendarDay[]): Promise<Outcome> {
  if (!Array.isArray(days) || days.length === 0) return Promise.resolve(refused('Choose the days off.'));
  if (days.length > MAX_DAYS_OFF_AT_ONCE) return Promise.resolve(refused(`Add at most ${MAX_DAYS_OFF_AT_ONCE} days at a time.`));
  const bad = days.find((day) => typeof day !== 'string' || !isCalendarDay(day));
  if (bad !== undefined) return Promise.resolve(refused(`“${String(bad)}” is not a date (YYYY-MM-DD).`));
  return updateSettings(ctx, (settings) => {
    const all = [...new Set([...settings.daysOff, ...days])].sort();
    if (all.length > MAX_DAYS_OFF) return refused(`At most ${MAX_DAYS_OFF} days off can be kept; remove old ones first.`);
    return { ...settings, daysOff: all };
  });
}

export function removeDayOff(ctx: ActionContext, day: CalendarDay): Promise<Outcome> {
  return updateSettings(ctx, (settings) => ({ ...settings, daysOff: settings.daysOff.filter((other) => other !== day) }));
}

export function setWeekendDays(ctx: ActionContext, days: readonly number[]): Promise<Outcome> {
  if (!Array.isArray(days) || days.some((day) => !Number.isInteger(day) || day < 0 || day > 6)) {
    return Promise.resolve(refused('Weekend days are weekdays from Sunday (0) to Saturday (6).'));
  }
  const unique = [...new Set(days)].sort((a, b) => a - b);
  if (unique.length === 7) return Promise.resolve(refused('Leave at least one working day in the week.'));
  return updateSettings(ctx, (settings) => ({ ...settings, weekendDays: unique }));
}

export function setTimeZone(ctx: ActionContext, timeZone: string): Promise<Outcome> {
  const trimmed = typeof timeZone === 'string' ? timeZone.trim() : '';
  if (trimmed === '') return Promise.resolve(refused('Enter a time zone, e.g. Europe/Berlin.'));
  if (!isValidTimeZone(trimmed)) return Promise.resolve(refused(`“${trimmed}” is not a time zone this browser knows (e.g. Europe/Berlin).`));
  return updateSettings(ctx, (settings) => ({ ...settings, timeZone: trimmed }), `Days are now counted in ${trimmed}.`);
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function setSelfAliases(ctx: ActionContext, aliases: readonly string[]): Promise<Outcome> {
  if (!Array.isArray(aliases)) return Promise.resolve(refused('Give the addresses as a list.'));
  const cleaned = [...new Set(aliases.map((alias) => (typeof alias === 'string' ? alias.trim().toLowerCase() : '')).filter((alias) => alias !== ''))];
  const bad = cleaned.find((alias) => !EMAIL.test(alias));
  if (bad !== undefined) return Promise.resolve(refused(`“${bad}” is not an email address.`));
  if (cleaned.includes(ctx.db.account)) return Promise.resolve(refused(`${ctx.db.account} is the account itself; list only your other addresses.`));
  return updateSettings(ctx, (settings) => ({ ...settings, selfAliases: cleaned }));
}

export function setUseO3Template(ctx: ActionContext, use: boolean): Promise<Outcome> {
  if (typeof use !== 'boolean') return Promise.resolve(refused('The template is on or off.'));
  return updateSettings(ctx, (settings) => ({ ...settings, useO3Template: use }));
}
