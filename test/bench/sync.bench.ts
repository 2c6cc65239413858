// Requests the sync engine sends, in Node (fake-indexeddb) against the fake Calendar API:
// 10 directs with weekly 1:1s over the 10-week window, every past and next 1:1 with notes and
// action items, everything synced. Then:
// - syncRequestsUnchanged: one sync cycle (learning with updatedMin + flushing the outbox) when
//   nothing changed anywhere; syncWritesUnchanged: the writes among them (aim: 0).
// - syncRequestsUnchangedFullListing: the same cycle when the daily full listing is due.
// - syncRequestsPerNoteEdit: one note edited in a 1:1 already synced (aim: at most 2; the etag
//   is known, so 1); syncRequestsPerFirstNoteEdit: one note in a 1:1 never written (GET + PATCH).
import 'fake-indexeddb/auto';
import { meetingIdForEvent } from '../../src/domain/schemas';
import { FULL_RELIST_MS } from '../../src/sync/engine';
import { DAY, HOUR, ME, startWorld } from '../sync/harness';
import type { BenchContext } from './bench-context';

const DIRECTS = 10;
const WEEKS_BACK = 8;
const WEEKS_AHEAD = 2;

export default async function syncBench(context: BenchContext): Promise<Record<string, number>> {
  const world = await startWorld();
  try {
    for (let i = 0; i < DIRECTS; i++) {
      world.addOneOnOne({
        start: world.now() - WEEKS_BACK * 7 * DAY + i * HOUR,
        other: `direct${i}@example.com`,
        summary: `Direct ${i} / Me`,
        description: `Standing agenda for direct ${i}`,
        recurrence: [`RRULE:FREQ=WEEKLY;COUNT=${WEEKS_BACK + WEEKS_AHEAD}`],
      });
    }
    const browser = world.browser({ name: 'bench' });
    await browser.engine.learn();
    const db = await browser.db();
    const meetings = (await db.idb.getAll('meetings')).filter((m) => m.isOneOnOne);
    const withNotes = meetings.filter((m) => m.start < world.now() + 7 * DAY);
    const withoutNotes = meetings.filter((m) => m.start >= world.now() + 7 * DAY);
    context.log(`${meetings.length} 1:1s learnt; writing notes into ${withNotes.length}…`);
    for (const [index, meeting] of withNotes.entries()) {
      await browser.typeSharedNote(meeting.id, `Notes of ${meeting.title}\nWeek ${index}`);
      await browser.addActionItem(meeting.id, { id: `bench${index.toString(36).padStart(3, '0')}`, text: `Follow up ${index}`, owner: index % 2 ? 'me' : 'them' });
      await browser.engine.noteChanged(ME, meeting.id);
    }
    await browser.engine.flushOutbox();
    const written = world.patches().length;
    context.log(`${written} events written`);

    // A cycle when nothing changed (an updatedMin listing).
    world.advance(5 * 60_000);
    world.clearRequests();
    await browser.engine.learn();
    await browser.engine.flushOutbox();
    const unchanged = world.requests().length;
    const unchangedWrites = world.patches().length;

    // The daily full listing, nothing changed.
    world.advance(FULL_RELIST_MS);
    world.clearRequests();
    await browser.engine.learn();
    await browser.engine.flushOutbox();
    const unchangedFull = world.requests().length;
    const unchangedFullWrites = world.patches().length;

    // One note edited in a 1:1 already synced.
    const synced = withNotes.at(-1)!;
    world.clearRequests();
    await browser.typeSharedNote(synced.id, 'Edited once');
    await browser.engine.noteChanged(ME, synced.id);
    await browser.engine.flushOutbox();
    const perEdit = world.requests().length;

    // One note in a 1:1 never written before.
    const fresh = withoutNotes[0] ?? synced;
    world.clearRequests();
    await browser.typeSharedNote(fresh.id, 'First notes');
    await browser.engine.noteChanged(ME, meetingIdForEvent(ME, fresh.eventId!));
    await browser.engine.flushOutbox();
    const perFirstEdit = world.requests().length;

    context.log(`unchanged cycle: ${unchanged} requests (${unchangedWrites} writes); with the daily full listing: ${unchangedFull} (${unchangedFullWrites} writes)`);
    return {
      syncRequestsUnchanged: unchanged,
      syncWritesUnchanged: unchangedWrites + unchangedFullWrites,
      syncRequestsUnchangedFullListing: unchangedFull,
      syncRequestsPerNoteEdit: perEdit,
      syncRequestsPerFirstNoteEdit: perFirstEdit,
    };
  } finally {
    await world.close();
  }
}
