// The sidebar page's controller with fakes for the browser (fake-indexeddb, an in-memory
// BroadcastChannel between "tabs", a scripted sync engine): what shows when, what is stored, what
// is sent where, and that private notes go nowhere but IndexedDB.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SidebarEnvironment, SidebarSyncClient } from '../../../src/app/sidebar/environment';
import { SidebarController, type SidebarScreen } from '../../../src/app/sidebar/sidebar-controller';
import { createLocalSidebarStore, type SidebarStore } from '../../../src/app/sidebar/store';
import { answerStoreMessage, remoteSidebarStore } from '../../../src/app/sidebar/store-messaging';
import { cachedDbOpener } from '../../../src/background/storage-page-events';
import type { PageEvent, PageGuest } from '../../../src/calendar-page/page-event';
import type { Classification } from '../../../src/domain/classify';
import { noteId, type Note } from '../../../src/domain/schemas';
import type { SidebarContext } from '../../../src/messaging/protocol';
import {
  deleteCompanionDb,
  getMeeting,
  getNote,
  getOutboxEntry,
  getPerson,
  listOverrides,
  memoryDrafts,
  openCompanionDb,
  putMeetings,
  putPerson,
  putRecords,
  StorageChannel,
  type BroadcastPort,
  type CompanionDb,
  type DraftStore,
} from '../../../src/storage';
import type { MeetingSyncStatus } from '../../../src/sync/status';
import { ACCOUNT, meeting, person } from '../fixtures';

const me: PageGuest = { email: ACCOUNT, displayName: 'Sam Lee', organizer: true, resource: false };
const dana: PageGuest = { email: 'dana@example.com', displayName: 'Dana Reyes', organizer: false, resource: false };
const ari: PageGuest = { email: 'ari@example.com', displayName: 'Ari Stone', organizer: false, resource: false };
const PRIVATE = 'PRIVATE-7f3a: worried about burnout';

function pageEvent(overrides: Partial<PageEvent> = {}): PageEvent {
  return {
    eid: 'eid',
    eventId: 'evt1',
    calendarId: ACCOUNT,
    title: '1:1 Dana / Sam',
    timeText: 'Wednesday, March 18⋅3:00 – 3:30pm',
    guests: [me, dana],
    guestsComplete: true,
    accountEmail: ACCOUNT,
    accountIndex: 0,
    surface: 'dialog',
    ...overrides,
  };
}
const danaOneOnOne: Classification = { isOneOnOne: true, reason: 'two-human-guests', other: { email: 'dana@example.com', displayName: 'Dana Reyes', personId: 'email:dana@example.com' } };
const context = (overrides: Partial<SidebarContext> = {}): SidebarContext => ({ account: ACCOUNT, pageEvent: pageEvent(), classification: danaOneOnOne, label: '1:1 with Dana Reyes', ...overrides });

/** BroadcastChannel between the fake tabs (and a recorder of everything posted). */
class ChannelHub {
  readonly posted: unknown[] = [];
  private readonly ports = new Set<{ listeners: Set<(event: MessageEvent) => void> }>();
  port(): BroadcastPort {
    const self = { listeners: new Set<(event: MessageEvent) => void>() };
    this.ports.add(self);
    return {
      postMessage: (message) => {
        this.posted.push(message);
        for (const other of this.ports) if (other !== self) for (const listener of other.listeners) setTimeout(() => listener({ data: message } as MessageEvent), 0);
      },
      addEventListener: (_type, listener) => void self.listeners.add(listener),
      removeEventListener: (_type, listener) => void self.listeners.delete(listener),
      close: () => void this.ports.delete(self),
    };
  }
}

interface FakeTab {
  controller: SidebarController;
  screens: SidebarScreen[];
  setContext(context: SidebarContext | null): void;
  syncCalls: { type: string; args: unknown[] }[];
  syncChange(change: { account?: string; meetingIds?: string[] }): void;
  env: SidebarEnvironment;
}

let hub: ChannelHub;
let drafts: DraftStore;
let now: number;
const tabs: FakeTab[] = [];
const openedDbs: CompanionDb[] = [];

/**
 * The store as the worker runs it, reached through a JSON round trip (Chrome serialises messages
 * as JSON); `syncChanged` is what the worker tells its sync scheduler.
 */
function loopbackStore(syncChanged?: (account: string, meetingId: string) => Promise<unknown>): SidebarStore {
  const open = cachedDbOpener();
  const local = createLocalSidebarStore(async (account) => {
    const opened = await open(account);
    openedDbs.push(opened);
    return opened;
  }, { ...(syncChanged && { syncChanged }), log: () => {} });
  return remoteSidebarStore(async (message) => JSON.parse(JSON.stringify(await answerStoreMessage(local, JSON.parse(JSON.stringify(message))))));
}

function tab(options: { status?: MeetingSyncStatus; refresh?: (account: string, meetingId: string) => Promise<MeetingSyncStatus | undefined>; store?: SidebarStore; lifecycle?: SidebarEnvironment['lifecycle'] } = {}): FakeTab {
  let contextListener: ((context: SidebarContext | null) => void) | undefined;
  let syncListener: ((change: { account?: string; meetingIds?: string[] }) => void) | undefined;
  const syncCalls: FakeTab['syncCalls'] = [];
  // 'worker-changed': the worker's store told the sync scheduler (the page sends no such message).
  const store = options.store ?? loopbackStore(async (...args) => void syncCalls.push({ type: 'worker-changed', args }));
  const sync: SidebarSyncClient = {
    status: async (...args) => (syncCalls.push({ type: 'status', args }), options.status),
    refresh: async (...args) => (syncCalls.push({ type: 'refresh', args }), options.refresh ? options.refresh(...args) : options.status),
    flush: async (...args) => void syncCalls.push({ type: 'flush', args }),
    signIn: async () => void syncCalls.push({ type: 'sign-in', args: [] }),
    subscribe: (listener) => {
      syncListener = listener;
      return () => (syncListener = undefined);
    },
  };
  const env: SidebarEnvironment = {
    now: () => now,
    timeZone: () => 'UTC',
    channel: new StorageChannel(hub.port()),
    sync,
    drafts: async () => drafts,
    store,
    subscribeContext: (listener) => {
      contextListener = listener;
      return () => (contextListener = undefined);
    },
    openTab: () => {},
    extensionUrl: (path) => `chrome-extension://test${path}`,
    saveFile: () => {},
    reload: () => {},
    log: () => {},
    ...(options.lifecycle && { lifecycle: options.lifecycle }),
  };
  const controller = new SidebarController(env);
  const screens: SidebarScreen[] = [];
  controller.subscribe((screen) => screens.push(screen));
  controller.start();
  const fake: FakeTab = {
    controller,
    screens,
    setContext: (c) => contextListener?.(c),
    syncCalls,
    syncChange: (change) => syncListener?.(change),
    env,
  };
  tabs.push(fake);
  return fake;
}

async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what = 'a condition', timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function oneOnOne(t: FakeTab) {
  const screen = t.controller.current();
  if (screen.kind !== 'one-on-one') throw new Error(`expected the 1:1 sidebar, got ${screen.kind}`);
  return screen;
}

let db: CompanionDb;
beforeEach(async () => {
  await deleteCompanionDb(ACCOUNT);
  db = await openCompanionDb(ACCOUNT);
  hub = new ChannelHub();
  drafts = memoryDrafts();
  now = Date.UTC(2026, 2, 18, 15, 5);
});
afterEach(() => {
  for (const t of tabs.splice(0)) t.controller.stop();
  for (const opened of openedDbs.splice(0)) opened.close();
  db.close();
});

describe('opening a 1:1', () => {
  it('shows the landmark at once with every section loading, then fills it from storage', async () => {
    const t = tab({ status: { kind: 'saved-locally' } });
    t.setContext(context());
    const first = oneOnOne(t);
    expect(first.model.person.displayName).toBe('Dana Reyes');
    expect(first.model.lastNotes).toEqual({ state: 'loading' });
    expect(first.model.notes.loading).toBe(true);
    await t.controller.ready;
    const loaded = oneOnOne(t);
    expect(loaded.model.notes.loading).toBeUndefined();
    expect(loaded.model.lastNotes).toEqual({ state: 'none' });
    expect(loaded.model.meeting).toMatchObject({ title: '1:1 Dana / Sam', day: '2026-03-18', timeText: '15:00–15:30' });
    expect(await getMeeting(db, `${ACCOUNT}|evt1`)).toMatchObject({ start: Date.UTC(2026, 2, 18, 15), personId: 'email:dana@example.com', source: 'calendar' });
    expect(await getPerson(db, 'email:dana@example.com')).toMatchObject({ relationship: 'direct', relationshipSource: 'suggested' });
    // Asked the engine to fetch the event first (a non-recurring event it did not know).
    expect(t.syncCalls[0]).toEqual({ type: 'refresh', args: [ACCOUNT, `${ACCOUNT}|evt1`] });
  });

  it('shows the last notes of an earlier 1:1; "Older" only when there are older ones', async () => {
    const danaPerson = person('dana@example.com', { displayName: 'Dana Reyes' });
    const earlier = meeting(danaPerson.id, Date.UTC(2026, 2, 11, 15), { eventId: 'evt-earlier', title: 'Last week' });
    await putPerson(db, danaPerson);
    await putMeetings(db, [earlier]);
    const shared: Note = { account: ACCOUNT, id: noteId(earlier.id, 'shared'), meetingId: earlier.id, personId: danaPerson.id, kind: 'shared', text: 'Agreed the hiring plan', updatedAt: 1, revision: 1 };
    await putRecords(db, 'notes', [shared]);
    const t = tab();
    t.setContext(context());
    await t.controller.ready;
    const lastNotes = await until(() => {
      const view = oneOnOne(t).model.lastNotes;
      return view.state === 'loaded' && !view.hasOlder ? view : undefined;
    }, 'the older notes read ahead');
    expect(lastNotes).toMatchObject({ day: '2026-03-11', sharedText: 'Agreed the hiring plan', hasNewer: false });
  });

  it('a meeting the engine learnt while the sidebar waited is used (signed in)', async () => {
    const learnt = meeting('email:dana@example.com', Date.UTC(2026, 2, 19, 9), { eventId: 'evt1', title: 'Dana / Sam (API)' });
    const t = tab({
      refresh: async () => {
        await putMeetings(db, [learnt]);
        return { kind: 'synced', at: now };
      },
    });
    t.setContext(context());
    await t.controller.ready;
    expect(oneOnOne(t).model.meeting).toMatchObject({ title: 'Dana / Sam (API)', day: '2026-03-19' });
    await until(() => oneOnOne(t).model.sync.kind === 'synced', 'the sync line');
  });
});

describe('typing', () => {
  it('saves both boxes without any action; only the shared one tells the sync engine; private text is never sent', async () => {
    const t = tab({ status: { kind: 'saved-locally' } });
    t.setContext(context());
    await t.controller.ready;
    oneOnOne(t).callbacks.onSharedNotesInput('Hiring plan agreed');
    oneOnOne(t).callbacks.onPrivateNotesInput(PRIVATE);
    expect(oneOnOne(t).model.notes).toMatchObject({ sharedText: 'Hiring plan agreed', privateText: PRIVATE, sharedSaveState: { kind: 'saving' } });
    await until(async () => (await getNote(db, noteId(`${ACCOUNT}|evt1`, 'private')))?.text === PRIVATE, 'the private note stored');
    await until(async () => (await getNote(db, noteId(`${ACCOUNT}|evt1`, 'shared')))?.text === 'Hiring plan agreed', 'the shared note stored');
    await until(() => t.syncCalls.some((call) => call.type === 'worker-changed'), 'the scheduler told');
    expect(t.syncCalls.filter((call) => call.type === 'worker-changed')).toEqual([{ type: 'worker-changed', args: [ACCOUNT, `${ACCOUNT}|evt1`] }]);
    expect(await getOutboxEntry(db, 'evt1')).toMatchObject({ pending: true, meetingId: `${ACCOUNT}|evt1` });
    await until(() => oneOnOne(t).model.notes.privateSaveState.kind === 'saved', 'saved');
    expect(JSON.stringify([hub.posted, t.syncCalls])).not.toContain('PRIVATE-7f3a');
    expect(hub.posted).toContainEqual(expect.objectContaining({ type: 'note-saved', noteId: noteId(`${ACCOUNT}|evt1`, 'private') }));
  });

  it('a shared note\'s save is one message: stored, its event queued and the scheduler told before it answers; the page sends nothing else for it', async () => {
    const told: unknown[][] = [];
    const worker = loopbackStore(async (...args) => void told.push(args));
    const sent: string[] = [];
    const atAnswer: { queued: boolean; told: number }[] = [];
    const store: SidebarStore = {
      call: async (op, account, args) => {
        sent.push(op);
        const reply = await worker.call(op, account, args);
        if (op === 'saveNote') atAnswer.push({ queued: (await getOutboxEntry(db, 'evt1'))?.pending === true, told: told.length });
        return reply;
      },
    };
    const t = tab({ store, status: { kind: 'saved-locally' } });
    t.setContext(context());
    await t.controller.ready;
    sent.length = 0;
    oneOnOne(t).callbacks.onSharedNotesInput('One round trip');
    await t.controller.saveNow();
    await until(() => oneOnOne(t).model.notes.sharedSaveState.kind === 'saved', 'saved');
    expect(sent).toEqual(['saveNote']);
    expect(atAnswer).toEqual([{ queued: true, told: 1 }]);
    expect(told).toEqual([[ACCOUNT, `${ACCOUNT}|evt1`]]);
    // The page asks only for the state to show.
    expect(t.syncCalls.filter((call) => call.type !== 'status' && call.type !== 'refresh')).toEqual([]);
  });

  it('a private note is stored and nothing more: no outbox entry, no word to the scheduler', async () => {
    const told: unknown[][] = [];
    const t = tab({ store: loopbackStore(async (...args) => void told.push(args)) });
    t.setContext(context());
    await t.controller.ready;
    oneOnOne(t).callbacks.onPrivateNotesInput(PRIVATE);
    await t.controller.saveNow();
    expect(await getNote(db, noteId(`${ACCOUNT}|evt1`, 'private'))).toMatchObject({ text: PRIVATE });
    expect(told).toEqual([]);
    expect(await getOutboxEntry(db, 'evt1')).toBeUndefined();
  });

  describe('the page going away right after typing (the tab or the browser closing)', () => {
    function lifecycle() {
      const target = new EventTarget();
      const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
      return { target, doc, pagehide: () => target.dispatchEvent(new Event('pagehide')) };
    }

    it('the save is sent inside the pagehide handler, and lands queued with no answer awaited', async () => {
      const told: unknown[][] = [];
      const worker = loopbackStore(async (...args) => void told.push(args));
      const sent: { op: string; args: unknown }[] = [];
      const store: SidebarStore = { call: (op, account, args) => (sent.push({ op, args }), worker.call(op, account, args)) };
      const page = lifecycle();
      const t = tab({ store, lifecycle: { target: page.target, doc: page.doc as never } });
      t.setContext(context());
      await t.controller.ready;
      sent.length = 0;
      oneOnOne(t).callbacks.onSharedNotesInput('Tab closed at once');
      page.pagehide();
      expect(sent).toEqual([{ op: 'saveNote', args: expect.objectContaining({ note: expect.objectContaining({ text: 'Tab closed at once', kind: 'shared' }) }) }]);
      t.controller.stop();
      await until(async () => (await getNote(db, noteId(`${ACCOUNT}|evt1`, 'shared')))?.text === 'Tab closed at once', 'the note stored');
      await until(async () => (await getOutboxEntry(db, 'evt1'))?.pending === true && told.length === 1, 'the event queued and the scheduler told');
    });

    it('with a save still running, the newer text goes to the worker as a draft in the handler and wins over the running save', async () => {
      const told: unknown[][] = [];
      const worker = loopbackStore(async (...args) => void told.push(args));
      const sent: { op: string; args: unknown }[] = [];
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let firstSaveDone: () => void = () => {};
      const firstSaved = new Promise<void>((resolve) => (firstSaveDone = resolve));
      let saves = 0;
      const store: SidebarStore = {
        call: (op, account, args) => {
          sent.push({ op, args });
          if (op === 'saveNote' && saves++ === 0) return held.then(() => worker.call(op, account, args)).finally(firstSaveDone);
          // The draft arrives after the running save landed: the later-typed text must still win.
          if (op === 'recoverDrafts' && saves > 0) return firstSaved.then(() => worker.call(op, account, args));
          return worker.call(op, account, args);
        },
      };
      const page = lifecycle();
      const t = tab({ store, lifecycle: { target: page.target, doc: page.doc as never } });
      t.setContext(context());
      await t.controller.ready;
      sent.length = 0;
      oneOnOne(t).callbacks.onSharedNotesInput('Browser closed');
      void t.controller.saveNow();
      await new Promise((resolve) => setTimeout(resolve, 5));
      oneOnOne(t).callbacks.onSharedNotesInput('Browser closed at once');
      page.pagehide();
      expect(sent.map((entry) => entry.op)).toEqual(['saveNote', 'recoverDrafts']);
      expect(sent[1]!.args).toMatchObject({ drafts: [{ text: 'Browser closed at once', kind: 'shared', baseRevision: 0 }] });
      t.controller.stop();
      release();
      await until(async () => (await getNote(db, noteId(`${ACCOUNT}|evt1`, 'shared')))?.text === 'Browser closed at once', 'the later text stored');
      await until(async () => (await getOutboxEntry(db, 'evt1'))?.pending === true, 'the event queued');
      expect(told.length).toBeGreaterThan(0);
    });
  });

  it('closing the dialog (no context) saves what was just typed', async () => {
    const t = tab();
    t.setContext(context());
    await t.controller.ready;
    oneOnOne(t).callbacks.onSharedNotesInput('typed and closed at once');
    t.setContext(null);
    expect(t.controller.current()).toEqual({ kind: 'nothing' });
    await until(async () => (await getNote(db, noteId(`${ACCOUNT}|evt1`, 'shared')))?.text === 'typed and closed at once', 'the note stored');
  });

  it('a page that went away before its save landed: the next sidebar stores the draft first and shows it', async () => {
    const working = loopbackStore();
    // The first page's saves never arrive (the worker was gone, the page was torn down).
    const lost: SidebarStore = { call: (op, account, args) => (op === 'saveNote' ? new Promise(() => {}) : working.call(op, account, args)) };
    const first = tab({ store: lost });
    first.setContext(context());
    await first.controller.ready;
    oneOnOne(first).callbacks.onPrivateNotesInput('typed just before the crash');
    await new Promise((resolve) => setTimeout(resolve, 400));
    first.controller.stop();
    expect(await getNote(db, noteId(`${ACCOUNT}|evt1`, 'private'))).toBeUndefined();
    expect(drafts.list(ACCOUNT).map((d) => d.text)).toEqual(['typed just before the crash']);

    const next = tab();
    next.setContext(context());
    await next.controller.ready;
    expect(oneOnOne(next).model.notes.privateText).toBe('typed just before the crash');
    expect(await getNote(db, noteId(`${ACCOUNT}|evt1`, 'private'))).toMatchObject({ text: 'typed just before the crash' });
    expect(drafts.list(ACCOUNT)).toEqual([]);
  });

  it('two tabs on the same meeting see each other\'s saved text', async () => {
    const a = tab();
    const b = tab();
    a.setContext(context());
    b.setContext(context());
    await Promise.all([a.controller.ready, b.controller.ready]);
    oneOnOne(a).callbacks.onSharedNotesInput('written in tab A');
    await until(() => oneOnOne(b).model.notes.sharedText === 'written in tab A', 'tab B shows A\'s text');
    oneOnOne(b).callbacks.onSharedNotesInput('written in tab A, then B');
    await until(() => oneOnOne(a).model.notes.sharedText === 'written in tab A, then B', 'tab A shows B\'s text');
  });

  it('an action item added here reaches the other tab and the sync engine', async () => {
    const a = tab();
    const b = tab();
    a.setContext(context());
    b.setContext(context());
    await Promise.all([a.controller.ready, b.controller.ready]);
    oneOnOne(a).callbacks.onAddActionItem({ text: 'Send the deck', owner: 'me' });
    await until(() => oneOnOne(b).model.actionItems.open.some((item) => item.text === 'Send the deck'), 'the item in tab B');
    await until(() => a.syncCalls.some((call) => call.type === 'worker-changed'), 'the scheduler told');
    expect(a.syncCalls).toContainEqual({ type: 'worker-changed', args: [ACCOUNT, `${ACCOUNT}|evt1`] });
    expect(await getOutboxEntry(db, 'evt1')).toMatchObject({ pending: true });
    const id = oneOnOne(b).model.actionItems.open[0]!.id;
    oneOnOne(b).callbacks.onCloseActionItem(id);
    await until(() => oneOnOne(a).model.actionItems.open.length === 0, 'closed in tab A');
  });
});

describe('the user\'s marks', () => {
  it('"Not a 1:1" shows why and offers automatic detection again, which brings the 1:1 back', async () => {
    const t = tab();
    t.setContext(context());
    await t.controller.ready;
    oneOnOne(t).callbacks.onOverride({ scope: 'event', isOneOnOne: false });
    const group = await until(() => {
      const screen = t.controller.current();
      return screen.kind === 'not-one-on-one' ? screen : undefined;
    }, 'the not-a-1:1 view');
    expect(group.props.meeting.classificationReason).toBe('unmarked-event');
    group.props.onClearOverride('event');
    await until(() => t.controller.current().kind === 'one-on-one', 'the 1:1 again');
  });

  it('a group event: "Treat as 1:1 with …" opens the sidebar for that guest', async () => {
    const t = tab();
    const groupEvent = pageEvent({ eventId: 'grp1', title: 'Planning', guests: [me, dana, ari] });
    t.setContext(context({ pageEvent: groupEvent, classification: { isOneOnOne: false, reason: 'not-one-on-one', detail: '3 people are invited' } }));
    const screen = t.controller.current();
    if (screen.kind !== 'not-one-on-one') throw new Error(screen.kind);
    expect(screen.props.meeting.guestCount).toBe(3);
    expect(screen.props.guests.map((g) => g.email)).toEqual(['dana@example.com', 'ari@example.com']);
    screen.props.onOverride({ scope: 'event', isOneOnOne: true, personEmail: 'ari@example.com' });
    const opened = await until(() => {
      const current = t.controller.current();
      return current.kind === 'one-on-one' ? current : undefined;
    }, 'the 1:1 sidebar for Ari');
    expect(opened.model.person.displayName).toBe('Ari Stone');
    await t.controller.ready;
    expect(await getMeeting(db, `${ACCOUNT}|grp1`)).toMatchObject({ personId: 'email:ari@example.com', isOneOnOne: true, classificationReason: 'marked-event' });
  });
});

describe('the user\'s marks reach every dock showing the event', () => {
  it('once the mark is stored, asks the background to decide the event (and its series) again', async () => {
    const t = tab();
    const series = pageEvent({ eventId: 'wk1_20260318T150000Z', seriesId: 'wk1', title: 'Dana / Sam weekly' });
    t.setContext(context({ pageEvent: series }));
    await t.controller.ready;
    const asked: { request: unknown; storedMarks: unknown[] }[] = [];
    t.env.redecide = async (request) => void asked.push({ request, storedMarks: await listOverrides(db) });
    oneOnOne(t).callbacks.onOverride({ scope: 'series', isOneOnOne: false });
    await until(() => asked.length === 1, 'the re-decision request');
    expect(asked[0]).toEqual({
      request: { account: ACCOUNT, eventId: 'wk1_20260318T150000Z', seriesId: 'wk1' },
      storedMarks: [expect.objectContaining({ scope: 'series', targetId: 'wk1', isOneOnOne: false })],
    });
    await until(() => t.controller.current().kind === 'not-one-on-one', 'the offer');
  });

  it('the background\'s new context coming first is not shown twice (no reload of the same screen)', async () => {
    const t = tab();
    const groupEvent = pageEvent({ eventId: 'grp1', title: 'Planning', guests: [me, dana, ari] });
    const groupContext = context({ pageEvent: groupEvent, classification: { isOneOnOne: false, reason: 'not-one-on-one', detail: '3 people are invited' } });
    t.setContext(groupContext);
    const ariOneOnOne: Classification = { isOneOnOne: true, reason: 'marked-event', other: { email: 'ari@example.com', displayName: 'Ari Stone', personId: 'email:ari@example.com' } };
    // As the hub does: the new context is pushed to this sidebar while it decides the docks again.
    t.env.redecide = async () => t.setContext({ ...groupContext, classification: ariOneOnOne, label: '1:1 with Ari Stone' });
    let decided!: () => void;
    const decidedHere = new Promise<void>((resolve) => (decided = resolve));
    const store = t.env.store;
    t.env.store = {
      call: async (op, account, args) => {
        const reply = await store.call(op, account, args);
        if (op === 'decide') setTimeout(decided, 0);
        return reply;
      },
    };
    const screen = t.controller.current();
    if (screen.kind !== 'not-one-on-one') throw new Error(screen.kind);
    screen.props.onOverride({ scope: 'event', isOneOnOne: true, personEmail: 'ari@example.com' });
    await decidedHere;
    await t.controller.ready;
    const opened = t.screens.filter((shown) => shown.kind === 'one-on-one');
    expect(opened.length).toBeGreaterThan(0);
    // One 1:1 opened (its first screen has every section loading), not two.
    expect(opened.filter((shown) => shown.kind === 'one-on-one' && shown.model.notes.loading === true)).toHaveLength(1);
    expect(oneOnOne(t).model.person.displayName).toBe('Ari Stone');
  });

  it('a new group event starts the offer afresh (its screen key changes)', () => {
    const t = tab();
    const group = (eventId: string) =>
      context({ pageEvent: pageEvent({ eventId, title: 'Planning', guests: [me, dana, ari] }), classification: { isOneOnOne: false, reason: 'not-one-on-one', detail: '3 people are invited' } });
    t.setContext(group('grp1'));
    const first = t.controller.current();
    t.setContext(group('grp2'));
    const second = t.controller.current();
    if (first.kind !== 'not-one-on-one' || second.kind !== 'not-one-on-one') throw new Error('expected the offer');
    expect(first.key).not.toBe(second.key);
  });
});

describe('sync line', () => {
  it('asks again when the background says this meeting\'s state changed', async () => {
    let status: MeetingSyncStatus = { kind: 'saved-locally' };
    const t = tab();
    t.env.sync.status = async () => status;
    t.setContext(context());
    await t.controller.ready;
    status = { kind: 'cannot-write', code: 'not-organiser', reason: 'you are not the organiser' };
    t.syncChange({ account: ACCOUNT, meetingIds: [`${ACCOUNT}|evt1`] });
    await until(() => oneOnOne(t).model.sync.kind === 'cannot-write', 'the new state');
    expect(oneOnOne(t).model.sync).toEqual({ kind: 'cannot-write', reason: 'you are not the organiser' });
  });
});
