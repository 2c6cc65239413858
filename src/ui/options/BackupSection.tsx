import { useState } from 'preact/hooks';
import { formatDayWithRelative } from '../shared/relative-date';
import { ActionMessage } from './ActionMessage';
import { failureMessage, useAction } from './use-action';
import type { BackupImportReportView, BackupSectionProps } from './view-model';

type ImportState =
  | { kind: 'idle' }
  | { kind: 'busy'; fileName: string }
  | { kind: 'report'; fileName: string; report: BackupImportReportView };

/** "added 3, updated 1, skipped 12": what an import did. */
export function importSummary(total: { added: number; updated: number; skipped: number }): string {
  return `added ${total.added}, updated ${total.updated}, skipped ${total.skipped}`;
}

/**
 * Export a backup file and import one (a merge: newer records win, nothing is deleted; the
 * report says what happened). A reminder says why backups matter, louder when nothing syncs.
 */
export function BackupSection({ today, lastBackupDay, nothingSyncs, onExport, onImport }: BackupSectionProps) {
  const exporting = useAction(onExport);
  const [importState, setImportState] = useState<ImportState>({ kind: 'idle' });

  const choose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setImportState({ kind: 'busy', fileName: file.name });
    let report: BackupImportReportView;
    try {
      report = await onImport(await file.text(), file.name);
    } catch (error) {
      report = { ok: false, reason: failureMessage(error), errors: [] };
    } finally {
      input.value = '';
    }
    setImportState({ kind: 'report', fileName: file.name, report });
  };

  return (
    <section class="occ-options__section" aria-labelledby="occ-backup-heading">
      <h2 id="occ-backup-heading" class="occ-options__heading">
        Backup
      </h2>
      <div class={`occ-banner${nothingSyncs ? ' occ-banner--warning' : ''}`} role="note">
        <p class="occ-banner__text">
          {nothingSyncs
            ? 'Nothing is synced to your calendar right now, so this browser holds the only copy of your notes. Export a backup and keep it somewhere safe.'
            : 'Private notes never leave this browser: a backup file is their only other copy. Export one now and then.'}
        </p>
      </div>
      <p>{lastBackupDay ? `Last backup: ${formatDayWithRelative(lastBackupDay, today)}.` : 'No backup yet.'}</p>
      <div class="occ-form-row">
        <button
          type="button"
          class="occ-button occ-button--filled"
          disabled={exporting.state.kind === 'busy'}
          onClick={() => void exporting.run()}
        >
          Export backup
        </button>
      </div>
      <ActionMessage state={exporting.state} busyText="Preparing the backup…" />

      <h3 class="occ-options__subheading">Import a backup</h3>
      <p class="occ-options__intro">
        Records from the file are added; where both have a record, the newer one is kept. Nothing here is deleted.
      </p>
      <label class="occ-field">
        <span>Choose a backup file</span>
        <input
          type="file"
          accept=".json,application/json"
          class="occ-file"
          disabled={importState.kind === 'busy'}
          onChange={(event) => void choose(event.currentTarget)}
        />
      </label>
      {importState.kind === 'busy' ? (
        <p class="occ-field-note" role="status">{`Importing ${importState.fileName}…`}</p>
      ) : null}
      {importState.kind === 'report' ? <ImportReport fileName={importState.fileName} report={importState.report} /> : null}
    </section>
  );
}

function ImportReport({ fileName, report }: { fileName: string; report: BackupImportReportView }) {
  if (report.ok) {
    return (
      <p class="occ-field-note occ-import-report" role="status">
        {`Imported ${fileName}: ${importSummary(report.total)}.`}
      </p>
    );
  }
  return (
    <div class="occ-banner occ-banner--error occ-import-report" role="alert">
      <div class="occ-banner__text">
        <p>{`${fileName} was not imported; nothing was changed. ${report.reason}`}</p>
        {report.errors.length > 0 ? (
          <ul class="occ-plain-list">
            {report.errors.map((error, index) => (
              <li key={index}>{error}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
