// The service worker's half of the sidebar: its storage operations (store.ts) answered over the
// extension's messaging. Called once from entrypoints/background/index.ts, during the worker's
// first turn.
import { browser } from 'wxt/browser';
import { cachedDbOpener } from '../../background/storage-page-events';
import { createLocalSidebarStore } from './store';
import { startSidebarStoreService } from './store-messaging';

export function startSidebarStorage(): void {
  const log = (message: string) => console.warn(`1:1 Companion: ${message}`);
  startSidebarStoreService(browser.runtime as unknown as Parameters<typeof startSidebarStoreService>[0], createLocalSidebarStore(cachedDbOpener(log)));
}
