// Reads the open event from Google Calendar's page: a visible detail dialog holding a decodable
// `data-eventid`, or the full event page (`/calendar/u/<n>/r/eventedit/<eid>`). Selectors come
// from ./selectors.ts only. Never throws: a page that does not fit gives `unrecognised` with the
// reason, for one console line.
import { accountIndexFromUrl, decodeEventRef, eidFromEventEditUrl, type EventRef } from '../domain/event-id';
import type { PageEvent, PageGuest } from './page-event';
import {
  DECLINED_WORDS,
  ORGANIZER_WORDS,
  RESOURCE_DOMAIN,
  SELECTORS,
  allOfFirstMatch,
  firstMatch,
} from './selectors';

export type PageReading =
  /** `root` is the dialog element (surface 'dialog') or the main region (surface 'event-page'). */
  | { kind: 'event'; event: PageEvent; root: Element }
  | { kind: 'none' }
  /** Something that should be an event is there, but the selectors do not fit it. */
  | { kind: 'unrecognised'; problem: string };

/** The open event, if any: the event page when the URL is one, else a visible event dialog. */
export function readCalendarPage(doc: Document, url: string): PageReading {
  const eid = eidFromEventEditUrl(url);
  if (eid !== undefined) return readEventPage(doc, url, eid);
  return readEventDialog(doc, url);
}

/**
 * Cheap visibility: connected, not inside `hidden` / `aria-hidden="true"`, and rendered (has a
 * box). One `getClientRects` per candidate dialog, never `getComputedStyle`.
 */
export function isShown(element: Element): boolean {
  if (!element.isConnected) return false;
  if (element.closest('[hidden],[aria-hidden="true"]') !== null) return false;
  return element.getClientRects().length > 0;
}

/** The visible dialogs holding a decodable event reference, topmost (last in the DOM) first. */
export function findEventDialogs(doc: Document): { dialog: Element; holder: Element; ref: EventRef }[] {
  const found: { dialog: Element; holder: Element; ref: EventRef }[] = [];
  const dialogs = doc.querySelectorAll(SELECTORS.dialog);
  for (let i = dialogs.length - 1; i >= 0; i--) {
    const dialog = dialogs[i]!;
    if (!isShown(dialog)) continue;
    const held = eventRefIn(dialog);
    if (held) found.push({ dialog, ...held });
  }
  return found;
}

export function readEventDialog(doc: Document, url: string): PageReading {
  const [open] = findEventDialogs(doc);
  if (open === undefined) return unrecognisedDialog(doc);
  const { dialog, holder, ref } = open;
  const guestsRoot = dialog;
  const guests = readGuests(guestsRoot);
  const event: PageEvent = {
    eid: holder.getAttribute('data-eventid')!.trim(),
    ...refFields(ref),
    title: dialogTitle(doc, dialog),
    ...optional('timeText', rowText(firstMatch(dialog, SELECTORS.dialogTime))),
    guests,
    guestsComplete: guests.length > 0 || firstMatch(dialog, SELECTORS.guestSection) !== null,
    ...readAccount(doc),
    accountIndex: accountIndexFromUrl(url),
    surface: 'dialog',
  };
  return { kind: 'event', event, root: dialog };
}

/**
 * The full event page. Its markup is NOT verified against the real page (see selectors.ts):
 * the eid comes from the URL, the title from the main region's title input, guests from
 * `[data-email]` rows.
 */
export function readEventPage(doc: Document, url: string, eid: string): PageReading {
  const decoded = decodeEventRef(eid);
  // A new event or a copy has no decodable eid: not an existing event.
  if (!decoded.ok) return { kind: 'none' };
  const main = doc.querySelector(SELECTORS.main) ?? doc.body;
  if (main === null) return { kind: 'unrecognised', problem: 'the event page has no main region' };
  const titleInput = firstMatch(doc, SELECTORS.eventPageTitle);
  const guests = readGuests(main);
  if (titleInput === null && guests.length === 0) {
    return { kind: 'unrecognised', problem: 'the event page shows neither a title field nor guests' };
  }
  const event: PageEvent = {
    eid,
    ...refFields(decoded.value),
    title: titleInput === null ? '' : inputValue(titleInput),
    guests,
    guestsComplete: guests.length > 0,
    ...readAccount(doc),
    accountIndex: accountIndexFromUrl(url),
    surface: 'event-page',
  };
  return { kind: 'event', event, root: main };
}

/** Guests listed under `root`, one per address (rows repeated by nested markup are merged). */
export function readGuests(root: ParentNode): PageGuest[] {
  const byEmail = new Map<string, PageGuest>();
  for (const row of allOfFirstMatch(root, SELECTORS.guestRows)) {
    const email = guestEmail(row);
    if (email === undefined) continue;
    const label = row.getAttribute('aria-label') ?? '';
    const text = row.textContent ?? '';
    const displayName = guestName(row, email);
    const guest: PageGuest = {
      email,
      ...optional('displayName', displayName),
      organizer: mentionsAny(label, ORGANIZER_WORDS) || mentionsAny(text, ORGANIZER_WORDS),
      resource: RESOURCE_DOMAIN.test(email),
      ...(mentionsAny(label, DECLINED_WORDS) || mentionsAny(text, DECLINED_WORDS)
        ? { responseStatus: 'declined' as const }
        : {}),
    };
    const seen = byEmail.get(email);
    if (seen === undefined) {
      byEmail.set(email, guest);
    } else {
      if (seen.displayName === undefined && guest.displayName !== undefined) seen.displayName = guest.displayName;
      seen.organizer ||= guest.organizer;
      if (guest.responseStatus !== undefined) seen.responseStatus = guest.responseStatus;
    }
  }
  return [...byEmail.values()];
}

/** The signed-in account from the Google bar's account button: `… : Name (email)`. */
export function readAccount(doc: Document): { accountEmail?: string; accountName?: string } {
  const button = firstMatch(doc, SELECTORS.accountButton);
  const label = button?.getAttribute('aria-label');
  if (label == null) return {};
  const match = /^(?:[^:：]*[:：])?\s*(.*?)\s*\(\s*([^()\s]+@[^()\s]+)\s*\)\s*$/u.exec(label);
  if (!match) return {};
  const name = match[1]?.trim() ?? '';
  return { accountEmail: match[2]!.toLowerCase(), ...(name === '' ? {} : { accountName: name }) };
}

// ---------------------------------------------------------------------------------------------

function refFields(ref: EventRef): Pick<PageEvent, 'eventId' | 'calendarId' | 'seriesId'> {
  return { eventId: ref.eventId, calendarId: ref.calendarId, ...optional('seriesId', ref.seriesId) };
}

function eventRefIn(dialog: Element): { holder: Element; ref: EventRef } | undefined {
  const holders = dialog.matches(SELECTORS.eventIdHolder)
    ? [dialog, ...dialog.querySelectorAll(SELECTORS.eventIdHolder)]
    : dialog.querySelectorAll(SELECTORS.eventIdHolder);
  for (const holder of holders) {
    // Reminders and tasks carry ids that do not decode: they are not calendar events.
    const decoded = decodeEventRef(holder.getAttribute('data-eventid') ?? '');
    if (decoded.ok) return { holder, ref: decoded.value };
  }
  return undefined;
}

/**
 * No event dialog: but a visible dialog that looks like one (the captured event body, or guest
 * rows) without a decodable id means the page changed under us. The quick-create dialog has
 * neither and is simply not an event.
 */
function unrecognisedDialog(doc: Document): PageReading {
  for (const dialog of doc.querySelectorAll(SELECTORS.dialog)) {
    if (dialog.querySelector(`${SELECTORS.eventDialogBody},[role="treeitem"][data-email]`) === null) continue;
    if (dialog.querySelector(SELECTORS.eventIdHolder) !== null) continue; // a reminder or task
    if (!isShown(dialog)) continue;
    return { kind: 'unrecognised', problem: 'an event dialog is open but carries no event id' };
  }
  return { kind: 'none' };
}

function dialogTitle(doc: Document, dialog: Element): string {
  // The dialog's own accessible name first: it is what Calendar says the title is.
  const labelledBy = dialog.getAttribute('aria-labelledby');
  if (labelledBy) {
    const parts = labelledBy
      .split(/\s+/)
      .map((id) => doc.getElementById(id))
      .filter((element): element is HTMLElement => element !== null && dialog.contains(element))
      .map((element) => textOf(element) ?? '');
    const joined = parts.join(' ').trim();
    if (joined !== '') return joined;
  }
  return textOf(firstMatch(dialog, SELECTORS.dialogTitle)) ?? '';
}

function inputValue(element: Element): string {
  const value = 'value' in element && typeof element.value === 'string' ? element.value : element.getAttribute('value');
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

const EMAIL = /^[^\s@()<>,;:"]+@[^\s@()<>,;:"]+\.[^\s@()<>,;:"]+$/;

function guestEmail(row: Element): string | undefined {
  const candidates = [
    row.getAttribute('data-email'),
    row.getAttribute('data-hovercard-id'),
    row.querySelector('[data-email]')?.getAttribute('data-email'),
    row.querySelector('[data-hovercard-id]')?.getAttribute('data-hovercard-id'),
  ];
  for (const candidate of candidates) {
    const email = candidate?.trim().toLowerCase();
    if (email && EMAIL.test(email)) return email;
  }
  // Rows without address attributes (the `jsname` fallback) show the address when there is no name.
  const shown = textOf(row)?.toLowerCase();
  return shown !== undefined && EMAIL.test(shown) ? shown : undefined;
}

/**
 * The name shown on a guest row: the first leaf span with text that is not the address or a
 * status word; then the observed `.SDqFWd span`; then the label's first part. Undefined when the
 * page shows only the address.
 */
function guestName(row: Element, email: string): string | undefined {
  const isName = (text: string | undefined): text is string =>
    text !== undefined &&
    text !== '' &&
    text.toLowerCase() !== email &&
    !EMAIL.test(text) &&
    !isOnlyWords(text, ORGANIZER_WORDS) &&
    !isOnlyWords(text, DECLINED_WORDS);
  for (const span of row.querySelectorAll('span')) {
    if (span.childElementCount > 0) continue;
    const text = textOf(span);
    if (isName(text)) return text;
  }
  const observed = textOf(row.querySelector(SELECTORS.guestNameSpan));
  if (isName(observed)) return observed;
  const fromLabel = row.getAttribute('aria-label')?.split(/[,，、]/)[0]?.trim();
  if (isName(fromLabel)) return fromLabel;
  return undefined;
}

/** A row's text with its block children kept apart ("3:00 – 3:30pm · Weekly on Monday"). */
function rowText(element: Element | null): string | undefined {
  if (element === null) return undefined;
  if (element.children.length === 0) return textOf(element);
  const parts = [...element.children].map((child) => textOf(child)).filter((text) => text !== undefined);
  return parts.length === 0 ? textOf(element) : parts.join(' · ');
}

function textOf(element: Element | null | undefined): string | undefined {
  const text = element?.textContent?.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

const BOUNDED_SCRIPT = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
const LETTER = /[\p{L}\p{M}]/u;

/** Whether `text` contains one of `words` as a word (any case; CJK words anywhere). */
export function mentionsAny(text: string, words: readonly string[]): boolean {
  const lower = text.toLowerCase();
  for (const word of words) {
    const bounded = BOUNDED_SCRIPT.test(word);
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
      if (!bounded) return true;
      const before = lower[at - 1];
      const after = lower[at + word.length];
      if ((before === undefined || !LETTER.test(before)) && (after === undefined || !LETTER.test(after))) return true;
    }
  }
  return false;
}

function isOnlyWords(text: string, words: readonly string[]): boolean {
  const stripped = text.toLowerCase().replace(/[()[\]·•,.:\s-]+/g, '');
  return words.some((word) => word.replace(/\s+/g, '') === stripped);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
