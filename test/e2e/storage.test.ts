// The storage layer in real Chromium: IndexedDB in the extension's own origin, through the storage
// harness page that only e2e-storage and bench builds contain (wxt.config.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../bench/storage-harness/main';
import { buildExtension, repoRoot } from '../support/build-extension';
import { extensionPageUrl, launchWithExtension, type ExtensionBrowser } from '../support/chromium';

let browser: ExtensionBrowser;
let harnessBuild: string | undefined;

async function harnessPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(extensionPageUrl(browser.extensionId, 'storage-harness.html'));
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

describe('storage in real Chromium', () => {
  beforeAll(async () => {
    harnessBuild = buildExtension({ mode: 'e2e-storage' });
    browser = await launchWithExtension(harnessBuild);
  }, 120_000);
  afterAll(async () => browser?.close());

  it('saves and loads the sidebar thread, refusing older note revisions', async () => {
    const page = await harnessPage();
    const result = await page.evaluate(async () => {
      const s = window.storageHarness.storage;
      const account = 'save-load@example.com';
      await s.deleteCompanionDb(account);
      const db = await s.openCompanionDb(account);
      const personId = 'email:dana@example.com';
      const meeting = (id: string, start: number) => ({
        account, id, source: 'calendar' as const, eventId: id, title: '1:1', start, end: start + 1, allDay: false, attendees: [],
        status: 'confirmed' as const, personId, isOneOnOne: true, classificationReason: 'two-human-guests' as const, canModify: true, markedHeld: false, updatedAt: 1,
      });
      await s.putMeetings(db, [meeting('m1', 1000), meeting('m2', 2000)]);
      const base = s.emptyNote(account, 'm1', personId, 'shared', 1);
      const first = await s.saveNote(db, { ...base, text: 'last week', revision: 1 });
      const stale = await s.saveNote(db, { ...base, text: 'older tab', revision: 1 });
      const thread = await s.loadPersonThread(db, { personId, meetingId: 'm2', meetingStart: 2000, today: '2026-01-05' });
      db.close();
      await s.deleteCompanionDb(account);
      return { first: first.status, stale: stale.status, last: thread.lastNotes?.shared?.text };
    });
    expect(result).toEqual({ first: 'saved', stale: 'stale', last: 'last week' });
  });

  it('moves a damaged record to quarantine and keeps reading', async () => {
    const page = await harnessPage();
    const result = await page.evaluate(async () => {
      const s = window.storageHarness.storage;
      const account = 'quarantine@example.com';
      await s.deleteCompanionDb(account);
      const db = await s.openCompanionDb(account);
      await db.idb.put('people', { account, id: 'email:x@example.com', displayName: 'X', cadenceDays: 'weekly' } as never);
      const people = await s.listPeople(db);
      const count = await s.quarantineCount(db);
      const exported = await s.exportQuarantine(db, 5);
      db.close();
      await s.deleteCompanionDb(account);
      return { people: people.length, count, reason: exported.records[0]?.reason, json: JSON.stringify(exported).length > 0 };
    });
    expect(result.people).toBe(0);
    expect(result.count).toBe(1);
    expect(result.reason).toMatch(/cadenceDays/);
  });

  it('opens a database of every earlier version, full of data, and loses nothing', async () => {
    const page = await harnessPage();
    const results = await page.evaluate(async () => {
      const { storage: s, upgrade } = window.storageHarness;
      const account = 'upgrade@example.com';
      const out: { version: number; problems: string[]; layoutMatches: boolean }[] = [];
      for (const frozen of upgrade.FROZEN_VERSIONS) {
        await upgrade.createFrozenDatabase(indexedDB, s.accountDbName(account), frozen, account);
        const db = await s.openCompanionDb(account);
        const layout = JSON.stringify(upgrade.normaliseLayout(upgrade.describeLayout(db.idb as unknown as IDBDatabase)));
        const current = JSON.stringify(upgrade.normaliseLayout(upgrade.FROZEN_VERSIONS[upgrade.FROZEN_VERSIONS.length - 1]!.layout));
        out.push({ version: frozen.version, problems: await upgrade.findLostData(db, frozen, 1), layoutMatches: layout === current });
        db.close();
        await s.deleteCompanionDb(account);
      }
      return out;
    });
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result).toEqual({ version: result.version, problems: [], layoutMatches: true });
  });

  it('asks a tab holding the database open to reload when a newer version opens it', async () => {
    const older = await harnessPage();
    const newer = await harnessPage();
    await older.evaluate(async () => {
      const s = window.storageHarness.storage;
      await s.deleteCompanionDb('versions@example.com');
      const w = window as unknown as { interruptions: string[]; held: unknown };
      w.interruptions = [];
      w.held = await s.openCompanionDb('versions@example.com', { onInterruption: (i) => w.interruptions.push(`${i.kind}: ${i.message}`) });
    });
    const newerVersion = await newer.evaluate(async () => {
      const name = window.storageHarness.storage.accountDbName('versions@example.com');
      const version = window.storageHarness.storage.DB_VERSION + 1;
      return new Promise<number>((resolve, reject) => {
        const request = indexedDB.open(name, version);
        request.onsuccess = () => {
          request.result.close();
          resolve(request.result.version);
        };
        request.onerror = () => reject(request.error);
      });
    });
    expect(newerVersion).toBeGreaterThan(1);
    const interruptions = await older.evaluate(() => (window as unknown as { interruptions: string[] }).interruptions);
    expect(interruptions).toEqual([expect.stringMatching(/^newer-version-open: A newer version of 1:1 Companion is open in another tab: reload/)]);
    await newer.evaluate(() => window.storageHarness.storage.deleteCompanionDb('versions@example.com'));
  });

  it('tells another tab that a note was saved (BroadcastChannel)', async () => {
    const a = await harnessPage();
    const b = await harnessPage();
    await b.evaluate(() => {
      const w = window as unknown as { heard: unknown[] };
      w.heard = [];
      new window.storageHarness.storage.StorageChannel().subscribe((message) => w.heard.push(message));
    });
    await a.evaluate(() => {
      new window.storageHarness.storage.StorageChannel().post({ type: 'note-saved', account: 'me@example.com', noteId: 'm|shared', meetingId: 'm', revision: 2 });
    });
    await expect.poll(() => b.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([
      { type: 'note-saved', account: 'me@example.com', noteId: 'm|shared', meetingId: 'm', revision: 2 },
    ]);
  });

  it('keeps text typed just before the page went away and stores it when the next page starts', async () => {
    const typing = await harnessPage();
    await typing.evaluate(async () => {
      const s = window.storageHarness.storage;
      await s.deleteCompanionDb('drafts@example.com');
      const db = await s.openCompanionDb('drafts@example.com');
      const saver = new s.NoteAutosaver({
        note: s.emptyNote('drafts@example.com', 'm1', 'email:dana@example.com', 'private', 1),
        save: (note) => s.saveNote(db, note),
        drafts: s.webStorageDrafts(localStorage),
        debounceMs: 60_000, // the page goes away long before the save would run
      });
      saver.edit('typed as the extension was updated');
    });
    await typing.close();
    const next = await harnessPage();
    const recovered = await next.evaluate(async () => {
      const s = window.storageHarness.storage;
      const db = await s.openCompanionDb('drafts@example.com');
      const recovery = await s.recoverDrafts(db, s.webStorageDrafts(localStorage), 2);
      const stored = await s.getNote(db, 'm1|private');
      db.close();
      await s.deleteCompanionDb('drafts@example.com');
      return { restored: recovery.restored.length, text: stored?.text, draftsLeft: s.webStorageDrafts(localStorage).list('drafts@example.com').length };
    });
    expect(recovered).toEqual({ restored: 1, text: 'typed as the extension was updated', draftsLeft: 0 });
  });

  it('keeps pending calendar writes when the page that queued them is gone', async () => {
    const first = await harnessPage();
    await first.evaluate(async () => {
      const s = window.storageHarness.storage;
      await s.deleteCompanionDb('outbox@example.com');
      const db = await s.openCompanionDb('outbox@example.com');
      await s.enqueueSync(db, { eventId: 'e1', calendarId: 'primary', meetingId: 'outbox@example.com|e1' }, 10);
      await s.enqueueSync(db, { eventId: 'e1', calendarId: 'primary', meetingId: 'outbox@example.com|e1' }, 20);
    });
    await first.close();
    const second = await harnessPage();
    const due = await second.evaluate(async () => {
      const s = window.storageHarness.storage;
      const db = await s.openCompanionDb('outbox@example.com');
      const entries = await s.nextDue(db, 100);
      db.close();
      await s.deleteCompanionDb('outbox@example.com');
      return entries.map((e) => [e.eventId, e.changeSeq]);
    });
    expect(due).toEqual([['e1', 2]]);
  });
});

describe('the release build', () => {
  it('does not contain the storage harness page', () => {
    // `npm run build` is `wxt build` in production mode; build exactly that, into a folder of its
    // own so the release output other tests or people use is left alone.
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'one-on-one-release-'));
    try {
      const script = "const { build } = await import('wxt'); await build({ mode: 'production', outDir: process.argv[1] });";
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('WXT_')) env[key] = value;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, outDir], { cwd: repoRoot, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      const release = path.join(outDir, 'chrome-mv3');
      expect(existsSync(path.join(release, 'manifest.json'))).toBe(true);
      expect(existsSync(path.join(release, 'popup.html'))).toBe(true);
      const files = listFiles(release);
      expect(files.filter((f) => /storage-harness/.test(f))).toEqual([]);
      const bundled = files.filter((f) => f.endsWith('.js') || f.endsWith('.html')).map((f) => readFileSync(path.join(release, f), 'utf8'));
      expect(bundled.some((text) => text.includes('storageHarness'))).toBe(false);
      // The same look finds the page in a build that has it (the check can fail).
      const withHarness = harnessBuild ?? buildExtension({ mode: 'e2e-storage' });
      expect(listFiles(withHarness).filter((f) => /storage-harness/.test(f)).length).toBeGreaterThan(0);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}
