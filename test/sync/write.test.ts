// Writing a meeting's shared notes and action items into its event: If-Match, no notifications,
// nothing sent when nothing changed, outside text kept exactly, private notes never sent, the
// description's length limit, and who may be written at all.
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../../src/domain/description-block';
import { getOutboxEntry } from '../../src/storage';
import { MAX_DESCRIPTION_CHARS } from '../../src/sync/engine';
import { bodiesOf, DANA, DAY, ME, meetingOf, type World } from './harness';
import { worldPerTest } from './world-per-test';

let world: World;
// Every write, in every test: no guest notifications, never without If-Match (checked after each).
worldPerTest((started) => (world = started));

async function learnedOneOnOne(options: Parameters<World['addOneOnOne']>[0] = {}) {
  const eventId = world.addOneOnOne(options);
  const browser = world.browser();
  await browser.engine.learn();
  world.clearRequests();
  return { eventId, meetingId: meetingOf(eventId), browser };
}

describe('writing the block', () => {
  it('writes shared notes and action items (open and done) into the event, with If-Match and sendUpdates=none', async () => {
    const { eventId, meetingId, browser } = await learnedOneOnOne({ description: 'Agenda: numbers' });
    const etagBefore = world.event(eventId).etag;
    await browser.typeSharedNote(meetingId, 'Talked about the Q1 plan.\nDana leads the pilot.');
    await browser.addActionItem(meetingId, { id: 'aaaa1111', text: 'Send the deck', owner: 'them' });
    await browser.addActionItem(meetingId, { id: 'bbbb2222', text: 'Book the room', owner: 'me', status: 'done', doneAt: world.now() });
    expect(await browser.engine.noteChanged(ME, meetingId)).toEqual({ kind: 'saved-locally' });

    const report = await browser.engine.flushOutbox();
    expect(report.outcomes).toEqual([{ eventId, outcome: 'sent' }]);
    const description = world.description(eventId);
    expect(description.startsWith('Agenda: numbers\n\n')).toBe(true);
    const block = parseBlock(description, eventId);
    expect(block.kind).toBe('found');
    if (block.kind !== 'found') return;
    expect(block.content.sharedNotes).toBe('Talked about the Q1 plan.\nDana leads the pilot.');
    expect(block.content.actionItems).toEqual([
      { id: 'aaaa1111', text: 'Send the deck', owner: 'them', ownerName: 'Dana Reyes', status: 'open' },
      { id: 'bbbb2222', text: 'Book the room', owner: 'me', status: 'done' },
    ]);
    const patches = world.patches();
    expect(patches).toHaveLength(1);
    expect(patches[0]!.path).toBe(`/calendars/${encodeURIComponent(ME)}/events/${eventId}`);
    expect(patches[0]!.query.sendUpdates).toBe('none');
    expect(patches[0]!.headers.ifMatch).toBe(etagBefore);
    expect(Object.keys(patches[0]!.body as object)).toEqual(['description']);
    expect(await browser.engine.status(ME, meetingId)).toEqual({ kind: 'synced', at: world.now() });
  });

  it('sends nothing when nothing changed (after a write, after learning, after a no-op change)', async () => {
    const { eventId, meetingId, browser } = await learnedOneOnOne();
    await browser.typeSharedNote(meetingId, 'Notes');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    world.clearRequests();

    world.advance(5 * 60_000);
    await browser.engine.learn();
    await browser.engine.flushOutbox();
    // A change that changes nothing (e.g. typed and undone) is queued but not sent.
    await browser.engine.noteChanged(ME, meetingId);
    const report = await browser.engine.flushOutbox();
    expect(report.outcomes).toEqual([{ eventId, outcome: 'unchanged' }]);
    expect(world.patches()).toHaveLength(0);
    expect(world.requests().filter((r) => r.method !== 'GET' || !r.path.endsWith('/primary/events'))).toHaveLength(0);
  });

  it('costs at most two requests for one edited note: GET + PATCH the first time, PATCH alone after', async () => {
    const { meetingId, browser } = await learnedOneOnOne();
    await browser.typeSharedNote(meetingId, 'First');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    expect(world.requests().map((r) => r.method)).toEqual(['GET', 'PATCH']);
    world.clearRequests();
    await browser.typeSharedNote(meetingId, 'First\nSecond');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    expect(world.requests().map((r) => r.method)).toEqual(['PATCH']);
  });

  it('writes nothing for a 1:1 without notes or action items', async () => {
    const { eventId, meetingId, browser } = await learnedOneOnOne();
    await browser.engine.noteChanged(ME, meetingId);
    const report = await browser.engine.flushOutbox();
    expect(report.outcomes).toEqual([{ eventId, outcome: 'nothing-to-write' }]);
    expect(world.patches()).toHaveLength(0);
    expect(await browser.engine.status(ME, meetingId)).toEqual({ kind: 'nothing-to-sync' });
  });

  it.each([
    ['plain', 'Zoom: https://zoom.example/j/1\n\n  indented line\ttab  \nüñí ✓ & < >'],
    ['HTML', '<b>Agenda</b><br>1. numbers &amp; plans<br><br><a href="https://example.com/doc">doc</a>&nbsp;<span style="color:red">!</span>'],
    ['plain, edited around the block', 'before'],
  ])('keeps the text outside the block byte for byte (%s)', async (kind, outside) => {
    const { eventId, meetingId, browser } = await learnedOneOnOne({ description: outside });
    await browser.typeSharedNote(meetingId, 'Line one\nLine <two> & more');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    let description = world.description(eventId);
    expect(description.startsWith(outside)).toBe(true);
    if (kind === 'plain, edited around the block') {
      // Someone adds text after the block; the next write keeps it exactly, before and after.
      world.api.state.setDescription(ME, eventId, `${description}\n\nAfter: ☕ <tail>`);
      world.advance(60_000);
      await browser.engine.learn();
    }
    description = world.description(eventId);
    const found = parseBlock(description, eventId);
    if (found.kind !== 'found') throw new Error('no block');
    const before = description.slice(0, found.range.start);
    const after = description.slice(found.range.end);
    await browser.typeSharedNote(meetingId, 'Line one\nLine <two> & more\nLine three');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    const next = world.description(eventId);
    const again = parseBlock(next, eventId);
    if (again.kind !== 'found') throw new Error('no block');
    expect(next.slice(0, again.range.start)).toBe(before);
    expect(next.slice(again.range.end)).toBe(after);
    expect(again.content.sharedNotes).toBe('Line one\nLine <two> & more\nLine three');
  });

  it('never sends private notes, in any request', async () => {
    const { meetingId, browser } = await learnedOneOnOne();
    const secret = 'PRIVATE-7f3a: thinking about a promotion';
    await browser.typePrivateNote(meetingId, secret);
    await browser.typeSharedNote(meetingId, 'Shared part');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    world.advance(DAY + 1);
    await browser.engine.learn();
    await browser.engine.syncMeeting(ME, meetingId);
    expect(world.patches().length).toBeGreaterThan(0);
    expect(bodiesOf(world.requests())).not.toContain('PRIVATE-7f3a');
    expect(bodiesOf(world.requests())).toContain('Shared part');
  });

  it('caps the block so the whole description stays within what Calendar keeps', async () => {
    const outside = 'x'.repeat(6000);
    const { eventId, meetingId, browser } = await learnedOneOnOne({ description: outside });
    await browser.typeSharedNote(meetingId, Array.from({ length: 200 }, (_, i) => `line ${i} of a long meeting`).join('\n'));
    await browser.engine.noteChanged(ME, meetingId);
    expect((await browser.engine.flushOutbox()).outcomes[0]!.outcome).toBe('sent');
    const description = world.description(eventId);
    expect(description.length).toBeLessThanOrEqual(MAX_DESCRIPTION_CHARS);
    expect(description.startsWith(outside)).toBe(true);
    const block = parseBlock(description, eventId);
    expect(block.kind === 'found' && block.content.truncated).toBe(true);
    // The cut is not a change: the next cycle sends nothing.
    world.clearRequests();
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    expect(world.patches()).toHaveLength(0);
  });

  it('says "can\'t write" when the description leaves no room for a block', async () => {
    const { meetingId, browser } = await learnedOneOnOne({ description: 'y'.repeat(8100) });
    await browser.typeSharedNote(meetingId, 'Notes');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    expect(world.patches()).toHaveLength(0);
    expect(await browser.engine.status(ME, meetingId)).toMatchObject({ kind: 'cannot-write', code: 'too-long' });
  });

  it('counts a response without the block as a failed write, kept and retried', async () => {
    const { eventId, meetingId, browser } = await learnedOneOnOne();
    await browser.typeSharedNote(meetingId, 'Notes');
    await browser.engine.noteChanged(ME, meetingId);
    world.api.state.rewriteNext(1, (body) => ({ ...(body as object), description: 'mangled' }), { match: (r) => r.method === 'PATCH' });
    const report = await browser.engine.flushOutbox();
    expect(report.outcomes).toEqual([{ eventId, outcome: 'failed' }]);
    expect(await browser.engine.status(ME, meetingId)).toMatchObject({ kind: 'failed' });
    const entry = await getOutboxEntry(await browser.db(), eventId);
    expect(entry).toMatchObject({ pending: true, attempts: 1 });
    world.set(entry!.dueAt!);
    await browser.engine.flushOutbox();
    expect(parseBlock(world.description(eventId), eventId).kind).toBe('found');
  });
});

describe('meetings the calendar listing did not bring', () => {
  it('writes notes taken on an event not learnt yet (beyond the window): fetches it, learns it, writes it', async () => {
    const eventId = world.addOneOnOne({ start: world.now() + 40 * DAY });
    const browser = world.browser();
    await browser.engine.learn();
    const meetingId = meetingOf(eventId);
    expect(await browser.meeting(meetingId)).toBeUndefined();
    await browser.typeSharedNote(meetingId, 'Planning ahead');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    expect(await browser.meeting(meetingId)).toMatchObject({ isOneOnOne: true, canModify: true });
    expect(parseBlock(world.description(eventId), eventId)).toMatchObject({ kind: 'found', content: { sharedNotes: 'Planning ahead' } });
  });

  it.each([
    ['primary', 'synced'],
    [ME.toUpperCase(), 'synced'],
    ['team-calendar@group.calendar.google.com', 'cannot-write'],
  ])('a meeting the page stored with calendar id %s is %s', async (calendarId, expected) => {
    const { eventId, meetingId, browser } = await learnedOneOnOne();
    const db = await browser.db();
    const meeting = (await browser.meeting(meetingId))!;
    await db.idb.put('meetings', { ...meeting, calendarId });
    await browser.typeSharedNote(meetingId, 'Notes');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    expect(await browser.engine.status(ME, meetingId)).toMatchObject({ kind: expected });
    expect(parseBlock(world.description(eventId), eventId).kind).toBe(expected === 'synced' ? 'found' : 'none');
  });

  it('a 1:1 logged as held off the calendar has nothing to write, and says so', async () => {
    const browser = world.browser();
    await browser.engine.learn();
    const meetingId = `${ME}|logged:abc123`;
    await browser.typeSharedNote(meetingId, 'Walk in the park');
    expect(await browser.engine.noteChanged(ME, meetingId)).toMatchObject({ kind: 'cannot-write', code: 'not-on-calendar' });
    world.clearRequests();
    await browser.engine.flushOutbox();
    expect(world.requests()).toHaveLength(0);
  });
});

describe('who may be written', () => {
  it('does not write a guest copy of an event the user does not organise; the sidebar says why', async () => {
    const { meetingId, browser } = await learnedOneOnOne({ organizer: DANA });
    expect((await browser.meeting(meetingId))?.canModify).toBe(false);
    await browser.typeSharedNote(meetingId, 'My notes');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    expect(world.patches()).toHaveLength(0);
    expect(world.requests()).toHaveLength(0);
    const status = await browser.engine.status(ME, meetingId);
    expect(status).toMatchObject({ kind: 'cannot-write', code: 'not-organiser' });
    expect(status.kind === 'cannot-write' && status.reason).toMatch(/not the organiser and guests may not modify/);
    expect(await browser.sharedNote(meetingId)).toBe('My notes');
  });

  it('writes an event the user does not organise when guests may modify it', async () => {
    const { eventId, meetingId, browser } = await learnedOneOnOne({ organizer: DANA, guestsCanModify: true });
    await browser.typeSharedNote(meetingId, 'Guest notes');
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    expect(parseBlock(world.description(eventId), eventId)).toMatchObject({ kind: 'found', content: { sharedNotes: 'Guest notes' } });
  });

  it('stops when Google refuses the write (403) and marks the event as not writable', async () => {
    const { eventId, meetingId, browser } = await learnedOneOnOne();
    await browser.typeSharedNote(meetingId, 'Notes');
    await browser.engine.noteChanged(ME, meetingId);
    world.api.state.failNext(1, { status: 403, reason: 'forbiddenForNonOrganizer', match: (r) => r.method === 'PATCH' });
    const report = await browser.engine.flushOutbox();
    expect(report.outcomes).toEqual([{ eventId, outcome: 'blocked' }]);
    expect(await browser.engine.status(ME, meetingId)).toMatchObject({ kind: 'cannot-write', code: 'not-organiser' });
    expect((await getOutboxEntry(await browser.db(), eventId))?.pending).toBe(false);
  });

  it('keeps notes of a Calendar tab showing another account local, in that account, and never writes them', async () => {
    const { browser } = await learnedOneOnOne();
    const other = 'me.too@example.org';
    const otherMeeting = meetingOf('abcdefghij1234', other);
    await browser.typeSharedNote(otherMeeting, 'Notes in the other account', other);
    const status = await browser.engine.noteChanged(other, otherMeeting);
    expect(status).toMatchObject({ kind: 'cannot-write', code: 'other-account' });
    expect(status.kind === 'cannot-write' && status.reason).toContain(other);
    await browser.engine.flushOutbox();
    await browser.engine.syncMeeting(other, otherMeeting);
    expect(world.requests()).toHaveLength(0);
    expect(await browser.sharedNote(otherMeeting, other)).toBe('Notes in the other account');
    expect((await getOutboxEntry(await browser.db(other), 'abcdefghij1234'))?.pending).toBe(true);
  });
});
