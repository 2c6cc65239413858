// The sidebar's storage requests to the service worker: validated, answered only for the
// extension's own pages, errors carried with their names; and the drafts kept in extension storage.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extensionStorageDrafts, type ExtensionStorageArea } from '../../../src/app/sidebar/extension-drafts';
import { createLocalSidebarStore } from '../../../src/app/sidebar/store';
import { answerStoreMessage, parseStoreRequest, remoteSidebarStore, SIDEBAR_STORE_MESSAGE, startSidebarStoreService, STORE_RESEND_DELAYS_MS } from '../../../src/app/sidebar/store-messaging';
import { noteId, type Note } from '../../../src/domain/schemas';
import { describeStorageError, getNote, type CompanionDb, type NoteDraft } from '../../../src/storage';
import { ACCOUNT, freshDb, meeting } from '../fixtures';

const m = meeting('email:dana@example.com', 1_000, { eventId: 'evt1' });
const note = (text: string, revision = 1): Note => ({ account: ACCOUNT, id: noteId(m.id, 'private'), meetingId: m.id, personId: m.personId!, kind: 'private', text, updatedAt: 5, revision });

let db: CompanionDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

describe('requests', () => {
  it.each([
    ['an unknown operation', { type: SIDEBAR_STORE_MESSAGE, op: 'dropDatabase', account: ACCOUNT, args: {} }],
    ['no account', { type: SIDEBAR_STORE_MESSAGE, op: 'getNote', account: 'nobody', args: { noteId: 'x' } }],
    ['bad arguments', { type: SIDEBAR_STORE_MESSAGE, op: 'saveNote', account: ACCOUNT, args: { note: { text: 'x' }, now: 1 } }],
    ['a bad action', { type: SIDEBAR_STORE_MESSAGE, op: 'action', account: ACCOUNT, args: { action: { kind: 'drop-everything' }, now: 1 } }],
  ])('refuses %s', (_what, message) => {
    expect(parseStoreRequest(message)).toMatchObject({ ok: false });
  });

  it('answers through a JSON round trip, with notices and the errors\' names', async () => {
    const store = remoteSidebarStore(async (message) => JSON.parse(JSON.stringify(await answerStoreMessage(createLocalSidebarStore(async () => db), JSON.parse(JSON.stringify(message))))));
    expect(await store.call('saveNote', ACCOUNT, { note: note('secret'), now: 9 })).toMatchObject({ value: { status: 'saved' } });
    expect(await getNote(db, note('').id)).toMatchObject({ text: 'secret' });
    expect(await store.call('getMeeting', ACCOUNT, { meetingId: m.id })).toEqual({ value: undefined, notices: [], meetingsChanged: [] });
    // A note of another account is refused by storage's validation: the error keeps its name.
    const refused = await store.call('saveNote', ACCOUNT, { note: { ...note('x'), account: 'other@example.com' }, now: 9 }).catch((error: unknown) => error);
    expect(describeStorageError(refused).kind).toBe('invalid-record');
  });

  it('the worker stopped before it answered: reads and repeat-safe set-ups are asked again (a few times); saves and actions are not', async () => {
    const CLOSED = 'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received';
    const local = createLocalSidebarStore(async () => db);
    /** Loses the first `lost` answers (no answer, or the channel closed), then answers. */
    const flaky = (lost: number, how: 'none' | 'closed' | 'other') => {
      const sent: string[] = [];
      const store = remoteSidebarStore(async (message) => {
        sent.push((message as { op: string }).op);
        if (sent.length <= lost) {
          if (how === 'none') return undefined;
          throw new Error(how === 'closed' ? CLOSED : 'Some other failure');
        }
        return JSON.parse(JSON.stringify(await answerStoreMessage(local, JSON.parse(JSON.stringify(message)))));
      });
      return { store, sent };
    };
    for (const how of ['none', 'closed'] as const) {
      const read = flaky(2, how);
      expect(await read.store.call('getMeeting', ACCOUNT, { meetingId: m.id })).toMatchObject({ value: undefined });
      expect(read.sent).toEqual(['getMeeting', 'getMeeting', 'getMeeting']);
      const save = flaky(1, how);
      await expect(save.store.call('saveNote', ACCOUNT, { note: note('once'), now: 9 })).rejects.toThrow(how === 'none' ? /did not answer/ : /channel closed/);
      expect(save.sent).toEqual(['saveNote']);
      // Said as what happened (the worker did not answer), never as closed storage to reload.
      const lost = await flaky(1, how).store.call('saveNote', ACCOUNT, { note: note('once'), now: 9 }).catch((error: unknown) => error);
      expect(describeStorageError(lost)).toEqual({ kind: 'no-answer', message: '1:1 Companion’s background did not answer; the text is kept and will be saved.' });
      const action = flaky(1, how);
      await expect(action.store.call('action', ACCOUNT, { action: { kind: 'close-action-item', id: 'x' }, now: 9 })).rejects.toThrow();
      expect(action.sent).toEqual(['action']);
    }
    const other = flaky(1, 'other');
    await expect(other.store.call('getNote', ACCOUNT, { noteId: 'x' })).rejects.toThrow('Some other failure');
    expect(other.sent).toEqual(['getNote']);
    const never = flaky(99, 'closed');
    await expect(never.store.call('settings', ACCOUNT, { now: 1, fallbackZone: 'UTC' })).rejects.toThrow(/channel closed/);
    expect(never.sent).toHaveLength(STORE_RESEND_DELAYS_MS.length + 1);
    // Asked until no more asking is allowed: still a lost answer, not closed storage.
    const exhausted = await flaky(99, 'closed').store.call('settings', ACCOUNT, { now: 1, fallbackZone: 'UTC' }).catch((error: unknown) => error);
    expect(describeStorageError(exhausted).kind).toBe('no-answer');
    // Any other failure keeps its own kind.
    const failed = await flaky(1, 'other').store.call('getNote', ACCOUNT, { noteId: 'x' }).catch((error: unknown) => error);
    expect(describeStorageError(failed)).toMatchObject({ kind: 'unknown', message: expect.stringContaining('Some other failure') });
  });

  it('the worker answers the extension\'s own pages only', async () => {
    let listener: ((message: unknown, sender: { id?: string; url?: string }, respond: (response: unknown) => void) => boolean | undefined) | undefined;
    startSidebarStoreService(
      { id: 'ext', getURL: (path) => `chrome-extension://ext${path}`, onMessage: { addListener: (l) => void (listener = l) } },
      createLocalSidebarStore(async () => db),
    );
    const ask = (sender: { id?: string; url?: string }, message: unknown = { type: SIDEBAR_STORE_MESSAGE, op: 'getNote', account: ACCOUNT, args: { noteId: 'x' } }) =>
      new Promise((resolve) => {
        const async = listener!(message, sender, resolve);
        if (async !== true) setTimeout(() => resolve('no answer'), 20);
      });
    expect(await ask({ id: 'ext', url: 'chrome-extension://ext/sidebar.html#host=1' })).toMatchObject({ ok: true });
    expect(await ask({ id: 'ext', url: 'https://calendar.google.com/calendar/r' })).toMatchObject({ ok: false, error: { name: 'NotAllowedError' } });
    expect(await ask({ id: 'other', url: 'chrome-extension://other/x.html' })).toBe('no answer');
    expect(await ask({ id: 'ext', url: 'chrome-extension://ext/popup.html' }, { type: 'sync:status' })).toBe('no answer');
  });
});

describe('drafts in extension storage', () => {
  class Area implements ExtensionStorageArea {
    readonly items = new Map<string, unknown>();
    listeners: ((changes: Record<string, { newValue?: unknown }>, areaName: string) => void)[] = [];
    get = async () => Object.fromEntries(this.items);
    set = async (items: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(items)) this.items.set(key, JSON.parse(JSON.stringify(value)));
    };
    remove = async (keys: string | string[]) => {
      for (const key of [keys].flat()) this.items.delete(key);
    };
  }
  const draft = (text: string, editedAt: number): NoteDraft => ({ account: ACCOUNT, noteId: 'n1', meetingId: m.id, personId: m.personId!, kind: 'shared', text, baseRevision: 0, editedAt });

  it('writes through, reads from memory, and survives a new page (loaded again)', async () => {
    const area = new Area();
    area.items.set('unrelated', { x: 1 });
    area.items.set('draft\nme@example.com\nbroken', { text: 5 });
    const drafts = await extensionStorageDrafts(area, { log: () => {} });
    drafts.put(draft('hello', 1));
    expect(drafts.get(ACCOUNT, 'n1')?.text).toBe('hello');
    await Promise.resolve();
    const again = await extensionStorageDrafts(area, { log: () => {} });
    expect(again.list(ACCOUNT).map((d) => d.text)).toEqual(['hello']);
    again.remove(ACCOUNT, 'n1', 'other text');
    expect(again.get(ACCOUNT, 'n1')).toBeDefined();
    again.remove(ACCOUNT, 'n1', 'hello');
    await Promise.resolve();
    expect(area.items.has('draft\nme@example.com\nn1')).toBe(false);
  });

  it('hears other pages\' drafts, never letting an older edit replace a newer one', async () => {
    const area = new Area();
    let onChanged: ((changes: Record<string, { newValue?: unknown }>, areaName: string) => void) | undefined;
    const drafts = await extensionStorageDrafts(area, { onChanged: { addListener: (l) => void (onChanged = l) }, log: () => {} });
    drafts.put(draft('abcd', 20));
    onChanged!({ 'draft\nme@example.com\nn1': { newValue: draft('abc', 10) } }, 'local');
    expect(drafts.get(ACCOUNT, 'n1')?.text).toBe('abcd');
    onChanged!({ 'draft\nme@example.com\nn1': { newValue: draft('from another tab', 30) } }, 'local');
    expect(drafts.get(ACCOUNT, 'n1')?.text).toBe('from another tab');
    onChanged!({ 'draft\nme@example.com\nn1': {} }, 'local');
    expect(drafts.get(ACCOUNT, 'n1')).toBeUndefined();
  });
});
