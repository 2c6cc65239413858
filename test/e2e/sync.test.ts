// CONTRACT.md "Sync to the calendar" in real Chromium: a test build (WXT_CALENDAR_API_URL pointing
// at the fake Calendar API, WXT_TEST_ACCESS_TOKEN) whose service worker runs the sync engine.
// The test acts as the sidebar does: it saves notes into the extension's IndexedDB from an
// extension page and sends `sync:changed`; it reads what the engine stored the same way.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBlock, renderBlock } from '../../src/domain/description-block';
import { extensionPageUrl, type ExtensionBrowser } from '../support/chromium';
import { accountDbName, idbOn, launchSignedIn, poller, type SignedInSetup, type StoreOperation } from '../support/e2e-setup';
import type { FakeCalendarApi } from '../fake-calendar-api/server';

const ME = 'me@example.com';
const DANA = 'dana@example.com';
const TOKEN = 'e2e-sync-token';
const DB_NAME = accountDbName(ME);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SEND_WITHIN_MS = 15_000;

let setup: SignedInSetup;
let api: FakeCalendarApi;
let browser: ExtensionBrowser;
let page: Page;
const now = Date.now();
const ids: Record<'organised' | 'guest' | 'pastRecent' | 'pastOld' | 'copy', string> = { organised: '', guest: '', pastRecent: '', pastOld: '', copy: '' };

const meetingId = (eventId: string) => `${ME}|${eventId}`;
const iso = (ms: number) => new Date(ms).toISOString();
const dayOf = (ms: number) => iso(ms).slice(0, 10);

function addOneOnOne(start: number, options: { description?: string; organizer?: string } = {}): string {
  const event = api.state.addEvent(ME, {
    summary: 'Dana / Me',
    ...(options.description !== undefined && { description: options.description }),
    start: { dateTime: iso(start), timeZone: 'UTC' },
    end: { dateTime: iso(start + HOUR / 2), timeZone: 'UTC' },
    attendees: [
      { email: ME, responseStatus: 'accepted' },
      { email: DANA, displayName: 'Dana Reyes', responseStatus: 'accepted' },
    ],
    organizer: { email: options.organizer ?? ME },
  } as never);
  return event.id as string;
}

function description(eventId: string): string {
  return (api.state.getEvent(ME, eventId)?.description as string | undefined) ?? '';
}

const until = poller(SEND_WITHIN_MS, 150);

/** Raw IndexedDB in the extension's origin, as the sidebar page has it (never creates the database). */
const idb = (operation: StoreOperation) => idbOn(page, DB_NAME, operation);

async function sendMessage(message: unknown): Promise<unknown> {
  return page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message);
}

/** Saves a note the way the sidebar's autosave does (the next revision of the stored one). */
async function saveNote(eventId: string, kind: 'shared' | 'private', text: string): Promise<void> {
  const id = `${meetingId(eventId)}|${kind}`;
  const stored = (await idb({ kind: 'get', store: 'notes', key: id })) as { revision: number } | undefined;
  await idb({
    kind: 'put',
    store: 'notes',
    values: [{ account: ME, id, meetingId: meetingId(eventId), personId: `email:${DANA}`, kind, text, updatedAt: Date.now(), revision: (stored?.revision ?? 0) + 1 }],
  });
}

describe('sync to the calendar in Chromium (test build against the fake API)', () => {
  beforeAll(async () => {
    // The port must be known when building: the fake starts first, seeded, then the build.
    setup = await launchSignedIn({
      mode: 'e2e-sync',
      email: ME,
      token: TOKEN,
      seed: (fake) => {
        api = fake;
        ids.organised = addOneOnOne(now + DAY, { description: 'Zoom: https://meet.example/abc\n\nAgenda: hiring' });
        ids.guest = addOneOnOne(now + 2 * DAY, { organizer: DANA });
        ids.pastRecent = addOneOnOne(now - 14 * DAY);
        ids.pastOld = addOneOnOne(now - 49 * DAY);
        // Blocks another browser wrote into past 1:1s.
        for (const [eventId, notes, items] of [
          [ids.pastRecent, 'Two weeks ago: promotion path', [{ id: 'recent01', text: 'Draft the plan', owner: 'them' as const, status: 'open' as const }]],
          [ids.pastOld, 'Seven weeks ago: onboarding', [{ id: 'old00001', text: 'Book the training', owner: 'me' as const, status: 'done' as const }]],
        ] as const) {
          const start = api.state.getEvent(ME, eventId)!.start as { dateTime: string };
          const block = renderBlock({ eventId, meetingDate: dayOf(Date.parse(start.dateTime)), sharedNotes: notes, actionItems: [...items] }, 'plain');
          api.state.setDescription(ME, eventId, `Agenda\n\n${block}`);
        }
        // An event copied with the recent one's description: its block names the other event.
        ids.copy = addOneOnOne(now + 3 * DAY, { description: description(ids.pastRecent) });
      },
    });
    browser = setup.browser;
    page = await browser.context.newPage();
    await page.goto(extensionPageUrl(browser.extensionId, 'popup.html'));
  }, 120_000);

  afterAll(async () => {
    await setup?.close();
  });

  it('reads the primary calendar at start-up from at least 8 weeks back to 2 weeks ahead', async () => {
    const listing = await until('the start-up listing', () =>
      api.state.requests.find((r) => r.method === 'GET' && r.path === '/calendars/primary/events' && r.query.timeMin !== undefined && r.status === 200),
    );
    expect(listing.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(listing.query.singleEvents).toBe('true');
    expect(now - Date.parse(listing.query.timeMin!)).toBeGreaterThanOrEqual(56 * DAY);
    expect(Date.parse(listing.query.timeMax!) - now).toBeGreaterThanOrEqual(14 * DAY);
    const meeting = await until('the organised 1:1 stored as a meeting', () => idb({ kind: 'get', store: 'meetings', key: meetingId(ids.organised) }));
    expect(meeting).toMatchObject({ isOneOnOne: true, personId: `email:${DANA}`, canModify: true });
    expect(await idb({ kind: 'get', store: 'people', key: `email:${DANA}` })).toMatchObject({ displayName: 'Dana Reyes', relationship: 'direct' });
  });

  it('on a profile with no local data, reads back past events\' notes and action items; a copied event\'s block is not taken', async () => {
    const recent = await until('the recent notes read back', () => idb({ kind: 'get', store: 'notes', key: `${meetingId(ids.pastRecent)}|shared` }));
    expect(recent).toMatchObject({ text: 'Two weeks ago: promotion path', kind: 'shared' });
    expect(await idb({ kind: 'get', store: 'notes', key: `${meetingId(ids.pastOld)}|shared` })).toMatchObject({ text: 'Seven weeks ago: onboarding' });
    expect(await idb({ kind: 'get', store: 'actionItems', key: 'recent01' })).toMatchObject({ text: 'Draft the plan', status: 'open', meetingId: meetingId(ids.pastRecent) });
    expect(await idb({ kind: 'get', store: 'actionItems', key: 'old00001' })).toMatchObject({ text: 'Book the training', status: 'done' });
    expect(await idb({ kind: 'get', store: 'notes', key: `${meetingId(ids.copy)}|shared` })).toBeUndefined();
    expect(await idb({ kind: 'by-index', store: 'actionItems', index: 'by-meeting', key: meetingId(ids.copy) })).toEqual([]);
  });

  it('within 15 s of a change, the organised 1:1\'s description holds the block; outside text kept, no notifications, If-Match; private notes never sent', async () => {
    await until('the organised 1:1 learnt', () => idb({ kind: 'get', store: 'meetings', key: meetingId(ids.organised) }));
    const etagBefore = api.state.getEvent(ME, ids.organised)!.etag;
    const outside = description(ids.organised);
    await saveNote(ids.organised, 'private', 'PRIVATE-e2e-91c4: salary worries');
    await saveNote(ids.organised, 'shared', 'Hiring plan agreed\nNext: budget');
    const changedAt = Date.now();
    const answer = await sendMessage({ type: 'sync:changed', account: ME, meetingId: meetingId(ids.organised) });
    expect(answer).toMatchObject({ ok: true });
    const written = await until('the block in the event', () => {
      const text = description(ids.organised);
      const block = parseBlock(text, ids.organised);
      return block.kind === 'found' && block.content.sharedNotes === 'Hiring plan agreed\nNext: budget' ? text : undefined;
    });
    expect(Date.now() - changedAt).toBeLessThan(SEND_WITHIN_MS);
    expect(written.startsWith(`${outside}\n\n`)).toBe(true);
    const patches = api.state.requests.filter((r) => r.method === 'PATCH');
    expect(patches.length).toBeGreaterThan(0);
    expect(patches.every((r) => r.query.sendUpdates === 'none' && typeof r.headers.ifMatch === 'string')).toBe(true);
    expect(patches[0]!.headers.ifMatch).toBe(etagBefore);
    expect(JSON.stringify(api.state.requests.map((r) => [r.body, r.query]))).not.toContain('PRIVATE-e2e-91c4');
    expect(await sendMessage({ type: 'sync:status', account: ME, meetingId: meetingId(ids.organised) })).toMatchObject({ ok: true, status: { kind: 'synced' } });
  });

  it('a description edited by someone else meanwhile is merged (412), never overwritten', async () => {
    const current = description(ids.organised);
    api.state.setDescription(ME, ids.organised, current.replace('Hiring plan agreed', 'Hiring plan agreed (Dana: two roles)'));
    await saveNote(ids.organised, 'shared', 'Hiring plan agreed\nNext: budget\nAlso: offsite');
    await sendMessage({ type: 'sync:changed', account: ME, meetingId: meetingId(ids.organised) });
    await until('both edits in the event', () => {
      const block = parseBlock(description(ids.organised), ids.organised);
      return block.kind === 'found' && block.content.sharedNotes === 'Hiring plan agreed (Dana: two roles)\nNext: budget\nAlso: offsite';
    });
    expect(api.state.requests.some((r) => r.method === 'PATCH' && r.status === 412)).toBe(true);
  });

  it('a 1:1 the user may not change is not written, and the sidebar\'s status says why', async () => {
    await until('the guest 1:1 learnt', () => idb({ kind: 'get', store: 'meetings', key: meetingId(ids.guest) }));
    await saveNote(ids.guest, 'shared', 'Notes on a guest copy');
    const answer = await sendMessage({ type: 'sync:changed', account: ME, meetingId: meetingId(ids.guest) });
    expect(answer).toMatchObject({ ok: true, status: { kind: 'cannot-write', code: 'not-organiser' } });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(api.state.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(ids.guest))).toEqual([]);
    expect(description(ids.guest)).toBe('');
  });
});
