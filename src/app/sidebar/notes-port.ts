// How the service worker learns that a sidebar page that was typed in went away, so it stores
// that page's drafts at once (a tab closed right after typing).
//
// Why not a message in the page's pagehide handler alone: measured in Chromium 156, when a Calendar
// tab is closed, nothing the sidebar iframe sends from its pagehide, unload or visibilitychange
// handlers reaches the service worker (runtime.sendMessage, nor a beacon), so the save started
// there never lands. A port's disconnection does reach it: the browser closes the port when the
// page goes, whatever state its scripts are in. The drafts themselves are already in
// chrome.storage.local (written on every keystroke while the page was alive).
//
//   sidebar ── connect(NOTES_PORT) ── { type: NOTES_WATCH, account, noteId } ──▶ service worker
//   (page gone: the port disconnects) ──▶ the worker stores those notes' drafts (leftover-drafts.ts)
//
// The sidebar connects when a draft is first written (the user types), and tells each note once.
// A port dropped by the worker stopping is opened again only at the next keystroke, so a sidebar
// that is not being typed in never wakes the worker. Only note ids go over the port: no text.
import * as z from 'zod/mini';
import { Account } from '../../domain/schemas';
import type { DraftStore } from '../../storage';

export const NOTES_PORT = 'one-on-one/sidebar-notes' as const;
export const NOTES_WATCH = 'one-on-one/notes-watch' as const;

/** After the port drops, the worker waits this long before reading the drafts (the page's last writes land first). */
export const PAGE_GONE_DELAY_MS = 200;

export interface WatchedNote {
  account: string;
  noteId: string;
}

const WatchMessage = z.strictObject({
  type: z.literal(NOTES_WATCH),
  account: Account,
  noteId: z.string().check(z.minLength(1), z.maxLength(4096)),
});

interface PortLike {
  postMessage(message: unknown): void;
  onDisconnect: { addListener(listener: () => void): void };
}

/**
 * The sidebar's side: the draft store, telling the worker (over a port) which notes this page
 * has drafts of. Never throws: without a port the drafts are still stored at the worker's next start.
 */
export function draftsWatchedByWorker(drafts: DraftStore, connect: () => PortLike, log: (message: string) => void = () => {}): DraftStore {
  let port: PortLike | undefined;
  const told = new Set<string>();
  const watch = (account: string, noteId: string) => {
    const key = `${account}\n${noteId}`;
    try {
      if (port === undefined) {
        const opened = connect();
        port = opened;
        told.clear();
        opened.onDisconnect.addListener(() => {
          if (port === opened) port = undefined;
        });
      }
      if (told.has(key)) return;
      port.postMessage({ type: NOTES_WATCH, account, noteId } satisfies z.infer<typeof WatchMessage>);
      told.add(key);
    } catch (error) {
      port = undefined;
      log(`the worker was not told of this page's notes (${String(error)})`);
    }
  };
  return {
    put(draft) {
      drafts.put(draft);
      watch(draft.account, draft.noteId);
    },
    remove: (account, noteId, ifText) => drafts.remove(account, noteId, ifText),
    get: (account, noteId) => drafts.get(account, noteId),
    list: (account) => drafts.list(account),
  };
}

interface ServicePort extends PortLike {
  readonly name: string;
  readonly sender?: { id?: string; url?: string };
  onMessage: { addListener(listener: (message: unknown) => void): void };
  disconnect(): void;
}

interface ServiceRuntime {
  readonly id?: string;
  getURL(path: string): string;
  onConnect: { addListener(listener: (port: ServicePort) => void): void };
}

/**
 * The worker's side: `onPageGone` gets the notes a sidebar page watched when its port closes.
 * Ports from anything but the extension's own pages are closed at once.
 */
export function startNotesPortService(runtime: ServiceRuntime, onPageGone: (notes: WatchedNote[]) => void): void {
  const extensionOrigin = runtime.getURL('/');
  runtime.onConnect.addListener((port) => {
    if (port.name !== NOTES_PORT) return; // another part's port
    const sender = port.sender;
    if ((runtime.id !== undefined && sender?.id !== runtime.id) || typeof sender?.url !== 'string' || !sender.url.startsWith(extensionOrigin)) {
      port.disconnect();
      return;
    }
    const watched = new Map<string, WatchedNote>();
    port.onMessage.addListener((message) => {
      const parsed = WatchMessage.safeParse(message);
      if (!parsed.success) return;
      const account = parsed.data.account.trim().toLowerCase();
      watched.set(`${account}\n${parsed.data.noteId}`, { account, noteId: parsed.data.noteId });
    });
    port.onDisconnect.addListener(() => {
      if (watched.size > 0) onPageGone([...watched.values()]);
    });
  });
}
