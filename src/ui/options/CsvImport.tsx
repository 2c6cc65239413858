import { useState } from 'preact/hooks';
import { ActionMessage } from './ActionMessage';
import { csvPreviewImportable } from './csv-preview';
import { failureMessage, useAction } from './use-action';
import type { CsvPreviewRowView, CsvPreviewView, TargetsSectionProps } from './view-model';

/** Good rows shown in the preview table; every row with an error is always shown. */
export const PREVIEW_GOOD_ROWS = 200;

export type CsvImportProps = Pick<TargetsSectionProps, 'csvPreview' | 'onCsvChosen' | 'onImportCsv' | 'onClearCsv'>;

/**
 * Progress from a CSV file: choose a file, see every row as it will be imported or why it
 * cannot be, and import all rows at once. Import stays disabled while the file or any row has
 * an error, so nothing is ever half-imported.
 */
export function CsvImport({ csvPreview, onCsvChosen, onImportCsv, onClearCsv }: CsvImportProps) {
  const [readError, setReadError] = useState<string | undefined>();
  const importing = useAction(onImportCsv);

  const choose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setReadError(undefined);
    importing.reset();
    try {
      const text = await file.text();
      onCsvChosen(text, file.name);
    } catch (error) {
      setReadError(`Could not read ${file.name}. ${failureMessage(error)}`);
    } finally {
      // The same file can be chosen again after fixing it.
      input.value = '';
    }
  };

  return (
    <section class="occ-options__subsection" aria-labelledby="occ-csv-heading">
      <h3 id="occ-csv-heading" class="occ-options__subheading">
        Import progress from a CSV file
      </h3>
      <p class="occ-options__intro">
        One row per day's result, with a header row naming the columns: <code>date</code>, <code>target</code> (or{' '}
        <code>metric</code>), <code>person</code> (name or email, optional) and <code>value</code>. Dates as YYYY-MM-DD.
      </p>
      <pre class="occ-code">{'date,target,person,value\n2025-11-03,Bookings,dana@example.com,"1,250.00"'}</pre>
      <label class="occ-field">
        <span>Choose a CSV file</span>
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          class="occ-file"
          onChange={(event) => void choose(event.currentTarget)}
        />
      </label>
      {readError ? (
        <p class="occ-field-error" role="alert">
          {readError}
        </p>
      ) : null}
      {csvPreview ? (
        <CsvPreview
          preview={csvPreview}
          busy={importing.state.kind === 'busy'}
          onImport={() => void importing.run()}
          onClear={() => {
            importing.reset();
            onClearCsv();
          }}
        />
      ) : null}
      <ActionMessage state={importing.state} busyText="Importing…" />
    </section>
  );
}

function CsvPreview({
  preview,
  busy,
  onImport,
  onClear,
}: {
  preview: CsvPreviewView;
  busy: boolean;
  onImport: () => void;
  onClear: () => void;
}) {
  const bad = preview.rows.filter((row) => !row.ok).length;
  const good = preview.rows.length - bad;
  const importable = csvPreviewImportable(preview);
  let goodShown = 0;
  const shownRows: CsvPreviewRowView[] = preview.rows.filter((row) => !row.ok || goodShown++ < PREVIEW_GOOD_ROWS);
  const hiddenGood = good - Math.min(good, PREVIEW_GOOD_ROWS);

  return (
    <div class="occ-csv-preview" role="group" aria-labelledby="occ-csv-preview-heading">
      <h4 id="occ-csv-preview-heading" class="occ-options__subheading">
        Preview of {preview.fileName}
      </h4>
      {preview.fileErrors.length > 0 ? (
        <div class="occ-banner occ-banner--error" role="alert">
          <ul class="occ-plain-list">
            {preview.fileErrors.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="occ-csv-summary" role="status">
          {`${good} ${good === 1 ? 'row' : 'rows'} ready`}
          {bad > 0
            ? `, ${bad} ${bad === 1 ? 'row has' : 'rows have'} errors. Nothing is imported while any row has an error: fix the file and choose it again.`
            : '.'}
        </p>
      )}
      {preview.notes.map((note, index) => (
        <p key={index} class="occ-secondary">
          {note}
        </p>
      ))}
      {preview.ignoredColumns.length > 0 ? (
        <p class="occ-secondary">{`Columns not read: ${preview.ignoredColumns.join(', ')}.`}</p>
      ) : null}
      {shownRows.length > 0 ? (
        <div class="occ-table-wrap">
          <table class="occ-table occ-csv-table">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Date</th>
                <th scope="col">Target</th>
                <th scope="col">Person</th>
                <th scope="col">Value</th>
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {shownRows.map((row) =>
                row.ok ? (
                  <tr key={row.line}>
                    <th scope="row">{row.line}</th>
                    <td>{row.dayText}</td>
                    <td>{row.targetText}</td>
                    <td>{row.personText}</td>
                    <td class="occ-number">{row.valueText}</td>
                    <td />
                  </tr>
                ) : (
                  <tr key={row.line} class="occ-csv-table__bad" data-invalid="true">
                    <th scope="row">{row.line}</th>
                    <td>{row.cells.date}</td>
                    <td>{row.cells.target}</td>
                    <td>{row.cells.person}</td>
                    <td class="occ-number">{row.cells.value}</td>
                    <td>
                      <ul class="occ-plain-list occ-csv-table__errors">
                        {row.errors.map((message, index) => (
                          <li key={index}>{message}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
      {hiddenGood > 0 ? <p class="occ-secondary">{`…and ${hiddenGood} more rows ready.`}</p> : null}
      <div class="occ-form-row">
        <button
          type="button"
          class="occ-button occ-button--filled"
          disabled={!importable || busy}
          aria-describedby={importable ? undefined : 'occ-csv-why-not'}
          onClick={onImport}
        >
          {`Import ${good} ${good === 1 ? 'row' : 'rows'}`}
        </button>
        <button type="button" class="occ-button occ-button--text" onClick={onClear} disabled={busy}>
          Clear
        </button>
      </div>
      {importable ? null : (
        <p id="occ-csv-why-not" class="occ-secondary">
          {preview.fileErrors.length > 0
            ? 'This file cannot be imported as it is.'
            : preview.rows.length === 0
              ? 'There is nothing to import.'
              : 'Fix the rows with errors first.'}
        </p>
      )}
    </div>
  );
}
