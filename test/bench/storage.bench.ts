// The sidebar's read of one person in real Chromium, with IndexedDB in an extension page:
// 5 people × 5 years of weekly 1:1s against 50 people × 5 years (13,000 meetings, each with notes
// and 2 action items). The read is index-driven, so the large store should cost about the same as
// the small one (aim: under 10 ms and within 1.5× of the small store). Also the bulk import speed.
//
// How it measures: each store lives in its own browser profile (Chromium keeps all of an origin's
// databases in one backing store, so a small database next to a large one would not be a small
// store). Both browsers run at once and the reads alternate between them in blocks, so a busy
// moment of the machine (builds, other tests) falls on both figures alike; each figure is the
// median of all its reads.
import type { Page } from 'playwright-core';
import { extensionPageUrl, launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import type { BenchContext } from './bench-context';
import type { SeedResult } from './storage-harness/main';

const YEARS = 5;
const ROUNDS = 12;
const READS_PER_ROUND = 50;
const WARM_UP_READS = 30;

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function openHarness(extensionPath: string): Promise<{ browser: ExtensionBrowser; page: Page }> {
  const browser = await launchWithExtension(extensionPath);
  const page = await browser.context.newPage();
  await page.goto(extensionPageUrl(browser.extensionId, 'storage-harness.html'));
  await page.waitForSelector('body[data-ready="true"]');
  return { browser, page };
}

export default async function storageBench(context: BenchContext): Promise<Record<string, number>> {
  const extensionPath = context.extension('bench');
  const small = await openHarness(extensionPath);
  const large = await openHarness(extensionPath);
  try {
    const seed = (page: Page, people: number): Promise<SeedResult> =>
      page.evaluate((options) => window.storageHarness.bench.seed(options), { account: `bench-${people}@example.com`, people, years: YEARS });
    const reads = (page: Page, runs: number, offset: number): Promise<number[]> =>
      page.evaluate((options) => window.storageHarness.bench.timeReads(options), { runs, offset });

    context.log(`seeding ${5} people × ${YEARS} years…`);
    const smallSeed = await seed(small.page, 5);
    context.log(describeSeed(smallSeed));
    context.log(`seeding ${50} people × ${YEARS} years…`);
    const largeSeed = await seed(large.page, 50);
    context.log(describeSeed(largeSeed));

    await reads(small.page, WARM_UP_READS, 0);
    await reads(large.page, WARM_UP_READS, 0);
    const smallTimes: number[] = [];
    const largeTimes: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which goes first, so neither always follows the other's garbage collection.
      const order = r % 2 === 0 ? ([small, large] as const) : ([large, small] as const);
      for (const side of order) {
        const times = await reads(side.page, READS_PER_ROUND, r * READS_PER_ROUND);
        (side === small ? smallTimes : largeTimes).push(...times);
      }
    }
    const smallMedian = median(smallTimes);
    const largeMedian = median(largeTimes);
    context.log(`small store read: median ${smallMedian.toFixed(3)} ms, p90 ${percentile(smallTimes, 0.9).toFixed(3)} ms (${smallTimes.length} reads)`);
    context.log(`large store read: median ${largeMedian.toFixed(3)} ms, p90 ${percentile(largeTimes, 0.9).toFixed(3)} ms (${largeTimes.length} reads)`);
    context.log(`large / small: ${(largeMedian / smallMedian).toFixed(2)}×`);
    await small.page.evaluate(() => window.storageHarness.bench.finish());
    await large.page.evaluate(() => window.storageHarness.bench.finish());
    return {
      personReadMsSmallStore: round(smallMedian, 3),
      personReadMsLargeStore: round(largeMedian, 3),
      seedRecordsPerSecond: Math.round(largeSeed.recordCount / (largeSeed.seedMs / 1000)),
    };
  } finally {
    await small.browser.close();
    await large.browser.close();
  }
}

function describeSeed(seed: SeedResult): string {
  return `${seed.meetings} meetings, ${seed.recordCount} records imported in ${(seed.seedMs / 1000).toFixed(2)} s (${Math.round(seed.recordCount / (seed.seedMs / 1000))} records/s)`;
}
