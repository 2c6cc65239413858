// What the content script reads from Google Calendar's page: the event whose detail dialog or
// full event page is open. Types only (no DOM, no zod): the content script, the messages and the
// background all share them, and the content script must stay small.

export type PageSurface = 'dialog' | 'event-page';

export interface PageGuest {
  /** Lower case. */
  email: string;
  /** Absent when the page shows only the address. */
  displayName?: string;
  /** The page marks this guest as the organiser (in any of the locales we know). */
  organizer: boolean;
  /** A room or other resource (`@resource.calendar.google.com`). */
  resource: boolean;
  /** Only 'declined' is read from the page, and only where the page shows it. */
  responseStatus?: 'declined';
}

export interface PageEvent {
  /** The encoded reference as the page carries it (`data-eventid` or the URL's eid). */
  eid: string;
  eventId: string;
  calendarId: string;
  /** For a recurring instance: the series' event id. */
  seriesId?: string;
  title: string;
  /** The dialog's time row as shown (localised free text), when present. */
  timeText?: string;
  guests: PageGuest[];
  /**
   * The guest section has rendered, or the dialog stayed unchanged long enough that no guest
   * section is coming (an event without guests). Until then an empty `guests` means "not yet".
   */
  guestsComplete: boolean;
  /** The signed-in account's address from the Google bar (`Google Account: Name (email)`). */
  accountEmail?: string;
  /** The signed-in account's display name from the same label. */
  accountName?: string;
  /** `<n>` of `/calendar/u/<n>/`. */
  accountIndex: number;
  surface: PageSurface;
}
