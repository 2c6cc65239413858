import { useId, useRef, useState } from 'preact/hooks';
import type { ClassificationReason } from '../../domain/schemas';
import type { OverrideRequest } from './view-model';
import '../shared/theme.css';
import './sidebar.css';
import './group-event.css';

export interface GuestView {
  email: string;
  displayName?: string;
}

export interface GroupEventViewProps {
  meeting: {
    title: string;
    isRecurring: boolean;
    /** 'unmarked-event' / 'unmarked-series' when the user said it is not a 1:1. */
    classificationReason: ClassificationReason;
    /** Human guests, the user included. */
    guestCount: number;
  };
  /** The guests other than the user, any of whom the 1:1 could be with. */
  guests: GuestView[];
  onOverride: (request: OverrideRequest) => void;
  onClearOverride: (scope: 'event' | 'series') => void;
  /** Shows a close button when given. */
  onClose?: () => void;
}

/**
 * The offer's accessible name. Deliberately not an `<aside>` (complementary landmark) and never
 * "1:1 with …": that landmark and name mean "the 1:1 sidebar appeared", which a group event must
 * not look like to assistive technology (or to the acceptance tests that act as its user).
 */
export const GROUP_EVENT_LABEL = '1:1 Companion: not a 1:1';

function guestName(guest: GuestView): string {
  return guest.displayName?.trim() || guest.email;
}

/**
 * The compact offer for an event that is not taken as a 1:1 (three or more guests, or marked
 * "not a 1:1" by the user), docked small beside the dialog: one quiet line, "Not a 1:1 ·
 * Treat as 1:1…", that expands into why, "Treat as 1:1 with <guest>" for this event or the whole
 * series, and going back to automatic detection when the user had marked it.
 */
export function GroupEventView({ meeting, guests, onOverride, onClearOverride, onClose }: GroupEventViewProps) {
  const idPrefix = useId();
  const panelId = `${idPrefix}-panel`;
  const toggleRef = useRef<HTMLButtonElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [email, setEmail] = useState<string | undefined>(undefined);
  const chosen = guests.find((guest) => guest.email === email) ?? guests[0];
  const unmarkedScope =
    meeting.classificationReason === 'unmarked-event'
      ? 'event'
      : meeting.classificationReason === 'unmarked-series'
        ? 'series'
        : undefined;

  const treat = (scope: 'event' | 'series') => {
    if (!chosen) return;
    onOverride({ scope, isOneOnOne: true, personEmail: chosen.email });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !expanded) return;
    event.preventDefault();
    setExpanded(false);
    toggleRef.current?.focus();
  };

  return (
    <section class="occ-root occ-offer" aria-label={GROUP_EVENT_LABEL} onKeyDown={onKeyDown}>
      <div class="occ-offer__line">
        <span class="occ-offer__status">Not a 1:1</span>
        {/* Spaces for text read out of the line (copied, or a screen reader's line view); the gap spaces it on screen. */}
        <span class="occ-offer__dot" aria-hidden="true">
          {' · '}
        </span>
        <button
          ref={toggleRef}
          type="button"
          class="occ-button occ-button--text occ-offer__toggle"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={panelId}
          onClick={() => setExpanded(!expanded)}
        >
          Treat as 1:1…
        </button>
        {onClose ? (
          <button type="button" class="occ-icon-button occ-icon-button--small" aria-label="Close sidebar" title="Close" onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
      </div>
      <div id={panelId} class="occ-offer__panel" hidden={!expanded}>
        {unmarkedScope ? (
          <p class="occ-row">
            <span>You marked {unmarkedScope === 'event' ? 'this event' : 'this series'} as not a 1:1.</span>
            <button type="button" class="occ-button occ-button--text" onClick={() => onClearOverride(unmarkedScope)}>
              Use automatic detection
            </button>
          </p>
        ) : (
          <p class="occ-offer__why">This event has {meeting.guestCount} guests, so it isn't treated as a 1:1.</p>
        )}
        {chosen ? (
          <>
            <label class="occ-field">
              <span class="occ-field__label">With</span>
              <select class="occ-select" value={chosen.email} onChange={(event) => setEmail(event.currentTarget.value)}>
                {guests.map((guest) => (
                  <option key={guest.email} value={guest.email}>
                    {guest.displayName?.trim() ? `${guest.displayName.trim()} (${guest.email})` : guest.email}
                  </option>
                ))}
              </select>
            </label>
            <div class="occ-row occ-row--end">
              <button
                type="button"
                class="occ-button"
                aria-label={`Treat this event as a 1:1 with ${guestName(chosen)}`}
                onClick={() => treat('event')}
              >
                This event
              </button>
              {meeting.isRecurring ? (
                <button
                  type="button"
                  class="occ-button"
                  aria-label={`Treat the whole series as 1:1s with ${guestName(chosen)}`}
                  onClick={() => treat('series')}
                >
                  Whole series
                </button>
              ) : null}
            </div>
          </>
        ) : (
          <p class="occ-empty">There is no other guest to hold a 1:1 with.</p>
        )}
      </div>
    </section>
  );
}
