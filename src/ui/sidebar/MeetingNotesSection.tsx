import { useId, useRef } from 'preact/hooks';
import type { NotesTextareaController } from '../shared/NotesTextarea';
import { NotesTextarea } from '../shared/NotesTextarea';
import { SaveStateIndicator } from '../shared/SaveStateIndicator';
import { hasO3Template, withO3Template } from './o3-template';
import type { MeetingNotesView } from './view-model';
import './sidebar.css';

export interface MeetingNotesSectionProps {
  notes: MeetingNotesView;
  /** The other person's full name, for the shared box's label ("Dana Reyes can read these…", "meant for Dana Reyes, but…"). */
  personFullName: string;
  /** Every change to the shared notes, with the whole text. */
  onSharedNotesInput: (text: string) => void;
  /** Every change to the private notes, with the whole text. */
  onPrivateNotesInput: (text: string) => void;
}

/**
 * Who reads the shared notes, as the label says it: the other person in the event, unless the
 * event cannot be written (then they are meant for them but stay here, and the label says why).
 */
function sharedHint(notes: MeetingNotesView, personFullName: string): string {
  const local = notes.sharedStaysLocal;
  return local ? ` — meant for ${personFullName}, but ${local.reason}, so they stay in this browser` : ` — ${personFullName} can read these in the calendar event`;
}

/**
 * This meeting's two notes boxes, each labelled with who can read it and followed by its save
 * indicator; "Insert O3 template" (when offered and not already there) appends the three
 * parts to the shared notes and puts the caret under the first heading.
 */
export function MeetingNotesSection({ notes, personFullName, onSharedNotesInput, onPrivateNotesInput }: MeetingNotesSectionProps) {
  const idPrefix = useId();
  const headingId = `${idPrefix}-heading`;
  const sharedId = `${idPrefix}-shared`;
  const privateId = `${idPrefix}-private`;
  const sharedController = useRef<NotesTextareaController | null>(null);
  const loading = notes.loading ?? false;
  const showTemplateButton = notes.offerO3Template && !loading && !hasO3Template(notes.sharedText);

  return (
    <section class="occ-section" aria-labelledby={headingId}>
      <h2 id={headingId} class="occ-section__heading">
        Notes for this 1:1
      </h2>
      <div class="occ-notes-field">
        <label for={sharedId} class="occ-notes-field__label">
          <span class="occ-notes-field__name">Shared notes</span>
          <span class="occ-notes-field__hint">{sharedHint(notes, personFullName)}</span>
        </label>
        <NotesTextarea
          id={sharedId}
          value={notes.sharedText}
          onInput={onSharedNotesInput}
          loading={loading}
          describedBy={`${sharedId}-state`}
          controllerRef={sharedController}
        />
        <div class="occ-notes-field__footer">
          <SaveStateIndicator id={`${sharedId}-state`} state={notes.sharedSaveState} />
          {showTemplateButton ? (
            <button
              type="button"
              class="occ-button occ-button--text"
              onClick={() => {
                const current = sharedController.current;
                if (!current) return;
                // The box's own text: it may be ahead of the props while a save is in flight.
                const next = withO3Template(current.getText());
                current.replaceText(next.text, next.caret);
              }}
            >
              Insert O3 template
            </button>
          ) : null}
        </div>
      </div>
      <div class="occ-notes-field occ-notes-field--private">
        <label for={privateId} class="occ-notes-field__label">
          <span class="occ-notes-field__name">Private notes</span>
          <span class="occ-notes-field__hint"> — only in this browser, never synced</span>
        </label>
        <NotesTextarea
          id={privateId}
          value={notes.privateText}
          onInput={onPrivateNotesInput}
          loading={loading}
          describedBy={`${privateId}-state`}
        />
        <div class="occ-notes-field__footer">
          <SaveStateIndicator id={`${privateId}-state`} state={notes.privateSaveState} />
        </div>
      </div>
    </section>
  );
}
