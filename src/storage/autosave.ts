// Saving notes as the user types, and never losing what was typed.
//
// NoteAutosaver holds one editor's text for one note: it saves ~300 ms after the last keystroke
// and when the page is hidden, reports its state for the UI, and after a failure keeps the text
// and retries with back-off. Time and timers are injected, the save function too (normally
// `(note) => saveNote(db, note)`), so it is tested without a browser.
//
// Revisions: the autosaver knows the stored note its text is based on (`base`) and proposes
// revision base.revision + 1; saveNote refuses when the store already has that revision or a
// higher one (another tab saved). Then:
// - the stored text equals ours: nothing to do;
// - our last keystroke is later than the other save (`updatedAt` is the time the text was typed):
//   ours is the newer text, so we rebase on the stored revision and save again;
// - otherwise the stored text is newer than our unsaved edit: neither is thrown away; the state
//   becomes `conflict` with the stored note, the editor keeps the user's text, and the UI offers
//   keepMine() / takeTheirs().
// A note saved by another tab arrives through `receive(note)` (after a BroadcastChannel notice):
// an editor with no unsaved text takes it; one being typed in keeps the user's text.
//
// Last-resort copy: every edit is also written, synchronously, to a DraftStore, by default the
// extension page's localStorage. Why localStorage and not IndexedDB: it is synchronous, so the
// copy is complete before `pagehide` returns, when an IndexedDB transaction started there may be
// cut off as the page is torn down (closing the dialog, reloading, the extension being updated,
// which closes its pages). localStorage belongs to the extension's origin and survives updates and
// browser restarts. The draft is removed once the same text is stored; `recoverDrafts` replays
// what is left (when a page starts, and in the service worker at its start).
import * as z from 'zod/mini';
import { Account, Instant, type Note, NoteKind } from '../domain/schemas';
import type { CompanionDb } from './db';
import { describeStorageError, type StorageFailureKind } from './errors';
import { getNote, saveNote, type SaveNoteResult } from './repositories';

export const AUTOSAVE_DEBOUNCE_MS = 300;

export type AutosaveState =
  | { kind: 'saved'; revision: number }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'failed'; reason: string; failure: StorageFailureKind; retryInMs: number }
  | { kind: 'conflict'; stored: Note };

export interface AutosaveClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: AutosaveClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** 1 s, 2 s, 4 s … up to 30 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

// ---------------------------------------------------------------------------------------------
// Drafts: the synchronous last-resort copy.

export const NoteDraft = z.object({
  account: Account,
  noteId: z.string().check(z.minLength(1)),
  meetingId: z.string().check(z.minLength(1)),
  personId: z.string().check(z.minLength(1)),
  kind: NoteKind,
  text: z.string(),
  /** The stored revision the text was typed on. */
  baseRevision: z.int().check(z.nonnegative()),
  editedAt: Instant,
});
export type NoteDraft = z.infer<typeof NoteDraft>;

export interface DraftStore {
  put(draft: NoteDraft): void;
  /** Removes the draft; with `ifText`, only when it still holds exactly that text. */
  remove(account: string, noteId: string, ifText?: string): void;
  get(account: string, noteId: string): NoteDraft | undefined;
  list(account: string): NoteDraft[];
}

const DRAFT_PREFIX = 'one-on-one-companion:draft:';

/** Drafts in a Web Storage area (the extension page's localStorage). Never throws. */
export function webStorageDrafts(storage: Storage): DraftStore {
  const keyFor = (account: string, noteId: string) => `${DRAFT_PREFIX}${account}\n${noteId}`;
  const read = (key: string): NoteDraft | undefined => {
    try {
      const raw = storage.getItem(key);
      if (raw === null) return undefined;
      const parsed = NoteDraft.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    put(draft) {
      try {
        storage.setItem(keyFor(draft.account, draft.noteId), JSON.stringify(draft));
      } catch {
        // Web Storage full or unavailable: the autosaver's state already says the text is unsaved.
      }
    },
    remove(account, noteId, ifText) {
      const key = keyFor(account, noteId);
      if (ifText !== undefined && read(key)?.text !== ifText) return;
      try {
        storage.removeItem(key);
      } catch {
        // nothing to do: a leftover draft is replayed and found equal to the stored note
      }
    },
    get: (account, noteId) => read(keyFor(account, noteId)),
    list(account) {
      const drafts: NoteDraft[] = [];
      const prefix = `${DRAFT_PREFIX}${account}\n`;
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(prefix)) {
          const draft = read(key);
          if (draft) drafts.push(draft);
        }
      }
      return drafts;
    },
  };
}

/** Drafts kept in memory only (service worker, tests). */
export function memoryDrafts(): DraftStore {
  const drafts = new Map<string, NoteDraft>();
  const keyFor = (account: string, noteId: string) => `${account}\n${noteId}`;
  return {
    put: (draft) => void drafts.set(keyFor(draft.account, draft.noteId), { ...draft }),
    remove(account, noteId, ifText) {
      const key = keyFor(account, noteId);
      if (ifText !== undefined && drafts.get(key)?.text !== ifText) return;
      drafts.delete(key);
    },
    get: (account, noteId) => drafts.get(keyFor(account, noteId)),
    list: (account) => [...drafts.values()].filter((d) => d.account === account),
  };
}

export interface DraftRecovery {
  /** Drafts saved now (text that was typed but not stored before the page went away). */
  restored: Note[];
  /** Drafts whose note was changed elsewhere after they were typed: kept for the user to choose. */
  conflicts: { draft: NoteDraft; stored: Note }[];
  failed: { draft: NoteDraft; reason: string }[];
}

/**
 * Replays the drafts left by pages that went away before their text was stored. The autosaver's
 * rule decides between a draft and a note stored since it was typed on: the text typed later
 * wins (`updatedAt` is when a text was typed); a stored note typed at the same time or later is a
 * conflict, and the draft is kept for the user to choose.
 */
export async function recoverDrafts(db: CompanionDb, drafts: DraftStore, now: number): Promise<DraftRecovery> {
  const result: DraftRecovery = { restored: [], conflicts: [], failed: [] };
  for (const draft of drafts.list(db.account)) {
    try {
      const stored = await getNote(db, draft.noteId);
      if (stored?.text === draft.text) {
        drafts.remove(draft.account, draft.noteId, draft.text);
        continue;
      }
      if (stored && stored.revision > draft.baseRevision && stored.updatedAt >= draft.editedAt) {
        result.conflicts.push({ draft, stored });
        continue;
      }
      const note: Note = {
        account: db.account,
        id: draft.noteId,
        meetingId: draft.meetingId,
        personId: draft.personId,
        kind: draft.kind,
        text: draft.text,
        updatedAt: draft.editedAt,
        revision: (stored?.revision ?? draft.baseRevision) + 1,
      };
      const saved = await saveNote(db, note, now);
      if (saved.status === 'stale') {
        result.conflicts.push({ draft, stored: saved.stored });
      } else {
        drafts.remove(draft.account, draft.noteId, draft.text);
        result.restored.push(saved.note);
      }
    } catch (error) {
      result.failed.push({ draft, reason: describeStorageError(error).message });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The autosaver

export interface NoteAutosaverOptions {
  /** The stored note the editor opens with (or emptyNote(...) for a new one). */
  note: Note;
  save: (note: Note) => Promise<SaveNoteResult>;
  drafts?: DraftStore;
  clock?: AutosaveClock;
  debounceMs?: number;
  retryDelay?: (attempt: number) => number;
  onState?: (state: AutosaveState) => void;
  /** The autosaver replaced the editor's text (newer text from another tab, or takeTheirs). */
  onText?: (text: string) => void;
  /** A save landed: announce it to other tabs (StorageChannel 'note-saved'). */
  onSaved?: (note: Note) => void;
}

export class NoteAutosaver {
  private baseNote: Note;
  private currentText: string;
  private lastEditAt: number;
  private currentState: AutosaveState;
  private timer: unknown = undefined;
  private inFlight: Promise<void> | undefined;
  private receivedDuringSave: Note | undefined;
  private failures = 0;
  private disposed = false;
  private readonly clock: AutosaveClock;
  private readonly debounceMs: number;

  constructor(private readonly options: NoteAutosaverOptions) {
    this.baseNote = options.note;
    this.currentText = options.note.text;
    this.lastEditAt = options.note.updatedAt;
    this.currentState = { kind: 'saved', revision: options.note.revision };
    this.clock = options.clock ?? systemClock;
    this.debounceMs = options.debounceMs ?? AUTOSAVE_DEBOUNCE_MS;
  }

  get text(): string {
    return this.currentText;
  }
  get state(): AutosaveState {
    return this.currentState;
  }
  /** The latest stored version this editor knows. */
  get base(): Note {
    return this.baseNote;
  }
  /** True while the editor holds text that is not stored yet. */
  get dirty(): boolean {
    return this.currentText !== this.baseNote.text;
  }

  /** The user changed the text. */
  edit(text: string): void {
    if (this.disposed) return;
    this.currentText = text;
    this.lastEditAt = this.clock.now();
    this.writeDraft();
    if (this.currentState.kind === 'conflict') return; // waits for keepMine / takeTheirs
    if (!this.dirty) {
      this.cancelTimer();
      this.options.drafts?.remove(this.baseNote.account, this.baseNote.id, text);
      if (!this.inFlight) this.setState({ kind: 'saved', revision: this.baseNote.revision });
      return;
    }
    // A failure stays on screen until a save succeeds; typing only makes the retry sooner.
    if (this.currentState.kind !== 'failed' && this.currentState.kind !== 'saving') this.setState({ kind: 'unsaved' });
    this.schedule(this.debounceMs);
  }

  /** A note stored by someone else (another tab). Older or equal revisions are ignored. */
  receive(note: Note): void {
    if (this.disposed || note.id !== this.baseNote.id || note.revision <= this.baseNote.revision) return;
    if (note.text === this.currentText) {
      this.baseNote = note;
      if (this.currentState.kind !== 'saving') this.setState({ kind: 'saved', revision: note.revision });
      this.cancelTimer();
      this.options.drafts?.remove(note.account, note.id, note.text);
      return;
    }
    // Being typed in (or holding unsaved text): the user's text stays; the next save decides
    // with the revision check which text is newer.
    if (this.inFlight) {
      // Decided once the running save is done: taken if the editor is clean then.
      if (!this.receivedDuringSave || note.revision > this.receivedDuringSave.revision) this.receivedDuringSave = note;
      return;
    }
    if (this.dirty) return;
    this.baseNote = note;
    this.currentText = note.text;
    this.lastEditAt = note.updatedAt;
    this.options.onText?.(note.text);
    this.setState({ kind: 'saved', revision: note.revision });
  }

  /** Saves now if there is unsaved text; resolves when the text at call time is stored or failed. */
  flush(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.cancelTimer();
    if (this.inFlight) {
      // Chain after the running save; it reschedules itself if more text came in.
      return this.inFlight.then(() => (this.dirty && this.currentState.kind !== 'conflict' ? this.flush() : undefined));
    }
    if (!this.dirty || this.currentState.kind === 'conflict') return Promise.resolve();
    this.inFlight = this.saveOnce().finally(() => {
      this.inFlight = undefined;
      const received = this.receivedDuringSave;
      this.receivedDuringSave = undefined;
      if (received) this.receive(received);
    });
    return this.inFlight;
  }

  /**
   * The page is going away or hidden: the draft is already written; start saving now. Answers
   * the draft when its text could not be handed to `save` at once (a save is still running: the
   * next one would start only after it, too late for a page that is being torn down); undefined
   * when it was, or when there is nothing to save or the user has a conflict to decide.
   */
  pageHidden(): NoteDraft | undefined {
    if (this.disposed || !this.dirty) return undefined;
    const draft = this.writeDraft();
    const waiting = this.inFlight !== undefined && this.currentState.kind !== 'conflict';
    void this.flush();
    return waiting ? draft : undefined;
  }

  /** Conflict: store the user's text over the newer stored one. */
  keepMine(): Promise<void> {
    if (this.currentState.kind !== 'conflict') return this.flush();
    this.baseNote = this.currentState.stored;
    this.lastEditAt = this.clock.now();
    this.setState({ kind: 'unsaved' });
    return this.flush();
  }

  /** Conflict: drop the user's unsaved text and show the stored one. */
  takeTheirs(): void {
    if (this.currentState.kind !== 'conflict') return;
    const stored = this.currentState.stored;
    this.baseNote = stored;
    this.currentText = stored.text;
    this.lastEditAt = stored.updatedAt;
    this.options.drafts?.remove(stored.account, stored.id);
    this.options.onText?.(stored.text);
    this.setState({ kind: 'saved', revision: stored.revision });
  }

  /** Stops timers; unsaved text stays in the draft store for recoverDrafts. */
  dispose(): void {
    this.cancelTimer();
    this.disposed = true;
  }

  private async saveOnce(): Promise<void> {
    // A few rounds at most: each round either stores, stops on a conflict or failure, or rebases
    // once on a revision another tab stored meanwhile.
    for (let round = 0; round < 3; round++) {
      const text = this.currentText;
      const proposed: Note = { ...this.baseNote, text, revision: this.baseNote.revision + 1, updatedAt: this.lastEditAt };
      this.setState({ kind: 'saving' });
      let result: SaveNoteResult;
      try {
        result = await this.options.save(proposed);
      } catch (error) {
        this.failures++;
        const failure = describeStorageError(error);
        const retryInMs = (this.options.retryDelay ?? retryDelayMs)(this.failures);
        this.setState({ kind: 'failed', reason: failure.message, failure: failure.kind, retryInMs });
        if (failure.kind !== 'invalid-record') this.schedule(retryInMs);
        return;
      }
      this.failures = 0;
      if (result.status === 'stale') {
        const stored = result.stored;
        if (stored.text === this.currentText) {
          this.baseNote = stored;
          this.settled();
          return;
        }
        if (this.lastEditAt >= stored.updatedAt) {
          this.baseNote = stored; // ours is the newer edit: rebase and save again
          continue;
        }
        this.setState({ kind: 'conflict', stored });
        return;
      }
      this.baseNote = result.note;
      if (result.status === 'saved') this.options.onSaved?.(result.note);
      this.options.drafts?.remove(result.note.account, result.note.id, result.note.text);
      this.settled();
      return;
    }
    // Kept losing the race to another tab: try again shortly.
    this.setState({ kind: 'unsaved' });
    this.schedule(this.debounceMs);
  }

  private settled(): void {
    if (this.dirty) {
      this.setState({ kind: 'unsaved' });
      this.schedule(this.debounceMs);
    } else {
      this.setState({ kind: 'saved', revision: this.baseNote.revision });
    }
  }

  private writeDraft(): NoteDraft {
    const base = this.baseNote;
    const draft: NoteDraft = {
      account: base.account,
      noteId: base.id,
      meetingId: base.meetingId,
      personId: base.personId,
      kind: base.kind,
      text: this.currentText,
      baseRevision: base.revision,
      editedAt: this.lastEditAt,
    };
    this.options.drafts?.put(draft);
    return draft;
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setState(state: AutosaveState): void {
    // Every keystroke asks for 'unsaved': tell the UI about changes only.
    if (JSON.stringify(state) === JSON.stringify(this.currentState)) return;
    this.currentState = state;
    this.options.onState?.(state);
  }
}

/**
 * Flushes every live autosaver when the page is hidden or goes away (closing the dialog, switching
 * tabs, reloading, the extension being updated). On `pagehide` (the page is going away), the
 * drafts whose text no save could carry at once (one was still running) go to `onPageGone`, to be
 * sent in the same turn. Returns a function that unbinds.
 */
export function flushOnPageHide(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  doc: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>,
  autosavers: () => Iterable<NoteAutosaver>,
  onPageGone?: (unsent: NoteDraft[]) => void,
): () => void {
  const hideAll = (): NoteDraft[] => {
    const unsent: NoteDraft[] = [];
    for (const saver of autosavers()) {
      const draft = saver.pageHidden();
      if (draft) unsent.push(draft);
    }
    return unsent;
  };
  const hide = () => {
    const unsent = hideAll();
    if (unsent.length > 0) onPageGone?.(unsent);
  };
  const visibility = () => {
    if (doc.visibilityState === 'hidden') hideAll();
  };
  target.addEventListener('pagehide', hide);
  doc.addEventListener('visibilitychange', visibility);
  return () => {
    target.removeEventListener('pagehide', hide);
    doc.removeEventListener('visibilitychange', visibility);
  };
}
