// The notes' last-resort copy (see src/storage/autosave.ts) kept in the extension's own storage
// (chrome.storage.local), for the sidebar page: as an iframe on Calendar it may be denied
// localStorage (third-party storage blocking), while the extension storage API always works there.
// It survives closing the dialog, reloading the page, restarting the browser and updating or
// reloading the extension.
//
// DraftStore is synchronous (the autosaver writes a draft on every keystroke and must never wait),
// so this keeps a mirror in memory, loaded once, and writes through: each `set` is handed to the
// browser at once, which is what makes it complete when the page goes away right after a
// keystroke. Changes from other pages (another tab's sidebar) reach the mirror through onChanged.
// The service worker stores what pages left here when it starts (leftover-drafts.ts).
import { NoteDraft, type DraftStore } from '../../storage';

export const DRAFT_KEY_PREFIX = 'draft\n';

/** The part of chrome.storage the drafts use (injectable for tests). */
export interface ExtensionStorageArea {
  /** Every item (null), or the one under a key. */
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface StorageChanges {
  addListener(listener: (changes: Record<string, { newValue?: unknown }>, areaName: string) => void): void;
}

export function draftKey(account: string, noteId: string): string {
  return `${DRAFT_KEY_PREFIX}${account}\n${noteId}`;
}

/** Loads the drafts and answers from memory from then on; write failures are reported, not thrown. */
export async function extensionStorageDrafts(
  area: ExtensionStorageArea,
  options: { onChanged?: StorageChanges; areaName?: string; log?: (message: string) => void } = {},
): Promise<DraftStore> {
  const log = options.log ?? ((message: string) => console.warn(`1:1 Companion sidebar: ${message}`));
  const mirror = new Map<string, NoteDraft>();
  const accept = (key: string, value: unknown) => {
    if (!key.startsWith(DRAFT_KEY_PREFIX)) return;
    const parsed = NoteDraft.safeParse(value);
    if (parsed.success) mirror.set(key, parsed.data);
    else mirror.delete(key);
  };
  try {
    for (const [key, value] of Object.entries(await area.get(null))) accept(key, value);
  } catch (error) {
    log(`could not read the drafts (${String(error)})`);
  }
  options.onChanged?.addListener((changes, areaName) => {
    if (areaName !== (options.areaName ?? 'local')) return;
    for (const [key, change] of Object.entries(changes)) {
      if (!key.startsWith(DRAFT_KEY_PREFIX)) continue;
      if (change.newValue === undefined) {
        mirror.delete(key);
        continue;
      }
      // Our own earlier writes come back too: never let an older edit replace a newer one.
      const parsed = NoteDraft.safeParse(change.newValue);
      const current = mirror.get(key);
      if (parsed.success && (!current || parsed.data.editedAt >= current.editedAt)) mirror.set(key, parsed.data);
    }
  });
  const written = (what: string) => (error: unknown) => log(`could not ${what} a draft (${String(error)})`);
  return {
    put(draft) {
      const key = draftKey(draft.account, draft.noteId);
      mirror.set(key, { ...draft });
      area.set({ [key]: draft }).catch(written('save'));
    },
    remove(account, noteId, ifText) {
      const key = draftKey(account, noteId);
      const current = mirror.get(key);
      if (!current || (ifText !== undefined && current.text !== ifText)) return;
      mirror.delete(key);
      area.remove(key).catch(written('remove'));
    },
    get: (account, noteId) => {
      const draft = mirror.get(draftKey(account, noteId));
      return draft ? { ...draft } : undefined;
    },
    list: (account) => [...mirror.values()].filter((draft) => draft.account === account).map((draft) => ({ ...draft })),
  };
}
