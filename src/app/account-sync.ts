// The account and sync lines of the popup and the options page, from the sync engine's state
// (src/sync/status.ts), and what the pages need from the engine: its state, sign-in and out, a
// retry, and word when any of it changes.
import { dayOf } from '../domain/calendar-time';
import type { AccountState, SyncSummary } from '../sync/status';
import { formatDay } from '../ui/shared/relative-date';
import type { AccountView, SyncSummaryView } from '../ui/popup/view-model';
import { timeOfDay } from './time';

export interface AccountSyncState {
  account: AccountState;
  sync: SyncSummary;
}

export type SignInAnswer = { ok: true } | { ok: false; reason: string; cancelled?: boolean };

/** What the popup and the options page ask of the sync engine (in the service worker). */
export interface AccountSyncClient {
  state(): Promise<AccountSyncState>;
  signIn(): Promise<SignInAnswer>;
  signOut(): Promise<void>;
  /** Try pending writes now. */
  retry(): Promise<void>;
  /** A meeting's notes or action items changed here: queue its event and write it soon. */
  meetingChanged(account: string, meetingId: string): Promise<void>;
  /** Called when the state changes; returns a function that unsubscribes. */
  subscribe(listener: (state: AccountSyncState) => void): () => void;
}

/** Who is signed in, for the views. `signingIn` while a sign-in window is open. */
export function accountView(state: AccountState | undefined, options: { signingIn?: boolean; localAccount?: string } = {}): AccountView {
  if (options.signingIn) return { state: 'signing-in' };
  if (state?.state === 'signed-in') {
    // The engine learns the address from the first read of the calendar; until then the local
    // account (if any) is the best name for it.
    return { state: 'signed-in', email: state.account ?? options.localAccount ?? 'your Google account' };
  }
  return { state: 'signed-out' };
}

/** "14:05" today, "Tue 18 Nov 14:05" on another day, in the user's zone. */
export function atText(at: number, now: number, timeZone: string): string {
  const day = dayOf(at, timeZone);
  const today = dayOf(now, timeZone);
  return day === today ? timeOfDay(at, timeZone) : `${formatDay(day, today)} ${timeOfDay(at, timeZone)}`;
}

export function syncSummaryView(summary: SyncSummary | undefined, now: number, timeZone: string): SyncSummaryView {
  if (!summary) return { kind: 'signed-out' };
  switch (summary.kind) {
    case 'synced':
      return { kind: 'synced', atText: atText(summary.at, now, timeZone) };
    case 'syncing':
      return { kind: 'syncing' };
    case 'pending':
      return { kind: 'pending', count: summary.count };
    case 'failed':
      return { kind: 'failed', reason: summary.reason };
    case 'never':
      return { kind: 'never' };
    case 'signed-out':
      return { kind: 'signed-out' };
  }
}

/** Writes reach the calendar: the sync engine is signed in. */
export function syncEnabled(state: AccountSyncState | undefined): boolean {
  return state?.account.state === 'signed-in';
}
