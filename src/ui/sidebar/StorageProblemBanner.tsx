import type { StorageProblemsView } from './view-model';
import './sidebar.css';

export interface StorageProblemBannerProps {
  problems: StorageProblemsView;
  /** Try the failed save again (offered when given). */
  onRetrySave?: () => void;
  /** Reload this page (offered when a newer version is open elsewhere). */
  onReload?: () => void;
  /** Export the records set aside (offered when given). */
  onExportQuarantined?: () => void;
}

/** True when the banner has something to show. */
export function hasStorageProblems(problems: StorageProblemsView): boolean {
  return (
    problems.saveFailed !== undefined ||
    problems.newerVersionInOtherTab === true ||
    (problems.quarantined !== undefined && problems.quarantined.count > 0)
  );
}

/**
 * Storage trouble, said plainly at the top of the sidebar: a failed save (the text stays in
 * its box), a newer version open in another tab (reload to keep saving), records set aside
 * because they failed validation (with an export). An alert, so it is announced when it
 * appears; renders nothing when there is no problem.
 */
export function StorageProblemBanner({ problems, onRetrySave, onReload, onExportQuarantined }: StorageProblemBannerProps) {
  if (!hasStorageProblems(problems)) return null;
  const quarantined = problems.quarantined?.count ?? 0;
  return (
    <div class="occ-banner" role="alert">
      {problems.saveFailed ? (
        <p class="occ-banner__row">
          <span class="occ-banner__text">
            Not saved: {problems.saveFailed.reason}. Your text is still here; keep this open.
          </span>
          {onRetrySave ? (
            <button type="button" class="occ-button occ-button--text" aria-label="Try saving again" onClick={onRetrySave}>
              Try again
            </button>
          ) : null}
        </p>
      ) : null}
      {problems.newerVersionInOtherTab ? (
        <p class="occ-banner__row">
          <span class="occ-banner__text">A newer version is open in another tab: reload to keep saving.</span>
          {onReload ? (
            <button type="button" class="occ-button occ-button--text" onClick={onReload}>
              Reload
            </button>
          ) : null}
        </p>
      ) : null}
      {quarantined > 0 ? (
        <p class="occ-banner__row">
          <span class="occ-banner__text">
            {quarantined === 1
              ? "1 record couldn't be read and was set aside."
              : `${quarantined} records couldn't be read and were set aside.`}
          </span>
          {onExportQuarantined ? (
            <button type="button" class="occ-link-button" onClick={onExportQuarantined}>
              Export {quarantined === 1 ? 'it' : 'them'}
            </button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
