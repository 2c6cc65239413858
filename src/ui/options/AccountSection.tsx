import { AccountStatus } from '../popup/AccountStatus';
import { ActionMessage } from './ActionMessage';
import { useAction } from './use-action';
import type { AccountSectionProps } from './view-model';

/** The signed-in account, sign in/out, sync status, and records kept aside (quarantine). */
export function AccountSection({ account, sync, quarantinedCount, onSignIn, onSignOut, onRetrySync, onExportQuarantined }: AccountSectionProps) {
  const exporting = useAction(onExportQuarantined);
  return (
    <section class="occ-options__section" aria-labelledby="occ-account-heading">
      <h2 id="occ-account-heading" class="occ-options__heading">
        Account &amp; sync
      </h2>
      <AccountStatus
        variant="full"
        account={account}
        sync={sync}
        onSignIn={onSignIn}
        onSignOut={onSignOut}
        {...(onRetrySync ? { onRetrySync } : {})}
      />
      <p class="occ-options__intro">
        {account.state === 'signed-in'
          ? 'Shared notes and action items are written into each 1:1’s event description; private notes stay in this browser.'
          : 'Sign in to read your calendar and write shared notes into your 1:1s. Notes still work locally while signed out.'}
      </p>
      <h3 class="occ-options__subheading">Records kept aside</h3>
      {quarantinedCount === 0 ? (
        <p class="occ-secondary">None: every stored record is valid.</p>
      ) : (
        <>
          <p>
            {`${quarantinedCount} ${quarantinedCount === 1 ? 'record' : 'records'} failed validation and ${quarantinedCount === 1 ? 'was' : 'were'} kept aside instead of being dropped. Export them to look at them or to report a problem.`}
          </p>
          <button type="button" class="occ-button" disabled={exporting.state.kind === 'busy'} onClick={() => void exporting.run()}>
            Export records kept aside
          </button>
          <ActionMessage state={exporting.state} />
        </>
      )}
    </section>
  );
}
