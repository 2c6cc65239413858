import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { MeetingView, OverrideRequest } from './view-model';
import './sidebar.css';

export interface MeetingMenuProps {
  meeting: MeetingView;
  onOverride: (request: OverrideRequest) => void;
  onClearOverride: (scope: 'event' | 'series') => void;
  onSetMarkedHeld: (held: boolean) => void;
}

interface MenuEntry {
  label: string;
  run: () => void;
}

/** The choices the menu offers for a 1:1, in order (exported for tests and the options page). */
export function meetingMenuEntries({ meeting, onOverride, onClearOverride, onSetMarkedHeld }: MeetingMenuProps): MenuEntry[] {
  const entries: MenuEntry[] = [];
  if (meeting.canMarkHeld) {
    entries.push(
      meeting.markedHeld
        ? { label: 'Unmark as held', run: () => onSetMarkedHeld(false) }
        : { label: 'Mark as held', run: () => onSetMarkedHeld(true) },
    );
  }
  if (meeting.classificationReason === 'marked-event') {
    entries.push({ label: 'Use automatic 1:1 detection for this event', run: () => onClearOverride('event') });
  } else if (meeting.classificationReason === 'marked-series') {
    entries.push({ label: 'Use automatic 1:1 detection for the series', run: () => onClearOverride('series') });
  }
  entries.push({ label: 'Not a 1:1: this event', run: () => onOverride({ scope: 'event', isOneOnOne: false }) });
  if (meeting.isRecurring) {
    entries.push({ label: 'Not a 1:1: whole series', run: () => onOverride({ scope: 'series', isOneOnOne: false }) });
  }
  return entries;
}

/**
 * "1:1 options": a disclosure button with a short list of actions (mark as held, not a 1:1 for
 * this event or the series, undo a manual mark). A disclosure of plain buttons rather than an
 * ARIA menu: every screen reader handles it, Tab and arrow keys both move through it, Escape
 * closes it and gives focus back to the button.
 */
export function MeetingMenu(props: MeetingMenuProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLUListElement>(null);
  const entries = meetingMenuEntries(props);

  useEffect(() => {
    if (open) panelRef.current?.querySelector('button')?.focus();
  }, [open]);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) triggerRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = Array.from(panelRef.current?.querySelectorAll('button') ?? []);
    if (buttons.length === 0) return;
    event.preventDefault();
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    buttons[(at + step + buttons.length) % buttons.length]?.focus();
  };

  return (
    <div
      class="occ-menu"
      onFocusOut={(event) => {
        const next = event.relatedTarget;
        if (open && next instanceof Node && !event.currentTarget.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={triggerRef}
        type="button"
        class="occ-icon-button"
        aria-label="1:1 options"
        title="1:1 options"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.preventDefault();
            close(true);
          }
        }}
      >
        <span aria-hidden="true">⋮</span>
      </button>
      <ul id={panelId} ref={panelRef} class="occ-menu__panel" hidden={!open} aria-label="1:1 options" onKeyDown={onKeyDown}>
        {entries.map((entry) => (
          <li key={entry.label}>
            <button
              type="button"
              class="occ-menu__item"
              onClick={() => {
                close(true);
                entry.run();
              }}
            >
              {entry.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
