import '../shared/theme.css';
import './popup.css';
import { accountText, syncSummaryText } from './format';
import type { AccountView, SyncSummaryView } from './view-model';

export interface AccountStatusProps {
  account: AccountView;
  sync: SyncSummaryView;
  onSignIn: () => void;
  onSignOut: () => void;
  /** Shows "Retry" after a failed sync when given. */
  onRetrySync?: () => void;
  /** Layout: one dense line (popup footer) or a roomier block (options page). */
  variant?: 'compact' | 'full';
}

/**
 * Who is signed in, how sync stands, and the button to sign in or out. Used in the popup's
 * footer and on the options page's Account & sync section. The sync line is a polite live
 * region so a change ("Sync failed…") is announced without moving focus.
 */
export function AccountStatus({ account, sync, onSignIn, onSignOut, onRetrySync, variant = 'compact' }: AccountStatusProps) {
  const signedIn = account.state === 'signed-in';
  const tone = sync.kind === 'failed' ? 'bad' : sync.kind === 'synced' ? 'good' : 'neutral';
  return (
    <div class={`occ-account occ-account--${variant}`}>
      <div class="occ-account__text">
        <span class="occ-account__who">{accountText(account)}</span>
        <span class="occ-account__sync" data-tone={tone} role="status" aria-live="polite">
          {signedIn ? syncSummaryText(sync) : ''}
        </span>
      </div>
      <div class="occ-account__actions">
        {signedIn && sync.kind === 'failed' && onRetrySync ? (
          <button type="button" class="occ-button occ-button--text" onClick={onRetrySync}>
            Retry
          </button>
        ) : null}
        {signedIn ? (
          <button type="button" class="occ-button" onClick={onSignOut}>
            Sign out
          </button>
        ) : (
          <button
            type="button"
            class="occ-button occ-button--filled"
            onClick={onSignIn}
            disabled={account.state === 'signing-in'}
          >
            {account.state === 'signing-in' ? 'Signing in…' : 'Sign in'}
          </button>
        )}
      </div>
    </div>
  );
}
