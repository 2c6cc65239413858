// The sidebar's storage work as named operations on plain, JSON-safe data.
//
// Why not IndexedDB in the sidebar page itself: the sidebar is an extension page inside an iframe
// on calendar.google.com, a third-party context. Where the browser blocks third-party cookies
// (a common setting, the default in some browsers and profiles, and in Debian's Chromium), it
// denies such frames IndexedDB, localStorage and the Cache API ("The user denied permission to
// access the database"), even for an extension's own origin. Extension messaging, chrome.storage
// and BroadcastChannel keep working there. So the sidebar asks the service worker (a first-party
// context of the extension's origin) to do its reads and writes: `createLocalSidebarStore` runs
// the operations against the account's database (in the worker, and directly in Node tests), and
// store-messaging.ts carries them between the two.
//
// Every operation answers with its value and the StorageChannel notices its writes call for; the
// caller posts them from its own channel (so it does not hear itself).
//
// A change to what an event's description carries (a shared note stored, an action item changed)
// is one operation here: stored, the event's write queued in the outbox, and the sync scheduler
// told (`syncChanged`, in the worker) before the answer goes back. Nothing waits for a second
// message from the page: a page closed right after it asked has its notes written all the same.
// The answer's `meetingsChanged` only lets the page show the new sync state. Private notes are
// stored and nothing else: no outbox entry, no sync message.
import type { Meeting, Note, Person, Settings } from '../../domain/schemas';
import type { PageEvent } from '../../calendar-page/page-event';
import { decidePageEvent, type PageDecision } from '../../background/page-events';
import { createStoragePageEventProvider } from '../../background/storage-page-events';
import {
  getCurrentAccount,
  getMeeting,
  getNote,
  loadOlderNotes,
  memoryDrafts,
  recoverDrafts,
  saveNote,
  setCurrentAccount,
  type CompanionDb,
  type MeetingNotes,
  type NoteDraft,
  type OlderNotesCursor,
  type SaveNoteResult,
  type StorageMessage,
} from '../../storage';
import type { Outcome } from '../../ui/options/view-model';
import type { ActionItemDraft, OverrideRequest } from '../../ui/sidebar/view-model';
import type { ActionContext } from '../action-context';
import { exportQuarantineFile } from '../backup-actions';
import { loadOrCreateSettings } from '../settings';
import * as actions from './actions';
import { setUpMeeting, type MeetingSetup, type OneOnOne } from './meeting-setup';
import type { SidebarRecords } from './presenter';
import { loadSidebarRecords } from './sidebar-data';

/** What the user did in the sidebar that changes data (see actions.ts). */
export type SidebarAction =
  | { kind: 'add-action-item'; meetingId: string; personId: string; draft: ActionItemDraft }
  | { kind: 'update-action-item'; id: string; draft: ActionItemDraft }
  | { kind: 'close-action-item'; id: string }
  | { kind: 'reopen-action-item'; id: string }
  | { kind: 'add-talking-point'; meetingId: string; personId: string; text: string }
  | { kind: 'set-talking-point-discussed'; id: string; meetingId: string; discussed: boolean }
  | { kind: 'delete-talking-point'; id: string }
  | { kind: 'add-progress'; targetId: string; amount: number; today: string; teamPersonId?: string }
  | { kind: 'set-override'; event: actions.OverrideTarget; request: OverrideRequest }
  | { kind: 'clear-override'; event: actions.OverrideTarget; scope: 'event' | 'series' }
  | { kind: 'set-marked-held'; meetingId: string; held: boolean };

export interface SavedFile {
  fileName: string;
  text: string;
  mimeType: string;
}

/** The operations, each with its arguments (after the account) and its value. */
export interface SidebarStoreOps {
  /**
   * Stores drafts (left by pages that went away, or sent by a page as it goes) by the autosaver's
   * rules; answers which drafts are settled (stored or equal).
   */
  recoverDrafts: { args: { drafts: NoteDraft[]; now: number }; value: { restored: Note[]; settled: { noteId: string; text: string }[] } };
  /** Makes the account current when none is (the popup then shows it). */
  rememberAccount: { args: { now: number }; value: void };
  settings: { args: { now: number; fallbackZone: string }; value: Settings };
  getMeeting: { args: { meetingId: string }; value: Meeting | undefined };
  setUpMeeting: { args: { pageEvent: PageEvent; classification: OneOnOne; selfEmails: string[]; timeZone: string; now: number }; value: MeetingSetup };
  loadRecords: { args: { meeting: Meeting; person: Person; settings: Settings; today: string }; value: SidebarRecords };
  loadOlderNotes: { args: { cursor: OlderNotesCursor; limit: number }; value: { entries: MeetingNotes[]; next?: OlderNotesCursor } };
  getNote: { args: { noteId: string }; value: Note | undefined };
  saveNote: { args: { note: Note; now: number }; value: SaveNoteResult };
  action: { args: { action: SidebarAction; now: number }; value: Outcome };
  exportQuarantine: { args: { now: number }; value: { outcome: Outcome; file?: SavedFile } };
  /** Classifies the page event as the background does (after a mark). */
  decide: { args: { pageEvent: PageEvent }; value: PageDecision };
}

export type SidebarStoreOp = keyof SidebarStoreOps;

export interface StoreReply<T> {
  value: T;
  /** StorageChannel notices for the caller to post. */
  notices: StorageMessage[];
  /** Meetings whose shared part changed (already queued and the scheduler told): show their sync state. */
  meetingsChanged: string[];
}

export interface SidebarStore {
  call<Op extends SidebarStoreOp>(op: Op, account: string, args: SidebarStoreOps[Op]['args']): Promise<StoreReply<SidebarStoreOps[Op]['value']>>;
}

export const SIDEBAR_STORE_OPS: readonly SidebarStoreOp[] = [
  'recoverDrafts',
  'rememberAccount',
  'settings',
  'getMeeting',
  'setUpMeeting',
  'loadRecords',
  'loadOlderNotes',
  'getNote',
  'saveNote',
  'action',
  'exportQuarantine',
  'decide',
];

type Handler<Op extends SidebarStoreOp> = (db: CompanionDb, args: SidebarStoreOps[Op]['args'], ctx: ActionContext, account: string) => Promise<SidebarStoreOps[Op]['value']>;

function runAction(ctx: ActionContext, action: SidebarAction): Promise<Outcome> {
  switch (action.kind) {
    case 'add-action-item':
      return actions.addActionItem(ctx, action, action.draft);
    case 'update-action-item':
      return actions.updateActionItem(ctx, action.id, action.draft);
    case 'close-action-item':
      return actions.closeActionItem(ctx, action.id);
    case 'reopen-action-item':
      return actions.reopenActionItem(ctx, action.id);
    case 'add-talking-point':
      return actions.addTalkingPointForNextTime(ctx, action, action.text);
    case 'set-talking-point-discussed':
      return actions.setTalkingPointDiscussed(ctx, action.id, action.meetingId, action.discussed);
    case 'delete-talking-point':
      return actions.deleteTalkingPoint(ctx, action.id);
    case 'add-progress':
      return actions.addTodaysProgress(ctx, action);
    case 'set-override':
      return actions.setOverride(ctx, action.event, action.request);
    case 'clear-override':
      return actions.clearOverride(ctx, action.event, action.scope);
    case 'set-marked-held':
      return actions.setMarkedHeld(ctx, action.meetingId, action.held);
  }
}

/** A note was stored: other pages re-read it; a shared one queues its event's write. */
async function noteStored(ctx: ActionContext, note: Note): Promise<void> {
  // Private notes never leave IndexedDB: the notice names only ids and the revision.
  ctx.notify({ type: 'note-saved', account: note.account, noteId: note.id, meetingId: note.meetingId, revision: note.revision });
  if (note.kind === 'shared') await actions.sharedPartChanged(ctx, note.meetingId);
}

const HANDLERS: { [Op in SidebarStoreOp]: Handler<Op> } = {
  async recoverDrafts(db, { drafts, now }, ctx) {
    const store = memoryDrafts();
    for (const draft of drafts) if (draft.account === db.account) store.put(draft);
    const recovery = await recoverDrafts(db, store, now);
    for (const note of recovery.restored) await noteStored(ctx, note);
    const left = new Set(store.list(db.account).map((draft) => draft.noteId));
    return {
      restored: recovery.restored,
      settled: drafts.filter((draft) => draft.account === db.account && !left.has(draft.noteId)).map((draft) => ({ noteId: draft.noteId, text: draft.text })),
    };
  },
  async rememberAccount(db, { now }) {
    if ((await getCurrentAccount()) === undefined) await setCurrentAccount(db.account, now);
  },
  settings: (db, { now, fallbackZone }) => loadOrCreateSettings(db, now, fallbackZone),
  getMeeting: (db, { meetingId }) => getMeeting(db, meetingId),
  setUpMeeting: (db, args, ctx) => setUpMeeting({ db, ...args, now: () => ctx.now(), notify: ctx.notify }),
  loadRecords: (db, args) => loadSidebarRecords(db, args),
  loadOlderNotes: (db, { cursor, limit }) => loadOlderNotes(db, cursor, limit),
  getNote: (db, { noteId }) => getNote(db, noteId),
  async saveNote(db, { note, now }, ctx) {
    const result = await saveNote(db, note, now);
    if (result.status === 'saved') await noteStored(ctx, result.note);
    // A repeat of a save that landed (its answer was lost): queue again, in case the first did not.
    else if (result.status === 'unchanged' && result.note.kind === 'shared') await actions.sharedPartChanged(ctx, result.note.meetingId);
    return result;
  },
  action: (_db, { action }, ctx) => runAction(ctx, action),
  async exportQuarantine(_db, _args, ctx) {
    let file: SavedFile | undefined;
    const outcome = await exportQuarantineFile(ctx, (fileName, text, mimeType) => void (file = { fileName, text, mimeType }));
    return file ? { outcome, file } : { outcome };
  },
  decide: (db, { pageEvent }) => decidePageEvent(pageEvent, createStoragePageEventProvider({ openDb: async () => db, hasDb: async () => true })),
};

export interface LocalSidebarStoreOptions {
  /**
   * Tells the sync scheduler that a meeting's write is queued (the worker: the engine's
   * noteChanged, then a flush soon). Awaited before the operation answers; a failure is logged,
   * the write stays queued in the outbox.
   */
  syncChanged?: (account: string, meetingId: string) => Promise<unknown>;
  log?: (message: string) => void;
}

/**
 * Runs the operations against the account's database (the service worker's side; Node tests).
 * `openDb` should keep connections open (cachedDbOpener).
 */
export function createLocalSidebarStore(openDb: (account: string) => Promise<CompanionDb>, options: LocalSidebarStoreOptions = {}): SidebarStore {
  const log = options.log ?? ((message: string) => console.warn(`1:1 Companion: ${message}`));
  return {
    async call(op, account, args) {
      const handler = HANDLERS[op] as Handler<typeof op> | undefined;
      if (!handler) throw new Error(`unknown sidebar storage operation: ${String(op)}`);
      const db = await openDb(account);
      const notices: StorageMessage[] = [];
      const meetingsChanged: string[] = [];
      const now = (args as { now?: number }).now;
      const ctx: ActionContext = {
        db,
        now: () => now ?? Date.now(),
        notify: (message) => void notices.push(message),
        meetingChanged: (meetingId) => void meetingsChanged.push(meetingId),
      };
      const value = await handler(db, args as never, ctx, account);
      const changed = [...new Set(meetingsChanged)];
      for (const meetingId of changed) {
        await options.syncChanged?.(db.account, meetingId).catch((error: unknown) => log(`the sync engine was not told of ${meetingId}: ${String(error)}`));
      }
      return { value, notices, meetingsChanged: changed } as never;
    },
  };
}
