import { useEffect, useRef, useState } from 'preact/hooks';
import './theme.css';

/** How long an undo stays offered by default. */
export const UNDO_WINDOW_MS = 6_000;

/** One undoable thing that just happened. */
export interface UndoToastItem {
  /** Identifies this occurrence: a new key restarts the timer. */
  key: string;
  /** What happened, shown as text ("Closed: Send the deck"). */
  message: string;
  /** Accessible name of the Undo button ("Undo closing Send the deck"). */
  undoName: string;
}

export interface UndoToastProps {
  /** The toast to show, or null for none. The live region stays in the page either way. */
  toast: UndoToastItem | null;
  /** The user chose Undo for the toast with this key. */
  onUndo: (key: string) => void;
  /** The toast with this key timed out or was dismissed; the parent should drop it. */
  onDismiss: (key: string) => void;
  /** Milliseconds before it goes away; the clock stops while the pointer or focus is on it. */
  durationMs?: number;
}

/**
 * "Closed: Send the deck — Undo" for a few seconds. The surrounding live region is always
 * rendered (a region inserted together with its text is not reliably announced). The timer
 * pauses while the pointer or keyboard focus is on the toast and starts over when they leave,
 * so nobody loses the undo while reaching for it (WCAG 2.2.1). Escape with focus on it dismisses it.
 */
export function UndoToast({ toast, onUndo, onDismiss, durationMs = UNDO_WINDOW_MS }: UndoToastProps) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const onDismissRef = useRef(onDismiss);
  onDismissRef.current = onDismiss;
  const key = toast?.key;
  const paused = hovered || focused;

  useEffect(() => {
    if (key === undefined || paused) return undefined;
    const timer = setTimeout(() => onDismissRef.current(key), durationMs);
    return () => clearTimeout(timer);
  }, [key, paused, durationMs]);

  // A toast that goes away while focused must not leave the pause state behind for the next one.
  useEffect(() => {
    setHovered(false);
    setFocused(false);
  }, [key]);

  return (
    <div class="occ-toast-region" role="status" aria-live="polite">
      {toast ? (
        <div
          class="occ-toast"
          onMouseEnter={() => setHovered(true)}
          onMouseLeave={() => setHovered(false)}
          onFocusIn={() => setFocused(true)}
          onFocusOut={(event) => {
            const next = event.relatedTarget;
            if (!(next instanceof Node) || !event.currentTarget.contains(next)) setFocused(false);
          }}
          onKeyDown={(event) => {
            // Escape on the toast dismisses it (and nothing else: the sidebar does not close).
            if (event.key !== 'Escape') return;
            event.preventDefault();
            onDismiss(toast.key);
          }}
        >
          <span class="occ-toast__message">{toast.message}</span>
          <button type="button" class="occ-button occ-button--text" aria-label={toast.undoName} onClick={() => onUndo(toast.key)}>
            Undo
          </button>
          <button
            type="button"
            class="occ-icon-button"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => onDismiss(toast.key)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
