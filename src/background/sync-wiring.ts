// The service worker's sync and sign-in, called once from entrypoints/background/index.ts:
//
//   startSyncBackground();
//
// It builds the token provider (auth/), the Calendar API client, the sync engine and its
// scheduler, answers the sync and sign-in messages (src/sync/messages.ts), runs the alarms, and
// learns the calendar on start-up. Everything it registers is registered synchronously, during
// the worker's first turn, so events that woke the worker (an alarm, a message) are delivered.
import { browser } from 'wxt/browser';
import { createTokenProvider } from '../auth';
import { createCalendarClient } from '../calendar-api';
import { calendarApiUrl } from '../config/build-settings';
import { getActionItem, openCompanionDb, StorageChannel, type CompanionDb } from '../storage';
import { SyncEngine } from '../sync/engine';
import { handleSyncMessage, type MessageSender } from '../sync/message-handler';
import { SYNC_STATE_CHANGED, type SyncStateChanged } from '../sync/messages';
import { SyncScheduler, type SchedulerHost } from '../sync/scheduler';
import type { PersistedSyncState, SyncStateStore } from '../sync/sync-state';

const SYNC_STATE_KEY = 'sync.state';
/** Status notices to pages are coalesced over this long (a flush changes many states at once). */
const NOTICE_DELAY_MS = 150;

export interface SyncBackground {
  engine: SyncEngine;
  scheduler: SyncScheduler;
  /**
   * A meeting's shared part changed and its write is queued: the engine notes it (status
   * notices) and, for the signed-in account, the scheduler flushes soon. The sidebar's storage
   * operations call it in the worker (src/app/sidebar/background.ts).
   */
  changed(account: string, meetingId: string): Promise<void>;
  /** Settles when the start-up learning and flush are done (tests; nothing waits for it). */
  started: Promise<void>;
}

function log(message: string): void {
  console.info(`[1:1 Companion sync] ${message}`);
}

/** Databases stay open while the worker lives; one that was closed (an upgrade elsewhere) is reopened. */
function databaseOpener(): (account: string) => Promise<CompanionDb> {
  const open = new Map<string, Promise<CompanionDb>>();
  return async (account) => {
    const cached = open.get(account);
    if (cached) {
      const db = await cached.catch(() => undefined);
      if (db && !db.closed) return db;
    }
    const opening = openCompanionDb(account, {
      onInterruption: (interruption) => {
        log(`storage of ${account}: ${interruption.message}`);
        if (interruption.kind !== 'upgrade-blocked') open.delete(account);
      },
    });
    open.set(account, opening);
    opening.catch(() => open.delete(account));
    return opening;
  };
}

function localStateStore(): SyncStateStore {
  return {
    load: async () => (await browser.storage.local.get(SYNC_STATE_KEY))[SYNC_STATE_KEY],
    save: async (state: PersistedSyncState) => browser.storage.local.set({ [SYNC_STATE_KEY]: state }),
  };
}

function schedulerHost(): SchedulerHost {
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    getAlarm: async (name) => (await browser.alarms.get(name)) ?? undefined,
    createAlarm: async (name, info) => {
      // The info is one of { when }, { periodInMinutes, delayInMinutes }: what alarms.create takes.
      await (browser.alarms.create as (name: string, info: object) => Promise<void>)(name, info);
    },
    clearAlarm: (name) => browser.alarms.clear(name),
  };
}

/** Tells every extension page that sync states changed, coalesced; nobody listening is fine. */
function statusNotifier(): (change: { account?: string; meetingIds?: string[] }) => void {
  let pending: { accounts: Set<string | undefined>; meetingIds: Set<string> | undefined } | undefined;
  return (change) => {
    if (!pending) {
      pending = { accounts: new Set(), meetingIds: new Set() };
      setTimeout(() => {
        const batch = pending!;
        pending = undefined;
        const accounts = [...batch.accounts];
        const message: SyncStateChanged = {
          type: SYNC_STATE_CHANGED,
          ...(accounts.length === 1 && accounts[0] !== undefined && { account: accounts[0] }),
          ...(batch.meetingIds !== undefined && { meetingIds: [...batch.meetingIds] }),
        };
        browser.runtime.sendMessage(message).catch(() => undefined);
      }, NOTICE_DELAY_MS);
    }
    pending.accounts.add(change.account);
    if (change.meetingIds === undefined) pending.meetingIds = undefined;
    else for (const id of change.meetingIds) pending.meetingIds?.add(id);
  };
}

export function startSyncBackground(): SyncBackground {
  const provider = createTokenProvider();
  const client = createCalendarClient({ baseUrl: calendarApiUrl, getAccessToken: (request) => provider.getAccessToken(request) });
  const openDb = databaseOpener();
  const channel = typeof BroadcastChannel === 'undefined' ? undefined : new StorageChannel();
  const engine = new SyncEngine({
    client,
    openDb,
    state: localStateStore(),
    notify: (message) => channel?.post(message),
    onStatusChange: statusNotifier(),
    log,
  });
  const scheduler = new SyncScheduler(engine, schedulerHost(), log);
  // (getURL's path type is generated by `wxt prepare`; any path is fine here.)
  const extensionOrigin = (browser.runtime as unknown as { getURL(path: string): string }).getURL('/');

  const changed = async (account: string, meetingId: string) => {
    await engine.noteChanged(account, meetingId);
    const state = await engine.accountState();
    if (state.state === 'signed-in' && (state.account === undefined || state.account === account)) scheduler.changed();
  };

  browser.runtime.onMessage.addListener((message: unknown, sender: MessageSender, sendResponse: (response: unknown) => void) => {
    const answer = handleSyncMessage(
      {
        engine,
        scheduler,
        provider,
        extensionId: browser.runtime.id,
        isExtensionPage: (from) => typeof from.url === 'string' && from.url.startsWith(extensionOrigin),
      },
      message,
      sender,
    );
    if (!answer) return undefined; // another listener's message
    void answer.then(sendResponse);
    return true; // answered asynchronously
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    void scheduler.onAlarm(alarm.name);
  });

  // Pages announce their saves on the storage channel too: while the worker is awake, a save
  // whose sync:changed message got lost still reaches the outbox.
  channel?.subscribe((message) => {
    if (message.type === 'note-saved' && message.noteId.endsWith('|shared')) {
      void changed(message.account, message.meetingId).catch(() => undefined);
    } else if (message.type === 'action-items-changed') {
      void (async () => {
        const db = await openDb(message.account);
        const meetingIds = new Set<string>();
        for (const id of message.ids) {
          const item = await getActionItem(db, id);
          if (item) meetingIds.add(item.meetingId);
        }
        for (const meetingId of meetingIds) await changed(message.account, meetingId);
      })().catch(() => undefined);
    }
  });

  const start = () => scheduler.start().catch((error: unknown) => log(`start-up sync failed: ${String(error)}`));
  browser.runtime.onStartup?.addListener(() => void start());
  browser.runtime.onInstalled?.addListener(() => void start());
  const started = start();

  return { engine, scheduler, changed, started };
}
