// The sidebar page's state, apart from Preact so it runs in Node tests: which 1:1 is open (the
// dock's context from the background), its records, the notes autosavers, the sync line, the
// storage problems; and what every callback of SidebarView / GroupEventView does.
//
// Order of work when a 1:1 opens (the landmark must show within a second; the iframe is warm):
//   1. at once: the view model from the context alone (person's name, the page's title and time),
//      every section marked loading;
//   2. the account's database (kept open across meetings), drafts left by pages that went away
//      replayed once per account (recoverDrafts), the settings;
//   3. the meeting and the person (meeting-setup.ts; asks the sync engine to fetch the event
//      first only for a non-recurring event the store does not know);
//   4. one read of everything shown (sidebar-data.ts); the notes boxes become editable;
//   5. in the background: `sync:refresh` (reads back notes another browser wrote; their notice
//      on the StorageChannel refreshes the view) and the sync line.
// Switching to another meeting or closing the dialog saves what is typed first (the autosavers'
// flush; the drafts already hold every keystroke).
import { decidePageEvent } from '../../background/page-events';
import { createStoragePageEventProvider } from '../../background/storage-page-events';
import type { Classification } from '../../domain/classify';
import { dayOf } from '../../domain/calendar-time';
import { isResourceGuest } from '../../domain/classify';
import type { Meeting, Note, Person, Settings } from '../../domain/schemas';
import type { SidebarContext } from '../../messaging/protocol';
import {
  flushOnPageHide,
  getCurrentAccount,
  getNote,
  loadOlderNotes,
  recoverDrafts,
  type CompanionDb,
  type StorageInterruption,
  type StorageMessage,
} from '../../storage';
import { describeStorageError } from '../../storage/errors';
import type { MeetingSyncStatus } from '../../sync/status';
import type { GroupEventViewProps } from '../../ui/sidebar/GroupEventView';
import type { SidebarCallbacks, SidebarViewModel, StorageProblemsView } from '../../ui/sidebar/view-model';
import type { ActionContext } from '../action-context';
import { exportQuarantineFile } from '../backup-actions';
import { effectiveTimeZone, loadOrCreateSettings } from '../settings';
import * as actions from './actions';
import type { SidebarEnvironment } from './environment';
import { setUpMeeting, type OneOnOne } from './meeting-setup';
import { MeetingNotesController } from './notes-controller';
import { lastNotesPagesFrom, sidebarViewModel, type LastNotesPages, type SidebarRecords } from './presenter';
import { loadSidebarRecords } from './sidebar-data';

export type SidebarScreen =
  | { kind: 'nothing' }
  | { kind: 'one-on-one'; model: SidebarViewModel; callbacks: SidebarCallbacks }
  | { kind: 'not-one-on-one'; props: GroupEventViewProps }
  /** Storage could not be opened at all: the reason, and Reload. */
  | { kind: 'problem'; message: string };

/** How long the sidebar waits for the sync engine to fetch an unknown event before using the page's data. */
export const REFRESH_WAIT_MS = 1_500;
/** Notices arriving together (an import, a sync pass) cause one re-read. */
const RELOAD_DELAY_MS = 60;

interface OpenMeeting {
  context: SidebarContext;
  classification: OneOnOne;
  db?: CompanionDb;
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
  db?: CompanionDb;
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
  private readonly dbs = new Map<string, Promise<CompanionDb>>();
  private readonly recovered = new Set<string>();
  private problems: StorageProblemsView = {};
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribers: (() => void)[] = [];

  constructor(private readonly env: SidebarEnvironment) {}

  /** Starts listening to the dock's context, storage notices, sync changes and page hide. */
  start(): void {
    this.unsubscribers.push(this.env.subscribeContext((context) => this.setContext(context)));
    this.unsubscribers.push(this.env.channel.subscribe((message) => this.onStorageMessage(message)));
    this.unsubscribers.push(this.env.sync.subscribe((change) => this.onSyncChange(change)));
    if (this.env.lifecycle) {
      this.unsubscribers.push(flushOnPageHide(this.env.lifecycle.target, this.env.lifecycle.doc, () => this.open?.notes?.autosavers() ?? []));
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

  /** Settles when the open meeting's records are shown (tests). */
  ready: Promise<void> = Promise.resolve();

  private log(message: string): void {
    (this.env.log ?? ((text: string) => console.warn(`1:1 Companion sidebar: ${text}`)))(message);
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
      void this.database(context.account).then(
        (db) => {
          if (generation === this.generation && this.group) this.group.db = db;
        },
        () => undefined,
      );
      return;
    }
    const open: OpenMeeting = { context, classification, timeZone: this.env.timeZone() };
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

  private database(account: string): Promise<CompanionDb> {
    const cached = this.dbs.get(account);
    if (cached) {
      return cached.then((db) => {
        if (!db.closed) return db;
        this.dbs.delete(account);
        return this.database(account);
      });
    }
    const opening = this.env.openDb(account, (interruption) => this.onInterruption(interruption));
    this.dbs.set(account, opening);
    opening.catch(() => this.dbs.delete(account));
    return opening;
  }

  private onInterruption(interruption: StorageInterruption): void {
    if (interruption.kind === 'newer-version-open') this.problems = { ...this.problems, newerVersionInOtherTab: true };
    else this.problems = { ...this.problems, saveFailed: { reason: interruption.message } };
    this.render();
  }

  private async load(open: OpenMeeting, generation: number): Promise<void> {
    const stale = () => generation !== this.generation;
    const { account } = open.context;
    const db = await this.database(account);
    if (stale()) return;
    open.db = db;
    if (!this.recovered.has(account)) {
      this.recovered.add(account);
      const recovery = await recoverDrafts(db, this.env.drafts, this.env.now()).catch(() => undefined);
      for (const note of recovery?.restored ?? []) this.announceSaved(db, note, open);
      if (this.env.rememberAccount && (await getCurrentAccount().catch(() => 'unknown')) === undefined) {
        await this.env.rememberAccount(account, this.env.now()).catch(() => undefined);
      }
      if (stale()) return;
    }
    const settings = await loadOrCreateSettings(db, this.env.now(), this.env.timeZone());
    if (stale()) return;
    open.settings = settings;
    open.timeZone = effectiveTimeZone(settings, this.env.timeZone());
    const selfEmails = [account, ...settings.selfAliases];
    let refreshed: Promise<MeetingSyncStatus | undefined> | undefined;
    const refresh = () => {
      const meetingId = `${account}|${open.context.pageEvent.eventId}`;
      refreshed ??= this.env.sync.refresh(account, meetingId).catch(() => undefined);
      return refreshed;
    };
    const setup = await setUpMeeting({
      db,
      pageEvent: open.context.pageEvent,
      classification: open.classification,
      selfEmails,
      timeZone: open.timeZone,
      now: () => this.env.now(),
      // The engine fetches the event when signed in; the page's data is used after a short wait.
      refreshFromCalendar: () => Promise.race([refresh().then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, REFRESH_WAIT_MS))]),
      notify: (message) => this.env.channel.post(message),
    });
    if (stale()) return;
    open.meeting = setup.meeting;
    open.person = setup.person;
    await this.readRecords(open, generation);
    if (stale()) return;
    // Read back what another browser wrote into the event (signed in), then the line.
    void refresh().then((status) => {
      if (stale()) return;
      if (status) open.sync = status;
      this.render();
      if (!status) void this.refreshSyncStatus(open, generation);
    });
  }

  /** Reads the records shown; creates the notes boxes' autosavers the first time. */
  private async readRecords(open: OpenMeeting, generation: number): Promise<void> {
    const { db, meeting, person, settings } = open;
    if (!db || !meeting || !person || !settings) return;
    const today = dayOf(this.env.now(), open.timeZone);
    const records = await loadSidebarRecords(db, { meeting, person, settings, today });
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
        db,
        meetingId: meeting.id,
        personId: person.id,
        stored: records.thread.thisMeetingNotes,
        drafts: this.env.drafts,
        onChange: () => {
          if (this.open === open) this.render();
        },
        onSaved: (note) => this.announceSaved(db, note, open),
      });
    } else {
      for (const note of [records.thread.thisMeetingNotes.shared, records.thread.thisMeetingNotes.private]) {
        if (note) open.notes.receive(note);
      }
    }
    this.render();
    void this.readOlderNotes(open);
  }

  /** A note was stored here: other tabs reload it; a shared one goes to the calendar event. */
  private announceSaved(db: CompanionDb, note: Note, open: OpenMeeting | undefined): void {
    this.env.channel.post({ type: 'note-saved', account: db.account, noteId: note.id, meetingId: note.meetingId, revision: note.revision });
    // Private notes never leave IndexedDB: no message names more than their id and revision.
    if (note.kind !== 'shared') return;
    const ctx = this.actionContext(db, open);
    void actions.sharedPartChanged(ctx, note.meetingId).catch((error: unknown) => this.log(`could not queue the calendar write: ${String(error)}`));
  }

  private async refreshSyncStatus(open: OpenMeeting, generation: number): Promise<void> {
    if (!open.meeting) return;
    const status = await this.env.sync.status(open.context.account, open.meeting.id).catch(() => undefined);
    if (generation !== this.generation) return;
    open.sync = status;
    this.render();
  }

  // -------------------------------------------------------------------------------------------
  // Changes from elsewhere

  private onStorageMessage(message: StorageMessage): void {
    const open = this.open;
    if (!open?.db || message.account !== open.db.account) return;
    if (message.type === 'note-saved' && open.notes?.owns(message.noteId)) {
      const generation = this.generation;
      void getNote(open.db, message.noteId).then(
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
    if (change.account !== undefined && change.account !== open.context.account) return;
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
      this.setScreen({ kind: 'problem', message: open.error });
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
    const self = new Set([account]);
    const humans = pageEvent.guests.filter((guest) => !isResourceGuest(guest));
    const others = humans.filter((guest) => !self.has(guest.email));
    const props: GroupEventViewProps = {
      meeting: {
        title: pageEvent.title,
        isRecurring: pageEvent.seriesId !== undefined,
        classificationReason: group.classification.reason,
        guestCount: others.length + 1,
      },
      guests: others.map((guest) => ({ email: guest.email, ...(guest.displayName !== undefined && { displayName: guest.displayName }) })),
      onOverride: (request) => void this.mark(group.context, (ctx) => actions.setOverride(ctx, pageEvent, request)),
      onClearOverride: (scope) => void this.mark(group.context, (ctx) => actions.clearOverride(ctx, pageEvent, scope)),
    };
    this.setScreen({ kind: 'not-one-on-one', props });
  }

  // -------------------------------------------------------------------------------------------
  // What the callbacks do

  private actionContext(db: CompanionDb, open: OpenMeeting | undefined): ActionContext {
    return {
      db,
      now: () => this.env.now(),
      notify: (message) => {
        this.env.channel.post(message);
        if (open && this.open === open) this.scheduleReload();
      },
      meetingChanged: (meetingId) => {
        void this.env.sync.changed(db.account, meetingId).then((status) => {
          if (status && open && this.open === open && open.meeting?.id === meetingId) {
            open.sync = status;
            this.render();
          }
        });
      },
    };
  }

  /** Runs an action; a refusal or failure is shown in the storage banner. */
  private run(open: OpenMeeting, action: (ctx: ActionContext) => Promise<{ ok: boolean; message?: string }>): Promise<void> {
    const db = open.db;
    if (!db) return Promise.resolve();
    return action(this.actionContext(db, open)).then(
      (outcome) => {
        if (!outcome.ok && outcome.message) {
          this.problems = { ...this.problems, saveFailed: { reason: outcome.message } };
          this.render();
        } else if (outcome.ok && this.problems.saveFailed) {
          const { saveFailed: _cleared, ...rest } = this.problems;
          this.problems = rest;
          this.render();
        }
      },
      (error: unknown) => {
        this.problems = { ...this.problems, saveFailed: { reason: describeStorageError(error).message } };
        this.render();
      },
    );
  }

  /**
   * A mark ("not a 1:1", "treat as 1:1 with …", back to automatic): stored, then the event is
   * classified again here (as the background will next time) and the sidebar shows the result.
   */
  private async mark(context: SidebarContext, write: (ctx: ActionContext) => Promise<{ ok: boolean; message?: string }>): Promise<void> {
    const db = this.open?.db ?? this.group?.db ?? (await this.database(context.account));
    const outcome = await write(this.actionContext(db, undefined));
    if (!outcome.ok) {
      this.problems = { ...this.problems, saveFailed: { reason: outcome.message ?? 'not saved' } };
      this.render();
      return;
    }
    const provider = createStoragePageEventProvider({ openDb: async () => db, hasDb: async () => true });
    const decision = await decidePageEvent(context.pageEvent, provider);
    // Until the next context from the background (which decides the same way from now on).
    if (decision.kind === 'decided') this.show(context, decision.classification);
  }

  private callbacks(open: OpenMeeting): SidebarCallbacks {
    const where = () => (open.meeting && open.person ? { meetingId: open.meeting.id, personId: open.person.id } : undefined);
    const withWhere = (action: (ctx: ActionContext, at: { meetingId: string; personId: string }) => Promise<{ ok: boolean; message?: string }>) => {
      const at = where();
      if (at) void this.run(open, (ctx) => action(ctx, at));
    };
    const today = () => dayOf(this.env.now(), open.timeZone);
    return {
      onShowOlderNotes: () => void this.showOlderNotes(open),
      onShowNewerNotes: () => {
        if (open.lastNotes && open.lastNotes.index > 0) {
          open.lastNotes = { ...open.lastNotes, index: open.lastNotes.index - 1 };
          this.render();
        }
      },
      onAddTalkingPoint: (text) => withWhere((ctx, at) => actions.addTalkingPointForNextTime(ctx, at, text)),
      onSetTalkingPointDiscussed: (id, discussed) => withWhere((ctx, at) => actions.setTalkingPointDiscussed(ctx, id, at.meetingId, discussed)),
      onDeleteTalkingPoint: (id) => void this.run(open, (ctx) => actions.deleteTalkingPoint(ctx, id)),
      onAddActionItem: (draft) => withWhere((ctx, at) => actions.addActionItem(ctx, at, draft)),
      onCloseActionItem: (id) => void this.run(open, (ctx) => actions.closeActionItem(ctx, id)),
      onReopenActionItem: (id) => void this.run(open, (ctx) => actions.reopenActionItem(ctx, id)),
      onUpdateActionItem: (id, draft) => void this.run(open, (ctx) => actions.updateActionItem(ctx, id, draft)),
      onAddProgress: (targetId, amount) => {
        const team = open.records?.thread.targets.some((entry) => entry.target.id === targetId && entry.target.owner.kind === 'team') ?? false;
        const personId = open.person?.id;
        void this.run(open, (ctx) =>
          actions.addTodaysProgress(ctx, { targetId, amount, today: today(), ...(team && personId !== undefined && { teamPersonId: personId }) }),
        );
      },
      onOpenSettings: () => this.env.openTab(this.env.extensionUrl('/options.html#targets')),
      onSharedNotesInput: (text) => open.notes?.edit('shared', text),
      onPrivateNotesInput: (text) => open.notes?.edit('private', text),
      onOverride: (request) => void this.mark(open.context, (ctx) => actions.setOverride(ctx, open.context.pageEvent, request)),
      onClearOverride: (scope) => void this.mark(open.context, (ctx) => actions.clearOverride(ctx, open.context.pageEvent, scope)),
      onSetMarkedHeld: (held) => {
        const meetingId = open.meeting?.id;
        if (meetingId !== undefined) void this.run(open, (ctx) => actions.setMarkedHeld(ctx, meetingId, held));
      },
      onRetrySync: () => {
        if (open.meeting) void this.env.sync.flush(open.context.account, open.meeting.id).finally(() => void this.refreshSyncStatus(open, this.generation));
      },
      onSignIn: () => void this.env.sync.signIn().finally(() => void this.refreshSyncStatus(open, this.generation)),
      onRetrySave: () => {
        const { saveFailed: _cleared, ...rest } = this.problems;
        this.problems = rest;
        void open.notes?.retry();
        this.render();
      },
      onReload: () => this.env.reload(),
      onExportQuarantined: () => void this.run(open, (ctx) => exportQuarantineFile(ctx, this.env.saveFile)),
    };
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
    if (!pages?.next || !open.db || pages.index < pages.entries.length - 1) return;
    try {
      const older = await loadOlderNotes(open.db, pages.next, 1);
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
