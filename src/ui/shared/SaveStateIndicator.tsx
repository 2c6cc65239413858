import './theme.css';

/**
 * Where a piece of text stands with respect to storage, as the wiring's autosave reports it.
 * - `idle`: nothing typed yet in this session (shows nothing, keeps its space).
 * - `saving`: a save is pending or running.
 * - `saved`: the last text typed is in storage.
 * - `unsaved`: the last save failed; `reason` says why in a few words ("storage is full").
 *   The text stays in the textbox; the storage problem banner carries the longer message.
 */
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'unsaved'; reason: string };

/** The words shown for a save state (exported for popup/options and tests). */
export function saveStateText(state: SaveState): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'unsaved':
      return `Not saved: ${state.reason}`;
  }
}

export interface SaveStateIndicatorProps {
  state: SaveState;
  /** Element id, so a textbox can point at it with aria-describedby. */
  id?: string;
}

/**
 * A one-line save indicator ("Saved" / "Saving…" / "Not saved: reason"). It always occupies the
 * same single line (long reasons are cut with an ellipsis, full text in the tooltip and for
 * screen readers) so the layout never shifts while someone types. It is not a live region:
 * announcing "Saving… Saved" after every pause in typing would drown a screen reader; failures
 * are announced by the storage problem banner instead.
 */
export function SaveStateIndicator({ state, id }: SaveStateIndicatorProps) {
  const text = saveStateText(state);
  return (
    <span id={id} class="occ-save-state" data-state={state.kind} title={text === '' ? undefined : text}>
      {state.kind === 'unsaved' ? (
        <span aria-hidden="true" class="occ-save-state__icon">
          !
        </span>
      ) : null}
      {text}
    </span>
  );
}
