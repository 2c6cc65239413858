// The hard cases of the test list, against the fake Calendar API: conflicting edits (412),
// two browsers, rate limits, server errors, the service worker stopping mid-write, recurring
// instances, deleted and copied events, and losing the sign-in.
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../../src/domain/description-block';
import { REMOTE_SECTION_START } from '../../src/domain/merge';
import { getOutboxEntry } from '../../src/storage';
import { memorySyncStateStore } from '../../src/sync/sync-state';
import { DAY, ME, meetingOf, TOKEN, type World } from './harness';
import { worldPerTest } from './world-per-test';

let world: World;
// Every write, in every test: no guest notifications, never without If-Match (checked after each).
worldPerTest((started) => (world = started));

const blockOf = (eventId: string) => {
  const found = parseBlock(world.description(eventId), eventId);
  if (found.kind !== 'found') throw new Error(`no block in ${eventId}: ${found.kind}`);
  return found.content;
};
const startMarkers = (text: string) => text.split('\n').filter((line) => line.startsWith('── 1:1 Companion')).length;

describe('conflicting edits', () => {
  it('on 412 fetches the event again and merges: an edit made in the calendar meanwhile survives, with ours', async () => {
    const eventId = world.addOneOnOne({ description: 'Agenda' });
    const meetingId = meetingOf(eventId);
    const browser = world.browser();
    await browser.engine.learn();
    await browser.typeSharedNote(meetingId, 'one\ntwo\nthree');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();

    // Someone edits the block's notes in Calendar (first line) and the text outside it.
    const edited = world.description(eventId).replace('Agenda', 'Agenda (moved to room 4)').replace('\none\n', '\nONE (edited in Calendar)\n');
    world.api.state.setDescription(ME, eventId, edited);
    // Meanwhile this browser changes the last line, still holding the old etag.
    await browser.typeSharedNote(meetingId, 'one\ntwo\nthree, and more');
    await browser.engine.noteChanged(ME, meetingId);
    world.clearRequests();
    await browser.engine.flushOutbox();

    expect(world.requests().map((r) => `${r.method} ${r.status}`)).toEqual(['PATCH 412', 'GET 200', 'PATCH 200']);
    expect(blockOf(eventId).sharedNotes).toBe('ONE (edited in Calendar)\ntwo\nthree, and more');
    expect(world.description(eventId).startsWith('Agenda (moved to room 4)\n\n')).toBe(true);
    expect(await browser.sharedNote(meetingId)).toBe('ONE (edited in Calendar)\ntwo\nthree, and more');
  });

  it('two browsers editing the same meeting: both edits end up in the event and in both browsers', async () => {
    const eventId = world.addOneOnOne();
    const meetingId = meetingOf(eventId);
    const a = world.browser({ name: 'laptop' });
    const b = world.browser({ name: 'desktop' });
    await a.engine.learn();
    await a.typeSharedNote(meetingId, 'Agenda');
    await a.addActionItem(meetingId, { id: 'item0001', text: 'Shared item', owner: 'them' });
    await a.engine.noteChanged(ME, meetingId);
    await a.engine.flushOutbox();
    await b.engine.learn();
    expect(await b.sharedNote(meetingId)).toBe('Agenda');

    await a.typeSharedNote(meetingId, 'Agenda\nA: hiring plan');
    await a.addActionItem(meetingId, { id: 'itema001', text: 'From the laptop', owner: 'me' });
    await b.typeSharedNote(meetingId, 'Agenda\nB: budget');
    const bItems = await b.items(meetingId);
    await b.addActionItem(meetingId, { ...bItems[0]!, status: 'done', doneAt: world.now(), updatedAt: world.now() });
    await a.engine.noteChanged(ME, meetingId);
    await b.engine.noteChanged(ME, meetingId);
    await a.engine.flushOutbox();
    await b.engine.flushOutbox();

    const block = blockOf(eventId);
    expect(block.sharedNotes).toBe('Agenda\nB: budget\nA: hiring plan');
    expect(block.actionItems.map((item) => [item.id, item.status])).toEqual([
      ['item0001', 'done'],
      ['itema001', 'open'],
    ]);
    world.advance(60_000);
    await a.engine.learn();
    expect(await a.sharedNote(meetingId)).toBe('Agenda\nB: budget\nA: hiring plan');
    expect((await a.items(meetingId)).map((item) => [item.id, item.status])).toEqual([
      ['item0001', 'done'],
      ['itema001', 'open'],
    ]);
    world.clearRequests();
    await a.engine.flushOutbox();
    await b.engine.flushOutbox();
    expect(world.patches()).toHaveLength(0);
  });

  it('keeps both versions, marked, when both sides rewrote the same lines', async () => {
    const eventId = world.addOneOnOne();
    const meetingId = meetingOf(eventId);
    const browser = world.browser();
    await browser.engine.learn();
    await browser.typeSharedNote(meetingId, 'Decision: pending');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    world.api.state.setDescription(ME, eventId, world.description(eventId).replace('Decision: pending', 'Decision: go (Dana)'));
    await browser.typeSharedNote(meetingId, 'Decision: wait a week');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    const notes = blockOf(eventId).sharedNotes;
    expect(notes).toContain('Decision: wait a week');
    expect(notes).toContain('Decision: go (Dana)');
    expect(notes).toContain(REMOTE_SECTION_START);
  });
});

describe('failures and retries', () => {
  async function pendingWrite() {
    const eventId = world.addOneOnOne();
    const meetingId = meetingOf(eventId);
    const browser = world.browser();
    await browser.engine.learn();
    await browser.typeSharedNote(meetingId, 'Notes to write');
    await browser.engine.noteChanged(ME, meetingId);
    world.clearRequests();
    return { eventId, meetingId, browser };
  }

  it.each([
    ['429', { status: 429, retryAfter: 120 }],
    ['403 rateLimitExceeded', { status: 403, reason: 'rateLimitExceeded', retryAfter: 120 }],
  ])('backs off on a rate limit (%s): nothing is sent until Retry-After has passed, then the write goes through', async (_name, failure) => {
    const { eventId, meetingId, browser } = await pendingWrite();
    world.api.state.failNext(1, failure);
    const first = await browser.engine.flushOutbox();
    expect(first.outcomes.map((o) => o.outcome)).toEqual(['paused']);
    expect(first.nextDueAt).toBeGreaterThanOrEqual(world.now() + 120_000);
    expect(await browser.engine.status(ME, meetingId)).toMatchObject({ kind: 'failed', retryAt: first.nextDueAt });
    expect(await browser.engine.summary()).toMatchObject({ kind: 'failed' });
    const sent = world.requests().length;

    world.advance(60_000);
    expect((await browser.engine.flushOutbox()).skipped).toBe('paused');
    expect((await browser.engine.learn()).ok).toBe(false);
    expect(world.requests()).toHaveLength(sent);

    world.set(first.nextDueAt!);
    expect((await browser.engine.flushOutbox()).outcomes.map((o) => o.outcome)).toEqual(['sent']);
    expect(blockOf(eventId).sharedNotes).toBe('Notes to write');
    expect(await browser.engine.status(ME, meetingId)).toMatchObject({ kind: 'synced' });
  });

  it('retries a 5xx: the client retries at once; when it keeps failing the write is kept and retried later', async () => {
    const { eventId, meetingId, browser } = await pendingWrite();
    world.api.state.failNext(2, { status: 503, match: (r) => r.method === 'PATCH' });
    expect((await browser.engine.flushOutbox()).outcomes.map((o) => o.outcome)).toEqual(['sent']);
    expect(world.patches().map((r) => r.status)).toEqual([503, 503, 200]);

    await browser.typeSharedNote(meetingId, 'Notes to write, more');
    await browser.engine.noteChanged(ME, meetingId);
    world.api.state.failNext(3, { status: 500, match: (r) => r.method === 'PATCH' });
    const failed = await browser.engine.flushOutbox();
    expect(failed.outcomes.map((o) => o.outcome)).toEqual(['failed']);
    const entry = await getOutboxEntry(await browser.db(), eventId);
    expect(entry).toMatchObject({ pending: true, attempts: 1 });
    expect(entry!.dueAt! - world.now()).toBeGreaterThanOrEqual(10_000);
    expect(await browser.engine.status(ME, meetingId)).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/server error/) });
    // Not due yet: nothing sent.
    world.clearRequests();
    await browser.engine.flushOutbox();
    expect(world.requests()).toHaveLength(0);
    world.set(entry!.dueAt!);
    expect((await browser.engine.flushOutbox()).outcomes.map((o) => o.outcome)).toEqual(['sent']);
    expect(blockOf(eventId).sharedNotes).toBe('Notes to write, more');
  });

  it('keeps a write that could not reach Google (network) and sends it later', async () => {
    const { eventId, browser } = await pendingWrite();
    world.api.state.dropNext(2);
    expect((await browser.engine.flushOutbox()).outcomes.map((o) => o.outcome)).toEqual(['failed']);
    const entry = await getOutboxEntry(await browser.db(), eventId);
    world.set(entry!.dueAt!);
    await browser.engine.flushOutbox();
    expect(blockOf(eventId).sharedNotes).toBe('Notes to write');
  });

  it('the service worker stopping mid-write: the outbox replays, no duplicate block, no lost note', async () => {
    const eventId = world.addOneOnOne({ description: 'Outside text' });
    const meetingId = meetingOf(eventId);
    const state = memorySyncStateStore();
    // The first worker sends its PATCH and dies before it reads the answer; meanwhile the user
    // typed one more line.
    let typedDuringWrite: Promise<unknown> | undefined;
    const dying = world.browser({
      name: 'profile',
      state,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (init?.method === 'PATCH') {
          typedDuringWrite = dying.typeSharedNote(meetingId, 'Before the crash\nTyped while writing').then(() => dying.engine.noteChanged(ME, meetingId));
          await typedDuringWrite;
          throw new Error('the service worker stopped');
        }
        return response;
      },
    });
    await dying.engine.learn();
    await dying.typeSharedNote(meetingId, 'Before the crash');
    await dying.engine.noteChanged(ME, meetingId);
    await dying.engine.flushOutbox();
    expect(world.patches()).toHaveLength(2); // the client tried again after the "network" failure
    expect(startMarkers(world.description(eventId))).toBe(1);

    // A new worker on the same profile replays the outbox.
    const restarted = world.browser({ name: 'profile', state });
    const entry = await getOutboxEntry(await restarted.db(), eventId);
    expect(entry?.pending).toBe(true);
    world.set(entry!.dueAt!);
    await restarted.engine.flushOutbox();
    const description = world.description(eventId);
    expect(startMarkers(description)).toBe(1);
    expect(description.startsWith('Outside text\n\n')).toBe(true);
    expect(blockOf(eventId).sharedNotes).toBe('Before the crash\nTyped while writing');
    expect((await getOutboxEntry(await restarted.db(), eventId))?.pending).toBe(false);
    world.clearRequests();
    await restarted.engine.noteChanged(ME, meetingId);
    await restarted.engine.flushOutbox();
    expect(world.patches()).toHaveLength(0);
  });

  it('401: asks once for a fresh token and retries; when that fails too, signs out and keeps the notes', async () => {
    const eventId = world.addOneOnOne();
    const meetingId = meetingOf(eventId);
    world.api.state.addToken('expired-token', ME);
    // The provider's cached token has expired; asked to drop it, it hands a fresh one.
    const refreshing = world.browser({ name: 'profile', token: (request) => (request.invalidate === 'expired-token' ? TOKEN : 'expired-token') });
    world.api.state.revokeToken('expired-token');
    await refreshing.engine.learn();
    expect(refreshing.tokenRequests.map((r) => r.invalidate)).toEqual([undefined, 'expired-token']);
    expect(world.requests().map((r) => r.status)).toEqual([401, 200]);
    await refreshing.typeSharedNote(meetingId, 'Notes');
    await refreshing.engine.noteChanged(ME, meetingId);
    await refreshing.engine.flushOutbox();
    expect(blockOf(eventId).sharedNotes).toBe('Notes');

    // Now Google refuses every token: one retry with a fresh one, then "signed out".
    let signedIn = false;
    const refused = world.browser({ name: 'profile', token: (request) => (signedIn ? TOKEN : request.invalidate ? 'second-bad-token' : 'first-bad-token') });
    await refused.typeSharedNote(meetingId, 'Notes, more');
    await refused.engine.noteChanged(ME, meetingId);
    world.clearRequests();
    const learned = await refused.engine.learn();
    expect(learned).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(world.requests().map((r) => r.status)).toEqual([401, 401]);
    expect(await refused.engine.accountState()).toMatchObject({ state: 'signed-out', reason: expect.stringMatching(/sign in again/) });
    expect(await refused.engine.status(ME, meetingId)).toMatchObject({ kind: 'signed-out' });
    expect(await refused.engine.summary()).toMatchObject({ kind: 'signed-out' });
    world.clearRequests();
    expect((await refused.engine.flushOutbox()).skipped).toBe('signed-out');
    expect(world.requests()).toHaveLength(0);
    expect(await refused.sharedNote(meetingId)).toBe('Notes, more');
    expect((await getOutboxEntry(await refused.db(), eventId))?.pending).toBe(true);
    // Signing in again resumes: the pending write goes out.
    signedIn = true;
    await refused.engine.signedIn();
    await refused.engine.learn();
    await refused.engine.flushOutbox();
    expect(blockOf(eventId).sharedNotes).toBe('Notes, more');
  });
});

describe('events that change under the notes', () => {
  it('writes each instance of a recurring 1:1 on its own, never the series master', async () => {
    const seriesId = world.addOneOnOne({ start: world.now() - 14 * DAY, recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'], description: 'Weekly 1:1' });
    const browser = world.browser();
    await browser.engine.learn();
    const db = await browser.db();
    const instances = (await db.idb.getAll('meetings')).filter((m) => m.seriesId === seriesId).sort((x, y) => x.start - y.start);
    expect(instances).toHaveLength(4);
    const [first, second] = instances;
    await browser.typeSharedNote(first!.id, 'Week one');
    await browser.typeSharedNote(second!.id, 'Week two');
    await browser.engine.noteChanged(ME, first!.id);
    await browser.engine.noteChanged(ME, second!.id);
    await browser.engine.flushOutbox();
    const patched = world.patches().map((r) => decodeURIComponent(r.path.split('/').at(-1)!));
    expect(patched.sort()).toEqual([first!.eventId, second!.eventId].sort());
    expect(patched).not.toContain(seriesId);
    expect(blockOf(first!.eventId!).sharedNotes).toBe('Week one');
    expect(blockOf(second!.eventId!).sharedNotes).toBe('Week two');
    expect(world.description(instances[2]!.eventId!)).toBe('Weekly 1:1');
    expect(world.description(seriesId)).toBe('Weekly 1:1');
  });

  it('an event deleted while notes were pending: no write, the notes stay, the sidebar says why', async () => {
    const eventId = world.addOneOnOne();
    const meetingId = meetingOf(eventId);
    const browser = world.browser();
    await browser.engine.learn();
    await browser.typeSharedNote(meetingId, 'First');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    await browser.typeSharedNote(meetingId, 'First\nSecond');
    await browser.engine.noteChanged(ME, meetingId);
    world.api.state.removeEvent(ME, eventId);
    world.clearRequests();
    const report = await browser.engine.flushOutbox();
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['blocked']);
    expect(world.patches().every((r) => r.status === 412)).toBe(true);
    expect(await browser.engine.status(ME, meetingId)).toMatchObject({ kind: 'cannot-write', code: 'deleted' });
    expect((await browser.meeting(meetingId))?.status).toBe('cancelled');
    expect(await browser.sharedNote(meetingId)).toBe('First\nSecond');
    world.clearRequests();
    await browser.engine.flushOutbox();
    expect(world.requests()).toHaveLength(0);
  });

  it('learning that an event was deleted stops its pending write before it is tried', async () => {
    const eventId = world.addOneOnOne();
    const meetingId = meetingOf(eventId);
    const browser = world.browser();
    await browser.engine.learn();
    await browser.typeSharedNote(meetingId, 'Pending');
    await browser.engine.noteChanged(ME, meetingId);
    world.api.state.removeEvent(ME, eventId);
    world.advance(60_000);
    await browser.engine.learn();
    world.clearRequests();
    await browser.engine.flushOutbox();
    expect(world.requests()).toHaveLength(0);
    expect(await browser.engine.status(ME, meetingId)).toMatchObject({ kind: 'cannot-write', code: 'deleted' });
  });

  it('a copied event carrying another event\'s block: not taken as its notes, left untouched when ours is written', async () => {
    const original = world.addOneOnOne({ start: world.now() - 7 * DAY });
    const a = world.browser({ name: 'a' });
    await a.engine.learn();
    await a.typeSharedNote(meetingOf(original), 'Notes of the original');
    await a.addActionItem(meetingOf(original), { id: 'orig0001', text: 'Original item', owner: 'them' });
    await a.engine.noteChanged(ME, meetingOf(original));
    await a.engine.flushOutbox();
    const copiedDescription = world.description(original);
    const copy = world.addOneOnOne({ start: world.now() + DAY, description: copiedDescription });

    const fresh = world.browser({ name: 'fresh' });
    await fresh.engine.learn();
    expect(await fresh.sharedNote(meetingOf(copy))).toBeUndefined();
    expect(await fresh.items(meetingOf(copy))).toEqual([]);
    expect(await fresh.sharedNote(meetingOf(original))).toBe('Notes of the original');
    expect(await fresh.engine.status(ME, meetingOf(copy))).toEqual({ kind: 'nothing-to-sync' });

    await fresh.typeSharedNote(meetingOf(copy), 'Notes of the copy');
    await fresh.engine.noteChanged(ME, meetingOf(copy));
    await fresh.engine.flushOutbox();
    const description = world.description(copy);
    expect(description.startsWith(copiedDescription)).toBe(true);
    expect(blockOf(copy).sharedNotes).toBe('Notes of the copy');
    expect(parseBlock(copiedDescription, original)).toMatchObject({ kind: 'found', content: { sharedNotes: 'Notes of the original' } });
  });
});
