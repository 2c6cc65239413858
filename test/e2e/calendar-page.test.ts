// The sidebar in Google Calendar, end to end: the built extension in Chromium on the stand-in
// Calendar site (strict CSP, Trusted Types, lazy dialogs, hidden leftovers, History API).
// CONTRACT.md, "In Google Calendar".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { buildExtension } from '../support/build-extension';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { routeCalendarSite, type CalendarSiteHandle, type SiteEvent } from '../calendar-site/site';
import { ORPHAN_NOTICE_TEXT } from '../../src/calendar-page/orphan-notice';

// The extension API as evaluated inside the browser (typed here for the checker only).
declare const chrome: {
  runtime: {
    reload(): void;
    onConnect: { addListener(listener: (port: { name: string; sender?: { tab?: { id?: number }; url?: string } }) => void): void };
  };
  tabs: { getCurrent(): Promise<{ id?: number } | undefined> };
};

const SAM = { email: 'sam.lee@example.com', displayName: 'Sam Lee', organizer: true, responseStatus: 'accepted' as const };
const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, 16 + day, hour, minute).toISOString();
const MARKUP_TITLE = `<img src=x onerror="document.title='pwned'">`;
const MARKUP_NAME = `<b onmouseover="alert(1)">Eve</b>`;

const events = {
  oneOnOne: {
    eventId: '7kqsd5h4c8n2jm5lq0tl6u2e4v', calendarId: SAM.email, title: '1:1 Dana / Sam', start: at(0, 10), end: at(0, 10, 30),
    guests: [SAM, { email: 'dana.reyes@example.com', displayName: 'Dana Reyes', responseStatus: 'accepted' }],
    description: 'Weekly 1:1',
  },
  group: {
    eventId: '1t0f5e2j8q9k3m4n5p6r7s8t9u', calendarId: SAM.email, title: 'All hands', start: at(1, 11), end: at(1, 12),
    guests: [SAM, { email: 'dana.reyes@example.com', displayName: 'Dana Reyes' }, { email: 'alex.kim@example.com', displayName: 'Alex Kim' }, { email: 'mei.chen@example.com', displayName: 'Mei Chen' }],
  },
  titled: {
    eventId: '4pqv1l9s0e7hmr2c6jb8dk3n5o', calendarId: SAM.email, title: 'Dana <> Me', start: at(2, 15), end: at(2, 15, 30), guests: [],
  },
  markup: {
    eventId: '8e6c4a2y0w8u6s4q2o0m8k6i4g', calendarId: SAM.email, title: MARKUP_TITLE, start: at(3, 14), end: at(3, 14, 30),
    guests: [SAM, { email: 'eve@example.com', displayName: MARKUP_NAME }],
  },
  friday: {
    eventId: '6b4d2f0h8j6l4n2p0r8t6v4x2z', calendarId: SAM.email, title: 'Alex / Sam', start: at(4, 16), end: at(4, 16, 30),
    guests: [SAM, { email: 'alex.kim@example.com', displayName: 'Alex Kim' }],
  },
} satisfies Record<string, SiteEvent>;

let browser: ExtensionBrowser;
let context: BrowserContext;
let site: CalendarSiteHandle;
let extensionPath: string;

beforeAll(async () => {
  extensionPath = buildExtension({ mode: 'e2e-page' });
  browser = await launchWithExtension(extensionPath);
  context = browser.context;
  site = await routeCalendarSite(context, {
    accountEmail: SAM.email,
    accountName: SAM.displayName,
    weekOf: '2026-03-16',
    events: Object.values(events),
  });
});
afterAll(async () => browser?.close());

interface Watched {
  page: Page;
  /** Console lines and page errors, for "no violations from our code". */
  console: string[];
}

async function openWeek(viewport = { width: 1400, height: 900 }): Promise<Watched> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const lines: string[] = [];
  page.on('console', (message) => lines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => lines.push(`pageerror: ${error.message}`));
  await page.goto(site.weekUrl);
  await page.locator('[role="main"] [role="grid"] [data-eventid][role="button"]').first().waitFor();
  return { page, console: lines };
}

const chip = (page: Page, title: string) => page.locator('[role="main"] [role="grid"] [data-eventid][role="button"]', { hasText: title });
const eventDialog = (page: Page) => page.locator('[role="dialog"]:has(#xDetDlg[data-eventid])');
const sidebarIframe = (page: Page) => page.locator('iframe[src*="/sidebar.html"]');
const sidebarAside = (page: Page, name: string | RegExp) => sidebarIframe(page).contentFrame().getByRole('complementary', { name });

/** Waits for the docked sidebar naming `name`; returns how long it took. */
async function sidebarShown(page: Page, name: string | RegExp, timeout = 1_000): Promise<number> {
  const started = Date.now();
  await sidebarIframe(page).waitFor({ state: 'visible', timeout });
  await sidebarAside(page, name).waitFor({ state: 'visible', timeout: Math.max(1, timeout - (Date.now() - started)) });
  return Date.now() - started;
}

/** Waits for the compact "not a 1:1" offer (a named region, not a landmark of its own). */
async function offerShown(page: Page, timeout = 1_000): Promise<void> {
  await sidebarIframe(page).contentFrame().getByRole('region', { name: '1:1 Companion: not a 1:1' }).waitFor({ timeout });
  expect(await sidebarIframe(page).isVisible()).toBe(true);
}

async function sidebarHidden(page: Page, timeout = 1_000): Promise<void> {
  // Created and kept warm: present in the DOM, not displayed.
  await sidebarIframe(page).waitFor({ state: 'hidden', timeout });
}

async function expectApart(a: Locator, b: Locator): Promise<void> {
  const boxA = await a.boundingBox();
  const boxB = await b.boundingBox();
  expect(boxA).not.toBeNull();
  expect(boxB).not.toBeNull();
  const overlaps =
    boxA!.x < boxB!.x + boxB!.width && boxB!.x < boxA!.x + boxA!.width && boxA!.y < boxB!.y + boxB!.height && boxB!.y < boxA!.y + boxA!.height;
  expect({ overlaps, dialog: boxA, sidebar: boxB }).toMatchObject({ overlaps: false });
}

describe('the sidebar beside an open 1:1', () => {
  it('appears within a second of clicking a 1:1, names the other person, and leaves the dialog uncovered', async () => {
    const { page } = await openWeek();
    const clicked = Date.now();
    await chip(page, '1:1 Dana / Sam').click();
    await sidebarShown(page, 'Dana Reyes', 1_000 - (Date.now() - clicked));
    expect(Date.now() - clicked).toBeLessThan(1_000);
    expect(await sidebarIframe(page).getAttribute('title')).toBe('1:1 with Dana Reyes');
    expect(await sidebarAside(page, 'Dana Reyes').getAttribute('aria-label')).toBe('1:1 with Dana Reyes');
    await expect(sidebarAside(page, 'Dana Reyes').getByRole('heading', { name: 'Dana Reyes' }).count()).resolves.toBe(1);
    // The dock lives on body, outside Calendar's containers.
    expect(await sidebarIframe(page).evaluate((iframe) => iframe.parentElement?.parentElement === document.body)).toBe(true);
    await expectApart(eventDialog(page), sidebarIframe(page));
    // Guests arrive lazily and a section re-renders: the sidebar stays, still uncovering the dialog.
    await page.waitForTimeout(400);
    expect(await sidebarIframe(page).isVisible()).toBe(true);
    await expectApart(eventDialog(page), sidebarIframe(page));
    await page.close();
  });

  it('goes away when the dialog closes (close button, then Escape)', async () => {
    const { page } = await openWeek();
    await chip(page, '1:1 Dana / Sam').click();
    await sidebarShown(page, 'Dana Reyes');
    await page.locator('#xDetDlgCloseBu[aria-label="Close"]').click();
    await sidebarHidden(page);
    await chip(page, '1:1 Dana / Sam').click();
    await sidebarShown(page, 'Dana Reyes');
    await page.keyboard.press('Escape');
    await sidebarHidden(page);
    expect(await eventDialog(page).count()).toBe(0);
    await page.close();
  });

  it('no 1:1 sidebar for a group meeting (only the compact "Treat as 1:1…" offer); nothing for the quick-create dialog or hidden leftover dialogs', async () => {
    const { page } = await openWeek();
    const noOneOnOneSidebar = async () => {
      expect(await sidebarIframe(page).contentFrame().getByRole('complementary').count()).toBe(0);
      expect(await sidebarIframe(page).getAttribute('title')).not.toMatch(/1:1 with/);
    };
    // The stand-in keeps a hidden dialog with a real event id in the DOM from the start.
    expect(await page.locator('[role="dialog"][data-layout-mode="bubble"], [role="dialog"].leftover').count()).toBeGreaterThan(0);
    expect(await sidebarIframe(page).isVisible()).toBe(false); // nothing shown until an event opens (the warm iframe is hidden)
    await chip(page, 'All hands').click();
    await eventDialog(page).locator('[role="treeitem"][data-email]').nth(3).waitFor();
    await offerShown(page);
    await page.waitForTimeout(700); // past guests arriving and the dialog settling
    await noOneOnOneSidebar();
    expect((await sidebarIframe(page).boundingBox())!.height).toBeLessThan(60);
    await expectApart(eventDialog(page), sidebarIframe(page));
    // A 1:1 right after: the sidebar; then the group again: the sidebar gone at once, the offer back.
    await chip(page, '1:1 Dana / Sam').click();
    await sidebarShown(page, 'Dana Reyes');
    await chip(page, 'All hands').click();
    await offerShown(page);
    await noOneOnOneSidebar();
    await page.keyboard.press('Escape');
    await sidebarHidden(page);
    // An empty slot: the quick-create dialog.
    const friday = page.locator('[role="gridcell"]').nth(4);
    await friday.click({ position: { x: 40, y: 600 } });
    await page.locator('[role="dialog"] input[aria-label="Add title"]').waitFor();
    await page.waitForTimeout(700);
    expect(await sidebarIframe(page).isVisible()).toBe(false);
    await page.close();
  });

  it('a no-guest event titled "Dana <> Me" is a 1:1 with Dana', async () => {
    const { page } = await openWeek();
    await chip(page, 'Dana <> Me').click();
    await sidebarShown(page, '1:1 with Dana');
    await expectApart(eventDialog(page), sidebarIframe(page));
    await page.close();
  });

  it('page text with markup is shown as text, never run', async () => {
    const { page } = await openWeek();
    await chip(page, MARKUP_TITLE).click();
    await sidebarShown(page, MARKUP_NAME);
    const frame = sidebarIframe(page).contentFrame();
    expect(await frame.getByRole('heading').first().textContent()).toBe(MARKUP_NAME);
    expect(await frame.locator('aside b, aside img').count()).toBe(0);
    expect(await sidebarIframe(page).getAttribute('title')).toBe(`1:1 with ${MARKUP_NAME}`);
    expect(await page.title()).not.toBe('pwned');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.close();
  });
});

describe('the full event page', () => {
  it('loaded directly: the sidebar appears within a second of the page', async () => {
    const page = await context.newPage();
    await page.goto(site.eventEditUrl(events.oneOnOne));
    const loaded = Date.now();
    await page.locator('input#xTiIn').waitFor();
    await sidebarShown(page, 'Dana Reyes', 1_000 - (Date.now() - loaded));
    await page.close();
  });

  it('reached by in-page navigation (pushState) and left again', async () => {
    const { page } = await openWeek();
    await chip(page, '1:1 Dana / Sam').click();
    await sidebarShown(page, 'Dana Reyes');
    const before = await page.evaluate(() => performance.getEntriesByType('navigation').length + ':' + String(performance.timeOrigin));
    await eventDialog(page).locator('[aria-label="Edit event"]').click();
    await page.waitForURL(/\/r\/eventedit\//);
    await sidebarShown(page, 'Dana Reyes');
    // The same document: no reload happened.
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length + ':' + String(performance.timeOrigin))).toBe(before);
    await page.locator('[role="main"] [aria-label="Close"]').click();
    await page.waitForURL(/\/r\/week$/);
    await sidebarHidden(page);
    // And back again with the browser's Back/Forward (popstate).
    await page.goForward();
    await sidebarShown(page, 'Dana Reyes');
    await page.goBack();
    await sidebarHidden(page);
    await page.close();
  });
});

describe('a 1:1 seen before', () => {
  it('shows its sidebar from the stored guests before the dialog shows its own; a 1:1 never seen waits for them', async () => {
    // Ordinary titles: without guests neither is a 1:1, so only guests (stored or shown) make them one.
    const seen = {
      eventId: '3b5d7f9h1j3l5n7p9r1t3v5a7c', calendarId: SAM.email, title: 'Pipeline review', start: at(3, 9), end: at(3, 9, 30),
      guests: [SAM, { email: 'priya.natarajan@example.com', displayName: 'Priya Natarajan' }],
    } satisfies SiteEvent;
    const unseen = {
      eventId: '2a4c6e8g0i2k4m6o8q0s2u4v6r', calendarId: SAM.email, title: 'Coaching', start: at(4, 9), end: at(4, 9, 30),
      guests: [SAM, { email: 'mei.chen@example.com', displayName: 'Mei Chen' }],
    } satisfies SiteEvent;
    // The same page, but the dialog's guests arrive 1.5 s after the click (routes added later win).
    const slow = await routeCalendarSite(context, {
      accountEmail: SAM.email,
      accountName: SAM.displayName,
      weekOf: '2026-03-16',
      events: [...Object.values(events), seen, unseen],
      lazyDelayMs: [1_500, 1_500],
    });
    const guestSection = (page: Page) => eventDialog(page).locator('#xDetDlgAtt');
    try {
      const { page } = await openWeek();
      // First sight: the sidebar comes with the guests (and the 1:1 is stored).
      await chip(page, 'Pipeline review').click();
      await sidebarShown(page, 'Priya Natarajan', 5_000);
      expect(await guestSection(page).count()).toBe(1);
      await page.keyboard.press('Escape');
      await sidebarHidden(page);

      await chip(page, 'Pipeline review').click();
      await sidebarShown(page, 'Priya Natarajan');
      expect(await guestSection(page).count()).toBe(0);
      // Past the dialog settling without guests, and the guests arriving: the same sidebar throughout.
      await guestSection(page).waitFor({ timeout: 5_000 });
      await page.waitForTimeout(200);
      expect(await sidebarAside(page, 'Priya Natarajan').isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await sidebarHidden(page);

      await chip(page, 'Coaching').click();
      await eventDialog(page).waitFor();
      await page.waitForTimeout(700);
      expect(await guestSection(page).count()).toBe(0);
      expect(await sidebarIframe(page).isVisible()).toBe(false);
      await sidebarShown(page, 'Mei Chen', 5_000);
      expect(await guestSection(page).count()).toBe(1);
      await page.close();
    } finally {
      await slow.unroute();
    }
  });
});

describe('another account, another language', () => {
  it('a French page of the second signed-in account (/u/1/) shows the sidebar too', async () => {
    const home = { email: 'sam.lee.home@gmail.com', displayName: 'Sam Lee', organizer: true };
    const french = await routeCalendarSite(context, {
      accountEmail: home.email,
      accountName: home.displayName,
      accountIndex: 1,
      locale: 'fr',
      weekOf: '2026-03-16',
      events: [
        {
          eventId: '9f7d5b3z1x9v7t5r3p1n9l7j5h', calendarId: home.email, title: 'Tennis', start: at(5, 10), end: at(5, 11),
          guests: [home, { email: 'alex.kim@gmail.com', displayName: 'Alex Kim' }],
        },
      ],
    });
    try {
      const page = await context.newPage();
      await page.goto(french.weekUrl);
      expect(page.url()).toContain('/calendar/u/1/r/week');
      // The account label is localised: no "Google Account:" on this page.
      expect(await page.locator('[aria-label^="Google Account:"]').count()).toBe(0);
      await chip(page, 'Tennis').click();
      await eventDialog(page).locator('[aria-label="Fermer"]').waitFor();
      await sidebarShown(page, 'Alex Kim');
      await page.close();
    } finally {
      await french.unroute();
    }
  });
});

describe('narrow windows', () => {
  it.each([
    ['Monday (dialog right of the chip)', '1:1 Dana / Sam', 'Dana Reyes'],
    ['Wednesday (dialog in the middle)', 'Dana <> Me', '1:1 with Dana'],
    ['Friday (dialog left of the chip)', 'Alex / Sam', 'Alex Kim'],
  ])('at 800 px, %s: shown and not over the dialog', async (_, title, name) => {
    const { page } = await openWeek({ width: 800, height: 900 });
    await chip(page, title).click();
    await sidebarShown(page, name);
    await page.waitForTimeout(300);
    await expectApart(eventDialog(page), sidebarIframe(page));
    const sidebarBox = (await sidebarIframe(page).boundingBox())!;
    expect(sidebarBox.width).toBeGreaterThanOrEqual(160);
    await page.close();
  });

  it('moves out of the way when the dialog grows after the sidebar appeared', async () => {
    const { page } = await openWeek({ width: 800, height: 900 });
    await chip(page, 'Dana <> Me').click();
    await sidebarShown(page, '1:1 with Dana');
    await page.waitForTimeout(300);
    const placed = (await sidebarIframe(page).boundingBox())!;
    // Calendar's dialog grows (a long description arrives): through the CSSOM, as the page's own script would.
    await eventDialog(page).evaluate((dialog) => {
      (dialog as HTMLElement).style.height = `${Math.round(innerHeight * 0.8)}px`;
    });
    await page.waitForTimeout(200);
    await expectApart(eventDialog(page), sidebarIframe(page));
    expect(await sidebarIframe(page).boundingBox()).not.toEqual(placed);
    await page.close();
  });

  it('follows the window when it is resized', async () => {
    const { page } = await openWeek({ width: 1400, height: 900 });
    await chip(page, 'Alex / Sam').click();
    await sidebarShown(page, 'Alex Kim');
    await page.setViewportSize({ width: 800, height: 900 });
    await page.waitForTimeout(200);
    await expectApart(eventDialog(page), sidebarIframe(page));
    await page.close();
  });
});

describe('the page\'s security rules', () => {
  it('no CSP or Trusted Types violation, no error from our code', async () => {
    const { page, console: lines } = await openWeek();
    for (const title of ['1:1 Dana / Sam', 'All hands', 'Dana <> Me', MARKUP_TITLE]) {
      await chip(page, title).click();
      await page.waitForTimeout(600);
      await page.keyboard.press('Escape');
    }
    await chip(page, '1:1 Dana / Sam').click();
    await eventDialog(page).locator('[aria-label="Edit event"]').click();
    await sidebarShown(page, 'Dana Reyes');
    expect(await page.evaluate(() => (window as unknown as { calendarSite: { violations: unknown[] } }).calendarSite.violations)).toEqual([]);
    expect(lines.filter((line) => /^(error|warning)|pageerror|Content Security Policy|Trusted ?Type|1:1 Companion/i.test(line))).toEqual([]);
    await page.close();
  });

  it('the content script uses no HTML string sinks and is small', () => {
    const script = readFileSync(path.join(extensionPath, 'content-scripts/calendar.js'), 'utf8');
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'srcdoc', 'createContextualFragment', 'DOMParser']) {
      expect({ sink, used: script.includes(sink) }).toEqual({ sink, used: false });
    }
    // All JS injected into Calendar: one file, within the 15 kB gzip budget (figures: npm run bench).
    expect(gzipSync(script, { level: 9 }).length).toBeLessThan(15 * 1024);
  });
});

describe('the extension messaging', () => {
  it('the sidebar iframe is named by the browser as part of the tab (port sender.tab, tabs.getCurrent without the tabs permission)', async () => {
    await browser.serviceWorker.evaluate(() => {
      const seen: { name: string; tabId: number | undefined; url: string | undefined }[] = [];
      (globalThis as unknown as { seenPorts: typeof seen }).seenPorts = seen;
      chrome.runtime.onConnect.addListener((port) => seen.push({ name: port.name, tabId: port.sender?.tab?.id, url: port.sender?.url }));
    });
    const { page } = await openWeek();
    await chip(page, '1:1 Dana / Sam').click();
    await sidebarShown(page, 'Dana Reyes');
    const frame = page.frames().find((candidate) => candidate.url().includes('/sidebar.html'))!;
    const currentTab = await frame.evaluate(async () => (await chrome.tabs.getCurrent())?.id);
    expect(typeof currentTab).toBe('number');
    const seen = await browser.serviceWorker.evaluate(() => (globalThis as unknown as { seenPorts: { name: string; tabId?: number; url?: string }[] }).seenPorts);
    const sidebarPort = seen.find((port) => port.name === 'one-on-one/sidebar' && port.url?.includes(frame.url().split('#')[0]!));
    expect(sidebarPort?.tabId).toBe(currentTab);
    await page.close();
  });
});

describe('an extension reload under an open tab', () => {
  it('the old tab shows the reload notice (at once with a sidebar open; at the next dialog otherwise)', async () => {
    const open = await openWeek();
    const idle = await openWeek();
    await chip(open.page, '1:1 Dana / Sam').click();
    await sidebarShown(open.page, 'Dana Reyes');
    await browser.serviceWorker.evaluate(() => chrome.runtime.reload()).catch(() => {
      // The worker goes away while answering.
    });
    const notice = (page: Page) => page.getByRole('alert').filter({ hasText: ORPHAN_NOTICE_TEXT });
    await notice(open.page).waitFor({ timeout: 5_000 });
    expect(await notice(open.page).getByRole('button', { name: 'Reload' }).count()).toBe(1);
    // The tab that had no sidebar open learns it when a dialog opens.
    await chip(idle.page, '1:1 Dana / Sam').click();
    await notice(idle.page).waitFor({ timeout: 2_000 });
    // The page itself keeps working.
    await idle.page.keyboard.press('Escape');
    expect(await eventDialog(idle.page).count()).toBe(0);
  });
});
