// This meeting's two notes boxes around NoteAutosaver: saves as the user types, states for the
// indicators, two tabs on one meeting, drafts left by a page that went away, failures.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEFTOVER_DRAFT_AGE_MS, MeetingNotesController } from '../../../src/app/sidebar/notes-controller';
import { noteId, type Note } from '../../../src/domain/schemas';
import { getNote, memoryDrafts, saveNote, type CompanionDb, type DraftStore } from '../../../src/storage';
import { FakeClock } from '../../support/fake-clock';
import { ACCOUNT, freshDb, meeting } from '../fixtures';

const T0 = Date.UTC(2026, 2, 18, 15);

const m = meeting('email:dana@example.com', T0, { eventId: 'evt1' });
let db: CompanionDb;
let clock: FakeClock;
let drafts: DraftStore;

beforeEach(async () => {
  db = await freshDb();
  clock = new FakeClock(T0);
  drafts = memoryDrafts();
});
afterEach(() => db.close());

function controller(stored: { shared?: Note; private?: Note } = {}, overrides: { db?: CompanionDb; drafts?: DraftStore } = {}) {
  const saved: Note[] = [];
  let changes = 0;
  const target = overrides.db ?? db;
  const notes = new MeetingNotesController({
    account: ACCOUNT,
    save: (note) => saveNote(target, note, clock.now()),
    meetingId: m.id,
    personId: m.personId!,
    stored,
    drafts: overrides.drafts ?? drafts,
    clock,
    retryDelay: () => 1_000,
    onChange: () => void changes++,
    onSaved: (note) => void saved.push(note),
  });
  return { notes, saved, changes: () => changes };
}

describe('the notes boxes', () => {
  it('save ~300 ms after the last keystroke without any action; the indicator goes idle → saving → saved', async () => {
    const { notes, saved } = controller();
    expect(notes.state()).toEqual({ sharedText: '', privateText: '', sharedSaveState: { kind: 'idle' }, privateSaveState: { kind: 'idle' } });
    notes.edit('shared', 'H');
    notes.edit('shared', 'Hi');
    notes.edit('private', 'secret');
    expect(notes.state()).toMatchObject({ sharedText: 'Hi', privateText: 'secret', sharedSaveState: { kind: 'saving' } });
    // Every keystroke is in the draft store at once (survives the page going away).
    expect(drafts.get(ACCOUNT, noteId(m.id, 'shared'))?.text).toBe('Hi');
    await clock.advance(200);
    expect(await getNote(db, noteId(m.id, 'shared'))).toBeUndefined();
    await clock.advance(200);
    expect(await getNote(db, noteId(m.id, 'shared'))).toMatchObject({ text: 'Hi', revision: 1 });
    expect(await getNote(db, noteId(m.id, 'private'))).toMatchObject({ text: 'secret', kind: 'private' });
    expect(notes.state()).toMatchObject({ sharedSaveState: { kind: 'saved' }, privateSaveState: { kind: 'saved' } });
    expect(saved.map((n) => [n.kind, n.text])).toEqual([['shared', 'Hi'], ['private', 'secret']]);
    expect(drafts.list(ACCOUNT)).toEqual([]);
  });

  it('start from the stored notes; flush() saves at once (switching meetings, closing the dialog)', async () => {
    const stored: Note = { account: ACCOUNT, id: noteId(m.id, 'shared'), meetingId: m.id, personId: m.personId!, kind: 'shared', text: 'Agenda', updatedAt: T0 - 1000, revision: 3 };
    await saveNote(db, stored);
    const { notes } = controller({ shared: stored });
    expect(notes.state().sharedText).toBe('Agenda');
    notes.edit('shared', 'Agenda\n- hiring');
    await notes.flush();
    expect(await getNote(db, stored.id)).toMatchObject({ text: 'Agenda\n- hiring', revision: 4 });
  });

  it('two tabs on one meeting: each takes the other\'s saved text while idle; the one being typed in keeps its text', async () => {
    const a = controller();
    const b = controller();
    a.notes.edit('shared', 'From A');
    await clock.advance(400);
    const first = (await getNote(db, noteId(m.id, 'shared')))!;
    b.notes.receive(first); // B heard 'note-saved' and read it
    expect(b.notes.state().sharedText).toBe('From A');
    // B types; A saves newer text meanwhile: B keeps what the user is typing.
    b.notes.edit('shared', 'From A, B typing');
    a.notes.edit('shared', 'From A again');
    await clock.advance(50);
    await a.notes.flush();
    b.notes.receive((await getNote(db, noteId(m.id, 'shared')))!);
    expect(b.notes.state().sharedText).toBe('From A, B typing');
    // B's later keystroke is the newer text: it is saved over A's (never older over newer).
    await clock.advance(400);
    expect(await getNote(db, noteId(m.id, 'shared'))).toMatchObject({ text: 'From A, B typing' });
    a.notes.receive((await getNote(db, noteId(m.id, 'shared')))!);
    expect(a.notes.state().sharedText).toBe('From A, B typing');
    // An older revision arriving late changes nothing.
    a.notes.receive(first);
    expect(a.notes.state().sharedText).toBe('From A, B typing');
  });

  it('a draft left by a page that went away is put back and saved when it is the newer text', async () => {
    drafts.put({ account: ACCOUNT, noteId: noteId(m.id, 'private'), meetingId: m.id, personId: m.personId!, kind: 'private', text: 'typed before the crash', baseRevision: 0, editedAt: T0 - 60_000 });
    const { notes } = controller();
    expect(notes.state().privateText).toBe('typed before the crash');
    await clock.advance(400);
    expect(await getNote(db, noteId(m.id, 'private'))).toMatchObject({ text: 'typed before the crash', updatedAt: T0 - 60_000 });
  });

  it('a leftover draft older than a note saved since: the user\'s text stays in the box, the conflict is said, Retry keeps it', async () => {
    const newer: Note = { account: ACCOUNT, id: noteId(m.id, 'shared'), meetingId: m.id, personId: m.personId!, kind: 'shared', text: 'saved elsewhere later', updatedAt: T0 - 10_000, revision: 2 };
    await saveNote(db, newer);
    drafts.put({ account: ACCOUNT, noteId: newer.id, meetingId: m.id, personId: m.personId!, kind: 'shared', text: 'my old draft', baseRevision: 1, editedAt: T0 - 60_000 });
    const { notes } = controller({ shared: newer });
    await clock.advance(400);
    expect(notes.state().sharedText).toBe('my old draft');
    expect(notes.saveState('shared')).toEqual({ kind: 'unsaved', reason: 'newer notes were saved elsewhere' });
    expect(notes.problem()?.reason).toContain('Newer notes for this 1:1 were saved in another tab');
    expect(await getNote(db, newer.id)).toMatchObject({ text: 'saved elsewhere later' });
    await notes.retry();
    expect(await getNote(db, newer.id)).toMatchObject({ text: 'my old draft', revision: 3 });
    expect(notes.problem()).toBeUndefined();
  });

  it('a draft only seconds old is another tab\'s live typing: left to that tab', async () => {
    drafts.put({ account: ACCOUNT, noteId: noteId(m.id, 'shared'), meetingId: m.id, personId: m.personId!, kind: 'shared', text: 'being typed elsewhere', baseRevision: 0, editedAt: T0 - LEFTOVER_DRAFT_AGE_MS + 1_000 });
    const { notes } = controller();
    expect(notes.state().sharedText).toBe('');
    await clock.advance(400);
    expect(await getNote(db, noteId(m.id, 'shared'))).toBeUndefined();
  });

  it('a failed save keeps the text, says so, and retries', async () => {
    const closed = await freshDb();
    closed.close();
    const { notes } = controller({}, { db: closed });
    notes.edit('shared', 'important');
    await clock.advance(400);
    expect(notes.state().sharedText).toBe('important');
    expect(notes.saveState('shared')).toMatchObject({ kind: 'unsaved' });
    expect(notes.problem()?.reason).toMatch(/^Shared notes: /);
    expect(drafts.get(ACCOUNT, noteId(m.id, 'shared'))?.text).toBe('important');
  });
});
