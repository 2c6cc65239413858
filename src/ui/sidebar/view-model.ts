// What the sidebar shows (view model) and what it asks for (callbacks). The wiring in
// entrypoints/sidebar/ builds the model from storage and domain helpers and passes it down;
// components never read storage, browser.* APIs or the network.
//
// Conventions
// - Calendar days are 'YYYY-MM-DD' in the user's time zone; `today` comes with the model so the
//   components never read a clock.
// - Amounts arrive formatted ("$22,727.27", "81%"): the wiring formats them with the domain's
//   helpers. Numbers appear only where the UI draws something from them (a bar's width).
// - Every text (names, titles, notes) is rendered as text, never as markup.
import type { CalendarDay, ClassificationReason } from '../../domain/schemas';
import type { SaveState } from '../shared/SaveStateIndicator';

// ---------------------------------------------------------------------------------------------
// Person and meeting

/** The other person of the 1:1. */
export interface PersonView {
  /** As the calendar or the user named them; the email when no name is known. */
  displayName: string;
  email?: string;
  /** e.g. "Frontline", "Manager": shown under the name when given. */
  levelText?: string;
}

/** The 1:1 this sidebar is open for. */
export interface MeetingView {
  /** The event's title, as text. */
  title: string;
  /** Its day. */
  day: CalendarDay;
  /** Its time as people read it, e.g. "10:00–10:30". */
  timeText?: string;
  /** Part of a recurring series (offers "whole series" overrides). */
  isRecurring: boolean;
  /** Why it counts as a 1:1; 'marked-event' / 'marked-series' offer undoing the mark. */
  classificationReason: ClassificationReason;
  /** The user logged it as held although the calendar does not show it so. */
  markedHeld: boolean;
  /** Offer "Mark as held" (e.g. it started already; the wiring decides). */
  canMarkHeld: boolean;
}

// ---------------------------------------------------------------------------------------------
// Last notes

/** The notes of an earlier 1:1, paged from the most recent one backwards. */
export type LastNotesView =
  | { state: 'loading' }
  /** No earlier 1:1 with this person has notes. */
  | { state: 'none' }
  | {
      state: 'loaded';
      /** The day of the earlier 1:1 these notes belong to. */
      day: CalendarDay;
      /** That meeting's title, when it helps ("Dana / Sam weekly"). */
      title?: string;
      /** Its shared notes (may be empty). */
      sharedText: string;
      /** Its private notes (may be empty); shown marked as private. */
      privateText: string;
      /** An even earlier 1:1 with notes exists (enables "Older"). */
      hasOlder: boolean;
      /** A more recent one exists than the one shown (enables "Newer"). */
      hasNewer: boolean;
    }
  | { state: 'error'; message: string };

// ---------------------------------------------------------------------------------------------
// Talking points

export interface TalkingPointView {
  id: string;
  text: string;
  /** Raised in this meeting already. */
  discussed: boolean;
}

export interface TalkingPointsView {
  loading?: boolean;
  /** Collected for this 1:1 (added as "for next time" from earlier meetings' sidebars). */
  forThisMeeting: TalkingPointView[];
  /** Added from this sidebar for the person's next 1:1 (so the user sees they were kept). */
  forNextTime: TalkingPointView[];
}

// ---------------------------------------------------------------------------------------------
// Action items

export type ActionItemOwner = 'me' | 'them';

export interface ActionItemView {
  /** The record's short id. */
  id: string;
  text: string;
  owner: ActionItemOwner;
  due?: CalendarDay;
}

export interface ActionItemsView {
  loading?: boolean;
  /** The open action items with this person, in the order to show. */
  open: ActionItemView[];
  /** Owner preselected for a new item (default 'them'). */
  defaultOwner?: ActionItemOwner;
}

/** A new or edited action item as the user entered it (text trimmed, never empty). */
export interface ActionItemDraft {
  text: string;
  owner: ActionItemOwner;
  /** No due date when absent. */
  due?: CalendarDay;
}

// ---------------------------------------------------------------------------------------------
// Targets

/** Pace of a target in its current period (the domain's PaceStatus). */
export type PaceStatusView = 'ahead' | 'on-track' | 'behind' | 'not-started' | 'ended';

export interface TargetRowView {
  /** Unique within the sidebar (the target's id, or id + period). */
  key: string;
  /** What is measured, e.g. "Bookings". */
  metric: string;
  /** Achieved so far in the period, e.g. "$18,400". */
  actualText: string;
  /** The period's target, e.g. "$22,727.27". */
  targetText: string;
  /** e.g. "81%"; absent for a zero target. */
  percentText?: string;
  /** Percent of target as a number (81 for 81%), for the bar; absent for a zero target. */
  percent?: number;
  pace?: {
    status: PaceStatusView;
    /** What the split expects by today, e.g. "$13,636.36". */
    expectedText?: string;
    /** Where the period ends at the current rate, e.g. "$27,000". */
    projectedText?: string;
  };
  /** The previous period of the same kind. */
  lastPeriod?: {
    /** e.g. "Last week", "October". */
    label: string;
    hit: boolean;
    /** e.g. "$24,100 of $22,727.27". */
    detailText?: string;
  };
}

/** The rows for one horizon, e.g. "This week", "November", "Q4". */
export interface TargetHorizonView {
  key: string;
  label: string;
  rows: TargetRowView[];
  /**
   * Said instead of rows that would read "$0 of $0": the period has no working days (a weekend
   * or a day off), e.g. "Today is not a working day: no target for today; …". Shown above any
   * rows left (a target set for that very period).
   */
  note?: string;
}

/** A target the user may add today's progress to from the sidebar. */
export interface ProgressTargetView {
  targetId: string;
  /** Names it in the form, e.g. "Bookings (USD)". */
  label: string;
  /** The unit, as parseAmount reads it ("USD", "calls"). */
  unit: string;
  /** Decimal places of the unit (amounts are integers in minor units). */
  decimals: number;
}

export interface TargetsView {
  loading?: boolean;
  /** e.g. "Frontline: today and this week, against the month". */
  focusText?: string;
  /** In the order to show; empty means the person has no targets (empty state). */
  horizons: TargetHorizonView[];
  /** Targets that accept today's progress here; empty hides the quick entry. */
  progressTargets: ProgressTargetView[];
}

// ---------------------------------------------------------------------------------------------
// This meeting's notes

export interface MeetingNotesView {
  /** While the stored notes load the boxes are read-only (nothing typed can be overwritten). */
  loading?: boolean;
  sharedText: string;
  privateText: string;
  sharedSaveState: SaveState;
  privateSaveState: SaveState;
  /** Offer the "Insert O3 template" button (Settings.useO3Template). */
  offerO3Template: boolean;
  /**
   * Set when this event cannot be written (the sync line says "Can't write this event"): the
   * shared notes stay in this browser, and their label must not promise the other person reads
   * them in the event. `reason` is a clause, e.g. "you can't change this event".
   */
  sharedStaysLocal?: { reason: string };
}

// ---------------------------------------------------------------------------------------------
// Sync and storage

/** What the sync engine last reported for this event. */
export type SyncStatusView =
  /** Saved here; not written to the event yet. */
  | { kind: 'saved-locally' }
  | { kind: 'syncing' }
  /** Written to the event; `atText` is the time, e.g. "14:05". */
  | { kind: 'synced'; atText: string }
  /** This event cannot be written; `reason` e.g. "you are not the organiser: notes stay in this browser". */
  | { kind: 'cannot-write'; reason: string }
  /** The last write failed; it is kept and retried. */
  | { kind: 'failed'; reason: string }
  | { kind: 'signed-out' };

/** Storage trouble to put in front of the user; all absent means none. */
export interface StorageProblemsView {
  /** A save failed; the text stays in the box. */
  saveFailed?: { reason: string };
  /** Another tab opened a newer database version; this page must reload to keep saving. */
  newerVersionInOtherTab?: boolean;
  /** Records that failed validation and were set aside. */
  quarantined?: { count: number };
}

// ---------------------------------------------------------------------------------------------
// The whole sidebar

export interface SidebarViewModel {
  /** The user's calendar day (due dates and relative dates are counted from it). */
  today: CalendarDay;
  person: PersonView;
  meeting: MeetingView;
  lastNotes: LastNotesView;
  talkingPoints: TalkingPointsView;
  actionItems: ActionItemsView;
  targets: TargetsView;
  notes: MeetingNotesView;
  sync: SyncStatusView;
  storageProblems: StorageProblemsView;
}

/** A classification override the user asked for (maps onto ClassificationOverride). */
export interface OverrideRequest {
  scope: 'event' | 'series';
  isOneOnOne: boolean;
  /** For a group event treated as a 1:1: the other person. */
  personEmail?: string;
}

export interface SidebarCallbacks {
  // Last notes
  onShowOlderNotes: () => void;
  onShowNewerNotes: () => void;
  // Talking points
  /** Add a talking point for the person's next 1:1 (text trimmed, non-empty). */
  onAddTalkingPoint: (text: string) => void;
  onSetTalkingPointDiscussed: (id: string, discussed: boolean) => void;
  /** Remove a talking point saved for next time. */
  onDeleteTalkingPoint: (id: string) => void;
  // Action items
  onAddActionItem: (draft: ActionItemDraft) => void;
  /** Ticked: close it (status done). The sidebar hides it at once and offers Undo. */
  onCloseActionItem: (id: string) => void;
  /** Undo of a tick: open it again. */
  onReopenActionItem: (id: string) => void;
  /** Edited inline; called only when something changed. */
  onUpdateActionItem: (id: string, draft: ActionItemDraft) => void;
  // Targets
  /** Today's progress for a target, validated, in the target's minor units. */
  onAddProgress: (targetId: string, amount: number) => void;
  /** Opens Settings (targets are set there); the empty state links to it when given. */
  onOpenSettings?: () => void;
  // This meeting's notes: every change with the whole text; the wiring autosaves.
  onSharedNotesInput: (text: string) => void;
  onPrivateNotesInput: (text: string) => void;
  // Meeting menu
  onOverride: (request: OverrideRequest) => void;
  /** Drop the user's own mark on this event or series and go back to automatic detection. */
  onClearOverride: (scope: 'event' | 'series') => void;
  onSetMarkedHeld: (held: boolean) => void;
  // Sync and storage
  onRetrySync?: () => void;
  onSignIn?: () => void;
  onRetrySave?: () => void;
  onReload?: () => void;
  onExportQuarantined?: () => void;
  /** Shows a close button in the header when given. */
  onClose?: () => void;
}

export type SidebarViewProps = SidebarViewModel & SidebarCallbacks;
