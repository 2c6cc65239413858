// Helpers for test/e2e/contract.test.ts: checks written the way an outside acceptance suite would
// write them, from /work/shared/CONTRACT.md and calendar-dom.md alone. Nothing here imports product
// code: the sidebar is looked for by role and accessible name in the page, in open shadow roots
// and in every frame; event ids are encoded here from the documented format; timings are taken in
// the page itself.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { repoRoot } from './build-extension';

// ---------------------------------------------------------------------------------------------
// Waiting

export async function until<T>(what: string, probe: () => Promise<T | undefined | false | null> | T | undefined | false | null, timeoutMs = 5_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false && value !== null) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Building with npm, as the contract says (`npm run build`, `npm run build:firefox`)

/** Runs an npm script with only the given WXT_* settings (none from the calling shell). */
export function npmRun(script: string, env: Record<string, string> = {}, args: string[] = []): { status: number | null; output: string } {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('WXT_')) clean[key] = value;
  }
  const result = spawnSync('npm', ['run', script, ...(args.length > 0 ? ['--', ...args] : [])], {
    cwd: repoRoot,
    env: { ...clean, ...env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

// ---------------------------------------------------------------------------------------------
// Event references, as calendar-dom.md describes them

/** `data-eventid` / eid: URL-safe base64, padding stripped, of "<eventId> <calendarId>" (calendar domain shortened). */
export function encodeEid(eventId: string, calendarId: string): string {
  const short = calendarId.replace(/@gmail\.com$/i, '@m').replace(/@group\.calendar\.google\.com$/i, '@g');
  return Buffer.from(`${eventId} ${short}`, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An event id the Calendar API accepts on insert (base32hex, 5–1024 characters). */
export function newEventId(prefix = 'c'): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  const bytes = randomBytes(20);
  return prefix + [...bytes].map((byte) => alphabet[byte % 32]).join('');
}

// ---------------------------------------------------------------------------------------------
// Time in a named zone (no product code: Intl only)

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of a wall-clock time ('YYYY-MM-DD', hour, minute) in a zone. */
export function zonedInstant(day: string, hour: number, minute: number, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(year, month - 1, date, hour, minute);
  let instant = guess - zoneOffsetMs(guess, timeZone);
  instant = guess - zoneOffsetMs(instant, timeZone);
  return instant;
}

/** 'YYYY-MM-DD' of an instant in a zone. */
export function dayIn(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

export function addDaysToDay(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Whether a text shows a calendar day in any common English form (16 Mar, Mar 16, March 16, 2026-03-16, 3/16). */
export function mentionsDay(text: string, day: string): boolean {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const short = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1]!;
  const long = new Date(Date.UTC(year, month - 1, date)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  const forms = [
    new RegExp(`\\b${date}(st|nd|rd|th)?\\s+(${short}|${long})\\b`, 'i'),
    new RegExp(`\\b(${short}|${long})\\.?\\s+${date}\\b`, 'i'),
    new RegExp(`\\b${day}\\b`),
    new RegExp(`\\b${month}/${date}(/|\\b)`),
  ];
  return forms.some((form) => form.test(text));
}

// ---------------------------------------------------------------------------------------------
// Probes in the Calendar page (main world), installed before the page's own scripts

export interface PageProbe {
  /** Date.now() each time a visible dialog holding a data-eventid appeared. */
  dialogShownAt: number[];
  /** Date.now() each time an event page (/r/eventedit/…) showed its content. */
  eventPageShownAt: number[];
  /** Everything posted to the page's window (what the page's own scripts could read). */
  messages: string[];
  /** keydown events that reached the page's document. */
  keys: number;
  /** alert() calls (markup that ran). */
  alerts: number;
}

/** Records, in every calendar.google.com page of the context, when event dialogs and event pages appear. */
export async function installPageProbes(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (window !== window.top || location.hostname !== 'calendar.google.com') return;
    const probe = { dialogShownAt: [] as number[], eventPageShownAt: [] as number[], messages: [] as string[], keys: 0, alerts: 0 };
    Object.defineProperty(window, '__contractProbe', { value: probe });
    let lastDialog: Element | null = null;
    let lastPage: string | null = null;
    const visible = (element: Element) => element.closest('[aria-hidden="true"],[hidden]') === null && element.getClientRects().length > 0;
    const check = () => {
      let shown: Element | null = null;
      for (const dialog of document.querySelectorAll('[role="dialog"]')) {
        if (!dialog.matches('[data-eventid]') && dialog.querySelector('[data-eventid]') === null) continue;
        if (visible(dialog)) shown = dialog;
      }
      if (shown !== null && shown !== lastDialog) probe.dialogShownAt.push(Date.now());
      lastDialog = shown;
      const onEventPage = /\/r\/eventedit\//.test(location.pathname);
      const content = onEventPage ? [...document.querySelectorAll('[role="main"] [data-email], [role="main"] input')].some(visible) : false;
      const page = content ? location.pathname : null;
      if (page !== null && page !== lastPage) probe.eventPageShownAt.push(Date.now());
      lastPage = page;
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['style', 'hidden', 'aria-hidden', 'class'] });
    addEventListener('popstate', () => queueMicrotask(check));
    addEventListener('message', (event) => probe.messages.push(typeof event.data === 'string' ? event.data : JSON.stringify(event.data)), true);
    document.addEventListener('keydown', () => probe.keys++, true);
    window.alert = () => {
      probe.alerts++;
    };
  });
}

export function readProbe(page: Page): Promise<PageProbe> {
  return page.evaluate(() => {
    const probe = (window as unknown as { __contractProbe: PageProbe }).__contractProbe;
    return JSON.parse(JSON.stringify(probe)) as PageProbe;
  });
}

// ---------------------------------------------------------------------------------------------
// The sidebar, looked for the way the contract says tests look: an <aside> / role complementary
// with an accessible name, in the page, its open shadow roots, or any frame (an extension iframe).

export interface FoundSidebar {
  frame: Frame;
  aside: Locator;
}

/** Visible to a person: rendered in its frame, its frames rendered, and on screen. */
async function onScreen(page: Page, frame: Frame, locator: Locator): Promise<boolean> {
  if (!(await locator.isVisible().catch(() => false))) return false;
  for (let current: Frame | null = frame; current?.parentFrame(); current = current.parentFrame()) {
    const element = await current.frameElement().catch(() => null);
    if (element === null || !(await element.isVisible().catch(() => false))) return false;
  }
  const box = await locator.boundingBox().catch(() => null);
  const viewport = page.viewportSize() ?? (await page.evaluate(() => ({ width: innerWidth, height: innerHeight })));
  if (box === null || box.width < 1 || box.height < 1) return false;
  return box.x < viewport.width && box.y < viewport.height && box.x + box.width > 0 && box.y + box.height > 0;
}

/** Every visible complementary landmark (any frame, open shadow roots pierced) whose name matches. */
export async function visibleSidebars(page: Page, name: string | RegExp = /.*/): Promise<FoundSidebar[]> {
  const found: FoundSidebar[] = [];
  for (const frame of page.frames()) {
    if (frame.isDetached()) continue;
    const all = frame.getByRole('complementary', { name });
    const count = await all.count().catch(() => 0);
    for (let i = 0; i < count; i++) {
      const aside = all.nth(i);
      if (await onScreen(page, frame, aside)) found.push({ frame, aside });
    }
  }
  return found;
}

/** Waits for the visible sidebar named `name`; `at` is Date.now() when it was first seen. */
export async function waitForSidebar(page: Page, name: string | RegExp, timeoutMs = 5_000): Promise<FoundSidebar & { at: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [first] = await visibleSidebars(page, name);
    if (first) return { ...first, at: Date.now() };
    if (Date.now() > deadline) {
      const names = await describeLandmarks(page);
      throw new Error(`no visible sidebar named ${String(name)} within ${timeoutMs} ms; landmarks seen: ${JSON.stringify(names)}`);
    }
    await sleep(20);
  }
}

/** Waits until no complementary landmark is visible anywhere in the page. */
export async function waitForNoSidebar(page: Page, timeoutMs = 1_000): Promise<void> {
  await until('the sidebar to go away', async () => (await visibleSidebars(page)).length === 0, timeoutMs, 30);
}

export async function describeLandmarks(page: Page): Promise<{ frame: string; name: string | null; visible: boolean }[]> {
  const seen: { frame: string; name: string | null; visible: boolean }[] = [];
  for (const frame of page.frames()) {
    const all = frame.getByRole('complementary');
    const count = await all.count().catch(() => 0);
    for (let i = 0; i < count; i++) {
      seen.push({ frame: frame.url().slice(0, 80), name: await all.nth(i).getAttribute('aria-label').catch(() => null), visible: await onScreen(page, frame, all.nth(i)) });
    }
  }
  return seen;
}

// ---------------------------------------------------------------------------------------------
// "Never covers the dialog"

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Points of the dialog (a 6×6 grid inside its box) where something that is not part of the dialog
 * is on top: what a person clicking there would hit instead.
 */
export async function pointsCoveredOnDialog(page: Page, dialog: Locator): Promise<{ x: number; y: number; hit: string }[]> {
  return dialog.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const covered: { x: number; y: number; hit: string }[] = [];
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        const x = rect.left + ((i + 0.5) * rect.width) / 6;
        const y = rect.top + ((j + 0.5) * rect.height) / 6;
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
        const hit = document.elementFromPoint(x, y);
        if (hit !== null && !element.contains(hit)) covered.push({ x: Math.round(x), y: Math.round(y), hit: `${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ''}` });
      }
    }
    return covered;
  });
}

// ---------------------------------------------------------------------------------------------
// A bare page at https://calendar.google.com with only the signals calendar-dom.md names and
// stricter headers than the stand-in (default-src 'none', no Trusted Types policy allowed at all):
// what another suite's page could look like. Its markup is given per path by the test.

export interface BarePage {
  /** The CSP sent with every page. */
  csp: string;
  unroute(): Promise<void>;
}

export async function routeBarePage(
  context: BrowserContext,
  bodyFor: (url: URL) => string | undefined,
  options: { extraHeaders?: Record<string, string>; title?: string } = {},
): Promise<BarePage> {
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-contract0bare0page' 'strict-dynamic'`,
    `style-src 'nonce-contract0bare0page'`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `frame-src 'self'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `object-src 'none'`,
    `require-trusted-types-for 'script'`,
    `trusted-types 'none'`,
  ].join('; ');
  const handler = async (route: import('playwright-core').Route) => {
    const url = new URL(route.request().url());
    const body = bodyFor(url);
    if (body === undefined) {
      await route.fulfill({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' });
      return;
    }
    await route.fulfill({
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp,
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'cross-origin-opener-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
        'permissions-policy': 'camera=(), microphone=(), geolocation=()',
        'cache-control': 'no-store',
        ...options.extraHeaders,
      },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${options.title ?? 'Google Calendar'}</title>
<style nonce="contract0bare0page">html,body{margin:0;height:100%;font:14px sans-serif}header{height:64px;border-bottom:1px solid #ddd}
[role=main]{position:absolute;top:64px;left:0;right:0;bottom:0}[role=dialog]{position:fixed;background:#fff;box-shadow:0 4px 16px rgba(0,0,0,.3);padding:16px}
[role=gridcell]{display:inline-block;width:13%;height:600px;border-left:1px solid #eee}</style></head><body>${body}</body></html>`,
    });
  };
  await context.route('https://calendar.google.com/**', handler);
  return { csp, unroute: () => context.unroute('https://calendar.google.com/**', handler) };
}

export interface BareGuest {
  email: string;
  /** Shown instead of the address when given. */
  name?: string;
  organizer?: boolean;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The Google bar's account button, as calendar-dom.md describes it. */
export function accountButtonHtml(name: string, email: string): string {
  return `<header role="banner"><a role="button" href="https://accounts.google.com/SignOutOptions" aria-label="Google Account: ${escapeHtml(name)} (${escapeHtml(email)})">${escapeHtml(name.charAt(0))}</a></header>`;
}

export function weekGridHtml(): string {
  return `<div role="main"><div role="grid">${'<div role="gridcell"></div>'.repeat(7)}</div></div>`;
}

export interface BareDialog {
  eid: string;
  title: string;
  guests: BareGuest[];
  /** Where the data-eventid sits: on the dialog itself, or on an inner element (the captured shape). */
  holder: 'dialog' | 'inner';
  /** Guest rows: `[role=treeitem][data-email]` (the captured shape) or bare `[data-email]` (a fallback). */
  rows: 'treeitem' | 'data-email';
  box: { left: number; top: number; width: number; height: number };
}

/**
 * Opens an event dialog in a bare page with DOM APIs only (as the page's own script would), and
 * returns Date.now() in the page at the moment it was attached.
 */
export function openBareDialog(page: Page, dialog: BareDialog): Promise<number> {
  return page.evaluate((spec) => {
    const make = (tag: string, attributes: Record<string, string>, text?: string) => {
      const element = document.createElement(tag);
      for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
      if (text !== undefined) element.textContent = text;
      return element;
    };
    document.querySelector('#bare-dialog')?.remove();
    const root = make('div', { id: 'bare-dialog', role: 'dialog', 'aria-labelledby': 'bare-title' });
    Object.assign(root.style, { left: `${spec.box.left}px`, top: `${spec.box.top}px`, width: `${spec.box.width}px`, height: `${spec.box.height}px` });
    const body = spec.holder === 'dialog' ? root : root.appendChild(make('div', {}));
    body.setAttribute('data-eventid', spec.eid);
    body.appendChild(make('div', { id: 'bare-title', role: 'heading', 'aria-level': '1' }, spec.title));
    const list = body.appendChild(make('div', spec.rows === 'treeitem' ? { role: 'tree', 'aria-label': 'Guests' } : {}));
    for (const guest of spec.guests) {
      const row = make('div', {
        ...(spec.rows === 'treeitem' ? { role: 'treeitem' } : {}),
        'data-email': guest.email,
        'aria-label': [guest.name ?? guest.email, guest.organizer ? 'Organizer' : null].filter(Boolean).join(', '),
      });
      row.appendChild(make('span', {}, guest.name ?? guest.email));
      if (guest.organizer) row.appendChild(make('div', {}, 'Organizer'));
      list.appendChild(row);
    }
    body.appendChild(make('div', { role: 'button', 'aria-label': 'Close', id: 'bare-close', tabindex: '0' }, '×'));
    document.body.appendChild(root);
    return Date.now();
  }, dialog);
}

export function closeBareDialog(page: Page): Promise<void> {
  return page.evaluate(() => document.querySelector('#bare-dialog')?.remove());
}

// ---------------------------------------------------------------------------------------------
// The sidebar's boxes by the names the contract gives

export function sharedNotesBox(sidebar: FoundSidebar): Locator {
  return sidebar.aside.getByRole('textbox', { name: /^Shared notes/ });
}

export function privateNotesBox(sidebar: FoundSidebar): Locator {
  return sidebar.aside.getByRole('textbox', { name: /^Private notes/ });
}

/** What a person reads as a control's label: its accessible name's sources and its description. */
export function labelText(control: Locator): Promise<string> {
  return control.evaluate((element) => {
    const root = element.getRootNode() as Document | ShadowRoot;
    const byIds = (ids: string | null) =>
      (ids ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => root.getElementById(id)?.textContent ?? '')
        .join(' ');
    const labels = 'labels' in element && (element as HTMLTextAreaElement).labels ? [...(element as HTMLTextAreaElement).labels!].map((label) => label.textContent ?? '') : [];
    return [element.getAttribute('aria-label') ?? '', byIds(element.getAttribute('aria-labelledby')), ...labels, byIds(element.getAttribute('aria-describedby'))]
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  });
}

/** Text a description holds once HTML is read as a person sees it (tags dropped, entities decoded). */
export function descriptionText(description: string): string {
  if (!/<[a-z][^>]*>/i.test(description)) return description;
  return description
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
