import { afterEach, describe, expect, it } from 'vitest';
import type { Note } from '../../src/domain/schemas';
import {
  flushOnPageHide,
  memoryDrafts,
  NoteAutosaver,
  recoverDrafts,
  retryDelayMs,
  webStorageDrafts,
  type NoteDraft,
  type AutosaveState,
} from '../../src/storage/autosave';
import type { CompanionDb } from '../../src/storage/db';
import { emptyNote, getNote, saveNote, type SaveNoteResult } from '../../src/storage/repositories';
import { FakeClock } from '../support/fake-clock';
import { ACCOUNT, freshDb, meeting, T0 } from './fixtures';

const m = meeting('email:dana@example.com', T0);
let db: CompanionDb | undefined;
afterEach(() => db?.close());

function setup(options: { save?: (note: Note) => Promise<SaveNoteResult>; start?: Note } = {}) {
  const clock = new FakeClock(T0);
  const states: AutosaveState['kind'][] = [];
  const texts: string[] = [];
  const saved: Note[] = [];
  const drafts = memoryDrafts();
  const saver = new NoteAutosaver({
    note: options.start ?? emptyNote(ACCOUNT, m.id, m.personId!, 'shared', T0),
    save: options.save ?? ((note) => saveNote(db!, note)),
    clock,
    drafts,
    onState: (s) => states.push(s.kind),
    onText: (t) => texts.push(t),
    onSaved: (n) => saved.push(n),
  });
  return { clock, states, texts, saved, drafts, saver };
}

describe('NoteAutosaver', () => {
  it('saves 300 ms after the last keystroke, once', async () => {
    db = await freshDb();
    const { clock, saver, states, saved, drafts } = setup();
    saver.edit('H');
    await clock.advance(200);
    saver.edit('Hi');
    await clock.advance(200);
    saver.edit('Hi there');
    expect(drafts.get(ACCOUNT, saver.base.id)?.text).toBe('Hi there');
    await clock.advance(299);
    expect(await getNote(db, saver.base.id)).toBeUndefined();
    await clock.advance(1);
    expect((await getNote(db, saver.base.id))?.text).toBe('Hi there');
    expect(saved.map((n) => [n.text, n.revision])).toEqual([['Hi there', 1]]);
    expect(states).toEqual(['unsaved', 'saving', 'saved']);
    expect(saver.state).toEqual({ kind: 'saved', revision: 1 });
    expect(drafts.get(ACCOUNT, saver.base.id)).toBeUndefined();
  });

  it('keeps typing during a save and saves the rest afterwards', async () => {
    db = await freshDb();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { clock, saver } = setup({ save: async (note) => (await gate, saveNote(db!, note)) });
    saver.edit('first');
    await clock.advance(300);
    expect(saver.state.kind).toBe('saving');
    saver.edit('first and more');
    release();
    await clock.advance(300);
    expect((await getNote(db, saver.base.id))?.text).toBe('first and more');
    expect(saver.state).toEqual({ kind: 'saved', revision: 2 });
  });

  it('says a write failed, keeps the text, and retries until it lands', async () => {
    db = await freshDb();
    let failures = 2;
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const { clock, saver } = setup({
      save: async (note) => {
        if (failures-- > 0) throw quota;
        return saveNote(db!, note);
      },
    });
    saver.edit('precious words');
    await clock.advance(300);
    expect(saver.state).toMatchObject({ kind: 'failed', failure: 'quota', retryInMs: 1000 });
    expect(saver.text).toBe('precious words');
    await clock.advance(1000);
    expect(saver.state).toMatchObject({ kind: 'failed', retryInMs: 2000 });
    await clock.advance(2000);
    expect(saver.state).toEqual({ kind: 'saved', revision: 1 });
    expect((await getNote(db, saver.base.id))?.text).toBe('precious words');
    expect(retryDelayMs(10)).toBe(30_000);
  });

  it('flushes at once when the page is hidden', async () => {
    db = await freshDb();
    const { clock, saver } = setup();
    const target = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
    const unbind = flushOnPageHide(target as never, doc as never, () => [saver]);
    saver.edit('closing the dialog');
    target.dispatchEvent(new Event('pagehide'));
    await clock.advance(0);
    expect((await getNote(db, saver.base.id))?.text).toBe('closing the dialog');
    saver.edit('switching tabs');
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    await clock.advance(0);
    expect((await getNote(db, saver.base.id))?.text).toBe('switching tabs');
    unbind();
  });

  it('on pagehide, hands the save to `save` in the handler itself; text a running save cannot carry goes to onPageGone as a draft (never on a mere tab switch)', async () => {
    db = await freshDb();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const asked: string[] = [];
    const { clock, saver } = setup({ save: async (note) => (asked.push(note.text), await gate, saveNote(db!, note)) });
    const target = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
    const gone: NoteDraft[][] = [];
    const unbind = flushOnPageHide(target as never, doc as never, () => [saver], (unsent) => gone.push(unsent));
    saver.edit('typed');
    target.dispatchEvent(new Event('pagehide'));
    // Synchronously: the save of the text was started in the handler; nothing left over.
    expect(asked).toEqual(['typed']);
    expect(gone).toEqual([]);
    clock.time += 7;
    saver.edit('typed, and more');
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(gone).toEqual([]);
    target.dispatchEvent(new Event('pagehide'));
    expect(gone).toEqual([[expect.objectContaining({ text: 'typed, and more', baseRevision: 0, editedAt: T0 + 7, kind: 'shared' })]]);
    release();
    await clock.advance(0);
    expect((await getNote(db, saver.base.id))?.text).toBe('typed, and more');
    unbind();
  });

  it('takes newer text from another tab when not being typed in, and ignores older', async () => {
    db = await freshDb();
    const { saver, texts } = setup();
    const other = (text: string, revision: number): Note => ({ ...saver.base, text, revision, updatedAt: T0 + revision });
    saver.receive(other('from the other tab', 3));
    expect(saver.text).toBe('from the other tab');
    expect(texts).toEqual(['from the other tab']);
    saver.receive(other('an older save arriving late', 2));
    expect(saver.text).toBe('from the other tab');
  });

  it('keeps what the user is typing when another tab saves, and saves it over (it is the newer edit)', async () => {
    db = await freshDb();
    const a = setup();
    const b = setup();
    a.saver.edit('A typed this');
    await a.clock.advance(300);
    expect((await getNote(db, a.saver.base.id))?.revision).toBe(1);
    // Tab B had not heard of revision 1 and is being typed in now.
    b.clock.time = a.clock.time + 1000;
    b.saver.edit('B typed later');
    b.saver.receive(a.saver.base);
    expect(b.saver.text).toBe('B typed later');
    await b.clock.advance(300);
    const stored = await getNote(db, a.saver.base.id);
    expect(stored).toMatchObject({ text: 'B typed later', revision: 2 });
    // A is not being typed in: it takes B's newer text.
    a.saver.receive(stored!);
    expect(a.saver.text).toBe('B typed later');
  });

  it('never overwrites newer text with an older unsaved edit: it reports a conflict and keeps both', async () => {
    db = await freshDb();
    const start = emptyNote(ACCOUNT, m.id, m.personId!, 'shared', T0);
    let failing = true;
    const a = setup({ start, save: async (note) => (failing ? Promise.reject(Object.assign(new Error('x'), { name: 'AbortError' })) : saveNote(db!, note)) });
    a.saver.edit('A typed first, save failed');
    await a.clock.advance(300);
    expect(a.saver.state.kind).toBe('failed');
    // Later, in tab B, the same note is typed and saved.
    const b = setup({ start });
    b.clock.time = a.clock.time + 5000;
    b.saver.edit('B typed later and saved');
    await b.clock.advance(300);
    // A's retry finds the newer text.
    failing = false;
    await a.clock.advance(1000);
    expect(a.saver.state).toMatchObject({ kind: 'conflict', stored: { text: 'B typed later and saved' } });
    expect(a.saver.text).toBe('A typed first, save failed');
    expect((await getNote(db, start.id))?.text).toBe('B typed later and saved');
    expect(a.drafts.get(ACCOUNT, start.id)?.text).toBe('A typed first, save failed');

    await a.saver.keepMine();
    expect((await getNote(db, start.id))).toMatchObject({ text: 'A typed first, save failed', revision: 2 });
    expect(a.saver.state).toEqual({ kind: 'saved', revision: 2 });
  });

  it('can take the other text on a conflict', async () => {
    db = await freshDb();
    const stored: Note = { ...emptyNote(ACCOUNT, m.id, m.personId!, 'shared', T0), text: 'theirs', revision: 5, updatedAt: T0 + 10 };
    const { saver, clock, texts, drafts } = setup({ save: async () => ({ status: 'stale', stored }) });
    clock.time = T0 + 1;
    saver.edit('mine, older');
    await clock.advance(300);
    expect(saver.state.kind).toBe('conflict');
    saver.takeTheirs();
    expect(saver.text).toBe('theirs');
    expect(texts).toEqual(['theirs']);
    expect(saver.state).toEqual({ kind: 'saved', revision: 5 });
    expect(drafts.get(ACCOUNT, stored.id)).toBeUndefined();
  });

  it('takes a newer save from another tab that arrived while its own save was running', async () => {
    db = await freshDb();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { clock, saver, texts } = setup({ save: async (note) => (await gate, saveNote(db!, note)) });
    saver.edit('mine');
    await clock.advance(300);
    expect(saver.state.kind).toBe('saving');
    saver.receive({ ...saver.base, text: 'typed later in the other tab', revision: 2, updatedAt: clock.time + 1 });
    release();
    await clock.advance(0);
    expect(saver.text).toBe('typed later in the other tab');
    expect(texts).toEqual(['typed later in the other tab']);
    expect(saver.state).toEqual({ kind: 'saved', revision: 2 });
  });

  it('goes back to saved when the text is typed back to what is stored', async () => {
    db = await freshDb();
    const { saver, clock } = setup();
    saver.edit('x');
    saver.edit('');
    expect(saver.state).toEqual({ kind: 'saved', revision: 0 });
    await clock.advance(1000);
    expect(await getNote(db, saver.base.id)).toBeUndefined();
    expect(clock.pending).toBe(0);
  });
});

describe('drafts: the last-resort copy', () => {
  it('replays text a page could not store before it went away', async () => {
    db = await freshDb();
    const storage = new MemoryStorage();
    const drafts = webStorageDrafts(storage);
    const saver = new NoteAutosaver({ note: emptyNote(ACCOUNT, m.id, m.personId!, 'private', T0), save: (n) => saveNote(db!, n), drafts, clock: new FakeClock(T0) });
    saver.edit('typed as the extension was updated');
    saver.dispose(); // the page is gone before the debounce fired
    expect(await getNote(db, saver.base.id)).toBeUndefined();

    // The next page (after the update) starts by replaying the drafts.
    const again = webStorageDrafts(storage);
    const recovery = await recoverDrafts(db, again, T0 + 5);
    expect(recovery.restored.map((n) => [n.text, n.revision])).toEqual([['typed as the extension was updated', 1]]);
    expect((await getNote(db, saver.base.id))?.text).toBe('typed as the extension was updated');
    expect(again.list(ACCOUNT)).toEqual([]);
  });

  it('keeps a draft whose note changed elsewhere since, for the user to choose', async () => {
    db = await freshDb();
    const drafts = memoryDrafts();
    const base = emptyNote(ACCOUNT, m.id, m.personId!, 'shared', T0);
    drafts.put({ account: ACCOUNT, noteId: base.id, meetingId: m.id, personId: m.personId!, kind: 'shared', text: 'draft on rev 0', baseRevision: 0, editedAt: T0 });
    await saveNote(db, { ...base, text: 'saved elsewhere', revision: 1 });
    const recovery = await recoverDrafts(db, drafts, T0);
    expect(recovery.conflicts.map((c) => [c.draft.text, c.stored.text])).toEqual([['draft on rev 0', 'saved elsewhere']]);
    expect(drafts.list(ACCOUNT)).toHaveLength(1);
    expect((await getNote(db, base.id))?.text).toBe('saved elsewhere');
  });

  it('stores a draft typed after a note saved on its base since (the later text wins, as in the autosaver)', async () => {
    db = await freshDb();
    const drafts = memoryDrafts();
    const base = emptyNote(ACCOUNT, m.id, m.personId!, 'shared', T0);
    // The page's save of "first" landed; the page went away while "first, then more" (typed later) was unsent.
    await saveNote(db, { ...base, text: 'first', revision: 1, updatedAt: T0 + 10 });
    drafts.put({ account: ACCOUNT, noteId: base.id, meetingId: m.id, personId: m.personId!, kind: 'shared', text: 'first, then more', baseRevision: 0, editedAt: T0 + 20 });
    const recovery = await recoverDrafts(db, drafts, T0 + 30);
    expect(recovery.conflicts).toEqual([]);
    expect(recovery.restored.map((n) => [n.text, n.revision, n.updatedAt])).toEqual([['first, then more', 2, T0 + 20]]);
    expect(drafts.list(ACCOUNT)).toEqual([]);
  });

  it('ignores damaged entries in web storage and survives a full storage', () => {
    const storage = new MemoryStorage();
    storage.setItem(`one-on-one-companion:draft:${ACCOUNT}\nx`, '{not json');
    const drafts = webStorageDrafts(storage);
    expect(drafts.list(ACCOUNT)).toEqual([]);
    storage.full = true;
    expect(() => drafts.put({ account: ACCOUNT, noteId: 'n', meetingId: 'm', personId: 'p', kind: 'shared', text: 't', baseRevision: 0, editedAt: 1 })).not.toThrow();
  });
});

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  full = false;
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.full) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    this.map.set(key, value);
  }
}
