// Figures for the Calendar page (printed; the lead moves them into `npm run bench`):
// - the content script's size (all JS injected into Calendar), gzip
// - time from a chip click to the docked sidebar showing the person, median of 20
// - how long the sidebar iframe takes to load cold (what preloading at idle would save)
// - what the extension's observer costs per 1000 mutations that do not involve a dialog
// Only the contract's bounds are asserted (size budget, 1 second).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildExtension } from '../support/build-extension';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { routeCalendarSite, sampleWeek, type CalendarSiteHandle } from '../calendar-site/site';

const ACCOUNT = { accountEmail: 'sam.lee@example.com', accountName: 'Sam Lee' };
let browser: ExtensionBrowser;
let extensionPath: string;
let calendar: CalendarSiteHandle;
let baseline: CalendarSiteHandle;
const figures: Record<string, string> = {};

beforeAll(async () => {
  extensionPath = buildExtension({ mode: 'e2e-page' });
  browser = await launchWithExtension(extensionPath);
  const site = { ...ACCOUNT, events: sampleWeek(ACCOUNT) };
  calendar = await routeCalendarSite(browser.context, site);
  // The same page where the extension does not run.
  baseline = await routeCalendarSite(browser.context, { ...site, origin: 'https://calendar-baseline.test' });
});

afterAll(async () => {
  console.log(`\nCalendar page figures\n${Object.entries(figures).map(([name, value]) => `  ${name}: ${value}`).join('\n')}\n`);
  await browser?.close();
});

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function openWeek(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.locator('[role="grid"] [data-eventid][role="button"]').first().waitFor();
  return page;
}

describe('Calendar page figures', () => {
  it('content script size (gzip) stays under 15 kB', () => {
    const folder = path.join(extensionPath, 'content-scripts');
    let raw = 0;
    let gzip = 0;
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.js'))) {
      const bytes = readFileSync(path.join(folder, file));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    figures['content script'] = `${(raw / 1024).toFixed(1)} kB, ${(gzip / 1024).toFixed(1)} kB gzip`;
    expect(gzip).toBeLessThan(15 * 1024);
  });

  for (const cold of [false, true]) {
    const label = cold
      ? 'chip click → sidebar visible, iframe cold (created at this dialog), median of 20'
      : 'chip click → sidebar visible, iframe warm (kept from an earlier dialog), median of 20';
    it(label, async () => {
      const page = await openWeek(calendar.weekUrl);
      const iframe = page.locator('iframe[src*="/sidebar.html"]');
      const chips = [
        { title: '1:1 Dana', name: 'Dana Reyes' },
        { title: 'Alex / ', name: 'Alex Kim' },
      ];
      // Warm it up with one 1:1 first (the dock is created at the first dialog).
      await page.locator('[data-eventid][role="button"]', { hasText: '1:1 Dana' }).click();
      await iframe.contentFrame().getByRole('complementary', { name: 'Dana Reyes' }).waitFor();
      await page.keyboard.press('Escape');
      await iframe.waitFor({ state: 'hidden' });
      const times: number[] = [];
      for (let run = 0; run < 20; run++) {
        const { title, name } = chips[run % chips.length]!;
        // Cold: take the dock off the page; the next dialog puts it back and the iframe loads anew.
        if (cold) await page.evaluate(() => document.querySelector('[data-one-on-one-companion="sidebar-dock"]')?.remove());
        const started = performance.now();
        await page.locator('[data-eventid][role="button"]', { hasText: title }).click();
        await iframe.waitFor({ state: 'visible' });
        await iframe.contentFrame().getByRole('complementary', { name }).waitFor({ state: 'visible' });
        times.push(performance.now() - started);
        await page.keyboard.press('Escape');
        await iframe.waitFor({ state: 'hidden' });
      }
      figures[label] = `${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`;
      expect(median(times)).toBeLessThan(1_000);
      await page.close();
    });
  }

  it('sidebar iframe cold load (what preloading at idle would save on the first 1:1)', async () => {
    const page = await openWeek(calendar.weekUrl);
    const url = `chrome-extension://${browser.extensionId}/sidebar.html`;
    const times: number[] = [];
    for (let run = 0; run < 20; run++) {
      times.push(
        await page.evaluate(
          (src) =>
            new Promise<number>((resolve) => {
              const started = performance.now();
              const frame = document.createElement('iframe');
              frame.addEventListener('load', () => {
                resolve(performance.now() - started);
                frame.remove();
              });
              frame.src = `${src}#host=${'0'.repeat(32)}`;
              document.body.append(frame);
            }),
          url,
        ),
      );
    }
    figures['sidebar iframe cold load (median of 20)'] = `${median(times).toFixed(0)} ms`;
    await page.close();
  });

  it('observer cost per 1000 mutations that involve no dialog', async () => {
    // CPU time spent in scripts (the page's own and the extension's isolated world) while the page
    // makes 1000 changes, one task each (one observer callback each: the worst case), on the
    // Calendar origin (extension running) and on a baseline origin (not running).
    async function scriptSeconds(url: string, oneTask: boolean): Promise<number> {
      const page = await openWeek(url);
      await page.waitForTimeout(300);
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const read = async () =>
        ((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.find(
          (metric) => metric.name === 'ScriptDuration',
        )!.value;
      const before = await read();
      await page.evaluate(async (oneTask) => {
        const cells = [...document.querySelectorAll('[role="gridcell"]')];
        const titles = [...document.querySelectorAll('.chip-title')];
        const added: Element[] = [];
        for (let i = 0; i < 1000; i++) {
          if (i % 4 === 0) {
            const marker = document.createElement('div');
            marker.className = 'now-line';
            cells[i % cells.length]!.append(marker);
            added.push(marker);
          } else if (i % 4 === 1) {
            added.pop()?.remove();
          } else {
            const title = titles[i % titles.length]!;
            title.textContent = `${title.textContent?.replace(/ \d+$/, '')} ${i}`;
          }
          // A new task without setTimeout's 4 ms clamp.
          if (!oneTask) await new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = resolve;
            channel.port2.postMessage(0);
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 0));
      }, oneTask);
      const spent = (await read()) - before;
      await cdp.detach();
      await page.close();
      return spent;
    }
    for (const [label, oneTask] of [['one task each', false], ['all in one task', true]] as const) {
      const withExtension: number[] = [];
      const without: number[] = [];
      for (let run = 0; run < 5; run++) {
        withExtension.push(await scriptSeconds(calendar.weekUrl, oneTask));
        without.push(await scriptSeconds(baseline.weekUrl, oneTask));
      }
      const extra = (median(withExtension) - median(without)) * 1000;
      figures[`observer cost per 1000 unrelated mutations, ${label}`] =
        `${extra.toFixed(2)} ms of script time (with extension ${(median(withExtension) * 1000).toFixed(1)} ms, without ${(median(without) * 1000).toFixed(1)} ms; medians of 5)`;
      expect(Number.isFinite(extra)).toBe(true);
    }
  });
});
