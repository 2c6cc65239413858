// The demo, step by step: a fake Calendar API seeded with the team (seed.ts), a test build of the
// extension pointed at it, Chromium with the extension loaded and the stand-in Calendar site routed
// at https://calendar.google.com/, the first sync waited for (the engine learns the 1:1s and reads
// the notes back from the events), the backup restored on the options page; then either
// screenshots (sidebar, popup, options) or the browser left open to try it.
// No Google account and no network: everything is local.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { routeCalendarSite } from '../../test/calendar-site/site';
import { startFakeCalendarApi, type FakeCalendarApi } from '../../test/fake-calendar-api/server';
import { buildExtension } from '../../test/support/build-extension';
import { extensionPageUrl, launchWithExtension, type ExtensionBrowser } from '../../test/support/chromium';
import { backupFile, seedCalendar, siteEvents, type SeededCalendar } from './seed';
import { DEMO_TOKEN, ME, TODAY_NOTES } from './team';

export interface DemoOptions {
  /** Save PNGs here (headless) instead of leaving a browser open. */
  screenshotDir?: string;
  /** WXT mode of the build, i.e. its output folder `.output/chrome-mv3-<mode>/`. Default 'demo'. */
  buildMode?: string;
  /** Default: headless exactly when taking screenshots. */
  headless?: boolean;
  log?: (line: string) => void;
}

export interface DemoSession {
  browser: ExtensionBrowser;
  api: FakeCalendarApi;
  seeded: SeededCalendar;
  /** The Calendar week view, open in a tab. */
  calendarPage: Page;
  weekUrl: string;
  /** The Calendar page's `data-eventid` of an event of the user's calendar. */
  eid(eventId: string): string;
  /** Files written in screenshot mode, in the order taken. */
  screenshots: string[];
  startedAt: number;
  /** Seconds from start until the Calendar page showed the product (build included). */
  readySeconds: number;
  /** Milliseconds per step. */
  timings: Record<string, number>;
  /** Closes the browser, removes its profile, stops the fake API. */
  close(): Promise<void>;
}

export const SCREENSHOTS = {
  sidebar: 'calendar-sidebar.png',
  sidebarItems: 'sidebar-action-items-targets.png',
  sidebarNotes: 'sidebar-notes.png',
  popup: 'popup.png',
  people: 'options-people.png',
  targets: 'options-targets.png',
  person: 'options-person.png',
} as const;

/** Big enough to show Calendar, an open dialog and the docked sidebar side by side. */
const WINDOW = { width: 1280, height: 800 };
/** A toolbar popup's largest size in Chromium (it scrolls beyond). */
const POPUP = { width: 380, height: 600 };
const WAIT_MS = 30_000;

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (${String(lastError)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Text of the popup's overdue rows, whitespace collapsed. */
export async function overdueRows(popup: Page): Promise<string[]> {
  const list = popup.getByRole('list', { name: 'Overdue' });
  if ((await list.count()) === 0) return [];
  return (await list.getByRole('listitem').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/**
 * A fresh profile with Chromium's default settings, which here block third-party cookies (as
 * every Incognito window does, and every user who turns them off). The sidebar, an extension page
 * in an iframe on calendar.google.com, is then denied storage of its own; it keeps its data in the
 * service worker, so it works all the same. The demo owns the folder so that it can remove it even
 * on a hard exit.
 */
function demoProfile(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'one-on-one-demo-'));
}

export async function startDemo(options: DemoOptions = {}): Promise<DemoSession> {
  const log = options.log ?? ((line: string) => console.log(line));
  const headless = options.headless ?? options.screenshotDir !== undefined;
  const timings: Record<string, number> = {};
  const startedAt = Date.now();
  let mark = startedAt;
  const step = (name: string) => {
    const now = Date.now();
    timings[name] = now - mark;
    mark = now;
  };
  const cleanups: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  };

  try {
    const api = await startFakeCalendarApi({ port: 0 });
    cleanups.push(() => api.close());
    const clock = { now: Date.now(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
    const seeded = await seedCalendar(api, clock);
    log(`Fake Calendar API at ${api.url}: ${ME.name}'s calendar, ${seeded.held.length} past 1:1s with notes (time zone ${clock.timeZone}).`);
    step('seed');

    log('Building the extension (a test build that talks to the fake API)…');
    const extensionPath = buildExtension({
      mode: options.buildMode ?? 'demo',
      env: { WXT_CALENDAR_API_URL: api.url, WXT_TEST_ACCESS_TOKEN: DEMO_TOKEN },
    });
    step('build');

    log(`Starting Chromium${headless ? ' (headless)' : ''} with the extension…`);
    const userDataDir = demoProfile();
    // Also on a hard exit (Playwright's own Ctrl+C handler ends the process once the browser is closed).
    const removeProfile = () => rmSync(userDataDir, { recursive: true, force: true });
    process.once('exit', removeProfile);
    cleanups.push(async () => {
      process.off('exit', removeProfile);
      removeProfile();
    });
    const browser = await launchWithExtension(extensionPath, { headless, userDataDir, viewport: headless ? WINDOW : null });
    cleanups.push(() => browser.close());
    const site = await routeCalendarSite(browser.context, { accountEmail: ME.email, accountName: ME.name, events: siteEvents(seeded) });
    step('launch');

    // The first sync: the engine lists the calendar, learns the 1:1s and reads the notes back
    // from the events' descriptions. The popup shows it done.
    const popup = await browser.context.newPage();
    await popup.setViewportSize(POPUP);
    await popup.goto(extensionPageUrl(browser.extensionId, 'popup.html'));
    await until('the first sync (the popup listing the overdue direct)', async () => (await overdueRows(popup)).some((row) => row.startsWith(seeded.overdue.name)));
    await until('the sync status to settle', async () => /^Synced at/.test(await popup.getByRole('status').first().innerText()));
    step('first-sync');

    // What the calendar does not hold, restored the way a user would: a backup file.
    const options_ = await browser.context.newPage();
    if (headless) await options_.setViewportSize(WINDOW);
    await options_.goto(extensionPageUrl(browser.extensionId, 'options.html#backup'));
    await options_.getByLabel('Choose a backup file').setInputFiles({
      name: 'alex-morgan-backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(backupFile(seeded, Date.now())),
    });
    const imported = await until('the backup import', async () => {
      const status = options_.getByRole('status').filter({ hasText: /alex-morgan-backup\.json/ });
      const text = (await status.count()) > 0 ? await status.first().innerText() : '';
      return !/^$|^Importing/.test(text) && text;
    });
    if (!/^Imported/.test(imported)) throw new Error(`the backup was refused: ${imported}`);
    log(`Restored private notes, targets and older history from a backup: ${imported}`);
    step('restore');

    // The Calendar page in the browser's first tab (in a window, the one already showing).
    const calendarPage = browser.context.pages().find((page) => page.url() === 'about:blank') ?? (await browser.context.newPage());
    if (headless) await calendarPage.setViewportSize(WINDOW);
    await calendarPage.goto(site.weekUrl);
    await calendarPage.locator('[role="main"] [role="grid"] [data-eventid]').first().waitFor();
    const readySeconds = (Date.now() - startedAt) / 1000;
    step('calendar');

    const session: DemoSession = {
      browser,
      api,
      seeded,
      calendarPage,
      weekUrl: site.weekUrl,
      eid: (eventId) => site.eid({ eventId, calendarId: ME.email }),
      screenshots: [],
      startedAt,
      readySeconds,
      timings,
      close: closeAll,
    };
    if (options.screenshotDir !== undefined) {
      await takeScreenshots(session, { popup, options: options_ }, options.screenshotDir);
      step('screenshots');
    } else {
      await popup.close();
      await options_.close();
      await calendarPage.bringToFront();
    }
    return session;
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * Opens an event's dialog and answers the sidebar's frame once it shows the 1:1 with `name`
 * (the contract says within a second; 10 s leaves room for a loaded machine).
 */
async function openOneOnOne(page: Page, eid: string, name: string): Promise<Frame> {
  await page.bringToFront();
  const chip = page.locator(`[role="main"] [data-eventid="${eid}"]`);
  await chip.scrollIntoViewIfNeeded();
  await chip.click();
  return until(
    `the sidebar for the 1:1 with ${name}`,
    async () => {
      for (const frame of page.frames()) {
        if (!frame.url().includes('/sidebar.html')) continue;
        const aside = frame.getByRole('complementary', { name: new RegExp(name) });
        if ((await aside.count()) > 0 && (await aside.first().isVisible())) return frame;
      }
      return undefined;
    },
    10_000,
  );
}

async function takeScreenshots(session: DemoSession, pages: { popup: Page; options: Page }, directory: string): Promise<void> {
  mkdirSync(directory, { recursive: true });
  const save = async (page: Page, file: string, clip?: { x: number; y: number; width: number; height: number }) => {
    const target = path.join(directory, file);
    await page.screenshot({ path: target, animations: 'disabled', caret: 'hide', ...(clip && { clip }) });
    session.screenshots.push(target);
  };
  const { seeded, calendarPage, browser } = session;
  const featured = seeded.featured;

  // 1. Calendar with today's 1:1 open and the sidebar docked beside it; notes typed as in the
  //    meeting, and the shared ones written into the event (the sync line says so).
  const sidebar = await openOneOnOne(calendarPage, session.eid(featured.event.id), featured.member.name);
  const lastNotes = featured.member.history[0]?.notes.split('\n')[0] ?? '';
  await until('the last notes in the sidebar', async () => (await sidebar.getByText(lastNotes, { exact: false }).count()) > 0);
  await sidebar.getByRole('textbox', { name: /^Shared notes/ }).fill(TODAY_NOTES.shared);
  await sidebar.getByRole('textbox', { name: /^Private notes/ }).fill(TODAY_NOTES.private);
  await sidebar.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await until('the shared notes to reach the calendar event', async () => (await sidebar.locator('.occ-sync[data-kind="synced"]').count()) > 0);
  await sidebar.evaluate(() => window.scrollTo(0, 0));
  await save(calendarPage, SCREENSHOTS.sidebar);

  // The rest of the sidebar, as strips the width of the dock.
  const box = await (await sidebar.frameElement()).boundingBox();
  if (!box) throw new Error('the sidebar has no box on the page');
  const strip = { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(Math.min(box.height, WINDOW.height - box.y)) };
  await sidebar.getByRole('heading', { name: 'Action items' }).evaluate((heading) => {
    heading.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -12);
  });
  await save(calendarPage, SCREENSHOTS.sidebarItems, strip);
  await sidebar.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await save(calendarPage, SCREENSHOTS.sidebarNotes, strip);

  // 2. The popup at a toolbar popup's size, with the overdue direct first.
  await pages.popup.reload();
  await until('the popup', async () => (await overdueRows(pages.popup)).some((row) => row.startsWith(seeded.overdue.name)));
  await save(pages.popup, SCREENSHOTS.popup);

  // 3. The options page: people, targets with pace, and the featured direct's history.
  const options = pages.options;
  const scrollTo = (name: string) =>
    options.getByRole('heading', { name, exact: true }).evaluate((heading) => {
      heading.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -16);
    });
  await options.goto(extensionPageUrl(browser.extensionId, 'options.html#people'));
  await until('the people list', async () => (await options.getByText(featured.member.name).count()) > 0);
  await save(options, SCREENSHOTS.people);
  await options.goto(extensionPageUrl(browser.extensionId, 'options.html#targets'));
  await until('the targets', async () => (await options.getByRole('heading', { name: 'Current targets' }).count()) > 0);
  await scrollTo('Current targets');
  await save(options, SCREENSHOTS.targets);
  await options.goto(extensionPageUrl(browser.extensionId, `options.html#person=${encodeURIComponent(`email:${featured.member.email}`)}`));
  await until("the featured direct's page", async () => (await options.getByRole('heading', { name: 'History' }).count()) > 0);
  await scrollTo('History');
  await save(options, SCREENSHOTS.person);
}
