import type { SyncStatusView } from './view-model';
import './sidebar.css';

export interface SyncStatusLineProps {
  sync: SyncStatusView;
  /** Offered with a failed sync when given. */
  onRetrySync?: () => void;
  /** Offered when signed out when given. */
  onSignIn?: () => void;
}

/** The line's words for a sync state (exported for the popup and tests). */
export function syncStatusText(sync: SyncStatusView): string {
  switch (sync.kind) {
    case 'saved-locally':
      return 'Saved in this browser; not in the calendar event yet';
    case 'syncing':
      return 'Writing to the calendar event…';
    case 'synced':
      return `Synced to the calendar event at ${sync.atText}`;
    case 'cannot-write':
      return `Can't write this event: ${sync.reason}`;
    case 'failed':
      return `Sync failed: ${sync.reason}. It will be retried.`;
    case 'signed-out':
      return 'Signed out: notes are kept in this browser and synced after you sign in';
  }
}

/** States that need the user's attention: announced, and drawn as a warning. */
function needsAttention(sync: SyncStatusView): boolean {
  return sync.kind === 'failed' || sync.kind === 'cannot-write' || sync.kind === 'signed-out';
}

/**
 * One line on how this meeting's shared notes and action items stand with the calendar event.
 * Only the states that need attention sit in a live region: routine "writing… synced" after
 * every pause would drown a screen reader.
 */
export function SyncStatusLine({ sync, onRetrySync, onSignIn }: SyncStatusLineProps) {
  const text = syncStatusText(sync);
  const attention = needsAttention(sync);
  return (
    <div class="occ-sync" data-kind={sync.kind}>
      <span aria-hidden="true" class="occ-sync__dot" />
      <span class="occ-sync__text">
        <span aria-live="polite">{attention ? text : ''}</span>
        {attention ? null : text}
      </span>
      {sync.kind === 'failed' && onRetrySync ? (
        <button type="button" class="occ-button occ-button--text" aria-label="Retry sync" onClick={onRetrySync}>
          Retry
        </button>
      ) : null}
      {sync.kind === 'signed-out' && onSignIn ? (
        <button type="button" class="occ-button occ-button--text" onClick={onSignIn}>
          Sign in
        </button>
      ) : null}
    </div>
  );
}
