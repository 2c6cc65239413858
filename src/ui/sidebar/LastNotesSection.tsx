import { useId } from 'preact/hooks';
import { formatDayWithRelative } from '../shared/relative-date';
import type { LastNotesView } from './view-model';
import './sidebar.css';

export interface LastNotesSectionProps {
  lastNotes: LastNotesView;
  today: string;
  /** What sentences call the person ("Dana"). */
  personShortName: string;
  /** Show the notes of the 1:1 before the one shown. */
  onShowOlderNotes: () => void;
  /** Show the notes of the 1:1 after the one shown (back towards the most recent). */
  onShowNewerNotes: () => void;
}

/**
 * "Last notes": the shared and private notes of the most recent earlier 1:1 that has notes,
 * with its date, and Older/Newer buttons to page through earlier ones. Notes keep their line
 * breaks and are rendered as text.
 */
export function LastNotesSection({ lastNotes, today, personShortName, onShowOlderNotes, onShowNewerNotes }: LastNotesSectionProps) {
  const headingId = useId();
  return (
    <section class="occ-section" aria-labelledby={headingId} aria-busy={lastNotes.state === 'loading' ? 'true' : undefined}>
      <h2 id={headingId} class="occ-section__heading">
        Last notes
      </h2>
      <LastNotesBody
        lastNotes={lastNotes}
        today={today}
        personShortName={personShortName}
        onShowOlderNotes={onShowOlderNotes}
        onShowNewerNotes={onShowNewerNotes}
      />
    </section>
  );
}

function LastNotesBody({ lastNotes, today, personShortName, onShowOlderNotes, onShowNewerNotes }: LastNotesSectionProps) {
  switch (lastNotes.state) {
    case 'loading':
      return <p class="occ-muted">Loading notes…</p>;
    case 'none':
      return <p class="occ-empty">No notes from an earlier 1:1 with {personShortName} yet</p>;
    case 'error':
      return <p class="occ-error-text">Couldn't show earlier notes: {lastNotes.message}</p>;
    case 'loaded': {
      const shared = lastNotes.sharedText.trim() !== '';
      const privateNotes = lastNotes.privateText.trim() !== '';
      return (
        <>
          <p class="occ-last-notes__date">
            <span class="occ-last-notes__day">{formatDayWithRelative(lastNotes.day, today)}</span>
            {lastNotes.title !== undefined && lastNotes.title !== '' ? (
              <span class="occ-muted"> · {lastNotes.title}</span>
            ) : null}
          </p>
          {shared ? (
            <div class="occ-note-card">
              <p class="occ-note-card__label">Shared</p>
              <p class="occ-note-card__text">{lastNotes.sharedText}</p>
            </div>
          ) : null}
          {privateNotes ? (
            <div class="occ-note-card occ-note-card--private">
              <p class="occ-note-card__label">Private: only you see these</p>
              <p class="occ-note-card__text">{lastNotes.privateText}</p>
            </div>
          ) : null}
          {!shared && !privateNotes ? <p class="occ-empty">That 1:1 has no notes.</p> : null}
          {lastNotes.hasOlder || lastNotes.hasNewer ? (
            <div class="occ-pager" role="group" aria-label="Earlier notes">
              <button type="button" class="occ-button occ-button--text" aria-label="Older notes" disabled={!lastNotes.hasOlder} onClick={onShowOlderNotes}>
                <span aria-hidden="true">‹</span> Older
              </button>
              <button type="button" class="occ-button occ-button--text" aria-label="Newer notes" disabled={!lastNotes.hasNewer} onClick={onShowNewerNotes}>
                Newer <span aria-hidden="true">›</span>
              </button>
            </div>
          ) : null}
        </>
      );
    }
  }
}
