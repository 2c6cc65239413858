// How sync stands, as the sidebar, the popup and the options page show it. Plain data (it crosses
// extension messaging); times are epoch ms, formatted by the UI.

/** Why a meeting's notes cannot be written into its event (they stay in this browser). */
export type CannotWriteCode =
  /** The user neither organises the event nor may guests modify it. */
  | 'not-organiser'
  /** The event was deleted or cancelled in the calendar. */
  | 'deleted'
  /** The Calendar tab shows another account than the one signed in to 1:1 Companion. */
  | 'other-account'
  /** A 1:1 logged as held off the calendar, or an event on another calendar than the primary one. */
  | 'not-on-calendar'
  /** The event is no longer taken as a 1:1 (a third guest, or marked as not one). */
  | 'not-one-on-one'
  /** The event holds a block written by a newer version of 1:1 Companion. */
  | 'newer-format'
  /** The description is so long that no block fits beside it. */
  | 'too-long';

/** One meeting's sync state (the sidebar's line). */
export type MeetingSyncStatus =
  /** No shared notes or action items, and no block in the event: nothing to write. */
  | { kind: 'nothing-to-sync' }
  /** Saved in this browser; the write is queued. */
  | { kind: 'saved-locally' }
  /** A write to the event is in flight. */
  | { kind: 'syncing' }
  /** The event holds this browser's notes as of `at`. */
  | { kind: 'synced'; at: number }
  | { kind: 'cannot-write'; code: CannotWriteCode; reason: string }
  /** The last write failed; it is kept and retried at `retryAt`. */
  | { kind: 'failed'; reason: string; retryAt?: number }
  /** Not signed in (or Google refused the sign-in): notes are kept and written after signing in. */
  | { kind: 'signed-out'; reason: string };

/** The engine's state over all events (the popup's and the options page's line). */
export type SyncSummary =
  /** The last read of the calendar and every write went through, as of `at`. */
  | { kind: 'synced'; at: number }
  | { kind: 'syncing' }
  /** Changes saved here that are not in the calendar yet (kept in the outbox and retried). */
  | { kind: 'pending'; count: number }
  | { kind: 'failed'; reason: string; retryAt?: number }
  /** Signed in, but the calendar was not read yet. */
  | { kind: 'never' }
  | { kind: 'signed-out'; reason: string };

/** Who 1:1 Companion reads and writes the calendar as. */
export type AccountState =
  /** `account` is absent until the calendar was first read (the account comes from the API). */
  | { state: 'signed-in'; account?: string }
  | { state: 'signed-out'; reason: string; account?: string };

export const CANNOT_WRITE_REASONS: Record<Exclude<CannotWriteCode, 'other-account' | 'newer-format' | 'too-long'>, string> = {
  'not-organiser': 'you are not the organiser and guests may not modify this event; the notes stay in this browser',
  deleted: 'the event was deleted or cancelled in the calendar; the notes stay in this browser',
  'not-on-calendar': 'this 1:1 is not an event on your calendar; the notes stay in this browser',
  'not-one-on-one': 'this event is no longer a 1:1; the notes stay in this browser',
};

export function otherAccountReason(pageAccount: string, signedInAs: string): string {
  return `this tab shows ${pageAccount}, but 1:1 Companion is signed in as ${signedInAs}; the notes stay in this browser under ${pageAccount}`;
}

// A write the engine gave up on (not pending, nothing to retry) keeps why in the outbox entry's
// `lastError` as `cannot-write:<code>: <reason>`, so the state survives the service worker.
const BLOCKED_RE = /^cannot-write:([a-z-]+): ([\s\S]*)$/;
const CODES = new Set<CannotWriteCode>(['not-organiser', 'deleted', 'other-account', 'not-on-calendar', 'not-one-on-one', 'newer-format', 'too-long']);

export function blockedError(code: CannotWriteCode, reason: string): string {
  return `cannot-write:${code}: ${reason}`;
}

export function readBlockedError(lastError: string | undefined): { code: CannotWriteCode; reason: string } | undefined {
  const match = lastError === undefined ? null : BLOCKED_RE.exec(lastError);
  if (!match || !CODES.has(match[1] as CannotWriteCode)) return undefined;
  return { code: match[1] as CannotWriteCode, reason: match[2] ?? '' };
}
