// The sidebar in a signed-in test build (WXT_TEST_ACCESS_TOKEN, WXT_CALENDAR_API_URL at the fake
// Calendar API): a 1:1 the sync engine has already learnt opens with the calendar's data; what is
// typed in the shared notes reaches the event's description; private notes never appear in any
// request to the API nor in any property of the event.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBlock } from '../../src/domain/description-block';
import type { ExtensionBrowser } from '../support/chromium';
import { accountDbName, extensionIdb, launchSignedIn, poller, thisWeek, type SignedInSetup } from '../support/e2e-setup';
import { routeCalendarSite, type CalendarSiteHandle, type SiteEvent } from '../calendar-site/site';
import type { FakeCalendarApi } from '../fake-calendar-api/server';

const SAM = { email: 'sam.lee@example.com', displayName: 'Sam Lee', organizer: true, responseStatus: 'accepted' as const };
const DANA = { email: 'dana.reyes@example.com', displayName: 'Dana Reyes', responseStatus: 'accepted' as const };
const TOKEN = 'e2e-sidebar-token';
const PRIVATE = 'PRIVATE-e2e-5b1d: thinking about leaving';
const SHARED = 'Shared: agreed the roadmap';
const DB_NAME = accountDbName(SAM.email);
// Event ids the API accepts on insert: [a-v0-9].
const EVENT_ID = 'danaa0bb1cc2dd3ee4ff5gg6hh';

const { at, weekOf } = thisWeek();
const start = at(2, 10);
const end = at(2, 10, 30);

// The page shows the title as Calendar's UI would; the API's summary differs so the test can tell
// which one the sidebar used.
const siteEvent: SiteEvent = { eventId: EVENT_ID, calendarId: SAM.email, title: '1:1 Dana / Sam', start: start.toISOString(), end: end.toISOString(), guests: [SAM, DANA] };

let setup: SignedInSetup;
let api: FakeCalendarApi;
let browser: ExtensionBrowser;
let site: CalendarSiteHandle;

const until = poller(15_000, 150);
const readStore = (store: string, key: string) => extensionIdb(browser.context, browser.extensionId, DB_NAME, { kind: 'get', store, key });

const iframe = (page: Page) => page.locator('iframe[src*="/sidebar.html"]');
const frame = (page: Page) => iframe(page).contentFrame();

beforeAll(async () => {
  setup = await launchSignedIn({
    mode: 'e2e-sidebar-sync',
    email: SAM.email,
    token: TOKEN,
    seed: (fake) =>
      void fake.state.addEvent(SAM.email, {
        id: EVENT_ID,
        summary: 'Dana / Sam (from the calendar)',
        description: 'Agenda: roadmap',
        start: { dateTime: start.toISOString(), timeZone: 'UTC' },
        end: { dateTime: end.toISOString(), timeZone: 'UTC' },
        attendees: [
          { email: SAM.email, responseStatus: 'accepted' },
          { email: DANA.email, displayName: DANA.displayName, responseStatus: 'accepted' },
        ],
        organizer: { email: SAM.email },
      } as never),
  });
  ({ api, browser } = setup);
  site = await routeCalendarSite(browser.context, { accountEmail: SAM.email, accountName: SAM.displayName, weekOf, events: [siteEvent] });
}, 120_000);

afterAll(async () => {
  await setup?.close();
});

describe('the sidebar when signed in', () => {
  it('opens a 1:1 the engine already learnt with the calendar\'s data; shared notes reach the event; private notes go nowhere', async () => {
    // The engine lists the calendar at start-up and stores the 1:1.
    await until('the engine to learn the 1:1', () => readStore('meetings', `${SAM.email}|${EVENT_ID}`));

    const page = await browser.context.newPage();
    await page.goto(site.weekUrl);
    const clicked = Date.now();
    await page.locator('[role="main"] [data-eventid][role="button"]', { hasText: siteEvent.title }).click();
    await frame(page).getByRole('complementary', { name: 'Dana Reyes' }).waitFor({ timeout: 1_000 });
    expect(Date.now() - clicked).toBeLessThan(1_000);
    // The stored meeting (the calendar's title), not one made from the page.
    await frame(page).getByText('Dana / Sam (from the calendar)').waitFor();

    const shared = frame(page).getByRole('textbox', { name: /^Shared notes/ });
    const priv = frame(page).getByRole('textbox', { name: /^Private notes/ });
    await frame(page).locator('textarea:not([readonly])').nth(1).waitFor();
    await priv.fill(PRIVATE);
    await shared.fill(SHARED);
    const items = frame(page).getByRole('region', { name: 'Action items' });
    await items.getByRole('textbox', { name: 'New action item', exact: true }).fill('Book the offsite');
    await items.getByRole('textbox', { name: 'New action item', exact: true }).press('Enter');
    const typedAt = Date.now();

    const block = await until('the block in the event\'s description', () => {
      const description = (api.state.getEvent(SAM.email, EVENT_ID)?.description as string | undefined) ?? '';
      const parsed = parseBlock(description, EVENT_ID);
      return parsed.kind === 'found' && parsed.content.sharedNotes === SHARED && parsed.content.actionItems.some((item) => item.text === 'Book the offsite') ? description : undefined;
    });
    expect(Date.now() - typedAt).toBeLessThan(15_000);
    expect(block.startsWith('Agenda: roadmap')).toBe(true);
    await frame(page).getByText(/Synced to the calendar event at/).waitFor({ timeout: 15_000 });

    // The private note is stored here…
    expect(await readStore('notes', `${SAM.email}|${EVENT_ID}|private`)).toMatchObject({ text: PRIVATE });
    // …and in no request to the API, and in no property of the event.
    const secret = 'PRIVATE-e2e-5b1d';
    expect(JSON.stringify(api.state.requests)).not.toContain(secret);
    expect(JSON.stringify(api.state.getEvent(SAM.email, EVENT_ID))).not.toContain(secret);
    await page.close();
  });
});
