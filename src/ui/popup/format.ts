// Words for the popup's numbers. Deterministic English, like the rest of the UI (no locale
// lookups), so tests and screenshots do not depend on the machine.
import type { AccountView, SyncSummaryView } from './view-model';

/** "2 h 30 min", "45 min", "5 h", "0 min". Negative or fractional input is rounded and clamped at 0. */
export function formatMinutes(minutes: number): string {
  const total = Number.isFinite(minutes) ? Math.max(0, Math.round(minutes)) : 0;
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "2 h 30 min of 5 h if every direct had one". */
export function hoursLine(spentMinutes: number, ifEveryDirectMinutes: number): string {
  return `${formatMinutes(spentMinutes)} of ${formatMinutes(ifEveryDirectMinutes)} if every direct had one`;
}

/** "12 days since your last 1:1" (CONTRACT.md "Popup"), "1 day since…", or "no 1:1 held yet". */
export function daysSinceText(daysSinceLast: number | undefined): string {
  if (daysSinceLast === undefined) return 'no 1:1 held yet';
  return `${daysSinceLast} ${daysSinceLast === 1 ? 'day' : 'days'} since your last 1:1`;
}

/**
 * A day and time that must not break across lines ("Tue 24 Nov, 15:00" with no-break spaces):
 * a time alone on the next line reads as another entry.
 */
export function unbreakable(text: string): string {
  return text.replace(/ /g, '\u00a0');
}

/** The sync line: "Synced at 14:05", "Syncing…", "3 changes waiting to sync"… */
export function syncSummaryText(sync: SyncSummaryView): string {
  switch (sync.kind) {
    case 'synced':
      return `Synced at ${sync.atText}`;
    case 'syncing':
      return 'Syncing…';
    case 'pending':
      return `${sync.count} ${sync.count === 1 ? 'change' : 'changes'} waiting to sync`;
    case 'failed':
      return `Sync failed: ${sync.reason}. Changes are kept and retried.`;
    case 'never':
      return 'Not synced yet';
    case 'signed-out':
      return 'Not syncing: signed out';
  }
}

/** "Signed in as me@example.com" / "Signed out" / "Signing in…". */
export function accountText(account: AccountView): string {
  switch (account.state) {
    case 'signed-in':
      return `Signed in as ${account.email}`;
    case 'signed-out':
      return 'Signed out';
    case 'signing-in':
      return 'Signing in…';
  }
}
