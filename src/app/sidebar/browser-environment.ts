// The real SidebarEnvironment of the sidebar page (an extension page in an iframe on Calendar).
import { browser } from 'wxt/browser';
import { subscribeSidebarContext } from '../../messaging/sidebar-context';
import { requestRedecide } from '../../messaging/sidebar-dock';
import { StorageChannel } from '../../storage';
import { saveFileFromPage } from '../download';
import type { MessagingRuntime } from '../sync-client';
import { browserTimeZone } from '../time';
import type { SidebarEnvironment } from './environment';
import { extensionStorageDrafts, type ExtensionStorageArea, type StorageChanges } from './extension-drafts';
import { draftsWatchedByWorker, NOTES_PORT } from './notes-port';
import { remoteSidebarStore } from './store-messaging';
import { messageSidebarSyncClient } from './sync-client';

export function browserSidebarEnvironment(): SidebarEnvironment {
  const runtime = browser.runtime as unknown as MessagingRuntime;
  return {
    now: () => Date.now(),
    timeZone: browserTimeZone,
    channel: new StorageChannel(),
    sync: messageSidebarSyncClient(runtime),
    // The worker is told which notes this page has drafts of: if the page goes (a tab closed
    // right after typing), it stores them at once (notes-port.ts).
    drafts: async () =>
      draftsWatchedByWorker(
        await extensionStorageDrafts(browser.storage.local as unknown as ExtensionStorageArea, {
          onChanged: browser.storage.onChanged as unknown as StorageChanges,
        }),
        () => browser.runtime.connect({ name: NOTES_PORT }),
        (message) => console.warn(`1:1 Companion sidebar: ${message}`),
      ),
    store: remoteSidebarStore((message) => runtime.sendMessage(message)),
    subscribeContext: (listener) => subscribeSidebarContext(listener),
    redecide: async (request) => {
      const answer = await requestRedecide((message) => runtime.sendMessage(message), request);
      if (!answer.ok) console.warn(`1:1 Companion sidebar: the other docks showing this event were not updated (${answer.error})`);
    },
    // tabs.create needs no `tabs` permission.
    openTab: (url) => void browser.tabs.create({ url }),
    extensionUrl: (path) => (browser.runtime as unknown as { getURL(path: string): string }).getURL(path),
    saveFile: saveFileFromPage(document),
    reload: () => location.reload(),
    lifecycle: { target: window, doc: document },
  };
}
