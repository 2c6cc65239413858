// This meeting's two notes boxes: one NoteAutosaver each (src/storage/autosave.ts: ~300 ms after
// the last keystroke, on page hide, drafts in the extension page's localStorage, revision
// compare-and-set, retries), their states as the save indicators show them, and notes other tabs
// saved.
//
// The text handed to each box is the autosaver's own: what the user typed, or another tab's newer
// text when the box holds nothing unsaved (the autosaver decides). While the user types, the box
// gets back exactly what it sent, so it never jumps.
//
// A draft left by a page that went away before storing it, and that recoverDrafts could not store
// (the note was saved elsewhere after it was typed), is put back into its box when that meeting
// opens: the autosaver then saves it if it is the newer text or reports the conflict, so the user
// sees their words and decides. A draft only seconds old is another tab's live typing, not a
// leftover, and is left to that tab.
import type { Note, NoteKind } from '../../domain/schemas';
import {
  emptyNote,
  NoteAutosaver,
  systemClock,
  type AutosaveClock,
  type AutosaveState,
  type DraftStore,
  type SaveNoteResult,
} from '../../storage';
import type { SaveState } from '../../ui/shared/SaveStateIndicator';
import type { NotesState } from './presenter';

/** A draft at least this old belongs to no live editor. */
export const LEFTOVER_DRAFT_AGE_MS = 5_000;

export interface NotesControllerOptions {
  account: string;
  /** Stores a note (saveNote: revision compare-and-set), here or through the service worker. */
  save: (note: Note) => Promise<SaveNoteResult>;
  meetingId: string;
  personId: string;
  stored: { shared?: Note; private?: Note };
  drafts: DraftStore;
  clock?: AutosaveClock;
  debounceMs?: number;
  retryDelay?: (attempt: number) => number;
  /** A state or a text changed: render again. */
  onChange: () => void;
  /** A note was stored (the store's notices already told other tabs and the sync engine). */
  onSaved?: (note: Note) => void;
}

const KINDS: readonly NoteKind[] = ['shared', 'private'];

/** Words for a failed or refused save, short enough for the indicator under the box. */
function shortReason(state: Extract<AutosaveState, { kind: 'failed' }>): string {
  switch (state.failure) {
    case 'quota':
      return 'storage is full';
    case 'closed':
      return 'storage is closed; reload';
    case 'invalid-record':
      return 'the note could not be stored';
    default:
      return 'retrying';
  }
}

export const CONFLICT_SHORT = 'newer notes were saved elsewhere';
export const CONFLICT_MESSAGE =
  'Newer notes for this 1:1 were saved in another tab or window while you typed here. Your text is kept in the box; choose Retry to save it over the other version, or copy it before reloading.';

export class MeetingNotesController {
  private readonly savers = new Map<NoteKind, NoteAutosaver>();
  /** Whether the box was changed in this session (until then the indicator shows nothing). */
  private readonly touched = new Set<NoteKind>();
  private pinnedNow: number | undefined;
  private disposed = false;

  constructor(private readonly options: NotesControllerOptions) {
    const base = options.clock ?? systemClock;
    // A replayed draft is an edit made when it was typed, not now (see the top of this file).
    const clock: AutosaveClock = {
      now: () => this.pinnedNow ?? base.now(),
      setTimeout: (callback, ms) => base.setTimeout(callback, ms),
      clearTimeout: (handle) => base.clearTimeout(handle),
    };
    const { account, meetingId, personId } = options;
    for (const kind of KINDS) {
      const stored = options.stored[kind] ?? emptyNote(account, meetingId, personId, kind, base.now());
      const draft = options.drafts.get(account, stored.id);
      const leftover = draft !== undefined && draft.text !== stored.text && draft.editedAt <= base.now() - LEFTOVER_DRAFT_AGE_MS ? draft : undefined;
      // Based on the revision the draft was typed on, so a note saved since makes the save stale.
      const startNote = leftover ? { ...stored, revision: Math.min(stored.revision, leftover.baseRevision) } : stored;
      const saver = new NoteAutosaver({
        note: startNote,
        save: options.save,
        drafts: options.drafts,
        clock,
        ...(options.debounceMs !== undefined && { debounceMs: options.debounceMs }),
        ...(options.retryDelay !== undefined && { retryDelay: options.retryDelay }),
        onState: () => {
          this.touched.add(kind);
          this.changed();
        },
        onText: () => this.changed(),
        onSaved: (note) => options.onSaved?.(note),
      });
      this.savers.set(kind, saver);
      if (leftover) {
        this.pinnedNow = leftover.editedAt;
        try {
          saver.edit(leftover.text);
        } finally {
          this.pinnedNow = undefined;
        }
        this.touched.add(kind);
      }
    }
  }

  private changed(): void {
    if (!this.disposed) this.options.onChange();
  }

  private saver(kind: NoteKind): NoteAutosaver {
    return this.savers.get(kind)!;
  }

  /** The user changed a box: its whole text. */
  edit(kind: NoteKind, text: string): void {
    this.touched.add(kind);
    this.saver(kind).edit(text);
  }

  /** What the boxes show and how their saves stand. */
  state(): NotesState {
    return {
      sharedText: this.saver('shared').text,
      privateText: this.saver('private').text,
      sharedSaveState: this.saveState('shared'),
      privateSaveState: this.saveState('private'),
    };
  }

  saveState(kind: NoteKind): SaveState {
    const state = this.saver(kind).state;
    switch (state.kind) {
      case 'saved':
        return this.touched.has(kind) ? { kind: 'saved' } : { kind: 'idle' };
      case 'unsaved':
      case 'saving':
        return { kind: 'saving' };
      case 'failed':
        return { kind: 'unsaved', reason: shortReason(state) };
      case 'conflict':
        return { kind: 'unsaved', reason: CONFLICT_SHORT };
    }
  }

  /** The longer message for the storage banner when a save failed or met newer text; undefined when none did. */
  problem(): { reason: string } | undefined {
    for (const kind of KINDS) {
      const state = this.saver(kind).state;
      const box = kind === 'shared' ? 'Shared notes' : 'Private notes';
      if (state.kind === 'failed') return { reason: `${box}: ${state.reason}` };
      if (state.kind === 'conflict') return { reason: `${box}: ${CONFLICT_MESSAGE}` };
    }
    return undefined;
  }

  /** Whether a note id is one of this meeting's. */
  owns(noteId: string): boolean {
    return KINDS.some((kind) => this.saver(kind).base.id === noteId);
  }

  /** A note another tab (or the sync engine) stored. */
  receive(note: Note): void {
    const saver = this.savers.get(note.kind);
    if (saver && saver.base.id === note.id) saver.receive(note);
  }

  /** "Retry" in the banner: save a failed text now; over a conflict, keep the user's text. */
  retry(): Promise<void> {
    return Promise.all(KINDS.map((kind) => {
      const saver = this.saver(kind);
      return saver.state.kind === 'conflict' ? saver.keepMine() : saver.flush();
    })).then(() => undefined);
  }

  /** Saves whatever is unsaved now (closing the dialog, switching meetings). */
  flush(): Promise<void> {
    return Promise.all(KINDS.map((kind) => this.saver(kind).flush())).then(() => undefined);
  }

  /** The page is being hidden or unloaded. */
  pageHidden(): void {
    for (const saver of this.savers.values()) saver.pageHidden();
  }

  autosavers(): NoteAutosaver[] {
    return [...this.savers.values()];
  }

  /** Stops timers after starting a last save; drafts stay for recoverDrafts if it does not land. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const saver of this.savers.values()) {
      saver.pageHidden();
    }
    // The saves started above finish on their own; disposing only stops later retries.
    const savers = [...this.savers.values()];
    void Promise.all(savers.map((saver) => saver.flush())).finally(() => savers.forEach((saver) => saver.dispose()));
  }
}
