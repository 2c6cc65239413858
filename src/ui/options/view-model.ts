// What the options page shows (view models) and what it asks for (callbacks), section by
// section. The wiring in entrypoints/options/ builds the models from storage and the domain and
// acts on the callbacks; the components never read storage, browser.* APIs, a clock or the
// network.
//
// Conventions (the same as the popup's and the sidebar's)
// - Calendar days are 'YYYY-MM-DD' in the user's time zone; `today` comes with the models.
// - Amounts arrive formatted ("$22,727.27"), by the wiring with the domain's formatAmount. What
//   the user types is read with the domain's parseAmount, so callbacks get integer minor units.
// - Every text (names, titles, notes, CSV cells, file names) is rendered as text, never markup.
// - A callback that may refuse returns an Outcome (or a promise of one); returning nothing means
//   it was done. A refusal's message is shown next to what the user did, and what they typed is
//   kept. A callback that throws or rejects is shown as "Something went wrong: …".
import type { CalendarDay, Level, PeriodKind, Relationship, TargetOwner } from '../../domain/schemas';
import type { AccountView, SyncSummaryView } from '../popup/view-model';

/** The answer of a callback that may refuse: `message` says why, in a sentence. */
export type Outcome = { ok: true; message?: string } | { ok: false; message: string };

/** What an action callback may return: nothing (done), an Outcome, or a promise of either. */
export type ActionResult = void | Outcome | Promise<void | Outcome>;

/** The page's sections, in tab order. */
export type OptionsSectionId = 'people' | 'targets' | 'days-off' | 'backup' | 'account' | 'settings';

// ---------------------------------------------------------------------------------------------
// People

export interface PersonRowView {
  /** Person.id */
  id: string;
  displayName: string;
  email?: string;
  relationship: Relationship;
  /** Learned from the calendar and not yet confirmed: shown with a "Suggested" badge and Confirm. */
  relationshipSuggested: boolean;
  level: Level;
  cadenceDays: number;
  /** Not overdue through this day (leave). */
  snoozedUntil?: CalendarDay;
  archived: boolean;
  /** The day of the last held 1:1, when known. */
  lastOneOnOneDay?: CalendarDay;
  /**
   * For an active direct whose 1:1 needs attention (the domain's overdue rule, as the popup):
   * overdue, with calendar days since the last held 1:1; or no 1:1 held yet. Absent otherwise
   * (within the cadence, snoozed, not a direct).
   */
  attention?: { kind: 'overdue'; daysSinceLast: number; cadenceDays: number } | { kind: 'no-one-on-one-yet' };
  /** How many 1:1s are on record (the merge confirmation says what moves). */
  meetingCount?: number;
}

export interface PeopleSectionProps {
  today: CalendarDay;
  /** Everyone learned from the calendar (merged records left out), in the order to show. */
  people: PersonRowView[];
  /** Sets and confirms the relationship ("Confirm" passes the suggested one). */
  onSetRelationship: (personId: string, relationship: Relationship) => ActionResult;
  onSetLevel: (personId: string, level: Level) => ActionResult;
  /** A whole number of days, 1–366 (checked here before it is called). */
  onSetCadence: (personId: string, cadenceDays: number) => ActionResult;
  /** A day from today on, or undefined to end the snooze. */
  onSetSnooze: (personId: string, until: CalendarDay | undefined) => ActionResult;
  onSetArchived: (personId: string, archived: boolean) => ActionResult;
  /**
   * Merge `sourceId` into `targetId` after the user confirmed: the source's 1:1s, notes, action
   * items, talking points, targets and progress move to the target and the source stops being
   * listed. Never called with the same id twice, nor with a name-only target for a source that
   * has an address.
   */
  onMerge: (sourceId: string, targetId: string) => ActionResult;
  /** Open the person's page (history, notes, talking points). */
  onOpenPerson: (personId: string) => void;
}

// ---------------------------------------------------------------------------------------------
// A person's page

export type HistoryState = 'held' | 'cancelled' | 'declined' | 'logged' | 'upcoming';

export interface HistoryActionItemView {
  id: string;
  text: string;
  owner: 'me' | 'them';
  done: boolean;
  due?: CalendarDay;
}

/** One 1:1 in a person's history. */
export interface HistoryEntryView {
  meetingId: string;
  /** Start instant (epoch ms): the history is shown newest first by it. */
  start: number;
  day: CalendarDay;
  /** e.g. "10:00–10:30". */
  timeText?: string;
  title: string;
  state: HistoryState;
  /** For 'declined': who declined. */
  declinedBy?: 'me' | 'them';
  sharedNotes: string;
  /** Never left this browser; shown marked as private. */
  privateNotes: string;
  actionItems: HistoryActionItemView[];
  /** A calendar event (offers "Open in Calendar"); logged 1:1s have none. */
  inCalendar: boolean;
}

export interface TalkingPointRowView {
  id: string;
  text: string;
  createdDay: CalendarDay;
}

/** A 1:1 held off the calendar, as the user logged it. */
export interface LoggedMeetingInput {
  day: CalendarDay;
  /** 'HH:MM', 24-hour, in the user's time zone. */
  time: string;
  /** 1–480. */
  durationMinutes: number;
  sharedNotes: string;
  privateNotes: string;
}

export interface PersonPageProps {
  today: CalendarDay;
  person: {
    id: string;
    displayName: string;
    email?: string;
    /** e.g. "Direct · Frontline · every 7 days": shown under the name. */
    summaryText?: string;
  };
  /** Every 1:1 with the person, any order (shown newest first). */
  history: HistoryEntryView[];
  /** Talking points saved for the next 1:1, not yet raised. */
  talkingPoints: TalkingPointRowView[];
  onBack: () => void;
  onLogMeeting: (input: LoggedMeetingInput) => ActionResult;
  /** Text trimmed and not empty. */
  onAddTalkingPoint: (text: string) => ActionResult;
  onDeleteTalkingPoint: (id: string) => ActionResult;
  /** Open a calendar 1:1 in Google Calendar. */
  onOpenMeeting: (meetingId: string) => void;
}

// ---------------------------------------------------------------------------------------------
// Targets

/** Pace of a target in its current period (the domain's PaceStatus). */
export type PaceStatusView = 'ahead' | 'on-track' | 'behind' | 'not-started' | 'ended';

export interface TargetOwnerOption {
  owner: TargetOwner;
  /** "Team" or the person's name. */
  label: string;
}

/** One part of a target split into shorter periods. */
export interface TargetPartView {
  /** e.g. "3–7 Nov", "Mon 3 Nov". */
  label: string;
  workingDays: number;
  /** The part's share of the amount, e.g. "$22,727.27". */
  amountText: string;
  /** Progress recorded in the part so far, when any is expected to show. */
  actualText?: string;
}

export interface TargetSplitView {
  /** e.g. "By week", "By day", "By person". */
  title: string;
  parts: TargetPartView[];
  /** The parts' sum, e.g. "$100,000.00": it always equals the target's amount. */
  totalText: string;
}

export interface TargetView {
  id: string;
  ownerLabel: string;
  metric: string;
  /** As parseAmount reads it ("USD", "calls"). */
  unit: string;
  decimals: number;
  /** e.g. "November 2025", "Q4 2025", "Week of 3 Nov". */
  periodLabel: string;
  /** e.g. "$100,000.00". */
  amountText: string;
  /** Splits to show under the target (e.g. by week and by day). */
  splits: TargetSplitView[];
  /** Why it cannot be split, when it cannot (the domain's SplitFailure message). */
  splitProblem?: string;
  pace?: {
    status: PaceStatusView;
    /** e.g. "$41,000.00". */
    actualText: string;
    /** What the split expects by today. */
    expectedText: string;
    /** e.g. "41%". */
    percentText?: string;
    /** Where the period ends at the current rate. */
    projectedText?: string;
    /** For an ended period: whether the target was hit (the overview says "Hit"/"Missed", not "Ended"). */
    hit?: boolean;
  };
  lastPeriod?: {
    label: string;
    hit: boolean;
    detailText?: string;
  };
  /** For a team target: the people progress may be credited to. */
  progressPeople?: { id: string; label: string }[];
}

export interface NewTargetInput {
  owner: TargetOwner;
  /** Trimmed, not empty. */
  metric: string;
  /** Trimmed, not empty. */
  unit: string;
  /** 0–4. */
  decimals: number;
  periodKind: PeriodKind;
  /** Any day of the period: the wiring takes the period of this kind that contains it. */
  periodDay: CalendarDay;
  /** Integer amount in minor units (read with the domain's parseAmount). */
  amount: number;
}

export interface ProgressInput {
  targetId: string;
  /** For a team target: whose progress. */
  personId?: string;
  day: CalendarDay;
  /** Integer amount in the target's minor units. */
  amount: number;
  note?: string;
}

/** A row of the CSV preview, ready to show. */
export type CsvPreviewRowView =
  | { line: number; ok: true; dayText: string; targetText: string; personText: string; valueText: string }
  | { line: number; ok: false; errors: string[]; cells: { date: string; target: string; person: string; value: string } };

/** A chosen CSV file, read and checked (see progressCsvPreview). */
export interface CsvPreviewView {
  fileName: string;
  /** Problems with the whole file; nothing imports while any. */
  fileErrors: string[];
  rows: CsvPreviewRowView[];
  /** Header names not read, e.g. ["Region"]. */
  ignoredColumns: string[];
  /** e.g. "Dates like 03/04/2025 are read day first (3 April)." */
  notes: string[];
}

export interface TargetsSectionProps {
  today: CalendarDay;
  /** The team first, then people: who a new target may belong to. */
  owners: TargetOwnerOption[];
  targets: TargetView[];
  onCreateTarget: (input: NewTargetInput) => ActionResult;
  onDeleteTarget: (targetId: string) => ActionResult;
  onAddProgress: (input: ProgressInput) => ActionResult;
  /** The CSV import: the file's text was read; the wiring parses it and passes `csvPreview`. */
  onCsvChosen: (text: string, fileName: string) => void;
  /** The checked file (shown until imported or cleared). */
  csvPreview?: CsvPreviewView;
  /** Import every row of `csvPreview` at once (only offered when no row has an error). */
  onImportCsv: () => ActionResult;
  /** Drop the preview. */
  onClearCsv: () => void;
}

// ---------------------------------------------------------------------------------------------
// Days off

export interface DaysOffSectionProps {
  today: CalendarDay;
  /** Days off (holidays, leave) excluded from working-day splits, any order. */
  daysOff: CalendarDay[];
  /** 0 = Sunday … 6 = Saturday. */
  weekendDays: number[];
  /** Every day of the range (at most 366), in order, none already a day off. */
  onAddDaysOff: (days: CalendarDay[]) => ActionResult;
  onRemoveDayOff: (day: CalendarDay) => ActionResult;
  /** The whole new set, sorted; at least one working day is left. */
  onSetWeekendDays: (days: number[]) => ActionResult;
}

// ---------------------------------------------------------------------------------------------
// Backup

/**
 * The result of importing a backup file. Storage's ImportReport (src/storage/backup.ts) fits
 * this shape as it is.
 */
export type BackupImportReportView =
  | { ok: true; total: { added: number; updated: number; skipped: number } }
  | { ok: false; reason: string; errors: string[] };

export interface BackupSectionProps {
  today: CalendarDay;
  /** The last export, if any. */
  lastBackupDay?: CalendarDay;
  /**
   * Nothing is synced to the calendar (signed out, or nothing writable): the section says that
   * a backup is then the only copy.
   */
  nothingSyncs: boolean;
  /** Save a backup file (the wiring builds it and starts the download). */
  onExport: () => ActionResult;
  /** A backup file was chosen; its text. The answer is shown as the import report. */
  onImport: (text: string, fileName: string) => BackupImportReportView | Promise<BackupImportReportView>;
}

// ---------------------------------------------------------------------------------------------
// Account & sync

export interface AccountSectionProps {
  account: AccountView;
  sync: SyncSummaryView;
  /** Records that failed validation and were kept aside. */
  quarantinedCount: number;
  onSignIn: () => void;
  onSignOut: () => void;
  onRetrySync?: () => void;
  /** Save the quarantined records to a file. */
  onExportQuarantined: () => ActionResult;
}

// ---------------------------------------------------------------------------------------------
// Settings

export interface SettingsSectionProps {
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone: string;
  /** The user's other addresses. */
  selfAliases: string[];
  useO3Template: boolean;
  /** A valid IANA zone (checked here first). */
  onSetTimeZone: (timeZone: string) => ActionResult;
  /** Lower-cased, de-duplicated addresses (checked here first). */
  onSetSelfAliases: (aliases: string[]) => ActionResult;
  onSetUseO3Template: (use: boolean) => ActionResult;
}

// ---------------------------------------------------------------------------------------------
// The page

export interface OptionsPageProps {
  /** The section shown; the wiring may keep it in the URL hash. */
  section: OptionsSectionId;
  onSelectSection: (section: OptionsSectionId) => void;
  people: PeopleSectionProps;
  /** When set, the People section shows this person's page instead of the table. */
  personPage?: PersonPageProps;
  targets: TargetsSectionProps;
  daysOff: DaysOffSectionProps;
  backup: BackupSectionProps;
  account: AccountSectionProps;
  settings: SettingsSectionProps;
}
