// Opens and closes event dialogs on the stand-in Calendar many times with a test build loaded,
// and counts the opens where the sidebar did not show, or showed without its data. A tool for
// hunting flakes, not a test (it takes minutes):
//
//   npx vite-node test/calendar-site/dialog-loop.ts -- [--count 100] [--timeout 5000]
//       [--setup demo|plain] [--reload-every 0] [--idle-every 0 --idle-ms 35000]
//       [--stop-worker-every 0 [--stop-worker-after-click yes]]
//
// --setup demo     the demo's data (fake API, first sync, backup restored): its featured 1:1 and
//                  two other 1:1s of the week, in turn (default)
// --setup plain    sampleWeek() on a signed-out test build: its 1:1s by guests, in turn
// --reload-every K reload the Calendar tab before every K-th open (0: never): the first dialog in a
//                  fresh tab creates the sidebar iframe
// --idle-every K   before every K-th open, wait --idle-ms with no dialog open (Chromium stops an
//                  idle service worker after ~30 s)
// --stop-worker-every K  stop the service worker (DevTools' ServiceWorker.stopAllWorkers) before
//                  every K-th open; with --stop-worker-after-click yes, 0–300 ms after the click,
//                  while the content script and the sidebar wait for its answers
//
// Each failure prints what the page showed (the dialog's guests, the dock, the sidebar frame's
// text, the service workers, the console lines around it), then whether it recovered later.
// The demo's flake (no sidebar until the dialog was closed and opened again) showed here with
// `--stop-worker-every 1 --stop-worker-after-click yes`: 3 of 200 opens without a sidebar and 18
// without their data before the fix (content.ts, store-messaging.ts), none of 300 after.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { startDemo, type DemoSession } from '../../scripts/demo/demo';
import { buildExtension } from '../support/build-extension';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { routeCalendarSite, sampleWeek } from './site';

interface LoopArgs {
  count: number;
  timeoutMs: number;
  reloadEvery: number;
  idleEvery: number;
  idleMs: number;
  stopWorkerEvery: number;
  stopWorkerAfterClick: boolean;
  setup: 'demo' | 'plain';
}

function parseArgs(argv: readonly string[]): LoopArgs {
  const args: LoopArgs = { count: 100, timeoutMs: 5_000, reloadEvery: 0, idleEvery: 0, idleMs: 35_000, stopWorkerEvery: 0, stopWorkerAfterClick: false, setup: 'demo' };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!;
    if (name === '--') continue;
    const value = argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value`);
    const number = Number(value);
    switch (name) {
      case '--count': args.count = number; break;
      case '--timeout': args.timeoutMs = number; break;
      case '--reload-every': args.reloadEvery = number; break;
      case '--idle-every': args.idleEvery = number; break;
      case '--idle-ms': args.idleMs = number; break;
      case '--stop-worker-every': args.stopWorkerEvery = number; break;
      case '--stop-worker-after-click': args.stopWorkerAfterClick = value === 'yes'; break;
      case '--setup':
        if (value !== 'demo' && value !== 'plain') throw new Error('--setup is demo or plain');
        args.setup = value;
        break;
      default: throw new Error(`unknown argument ${name}`);
    }
    if (name !== '--setup' && name !== '--stop-worker-after-click' && !(Number.isInteger(number) && number >= 0)) throw new Error(`${name} needs a whole number`);
  }
  return args;
}

interface Target {
  eid: string;
  name: string;
}

interface Setup {
  context: BrowserContext;
  page: Page;
  weekUrl: string;
  targets: Target[];
  close(): Promise<void>;
}

async function demoSetup(): Promise<Setup> {
  const session: DemoSession = await startDemo({ headless: true, buildMode: 'dialog-loop', log: () => {} });
  const { seeded } = session;
  const others = seeded.week.filter((event) => event.id !== seeded.featured.event.id && event.recurringEventId?.startsWith('demo1on1') && (event.attendees?.length ?? 0) === 2).slice(0, 2);
  const nameOf = (event: (typeof others)[number]) => event.attendees!.find((attendee) => attendee.email !== seeded.featured.event.organizer?.email && !attendee.email.startsWith('alex'))?.displayName ?? '';
  return {
    context: session.browser.context,
    page: session.calendarPage,
    weekUrl: session.weekUrl,
    targets: [
      { eid: session.eid(seeded.featured.event.id), name: seeded.featured.member.name },
      ...others.map((event) => ({ eid: session.eid(event.id), name: nameOf(event) })),
    ],
    close: () => session.close(),
  };
}

async function plainSetup(): Promise<Setup> {
  const account = { accountEmail: 'sam.lee@example.com', accountName: 'Sam Lee' };
  const profile = mkdtempSync(path.join(os.tmpdir(), 'one-on-one-loop-'));
  const browser: ExtensionBrowser = await launchWithExtension(buildExtension({ mode: 'dialog-loop-plain' }), { userDataDir: profile });
  const events = sampleWeek(account);
  const site = await routeCalendarSite(browser.context, { ...account, events });
  const page = await browser.context.newPage();
  await page.goto(site.weekUrl);
  const byGuests = events.filter((event) => event.guests.filter((guest) => !guest.resource).length === 2);
  return {
    context: browser.context,
    page,
    weekUrl: site.weekUrl,
    targets: byGuests.map((event) => ({ eid: site.eid(event), name: event.guests.find((guest) => guest.email !== account.accountEmail)!.displayName! })),
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function visibleSidebar(page: Page, name: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    if (!frame.url().includes('/sidebar.html')) continue;
    const aside = frame.getByRole('complementary', { name: new RegExp(name) });
    if ((await aside.count().catch(() => 0)) > 0 && (await aside.first().isVisible().catch(() => false))) return frame;
  }
  return undefined;
}

async function waitForSidebar(page: Page, name: string, timeoutMs: number): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started <= timeoutMs) {
    if (await visibleSidebar(page, name)) return Date.now() - started;
    await page.waitForTimeout(25);
  }
  return undefined;
}

/** True once both notes boxes are editable; else the sidebar's text (a storage problem, say). */
async function waitForData(page: Page, name: string, timeoutMs: number): Promise<true | string> {
  const started = Date.now();
  let frame: Frame | undefined;
  while (Date.now() - started <= timeoutMs) {
    frame = await visibleSidebar(page, name);
    if (frame && (await frame.locator('textarea:not([readonly])').count().catch(() => 0)) >= 2) return true;
    await page.waitForTimeout(50);
  }
  const text = frame ? await frame.evaluate(() => document.body.innerText.slice(0, 200)).catch(() => '') : '(no frame)';
  return text.replace(/\s+/g, ' ');
}

async function describePage(setup: Setup): Promise<Record<string, unknown>> {
  const { page, context } = setup;
  const dialog = await page.evaluate(() => {
    const open = [...document.querySelectorAll('[role="dialog"][data-layout-mode="bubble"]')].filter((element) => !element.classList.contains('leftover'));
    const host = document.querySelector<HTMLElement>('[data-one-on-one-companion="sidebar-dock"]');
    return {
      dialogs: open.length,
      guests: open.map((element) => element.querySelectorAll('[role="treeitem"][data-email]').length),
      title: open.map((element) => element.querySelector('[role="heading"]')?.textContent ?? ''),
      dockDisplay: host?.style.getPropertyValue('display') ?? '(no dock)',
      iframeTitle: host?.querySelector('iframe')?.title ?? '(no iframe)',
      visibility: document.visibilityState,
      opened: (window as unknown as { calendarSite?: { opened: number } }).calendarSite?.opened,
    };
  });
  const frames = await Promise.all(
    page.frames().filter((frame) => frame.url().includes('/sidebar.html')).map(async (frame) => ({
      url: frame.url().replace(/^chrome-extension:\/\/[a-p]+/, ''),
      text: (await frame.evaluate(() => document.body?.innerText.slice(0, 160) ?? '(no body)').catch((error: unknown) => `(evaluate failed: ${String(error)})`)).replace(/\s+/g, ' '),
    })),
  );
  return { ...dialog, sidebarFrames: frames, serviceWorkers: context.serviceWorkers().map((worker) => worker.url().replace(/^chrome-extension:\/\/[a-p]+/, '')) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const setup = args.setup === 'demo' ? await demoSetup() : await plainSetup();
  const { page, context } = setup;
  const consoleLines: string[] = [];
  const remember = (where: string) => (message: { type(): string; text(): string }) => {
    consoleLines.push(`${new Date().toISOString().slice(11, 23)} ${where} ${message.type()}: ${message.text()}`);
    if (consoleLines.length > 400) consoleLines.splice(0, consoleLines.length - 400);
  };
  page.on('console', remember('page'));
  context.on('console', (message) => {
    if (message.page() !== page) remember('context')(message);
  });
  const workerEvents: string[] = [];
  context.on('serviceworker', (worker) => workerEvents.push(`${new Date().toISOString().slice(11, 23)} service worker started ${worker.url().slice(-20)}`));

  console.log(`setup ${args.setup}: ${setup.targets.map((target) => target.name).join(', ')}; ${args.count} opens, ${args.timeoutMs} ms each`);
  const failures: Array<{ at: number; target: string; recoveredAfterMs?: number }> = [];
  const times: number[] = [];
  const noData: Array<{ at: number; target: string; screen: string }> = [];
  try {
    await page.locator('[role="main"] [role="grid"] [data-eventid]').first().waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const stopWorker = () => cdp.send('ServiceWorker.stopAllWorkers');
    for (let i = 1; i <= args.count; i++) {
      const target = setup.targets[(i - 1) % setup.targets.length]!;
      if (args.idleEvery > 0 && i % args.idleEvery === 0) await page.waitForTimeout(args.idleMs);
      if (args.reloadEvery > 0 && i % args.reloadEvery === 0) {
        await page.goto(setup.weekUrl);
        await page.locator('[role="main"] [role="grid"] [data-eventid]').first().waitFor();
      }
      const mark = consoleLines.length;
      const chip = page.locator(`[role="main"] [data-eventid="${target.eid}"]`);
      await chip.scrollIntoViewIfNeeded();
      const stopNow = args.stopWorkerEvery > 0 && i % args.stopWorkerEvery === 0;
      if (stopNow && !args.stopWorkerAfterClick) await stopWorker();
      await chip.click();
      if (stopNow && args.stopWorkerAfterClick) {
        await page.waitForTimeout(Math.random() * 300);
        await stopWorker();
      }
      const shownMs = await waitForSidebar(page, target.name, args.timeoutMs);
      if (shownMs !== undefined) {
        times.push(shownMs);
        // Shown: its data must come too (both notes boxes editable), not a storage problem.
        const loaded = await waitForData(page, target.name, args.timeoutMs);
        if (loaded !== true) {
          noData.push({ at: i, target: target.name, screen: loaded });
          console.log(`#${i} ${target.name}: the sidebar showed but not its data within ${args.timeoutMs} ms: ${loaded}`);
          for (const line of consoleLines.slice(Math.max(0, mark - 5)).slice(-20)) console.log(`  ${line}`);
        }
      } else {
        const state = await describePage(setup);
        const recovered = await waitForSidebar(page, target.name, 30_000);
        const failure = { at: i, target: target.name, ...(recovered !== undefined && { recoveredAfterMs: args.timeoutMs + recovered }) };
        failures.push(failure);
        console.log(`#${i} ${target.name}: no sidebar within ${args.timeoutMs} ms; ${recovered === undefined ? 'still none 30 s later' : `it came ${failure.recoveredAfterMs} ms after the click`}`);
        console.log(`  page: ${JSON.stringify(state)}`);
        for (const line of [...workerEvents.slice(-3), ...consoleLines.slice(Math.max(0, mark - 5))].slice(-40)) console.log(`  ${line}`);
      }
      await page.keyboard.press('Escape');
      await page.locator('[data-one-on-one-companion="sidebar-dock"]').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => console.log(`#${i}: the dock did not hide after Escape`));
      if (i % 20 === 0) console.log(`${i} opens, ${failures.length} without a sidebar, ${noData.length} without its data`);
    }
  } finally {
    await setup.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${failures.length} of ${args.count} opens showed no sidebar within ${args.timeoutMs} ms` + (median === undefined ? '' : `; shown in ${median} ms median, ${times[times.length - 1]} ms max`));
  console.log(`${noData.length} of ${times.length} sidebars shown did not get their data within ${args.timeoutMs} ms`);
  console.log(`the service worker started ${workerEvents.length} times after the first`);
  process.exitCode = failures.length + noData.length > 0 ? 1 : 0;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
