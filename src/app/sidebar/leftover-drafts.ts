// The service worker stores the drafts sidebar pages left in chrome.storage.local, at its start and
// when a page that was typed in goes away (notes-port.ts; then only that page's notes)
// (extension-drafts.ts): text typed just before a tab or the browser was closed, whose save never
// reached the worker. Before, only the next sidebar of the same account stored them, so a shared
// note typed just before the browser closed reached the calendar only once some 1:1 was opened
// again. Here every account's drafts go through the `recoverDrafts` operation (store.ts): notes
// stored by the autosaver's rules, shared ones queued for their event and the sync scheduler told,
// in the same operation. Drafts that are settled (stored, or equal to the stored note) are
// removed, unless a page wrote newer text under the same key meanwhile; conflicts stay for the
// sidebar to offer when that meeting opens.
//
// Safe beside a live sidebar (the worker also starts while one is open): a draft of text being
// typed is stored like a save of it, and the autosaver's next save finds it stored or rebases.
import type { StorageMessage } from '../../storage';
import { NoteDraft } from '../../storage';
import { DRAFT_KEY_PREFIX, draftKey, type ExtensionStorageArea } from './extension-drafts';
import type { WatchedNote } from './notes-port';
import type { SidebarStore } from './store';

export interface LeftoverDraftsOutcome {
  /** Notes stored from drafts, per account. */
  restored: number;
  /** Drafts removed because their text is stored. */
  removed: number;
  /** Entries under the drafts' prefix that are not drafts (left as they are). */
  unreadable: number;
  /** Accounts whose drafts could not be stored now (kept for the next start or sidebar). */
  failedAccounts: string[];
}

export interface LeftoverDraftsInput {
  area: ExtensionStorageArea;
  /** The worker's local store (createLocalSidebarStore with its syncChanged). */
  store: SidebarStore;
  now: () => number;
  /** Posts a StorageChannel notice (open sidebars re-read the note). */
  post: (notice: StorageMessage) => void;
  log: (message: string) => void;
  /** Only these notes' drafts (a page that went away); every draft when absent. */
  only?: readonly WatchedNote[];
}

export async function recoverLeftoverDrafts(input: LeftoverDraftsInput): Promise<LeftoverDraftsOutcome> {
  const outcome: LeftoverDraftsOutcome = { restored: 0, removed: 0, unreadable: 0, failedAccounts: [] };
  let items: Record<string, unknown>;
  try {
    items = await input.area.get(null);
  } catch (error) {
    input.log(`could not read the drafts (${String(error)})`);
    return outcome;
  }
  const wanted = input.only && new Set(input.only.map((note) => draftKey(note.account, note.noteId)));
  const byAccount = new Map<string, NoteDraft[]>();
  for (const [key, value] of Object.entries(items)) {
    if (!key.startsWith(DRAFT_KEY_PREFIX) || (wanted && !wanted.has(key))) continue;
    const parsed = NoteDraft.safeParse(value);
    if (!parsed.success || draftKey(parsed.data.account, parsed.data.noteId) !== key) {
      outcome.unreadable++;
      continue;
    }
    const drafts = byAccount.get(parsed.data.account) ?? [];
    drafts.push(parsed.data);
    byAccount.set(parsed.data.account, drafts);
  }
  for (const [account, drafts] of byAccount) {
    try {
      const reply = await input.store.call('recoverDrafts', account, { drafts, now: input.now() });
      for (const notice of reply.notices) input.post(notice);
      outcome.restored += reply.value.restored.length;
      for (const settled of reply.value.settled) {
        if (await removeIfUnchanged(input.area, draftKey(account, settled.noteId), settled.text)) outcome.removed++;
      }
    } catch (error) {
      outcome.failedAccounts.push(account);
      input.log(`could not store the drafts of ${account} (${String(error)}); they are kept`);
    }
  }
  return outcome;
}

/** Removes a draft unless a page wrote other text under its key since it was read. */
async function removeIfUnchanged(area: ExtensionStorageArea, key: string, text: string): Promise<boolean> {
  const current = NoteDraft.safeParse((await area.get(key))[key]);
  if (!current.success || current.data.text !== text) return false;
  await area.remove(key);
  return true;
}
