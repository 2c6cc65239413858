// Where the popup's and options page's buttons lead: Google Calendar's pages and the options
// page's own views. Pure: URLs from records.
import { encodeEventRef } from '../domain/event-id';
import type { Meeting, Person } from '../domain/schemas';
import type { OptionsSectionId } from '../ui/options/view-model';

export const CALENDAR_URL = 'https://calendar.google.com/calendar/r';

/**
 * Calendar's new-event page with the person as guest. `/r/eventedit` takes `text` (the title)
 * and `add` (guest addresses) without `action=TEMPLATE`; with two human guests the event is a
 * 1:1 whatever its title. A person known by name only gets a title that names the 1:1 instead.
 */
export function scheduleOneOnOneUrl(person: Pick<Person, 'email' | 'displayName'>): string {
  const params = new URLSearchParams();
  if (person.email) {
    params.set('text', '1:1');
    params.set('add', person.email);
  } else {
    params.set('text', `1:1 with ${person.displayName}`);
  }
  return `${CALENDAR_URL}/eventedit?${params.toString()}`;
}

/** Calendar's page of one event (`/r/eventedit/<eid>`), or undefined for a 1:1 logged off the calendar. */
export function meetingUrl(meeting: Pick<Meeting, 'eventId' | 'calendarId' | 'source'>): string | undefined {
  if (meeting.source !== 'calendar' || !meeting.eventId || !meeting.calendarId) return undefined;
  return `${CALENDAR_URL}/eventedit/${encodeEventRef({ eventId: meeting.eventId, calendarId: meeting.calendarId })}`;
}

// ---------------------------------------------------------------------------------------------
// The options page's place, kept in its URL hash: `#people`, `#backup`, `#person=<id>`.

export type OptionsPlace = { section: OptionsSectionId; personId?: string };

const SECTIONS: readonly OptionsSectionId[] = ['people', 'targets', 'days-off', 'backup', 'account', 'settings'];

export function optionsHash(place: OptionsPlace): string {
  if (place.personId !== undefined) return `#person=${encodeURIComponent(place.personId)}`;
  return `#${place.section}`;
}

/** Reads a hash; anything unknown is the People section. */
export function parseOptionsHash(hash: string): OptionsPlace {
  const text = hash.replace(/^#/, '');
  if (text.startsWith('person=')) {
    let personId: string;
    try {
      personId = decodeURIComponent(text.slice('person='.length));
    } catch {
      return { section: 'people' };
    }
    return personId === '' ? { section: 'people' } : { section: 'people', personId };
  }
  const section = SECTIONS.find((id) => id === text);
  return { section: section ?? 'people' };
}
