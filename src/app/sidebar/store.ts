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
// caller posts them from its own channel (so it does not hear itself) and tells the sync engine
// about `meetingsChanged`.
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
  | { kind: 'set-marked-held'; meetingId: string; held: boolean }
  /** A shared note was saved: queue the event's write. */
  | { kind: 'shared-part-changed'; meetingId: string };

export interface SavedFile {
  fileName: string;
  text: string;
  mimeType: string;
}

/** The operations, each with its arguments (after the account) and its value. */
export interface SidebarStoreOps {
  /** Stores drafts left by pages that went away; answers which drafts are settled (stored or equal). */
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
  /** Meetings whose shared part changed: tell the sync engine. */
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
    case 'shared-part-changed':
      return actions.sharedPartChanged(ctx, action.meetingId).then(() => ({ ok: true as const }));
  }
}

const HANDLERS: { [Op in SidebarStoreOp]: Handler<Op> } = {
  async recoverDrafts(db, { drafts, now }) {
    const store = memoryDrafts();
    for (const draft of drafts) if (draft.account === db.account) store.put(draft);
    const recovery = await recoverDrafts(db, store, now);
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
  saveNote: (db, { note, now }) => saveNote(db, note, now),
  action: (_db, { action }, ctx) => runAction(ctx, action),
  async exportQuarantine(_db, _args, ctx) {
    let file: SavedFile | undefined;
    const outcome = await exportQuarantineFile(ctx, (fileName, text, mimeType) => void (file = { fileName, text, mimeType }));
    return file ? { outcome, file } : { outcome };
  },
  decide: (db, { pageEvent }) => decidePageEvent(pageEvent, createStoragePageEventProvider({ openDb: async () => db, hasDb: async () => true })),
};

/**
 * Runs the operations against the account's database (the service worker's side; Node tests).
 * `openDb` should keep connections open (cachedDbOpener).
 */
export function createLocalSidebarStore(openDb: (account: string) => Promise<CompanionDb>): SidebarStore {
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
      return { value, notices, meetingsChanged } as never;
    },
  };
}
