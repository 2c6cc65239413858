// What the sidebar page needs from the browser, passed in so its controller runs in Node tests
// with fakes (fake-indexeddb, a recording channel, a scripted sync engine). The real one is
// browser-environment.ts.
import type { SidebarContext } from '../../messaging/protocol';
import type { RedecideRequest } from '../../messaging/sidebar-dock';
import type { DraftStore, StorageChannel } from '../../storage';
import type { MeetingSyncStatus } from '../../sync/status';
import type { SaveFile } from '../download';
import type { SidebarStore } from './store';

/** The sync engine as the sidebar talks to it (src/sync/messages.ts); undefined answers: it did not answer. */
export interface SidebarSyncClient {
  /** The meeting's state now. */
  status(account: string, meetingId: string): Promise<MeetingSyncStatus | undefined>;
  /** Fetch the event and read its block back (signed in), then the state. */
  refresh(account: string, meetingId: string): Promise<MeetingSyncStatus | undefined>;
  /** "Retry": write the meeting now. */
  flush(account: string, meetingId: string): Promise<void>;
  signIn(): Promise<void>;
  /** Sync states changed (for these meetings, or all when absent). Returns the unsubscribe function. */
  subscribe(listener: (change: { account?: string; meetingIds?: string[] }) => void): () => void;
}

export interface SidebarEnvironment {
  now(): number;
  /** This browser's time zone, used until the account's settings name one. */
  timeZone(): string;
  channel: Pick<StorageChannel, 'post' | 'subscribe'>;
  sync: SidebarSyncClient;
  /** The last-resort copy of what is typed (extension storage), once loaded. */
  drafts(): Promise<DraftStore>;
  /** Reads and writes the account's data (in the service worker: see store.ts for why). */
  store: SidebarStore;
  /** The dock's context from the background (null: nothing to show). Returns the unsubscribe function. */
  subscribeContext(listener: (context: SidebarContext | null) => void): () => void;
  /**
   * After a mark: asks the background to decide again every dock showing the event (or its
   * series), so each tab switches between the 1:1 sidebar and the compact offer. Never throws.
   */
  redecide?(request: RedecideRequest): Promise<void>;
  openTab(url: string): void;
  extensionUrl(path: string): string;
  saveFile: SaveFile;
  reload(): void;
  /** Where page hide and unload are heard (flush the notes); absent in tests. */
  lifecycle?: {
    target: Pick<Window, 'addEventListener' | 'removeEventListener'>;
    doc: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  };
  log?(message: string): void;
}
