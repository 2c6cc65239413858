// The sidebar page's state, apart from Preact so it runs in Node tests: which 1:1 is open (the
// dock's context from the background), its records, the notes autosavers, the sync line, the
// storage problems; and what every callback of SidebarView / GroupEventView does. Data goes
// through the SidebarStore (in the service worker: see store.ts for why).
//
// Order of work when a 1:1 opens (the landmark must show within a second; the iframe is warm):
//   1. at once: the view model from the context alone (person's name, the page's title and time),
//      every section marked loading;
//   2. drafts left by pages that went away are stored (once per account), the settings;
//   3. the meeting and the person (meeting-setup.ts); for a non-recurring event the store does
//      not know, the sync engine is asked to fetch it first (`sync:refresh`, a short wait);
//   4. one read of everything shown (sidebar-data.ts); the notes boxes become editable;
//   5. then `sync:refresh` (reads back notes another browser wrote; their notice on the
//      StorageChannel refreshes the view) and the sync line.
// Switching to another meeting or closing the dialog saves what is typed first (the autosavers'
// flush; the drafts already hold every keystroke). A save is one operation in the worker: the
// note stored and, for a shared one, its event's write queued and the sync scheduler told; the
// page only shows the new sync state. When the page goes away, the text is handed to the worker
// in the pagehide handler itself: the autosavers' saves start there, and text that a running save
// could not carry is sent as drafts (`recoverDrafts`). A closing tab's frame may not be heard at
// all (Chromium drops what it sends then), so the drafts written on every keystroke are the net:
// the worker stores them when the page's notes port closes (notes-port.ts), or at its next start.
import type { Classification } from '../../domain/classify';
import { dayOf } from '../../domain/calendar-time';
import { isResourceGuest } from '../../domain/classify';
import { meetingIdForEvent, type Meeting, type Note, type Person, type Settings } from '../../domain/schemas';
import { splitInstanceId } from '../../domain/event-id';
import type { SidebarContext } from '../../messaging/protocol';
import { flushOnPageHide, type DraftStore, type NoteDraft, type StorageMessage } from '../../storage';
import { describeStorageError } from '../../storage/errors';
import type { MeetingSyncStatus } from '../../sync/status';
import type { GroupEventViewProps } from '../../ui/sidebar/GroupEventView';
import type { SidebarCallbacks, SidebarViewModel, StorageProblemsView } from '../../ui/sidebar/view-model';
import { effectiveTimeZone } from '../settings';
import type { SidebarEnvironment } from './environment';
import type { OneOnOne } from './meeting-setup';
import { MeetingNotesController } from './notes-controller';
import { lastNotesPagesFrom, sidebarViewModel, type LastNotesPages, type SidebarRecords } from './presenter';
import type { SidebarAction, SidebarStoreOp, SidebarStoreOps } from './store';

export type SidebarScreen =
  | { kind: 'nothing' }
  | { kind: 'one-on-one'; model: SidebarViewModel; callbacks: SidebarCallbacks }
  /** `key` names the event and verdict: a new one starts the compact offer collapsed. */
  | { kind: 'not-one-on-one'; props: GroupEventViewProps; key: string }
  /** The 1:1's data could not be read at all: the reason, and Reload (`label` names the landmark). */
  | { kind: 'problem'; message: string; label: string };

/** How long the sidebar waits for the sync engine to fetch an unknown event before using the page's data. */
export const REFRESH_WAIT_MS = 1_500;
/** Notices arriving together (an import, a sync pass) cause one re-read. */
const RELOAD_DELAY_MS = 60;

interface OpenMeeting {
  context: SidebarContext;
  classification: OneOnOne;
  account: string;
  settings?: Settings;
  timeZone: string;
  meeting?: Meeting;
  person?: Person;
  records?: SidebarRecords;
  lastNotes?: LastNotesPages;
  notes?: MeetingNotesController;
  sync?: MeetingSyncStatus;
  error?: string;
}

interface GroupEvent {
  context: SidebarContext;
  classification: Extract<Classification, { isOneOnOne: false }>;
}

function contextKey(context: SidebarContext | null, classification?: Classification): string {
  if (!context) return '';
  const c = classification ?? context.classification;
  return `${context.account}\n${context.pageEvent.eventId}\n${c.isOneOnOne ? `1:1\n${c.other.personId}` : 'not'}`;
}

export class SidebarController {
  private screen: SidebarScreen = { kind: 'nothing' };
  private readonly listeners = new Set<(screen: SidebarScreen) => void>();
  private generation = 0;
  private open: OpenMeeting | undefined;
  private group: GroupEvent | undefined;
  private key = '';
  private readonly recovered = new Set<string>();
  private problems: StorageProblemsView = {};
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribers: (() => void)[] = [];
  private draftStore: Promise<DraftStore> | undefined;

  /** Settles when the open meeting's records are shown (tests). */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly env: SidebarEnvironment) {}

  /** Starts listening to the dock's context, storage notices, sync changes and page hide. */
  start(): void {
    this.unsubscribers.push(this.env.subscribeContext((context) => this.setContext(context)));
    this.unsubscribers.push(this.env.channel.subscribe((message) => this.onStorageMessage(message)));
    this.unsubscribers.push(this.env.sync.subscribe((change) => this.onSyncChange(change)));
    if (this.env.lifecycle) {
      this.unsubscribers.push(
        flushOnPageHide(
          this.env.lifecycle.target,
          this.env.lifecycle.doc,
          () => this.open?.notes?.autosavers() ?? [],
          (unsent) => this.sendDrafts(unsent),
        ),
      );
    }
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.closeMeeting();
  }

  subscribe(listener: (screen: SidebarScreen) => void): () => void {
    this.listeners.add(listener);
    listener(this.screen);
    return () => this.listeners.delete(listener);
  }

  current(): SidebarScreen {
    return this.screen;
  }

  private log(message: string): void {
    (this.env.log ?? ((text: string) => console.warn(`1:1 Companion sidebar: ${text}`)))(message);
  }

  private drafts(): Promise<DraftStore> {
    this.draftStore ??= this.env.drafts();
    return this.draftStore;
  }

  /**
   * One storage operation; its notices are posted from here. Meetings whose write it queued (the
   * worker told the sync scheduler already) get their sync state shown.
   */
  private async call<Op extends SidebarStoreOp>(op: Op, account: string, args: SidebarStoreOps[Op]['args']): Promise<SidebarStoreOps[Op]['value']> {
    const reply = await this.env.store.call(op, account, args);
    for (const notice of reply.notices) this.env.channel.post(notice);
    for (const meetingId of reply.meetingsChanged) this.showSyncState(account, meetingId);
    return reply.value;
  }

  private showSyncState(account: string, meetingId: string): void {
    void this.env.sync.status(account, meetingId).then(
      (status) => {
        const open = this.open;
        if (status && open?.account === account && open.meeting?.id === meetingId) {
          open.sync = status;
          this.render();
        }
      },
      () => undefined,
    );
  }

  /**
   * The page is going away with text no save could carry now: the drafts go to the worker in
   * this turn (the message is sent before this returns), stored there by the autosaver's rules.
   */
  private sendDrafts(drafts: NoteDraft[]): void {
    const account = drafts[0]?.account;
    if (account === undefined) return;
    this.call('recoverDrafts', account, { drafts, now: this.env.now() }).catch((error: unknown) => this.log(`could not send the notes as the page closed: ${String(error)}`));
  }

  /** Saves what is typed in the open meeting now (Escape, before the dialog is asked to close). */
  saveNow(): Promise<void> {
    return this.open?.notes?.flush() ?? Promise.resolve();
  }

  // -------------------------------------------------------------------------------------------
  // Which event is open

  setContext(context: SidebarContext | null): void {
    const key = contextKey(context);
    if (key === this.key && context) {
      // The same event and verdict (the dialog re-rendered): keep everything, note the page's data.
      if (this.open) this.open.context = context;
      if (this.group) this.group.context = context;
      return;
    }
    this.show(context, context?.classification);
  }

  private show(context: SidebarContext | null, classification: Classification | undefined): void {
    this.key = contextKey(context, classification);
    this.closeMeeting();
    const generation = ++this.generation;
    if (!context || !classification) {
      this.setScreen({ kind: 'nothing' });
      return;
    }
    if (!classification.isOneOnOne) {
      this.group = { context, classification };
      this.renderGroup();
      return;
    }
    const open: OpenMeeting = { context, classification, account: context.account, timeZone: this.env.timeZone() };
    this.open = open;
    this.render();
    this.ready = this.load(open, generation).catch((error: unknown) => {
      if (generation !== this.generation) return;
      open.error = describeStorageError(error).message;
      this.log(`could not open this 1:1: ${error instanceof Error ? error.message : String(error)}`);
      this.render();
    });
  }

  private closeMeeting(): void {
    if (this.reloadTimer !== undefined) clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
    this.open?.notes?.dispose();
    this.open = undefined;
    this.group = undefined;
  }

  private async recoverDrafts(account: string): Promise<void> {
    if (this.recovered.has(account)) return;
    this.recovered.add(account);
    const drafts = await this.drafts();
    const pending = drafts.list(account);
    const now = this.env.now();
    const [recovery] = await Promise.all([
      pending.length > 0 ? this.call('recoverDrafts', account, { drafts: pending, now }) : undefined,
      this.call('rememberAccount', account, { now }),
    ]);
    for (const settled of recovery?.settled ?? []) drafts.remove(account, settled.noteId, settled.text);
  }

  private async load(open: OpenMeeting, generation: number): Promise<void> {
    const stale = () => generation !== this.generation;
    const { account } = open;
    const [settings] = await Promise.all([
      this.call('settings', account, { now: this.env.now(), fallbackZone: this.env.timeZone() }),
      this.recoverDrafts(account).catch((error: unknown) => this.log(`could not store leftover drafts: ${String(error)}`)),
    ]);
    if (stale()) return;
    open.settings = settings;
    open.timeZone = effectiveTimeZone(settings, this.env.timeZone());
    const pageEvent = open.context.pageEvent;
    const meetingId = meetingIdForEvent(account, pageEvent.eventId);
    let refreshed: Promise<MeetingSyncStatus | undefined> | undefined;
    const refresh = () => (refreshed ??= this.env.sync.refresh(account, meetingId).catch(() => undefined));
    // An event seen for the first time whose id does not say when it is: the engine (signed in)
    // fetches it, so the meeting is stored with the calendar's times; not waited for long.
    if (!splitInstanceId(pageEvent.eventId) && !(await this.call('getMeeting', account, { meetingId }))) {
      await Promise.race([refresh(), new Promise((resolve) => setTimeout(resolve, REFRESH_WAIT_MS))]);
      if (stale()) return;
    }
    const setup = await this.call('setUpMeeting', account, {
      pageEvent,
      classification: open.classification,
      selfEmails: [account, ...settings.selfAliases],
      timeZone: open.timeZone,
      now: this.env.now(),
    });
    if (stale()) return;
    open.meeting = setup.meeting;
    open.person = setup.person;
    await this.readRecords(open, generation);
    if (stale()) return;
    // Read back what another browser wrote into the event (signed in), then the line.
    void refresh().then((status) => {
      if (stale()) return;
      if (status) {
        open.sync = status;
        this.render();
      } else void this.refreshSyncStatus(open, generation);
    });
  }

  /** Reads the records shown; creates the notes boxes' autosavers the first time. */
  private async readRecords(open: OpenMeeting, generation: number): Promise<void> {
    const { meeting, person, settings, account } = open;
    if (!meeting || !person || !settings) return;
    const today = dayOf(this.env.now(), open.timeZone);
    const [records, drafts] = await Promise.all([this.call('loadRecords', account, { meeting, person, settings, today }), this.drafts()]);
    if (generation !== this.generation) return;
    open.records = records;
    open.person = records.person ?? person;
    const fresh = lastNotesPagesFrom(records.thread);
    const shown = open.lastNotes;
    // Keep the user's place when paging back; otherwise show the most recent.
    open.lastNotes =
      shown && shown.index > 0 && shown.entries[0]?.meeting.id === fresh.entries[0]?.meeting.id
        ? { ...shown, entries: [fresh.entries[0]!, ...shown.entries.slice(1)] }
        : fresh;
    if (!open.notes) {
      open.notes = new MeetingNotesController({
        account,
        save: (note) => this.call('saveNote', account, { note, now: this.env.now() }),
        meetingId: meeting.id,
        personId: person.id,
        stored: records.thread.thisMeetingNotes,
        drafts,
        onChange: () => {
          if (this.open === open) this.render();
        },
      });
    } else {
      for (const note of [records.thread.thisMeetingNotes.shared, records.thread.thisMeetingNotes.private]) {
        if (note) open.notes.receive(note);
      }
    }
    this.render();
    void this.readOlderNotes(open);
  }

  private async refreshSyncStatus(open: OpenMeeting, generation: number): Promise<void> {
    if (!open.meeting) return;
    const status = await this.env.sync.status(open.account, open.meeting.id).catch(() => undefined);
    if (generation !== this.generation) return;
    open.sync = status;
    this.render();
  }

  // -------------------------------------------------------------------------------------------
  // Changes from elsewhere

  private onStorageMessage(message: StorageMessage): void {
    const open = this.open;
    if (!open?.records || message.account !== open.account) return;
    if (message.type === 'note-saved' && open.notes?.owns(message.noteId)) {
      const generation = this.generation;
      void this.call('getNote', open.account, { noteId: message.noteId }).then(
        (note) => {
          if (generation === this.generation && note) open.notes?.receive(note);
        },
        () => undefined,
      );
      return;
    }
    this.scheduleReload();
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== undefined) clearTimeout(this.reloadTimer);
    const generation = this.generation;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      const open = this.open;
      if (open && generation === this.generation) {
        void this.readRecords(open, generation).catch((error: unknown) => this.log(`could not read again: ${String(error)}`));
      }
    }, RELOAD_DELAY_MS);
  }

  private onSyncChange(change: { account?: string; meetingIds?: string[] }): void {
    const open = this.open;
    if (!open?.meeting) return;
    if (change.account !== undefined && change.account !== open.account) return;
    if (change.meetingIds !== undefined && !change.meetingIds.includes(open.meeting.id)) return;
    void this.refreshSyncStatus(open, this.generation);
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  private setScreen(screen: SidebarScreen): void {
    this.screen = screen;
    for (const listener of this.listeners) listener(screen);
  }

  private render(): void {
    const open = this.open;
    if (!open) return;
    if (open.error !== undefined && !open.records) {
      this.setScreen({ kind: 'problem', message: open.error, label: open.context.label ?? `1:1 with ${open.classification.other.displayName}` });
      return;
    }
    const notesProblem = open.notes?.problem();
    const problems: StorageProblemsView = { ...this.problems };
    if (notesProblem) problems.saveFailed = notesProblem;
    const model = sidebarViewModel({
      other: open.classification.other,
      ...(open.records && { records: open.records }),
      ...(open.lastNotes && { lastNotes: open.lastNotes }),
      ...(open.notes && { notes: open.notes.state() }),
      ...(open.sync && { sync: open.sync }),
      storageProblems: problems,
      pageEvent: open.context.pageEvent,
      classificationReason: open.classification.reason,
      now: this.env.now(),
      timeZone: open.timeZone,
    });
    this.setScreen({ kind: 'one-on-one', model, callbacks: this.callbacks(open) });
  }

  private renderGroup(): void {
    const group = this.group;
    if (!group) return;
    const { pageEvent, account } = group.context;
    const humans = pageEvent.guests.filter((guest) => !isResourceGuest(guest));
    const others = humans.filter((guest) => guest.email !== account);
    const props: GroupEventViewProps = {
      meeting: {
        title: pageEvent.title,
        isRecurring: pageEvent.seriesId !== undefined,
        classificationReason: group.classification.reason,
        guestCount: others.length + 1,
      },
      guests: others.map((guest) => ({ email: guest.email, ...(guest.displayName !== undefined && { displayName: guest.displayName }) })),
      onOverride: (request) => void this.mark(group.context, { kind: 'set-override', event: pageEvent, request }),
      onClearOverride: (scope) => void this.mark(group.context, { kind: 'clear-override', event: pageEvent, scope }),
    };
    this.setScreen({ kind: 'not-one-on-one', props, key: this.key });
  }

  // -------------------------------------------------------------------------------------------
  // What the callbacks do

  private showProblem(reason: string): void {
    this.problems = { ...this.problems, saveFailed: { reason } };
    if (this.open) this.render();
  }

  /** Runs an action; a refusal or failure is shown in the storage banner; the view is read again. */
  private async act(open: OpenMeeting, action: SidebarAction): Promise<void> {
    try {
      const outcome = await this.call('action', open.account, { action, now: this.env.now() });
      if (!outcome.ok) {
        this.showProblem(outcome.message);
        return;
      }
      if (this.problems.saveFailed) {
        const { saveFailed: _cleared, ...rest } = this.problems;
        this.problems = rest;
      }
      if (this.open === open) this.scheduleReload();
    } catch (error) {
      this.showProblem(describeStorageError(error).message);
    }
  }

  /**
   * A mark ("not a 1:1", "treat as 1:1 with …", back to automatic): stored, then the background
   * decides again every dock showing the event or its series (this dock's size: full sidebar or
   * compact offer; other tabs), and its new context reaches this page too. The event is also
   * classified here, so the result shows even if the background's word is late.
   */
  private async mark(context: SidebarContext, action: SidebarAction): Promise<void> {
    try {
      const outcome = await this.call('action', context.account, { action, now: this.env.now() });
      if (!outcome.ok) {
        this.showProblem(outcome.message);
        return;
      }
      const shown = this.key;
      const { account, pageEvent } = context;
      const redecided = this.env.redecide?.({ account, eventId: pageEvent.eventId, ...(pageEvent.seriesId !== undefined && { seriesId: pageEvent.seriesId }) });
      const decision = await this.call('decide', account, { pageEvent });
      // Unless the background's context came first (or the dialog closed meanwhile).
      if (decision.kind === 'decided' && this.key === shown && contextKey(context, decision.classification) !== shown) {
        this.show(context, decision.classification);
      }
      await redecided;
    } catch (error) {
      this.showProblem(describeStorageError(error).message);
    }
  }

  private callbacks(open: OpenMeeting): SidebarCallbacks {
    const where = () => (open.meeting && open.person ? { meetingId: open.meeting.id, personId: open.person.id } : undefined);
    const today = () => dayOf(this.env.now(), open.timeZone);
    const act = (action: SidebarAction | undefined) => {
      if (action) void this.act(open, action);
    };
    const at = where();
    return {
      onShowOlderNotes: () => void this.showOlderNotes(open),
      onShowNewerNotes: () => {
        if (open.lastNotes && open.lastNotes.index > 0) {
          open.lastNotes = { ...open.lastNotes, index: open.lastNotes.index - 1 };
          this.render();
        }
      },
      onAddTalkingPoint: (text) => act(at && { kind: 'add-talking-point', ...at, text }),
      onSetTalkingPointDiscussed: (id, discussed) => act(at && { kind: 'set-talking-point-discussed', id, meetingId: at.meetingId, discussed }),
      onDeleteTalkingPoint: (id) => act({ kind: 'delete-talking-point', id }),
      onAddActionItem: (draft) => act(at && { kind: 'add-action-item', ...at, draft }),
      onCloseActionItem: (id) => act({ kind: 'close-action-item', id }),
      onReopenActionItem: (id) => act({ kind: 'reopen-action-item', id }),
      onUpdateActionItem: (id, draft) => act({ kind: 'update-action-item', id, draft }),
      onAddProgress: (targetId, amount) => {
        const team = open.records?.thread.targets.some((entry) => entry.target.id === targetId && entry.target.owner.kind === 'team') ?? false;
        const personId = open.person?.id;
        act({ kind: 'add-progress', targetId, amount, today: today(), ...(team && personId !== undefined && { teamPersonId: personId }) });
      },
      onOpenSettings: () => this.env.openTab(this.env.extensionUrl('/options.html#targets')),
      onSharedNotesInput: (text) => open.notes?.edit('shared', text),
      onPrivateNotesInput: (text) => open.notes?.edit('private', text),
      onOverride: (request) => void this.mark(open.context, { kind: 'set-override', event: open.context.pageEvent, request }),
      onClearOverride: (scope) => void this.mark(open.context, { kind: 'clear-override', event: open.context.pageEvent, scope }),
      onSetMarkedHeld: (held) => act(open.meeting && { kind: 'set-marked-held', meetingId: open.meeting.id, held }),
      onRetrySync: () => {
        if (open.meeting) void this.env.sync.flush(open.account, open.meeting.id).finally(() => void this.refreshSyncStatus(open, this.generation));
      },
      onSignIn: () => void this.env.sync.signIn().finally(() => void this.refreshSyncStatus(open, this.generation)),
      onRetrySave: () => {
        const { saveFailed: _cleared, ...rest } = this.problems;
        this.problems = rest;
        void open.notes?.retry();
        this.render();
      },
      onReload: () => this.env.reload(),
      onExportQuarantined: () => void this.exportQuarantined(open),
    };
  }

  private async exportQuarantined(open: OpenMeeting): Promise<void> {
    try {
      const { outcome, file } = await this.call('exportQuarantine', open.account, { now: this.env.now() });
      if (file) this.env.saveFile(file.fileName, file.text, file.mimeType);
      if (!outcome.ok) this.showProblem(outcome.message);
    } catch (error) {
      this.showProblem(describeStorageError(error).message);
    }
  }

  /** Moves to the next older notes; what is beyond is read ahead so "Older" is only offered when there is some. */
  private async showOlderNotes(open: OpenMeeting): Promise<void> {
    const pages = open.lastNotes;
    if (!pages) return;
    if (pages.index < pages.entries.length - 1) {
      open.lastNotes = { ...pages, index: pages.index + 1 };
      this.render();
    } else {
      await this.readOlderNotes(open);
      const loaded = open.lastNotes;
      if (loaded && loaded.index < loaded.entries.length - 1) open.lastNotes = { ...loaded, index: loaded.index + 1 };
      this.render();
    }
    await this.readOlderNotes(open);
  }

  /** Reads one more page of older notes when the one shown is the oldest loaded. */
  private async readOlderNotes(open: OpenMeeting): Promise<void> {
    const pages = open.lastNotes;
    if (!pages?.next || pages.index < pages.entries.length - 1) return;
    try {
      const older = await this.call('loadOlderNotes', open.account, { cursor: pages.next, limit: 1 });
      if (this.open !== open || open.lastNotes !== pages) return;
      const { next: _used, error: _old, ...rest } = pages;
      open.lastNotes = { ...rest, entries: [...pages.entries, ...older.entries], ...(older.next && { next: older.next }) };
    } catch (error) {
      if (this.open !== open || open.lastNotes !== pages) return;
      open.lastNotes = { ...pages, error: describeStorageError(error).message };
    }
    this.render();
  }
}
