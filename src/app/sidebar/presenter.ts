// The sidebar's view model from records: the person, this meeting, the last notes, talking points,
// open action items, targets, the notes boxes, the sync line and storage problems. Pure: records,
// settings, the clock and the zone come in; `SidebarViewModel` (src/ui/sidebar/view-model.ts)
// comes out.
import type { OtherPerson } from '../../domain/classify';
import { dayOf } from '../../domain/calendar-time';
import type { ActionItem, CalendarDay, Level, Meeting, Person, Settings, TalkingPoint } from '../../domain/schemas';
import type { PageEvent } from '../../calendar-page/page-event';
import type { MeetingNotes, OlderNotesCursor, PersonThread } from '../../storage';
import type { CannotWriteCode, MeetingSyncStatus } from '../../sync/status';
import type { SaveState } from '../../ui/shared/SaveStateIndicator';
import type {
  ActionItemsView,
  ActionItemView,
  LastNotesView,
  MeetingNotesView,
  MeetingView,
  PersonView,
  SidebarViewModel,
  StorageProblemsView,
  SyncStatusView,
  TalkingPointsView,
} from '../../ui/sidebar/view-model';
import { atText } from '../account-sync';
import { timeRangeText } from '../time';
import { targetsView } from './targets-view';
import type { TargetWithProgress } from '../../storage';

export const LEVEL_TEXT: Record<Level, string> = {
  frontline: 'Frontline',
  manager: 'Manager',
  director: 'Director',
  vp: 'VP',
  executive: 'Executive',
};

/**
 * The other person as the sidebar names them. The page's name wins (the accessible name says who
 * the calendar shows), except where the page has only an address and the store knows a name.
 */
export function personView(other: OtherPerson, person: Person | undefined): PersonView {
  const pageName = other.displayName.trim();
  const pageHasOnlyAddress = pageName === '' || pageName.includes('@');
  const displayName = pageHasOnlyAddress && person && !person.displayName.includes('@') ? person.displayName : pageName || person?.displayName || other.email || '';
  const email = other.email ?? person?.email;
  return {
    displayName,
    ...(email !== undefined && { email }),
    ...(person !== undefined && { levelText: LEVEL_TEXT[person.level] }),
  };
}

/** This meeting as the header shows it. "Mark as held" is offered once it has started. */
export function meetingView(meeting: Meeting, timeZone: string, now: number): MeetingView {
  return {
    title: meeting.title,
    day: dayOf(meeting.start, timeZone),
    ...(!meeting.allDay && { timeText: timeRangeText(meeting.start, meeting.end, timeZone) }),
    isRecurring: meeting.seriesId !== undefined,
    classificationReason: meeting.classificationReason,
    markedHeld: meeting.markedHeld,
    canMarkHeld: meeting.markedHeld || meeting.start <= now,
  };
}

/** Before anything is read: what the page says about the meeting. */
export function meetingViewFromPage(pageEvent: Pick<PageEvent, 'title' | 'seriesId' | 'timeText'>, reason: MeetingView['classificationReason'], today: CalendarDay): MeetingView {
  return {
    title: pageEvent.title,
    day: today,
    ...(pageEvent.timeText !== undefined && pageEvent.timeText.trim() !== '' && { timeText: pageEvent.timeText.trim() }),
    isRecurring: pageEvent.seriesId !== undefined,
    classificationReason: reason,
    markedHeld: false,
    canMarkHeld: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Last notes: the most recent earlier 1:1 with notes, and paging back through older ones.

export interface LastNotesPages {
  /** Loaded meetings with notes, newest first; `index` is the one shown. */
  entries: MeetingNotes[];
  index: number;
  /** Where to continue past the last entry; absent when nothing older exists. */
  next?: OlderNotesCursor;
  /** Loading an older page failed. */
  error?: string;
}

export function lastNotesPagesFrom(thread: Pick<PersonThread, 'lastNotes' | 'olderNotesCursor'>): LastNotesPages {
  return thread.lastNotes
    ? { entries: [thread.lastNotes], index: 0, ...(thread.olderNotesCursor && { next: thread.olderNotesCursor }) }
    : { entries: [], index: 0 };
}

export function lastNotesView(pages: LastNotesPages | undefined, timeZone: string): LastNotesView {
  if (!pages) return { state: 'loading' };
  if (pages.error !== undefined && pages.entries.length === 0) return { state: 'error', message: pages.error };
  const entry = pages.entries[pages.index];
  if (!entry) return { state: 'none' };
  return {
    state: 'loaded',
    day: dayOf(entry.meeting.start, timeZone),
    ...(entry.meeting.title.trim() !== '' && { title: entry.meeting.title }),
    sharedText: entry.shared?.text ?? '',
    privateText: entry.private?.text ?? '',
    hasOlder: pages.index < pages.entries.length - 1 || pages.next !== undefined,
    hasNewer: pages.index > 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Talking points and action items

/**
 * Points collected for this 1:1 (open ones added before it, and those raised in it) and the ones
 * added from this meeting's sidebar for the next one (still open).
 */
export function talkingPointsView(points: readonly TalkingPoint[], meetingId: string): TalkingPointsView {
  const forNextTime = points.filter((point) => point.fromMeetingId === meetingId && point.discussedInMeetingId === undefined);
  const forThisMeeting = points.filter((point) => !forNextTime.includes(point) && (point.discussedInMeetingId === undefined || point.discussedInMeetingId === meetingId));
  const view = (point: TalkingPoint) => ({ id: point.id, text: point.text, discussed: point.discussedInMeetingId === meetingId });
  const byCreated = (a: TalkingPoint, b: TalkingPoint) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);
  return { forThisMeeting: [...forThisMeeting].sort(byCreated).map(view), forNextTime: [...forNextTime].sort(byCreated).map(view) };
}

/** Open items with this person: overdue ones first (earliest due first), then the rest as created. */
export function actionItemsView(items: readonly ActionItem[], today: CalendarDay): ActionItemsView {
  const open = items.filter((item) => item.status === 'open');
  const overdue = open.filter((item) => item.due !== undefined && item.due < today).sort((a, b) => a.due!.localeCompare(b.due!) || a.createdAt - b.createdAt);
  const rest = open.filter((item) => !overdue.includes(item)).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const view = (item: ActionItem): ActionItemView => ({ id: item.id, text: item.text, owner: item.owner, ...(item.due !== undefined && { due: item.due }) });
  return { open: [...overdue, ...rest].map(view), defaultOwner: 'them' };
}

// ---------------------------------------------------------------------------------------------
// Sync line

/** The engine's state for this meeting as the sidebar's line; undefined (no answer) reads as saved here. */
export function syncStatusView(status: MeetingSyncStatus | undefined, now: number, timeZone: string): SyncStatusView {
  if (!status) return { kind: 'saved-locally' };
  switch (status.kind) {
    case 'nothing-to-sync':
    case 'saved-locally':
      return { kind: 'saved-locally' };
    case 'syncing':
      return { kind: 'syncing' };
    case 'synced':
      return { kind: 'synced', atText: atText(status.at, now, timeZone) };
    case 'cannot-write':
      return { kind: 'cannot-write', reason: status.reason };
    case 'failed':
      return { kind: 'failed', reason: status.reason };
    case 'signed-out':
      return { kind: 'signed-out' };
  }
}

/** Why the shared notes stay in this browser, as a clause for their label ("meant for Dana, but …"). */
const STAYS_LOCAL_REASONS: Record<CannotWriteCode, string> = {
  'not-organiser': "you can't change this event",
  deleted: 'the event was deleted or cancelled',
  'other-account': 'this tab shows another Google account than the one 1:1 Companion writes with',
  'not-on-calendar': 'this 1:1 is not an event on your calendar',
  'not-one-on-one': 'this event is no longer a 1:1',
  'newer-format': 'a newer version of 1:1 Companion wrote this event',
  'too-long': "the event's description has no room left for them",
};

/**
 * The shared box's audience from the sync state: set only when the event cannot be written, so
 * the label never says the other person reads notes that stay here. While the state is unknown,
 * saved, syncing or signed out the notes are on their way to the event.
 */
export function sharedStaysLocal(status: MeetingSyncStatus | undefined): MeetingNotesView['sharedStaysLocal'] {
  return status?.kind === 'cannot-write' ? { reason: STAYS_LOCAL_REASONS[status.code] } : undefined;
}

// ---------------------------------------------------------------------------------------------
// The whole model

export interface NotesState {
  sharedText: string;
  privateText: string;
  sharedSaveState: SaveState;
  privateSaveState: SaveState;
}

export interface SidebarRecords {
  meeting: Meeting;
  person: Person | undefined;
  thread: PersonThread;
  /** Targets that ended recently (previous periods' results). */
  recentTargets: readonly TargetWithProgress[];
  /** Every direct, for team targets' shares. */
  directs: readonly Person[];
  settings: Settings;
  quarantined: number;
}

export interface SidebarModelInput {
  other: OtherPerson;
  /** Undefined while the records load. */
  records?: SidebarRecords;
  lastNotes?: LastNotesPages;
  notes?: NotesState;
  sync?: MeetingSyncStatus;
  storageProblems: StorageProblemsView;
  pageEvent: Pick<PageEvent, 'title' | 'seriesId' | 'timeText'>;
  classificationReason: MeetingView['classificationReason'];
  now: number;
  timeZone: string;
}

const IDLE: SaveState = { kind: 'idle' };

/**
 * The model at any stage: before the records are read every section says it is loading (the
 * landmark and its headings show at once); then everything is filled in from the records.
 */
export function sidebarViewModel(input: SidebarModelInput): SidebarViewModel {
  const { records, now, timeZone } = input;
  const today = dayOf(now, timeZone);
  const staysLocal = sharedStaysLocal(input.sync);
  if (!records) {
    return {
      today,
      person: personView(input.other, undefined),
      meeting: meetingViewFromPage(input.pageEvent, input.classificationReason, today),
      lastNotes: { state: 'loading' },
      talkingPoints: { loading: true, forThisMeeting: [], forNextTime: [] },
      actionItems: { loading: true, open: [], defaultOwner: 'them' },
      targets: { loading: true, horizons: [], progressTargets: [] },
      notes: {
        loading: true,
        sharedText: '',
        privateText: '',
        sharedSaveState: IDLE,
        privateSaveState: IDLE,
        offerO3Template: false,
        ...(staysLocal && { sharedStaysLocal: staysLocal }),
      },
      sync: syncStatusView(input.sync, now, timeZone),
      storageProblems: input.storageProblems,
    };
  }
  const { meeting, thread, settings } = records;
  const person = records.person ?? thread.person;
  const notes = input.notes;
  return {
    today,
    person: personView(input.other, person),
    meeting: meetingView(meeting, timeZone, now),
    lastNotes: lastNotesView(input.lastNotes ?? lastNotesPagesFrom(thread), timeZone),
    talkingPoints: talkingPointsView(thread.talkingPoints, meeting.id),
    actionItems: actionItemsView(thread.openActionItems, today),
    targets: targetsView({ person, current: thread.targets, recent: records.recentTargets, directs: records.directs, settings, today }),
    notes: {
      ...(notes
        ? { ...notes, offerO3Template: settings.useO3Template }
        : {
            loading: true,
            sharedText: thread.thisMeetingNotes.shared?.text ?? '',
            privateText: thread.thisMeetingNotes.private?.text ?? '',
            sharedSaveState: IDLE,
            privateSaveState: IDLE,
            offerO3Template: settings.useO3Template,
          }),
      ...(staysLocal && { sharedStaysLocal: staysLocal }),
    },
    sync: syncStatusView(input.sync, now, timeZone),
    storageProblems: records.quarantined > 0 ? { ...input.storageProblems, quarantined: { count: records.quarantined } } : input.storageProblems,
  };
}
