import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BlockActionItem, BlockContent } from '../../src/domain/description-block';
import { parseBlock, renderBlock } from '../../src/domain/description-block';
import {
  mergeLines,
  mergeMeetingContent,
  mergeNotes,
  REMOTE_SECTION_END,
  REMOTE_SECTION_START,
  type LocalActionItem,
  type LocalMeetingContent,
} from '../../src/domain/merge';

const NOW = 1_800_000_000_000;
const EARLIER = NOW - 86_400_000;
const lines = (...l: string[]) => l.join('\n');

function meeting(sharedNotes: string, actionItems: LocalActionItem[] = [], extra: Partial<BlockContent> = {}): BlockContent & LocalMeetingContent {
  return { eventId: 'evt1', meetingDate: '2026-11-20', sharedNotes, actionItems, ...extra };
}

function item(id: string, text: string, more: Partial<LocalActionItem> = {}): LocalActionItem {
  return { id, text, owner: 'me', status: 'open', ...more };
}

describe('mergeNotes', () => {
  const base = lines('Agenda', 'Hiring: two roles open', 'Q4 plan is late', 'Offsite in March');

  it.each<[string, string | undefined, string, string, string, number]>([
    ['only here changed → take it', base, base.replace('late', 'on track'), base, base.replace('late', 'on track'), 0],
    ['only the calendar changed → take it', base, base, base.replace('March', 'April'), base.replace('March', 'April'), 0],
    ['both changed the same way → take it once', base, base + '\nNew line', base + '\nNew line', base + '\nNew line', 0],
    [
      'both changed different lines → both edits survive',
      base,
      base.replace('two roles', 'three roles'),
      base.replace('March', 'April'),
      lines('Agenda', 'Hiring: three roles open', 'Q4 plan is late', 'Offsite in April'),
      0,
    ],
    [
      'one side deleted a line, the other edited another → both survive',
      base,
      lines('Agenda', 'Q4 plan is late', 'Offsite in March'),
      base.replace('late', 'done'),
      lines('Agenda', 'Q4 plan is done', 'Offsite in March'),
      0,
    ],
    [
      'both added lines at the end → all kept, this browser’s first',
      base,
      base + '\nMine: budget',
      base + '\nTheirs: travel',
      base + '\nMine: budget\nTheirs: travel',
      0,
    ],
    [
      'both changed the same line differently → both kept visibly',
      base,
      base.replace('late', 'two weeks late'),
      base.replace('late', 'blocked on legal'),
      lines('Agenda', 'Hiring: two roles open', 'Q4 plan is two weeks late', REMOTE_SECTION_START, 'Q4 plan is blocked on legal', REMOTE_SECTION_END, 'Offsite in March'),
      1,
    ],
    ['trailing spaces from Calendar’s editor are not an edit', base, base.replace('late', 'on track'), base.replaceAll('\n', ' \n'), base.replace('late', 'on track'), 0],
    ['no base, nothing here → the calendar’s', undefined, '', 'Typed in the calendar', 'Typed in the calendar', 0],
    ['no base, nothing in the calendar → this browser’s', undefined, 'Mine', '  ', 'Mine', 0],
    ['no base, equal → it', undefined, 'Same\ntext', 'Same\ntext', 'Same\ntext', 0],
    ['no base, this browser’s extends the calendar’s → the longer', undefined, 'One\nTwo\nThree', 'One\nTwo', 'One\nTwo\nThree', 0],
    ['no base, the calendar’s extends this browser’s → the longer', undefined, 'One', 'One\nTwo', 'One\nTwo', 0],
    [
      'no base, different → both kept visibly',
      undefined,
      'Mine',
      'Theirs',
      lines('Mine', REMOTE_SECTION_START, 'Theirs', REMOTE_SECTION_END),
      1,
    ],
  ])('%s', (_case, b, local, remote, expected, conflicts) => {
    const result = mergeNotes(b, local, remote);
    expect(result.text).toBe(expected);
    expect(result.conflicts).toBe(conflicts);
  });

  it('takes a cut copy (last line cut mid-way) as the start of this browser’s notes when there is no base', () => {
    expect(mergeNotes(undefined, 'One\nTwo and more', 'One\nTwo an', { remoteCut: true }).text).toBe('One\nTwo and more');
    expect(mergeNotes(undefined, 'One\nTwo and more', 'One\nTwo an').conflicts).toBe(1);
  });
});

describe('mergeLines', () => {
  it('merges non-overlapping edits at the start, middle and end', () => {
    const base = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const local = ['A', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const remote = ['a', 'b', 'c', 'D', 'e', 'f'];
    expect(mergeLines(base, local, remote)).toEqual({ lines: ['A', 'b', 'c', 'D', 'e', 'f', 'h'], conflicts: 0 });
  });

  it('keeps both versions of each place both sides changed, counting them', () => {
    const base = ['a', 'b', 'c', 'd', 'e'];
    const local = ['a', 'B1', 'c', 'D1', 'e'];
    const remote = ['a', 'B2', 'c', 'D2', 'e'];
    const result = mergeLines(base, local, remote);
    expect(result.conflicts).toBe(2);
    expect(result.lines).toEqual([
      'a', 'B1', REMOTE_SECTION_START, 'B2', REMOTE_SECTION_END, 'c', 'D1', REMOTE_SECTION_START, 'D2', REMOTE_SECTION_END, 'e',
    ]);
  });
});

describe('mergeMeetingContent: notes', () => {
  it('keeps local as it is when the calendar has no block', () => {
    const local = meeting('mine', [item('aaaa1111', 'x')]);
    expect(mergeMeetingContent(meeting('old'), local, undefined, { now: NOW })).toEqual({ merged: local, conflicts: [] });
  });

  it('names a notes conflict in the conflicts list', () => {
    const result = mergeMeetingContent(meeting('x'), meeting('mine'), meeting('theirs'), { now: NOW });
    expect(result.merged.sharedNotes).toBe(lines('mine', REMOTE_SECTION_START, 'theirs', REMOTE_SECTION_END));
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatch(/Shared notes/);
  });

  it('rebuilds from the calendar on a browser with no local data (no base)', () => {
    const remote = meeting('Their notes', [item('aaaa1111', 'Send deck', { status: 'done' }), item('bbbb2222', 'Call', { owner: 'them' })]);
    const result = mergeMeetingContent(undefined, meeting(''), remote, { now: NOW });
    expect(result.conflicts).toEqual([]);
    expect(result.merged.sharedNotes).toBe('Their notes');
    expect(result.merged.actionItems).toEqual([
      { ...remote.actionItems[0], updatedAt: NOW, doneAt: NOW },
      { ...remote.actionItems[1], updatedAt: NOW },
    ]);
  });

  it('carries "truncated" when the notes are the calendar’s cut copy', () => {
    const remote = meeting('cut notes', [], { truncated: true });
    expect(mergeMeetingContent(undefined, meeting(''), remote).merged.truncated).toBe(true);
    expect(mergeMeetingContent(undefined, meeting('cut notes and the rest'), remote).merged.truncated).toBeUndefined();
  });

  it('merges an edit in a cut block with the full local notes (base = what was written)', () => {
    const full = lines('one', 'two', 'three', 'four');
    const written = meeting(lines('one', 'two'), [], { truncated: true });
    const remote = meeting(lines('ONE', 'two'), [], { truncated: true });
    const result = mergeMeetingContent(written, meeting(full), remote);
    expect(result.merged.sharedNotes).toBe(lines('ONE', 'two', 'three', 'four'));
    expect(result.conflicts).toEqual([]);
  });

  it('does not take a cut copy as deleting the rest when the base was not cut', () => {
    const full = lines('one', 'two', 'three');
    const result = mergeMeetingContent(meeting(full), meeting(full), meeting('one', [], { truncated: true }));
    expect(result.merged.sharedNotes).toBe(full);
    expect(result.conflicts[0]).toMatch(/cut copy/);
  });
});

describe('mergeMeetingContent: action items', () => {
  const send = item('aaaa1111', 'Send the deck', { updatedAt: EARLIER });
  const book = item('bbbb2222', 'Book the offsite', { owner: 'them', ownerName: 'Dana', updatedAt: EARLIER });

  type Row = {
    name: string;
    base: LocalActionItem[] | undefined;
    local: LocalActionItem[];
    remote: LocalActionItem[];
    expected: LocalActionItem[];
    conflicts?: RegExp[];
  };
  const strip = ({ updatedAt: _u, doneAt: _d, ...rest }: LocalActionItem): BlockActionItem => rest;
  const rows: Row[] = [
    { name: 'added here → kept', base: [send], local: [send, book], remote: [strip(send)], expected: [send, book] },
    {
      name: 'added in the calendar → kept, stamped now',
      base: [send],
      local: [send],
      remote: [strip(send), strip(book)],
      expected: [send, { ...strip(book), updatedAt: NOW }],
    },
    {
      name: 'added on both sides → both kept, local first',
      base: [],
      local: [send],
      remote: [strip(book)],
      expected: [send, { ...strip(book), updatedAt: NOW }],
    },
    {
      name: 'ticked in the calendar → done at the sync',
      base: [send],
      local: [send],
      remote: [{ ...strip(send), status: 'done' }],
      expected: [{ ...send, status: 'done', doneAt: NOW, updatedAt: NOW }],
    },
    {
      name: 'ticked here, calendar still shows the base → done (local time kept)',
      base: [send],
      local: [{ ...send, status: 'done', doneAt: EARLIER }],
      remote: [strip(send)],
      expected: [{ ...send, status: 'done', doneAt: EARLIER }],
    },
    {
      name: 'ticked here earlier and synced, then reopened in the calendar → open (the reopen is later)',
      base: [{ ...send, status: 'done' }],
      local: [{ ...send, status: 'done', doneAt: EARLIER }],
      remote: [strip(send)],
      expected: [{ ...send, status: 'open', updatedAt: NOW }],
    },
    {
      name: 'reopened here, calendar still done → open',
      base: [{ ...send, status: 'done' }],
      local: [send],
      remote: [{ ...strip(send), status: 'done' }],
      expected: [send],
    },
    { name: 'deleted in the calendar, open and unchanged here → deleted', base: [send, book], local: [send, book], remote: [strip(send)], expected: [send] },
    {
      name: 'deleted in the calendar, done here → stays (done items keep a rebuild from reopening them)',
      base: [{ ...send, status: 'done' }],
      local: [{ ...send, status: 'done', doneAt: EARLIER }],
      remote: [],
      expected: [{ ...send, status: 'done', doneAt: EARLIER }],
    },
    {
      name: 'deleted in the calendar, changed here → kept, with a note',
      base: [send],
      local: [{ ...send, text: 'Send the final deck' }],
      remote: [],
      expected: [{ ...send, text: 'Send the final deck' }],
      conflicts: [/removed in the calendar but changed here/],
    },
    { name: 'deleted here, unchanged in the calendar → deleted', base: [send, book], local: [send], remote: [strip(send), strip(book)], expected: [send] },
    {
      name: 'deleted here, changed in the calendar → kept, with a note',
      base: [send, book],
      local: [send],
      remote: [strip(send), { ...strip(book), status: 'done' }],
      expected: [send, { ...strip(book), status: 'done', updatedAt: NOW, doneAt: NOW }],
      conflicts: [/removed here but changed in the calendar/],
    },
    {
      name: 'renamed in the calendar → its text',
      base: [send],
      local: [send],
      remote: [{ ...strip(send), text: 'Send the Q4 deck' }],
      expected: [{ ...send, text: 'Send the Q4 deck', updatedAt: NOW }],
    },
    { name: 'renamed here → local text', base: [send], local: [{ ...send, text: 'Mine' }], remote: [strip(send)], expected: [{ ...send, text: 'Mine' }] },
    {
      name: 'renamed the same on both → no conflict',
      base: [send],
      local: [{ ...send, text: 'Same' }],
      remote: [{ ...strip(send), text: 'Same' }],
      expected: [{ ...send, text: 'Same' }],
    },
    {
      name: 'renamed differently on both → local kept, conflict noted',
      base: [send],
      local: [{ ...send, text: 'Mine' }],
      remote: [{ ...strip(send), text: 'Theirs' }],
      expected: [{ ...send, text: 'Mine' }],
      conflicts: [/the text was changed here and in the calendar.*“Mine”.*“Theirs”/],
    },
    {
      name: 'due date set in the calendar, text changed here → both',
      base: [send],
      local: [{ ...send, text: 'Mine' }],
      remote: [{ ...strip(send), due: '2026-12-01' }],
      expected: [{ ...send, text: 'Mine', due: '2026-12-01', updatedAt: NOW }],
    },
    {
      name: 'due date removed in the calendar → removed',
      base: [{ ...send, due: '2026-12-01' }],
      local: [{ ...send, due: '2026-12-01' }],
      remote: [strip(send)],
      expected: [{ ...send, updatedAt: NOW }],
    },
    {
      name: 'owner changed in the calendar → its owner',
      base: [book],
      local: [book],
      remote: [{ ...strip(book), owner: 'me', ownerName: 'Sam' }],
      expected: [{ ...book, owner: 'me', ownerName: 'Sam', updatedAt: NOW }],
    },
    {
      name: 'no base: done here, open in the calendar → done',
      base: undefined,
      local: [{ ...send, status: 'done', doneAt: EARLIER }],
      remote: [strip(send)],
      expected: [{ ...send, status: 'done', doneAt: EARLIER }],
    },
    {
      name: 'no base: open here, done in the calendar → done',
      base: undefined,
      local: [send],
      remote: [{ ...strip(send), status: 'done' }],
      expected: [{ ...send, status: 'done', doneAt: NOW, updatedAt: NOW }],
    },
    {
      name: 'no base: different text → local, conflict noted; a due date only the calendar has is taken',
      base: undefined,
      local: [send],
      remote: [{ ...strip(send), text: 'Other', due: '2026-12-01' }],
      expected: [{ ...send, due: '2026-12-01', updatedAt: NOW }],
      conflicts: [/the text was changed/],
    },
    {
      name: 'no base: this browser’s display name stands',
      base: undefined,
      local: [book],
      remote: [{ ...strip(book), ownerName: 'D.' }],
      expected: [book],
    },
    {
      name: 'no base: items only here and only there → all kept',
      base: undefined,
      local: [send],
      remote: [strip(book)],
      expected: [send, { ...strip(book), updatedAt: NOW }],
    },
  ];

  it.each(rows)('$name', ({ base, local, remote, expected, conflicts }) => {
    const result = mergeMeetingContent(
      base === undefined ? undefined : meeting('n', base.map(strip)),
      meeting('n', local),
      meeting('n', remote.map(strip)),
      { now: NOW },
    );
    expect(result.merged.actionItems).toEqual(expected);
    expect(result.conflicts).toHaveLength(conflicts?.length ?? 0);
    conflicts?.forEach((pattern, i) => expect(result.conflicts[i]).toMatch(pattern));
  });

  it('reads nothing as deleted in the calendar when its block was cut to fit', () => {
    const base = meeting('n', [strip(send), strip(book)], { truncated: true });
    const remote = meeting('n', [strip(send)], { truncated: true });
    expect(mergeMeetingContent(base, meeting('n', [send, book]), remote).merged.actionItems).toEqual([send, book]);
  });

  it('stamps nothing without a sync time', () => {
    const result = mergeMeetingContent(meeting('n', [strip(send)]), meeting('n', [send]), meeting('n', [{ ...strip(send), status: 'done' }]));
    expect(result.merged.actionItems).toEqual([{ ...send, status: 'done' }]);
  });

  it('merges a block a person ticked and typed into, read from the calendar', () => {
    const written = meeting('Talked about Q4.', [strip(send), strip(book)]);
    const edited = renderBlock(written, 'plain')
      .replace('[ ] Send', '[x] Send')
      .replace('Talked about Q4.', 'Talked about Q4.\nDana: I will bring numbers.');
    const parsed = parseBlock(edited, 'evt1');
    if (parsed.kind !== 'found') throw new Error(parsed.kind);
    const local = meeting('Talked about Q4.\nFollow up in January.', [send, { ...book, text: 'Book the offsite venue' }]);
    const result = mergeMeetingContent(written, local, parsed.content, { now: NOW });
    expect(result.conflicts).toEqual([]);
    expect(result.merged.sharedNotes).toBe('Talked about Q4.\nFollow up in January.\nDana: I will bring numbers.');
    expect(result.merged.actionItems).toEqual([
      { ...send, status: 'done', doneAt: NOW, updatedAt: NOW },
      { ...book, text: 'Book the offsite venue' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const noteLine = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'epsilon', '', 'zeta ', 'eta');
const notesText = fc.array(noteLine, { maxLength: 10 }).map((l) => l.join('\n'));
/** An edit of a text: some lines replaced, deleted or inserted. */
const editOf = (text: string) =>
  fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'delete', 'insert'), fc.string({ maxLength: 6 })), { maxLength: 4 }).map((ops) => {
    const out = text === '' ? [] : text.split('\n');
    for (const [at, op, value] of ops) {
      const i = out.length === 0 ? 0 : at % (out.length + 1);
      if (op === 'insert') out.splice(i, 0, `new ${value}`);
      else if (i < out.length) out.splice(i, 1, ...(op === 'replace' ? [`changed ${value}`] : []));
    }
    return out.join('\n');
  });

const ids = ['aaaa1111', 'bbbb2222', 'cccc3333', 'dddd4444', 'eeee5555'];
const blockItem = (id: string) =>
  fc.record({
    id: fc.constant(id),
    text: fc.constantFrom('Send deck', 'Call Dana', 'Book room'),
    owner: fc.constantFrom('me' as const, 'them' as const),
    status: fc.constantFrom('open' as const, 'done' as const),
  });
const itemList = fc.subarray(ids).chain((chosen) => fc.tuple(...chosen.map(blockItem)));

describe('merge properties', () => {
  it('with the calendar unchanged since the base, the merge is this browser’s content', () => {
    fc.assert(
      fc.property(notesText, notesText, itemList, itemList, (baseNotes, localNotes, baseItems, localItems) => {
        const base = meeting(baseNotes, [...baseItems]);
        const local = meeting(localNotes, [...localItems]);
        const result = mergeMeetingContent(base, local, base, { now: NOW });
        expect(result.merged).toEqual(local);
        expect(result.conflicts).toEqual([]);
      }),
    );
  });

  it('with nothing changed here since the base, the merge takes the calendar’s edits', () => {
    fc.assert(
      fc.property(notesText.chain((b) => fc.tuple(fc.constant(b), editOf(b))), itemList, itemList, ([baseNotes, remoteNotes], baseItems, remoteItems) => {
        const base = meeting(baseNotes, [...baseItems]);
        const remote = meeting(remoteNotes, [...remoteItems]);
        const result = mergeMeetingContent(base, base, remote);
        expect(result.merged.sharedNotes).toBe(remoteNotes);
        // Items: the calendar's, except done items it dropped, which stay; in base order, then added ones.
        const remoteById = new Map(remoteItems.map((i) => [i.id, i]));
        const expected = [
          ...baseItems.flatMap((i) => {
            const r = remoteById.get(i.id);
            return r ? [r] : i.status === 'done' ? [i] : [];
          }),
          ...remoteItems.filter((r) => !baseItems.some((i) => i.id === r.id)),
        ];
        expect(result.merged.actionItems).toEqual(expected);
      }),
    );
  });

  it('never loses a line that either side added', () => {
    const sides = notesText.chain((b) => fc.tuple(fc.constant(b), editOf(b), editOf(b)));
    fc.assert(
      fc.property(sides, fc.boolean(), ([base, local, remote], withBase) => {
        const keys = (text: string) => text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
        const merged = keys(mergeNotes(withBase ? base : undefined, local, remote).text);
        const baseLines = new Set(withBase ? keys(base) : []);
        for (const side of [local, remote]) {
          for (const line of keys(side)) if (!baseLines.has(line)) expect(merged).toContain(line);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('merging the same content on both sides gives it back, without conflicts', () => {
    fc.assert(
      fc.property(fc.option(notesText, { nil: undefined }), notesText, (base, text) => {
        expect(mergeNotes(base, text, text)).toMatchObject({ text, conflicts: 0 });
      }),
    );
  });
});
