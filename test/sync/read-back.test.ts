// Reading blocks back: a fresh profile rebuilds notes and action items from past events, edits a
// person made inside a block in Calendar are merged into local data, blocks written by the other
// person's copy of the extension are read even where the user cannot write.
import { describe, expect, it } from 'vitest';
import { parseBlock, renderBlock } from '../../src/domain/description-block';
import { DAY, ME, meetingOf, type World } from './harness';
import { worldPerTest } from './world-per-test';

let world: World;
// Every write, in every test: no guest notifications, never without If-Match (checked after each).
worldPerTest((started) => (world = started));

describe('a fresh profile', () => {
  it('rebuilds shared notes and action items (done ones stay done) from past events, and then writes nothing', async () => {
    const events = [35, 28, 21, 7].map((daysAgo) => world.addOneOnOne({ start: world.now() - daysAgo * DAY, description: `Agenda ${daysAgo}` }));
    const writer = world.browser({ name: 'old laptop' });
    await writer.engine.learn();
    for (const [index, eventId] of events.entries()) {
      const meetingId = meetingOf(eventId);
      await writer.typeSharedNote(meetingId, `Notes of week ${index}\nsecond line`);
      await writer.addActionItem(meetingId, { id: `open000${index}`, text: `Open item ${index}`, owner: 'them', due: '2026-02-01' });
      await writer.addActionItem(meetingId, { id: `done000${index}`, text: `Done item ${index}`, owner: 'me', status: 'done', doneAt: world.now(), createdAt: world.now() + 1 });
      await writer.engine.noteChanged(ME, meetingId);
    }
    await writer.engine.flushOutbox();

    world.advance(DAY);
    const fresh = world.browser({ name: 'new laptop' });
    world.clearRequests();
    const report = await fresh.engine.learn();
    expect(report).toMatchObject({ ok: true, blocksRead: 4, writesQueued: 0 });
    for (const [index, eventId] of events.entries()) {
      const meetingId = meetingOf(eventId);
      expect(await fresh.sharedNote(meetingId)).toBe(`Notes of week ${index}\nsecond line`);
      const items = await fresh.items(meetingId);
      expect(items.map((item) => [item.id, item.text, item.owner, item.status, item.due])).toEqual([
        [`open000${index}`, `Open item ${index}`, 'them', 'open', '2026-02-01'],
        [`done000${index}`, `Done item ${index}`, 'me', 'done', undefined],
      ]);
      expect(items.every((item) => item.personId === 'email:dana@example.com' && item.meetingId === meetingId)).toBe(true);
      expect(await fresh.engine.status(ME, meetingId)).toMatchObject({ kind: 'synced' });
    }
    expect(fresh.notices.some((n) => n.type === 'note-saved')).toBe(true);
    expect(fresh.notices.some((n) => n.type === 'action-items-changed')).toBe(true);
    await fresh.engine.flushOutbox();
    expect(world.patches()).toHaveLength(0);
  });
});

describe('rebuilt action items keep when they were created', () => {
  it('an item read from a meeting\'s block was created in that meeting: its start (plus its place in the block), not the read time', async () => {
    const starts = [21, 7].map((daysAgo) => world.now() - daysAgo * DAY);
    const upcomingStart = world.now() + 2 * DAY;
    const events = [...starts, upcomingStart].map((start) => world.addOneOnOne({ start }));
    const writer = world.browser({ name: 'old laptop' });
    await writer.engine.learn();
    for (const [index, eventId] of events.entries()) {
      const meetingId = meetingOf(eventId);
      await writer.addActionItem(meetingId, { id: `first00${index}`, text: `First item ${index}`, owner: 'me', createdAt: world.now() + 10 });
      await writer.addActionItem(meetingId, { id: `second0${index}`, text: `Second item ${index}`, owner: 'them', createdAt: world.now() + 20 });
      await writer.engine.noteChanged(ME, meetingId);
    }
    await writer.engine.flushOutbox();

    world.advance(3 * DAY);
    const readAt = world.now();
    const fresh = world.browser({ name: 'new laptop' });
    expect(await fresh.engine.learn()).toMatchObject({ ok: true, blocksRead: 3 });
    for (const [index, eventId] of events.entries()) {
      const items = await fresh.items(meetingOf(eventId));
      const start = index < starts.length ? starts[index]! : upcomingStart;
      expect(items.map((item) => [item.id, item.createdAt])).toEqual([
        [`first00${index}`, start],
        [`second0${index}`, start + 1],
      ]);
      expect(items.every((item) => item.createdAt < readAt)).toBe(true);
    }
  });

  it('an item added in Calendar to a 1:1 still to come counts as created now, not in the future', async () => {
    const start = world.now() + 5 * DAY;
    const eventId = world.addOneOnOne({ start });
    const browser = world.browser();
    await browser.engine.learn();
    await browser.typeSharedNote(meetingOf(eventId), 'Agenda');
    await browser.engine.noteChanged(ME, meetingOf(eventId));
    await browser.engine.flushOutbox();
    world.api.state.setDescription(ME, eventId, world.description(eventId).replace(/(\n── end of 1:1 Companion)/, '\n[ ] Bring the forecast — me$1'));
    world.advance(60_000);
    const readAt = world.now();
    await browser.engine.learn();
    const items = await browser.items(meetingOf(eventId));
    expect(items.map((item) => [item.text, item.createdAt])).toEqual([['Bring the forecast', readAt]]);
  });
});

describe('edits made in Calendar', () => {
  it('merges a person\'s edits inside the block into local data (notes, a tick, a new untagged line)', async () => {
    const eventId = world.addOneOnOne();
    const meetingId = meetingOf(eventId);
    const browser = world.browser();
    await browser.engine.learn();
    await browser.typeSharedNote(meetingId, 'Plan for Q1');
    await browser.addActionItem(meetingId, { id: 'tick0001', text: 'Send the offer', owner: 'me' });
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();

    const edited = world
      .description(eventId)
      .replace('Plan for Q1', 'Plan for Q1\nDana: add the hiring numbers')
      .replace('[ ] Send the offer', '[x] Send the offer')
      .replace(/(\n── end of 1:1 Companion)/, '\n[ ] Review the budget — me$1');
    world.api.state.setDescription(ME, eventId, edited);
    world.advance(60_000);
    world.clearRequests();
    const report = await browser.engine.learn();
    expect(report).toMatchObject({ ok: true, blocksRead: 1 });
    expect(await browser.sharedNote(meetingId)).toBe('Plan for Q1\nDana: add the hiring numbers');
    const items = await browser.items(meetingId);
    expect(items.map((item) => [item.text, item.owner, item.status])).toEqual([
      ['Send the offer', 'me', 'done'],
      ['Review the budget', 'me', 'open'],
    ]);
    expect(items[0]!.doneAt).toBe(world.now());
    // The calendar already holds all of it (only the new line's tag is missing): the next write
    // tags it; reading it back again brings nothing new.
    await browser.engine.flushOutbox();
    world.advance(60_000);
    await browser.engine.learn();
    expect((await browser.items(meetingId)).map((item) => item.text)).toEqual(['Send the offer', 'Review the budget']);
  });

  it('reads the block of an event the user cannot write (the organiser\'s notes) without writing it', async () => {
    const eventId = world.addOneOnOne({ organizer: 'dana@example.com' });
    const block = renderBlock(
      { eventId, meetingDate: '2026-01-14', sharedNotes: 'Written by Dana\'s browser', actionItems: [{ id: 'dana0001', text: 'Prepare the review', owner: 'them', status: 'open' }] },
      'plain',
    );
    world.api.state.setDescription(ME, eventId, `Dana's agenda\n\n${block}`);
    const browser = world.browser();
    await browser.engine.learn();
    const meetingId = meetingOf(eventId);
    expect(await browser.sharedNote(meetingId)).toBe("Written by Dana's browser");
    expect((await browser.items(meetingId)).map((item) => item.text)).toEqual(['Prepare the review']);
    await browser.typeSharedNote(meetingId, "Written by Dana's browser\nmy addition");
    await browser.engine.noteChanged(ME, meetingId);
    await browser.engine.flushOutbox();
    expect(world.patches()).toHaveLength(0);
    expect(await browser.engine.status(ME, meetingId)).toMatchObject({ kind: 'cannot-write', code: 'not-organiser' });
  });

  it('writes what this browser had before the calendar held a block (notes typed while signed out), keeping both', async () => {
    const eventId = world.addOneOnOne();
    const meetingId = meetingOf(eventId);
    const first = world.browser({ name: 'first' });
    await first.engine.learn();
    await first.typeSharedNote(meetingId, 'From the first browser');
    await first.engine.noteChanged(ME, meetingId);
    await first.engine.flushOutbox();

    const second = world.browser({ name: 'second' });
    // Notes typed before this browser ever read the calendar.
    await second.typeSharedNote(meetingId, 'Typed offline in the second browser');
    const report = await second.engine.learn();
    expect(report).toMatchObject({ ok: true, blocksRead: 1, writesQueued: 1 });
    await second.engine.flushOutbox();
    const found = parseBlock(world.description(eventId), eventId);
    expect(found.kind === 'found' && found.content.sharedNotes).toContain('From the first browser');
    expect(found.kind === 'found' && found.content.sharedNotes).toContain('Typed offline in the second browser');
  });

  it('refresh reads one meeting\'s event at once (the sidebar opening it)', async () => {
    const eventId = world.addOneOnOne();
    const meetingId = meetingOf(eventId);
    const a = world.browser({ name: 'a' });
    const b = world.browser({ name: 'b' });
    await a.engine.learn();
    await b.engine.learn();
    await a.typeSharedNote(meetingId, 'Written in browser A');
    await a.engine.noteChanged(ME, meetingId);
    await a.engine.flushOutbox();
    world.clearRequests();
    expect(await b.engine.refresh(ME, meetingId)).toMatchObject({ kind: 'synced' });
    expect(world.requests().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /calendars/${encodeURIComponent(ME)}/events/${eventId}`]);
    expect(await b.sharedNote(meetingId)).toBe('Written in browser A');
  });
});
