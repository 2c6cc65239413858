// The user's marks in Calendar, end to end (the "Overrides"): the built extension in
// Chromium on the stand-in Calendar site. A group event shows the compact "Not a 1:1 · Treat as
// 1:1…" offer beside its dialog (never a complementary landmark: CONTRACT.md's 1:1 sidebar is
// the only one); "Treat as 1:1 with <guest>" turns it into the full sidebar, "Not a 1:1" turns a
// 1:1 into the offer, for the event or the whole series, at once and in every tab showing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { buildExtension } from '../support/build-extension';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { routeCalendarSite, type CalendarSiteHandle, type SiteEvent } from '../calendar-site/site';

const SAM = { email: 'sam.lee@example.com', displayName: 'Sam Lee', organizer: true, responseStatus: 'accepted' as const };
const DANA = { email: 'dana.reyes@example.com', displayName: 'Dana Reyes' };
const ALEX = { email: 'alex.kim@example.com', displayName: 'Alex Kim' };
const MEI = { email: 'mei.chen@example.com', displayName: 'Mei Chen' };
const OFFER = '1:1 Companion: not a 1:1';

const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, 16 + day, hour, minute).toISOString();
/** A recurring instance's id: `<series>_<UTC start>` as Calendar writes it. */
const instanceId = (series: string, start: string) => `${series}_${start.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`;
const SERIES = 'teamsync0aa1bb2cc3dd4ee5ff';

const events = {
  planning: {
    eventId: 'planning0aa1bb2cc3dd4ee5ff', calendarId: SAM.email, title: 'Quarterly planning', start: at(0, 11), end: at(0, 12),
    guests: [SAM, DANA, ALEX, MEI],
  },
  twoTabs: {
    eventId: 'roadmap00aa1bb2cc3dd4ee5ff', calendarId: SAM.email, title: 'Roadmap review', start: at(1, 15), end: at(1, 16),
    guests: [SAM, DANA, ALEX],
  },
  oneOnOne: {
    eventId: 'danasam0aa1bb2cc3dd4ee5ff', calendarId: SAM.email, title: 'Dana / Sam', start: at(1, 10), end: at(1, 10, 30),
    guests: [SAM, DANA],
  },
  seriesMonday: {
    eventId: instanceId(SERIES, at(0, 14)), calendarId: SAM.email, title: 'Team sync', start: at(0, 14), end: at(0, 14, 30),
    guests: [SAM, ALEX, MEI],
  },
  seriesWednesday: {
    eventId: instanceId(SERIES, at(2, 14)), calendarId: SAM.email, title: 'Team sync', start: at(2, 14), end: at(2, 14, 30),
    guests: [SAM, ALEX, MEI],
  },
  focus: {
    eventId: 'focus000aa1bb2cc3dd4ee5ff', calendarId: SAM.email, title: 'Focus time', start: at(3, 9), end: at(3, 11), guests: [],
  },
} satisfies Record<string, SiteEvent>;

let browser: ExtensionBrowser;
let context: BrowserContext;
let site: CalendarSiteHandle;

beforeAll(async () => {
  browser = await launchWithExtension(buildExtension({ mode: 'e2e-overrides' }));
  context = browser.context;
  site = await routeCalendarSite(context, { accountEmail: SAM.email, accountName: SAM.displayName, weekOf: '2026-03-16', events: Object.values(events) });
});
afterAll(async () => browser?.close());

const chip = (page: Page, event: SiteEvent) => page.locator(`[role="main"] [role="grid"] [data-eventid="${site.eid(event)}"][role="button"]`);
const eventDialog = (page: Page) => page.locator('[role="dialog"]:has(#xDetDlg[data-eventid])');
const iframe = (page: Page) => page.locator('iframe[src*="/sidebar.html"]');
const frame = (page: Page): FrameLocator => iframe(page).contentFrame();
const offer = (page: Page) => frame(page).getByRole('region', { name: OFFER });
const aside = (page: Page, name: string | RegExp) => frame(page).getByRole('complementary', { name });

async function openWeek(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(site.weekUrl);
  await chip(page, events.planning).waitFor();
  return page;
}

/** Clicks the event's chip; answers how long the offer took to show. */
async function openOffer(page: Page, event: SiteEvent): Promise<number> {
  const clicked = Date.now();
  await chip(page, event).click();
  await iframe(page).waitFor({ state: 'visible', timeout: 2_000 });
  await offer(page).waitFor({ timeout: 2_000 });
  return Date.now() - clicked;
}

async function closeDialog(page: Page): Promise<void> {
  await page.locator('#xDetDlgCloseBu[aria-label="Close"]').click();
  await iframe(page).waitFor({ state: 'hidden', timeout: 1_000 });
}

async function expectApart(a: Locator, b: Locator): Promise<void> {
  const boxA = (await a.boundingBox())!;
  const boxB = (await b.boundingBox())!;
  const overlaps = boxA.x < boxB.x + boxB.width && boxB.x < boxA.x + boxA.width && boxA.y < boxB.y + boxB.height && boxB.y < boxA.y + boxA.height;
  expect({ overlaps, dialog: boxA, dock: boxB }).toMatchObject({ overlaps: false });
}

/** The offer's whole content fits in its iframe (nothing cut off), and the iframe is not much taller. */
async function expectFitted(page: Page): Promise<void> {
  await expect
    .poll(async () => {
      const content = await offer(page).evaluate((section) => Math.ceil(section.getBoundingClientRect().height));
      const box = (await iframe(page).boundingBox())!;
      return Math.abs(Math.round(box.height) - content) <= 1;
    }, { timeout: 2_000 })
    .toBe(true);
}

async function expectNoComplementary(page: Page): Promise<void> {
  expect(await frame(page).getByRole('complementary').count()).toBe(0);
  expect(await page.getByRole('complementary').count()).toBe(0);
  expect(await iframe(page).getAttribute('title')).not.toMatch(/1:1 with/);
}

describe('a group event', () => {
  it('shows the compact offer beside the dialog: one line, no complementary landmark, never over the dialog', async () => {
    const page = await openWeek();
    const shownMs = await openOffer(page, events.planning);
    expect(shownMs).toBeLessThan(1_000);
    await expectNoComplementary(page);
    expect(await iframe(page).getAttribute('title')).toBe(OFFER);
    await expect.poll(async () => (await iframe(page).boundingBox())!.height).toBeLessThan(60);
    await expectApart(eventDialog(page), iframe(page));
    await expectFitted(page);
    expect((await offer(page).innerText()).replace(/\s+/g, ' ').trim()).toBe('Not a 1:1 · Treat as 1:1…');
    // Guests arrive lazily and the dialog re-renders: the offer stays, still beside it.
    await page.waitForTimeout(400);
    expect(await offer(page).isVisible()).toBe(true);
    await expectApart(eventDialog(page), iframe(page));

    // Expanded: as tall as its content, still beside the dialog.
    await offer(page).getByRole('button', { name: 'Treat as 1:1…' }).click();
    await offer(page).getByRole('combobox', { name: 'With' }).waitFor();
    await expect.poll(async () => (await iframe(page).boundingBox())!.height).toBeGreaterThan(100);
    await expectFitted(page);
    await expectApart(eventDialog(page), iframe(page));
    await expectNoComplementary(page);

    // Closing the dialog hides it (its Close button: the keyboard's focus is in the offer's frame).
    await closeDialog(page);
    await page.close();
  });

  it('"Treat as 1:1 with Alex Kim" for this event turns the offer into the 1:1 sidebar at once; reopening keeps it', async () => {
    const page = await openWeek();
    await openOffer(page, events.planning);
    await offer(page).getByRole('button', { name: 'Treat as 1:1…' }).click();
    await offer(page).getByRole('combobox', { name: 'With' }).selectOption(ALEX.email);
    const chosen = Date.now();
    await offer(page).getByRole('button', { name: 'Treat this event as a 1:1 with Alex Kim' }).click();
    await aside(page, 'Alex Kim').waitFor({ timeout: 2_000 });
    expect(Date.now() - chosen).toBeLessThan(1_000);
    expect(await aside(page, 'Alex Kim').getAttribute('aria-label')).toBe('1:1 with Alex Kim');
    expect(await iframe(page).getAttribute('title')).toBe('1:1 with Alex Kim');
    expect(await offer(page).count()).toBe(0);
    // The full sidebar: from the top bar down, with its notes boxes; not over the dialog.
    await expect.poll(async () => (await iframe(page).boundingBox())!.height).toBeGreaterThan(500);
    await frame(page).getByRole('textbox', { name: /^Private notes/ }).waitFor();
    await expectApart(eventDialog(page), iframe(page));

    // Closed and opened again: the mark is kept.
    await closeDialog(page);
    await chip(page, events.planning).click();
    await aside(page, 'Alex Kim').waitFor({ timeout: 1_000 });
    await page.close();
  });

  it('a mark in one tab switches the other tab showing the same event, without touching it', async () => {
    const first = await openWeek();
    const second = await openWeek();
    await openOffer(first, events.twoTabs);
    await openOffer(second, events.twoTabs);
    await first.bringToFront();
    await offer(first).getByRole('button', { name: 'Treat as 1:1…' }).click();
    await offer(first).getByRole('button', { name: 'Treat this event as a 1:1 with Dana Reyes' }).click();
    await aside(first, 'Dana Reyes').waitFor({ timeout: 2_000 });
    await aside(second, 'Dana Reyes').waitFor({ timeout: 2_000 });
    expect(await iframe(second).getAttribute('title')).toBe('1:1 with Dana Reyes');
    await expectApart(eventDialog(second), iframe(second));

    // And back: "Not a 1:1" in the second tab turns both into the offer.
    await second.bringToFront();
    await aside(second, 'Dana Reyes').getByRole('button', { name: '1:1 options' }).click();
    await aside(second, 'Dana Reyes').getByRole('button', { name: 'Not a 1:1: this event' }).click();
    await offer(second).waitFor({ timeout: 2_000 });
    await offer(first).waitFor({ timeout: 2_000 });
    await expectNoComplementary(first);
    await expectNoComplementary(second);
    await first.close();
    await second.close();
  });
});

describe('a detected 1:1', () => {
  it('"Not a 1:1: this event" turns the sidebar into the offer; "Use automatic detection" brings the 1:1 back', async () => {
    const page = await openWeek();
    await chip(page, events.oneOnOne).click();
    await aside(page, 'Dana Reyes').waitFor({ timeout: 1_000 });
    await aside(page, 'Dana Reyes').getByRole('button', { name: '1:1 options' }).click();
    const marked = Date.now();
    await aside(page, 'Dana Reyes').getByRole('button', { name: 'Not a 1:1: this event' }).click();
    await offer(page).waitFor({ timeout: 2_000 });
    expect(Date.now() - marked).toBeLessThan(1_000);
    await expectNoComplementary(page);
    await expect.poll(async () => (await iframe(page).boundingBox())!.height).toBeLessThan(60);
    await expectApart(eventDialog(page), iframe(page));

    // Reopened: still the offer (the mark is stored), never the sidebar.
    await closeDialog(page);
    await openOffer(page, events.oneOnOne);
    await page.waitForTimeout(300);
    await expectNoComplementary(page);

    await offer(page).getByRole('button', { name: 'Treat as 1:1…' }).click();
    expect(await offer(page).innerText()).toContain('You marked this event as not a 1:1.');
    await offer(page).getByRole('button', { name: 'Use automatic detection' }).click();
    await aside(page, 'Dana Reyes').waitFor({ timeout: 2_000 });
    expect(await iframe(page).getAttribute('title')).toBe('1:1 with Dana Reyes');
    await closeDialog(page);
    await page.close();
  });
});

describe('a recurring group event', () => {
  it('"Whole series" applies to another instance of the series', async () => {
    const page = await openWeek();
    await openOffer(page, events.seriesMonday);
    await offer(page).getByRole('button', { name: 'Treat as 1:1…' }).click();
    await offer(page).getByRole('combobox', { name: 'With' }).selectOption(MEI.email);
    await offer(page).getByRole('button', { name: 'Treat the whole series as 1:1s with Mei Chen' }).click();
    await aside(page, 'Mei Chen').waitFor({ timeout: 2_000 });
    expect(await iframe(page).getAttribute('title')).toBe('1:1 with Mei Chen');
    await closeDialog(page);

    await chip(page, events.seriesWednesday).click();
    await aside(page, 'Mei Chen').waitFor({ timeout: 1_000 });
    expect(await iframe(page).getAttribute('title')).toBe('1:1 with Mei Chen');
    await expectApart(eventDialog(page), iframe(page));
    await page.keyboard.press('Escape'); // focus is on the page here
    await iframe(page).waitFor({ state: 'hidden', timeout: 1_000 });
    await page.close();
  });
});

describe('what gets no offer', () => {
  it('an event without guests and an ordinary title, and the quick-create dialog, show nothing at all', async () => {
    const page = await openWeek();
    await chip(page, events.focus).click();
    await eventDialog(page).waitFor();
    await page.waitForTimeout(800); // past the dialog settling with no guest section
    expect(await iframe(page).isVisible().catch(() => false)).toBe(false);
    await page.keyboard.press('Escape');
    const friday = page.locator('[role="gridcell"]').nth(4);
    await friday.click({ position: { x: 40, y: 600 } });
    await page.locator('[role="dialog"] input[aria-label="Add title"]').waitFor();
    await page.waitForTimeout(700);
    expect(await iframe(page).isVisible().catch(() => false)).toBe(false);
    await page.close();
  });
});
