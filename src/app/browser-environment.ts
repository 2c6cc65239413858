// The real PageEnvironment of the extension's pages (see page-environment.ts).
import { browser } from 'wxt/browser';
import { refreshOverdueBadge } from '../background/badge';
import { StorageChannel } from '../storage';
import { saveFileFromPage } from './download';
import type { PageEnvironment } from './page-environment';
import { messageSyncClient, type MessagingRuntime } from './sync-client';

export function browserPageEnvironment(options: { popup: boolean }): PageEnvironment {
  const env: PageEnvironment = {
    now: () => Date.now(),
    channel: new StorageChannel(),
    // tabs.create needs no `tabs` permission.
    openTab: (url) => void browser.tabs.create({ url }),
    extensionUrl: (path) => (browser.runtime as unknown as { getURL(path: string): string }).getURL(path),
    refreshBadge: () => void refreshOverdueBadge(),
    saveFile: saveFileFromPage(document),
    sync: messageSyncClient(browser.runtime as unknown as MessagingRuntime),
  };
  if (options.popup) env.closeWindow = () => window.close();
  return env;
}
