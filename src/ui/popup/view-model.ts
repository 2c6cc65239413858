// What the toolbar popup shows (view model) and what it asks for (callbacks). The wiring in
// entrypoints/popup/ builds the model from storage and the domain's rules and passes it down;
// the components never read storage, browser.* APIs, a clock or the network.
//
// Conventions (the same as the sidebar's, src/ui/sidebar/view-model.ts)
// - Calendar days are 'YYYY-MM-DD' in the user's time zone; `today` comes with the model and
//   the components word days relative to it ("Thu 27 Nov", "3 days ago").
// - Times of day arrive as text ("10:00"): the wiring formats them in the user's zone.
// - Every text (names, titles, action items) is rendered as text, never as markup.
import type { CalendarDay } from '../../domain/schemas';
import type { OptionsSectionId } from '../options/view-model';

// ---------------------------------------------------------------------------------------------
// Account and sync (shared with the options page)

/** Who is signed in. */
export type AccountView =
  | { state: 'signed-in'; email: string }
  /** Nothing is read from or written to the calendar; notes still work in this browser. */
  | { state: 'signed-out' }
  /** A sign-in window is open. */
  | { state: 'signing-in' };

/** The sync engine's state, summed up over all events. */
export type SyncSummaryView =
  /** The last full read and every write went through; `atText` is when, e.g. "14:05". */
  | { kind: 'synced'; atText: string }
  | { kind: 'syncing' }
  /** Changes saved here that are not in the calendar yet (kept in the outbox and retried). */
  | { kind: 'pending'; count: number }
  /** The last attempt failed; `reason` in a few words ("offline", "Google said 403"). */
  | { kind: 'failed'; reason: string }
  /** Signed in, but nothing was read yet. */
  | { kind: 'never' }
  | { kind: 'signed-out' };

// ---------------------------------------------------------------------------------------------
// Sections

/** A direct whose 1:1 is overdue (the domain's overdue rule decided it). */
export interface OverdueRowView {
  personId: string;
  /** As the calendar or the user named them; the email when no name is known. */
  displayName: string;
  /**
   * Calendar days from the day of the last held 1:1 to today (CONTRACT.md "Popup"). Absent
   * when no held 1:1 with them is known at all.
   */
  daysSinceLast?: number;
  /** The next 1:1 booked with them, if any. */
  next?: {
    meetingId: string;
    day: CalendarDay;
    /** e.g. "10:00". */
    timeText?: string;
  };
}

/** A 1:1 this week. */
export interface WeekMeetingView {
  meetingId: string;
  /** Start instant (epoch ms), for ordering only. */
  start: number;
  day: CalendarDay;
  /** e.g. "10:00". Absent for an all-day event. */
  timeText?: string;
  personName: string;
  /** The event's title, as text. */
  title: string;
  /** Cancelled, or declined by either person: shown struck through. */
  cancelled?: boolean;
}

/** An open action item the user owns. */
export interface OwedItemView {
  /** The action item's id. */
  id: string;
  text: string;
  /** Who it is owed to. */
  personName: string;
  /** Created (epoch ms): the list is shown oldest first by this. */
  createdAt: number;
  /** The day it was created, for "3 days ago". */
  createdDay: CalendarDay;
  due?: CalendarDay;
}

/** Time in 1:1s this week. */
export interface HoursView {
  /** Minutes of held and booked 1:1s this week (cancelled and declined ones excluded). */
  spentMinutes: number;
  /** Minutes if every direct had their usual 1:1 this week (the usual length of each). */
  ifEveryDirectMinutes: number;
}

// ---------------------------------------------------------------------------------------------
// The whole popup

export interface PopupViewModel {
  /** The user's calendar day. */
  today: CalendarDay;
  /** While the first read from storage runs: a short placeholder instead of empty states. */
  loading?: boolean;
  account: AccountView;
  sync: SyncSummaryView;
  /**
   * No 1:1 has been found at all (in the 8 weeks read, or ever): the first-run state replaces
   * the sections and points at Google Calendar.
   */
  noOneOnOnesYet: boolean;
  /** Overdue directs, most overdue first is a good order; shown as given. */
  overdue: OverdueRowView[];
  /** This week's 1:1s (Monday–Sunday, or as the wiring counts weeks), any order: the popup
   *  shows today's under "Today" and the others under "This week", each by start time. */
  week: WeekMeetingView[];
  /** Absent hides the line (e.g. no directs yet). */
  hours?: HoursView;
  /** Open action items the user owns; shown oldest first (sorted here by createdAt). */
  owed: OwedItemView[];
  /** Present when a backup is due (the wiring decides, e.g. storage's backupReminderDue). */
  backupReminder?: {
    /** The last export, if there was one. */
    lastBackupDay?: CalendarDay;
  };
}

export interface PopupCallbacks {
  /** An overdue row's "History": open the person's page in the options (past 1:1s, notes, items). */
  onOpenPerson: (personId: string) => void;
  /** An overdue row with nothing booked: open Calendar's new-event page for a 1:1 with this person. */
  onSchedule: (personId: string) => void;
  /** Open Google Calendar on this 1:1 (its event): a week row, or an overdue row's next 1:1. */
  onOpenMeeting: (meetingId: string) => void;
  /** An owed item was ticked: mark it done. The popup hides it at once and offers Undo. */
  onCloseActionItem: (id: string) => void;
  /** Undo of a tick: open it again. */
  onReopenActionItem: (id: string) => void;
  onSignIn: () => void;
  onSignOut: () => void;
  /** Open Google Calendar (the first-run state's button). */
  onOpenCalendar: () => void;
  /** Open the options page, at a section when given (the backup reminder asks for 'backup'). */
  onOpenOptions: (section?: OptionsSectionId) => void;
  /** "Retry" next to a failed sync; hidden when absent. */
  onRetrySync?: () => void;
}

export type PopupViewProps = PopupViewModel & PopupCallbacks;
