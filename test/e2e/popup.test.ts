// The toolbar popup, the badge and the options page in real Chromium with the built extension.
// Data is seeded the way a user restores it: a backup file imported on the options page of a
// browser that has no account yet.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../support/build-extension';
import { extensionPageUrl, launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { backupFile } from '../app/e2e-seed';

let browser: ExtensionBrowser;

/** Polls until the value matches: pages, the worker and IndexedDB answer asynchronously (and slowly on a busy machine). */
function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000, interval: 100 });
}

async function openPage(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(extensionPageUrl(browser.extensionId, path));
  return page;
}

function badgeText(): Promise<string> {
  return browser.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string> } } }).chrome.action.getBadgeText({}));
}

async function overdueRows(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Overdue' });
  if ((await list.count()) === 0) return [];
  return (await list.getByRole('listitem').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

describe('popup, badge and options in Chromium', () => {
  beforeAll(async () => {
    browser = await launchWithExtension(buildExtension({ mode: 'e2e-popup' }));
  }, 120_000);
  afterAll(async () => browser?.close());

  it('with no account yet, the popup says what to do next and the badge is empty', async () => {
    const popup = await openPage('popup.html');
    await eventually(() => popup.getByText('Sign in to read your calendar').count()).toBe(1);
    expect(await popup.getByRole('button', { name: 'Sign in' }).first().isVisible()).toBe(true);
    expect(await badgeText()).toBe('');
    await popup.close();
  });

  it('restoring a backup on the options page fills the popup: an overdue direct with days since, one within the cadence left out; the badge counts 1', async () => {
    const options = await openPage('options.html#backup');
    await options.getByLabel('Choose a backup file').setInputFiles({
      name: 'backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(backupFile(Date.now())),
    });
    await eventually(() => options.getByRole('status').filter({ hasText: 'Imported backup.json' }).innerText()).toMatch(/added 7/);

    const popup = await openPage('popup.html');
    await eventually(() => overdueRows(popup)).toEqual([expect.stringMatching(/^Dana Reyes — 10 days since your last 1:1/)]);
    expect(await popup.getByRole('list', { name: 'Overdue' }).getByText('Sam Ito').count()).toBe(0);
    await eventually(badgeText).toBe('1');
    await popup.close();
    await options.close();
  });

  it('an options edit persists across a reload and reaches the popup and the badge', async () => {
    const options = await openPage('options.html#people');
    const cadence = options.getByLabel('Cadence in days for Dana Reyes');
    await eventually(() => cadence.inputValue()).toBe('7');
    await cadence.fill('14');
    await cadence.press('Enter');
    // The badge follows the stored value, so once it clears the write has committed; a reload
    // before that would race the write (under load it can take longer than the reload).
    await eventually(badgeText).toBe('');
    await options.reload();
    await eventually(() => options.getByLabel('Cadence in days for Dana Reyes').inputValue()).toBe('14');

    const popup = await openPage('popup.html');
    await eventually(() => popup.getByText('No one is overdue').count()).toBe(1);

    // A bad value is refused with a message and nothing changes.
    await options.getByLabel('Cadence in days for Dana Reyes').fill('0');
    await options.getByLabel('Cadence in days for Dana Reyes').press('Enter');
    await eventually(() => options.getByText(/Cadence must be a whole number of days from 1 to 366/).count()).toBeGreaterThan(0);
    await options.reload();
    await eventually(() => options.getByLabel('Cadence in days for Dana Reyes').inputValue()).toBe('14');
    await popup.close();
    await options.close();
  });

  it('logging a 1:1 held off the calendar on the person page counts as held; an open popup updates by itself', async () => {
    const popup = await openPage('popup.html');
    const options = await openPage('options.html#people');
    // Back to weekly: Dana is overdue again.
    const cadence = options.getByLabel('Cadence in days for Dana Reyes');
    await eventually(() => cadence.inputValue()).toBe('14');
    await cadence.fill('7');
    await cadence.press('Enter');
    await eventually(badgeText).toBe('1');
    await eventually(() => overdueRows(popup)).toEqual([expect.stringMatching(/^Dana Reyes — 10 days since your last 1:1/)]);

    await options.getByRole('button', { name: 'Dana Reyes', exact: true }).click();
    await options.getByRole('button', { name: 'Log a 1:1…' }).click();
    const today = new Date().toISOString().slice(0, 10);
    const form = options.getByRole('form', { name: 'Log a 1:1 held off the calendar' });
    await form.getByLabel('Date', { exact: true }).fill(today);
    await form.getByLabel('Time', { exact: true }).fill('00:00');
    await form.getByLabel('Shared notes', { exact: true }).fill('walk by the river');
    await form.getByRole('button', { name: 'Log 1:1' }).click();
    await eventually(() => options.getByText(/Logged a 1:1 with Dana Reyes/).count()).toBe(1);
    await eventually(() => options.getByText('walk by the river').count()).toBe(1);
    expect(options.url()).toMatch(/#person=email%3Adana%40example\.com$/);

    // The popup opened before the change re-reads on the storage notice, without a reload.
    await eventually(() => popup.getByText('No one is overdue').count()).toBe(1);
    await eventually(badgeText).toBe('');
    await popup.close();
    await options.close();
  });
});
