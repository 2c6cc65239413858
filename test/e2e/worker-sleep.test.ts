// The service worker sleeps while no dialog is open (DESIGN.md "Performance"; an MV3 worker that
// is idle stops). Once a Calendar tab has opened a 1:1, its sidebar iframe stays, hidden and warm:
// it must not wake the worker again until a dialog opens. Watched through DevTools' ServiceWorker
// domain, which reports every start and stop of the extension's worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { buildExtension } from '../support/build-extension';
import { extensionPageUrl, launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { routeCalendarSite, sampleWeek, type CalendarSiteHandle } from '../calendar-site/site';
import { ORPHAN_NOTICE_TEXT } from '../../src/calendar-page/orphan-notice';

declare const chrome: { runtime: { reload(): void } };

const ACCOUNT = { accountEmail: 'sam.lee@example.com', accountName: 'Sam Lee' };
/** How long the worker is watched after it was stopped with no dialog open. */
const QUIET_MS = 10_000;

let browser: ExtensionBrowser;
let site: CalendarSiteHandle;

beforeAll(async () => {
  browser = await launchWithExtension(buildExtension({ mode: 'e2e-worker-sleep' }));
  site = await routeCalendarSite(browser.context, { ...ACCOUNT, events: sampleWeek(ACCOUNT) });
});
afterAll(async () => browser?.close());

const chip = (page: Page, title: string) => page.locator('[role="main"] [role="grid"] [data-eventid][role="button"]', { hasText: title });
const sidebarIframe = (page: Page) => page.locator('iframe[src*="/sidebar.html"]');
const sidebarAside = (page: Page, name: string) => sidebarIframe(page).contentFrame().getByRole('complementary', { name });

/** The extension worker's running states as DevTools reports them, with the time of each. */
interface WorkerWatch {
  cdp: CDPSession;
  states: { at: number; status: string }[];
  /** Resolves once the worker is reported in `status` (now or later). */
  reached(status: string, timeoutMs?: number): Promise<void>;
  /** Starts ('starting' or 'running') reported after `since`. */
  startsSince(since: number): { at: number; status: string }[];
}

async function watchWorker(page: Page): Promise<WorkerWatch> {
  const cdp = await browser.context.newCDPSession(page);
  const origin = `chrome-extension://${browser.extensionId}/`;
  const states: { at: number; status: string }[] = [];
  const waiters: { status: string; resolve: () => void }[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) {
      if (!version.scriptURL.startsWith(origin)) continue;
      states.push({ at: Date.now(), status: version.runningStatus });
      for (const waiter of waiters.filter((candidate) => candidate.status === version.runningStatus)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  await cdp.send('ServiceWorker.enable');
  return {
    cdp,
    states,
    reached: (status, timeoutMs = 5_000) =>
      states.at(-1)?.status === status
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`the worker was not reported ${status} within ${timeoutMs} ms: ${JSON.stringify(states)}`)), timeoutMs);
            waiters.push({ status, resolve: () => (clearTimeout(timer), resolve()) });
          }),
    startsSince: (since) => states.filter((state) => state.at > since && (state.status === 'starting' || state.status === 'running')),
  };
}

async function openWeek(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(site.weekUrl);
  await chip(page, '1:1 Dana').waitFor();
  return page;
}

/** Opens the 1:1 with Dana and closes it again: the tab now holds the hidden, warm sidebar. */
async function openAndClose(page: Page): Promise<void> {
  await chip(page, '1:1 Dana').click();
  await sidebarAside(page, '1:1 with Dana Reyes').waitFor({ timeout: 5_000 });
  await page.keyboard.press('Escape');
  await sidebarIframe(page).waitFor({ state: 'hidden' });
  // The background has told the sidebar that nothing is open.
  await sidebarIframe(page).contentFrame().getByRole('complementary').waitFor({ state: 'detached', timeout: 5_000 });
}

describe('the service worker while no dialog is open', () => {
  it('stays stopped with a hidden sidebar in the tab, and a dialog opened afterwards shows the sidebar within a second', async () => {
    const page = await openWeek();
    const worker = await watchWorker(page);
    await openAndClose(page);

    await worker.cdp.send('ServiceWorker.stopAllWorkers');
    await worker.reached('stopped');
    const stoppedAt = Date.now();
    await page.waitForTimeout(QUIET_MS);
    expect(worker.startsSince(stoppedAt)).toEqual([]);

    const clicked = Date.now();
    await chip(page, '1:1 Dana').click();
    await sidebarAside(page, '1:1 with Dana Reyes').waitFor({ timeout: 1_000 });
    expect(Date.now() - clicked).toBeLessThan(1_000);
    // It is the live sidebar, with its data: the notes boxes become editable.
    await sidebarIframe(page).contentFrame().locator('textarea:not([readonly])').nth(1).waitFor({ timeout: 5_000 });
    expect(worker.startsSince(stoppedAt).length).toBeGreaterThan(0);

    // Shown, the sidebar keeps its port: a worker stopped now is started again (the content
    // script and the sidebar both need it while the 1:1 is open).
    const again = Date.now();
    await worker.cdp.send('ServiceWorker.stopAllWorkers');
    await worker.reached('stopped');
    await worker.reached('running');
    expect(worker.startsSince(again).length).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('an extension reload still shows the reload notice in a tab whose sidebar is hidden (at once while its port is open; otherwise at the next dialog)', async () => {
    const awake = await openWeek();
    const asleep = await openWeek();
    const worker = await watchWorker(asleep);
    await openAndClose(asleep);
    await worker.cdp.send('ServiceWorker.stopAllWorkers');
    await worker.reached('stopped');
    // Waking the worker for the other tab does not wake the hidden sidebar's port again.
    await openAndClose(awake);
    // From one of the extension's own pages (the worker that Playwright first saw was stopped).
    const extensionPage = await browser.context.newPage();
    await extensionPage.goto(extensionPageUrl(browser.extensionId, 'popup.html'));
    await extensionPage.evaluate(() => chrome.runtime.reload()).catch(() => {
      // The page goes away with the extension.
    });
    const notice = (page: Page) => page.getByRole('alert').filter({ hasText: ORPHAN_NOTICE_TEXT });
    await notice(awake).waitFor({ timeout: 5_000 });
    await chip(asleep, '1:1 Dana').click();
    await notice(asleep).waitFor({ timeout: 2_000 });
  });
});
