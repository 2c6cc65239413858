// What the popup and the options page need from the browser, passed in so the page components
// can run in tests with fakes. entrypoints/* build the real one (browser-environment.ts).
import type { StorageChannel, StorageMessage } from '../storage';
import type { AccountSyncClient } from './account-sync';
import type { SaveFile } from './download';

export interface PageEnvironment {
  now(): number;
  channel: Pick<StorageChannel, 'post' | 'subscribe'>;
  /** The sync engine; absent when none answers (the page then works locally, signed out). */
  sync?: AccountSyncClient;
  /** Opens a URL in a new tab. */
  openTab(url: string): void;
  /** The URL of one of the extension's pages, e.g. '/options.html#people'. */
  extensionUrl(path: string): string;
  /** Recounts the toolbar badge (after writes that may change who is overdue). */
  refreshBadge(): void;
  saveFile: SaveFile;
  /** Closes the popup window (after opening a tab from it). */
  closeWindow?(): void;
}

/**
 * Notices that make a page re-read what it shows: everything, except notes for a page that shows
 * none (the popup); a note typed in a sidebar saves every few hundred milliseconds.
 */
export function refreshesPage(message: StorageMessage, showsNotes: boolean): boolean {
  return showsNotes || message.type !== 'note-saved';
}
