// The user's per-account settings, created with defaults on first use.
import { isValidTimeZone } from '../domain/calendar-time';
import { defaultSettings, type Settings } from '../domain/schemas';
import { getSettings, putSettings, type CompanionDb } from '../storage';
import { browserTimeZone } from './time';

/**
 * The account's settings; when there are none yet, the defaults (this browser's time zone,
 * Saturday and Sunday off) are stored and returned, so every page counts days the same way.
 */
export async function loadOrCreateSettings(db: CompanionDb, now: number, fallbackZone: string = browserTimeZone()): Promise<Settings> {
  const stored = await getSettings(db);
  if (stored) return stored;
  const created = defaultSettings(db.account, isValidTimeZone(fallbackZone) ? fallbackZone : 'UTC', now);
  await putSettings(db, created);
  return created;
}

/**
 * The zone to count days in: the settings' zone when this browser knows it (a backup from
 * another machine may name one it does not), else this browser's.
 */
export function effectiveTimeZone(settings: Pick<Settings, 'timeZone'> | undefined, fallbackZone: string = browserTimeZone()): string {
  if (settings && isValidTimeZone(settings.timeZone)) return settings.timeZone;
  return isValidTimeZone(fallbackZone) ? fallbackZone : 'UTC';
}
