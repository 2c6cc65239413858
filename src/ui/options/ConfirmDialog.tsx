import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

export interface ConfirmDialogProps {
  /** The question, e.g. "Merge Dana R. into Dana Reyes?" (the dialog's accessible name). */
  title: string;
  /** What will happen, in sentences (the dialog's description). */
  children: ComponentChildren;
  /** The confirming button's text, e.g. "Merge". */
  confirmLabel: string;
  onConfirm: () => void;
  /** Cancel, Escape, or closing the dialog. */
  onCancel: () => void;
  /** While the action runs: buttons disabled. */
  busy?: boolean;
  /** A refusal to show inside the dialog. */
  error?: string;
  /** Prefix for element ids (unique on the page). */
  idPrefix: string;
}

/**
 * A modal confirmation on the native <dialog> (showModal): the page behind is inert, focus stays
 * inside, Escape cancels, and focus returns to whatever opened it. Cancel has the initial focus
 * so a stray Enter does not confirm something that moves data.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, busy, error, idPrefix }: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const onCancelRef = useRef(onCancel);
  onCancelRef.current = onCancel;

  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return undefined;
    const opener = dialog.ownerDocument.activeElement;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    cancelRef.current?.focus();
    return () => {
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return undefined;
    // The browser closes a modal dialog on Escape; keep the parent's state the source of truth.
    const cancel = (event: Event) => {
      event.preventDefault();
      onCancelRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => dialog.removeEventListener('cancel', cancel);
  }, []);

  const titleId = `${idPrefix}-title`;
  const bodyId = `${idPrefix}-body`;
  const errorId = `${idPrefix}-error`;
  return (
    <dialog
      ref={dialogRef}
      class="occ-dialog"
      aria-labelledby={titleId}
      aria-describedby={error ? `${bodyId} ${errorId}` : bodyId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancelRef.current();
        }
      }}
    >
      <h2 id={titleId} class="occ-dialog__title">
        {title}
      </h2>
      <div id={bodyId} class="occ-dialog__body">
        {children}
      </div>
      {error ? (
        <p id={errorId} class="occ-field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="occ-dialog__actions">
        <button ref={cancelRef} type="button" class="occ-button occ-button--text" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" class="occ-button occ-button--filled" onClick={onConfirm} disabled={busy}>
          {busy ? `${confirmLabel}…` : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
