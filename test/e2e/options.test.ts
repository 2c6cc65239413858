// The options page in real Chromium: targets with their split and progress (by hand and from a
// CSV file), merging two records of one person, days off, settings, and backup export, each
// checked to persist across a reload. Seeded by restoring a backup (see test/app/e2e-seed.ts).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupFile, SEED_ACCOUNT, seedMeeting, seedPerson } from '../app/e2e-seed';
import { buildExtension } from '../support/build-extension';
import { extensionPageUrl, launchWithExtension, type ExtensionBrowser } from '../support/chromium';

const DAY_MS = 86_400_000;
let browser: ExtensionBrowser;

function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000, interval: 100 });
}

async function openOptions(hash: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(extensionPageUrl(browser.extensionId, `options.html${hash}`));
  return page;
}

const today = () => new Date().toISOString().slice(0, 10);

describe('options page in Chromium', () => {
  beforeAll(async () => {
    browser = await launchWithExtension(buildExtension({ mode: 'e2e-options' }));
    const now = Date.now();
    const page = await openOptions('#backup');
    await page.getByLabel('Choose a backup file').setInputFiles({
      name: 'restore.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        backupFile(now, {
          // Dana again, known only from an event title ("Dana R <> me"), with one 1:1 of her own.
          people: [seedPerson('name:dana r', 'Dana R', undefined, now)],
          meetings: [seedMeeting('evtitle1', 'name:dana r', now - 20 * DAY_MS, { title: 'Dana R <> me', attendees: [] })],
        }),
      ),
    });
    await page.getByRole('status').filter({ hasText: 'Imported restore.json' }).waitFor({ timeout: 10_000 });
    await page.close();
  }, 120_000);
  afterAll(async () => browser?.close());

  it('creates a target, shows its split, takes progress by hand and from a CSV file (a bad file imports nothing)', async () => {
    const page = await openOptions('#targets');
    await page.getByLabel('For').selectOption({ label: 'Dana Reyes' });
    await page.getByLabel('Metric').fill('Bookings');
    await page.getByLabel('Amount').fill('100,000');
    await page.getByRole('button', { name: 'Create target' }).click();
    const card = page.getByRole('listitem', { name: 'Bookings — Dana Reyes' });
    await eventually(() => card.count()).toBe(1);
    expect(await card.innerText()).toMatch(/\$100,000\.00/);
    expect(await card.getByText(/^By week \(\d parts\)$/).count()).toBe(1);

    const progress = page.getByRole('form', { name: 'Add progress to Bookings — Dana Reyes' });
    await progress.getByLabel('Progress (USD)').fill('1,000');
    await progress.getByRole('button', { name: 'Add progress' }).click();
    await eventually(() => card.innerText()).toMatch(/\$1,000\.00 so far/);

    const chooseCsv = page.getByLabel('Choose a CSV file');
    await chooseCsv.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(`date,target,person,value\n${today()},Bookings,Dana Reyes,lots\n`) });
    await eventually(() => page.getByRole('button', { name: /^Import \d+ rows?$/ }).isDisabled()).toBe(true);

    await chooseCsv.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(`date,target,person,value\n${today()},Bookings,dana@example.com,250.50\n`) });
    await page.getByRole('button', { name: 'Import 1 row' }).click();
    await eventually(() => card.innerText()).toMatch(/\$1,250\.50 so far/);

    await page.reload();
    await eventually(() => page.getByRole('listitem', { name: 'Bookings — Dana Reyes' }).innerText()).toMatch(/\$1,250\.50 so far/);
    await page.close();
  });

  it('merges a name-only record into the person with an address: the 1:1s move, the record is no longer listed', async () => {
    const page = await openOptions('#people');
    await eventually(() => page.getByRole('button', { name: 'Dana R', exact: true }).count()).toBe(1);
    await page.getByRole('combobox', { name: /^Merge\b/ }).selectOption({ label: 'Dana R (name only)' });
    await page.getByRole('combobox', { name: /^into\b/ }).selectOption({ label: 'Dana Reyes <dana@example.com>' });
    await page.getByRole('button', { name: 'Merge…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Merge', exact: true }).click();
    await eventually(() => page.getByText(/Merged Dana R into Dana Reyes: moved 1 1:1/).count()).toBe(1);
    await page.reload();
    await eventually(() => page.getByRole('button', { name: 'Dana Reyes', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Dana R', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Dana Reyes', exact: true }).click();
    await eventually(() => page.getByRole('list', { name: '1:1s with Dana Reyes, newest first' }).getByText('Dana R <> me').count()).toBe(1);
    await page.close();
  });

  it('keeps days off and the time zone across a reload; refuses an unknown zone', async () => {
    const page = await openOptions('#days-off');
    const form = page.getByRole('form', { name: 'Add days off' });
    await form.getByLabel('Day off (or first day)').fill('2030-12-24');
    await form.getByLabel('Last day (optional)').fill('2030-12-26');
    await form.getByRole('button', { name: 'Add' }).click();
    await eventually(() => page.getByRole('button', { name: /^Remove day off/ }).count()).toBe(3);
    await page.reload();
    await eventually(() => page.getByRole('button', { name: /^Remove day off/ }).count()).toBe(3);

    await page.getByRole('tab', { name: 'Settings' }).click();
    const zone = page.getByRole('form', { name: 'Time zone' });
    await zone.getByLabel('Time zone (days are counted in it)').fill('Mars/Olympus_Mons');
    await zone.getByRole('button', { name: 'Save time zone' }).click();
    await eventually(() => zone.getByText(/not a time zone this browser knows/).count()).toBe(1);
    await zone.getByLabel('Time zone (days are counted in it)').fill('Europe/Berlin');
    await zone.getByRole('button', { name: 'Save time zone' }).click();
    await eventually(() => page.getByText('Days are now counted in Europe/Berlin.').count()).toBe(1);
    await page.reload();
    expect(page.url()).toMatch(/#settings$/);
    await eventually(() => page.getByLabel('Time zone (days are counted in it)').inputValue()).toBe('Europe/Berlin');
    await page.close();
  });

  it('exports a backup as a file download holding the account’s records', async () => {
    const page = await openOptions('#backup');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export backup' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^1on1-companion-backup-manager@example\.com-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { account: string; records: { people: { displayName: string }[] } };
    expect(file.account).toBe(SEED_ACCOUNT);
    expect(file.records.people.map((p) => p.displayName).sort()).toEqual(['Dana R', 'Dana Reyes', 'Sam Ito']);
    await eventually(() => page.getByText(/^Last backup: .*today/).count()).toBe(1);
    await page.close();
  });
});
