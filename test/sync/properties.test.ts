// Properties of a write against the fake API, for any notes, action items and surrounding text:
// the text outside the block is kept exactly, a fresh profile reads back what was written, and
// a sync cycle right after sends nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../../src/domain/description-block';
import { ME, meetingOf, startWorld } from './harness';

const line = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '<', '>', '&', ';', '—', '·', '\\', '[', ']', '{', '#', '}', '─', 'é', '✓', '1', ':', '-', '\t'), maxLength: 30 });
const notes = fc.array(line, { maxLength: 6 }).map((lines) => lines.join('\n'));
const outsides = fc.oneof(
  fc.constant(''),
  notes,
  fc.array(line, { maxLength: 4 }).map((lines) => lines.map((l) => `<b>${l.replace(/[<&]/g, '')}</b>`).join('<br>')),
);
const items = fc.uniqueArray(
  fc.record({
    id: fc.stringMatching(/^[0-9a-z]{8}$/),
    text: line.filter((text) => text.trim() !== ''),
    owner: fc.constantFrom('me' as const, 'them' as const),
    status: fc.constantFrom('open' as const, 'done' as const),
  }),
  { selector: (item) => item.id, maxLength: 4 },
);

describe('sync properties', () => {
  it('keeps the outside text, reads back what it wrote, and sends nothing when nothing changed', async () => {
    const world = await startWorld();
    try {
      await fc.assert(
        fc.asyncProperty(outsides, notes, items, async (outside, text, actionItems) => {
          const eventId = world.addOneOnOne({ description: outside });
          const meetingId = meetingOf(eventId);
          const writer = world.browser();
          await writer.engine.learn({ full: true });
          await writer.typeSharedNote(meetingId, text);
          for (const [position, item] of actionItems.entries()) {
            await writer.addActionItem(meetingId, { ...item, createdAt: world.now() + position, ...(item.status === 'done' && { doneAt: world.now() }) });
          }
          await writer.engine.noteChanged(ME, meetingId);
          await writer.engine.flushOutbox();

          const description = world.description(eventId);
          const found = parseBlock(description, eventId);
          const hasContent = text.trim() !== '' || actionItems.length > 0;
          if (!hasContent) {
            expect(description).toBe(outside);
            return;
          }
          if (found.kind !== 'found') throw new Error(`no block: ${found.kind}`);
          const rest = description.slice(0, found.range.start) + description.slice(found.range.end);
          expect([outside, `${outside}\n\n`, `${outside}<br><br>`]).toContain(rest);

          const reader = world.browser();
          world.advance(1000);
          await reader.engine.learn({ full: true });
          expect(await reader.sharedNote(meetingId) ?? '').toBe(text);
          expect((await reader.items(meetingId)).map((item) => [item.id, item.text, item.owner, item.status])).toEqual(
            actionItems.map((item) => [item.id, item.text, item.owner, item.status]),
          );

          world.clearRequests();
          await writer.engine.noteChanged(ME, meetingId);
          await reader.engine.noteChanged(ME, meetingId);
          await writer.engine.flushOutbox();
          await reader.engine.flushOutbox();
          expect(world.patches()).toHaveLength(0);
          writer.close();
          reader.close();
        }),
        { numRuns: 25 },
      );
    } finally {
      await world.close();
    }
  }, 60_000);
});
