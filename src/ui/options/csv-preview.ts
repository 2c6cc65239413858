// Turns the domain's reading of a progress CSV into what the preview shows: days, target and
// person names and amounts as people read them. Pure; the wiring supplies the names and the
// amount formatting (the domain's formatAmount) through `describe`.
import type { ProgressCsvParse } from '../../domain/progress-csv';
import { formatDay } from '../shared/relative-date';
import type { CsvPreviewRowView, CsvPreviewView } from './view-model';

export interface CsvPreviewNames {
  /** e.g. "Bookings — Dana Reyes". */
  targetLabel: (targetId: string) => string;
  personLabel: (personId: string) => string;
  /** The value in the target's unit, e.g. "$1,234.56" (formatAmount with the target's decimals and unit). */
  formatValue: (targetId: string, value: number) => string;
}

export function progressCsvPreview(parse: ProgressCsvParse, fileName: string, names: CsvPreviewNames): CsvPreviewView {
  const rows: CsvPreviewRowView[] = parse.rows.map((row) =>
    row.ok
      ? {
          line: row.line,
          ok: true,
          dayText: formatDay(row.entry.date),
          targetText: names.targetLabel(row.entry.targetId),
          personText: row.entry.personId === undefined ? '' : names.personLabel(row.entry.personId),
          valueText: names.formatValue(row.entry.targetId, row.entry.value),
        }
      : { line: row.line, ok: false, errors: row.errors, cells: row.cells },
  );
  const notes: string[] = [];
  if (parse.delimiter === ';') notes.push('Semicolon-separated: decimal commas are read (1.234,56 is 1234.56).');
  if (parse.dateOrder === 'day-first') notes.push('Dates like 03/04/2025 are read day first (3 April), as other dates in the file show.');
  if (parse.dateOrder === 'month-first') notes.push('Dates like 03/04/2025 are read month first (March 4), as other dates in the file show.');
  return { fileName, fileErrors: parse.headerErrors, rows, ignoredColumns: parse.ignoredColumns, notes };
}

/** Whether the preview may be imported: no file problem, some rows, no row with an error. */
export function csvPreviewImportable(preview: CsvPreviewView): boolean {
  return preview.fileErrors.length === 0 && preview.rows.length > 0 && preview.rows.every((row) => row.ok);
}
