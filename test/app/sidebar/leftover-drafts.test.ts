// The service worker's start: drafts that sidebar pages left in extension storage (a tab or the
// browser closed right after typing) are stored, shared ones queued for their event with the sync
// scheduler told, without any sidebar opening again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftKey, type ExtensionStorageArea } from '../../../src/app/sidebar/extension-drafts';
import { recoverLeftoverDrafts } from '../../../src/app/sidebar/leftover-drafts';
import { createLocalSidebarStore } from '../../../src/app/sidebar/store';
import { cachedDbOpener } from '../../../src/background/storage-page-events';
import { noteId, type Meeting } from '../../../src/domain/schemas';
import {
  deleteCompanionDb,
  getNote,
  getOutboxEntry,
  openCompanionDb,
  putMeetings,
  saveNote,
  type CompanionDb,
  type NoteDraft,
  type StorageMessage,
} from '../../../src/storage';
import { ACCOUNT, meeting } from '../fixtures';

class Area implements ExtensionStorageArea {
  readonly items = new Map<string, unknown>();
  async get(keys: string | null) {
    const all = Object.fromEntries(this.items);
    return keys === null ? all : keys in all ? { [keys]: all[keys] } : {};
  }
  async set(items: Record<string, unknown>) {
    for (const [key, value] of Object.entries(items)) this.items.set(key, JSON.parse(JSON.stringify(value)));
  }
  async remove(keys: string | string[]) {
    for (const key of [keys].flat()) this.items.delete(key);
  }
}

const T0 = Date.UTC(2026, 2, 18, 15, 5);
const organised = meeting('email:dana@example.com', Date.UTC(2026, 2, 18, 15), { eventId: 'evt-organised' });
const notMine = meeting('email:mei@example.com', Date.UTC(2026, 2, 19, 15), { eventId: 'evt-not-mine', canModify: false });

function draft(m: Meeting, kind: 'shared' | 'private', text: string, overrides: Partial<NoteDraft> = {}): NoteDraft {
  return { account: ACCOUNT, noteId: noteId(m.id, kind), meetingId: m.id, personId: m.personId!, kind, text, baseRevision: 0, editedAt: T0, ...overrides };
}

let db: CompanionDb;
let opened: CompanionDb[];
let area: Area;
let told: [string, string][];
let posted: StorageMessage[];

function worker() {
  const open = cachedDbOpener();
  const store = createLocalSidebarStore(
    async (account) => {
      const handle = await open(account);
      opened.push(handle);
      return handle;
    },
    { syncChanged: async (account, meetingId) => void told.push([account, meetingId]), log: () => {} },
  );
  return recoverLeftoverDrafts({ area, store, now: () => T0 + 60_000, post: (notice) => void posted.push(notice), log: () => {} });
}

beforeEach(async () => {
  await deleteCompanionDb(ACCOUNT);
  db = await openCompanionDb(ACCOUNT);
  await putMeetings(db, [organised, notMine]);
  opened = [];
  area = new Area();
  told = [];
  posted = [];
});
afterEach(() => {
  for (const handle of opened) handle.close();
  db.close();
});

describe('drafts left by pages, stored when the worker starts', () => {
  it('stores each note; a shared one of an event the user may change is queued and the scheduler told; the drafts go', async () => {
    const shared = draft(organised, 'shared', 'Browser closed at once');
    const secret = draft(organised, 'private', 'PRIVATE-91c2 only here');
    await area.set({ [draftKey(ACCOUNT, shared.noteId)]: shared, [draftKey(ACCOUNT, secret.noteId)]: secret, unrelated: { keep: true } });
    const outcome = await worker();
    expect(outcome).toEqual({ restored: 2, removed: 2, unreadable: 0, failedAccounts: [] });
    expect(await getNote(db, shared.noteId)).toMatchObject({ text: 'Browser closed at once', revision: 1 });
    expect(await getNote(db, secret.noteId)).toMatchObject({ text: 'PRIVATE-91c2 only here', revision: 1 });
    expect(await getOutboxEntry(db, 'evt-organised')).toMatchObject({ pending: true, meetingId: organised.id });
    expect(told).toEqual([[ACCOUNT, organised.id]]);
    expect([...area.items.keys()]).toEqual(['unrelated']);
    // Open sidebars hear of both notes; private text goes into no notice.
    expect(posted.map((notice) => notice.type === 'note-saved' && notice.noteId).sort()).toEqual([shared.noteId, secret.noteId].sort());
    expect(JSON.stringify([posted, told])).not.toContain('PRIVATE-91c2');
  });

  it('a private draft alone queues nothing and tells the scheduler nothing', async () => {
    const secret = draft(organised, 'private', 'private only');
    await area.set({ [draftKey(ACCOUNT, secret.noteId)]: secret });
    await worker();
    expect(await getNote(db, secret.noteId)).toMatchObject({ text: 'private only' });
    expect(await getOutboxEntry(db, 'evt-organised')).toBeUndefined();
    expect(told).toEqual([]);
  });

  it('an event the user may not change: the note is stored, nothing queued', async () => {
    const shared = draft(notMine, 'shared', 'notes stay local');
    await area.set({ [draftKey(ACCOUNT, shared.noteId)]: shared });
    await worker();
    expect(await getNote(db, shared.noteId)).toMatchObject({ text: 'notes stay local' });
    expect(await getOutboxEntry(db, 'evt-not-mine')).toBeUndefined();
  });

  it('a draft equal to the stored note is removed without a write; one whose note was saved later elsewhere is kept', async () => {
    const equal = draft(organised, 'shared', 'already stored');
    await saveNote(db, { account: ACCOUNT, id: equal.noteId, meetingId: organised.id, personId: organised.personId!, kind: 'shared', text: 'already stored', revision: 1, updatedAt: T0 });
    const older = draft(notMine, 'shared', 'typed before the other save', { editedAt: T0 });
    await saveNote(db, { account: ACCOUNT, id: older.noteId, meetingId: notMine.id, personId: notMine.personId!, kind: 'shared', text: 'saved later in another tab', revision: 1, updatedAt: T0 + 5 });
    await area.set({ [draftKey(ACCOUNT, equal.noteId)]: equal, [draftKey(ACCOUNT, older.noteId)]: older });
    const outcome = await worker();
    expect(outcome).toMatchObject({ restored: 0, removed: 1 });
    expect([...area.items.keys()]).toEqual([draftKey(ACCOUNT, older.noteId)]);
    expect(await getNote(db, older.noteId)).toMatchObject({ text: 'saved later in another tab' });
    expect(told).toEqual([]);
  });

  it('a draft a page rewrote while it was being stored is not removed', async () => {
    const first = draft(organised, 'shared', 'first');
    const key = draftKey(ACCOUNT, first.noteId);
    await area.set({ [key]: first });
    // A live sidebar writes its next keystroke's draft after the worker read the drafts.
    const get = area.get.bind(area);
    let reads = 0;
    area.get = async (keys) => {
      const result = await get(keys);
      if (reads++ === 0) await area.set({ [key]: { ...first, text: 'first and more', editedAt: T0 + 1 } });
      return result;
    };
    await worker();
    expect(await getNote(db, first.noteId)).toMatchObject({ text: 'first' });
    expect(area.items.get(key)).toMatchObject({ text: 'first and more' });
  });

  it('after a page went away: only the notes it watched (another tab\'s live draft is left to that tab)', async () => {
    const gone = draft(organised, 'shared', 'the closed tab\'s text');
    const live = draft(notMine, 'shared', 'another tab, still typing');
    await area.set({ [draftKey(ACCOUNT, gone.noteId)]: gone, [draftKey(ACCOUNT, live.noteId)]: live });
    const open = cachedDbOpener();
    const store = createLocalSidebarStore(
      async (account) => {
        const handle = await open(account);
        opened.push(handle);
        return handle;
      },
      { syncChanged: async (account, meetingId) => void told.push([account, meetingId]), log: () => {} },
    );
    const outcome = await recoverLeftoverDrafts({ area, store, now: () => T0, post: () => {}, log: () => {}, only: [{ account: ACCOUNT, noteId: gone.noteId }] });
    expect(outcome).toMatchObject({ restored: 1, removed: 1 });
    expect(await getNote(db, gone.noteId)).toMatchObject({ text: 'the closed tab\'s text' });
    expect(await getNote(db, live.noteId)).toBeUndefined();
    expect([...area.items.keys()]).toEqual([draftKey(ACCOUNT, live.noteId)]);
    expect(told).toEqual([[ACCOUNT, organised.id]]);
  });

  it('leaves entries that are not drafts where they are', async () => {
    await area.set({ [`${draftKey(ACCOUNT, 'x')}`]: { text: 5 }, [draftKey(ACCOUNT, 'elsewhere')]: draft(organised, 'shared', 'under another key') });
    const outcome = await worker();
    expect(outcome).toMatchObject({ restored: 0, unreadable: 2 });
    expect(area.items.size).toBe(2);
  });
});
