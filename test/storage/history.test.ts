import { afterEach, describe, expect, it } from 'vitest';
import type { CompanionDb } from '../../src/storage/db';
import { loadPersonHistory, normaliseForSearch, searchTokens, type HistoryCursor } from '../../src/storage/history';
import { putActionItems, putMeetings, putRecords } from '../../src/storage/repositories';
import { actionItem, DAY_MS, freshDb, meeting, note, T0 } from './fixtures';

let db: CompanionDb | undefined;
afterEach(() => db?.close());

const dana = 'email:dana@example.com';
const sam = 'email:sam@example.com';

async function seed(database: CompanionDb) {
  const meetings = Array.from({ length: 6 }, (_, w) => meeting(dana, T0 + w * 7 * DAY_MS, { title: `Dana week ${w}` }));
  const samMeeting = meeting(sam, T0, { title: 'Sam' });
  await putMeetings(database, [...meetings, samMeeting]);
  await putRecords(database, 'notes', [
    note(meetings[0]!, 'shared', 'Talked about the Café pricing'),
    note(meetings[2]!, 'private', 'Worried about burnout'),
    note(meetings[4]!, 'shared', 'Pricing page launch'),
    note(samMeeting, 'shared', 'pricing for Sam'),
  ]);
  await putActionItems(database, [actionItem(meetings[3]!, 'Draft the pricing memo'), actionItem(meetings[4]!, 'Book offsite', { owner: 'them', status: 'done', doneAt: T0 })]);
  return meetings;
}

describe("a person's history", () => {
  it('lists every 1:1 newest first, with notes and action items, in pages', async () => {
    db = await freshDb();
    await seed(db);
    const titles: string[] = [];
    let before: HistoryCursor | undefined;
    do {
      const page = await loadPersonHistory(db, { personId: dana, limit: 4, ...(before ? { before } : {}) });
      titles.push(...page.entries.map((e) => e.meeting.title));
      before = page.next;
    } while (before);
    expect(titles).toEqual(['Dana week 5', 'Dana week 4', 'Dana week 3', 'Dana week 2', 'Dana week 1', 'Dana week 0']);
    const first = await loadPersonHistory(db, { personId: dana, limit: 2 });
    expect(first.entries[1]!.shared?.text).toBe('Pricing page launch');
    expect(first.entries[1]!.actionItems.map((i) => i.text)).toEqual(['Book offsite']);
  });

  const searches: [string, string[]][] = [
    ['pricing', ['Dana week 4', 'Dana week 3', 'Dana week 0']],
    ['PRICING cafe', ['Dana week 0']],
    ['burnout', ['Dana week 2']],
    ['memo pricing', ['Dana week 3']],
    ['week 1', ['Dana week 1']],
    ['nothing like this', []],
    ['   ', ['Dana week 5', 'Dana week 4', 'Dana week 3', 'Dana week 2', 'Dana week 1', 'Dana week 0']],
  ];
  for (const [query, expected] of searches) {
    it(`searches this person's history only: "${query}"`, async () => {
      db = await freshDb();
      await seed(db);
      const page = await loadPersonHistory(db, { personId: dana, text: query });
      expect(page.entries.map((e) => e.meeting.title)).toEqual(expected);
    });
  }

  it('pages through search results', async () => {
    db = await freshDb();
    await seed(db);
    const first = await loadPersonHistory(db, { personId: dana, text: 'pricing', limit: 2 });
    expect(first.entries.map((e) => e.meeting.title)).toEqual(['Dana week 4', 'Dana week 3']);
    const second = await loadPersonHistory(db, { personId: dana, text: 'pricing', limit: 2, before: first.next! });
    expect(second.entries.map((e) => e.meeting.title)).toEqual(['Dana week 0']);
    expect(second.next).toBeUndefined();
  });

  it('normalises case and accents', () => {
    expect(normaliseForSearch('Café ÉTÉ')).toBe('cafe ete');
    expect(searchTokens(' Q3-plan, über!')).toEqual(['q3', 'plan', 'uber']);
  });
});
