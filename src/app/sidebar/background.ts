// The service worker's half of the sidebar: its storage operations (store.ts) answered over the
// extension's messaging, and the drafts pages left behind stored (leftover-drafts.ts) at every
// start of the worker and when a page that was typed in goes away (notes-port.ts). Called once
// from entrypoints/background/index.ts, during the worker's first turn, with the sync engine's
// "a meeting's write is queued" (the scheduler flushes soon).
import { browser } from 'wxt/browser';
import { cachedDbOpener } from '../../background/storage-page-events';
import { StorageChannel } from '../../storage';
import type { ExtensionStorageArea } from './extension-drafts';
import { recoverLeftoverDrafts, type LeftoverDraftsOutcome } from './leftover-drafts';
import { PAGE_GONE_DELAY_MS, startNotesPortService, type WatchedNote } from './notes-port';
import { createLocalSidebarStore } from './store';
import { startSidebarStoreService } from './store-messaging';

export interface SidebarStorageOptions {
  /** The sync engine is told a meeting's write was queued (sync-wiring's `changed`). */
  syncChanged: (account: string, meetingId: string) => Promise<unknown>;
}

export interface SidebarStorage {
  /** Settles when the drafts left by pages before the worker started are stored (tests; nothing waits for it). */
  leftoverDrafts: Promise<LeftoverDraftsOutcome>;
}

export function startSidebarStorage(options: SidebarStorageOptions): SidebarStorage {
  const log = (message: string) => console.warn(`1:1 Companion: ${message}`);
  const store = createLocalSidebarStore(cachedDbOpener(log), { syncChanged: options.syncChanged, log });
  const runtime = browser.runtime as unknown as Parameters<typeof startSidebarStoreService>[0] & Parameters<typeof startNotesPortService>[0];
  startSidebarStoreService(runtime, store);
  const channel = typeof BroadcastChannel === 'undefined' ? undefined : new StorageChannel();

  // One recovery at a time: two at once would both try to store the same draft.
  let running: Promise<unknown> = Promise.resolve();
  const recover = (only?: readonly WatchedNote[]): Promise<LeftoverDraftsOutcome> => {
    const run = running.then(() =>
      recoverLeftoverDrafts({
        area: browser.storage.local as unknown as ExtensionStorageArea,
        store,
        now: () => Date.now(),
        post: (notice) => channel?.post(notice),
        log,
        ...(only && { only }),
      }),
    );
    running = run.catch(() => undefined);
    return run.then(
      (outcome) => {
        if (outcome.restored > 0) console.info(`1:1 Companion: stored ${outcome.restored} note(s) typed just before a page closed`);
        return outcome;
      },
      (error: unknown): LeftoverDraftsOutcome => {
        log(`could not store the drafts pages left (${String(error)})`);
        return { restored: 0, removed: 0, unreadable: 0, failedAccounts: [] };
      },
    );
  };
  startNotesPortService(runtime, (notes) => {
    setTimeout(() => void recover(notes), PAGE_GONE_DELAY_MS);
  });
  return { leftoverDrafts: recover() };
}
