// `npm run demo -- --screenshot DIR`, end to end, so the demo cannot rot silently: the same
// command-line parsing and start-up as the script (fake Calendar API, test build, Chromium, the
// stand-in Calendar site, first sync, backup restore, screenshots), then checks that every picture
// is a real one and that the product shows what the demo promises.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canShowWindow, parseDemoArgs } from '../../scripts/demo/args';
import { overdueRows, SCREENSHOTS, startDemo, type DemoSession } from '../../scripts/demo/demo';
import { backupFile, listEvents, seedCalendar } from '../../scripts/demo/seed';
import { ME, TEAM, TODAY_NOTES } from '../../scripts/demo/team';
import { addDays, daysBetween, dayOf, startOfDay } from '../../src/domain/calendar-time';
import { parseBackup } from '../../src/storage/backup';
import { startFakeCalendarApi } from '../fake-calendar-api/server';
import { extensionPageUrl } from '../support/chromium';

interface DecodedPng {
  width: number;
  height: number;
  /** Distinct colours (RGB), and the share of pixels the commonest one covers. */
  colours: number;
  commonestShare: number;
}

/** Decodes an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes) far enough to count colours. */
function decodePng(file: string): DecodedPng {
  const data = readFileSync(file);
  expect(data.subarray(0, 8).toString('hex'), `${file} is a PNG`).toBe('89504e470d0a1a0a');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const bitDepth = body[8];
      const colourType = body[9];
      const interlace = body[12];
      expect({ bitDepth, interlace, colourType: [2, 6].includes(colourType!) }, `${file}: 8-bit RGB(A), not interlaced`).toEqual({ bitDepth: 8, interlace: 0, colourType: true });
      channels = colourType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const previous = new Uint8Array(stride);
  const row = new Uint8Array(stride);
  const counts = new Map<number, number>();
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const filter = raw[start]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[start + 1 + x]!;
      const left = x >= channels ? row[x - channels]! : 0;
      const up = previous[x]!;
      const upLeft = x >= channels ? previous[x - channels]! : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      row[x] = (value + predicted) & 0xff;
    }
    for (let x = 0; x < stride; x += channels) {
      const colour = (row[x]! << 16) | (row[x + 1]! << 8) | row[x + 2]!;
      counts.set(colour, (counts.get(colour) ?? 0) + 1);
    }
    previous.set(row);
  }
  const commonest = Math.max(...counts.values());
  return { width, height, colours: counts.size, commonestShare: commonest / (width * height) };
}

describe('the demo command line', () => {
  it.each([
    { args: [], expected: { kind: 'run' } },
    { args: ['--screenshot', 'shots'], expected: { kind: 'run', screenshotDir: 'shots' } },
    { args: ['--', '--screenshot=/tmp/x'], expected: { kind: 'run', screenshotDir: '/tmp/x' } },
    { args: ['--help'], expected: { kind: 'help' } },
    { args: ['--screenshot'], expected: { kind: 'error', message: expect.stringMatching(/needs a folder/) } },
    { args: ['--screenshot', '--help'], expected: { kind: 'error', message: expect.stringMatching(/needs a folder/) } },
    { args: ['--headless'], expected: { kind: 'error', message: 'unknown argument: --headless' } },
  ])('$args', ({ args, expected }) => {
    expect(parseDemoArgs(args)).toEqual(expected);
  });

  it.each([
    { platform: 'linux', env: {}, window: false },
    { platform: 'linux', env: { DISPLAY: ':0' }, window: true },
    { platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, window: true },
    { platform: 'darwin', env: {}, window: true },
    { platform: 'win32', env: {}, window: true },
  ] as const)('a window on $platform with $env: $window', ({ platform, env, window }) => {
    expect(canShowWindow(platform, env)).toBe(window);
  });
});

describe('the seed on any day, at any hour, in any zone: one direct overdue, a 1:1 with the featured direct today', () => {
  const DAY_MS = 86_400_000;
  // Monday 2026-11-16 through Sunday 2026-11-22, early, mid-day and late, in three zones.
  const cases = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata'].flatMap((timeZone) =>
    [0, 1, 2, 3, 4, 5, 6].flatMap((day) => [7, 13, 23].map((hour) => ({ timeZone, day: addDays('2026-11-16', day), hour }))),
  );

  it.each(cases)('$day $hour:00 $timeZone', async ({ timeZone, day, hour }) => {
    const now = startOfDay(day, timeZone) + hour * 3_600_000 + 17 * 60_000;
    const api = await startFakeCalendarApi({ now: () => now });
    try {
      const seeded = await seedCalendar(api, { now, timeZone });
      expect(dayOf(Date.parse(seeded.featured.event.start!.dateTime!), timeZone)).toBe(day);

      // Days since each direct's last held 1:1 (any instance before now that was not cancelled).
      const listed = await listEvents(api, now - 120 * DAY_MS, now);
      const sinceLast = new Map<string, number>();
      for (const member of TEAM.filter((m) => m.relationship === 'direct')) {
        const held = listed.filter((event) => event.status !== 'cancelled' && event.recurringEventId === `demo1on1${member.key}`).map((event) => Date.parse(event.start!.dateTime!));
        sinceLast.set(member.key, daysBetween(dayOf(Math.max(...held), timeZone), day));
      }
      const overdue = [...sinceLast].filter(([, days]) => days > 7).map(([key]) => key);
      expect(overdue).toEqual([seeded.overdue.key]);
      expect(sinceLast.get(seeded.overdue.key)).toBeLessThan(28);

      const parsed = parseBackup(backupFile(seeded, now + 60_000), ME.email);
      expect(parsed.ok && parsed.backup.records.people.length).toBeGreaterThan(0);
    } finally {
      await api.close();
    }
  });
});

describe('npm run demo -- --screenshot DIR', () => {
  let directory: string;
  let session: DemoSession;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'one-on-one-demo-shots-'));
    const args = parseDemoArgs(['--screenshot', directory]);
    if (args.kind !== 'run' || args.screenshotDir === undefined) throw new Error(`unexpected arguments: ${JSON.stringify(args)}`);
    session = await startDemo({ screenshotDir: args.screenshotDir, buildMode: 'e2e-demo', log: () => {} });
    console.log(`demo ready in ${session.readySeconds.toFixed(1)} s; steps (ms): ${JSON.stringify(session.timings)}`);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('saves every picture: a PNG at most 1280 wide with real content (many colours, not one flat area)', () => {
    expect(session.screenshots.map((file) => path.basename(file)).sort()).toEqual(Object.values(SCREENSHOTS).sort());
    for (const name of Object.values(SCREENSHOTS)) {
      const file = path.join(directory, name);
      expect(existsSync(file), name).toBe(true);
      const png = decodePng(file);
      expect(png.width, `${name} width`).toBeLessThanOrEqual(1280);
      expect(png.width, `${name} width`).toBeGreaterThanOrEqual(300);
      expect(png.height, `${name} height`).toBeGreaterThanOrEqual(500);
      expect(png.colours, `${name} colours`).toBeGreaterThan(100);
      expect(png.commonestShare, `${name} background share`).toBeLessThan(0.97);
    }
  });

  it('the popup lists the overdue direct, and only that one, with more than a week since the last 1:1', async () => {
    const popup = await session.browser.context.newPage();
    await popup.goto(extensionPageUrl(session.browser.extensionId, 'popup.html'));
    await expect.poll(() => overdueRows(popup), { timeout: 10_000 }).toEqual([expect.stringMatching(new RegExp(`^${session.seeded.overdue.name} — \\d+ days since your last 1:1`))]);
    const [row] = await overdueRows(popup);
    expect(Number(/— (\d+) days/.exec(row!)![1])).toBeGreaterThan(7);
    await popup.close();
  });

  it("the notes in the calendar were read back into the fresh profile: the featured direct's last 1:1 and its open action items", async () => {
    const featured = session.seeded.featured.member;
    const page = await session.browser.context.newPage();
    await page.goto(extensionPageUrl(session.browser.extensionId, `options.html#person=${encodeURIComponent(`email:${featured.email}`)}`));
    const lastNotesLine = featured.history[0]!.notes.split('\n')[0]!;
    await expect.poll(() => page.getByText(lastNotesLine).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const openItem = featured.history[0]!.items!.find((item) => item.open)!;
    expect(await page.getByText(openItem.text).count()).toBeGreaterThan(0);
    await page.close();
  });

  it("the notes typed in the sidebar reached the event's description; the private ones did not", () => {
    const event = session.api.state.getEvent(ME.email, session.seeded.featured.event.id);
    const description = String(event?.description ?? '');
    expect(description).toContain(TODAY_NOTES.shared.split('\n')[0]);
    expect(description).not.toContain(TODAY_NOTES.private.split('.')[0]);
  });

  it('the backup restored what the calendar does not hold: levels, relationships and targets', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(extensionPageUrl(session.browser.extensionId, 'options.html#targets'));
    for (const member of TEAM.filter((m) => m.quotas)) {
      await expect.poll(() => page.getByText(`${member.quotas![0]!.metric} — ${member.name}`).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    }
    await page.close();
  });
});
