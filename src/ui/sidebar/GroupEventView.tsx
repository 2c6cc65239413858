import { useId, useState } from 'preact/hooks';
import type { ClassificationReason } from '../../domain/schemas';
import type { OverrideRequest } from './view-model';
import '../shared/theme.css';
import './sidebar.css';

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

function guestName(guest: GuestView): string {
  return guest.displayName?.trim() || guest.email;
}

/**
 * What the sidebar shows for an event that is not taken as a 1:1 (a group event, or one the
 * user marked as not a 1:1), when the wiring chooses to show anything: why, and "Treat as
 * 1:1 with <guest>" for this event or the whole series, or going back to automatic detection.
 */
export function GroupEventView({ meeting, guests, onOverride, onClearOverride, onClose }: GroupEventViewProps) {
  const idPrefix = useId();
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

  return (
    <aside class="occ-root occ-sidebar" aria-label={`1:1 Companion: ${meeting.title}`}>
      <header class="occ-header">
        <div class="occ-header__text">
          <h1 class="occ-header__name">Not a 1:1</h1>
          <p class="occ-header__meeting">{meeting.title}</p>
        </div>
        {onClose ? (
          <div class="occ-header__actions">
            <button type="button" class="occ-icon-button" aria-label="Close sidebar" title="Close" onClick={onClose}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ) : null}
      </header>
      <section class="occ-section" aria-labelledby={`${idPrefix}-why`}>
        <h2 id={`${idPrefix}-why`} class="occ-section__heading">
          Why
        </h2>
        {unmarkedScope ? (
          <p class="occ-row">
            <span>
              You marked {unmarkedScope === 'event' ? 'this event' : 'this series'} as not a 1:1.
            </span>
            <button type="button" class="occ-button occ-button--text" onClick={() => onClearOverride(unmarkedScope)}>
              Use automatic detection
            </button>
          </p>
        ) : (
          <p>
            This event has {meeting.guestCount} guests, so it isn't treated as a 1:1.
          </p>
        )}
      </section>
      <section class="occ-section" aria-labelledby={`${idPrefix}-treat`}>
        <h2 id={`${idPrefix}-treat`} class="occ-section__heading">
          Treat as 1:1
        </h2>
        {chosen ? (
          <>
            <label class="occ-field">
              <span class="occ-field__label">With</span>
              <select
                class="occ-select"
                value={chosen.email}
                onChange={(event) => setEmail(event.currentTarget.value)}
              >
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
      </section>
    </aside>
  );
}
