// The messages between Calendar's content script, the background and the sidebar iframe.
// Types and constants only (no zod, no browser calls): the content script imports this file and
// must stay small. The background and the sidebar validate what they receive with ./schemas.ts.
//
//   content script ──sendMessage(PageEventMessage)──▶ background ──▶ PageVerdict (the response)
//   content script ──connect(CONTENT_PORT)──▶ background     (liveness only, while the dock shows)
//   sidebar iframe ──connect(SIDEBAR_PORT), SidebarHello──▶ background
//   background ──SidebarContextMessage──▶ sidebar iframe     (now, and on every change)
//   sidebar iframe ──sendMessage(RedecideMessage)──▶ background (after a "1:1 / not a 1:1" mark)
//   background ──tabs.sendMessage(PageVerdictMessage)──▶ content script (a re-decided verdict)
//   sidebar iframe ──postMessage(EXTENSION_GONE_MESSAGE)──▶ content script (a hint to check)
//   sidebar iframe ──postMessage(SIDEBAR_SIZE_MESSAGE)──▶ content script (the offer's height)
//   sidebar iframe ──postMessage(SIDEBAR_CLOSE_DIALOG_MESSAGE)──▶ content script (Escape pressed)
//
// The sidebar learns which event it shows only from the background, never from
// window.postMessage: the background pairs it with the content script of the same tab
// (sender.tab.id, set by the browser) and the same dock (the random `host` token the content
// script put into the iframe's URL).
import type { Classification } from '../domain/classify';
import type { PageEvent } from '../calendar-page/page-event';

export const PAGE_EVENT_MESSAGE = 'one-on-one/calendar-page-event' as const;
export const CONTENT_PORT = 'one-on-one/calendar-page' as const;
export const SIDEBAR_PORT = 'one-on-one/sidebar' as const;
export const SIDEBAR_HELLO = 'one-on-one/sidebar-hello' as const;
export const SIDEBAR_CONTEXT = 'one-on-one/sidebar-context' as const;
/**
 * Sidebar iframe → its host page, by window.postMessage: "the extension is gone". Chrome does not
 * tell an orphaned content script that its port closed, but the sidebar iframe (an extension
 * page) learns it; this message only makes the content script check `runtime.id` itself, so a
 * forged one can do no harm.
 */
export const EXTENSION_GONE_MESSAGE = 'one-on-one/extension-gone' as const;
/**
 * Sidebar page → background: the user marked an event (or its series) as a 1:1 or not; decide
 * again every dock that shows it. Answered with a RedecideAnswer once the docks were told.
 */
export const REDECIDE_MESSAGE = 'one-on-one/redecide' as const;
/** Background → content script (tabs.sendMessage): a verdict decided again for its open event. */
export const PAGE_VERDICT_MESSAGE = 'one-on-one/page-verdict' as const;
/**
 * Sidebar iframe → its host page, by window.postMessage: the height the compact "not a 1:1"
 * offer needs (it grows when the user expands it). Only a size: the content script takes it from
 * its own iframe alone, clamps it, and uses it only while the offer shows.
 */
export const SIDEBAR_SIZE_MESSAGE = 'one-on-one/sidebar-size' as const;

/**
 * Sidebar iframe → its host page, by window.postMessage: Escape was pressed in the sidebar and no
 * control there used it; close the event dialog, as Escape in Calendar would. Only a request: the
 * content script takes it from its own iframe alone (its window and the extension's origin), and
 * only while that iframe is shown beside an event dialog (never on the full event page).
 */
export const SIDEBAR_CLOSE_DIALOG_MESSAGE = 'one-on-one/close-dialog' as const;

/** The iframe's name while the compact offer shows: never "1:1 with …" (that names a 1:1 sidebar). */
export const OFFER_LABEL = '1:1 Companion: not a 1:1';

/** The sidebar page's URL carries the dock's token: `sidebar.html#host=<token>`. */
export const SIDEBAR_HOST_PARAM = 'host';

/** Content script → background: the event open on the page now (null: none). */
export interface PageEventMessage {
  type: typeof PAGE_EVENT_MESSAGE;
  /** The dock's random token (also in its iframe's URL). */
  host: string;
  /** Grows with every message from this content script: older answers are dropped. */
  seq: number;
  pageEvent: PageEvent | null;
}

/**
 * Background → content script: whether to show the sidebar, and its accessible name.
 * - `show: true`: a 1:1; the full sidebar, named "1:1 with <name>".
 * - `show: 'offer'`: not a 1:1, but one the user may want to treat as one (a group event, or one
 *   the user marked "not a 1:1"): the compact offer in the same iframe, at a small height.
 * - `show: false`: nothing (no event, not decided yet, or an event that is plainly not a 1:1).
 */
export type PageVerdict =
  | { seq: number; show: true; label: string }
  | { seq: number; show: 'offer'; label: string }
  | { seq: number; show: false; reason: string };

/** Background → content script, pushed after a re-decision. `verdict.seq` is the content script's own. */
export interface PageVerdictMessage {
  type: typeof PAGE_VERDICT_MESSAGE;
  /** The dock the verdict is for (a tab may hold an older copy of the script with its own dock). */
  host: string;
  verdict: PageVerdict;
}

/** Sidebar page → background: decide again the docks showing this event or its series. */
export interface RedecideMessage {
  type: typeof REDECIDE_MESSAGE;
  account: string;
  eventId: string;
  seriesId?: string;
}

export type RedecideAnswer = { ok: true; docks: number } | { ok: false; error: string };

/** Sidebar iframe → host page: the compact offer's height in CSS pixels. */
export interface SidebarSizeMessage {
  type: typeof SIDEBAR_SIZE_MESSAGE;
  height: number;
}

/** Sidebar iframe → host page: close the event dialog (Escape). */
export interface SidebarCloseDialogMessage {
  type: typeof SIDEBAR_CLOSE_DIALOG_MESSAGE;
}

/** What the sidebar shows: the open event, the account it belongs to, and the 1:1 verdict. */
export interface SidebarContext {
  /** The signed-in user's address, lower case: data is kept per account. */
  account: string;
  pageEvent: PageEvent;
  classification: Classification;
  /** "1:1 with Dana Reyes" when it is a 1:1. */
  label?: string;
}

/** Sidebar → background, first message on SIDEBAR_PORT. */
export interface SidebarHello {
  type: typeof SIDEBAR_HELLO;
  host: string;
  /** From tabs.getCurrent(), used only when the browser did not name the port's tab. */
  tabId?: number;
}

/** Background → sidebar: the context now (null: nothing to show). */
export interface SidebarContextMessage {
  type: typeof SIDEBAR_CONTEXT;
  context: SidebarContext | null;
}

/** The sidebar's (and its iframe's) accessible name. */
export function sidebarLabel(other: { displayName?: string; email?: string }): string {
  const name = other.displayName?.trim() || other.email?.trim() || 'someone';
  return `1:1 with ${name}`;
}

/** A dock token: 128 random bits, hex. */
export function newHostToken(random: Crypto = crypto): string {
  const bytes = random.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** `sidebar.html#host=<token>` from the extension's sidebar URL. */
export function sidebarUrlFor(sidebarPageUrl: string, host: string): string {
  return `${sidebarPageUrl}#${SIDEBAR_HOST_PARAM}=${encodeURIComponent(host)}`;
}

/** The token from the sidebar page's own URL hash, if well formed. */
export function hostFromSidebarUrl(url: string): string | undefined {
  const hash = url.includes('#') ? url.slice(url.indexOf('#') + 1) : '';
  const value = new URLSearchParams(hash).get(SIDEBAR_HOST_PARAM);
  return value !== null && /^[0-9a-f]{32}$/.test(value) ? value : undefined;
}

/** Structural check of a verdict (the content script has no zod). */
export function isPageVerdict(value: unknown): value is PageVerdict {
  if (typeof value !== 'object' || value === null) return false;
  const verdict = value as Record<string, unknown>;
  if (typeof verdict.seq !== 'number') return false;
  if (verdict.show === true || verdict.show === 'offer') return typeof verdict.label === 'string' && verdict.label !== '';
  return verdict.show === false && typeof verdict.reason === 'string';
}

/** Structural check of a pushed verdict for this dock. */
export function isPageVerdictMessage(value: unknown, host: string): value is PageVerdictMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return message.type === PAGE_VERDICT_MESSAGE && message.host === host && isPageVerdict(message.verdict);
}
