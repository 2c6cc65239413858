// The real SidebarEnvironment of the sidebar page (an extension page in an iframe on Calendar).
import { browser } from 'wxt/browser';
import { subscribeSidebarContext } from '../../messaging/sidebar-context';
import { memoryDrafts, openCompanionDb, setCurrentAccount, StorageChannel, webStorageDrafts, type DraftStore } from '../../storage';
import { saveFileFromPage } from '../download';
import type { MessagingRuntime } from '../sync-client';
import { browserTimeZone } from '../time';
import type { SidebarEnvironment } from './environment';
import { messageSidebarSyncClient } from './sync-client';

/** The extension page's localStorage (synchronous: complete before pagehide returns), if usable. */
function draftStore(): DraftStore {
  try {
    if (typeof localStorage !== 'undefined') return webStorageDrafts(localStorage);
  } catch {
    // Storage disabled for this page: keep drafts for the page's life at least.
  }
  return memoryDrafts();
}

export function browserSidebarEnvironment(): SidebarEnvironment {
  return {
    now: () => Date.now(),
    timeZone: browserTimeZone,
    channel: new StorageChannel(),
    sync: messageSidebarSyncClient(browser.runtime as unknown as MessagingRuntime),
    drafts: draftStore(),
    openDb: (account, onInterruption) => openCompanionDb(account, { onInterruption }),
    subscribeContext: (listener) => subscribeSidebarContext(listener),
    rememberAccount: setCurrentAccount,
    // tabs.create needs no `tabs` permission.
    openTab: (url) => void browser.tabs.create({ url }),
    extensionUrl: (path) => (browser.runtime as unknown as { getURL(path: string): string }).getURL(path),
    saveFile: saveFileFromPage(document),
    reload: () => location.reload(),
    lifecycle: { target: window, doc: document },
  };
}
