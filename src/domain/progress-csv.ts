// Progress imported from a spreadsheet: a CSV file with one row per day's result. Pure: the text
// comes in as a string, the targets and people it may name come in as a context, and the answer
// says, row by row, either the entry it would import or every reason it cannot. Nothing here
// throws on bad input: whatever text a user picks comes back as rows and messages.
//
// Decisions (and why)
// - CSV per RFC 4180: quoted fields, "" inside quotes, CRLF/LF/CR line ends, a byte-order mark,
//   a trailing newline. Blank lines are skipped. Excel's "sep=;" first line is honoured.
// - The delimiter is the one of `,` `;` tab that appears most in the header line (outside quotes).
//   European spreadsheets export with `;` because `,` is their decimal separator; so the decimal
//   separator follows the delimiter: `.` in a `,` or tab file, `,` in a `;` file. A value written
//   the other way is refused with a message saying which separator this file uses, never guessed.
// - Columns are found by header name, case-insensitively, in any order: date (day), target
//   (metric), person (email, name) which is optional, value (amount, progress), note (optional).
//   Other columns are ignored and reported.
// - Dates: YYYY-MM-DD (also YYYY/MM/DD, and a time after the day is ignored when it carries no
//   zone). Day-month-year forms such as 03/04/2025 are read only when the file itself says which
//   order it uses: a date like 25/12/2025 can only be day-first, and a file uses one order
//   throughout. Without such evidence an ambiguous date is refused with both readings named;
//   a file showing both orders is refused.
// - Values become integers in the target's minor units by string arithmetic (no float
//   multiplication): "1,234.56" → 123456 for a 2-decimal target. More decimals than the target
//   allows are refused unless they are zeros. Currency symbols and the target's unit around the
//   number are dropped; "(12.50)" and "-12.50" are negative.
// - Two rows for the same target, person and day are refused: an entry is a day's total, and
//   keeping one of them would quietly lose the other.
import type { CalendarDay, TargetOwner } from './schemas';

// ---------------------------------------------------------------------------------------------
// Public types

/** A target that progress may be imported for. Pass the targets progress is recorded against. */
export interface ProgressCsvTarget {
  id: string;
  /** What is measured, e.g. "Bookings": the CSV's target column may name it (or the id). */
  metric: string;
  owner: TargetOwner;
  /** The owner's display name ("Team" for the team), used in messages. */
  ownerName: string;
  unit: string;
  /** Decimal places of the unit (0–4): values become integers in 10^-decimals of it. */
  decimals: number;
}

/** A person a row may name, by display name or email. */
export interface ProgressCsvPerson {
  id: string;
  displayName: string;
  email?: string;
}

export interface ProgressCsvContext {
  targets: readonly ProgressCsvTarget[];
  people: readonly ProgressCsvPerson[];
}

/** What a good row imports. */
export interface ProgressCsvEntry {
  targetId: string;
  /** Whose progress: set when the row named a person. */
  personId?: string;
  date: CalendarDay;
  /** Integer amount in the target's minor units. */
  value: number;
  /** From an optional note column, when not blank. */
  note?: string;
}

/** The row's own text, for showing it back in a preview. */
export interface ProgressCsvCells {
  date: string;
  target: string;
  person: string;
  value: string;
}

export type ProgressCsvRow =
  | { line: number; ok: true; entry: ProgressCsvEntry; cells: ProgressCsvCells }
  | { line: number; ok: false; errors: string[]; cells: ProgressCsvCells };

export type CsvDelimiter = ',' | ';' | '\t';

export interface ProgressCsvParse {
  /** Problems with the file as a whole (empty, a missing column…): nothing imports while any. */
  headerErrors: string[];
  /** Every non-blank row under the header, in file order. `line` is the 1-based line it starts on. */
  rows: ProgressCsvRow[];
  delimiter: CsvDelimiter;
  /** Header names that are not read (e.g. "Region"). */
  ignoredColumns: string[];
  /** How day-month-year dates in this file were read, when it has any. */
  dateOrder?: 'day-first' | 'month-first';
}

/** True when the whole file can be imported: no file problem, at least one row, every row good. */
export function isProgressCsvImportable(parse: ProgressCsvParse): boolean {
  return parse.headerErrors.length === 0 && parse.rows.length > 0 && parse.rows.every((row) => row.ok);
}

// ---------------------------------------------------------------------------------------------
// CSV records (RFC 4180)

interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  fields: string[];
  /** Set when the record breaks the CSV rules (an unclosed quote, text after a closing quote). */
  error?: string;
}

const BOM = '\uFEFF';

/** The delimiter of the first line: the most frequent of `,` `;` tab outside quotes (`,` on ties). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && (char === ',' || char === ';' || char === '\t')) counts[char]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** Splits CSV text into records. Never throws; rule breaks are reported on the record. */
export function readCsvRecords(text: string, delimiter: CsvDelimiter): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let recordLine = 1;
  let line = 1;
  let error: string | undefined;
  // 'start': at a field's start; 'plain': in an unquoted field; 'quoted': inside quotes;
  // 'closed': after a closing quote.
  let state: 'start' | 'plain' | 'quoted' | 'closed' = 'start';
  let quoteLine = 1;
  let recordHasText = false;

  const endField = () => {
    fields.push(field);
    field = '';
    state = 'start';
  };
  const endRecord = () => {
    endField();
    records.push(error === undefined ? { line: recordLine, fields } : { line: recordLine, fields, error });
    fields = [];
    error = undefined;
    recordHasText = false;
  };
  const fail = (message: string) => {
    error ??= message;
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const isNewline = char === '\n' || char === '\r';
    if (state === 'quoted') {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          state = 'closed';
        }
      } else {
        field += char;
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line++;
      }
      continue;
    }
    if (isNewline) {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    recordHasText = true;
    if (char === delimiter) {
      endField();
      continue;
    }
    if (state === 'start' || (state === 'plain' && char === '"' && field.trim() === '')) {
      if (char === '"') {
        // Spaces before an opening quote are tolerated (some exporters pad fields).
        state = 'quoted';
        field = '';
        quoteLine = line;
        continue;
      }
      state = 'plain';
      field += char;
      continue;
    }
    if (state === 'closed') {
      if (char === ' ' || char === '\t') continue;
      fail('has text after a closing quote; a quoted field must end at the quote');
      state = 'plain';
      field += char;
      continue;
    }
    // state === 'plain'
    if (char === '"') fail('has a quote inside an unquoted field; put the field in quotes and double the quote ("")');
    field += char;
  }
  if (state === 'quoted') {
    fail(`has a quoted field (opened on line ${quoteLine}) that is never closed`);
    recordHasText = true;
  }
  if (recordHasText || fields.length > 0) endRecord();
  return records;
}

// ---------------------------------------------------------------------------------------------
// Columns

type Column = 'date' | 'target' | 'person' | 'value' | 'note';

const COLUMN_NAMES: Record<Column, readonly string[]> = {
  date: ['date', 'day'],
  target: ['target', 'metric', 'target id'],
  person: ['person', 'email', 'name', 'owner'],
  value: ['value', 'amount', 'progress'],
  note: ['note', 'notes', 'comment'],
};

const REQUIRED: readonly Column[] = ['date', 'target', 'value'];

const COLUMN_DESCRIPTION: Record<Column, string> = {
  date: 'the date ("date" or "day")',
  target: 'the target ("target" or "metric")',
  person: 'the person ("person", "email" or "name")',
  value: 'the value ("value" or "amount")',
  note: 'a note ("note")',
};

function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_]+/g, ' ');
}

function quoteText(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `“${shown}”`;
}

// ---------------------------------------------------------------------------------------------
// Values

export interface CsvAmountFormat {
  /** Decimal places the amount may have (the target's). */
  decimals: number;
  decimalSeparator: '.' | ',';
  /** The target's unit: "USD 12" or "12 calls" are read when it matches. */
  unit?: string;
}

export type CsvAmountParse = { ok: true; value: number } | { ok: false; message: string };

const GROUPING_SPACES = /[\u00A0\u202F\u2009\u2007]/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * An amount as written by a person or a spreadsheet, exactly, in minor units: "1,234.56" with 2
 * decimals is 123456. Grouping (`,` or `.` opposite the decimal separator, spaces, `'`) must
 * group by thousands (or the Indian 2-2-3). Never throws.
 */
export function parseCsvAmount(text: string, format: CsvAmountFormat): CsvAmountParse {
  const original = text.trim();
  let rest = original.replace(GROUPING_SPACES, ' ');
  if (rest === '') return { ok: false, message: 'has no value' };
  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(rest);
  if (parenthesised) {
    negative = true;
    rest = parenthesised[1]!.trim();
  }
  const takeSign = () => {
    const sign = /^[-+\u2212]\s*/.exec(rest);
    if (!sign) return;
    if (sign[0].trim() !== '+') negative = true;
    rest = rest.slice(sign[0].length);
  };
  const unit = format.unit?.trim();
  const unitPattern = unit ? escapeRegExp(unit) : undefined;
  const leading = new RegExp(`^(?:\\p{Sc}${unitPattern ? `|${unitPattern}(?![\\p{L}])` : ''})\\s*`, 'iu');
  const trailing = new RegExp(`\\s*(?:\\p{Sc}${unitPattern ? `|(?<![\\p{L}])${unitPattern}` : ''})$`, 'iu');
  takeSign();
  rest = rest.replace(leading, '');
  if (!negative) takeSign();
  rest = rest.replace(trailing, '').trim();

  if (/^[\d.,]+e[-+]?\d+$/i.test(rest)) {
    return { ok: false, message: `${quoteText(original)} is in scientific notation; format the column as a plain number` };
  }
  if (!/^[\d.,' ]+$/.test(rest) || !/\d/.test(rest)) {
    return { ok: false, message: `${quoteText(original)} is not a number` };
  }
  const decimalSeparator = format.decimalSeparator;
  const otherSeparator = decimalSeparator === '.' ? ',' : '.';
  const parts = rest.split(decimalSeparator);
  if (parts.length > 2) {
    return { ok: false, message: `${quoteText(original)} has more than one decimal separator "${decimalSeparator}"` };
  }
  const integerText = parts[0]!.trim();
  const fractionText = (parts[1] ?? '').trim();
  const wrongSeparator = () => {
    const example = decimalSeparator === '.' ? '1234.56' : '1234,56';
    const kind = decimalSeparator === '.' ? 'a point' : 'a comma';
    return {
      ok: false as const,
      message: `${quoteText(original)} is not a number this file can read: its decimal separator is ${kind} (${example})`,
    };
  };
  if (!/^\d*$/.test(fractionText)) {
    if (fractionText.includes(otherSeparator)) return wrongSeparator();
    return { ok: false, message: `${quoteText(original)} has grouping after the decimal separator "${decimalSeparator}"` };
  }
  let digits: string;
  if (/^\d*$/.test(integerText)) {
    digits = integerText;
  } else {
    const groupChars = new Set(integerText.replace(/\d/g, ''));
    const groupChar = groupChars.size === 1 ? [...groupChars][0]! : undefined;
    const g = groupChar === undefined ? '' : escapeRegExp(groupChar);
    const thousands = new RegExp(`^\\d{1,3}(?:${g}\\d{3})+$`);
    const indian = new RegExp(`^\\d{1,2}(?:${g}\\d{2})*${g}\\d{3}$`);
    if (groupChar === undefined || !(thousands.test(integerText) || indian.test(integerText))) {
      if (integerText.includes(otherSeparator)) return wrongSeparator();
      return { ok: false, message: `${quoteText(original)} has digit grouping that is not in thousands` };
    }
    digits = integerText.replace(/\D/g, '');
  }
  if (digits === '' && fractionText === '') return { ok: false, message: `${quoteText(original)} is not a number` };
  const decimals = format.decimals;
  if (fractionText.length > decimals && /[1-9]/.test(fractionText.slice(decimals))) {
    const allowed = decimals === 0 ? 'no decimal places' : `${decimals} decimal place${decimals === 1 ? '' : 's'}`;
    return {
      ok: false,
      message: `${quoteText(original)} has ${fractionText.length} decimal places; this target allows ${allowed}`,
    };
  }
  const minorDigits = (digits + fractionText.padEnd(decimals, '0').slice(0, decimals)).replace(/^0+(?=\d)/, '');
  const magnitude = BigInt(minorDigits === '' ? '0' : minorDigits);
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, message: `${quoteText(original)} is too large` };
  }
  const value = Number(magnitude);
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function toDay(year: number, month: number, day: number): CalendarDay | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const YEAR_LAST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;
const SHORT_YEAR = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2})$/;

type DateReading =
  | { kind: 'day'; day: CalendarDay }
  | { kind: 'year-last'; first: number; second: number; year: number }
  | { kind: 'error'; message: string };

function readDate(text: string): DateReading {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'error', message: 'has no date' };
  const yearFirst = YEAR_FIRST.exec(trimmed);
  if (yearFirst) {
    if (yearFirst[6] !== undefined) {
      return {
        kind: 'error',
        message: `${quoteText(trimmed)} has a time zone, so its day depends on where you read it; write the day as YYYY-MM-DD`,
      };
    }
    const day = toDay(Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4]));
    return day ? { kind: 'day', day } : { kind: 'error', message: `${quoteText(trimmed)} is not a real date` };
  }
  const yearLast = YEAR_LAST.exec(trimmed);
  if (yearLast) {
    return { kind: 'year-last', first: Number(yearLast[1]), second: Number(yearLast[3]), year: Number(yearLast[4]) };
  }
  if (SHORT_YEAR.test(trimmed)) {
    return { kind: 'error', message: `${quoteText(trimmed)} has a two-digit year; write dates as YYYY-MM-DD` };
  }
  return { kind: 'error', message: `${quoteText(trimmed)} is not a date this import reads; write dates as YYYY-MM-DD` };
}

function describeDay(year: number, month: number, day: number): string {
  return `${day} ${MONTHS[month - 1] ?? '?'} ${year}`;
}

// ---------------------------------------------------------------------------------------------
// Names

function normaliseName(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

type PersonLookup = { ok: true; person: ProgressCsvPerson } | { ok: false; message: string };

function makePersonLookup(people: readonly ProgressCsvPerson[]): (cell: string) => PersonLookup {
  const byEmail = new Map<string, ProgressCsvPerson>();
  const byName = new Map<string, ProgressCsvPerson[]>();
  const byId = new Map<string, ProgressCsvPerson>();
  for (const person of people) {
    byId.set(person.id, person);
    if (person.email) byEmail.set(person.email.trim().toLowerCase(), person);
    const key = normaliseName(person.displayName);
    byName.set(key, [...(byName.get(key) ?? []), person]);
  }
  return (cell) => {
    const text = cell.trim();
    // "Dana Reyes <dana@example.com>" names the address.
    const address = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text)?.[1] ?? (text.includes('@') ? text : undefined);
    if (address !== undefined) {
      const person = byEmail.get(address.toLowerCase());
      return person ? { ok: true, person } : { ok: false, message: `No person with the email ${quoteText(address)}` };
    }
    const named = byName.get(normaliseName(text));
    if (named && named.length === 1) return { ok: true, person: named[0]! };
    if (named && named.length > 1) {
      return { ok: false, message: `${named.length} people are called ${quoteText(text)}; use their email instead` };
    }
    const person = byId.get(text);
    if (person) return { ok: true, person };
    return { ok: false, message: `No person named ${quoteText(text)} (by name or email)` };
  };
}

type TargetLookup = { ok: true; target: ProgressCsvTarget } | { ok: false; message: string };

function makeTargetLookup(
  targets: readonly ProgressCsvTarget[],
): (cell: string, person: ProgressCsvPerson | undefined) => TargetLookup {
  const byId = new Map(targets.map((target) => [target.id, target]));
  const byMetric = new Map<string, ProgressCsvTarget[]>();
  for (const target of targets) {
    const key = normaliseName(target.metric);
    byMetric.set(key, [...(byMetric.get(key) ?? []), target]);
  }
  const metricNames = [...new Set(targets.map((target) => target.metric))];
  const owners = (list: readonly ProgressCsvTarget[]) => listNames(list.map((target) => target.ownerName));

  return (cell, person) => {
    const text = cell.trim();
    const byIdMatch = byId.get(text);
    if (byIdMatch) {
      if (person && byIdMatch.owner.kind === 'person' && byIdMatch.owner.personId !== person.id) {
        return {
          ok: false,
          message: `Target ${quoteText(text)} is ${byIdMatch.ownerName}'s, not ${person.displayName}'s`,
        };
      }
      return { ok: true, target: byIdMatch };
    }
    const candidates = byMetric.get(normaliseName(text));
    if (!candidates) {
      const known = metricNames.length === 0 ? 'there are no targets yet' : `targets are ${listNames(metricNames)}`;
      return { ok: false, message: `No target named ${quoteText(text)} (${known})` };
    }
    if (!person) {
      if (candidates.length === 1) return { ok: true, target: candidates[0]! };
      return {
        ok: false,
        message: `${quoteText(text)} matches ${candidates.length} targets (${owners(candidates)}); add a person column or use the target's id`,
      };
    }
    // A person's own target first; otherwise the team's, with the progress credited to them.
    const own = candidates.filter((target) => target.owner.kind === 'person' && target.owner.personId === person.id);
    if (own.length === 1) return { ok: true, target: own[0]! };
    if (own.length > 1) {
      return {
        ok: false,
        message: `${quoteText(text)} matches ${own.length} targets of ${person.displayName}; use the target's id`,
      };
    }
    const team = candidates.filter((target) => target.owner.kind === 'team');
    if (team.length === 1) return { ok: true, target: team[0]! };
    if (team.length > 1) {
      return { ok: false, message: `${quoteText(text)} matches ${team.length} team targets; use the target's id` };
    }
    return {
      ok: false,
      message: `${person.displayName} has no ${quoteText(text)} target (it belongs to ${owners(candidates)})`,
    };
  };
}

// ---------------------------------------------------------------------------------------------
// The parser

/** Reads a progress CSV against the targets and people it may name. Never throws. */
export function parseProgressCsv(text: string, context: ProgressCsvContext): ProgressCsvParse {
  let body = text.startsWith(BOM) ? text.slice(1) : text;
  let lineOffset = 0;
  let delimiter: CsvDelimiter;
  const separatorHint = /^sep=(.)\s*(?:\r\n|\n|\r|$)/i.exec(body);
  if (separatorHint && (separatorHint[1] === ',' || separatorHint[1] === ';' || separatorHint[1] === '\t')) {
    delimiter = separatorHint[1];
    body = body.slice(separatorHint[0].length);
    lineOffset = 1;
  } else {
    delimiter = detectDelimiter(body);
  }
  const result: ProgressCsvParse = { headerErrors: [], rows: [], delimiter, ignoredColumns: [] };
  const records = readCsvRecords(body, delimiter)
    .map((record) => ({ ...record, line: record.line + lineOffset }))
    .filter((record) => record.error !== undefined || record.fields.some((field) => field.trim() !== ''));

  const header = records[0];
  if (!header) {
    result.headerErrors.push('The file is empty: it needs a header row (date, target, person, value) and one row per entry.');
    return result;
  }
  if (header.error) {
    result.headerErrors.push(`The header row (line ${header.line}) ${header.error}.`);
    return result;
  }

  const columnIndex = new Map<Column, number>();
  for (const [index, rawName] of header.fields.entries()) {
    const name = normaliseHeader(rawName);
    if (name === '') continue;
    const column = (Object.keys(COLUMN_NAMES) as Column[]).find((key) => COLUMN_NAMES[key].includes(name));
    if (column === undefined) {
      result.ignoredColumns.push(rawName.trim());
      continue;
    }
    const earlier = columnIndex.get(column);
    if (earlier !== undefined) {
      result.headerErrors.push(
        `Two columns give the ${column}: ${quoteText(header.fields[earlier]!.trim())} and ${quoteText(rawName.trim())}. Keep one.`,
      );
      continue;
    }
    columnIndex.set(column, index);
  }
  const missing = REQUIRED.filter((column) => !columnIndex.has(column));
  if (missing.length > 0) {
    const found = header.fields.map((field) => field.trim()).filter((field) => field !== '');
    for (const column of missing) result.headerErrors.push(`The header has no column for ${COLUMN_DESCRIPTION[column]}.`);
    result.headerErrors.push(
      `The first row must name the columns: date, target, value, and optionally person and note. It has: ${
        found.length > 0 ? found.map(quoteText).join(', ') : 'nothing'
      }.`,
    );
  }
  if (result.headerErrors.length > 0) return result;

  const dataRecords = records.slice(1);
  if (dataRecords.length === 0) {
    result.headerErrors.push('The file has a header but no rows to import.');
    return result;
  }

  const cell = (record: CsvRecord, column: Column): string => {
    const index = columnIndex.get(column);
    return index === undefined ? '' : (record.fields[index] ?? '').trim();
  };

  // Which order day-month-year dates in this file use, from the dates that can only be read one way.
  const dateReadings = dataRecords.map((record) => readDate(cell(record, 'date')));
  let dayFirstAt: number | undefined;
  let monthFirstAt: number | undefined;
  dateReadings.forEach((reading, index) => {
    if (reading.kind !== 'year-last') return;
    const line = dataRecords[index]!.line;
    if (reading.first > 12 && reading.second <= 12) dayFirstAt ??= line;
    if (reading.second > 12 && reading.first <= 12) monthFirstAt ??= line;
  });
  const mixedOrders = dayFirstAt !== undefined && monthFirstAt !== undefined;
  if (!mixedOrders && dayFirstAt !== undefined) result.dateOrder = 'day-first';
  if (!mixedOrders && monthFirstAt !== undefined) result.dateOrder = 'month-first';

  const resolveDate = (reading: DateReading, raw: string): { day?: CalendarDay; error?: string } => {
    if (reading.kind === 'day') return { day: reading.day };
    if (reading.kind === 'error') return { error: `Date ${reading.message}` };
    const { first, second, year } = reading;
    const shown = quoteText(raw);
    if (mixedOrders) {
      return {
        error: `Date ${shown}: this file writes dates both day-first (line ${dayFirstAt}) and month-first (line ${monthFirstAt}); write dates as YYYY-MM-DD`,
      };
    }
    const asDayFirst = toDay(year, second, first);
    const asMonthFirst = toDay(year, first, second);
    if (result.dateOrder === 'day-first' || (result.dateOrder === undefined && first === second)) {
      return asDayFirst ? { day: asDayFirst } : { error: `Date ${shown} is not a real date` };
    }
    if (result.dateOrder === 'month-first') {
      return asMonthFirst ? { day: asMonthFirst } : { error: `Date ${shown} is not a real date` };
    }
    if (!asDayFirst || !asMonthFirst) return { error: `Date ${shown} is not a real date` };
    return {
      error: `Date ${shown} could be ${describeDay(year, second, first)} or ${describeDay(year, first, second)}; write dates as YYYY-MM-DD`,
    };
  };

  const findPerson = makePersonLookup(context.people);
  const findTarget = makeTargetLookup(context.targets);
  const decimalSeparator = delimiter === ';' ? ',' : '.';
  const seen = new Map<string, number>();
  const headerWidth = header.fields.length;

  dataRecords.forEach((record, index) => {
    const cells: ProgressCsvCells = {
      date: cell(record, 'date'),
      target: cell(record, 'target'),
      person: cell(record, 'person'),
      value: cell(record, 'value'),
    };
    const errors: string[] = [];
    if (record.error) errors.push(`This row ${record.error}.`);
    const extra = record.fields.slice(headerWidth).filter((field) => field.trim() !== '');
    if (extra.length > 0) {
      const hint = delimiter === ',' ? ' (a number with a comma needs quotes: "1,234.56")' : '';
      errors.push(`This row has ${record.fields.length} fields but the header has ${headerWidth}${hint}.`);
    }

    const date = resolveDate(dateReadings[index]!, cells.date);
    if (date.error) errors.push(`${date.error}.`);

    let person: ProgressCsvPerson | undefined;
    if (cells.person !== '') {
      const found = findPerson(cells.person);
      if (found.ok) person = found.person;
      else errors.push(`${found.message}.`);
    }

    let target: ProgressCsvTarget | undefined;
    if (cells.target === '') {
      errors.push('Target is missing.');
    } else if (cells.person === '' || person) {
      const found = findTarget(cells.target, person);
      if (found.ok) target = found.target;
      else errors.push(`${found.message}.`);
    }

    let value: number | undefined;
    if (cells.value === '') {
      errors.push('Value is missing.');
    } else if (target) {
      const amount = parseCsvAmount(cells.value, { decimals: target.decimals, decimalSeparator, unit: target.unit });
      if (amount.ok) value = amount.value;
      else errors.push(`Value ${amount.message}.`);
    }

    if (errors.length === 0 && target && date.day !== undefined && value !== undefined) {
      const key = `${target.id}\u0000${person?.id ?? ''}\u0000${date.day}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        errors.push(`Same target, person and day as line ${earlier}; put one total per day.`);
      } else {
        seen.set(key, record.line);
        const note = cell(record, 'note');
        const entry: ProgressCsvEntry = { targetId: target.id, date: date.day, value };
        if (person) entry.personId = person.id;
        if (note !== '') entry.note = note;
        result.rows.push({ line: record.line, ok: true, entry, cells });
        return;
      }
    }
    result.rows.push({ line: record.line, ok: false, errors, cells });
  });
  return result;
}
