// The toolbar badge: how many directs' 1:1s are overdue (CONTRACT.md "Popup"), empty when none.
//
// When it is recomputed:
// - when the worker starts (browser start, install, update, or waking for any event);
// - on StorageChannel notices that can change the answer (meetings, people, settings, an
//   import): BroadcastChannel works in service workers, and the sync engine's own notices arrive
//   the same way, so "after the sync engine learns" needs no extra wiring;
// - by an alarm at the user's next local midnight (a new day can make someone overdue with no
//   data changing), repeating hourly as a backstop for sleep and zone changes. Packed builds
//   allow alarms every 30 s at most; an hour is far above that.
// Pages that change data also call refreshOverdueBadge() themselves: a notice does not wake a
// sleeping worker, and the badge should be right as soon as the popup closes.
import { browser } from 'wxt/browser';
import { overdueCount, overdueBadgeText } from '../app/popup-presenter';
import { loadOverdueInputs } from '../app/popup-data';
import { addDays, dayOf, startOfDay } from '../domain/calendar-time';
import { getCurrentAccount, openCompanionDb, StorageChannel, type CompanionDb, type StorageMessage } from '../storage';

export const OVERDUE_BADGE_ALARM = 'overdue-badge';
export const OVERDUE_BADGE_COLOR = '#d93025';
/** Hourly backstop between midnights. */
export const BADGE_ALARM_PERIOD_MINUTES = 60;
/** Notices come in bursts (an import, a sync pass): count once they settle. */
export const BADGE_DEBOUNCE_MS = 300;

export interface BadgeAction {
  setBadgeText(details: { text: string }): unknown;
  setBadgeBackgroundColor(details: { color: string }): unknown;
}

export interface BadgeAlarms {
  create(name: string, info: { when?: number; periodInMinutes?: number }): unknown;
  onAlarm: { addListener(callback: (alarm: { name: string }) => void): void; removeListener(callback: (alarm: { name: string }) => void): void };
}

export interface OverdueBadgeDeps {
  action?: BadgeAction | undefined;
  alarms?: BadgeAlarms | undefined;
  now?: () => number;
  currentAccount?: () => Promise<string | undefined>;
  openDb?: (account: string) => Promise<CompanionDb>;
  /** Only for startOverdueBadge: where notices arrive. */
  channel?: Pick<StorageChannel, 'subscribe'>;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/** `action` in Manifest V3, `browserAction` in Firefox's MV2 build. */
function defaultAction(): BadgeAction | undefined {
  const api = browser as unknown as { action?: BadgeAction; browserAction?: BadgeAction };
  return api.action ?? api.browserAction;
}

function defaultAlarms(): BadgeAlarms | undefined {
  return (browser as unknown as { alarms?: BadgeAlarms }).alarms;
}

export interface BadgeCount {
  count: number;
  /** The zone days were counted in (for the next midnight); absent without an account. */
  timeZone?: string;
}

/** Overdue directs of the current account; 0 when there is no account yet. */
export async function countOverdue(deps: OverdueBadgeDeps = {}): Promise<BadgeCount> {
  const account = await (deps.currentAccount ?? getCurrentAccount)();
  if (!account) return { count: 0 };
  const db = await (deps.openDb ?? ((name: string) => openCompanionDb(name)))(account);
  try {
    const now = (deps.now ?? Date.now)();
    const inputs = await loadOverdueInputs(db, now);
    return { count: overdueCount(inputs.people, inputs.meetings, now, inputs.timeZone), timeZone: inputs.timeZone };
  } finally {
    db.close();
  }
}

/**
 * Recounts and sets the badge; returns the count. Works from the worker and from extension pages.
 * A storage failure leaves the badge as it was (and is logged): a wrong number is worse.
 */
export async function refreshOverdueBadge(deps: OverdueBadgeDeps = {}): Promise<BadgeCount | undefined> {
  const action = 'action' in deps ? deps.action : defaultAction();
  try {
    const result = await countOverdue(deps);
    await action?.setBadgeText({ text: overdueBadgeText(result.count) });
    return result;
  } catch (error) {
    console.warn('1:1 Companion: could not count overdue 1:1s for the badge', error);
    return undefined;
  }
}

/** The instant the alarm should fire: just after the next local midnight in the user's zone. */
export function nextMidnightAlarm(now: number, timeZone: string): number {
  return startOfDay(addDays(dayOf(now, timeZone), 1), timeZone) + 5_000;
}

/** Notices that can change who is overdue. */
export function changesOverdue(message: StorageMessage): boolean {
  return message.type === 'meetings-changed' || message.type === 'people-changed' || message.type === 'settings-changed' || message.type === 'data-replaced';
}

export interface OverdueBadge {
  /** Recount now (coalesced with one already running). */
  refresh(): Promise<BadgeCount | undefined>;
  stop(): void;
}

/**
 * Keeps the badge current from the service worker. Listeners are added synchronously, so call it
 * at the top level of the worker's start (an alarm that woke the worker is then delivered).
 */
export function startOverdueBadge(deps: OverdueBadgeDeps = {}): OverdueBadge {
  const action = 'action' in deps ? deps.action : defaultAction();
  const alarms = 'alarms' in deps ? deps.alarms : defaultAlarms();
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimeout ?? ((callback: () => void, ms: number) => globalThis.setTimeout(callback, ms));
  const clearTimer = deps.clearTimeout ?? ((handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));
  const channel = deps.channel ?? new StorageChannel();

  let running: Promise<BadgeCount | undefined> | undefined;
  let again = false;
  let debounce: unknown;
  let stopped = false;

  const runOnce = async (): Promise<BadgeCount | undefined> => {
    const result = await refreshOverdueBadge({ ...deps, action });
    if (result?.timeZone && alarms && !stopped) {
      try {
        await alarms.create(OVERDUE_BADGE_ALARM, { when: nextMidnightAlarm(now(), result.timeZone), periodInMinutes: BADGE_ALARM_PERIOD_MINUTES });
      } catch (error) {
        // Without the alarm the badge still follows data changes and worker starts.
        console.warn('1:1 Companion: could not set the badge alarm', error);
      }
    }
    return result;
  };

  const refresh = (): Promise<BadgeCount | undefined> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result: BadgeCount | undefined;
      do {
        again = false;
        result = await runOnce();
      } while (again && !stopped);
      running = undefined;
      return result;
    })();
    return running;
  };

  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === OVERDUE_BADGE_ALARM) void refresh();
  };
  alarms?.onAlarm.addListener(onAlarm);
  const unsubscribe = channel.subscribe((message) => {
    if (!changesOverdue(message)) return;
    if (debounce !== undefined) clearTimer(debounce);
    debounce = setTimer(() => {
      debounce = undefined;
      void refresh();
    }, BADGE_DEBOUNCE_MS);
  });

  Promise.resolve(action?.setBadgeBackgroundColor({ color: OVERDUE_BADGE_COLOR })).catch(() => {});
  void refresh();

  return {
    refresh,
    stop() {
      stopped = true;
      if (debounce !== undefined) clearTimer(debounce);
      alarms?.onAlarm.removeListener(onAlarm);
      unsubscribe();
    },
  };
}
