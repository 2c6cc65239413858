import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_FORMAT_VERSION,
  BlockContent,
  blockEquals,
  canonicalBlock,
  CUT_NOTICE,
  DEFAULT_MAX_BLOCK_CHARS,
  detectForm,
  findBlocks,
  fitBlockContent,
  parseBlock,
  removeBlock,
  renderBlock,
  spliceBlock,
  type BlockActionItem,
  type DescriptionForm,
  type ParsedBlock,
} from '../../src/domain/description-block';

const EVENT = 'abc123_20261120T150000Z';

const sample: BlockContent = {
  eventId: EVENT,
  meetingDate: '2026-11-20',
  sharedNotes: 'Talked about the Q4 plan.\nDana wants to lead the offsite.',
  actionItems: [
    { id: 'a1b2c3d4', text: 'Send the Q4 deck', owner: 'them', ownerName: 'Dana Reyes', due: '2026-11-27', status: 'open' },
    { id: 'x9y8z7w6', text: 'Book the offsite', owner: 'me', status: 'done' },
  ],
};

const SAMPLE_PLAIN = [
  `── 1:1 Companion · shared notes · 2026-11-20 ── [v1 event:${EVENT}]`,
  'Shared notes:',
  'Talked about the Q4 plan.',
  'Dana wants to lead the offsite.',
  '',
  'Action items:',
  '[ ] Send the Q4 deck — Dana Reyes · due 2026-11-27 {#a1b2c3d4 them}',
  '[x] Book the offsite — me {#x9y8z7w6}',
  `── end of 1:1 Companion notes ── [v1 event:${EVENT}]`,
].join('\n');

function found(result: ParsedBlock): Extract<ParsedBlock, { kind: 'found' }> {
  if (result.kind !== 'found') throw new Error(`expected a found block, got ${JSON.stringify(result)}`);
  return result;
}

function spliced(description: string, content: BlockContent, maxChars?: number) {
  const result = spliceBlock(description, content, maxChars === undefined ? {} : { maxChars });
  if (result.kind !== 'spliced') throw new Error(`expected a splice, got ${result.reason}`);
  return result;
}

describe('renderBlock', () => {
  it('writes readable plain lines with markers naming the event and version', () => {
    expect(renderBlock(sample, 'plain')).toBe(SAMPLE_PLAIN);
    expect(BLOCK_FORMAT_VERSION).toBe(1);
  });

  it('writes the same lines as HTML joined by <br>, escaping markup', () => {
    const html = renderBlock({ ...sample, sharedNotes: 'a < b & "c" > d\n  indented  twice ' }, 'html');
    expect(html).toBe(
      [
        `── 1:1 Companion · shared notes · 2026-11-20 ── [v1 event:${EVENT}]`,
        'Shared notes:',
        'a &lt; b &amp; &quot;c&quot; &gt; d',
        '&nbsp;&nbsp;indented &nbsp;twice&nbsp;',
        '',
        'Action items:',
        '[ ] Send the Q4 deck — Dana Reyes · due 2026-11-27 {#a1b2c3d4 them}',
        '[x] Book the offsite — me {#x9y8z7w6}',
        `── end of 1:1 Companion notes ── [v1 event:${EVENT}]`,
      ].join('<br>'),
    );
    expect(html).not.toMatch(/\n/);
  });

  it('says "(none)" for empty sections', () => {
    const text = renderBlock({ eventId: EVENT, meetingDate: '2026-11-20', sharedNotes: '', actionItems: [] }, 'plain');
    expect(text.split('\n').slice(1, 4)).toEqual(['Shared notes: (none)', '', 'Action items: (none)']);
  });

  it.each([
    ['a start marker', `── 1:1 Companion · shared notes · 2026-01-01 ── [v1 event:other]`],
    ['an end marker', `── end of 1:1 Companion notes ── [v1 event:${EVENT}]`],
    ['the notes header', 'Shared notes:'],
    ['the items header', 'Action items:'],
    ['the cut notice', CUT_NOTICE],
    ['a tagged item line', '[ ] Looks like an item — me {#abcd1234}'],
    ['a line starting with a backslash', '\\already escaped'],
  ])('escapes a notes line that reads as %s, and reads it back', (_name, line) => {
    const content = { ...sample, sharedNotes: `before\n${line}\nafter` };
    const text = renderBlock(content, 'plain');
    expect(text).toContain(`\n\\${line}\n`);
    expect(found(parseBlock(text, EVENT)).content).toEqual(content);
  });

  it('leaves ordinary notes lines, checkbox-looking lines without a tag, and dashes alone', () => {
    const notes = '[ ] not an item, just notes\n-- signed, Dana\n── a divider ──';
    const text = renderBlock({ ...sample, sharedNotes: notes }, 'plain');
    expect(text).toContain(`\n${notes}\n`);
  });

  it('escapes only what would split an item line', () => {
    const item: BlockActionItem = { id: 'q1w2e3r4', text: 'Plan — draft · v2 \\ part\ntwo', owner: 'them', ownerName: 'Ana — · Ruiz', status: 'open' };
    const text = renderBlock({ ...sample, actionItems: [item] }, 'plain');
    expect(text).toContain('[ ] Plan — draft · v2 \\\\ part\\ntwo — Ana \\— \\· Ruiz {#q1w2e3r4 them}');
    expect(found(parseBlock(text, EVENT)).content.actionItems).toEqual([item]);
  });
});

describe('detectForm', () => {
  it.each<[string, DescriptionForm]>([
    ['', 'plain'],
    ['Agenda\n- hiring\n- a < b & c', 'plain'],
    ['Tom <tom@example.com>', 'plain'],
    ['line<br>line', 'html'],
    ['<b>bold</b>', 'html'],
    ['see <a href="https://x.example">x</a>', 'html'],
    ['<p>para</p>', 'html'],
    ['<div>block</div>', 'html'],
    ['<ul><li>one</li></ul>', 'html'],
    ['a&nbsp;b', 'html'],
    ['Tom &amp; Jerry', 'html'],
    ['&#13;', 'html'],
    ['<BR/>', 'html'],
  ])('%j is %s', (description, form) => {
    expect(detectForm(description)).toBe(form);
  });
});

describe('parseBlock', () => {
  it('reads a rendered block back in both forms', () => {
    for (const form of ['plain', 'html'] as const) {
      const result = found(parseBlock(renderBlock(sample, form), EVENT));
      expect(result.content).toEqual(sample);
      expect(result.range).toEqual({ start: 0, end: renderBlock(sample, form).length });
    }
  });

  it('finds no block in an ordinary description', () => {
    expect(parseBlock('Agenda: hiring, Q4', EVENT)).toEqual({ kind: 'none' });
    expect(parseBlock('', EVENT)).toEqual({ kind: 'none' });
  });

  it('reads a block after Calendar’s editor rewrote it as HTML (<b>, &nbsp;, auto-link, <div> lines)', () => {
    const edited =
      '<div>Agenda for the quarter</div><div><br></div>' +
      `<div><b>── 1:1 Companion · shared notes · 2026-11-20 ── [v1 event:${EVENT}]</b></div>` +
      '<div>Shared notes:</div>' +
      '<div>Plan is at&nbsp;<a href="https://docs.example.com/q4?a=1&amp;b=2">https://docs.example.com/q4?a=1&amp;b=2</a></div>' +
      '<div><span style="color:red">Dana</span> leads the offsite</div>' +
      '<div><br></div>' +
      '<div>Action items:</div>' +
      '<ul><li>[ ]&nbsp;Send the Q4 deck — Dana Reyes · due 2026-11-27 {#a1b2c3d4 them}</li>' +
      '<li>[x] Book the offsite — me {#x9y8z7w6}</li></ul>' +
      `<div>── end of 1:1 Companion notes ── [v1 event:${EVENT}]</div>` +
      '<div>Dial-in: 555-0100</div>';
    expect(detectForm(edited)).toBe('html');
    const result = found(parseBlock(edited, EVENT));
    expect(result.content).toEqual({
      ...sample,
      sharedNotes: 'Plan is at https://docs.example.com/q4?a=1&b=2\nDana leads the offsite',
    });
    // The range covers the block's markup from the start marker's <b> to the end marker's text.
    expect(edited.slice(result.range.start, result.range.start + 3)).toBe('<b>');
    expect(edited.slice(result.range.end)).toBe('</div><div>Dial-in: 555-0100</div>');
  });

  it('reads a block after Calendar joined it with <br> and bolded a marker', () => {
    const edited = `Before<br><br><b>${renderBlock(sample, 'html').replace('<br>', '</b><br>')}<br>After`;
    const result = found(parseBlock(edited, EVENT));
    expect(result.content).toEqual(sample);
    expect(edited.slice(0, result.range.start)).toBe('Before<br><br>');
    expect(edited.slice(result.range.end)).toBe('<br>After');
  });

  it('takes a person ticking [x] in the event, in both forms', () => {
    for (const form of ['plain', 'html'] as const) {
      const ticked = renderBlock(sample, form).replace('[ ] Send', '[x] Send');
      expect(found(parseBlock(ticked, EVENT)).content.actionItems[0]?.status).toBe('done');
    }
    const unticked = renderBlock(sample, 'plain').replace('[x] Book', '[ ] Book');
    expect(found(parseBlock(unticked, EVENT)).content.actionItems[1]?.status).toBe('open');
  });

  it.each([['[X]'], ['[✓]'], ['[✔]'], ['☑'], ['☒'], ['✅'], ['- [x]']])('reads %s as done', (box) => {
    const text = renderBlock(sample, 'plain').replace('[ ] Send', `${box} Send`);
    const item = found(parseBlock(text, EVENT)).content.actionItems[0];
    expect(item).toMatchObject({ id: 'a1b2c3d4', text: 'Send the Q4 deck', status: 'done' });
  });

  it('takes edits people make inside the block: typed notes, added, deleted and reordered lines', () => {
    const lines = SAMPLE_PLAIN.split('\n');
    const edited = [
      lines[0],
      lines[1],
      lines[2],
      'Dana: I would rather wait until January.', // typed in the calendar
      lines[3],
      lines[4],
      lines[5],
      lines[7], // reordered
      '[ ] Call the venue — me', // added, with no tag
      '- Ask finance about budget', // added as a bullet
      lines[8],
    ].join('\n');
    const content = found(parseBlock(edited, EVENT)).content;
    expect(content.sharedNotes).toBe(
      'Talked about the Q4 plan.\nDana: I would rather wait until January.\nDana wants to lead the offsite.',
    );
    expect(content.actionItems.map((i) => [i.text, i.owner, i.status])).toEqual([
      ['Book the offsite', 'me', 'done'],
      ['Call the venue', 'me', 'open'],
      ['Ask finance about budget', 'them', 'open'],
    ]);
    // Ids of lines without a tag are derived from the text: the same on every parse.
    const again = found(parseBlock(edited, EVENT)).content;
    expect(again.actionItems.map((i) => i.id)).toEqual(content.actionItems.map((i) => i.id));
    for (const item of content.actionItems) expect(item.id).toMatch(/^[0-9a-z]{8}$/);
  });

  it('reads an untagged line with a named owner and a due date; keeps an unreadable due date in the text', () => {
    const text = SAMPLE_PLAIN.replace(
      '[x] Book',
      '[ ] Draft the plan — Sam Lee · due 2026-12-01\n[ ] Review — Dana · due Friday\n[x] Book',
    );
    const items = found(parseBlock(text, EVENT)).content.actionItems;
    expect(items[1]).toMatchObject({ text: 'Draft the plan', owner: 'them', ownerName: 'Sam Lee', due: '2026-12-01', status: 'open' });
    expect(items[2]).toMatchObject({ text: 'Review · due Friday', ownerName: 'Dana' });
    expect(items[2]?.due).toBeUndefined();
  });

  it('still finds the items when a person deleted the "Action items:" header', () => {
    const text = SAMPLE_PLAIN.replace('\nAction items:\n', '\n');
    expect(found(parseBlock(text, EVENT)).content.actionItems).toEqual(sample.actionItems);
  });

  it('keeps the first of two lines with the same id (a pasted duplicate)', () => {
    const text = SAMPLE_PLAIN.replace('[x] Book', '[ ] Send it twice — me {#a1b2c3d4}\n[x] Book');
    const items = found(parseBlock(text, EVENT)).content.actionItems;
    expect(items.map((i) => i.id)).toEqual(['a1b2c3d4', 'x9y8z7w6']);
    expect(items[0]?.text).toBe('Send the Q4 deck');
  });

  it('treats a block naming another event (a copied event) as foreign', () => {
    const copied = `Copied agenda\n\n${renderBlock({ ...sample, eventId: 'original99' }, 'plain')}`;
    expect(parseBlock(copied, EVENT)).toEqual({ kind: 'foreign', eventId: 'original99' });
    expect(parseBlock(copied, 'original99').kind).toBe('found');
  });

  it('prefers this event’s block over a foreign one, wherever they sit', () => {
    const both = `${renderBlock({ ...sample, eventId: 'original99', sharedNotes: 'old' }, 'plain')}\n\n${SAMPLE_PLAIN}`;
    expect(found(parseBlock(both, EVENT)).content).toEqual(sample);
  });

  it('gives a clear reason for a block of a newer format version', () => {
    const newer = SAMPLE_PLAIN.replaceAll('[v1 event:', '[v2 event:');
    const result = parseBlock(newer, EVENT);
    expect(result.kind).toBe('malformed');
    if (result.kind === 'malformed') {
      expect(result.reason).toMatch(/newer version/);
      expect(result.reason).toContain('v2');
      expect(result.range).toEqual({ start: 0, end: newer.length });
    }
  });

  it('says when the end marker is missing, or the start marker', () => {
    const noEnd = SAMPLE_PLAIN.split('\n').slice(0, -1).join('\n') + '\n\nMore text';
    const result = parseBlock(noEnd, EVENT);
    expect(result).toMatchObject({ kind: 'malformed', reason: 'the end marker is missing' });
    const noStart = SAMPLE_PLAIN.split('\n').slice(1).join('\n');
    expect(parseBlock(noStart, EVENT)).toMatchObject({ kind: 'malformed', reason: 'the start marker is missing' });
  });

  it('says when the start marker lost its date', () => {
    const noDate = SAMPLE_PLAIN.replace('2026-11-20', 'last Friday');
    expect(parseBlock(noDate, EVENT)).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/date/) });
  });

  it('reads event ids with unusual characters back', () => {
    const content = { ...sample, eventId: 'weird id]with spaces%and ünicode' };
    const text = renderBlock(content, 'plain');
    expect(text).not.toContain('weird id]');
    expect(found(parseBlock(text, content.eventId)).content).toEqual(content);
  });

  it('reads a plain block with CRLF line ends', () => {
    const crlf = SAMPLE_PLAIN.replaceAll('\n', '\r\n');
    const content = found(parseBlock(crlf, EVENT)).content;
    expect(content.actionItems).toEqual(sample.actionItems);
    expect(content.sharedNotes.replaceAll('\r', '')).toBe(sample.sharedNotes);
  });
});

describe('findBlocks', () => {
  it('lists complete and damaged blocks in order', () => {
    const description = [
      renderBlock({ ...sample, eventId: 'first1' }, 'plain'),
      `── 1:1 Companion · shared notes · 2026-01-01 ── [v1 event:broken1]`,
      'orphaned lines',
      '',
      renderBlock(sample, 'plain'),
      `── end of 1:1 Companion notes ── [v1 event:stray1]`,
    ].join('\n');
    expect(findBlocks(description).map((b) => [b.eventId, b.complete, b.problem ?? null])).toEqual([
      ['first1', true, null],
      ['broken1', false, 'the end marker is missing'],
      [EVENT, true, null],
      ['stray1', false, 'the start marker is missing'],
    ]);
    const broken = findBlocks(description)[1];
    expect(broken && description.slice(broken.range.start, broken.range.end)).toBe(
      '── 1:1 Companion · shared notes · 2026-01-01 ── [v1 event:broken1]\norphaned lines',
    );
  });
});

describe('spliceBlock', () => {
  it.each<[DescriptionForm, string, string]>([
    ['plain', 'Agenda:\n- hiring\n- Q4', '\n\n'],
    ['html', 'Agenda:<br><b>hiring</b> &amp; Q4', '<br><br>'],
  ])('appends to a %s description after a blank line, leaving its text as it was', (form, before, separator) => {
    const result = spliced(before, sample);
    expect(result.form).toBe(form);
    expect(result.change).toBe('appended');
    expect(result.description).toBe(before + separator + renderBlock(sample, form));
    expect(result.description.slice(result.range.start, result.range.end)).toBe(renderBlock(sample, form));
    expect(found(parseBlock(result.description, EVENT)).content).toEqual(sample);
  });

  it('writes the block alone into an empty description', () => {
    expect(spliced('', sample).description).toBe(SAMPLE_PLAIN);
  });

  it.each<[DescriptionForm, string, string]>([
    ['plain', 'Agenda:\n- hiring\n\n', '\n\nDial-in: 555-0100\n'],
    ['html', '<p>Agenda &amp; goals</p><br>', '<br><i>Dial-in</i>: 555-0100'],
  ])('replaces the block in place in a %s description, keeping text before and after exactly', (form, before, after) => {
    const old = renderBlock({ ...sample, sharedNotes: 'old notes' }, form);
    const result = spliced(before + old + after, sample);
    expect(result.change).toBe('replaced');
    expect(result.description).toBe(before + renderBlock(sample, form) + after);
  });

  it('replaces a Calendar-edited block and keeps the wrapper markup around it', () => {
    const edited =
      '<div>Agenda</div>' +
      `<div><b>── 1:1 Companion · shared notes · 2026-11-20 ── [v1 event:${EVENT}]</b></div>` +
      '<div>Shared notes:</div><div>old</div><div>Action items: (none)</div>' +
      `<div>── end of 1:1 Companion notes ── [v1 event:${EVENT}]</div>` +
      '<div>After</div>';
    const result = spliced(edited, sample);
    expect(result.description).toBe(`<div>Agenda</div><div>${renderBlock(sample, 'html')}</div><div>After</div>`);
    expect(found(parseBlock(result.description, EVENT)).content).toEqual(sample);
  });

  it('reports "unchanged" when the block already holds the content', () => {
    const description = `Agenda\n\n${SAMPLE_PLAIN}`;
    const result = spliced(description, sample);
    expect(result.change).toBe('unchanged');
    expect(result.description).toBe(description);
  });

  it('leaves a copied event’s foreign block alone and appends this event’s own', () => {
    const foreign = renderBlock({ ...sample, eventId: 'original99', sharedNotes: 'their notes' }, 'plain');
    const copied = `Agenda\n\n${foreign}`;
    const result = spliced(copied, sample);
    expect(result.change).toBe('appended');
    expect(result.description).toBe(`${copied}\n\n${SAMPLE_PLAIN}`);
    expect(found(parseBlock(result.description, 'original99')).content.sharedNotes).toBe('their notes');
    expect(found(parseBlock(result.description, EVENT)).content).toEqual(sample);
  });

  it('appends a fresh block after the damaged remains of this event’s block', () => {
    const damaged = SAMPLE_PLAIN.split('\n').slice(0, 4).join('\n');
    const result = spliced(damaged, sample);
    expect(result.description).toBe(`${damaged}\n\n${SAMPLE_PLAIN}`);
    expect(found(parseBlock(result.description, EVENT)).content).toEqual(sample);
  });

  it('refuses to overwrite a block of a newer format version', () => {
    const newer = `Agenda\n\n${SAMPLE_PLAIN.replaceAll('[v1 event:', '[v2 event:')}`;
    const result = spliceBlock(newer, sample);
    expect(result.kind).toBe('refused');
    if (result.kind === 'refused') expect(result.reason).toMatch(/newer version/);
  });

  it('writes HTML into a plain description when the block text would read as HTML', () => {
    const content = { ...sample, sharedNotes: 'Use <b>bold</b> & &amp; carefully' };
    const result = spliced('Agenda\nline two', content);
    expect(result.form).toBe('html');
    expect(result.description.startsWith('Agenda\nline two<br><br>')).toBe(true);
    expect(found(parseBlock(result.description, EVENT)).content).toEqual(content);
  });

  it('caps the block and says so when notes are cut; the written content is what reads back', () => {
    const longNotes = Array.from({ length: 400 }, (_, i) => `Line ${i}: we talked about item ${i} at some length.`).join('\n');
    const content = { ...sample, sharedNotes: longNotes };
    for (const form of ['plain', 'html'] as const) {
      const result = spliced(form === 'html' ? '<b>Agenda</b>' : 'Agenda', content);
      const block = result.description.slice(result.range.start, result.range.end);
      expect(block.length).toBeLessThanOrEqual(DEFAULT_MAX_BLOCK_CHARS);
      expect(block.length).toBeGreaterThan(DEFAULT_MAX_BLOCK_CHARS - 200);
      expect(block).toContain(form === 'html' ? CUT_NOTICE.replaceAll(' ', ' ') : CUT_NOTICE);
      expect(result.written.truncated).toBe(true);
      expect(result.written.actionItems).toEqual(sample.actionItems);
      expect(longNotes.startsWith(result.written.sharedNotes)).toBe(true);
      expect(result.written.sharedNotes.endsWith('at some length.')).toBe(true); // cut at a line end
      const parsed = found(parseBlock(result.description, EVENT)).content;
      expect(parsed).toEqual(result.written);
      expect(parsed.truncated).toBe(true);
    }
  });
});

describe('fitBlockContent', () => {
  it('cuts a single long line by characters when no whole line fits', () => {
    const content = { ...sample, sharedNotes: 'x'.repeat(10_000) };
    const fitted = fitBlockContent(content, 'plain', { maxChars: 1000 });
    expect(renderBlock(content, 'plain', { maxChars: 1000 }).length).toBeLessThanOrEqual(1000);
    expect(fitted.sharedNotes.length).toBeGreaterThan(500);
    expect(fitted.truncated).toBe(true);
  });

  it('leaves out items only when they alone do not fit: done ones first, open ones kept in order', () => {
    const items: BlockActionItem[] = Array.from({ length: 60 }, (_, i) => ({
      id: `item${String(i).padStart(4, '0')}`,
      text: `Action number ${i} with a fairly long description to fill space`,
      owner: 'me',
      status: i % 2 === 0 ? 'done' : 'open',
    }));
    const content = { ...sample, sharedNotes: 'some notes', actionItems: items };
    const fitted = fitBlockContent(content, 'plain', { maxChars: 3000 });
    expect(renderBlock(content, 'plain', { maxChars: 3000 }).length).toBeLessThanOrEqual(3000);
    expect(fitted.sharedNotes).toBe('');
    expect(fitted.truncated).toBe(true);
    // Kept: the first m of (open items, then done items), shown in their original order.
    const ranked = [...items.filter((i) => i.status === 'open'), ...items.filter((i) => i.status === 'done')];
    const kept = new Set(ranked.slice(0, fitted.actionItems.length).map((i) => i.id));
    expect(fitted.actionItems.map((i) => i.id)).toEqual(items.filter((i) => kept.has(i.id)).map((i) => i.id));
    expect(fitted.actionItems.length).toBeGreaterThan(10);
    expect(fitted.actionItems.length).toBeLessThan(items.length);
    // One more item would not have fitted.
    const next = ranked[fitted.actionItems.length];
    const oneMore = { ...fitted, actionItems: items.filter((i) => kept.has(i.id) || i === next) };
    expect(renderBlock(oneMore, 'plain', { maxChars: Number.MAX_SAFE_INTEGER }).length).toBeGreaterThan(3000);
  });

  it('returns the content untouched when it fits', () => {
    expect(fitBlockContent(sample, 'html')).toBe(sample);
  });
});

describe('removeBlock', () => {
  it('removes this event’s block and the separator it was appended with, in both forms', () => {
    for (const before of ['Agenda\n- hiring', '<b>Agenda</b>', '']) {
      expect(removeBlock(spliced(before, sample).description, EVENT)).toBe(before);
    }
  });

  it('leaves foreign and newer blocks alone', () => {
    const foreign = `x\n\n${renderBlock({ ...sample, eventId: 'other1' }, 'plain')}`;
    expect(removeBlock(foreign, EVENT)).toBe(foreign);
    const newer = SAMPLE_PLAIN.replaceAll('[v1 event:', '[v2 event:');
    expect(removeBlock(newer, EVENT)).toBe(newer);
  });
});

describe('blockEquals and canonicalBlock', () => {
  it('compares content, not object identity or key order', () => {
    const reordered = JSON.parse(JSON.stringify(sample, Object.keys(sample).reverse().concat('id', 'text', 'owner', 'ownerName', 'due', 'status'))) as BlockContent;
    expect(blockEquals(sample, { ...reordered, actionItems: sample.actionItems.map((i) => ({ ...i })) })).toBe(true);
    expect(blockEquals(sample, { ...sample, sharedNotes: sample.sharedNotes + ' ' })).toBe(false);
    expect(blockEquals(sample, { ...sample, truncated: true })).toBe(false);
    expect(blockEquals(sample, { ...sample, actionItems: [...sample.actionItems].reverse() })).toBe(false);
    expect(canonicalBlock(sample)).toBe(canonicalBlock(found(parseBlock(SAMPLE_PLAIN, EVENT)).content));
  });
});

describe('the BlockContent schema', () => {
  it('accepts parsed content and rejects bad ids and days', () => {
    expect(BlockContent.safeParse(found(parseBlock(SAMPLE_PLAIN, EVENT)).content).success).toBe(true);
    expect(BlockContent.safeParse({ ...sample, meetingDate: '2026-13-01' }).success).toBe(false);
    expect(BlockContent.safeParse({ ...sample, actionItems: [{ ...sample.actionItems[0], id: 'NO!' }] }).success).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** Pieces that read as plain text (no tags, no entities), many of them near the block's syntax. */
const PLAIN_FRAGMENTS = [
  '\n', '\n', '\n', '\r\n', '\r', ' ', '  ', '\t', '\u00a0', '<', '>', '&', '"', "'", '\\', '[', ']', '{', '}', '#',
  '—', '·', '…', 'é', '😀', '\ud800', '中文', '<!--', '-->', 'Tom <tom@example.com>', '&toString;', 'https://x.example/?a=1&b=2',
  '[ ] ', '[x] ', ' — ', ' · due 2026-01-01', ' {#abcd1234}', ' {#abcd1234 me}', '(none)',
  'Shared notes:', 'Action items:', 'Action items: (none)', CUT_NOTICE,
  '── 1:1 Companion · shared notes · 2026-01-01 ── [v1 event:{ID}]',
  '── 1:1 Companion · shared notes · 2026-01-01 ── [v1 event:other1]',
  '── 1:1 Companion · shared notes · 2026-01-01 ── [v2 event:other2]',
  '── end of 1:1 Companion notes ── [v1 event:{ID}]',
  '── end of 1:1 Companion notes ── [v1 event:other1]',
  '── end of 1:1 Companion notes',
];
/** Pieces of Calendar's HTML. */
const HTML_FRAGMENTS = [
  '<br>', '<br>', '<BR/>', '<b>', '</b>', '<div>', '</div>', '<p>', '</p>', '<span style="x">', '</span>',
  '<a href="https://x.example/?a=1&amp;b=2">', '</a>', '<ul><li>', '</li><li>', '</li></ul>', '&nbsp;', '&amp;', '&lt;', '&#13;',
];

const fragmentText = (pool: readonly string[]) =>
  fc
    .array(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) }),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));

/** Text built from tricky fragments and arbitrary strings; `{ID}` stands for the event id. */
const trickyText = fc.oneof(fragmentText(PLAIN_FRAGMENTS), fragmentText([...PLAIN_FRAGMENTS, ...HTML_FRAGMENTS]));

/** Sometimes a block of this event in a newer format, which splice must not overwrite. */
const NEWER_OWN_BLOCK =
  '\n── 1:1 Companion · shared notes · 2030-01-01 ── [v2 event:{ID}]\nwhatever v2 says\n── end of 1:1 Companion notes ── [v2 event:{ID}]\n';

const day = fc
  .record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const eventId = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-v0-9]{5,26}(_20\d{2}[01]\d[0-3]\dT\d{6}Z)?$/) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }) },
);

const itemText = fc.oneof(trickyText, fc.string({ unit: 'binary', maxLength: 40 }));

const actionItems = fc
  .uniqueArray(fc.stringMatching(/^[0-9a-z]{4,12}$/), { maxLength: 6 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.record(
          {
            id: fc.constant(id),
            text: itemText,
            owner: fc.constantFrom('me' as const, 'them' as const),
            ownerName: itemText,
            due: day,
            status: fc.constantFrom('open' as const, 'done' as const),
          },
          { requiredKeys: ['id', 'text', 'owner', 'status'] },
        ),
      ),
    ),
  );

const content: fc.Arbitrary<BlockContent> = fc
  .record({
    eventId,
    meetingDate: day,
    sharedNotes: fc.oneof(
      trickyText,
      fc.array(trickyText, { maxLength: 8 }).map((lines) => lines.join('\n')),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constant(''),
    ),
    actionItems,
    truncated: fc.constant(true as const),
  }, { requiredKeys: ['eventId', 'meetingDate', 'sharedNotes', 'actionItems'] })
  .map((c) => ({ ...c, sharedNotes: c.sharedNotes.replaceAll('{ID}', c.eventId), actionItems: [...c.actionItems] }));

const form = fc.constantFrom<DescriptionForm>('plain', 'html');
const NO_CAP = { maxChars: Number.MAX_SAFE_INTEGER };
const runs = { numRuns: 500 };

describe('properties', () => {
  it('parse(render(x)) equals x, in both forms', () => {
    fc.assert(
      fc.property(content, form, (x, f) => {
        const text = renderBlock(x, f, NO_CAP);
        const result = found(parseBlock(text, x.eventId, { form: f }));
        expect(result.content).toEqual(x);
        expect(result.range).toEqual({ start: 0, end: text.length });
        // Without a form hint the description's own form is detected; that holds whenever the
        // block text reads as its form (spliceBlock makes sure of it).
        if (detectForm(text) === f) expect(found(parseBlock(text, x.eventId)).content).toEqual(x);
      }),
      runs,
    );
  });

  it('reads back what was written under a cap, and the cap holds', () => {
    fc.assert(
      fc.property(content, form, fc.integer({ min: 400, max: 3000 }), (x, f, maxChars) => {
        const written = fitBlockContent(x, f, { maxChars });
        const text = renderBlock(x, f, { maxChars });
        const minimal = renderBlock({ ...x, sharedNotes: '', actionItems: [], truncated: true }, f, NO_CAP);
        if (minimal.length <= maxChars) expect(text.length).toBeLessThanOrEqual(maxChars);
        expect(found(parseBlock(text, x.eventId, { form: f })).content).toEqual(written);
        if (written !== x) expect(written.truncated).toBe(true);
      }),
      runs,
    );
  });

  const description = fc
    .tuple(content, trickyText, trickyText, fc.option(content, { nil: undefined }), form, fc.integer({ min: 0, max: 19 }))
    .map(([x, before, after, old, oldForm, dice]) => {
      const fill = (s: string) => s.replaceAll('{ID}', x.eventId);
      // Sometimes the description already holds an older block of the same event.
      const existing = old ? `\n${renderBlock({ ...old, eventId: x.eventId }, oldForm, NO_CAP)}\n` : '';
      const newer = dice === 0 ? NEWER_OWN_BLOCK : '';
      return { x, description: fill(before) + existing + fill(newer) + fill(after) };
    });

  it('splice changes nothing outside the block, reads back as written, and is idempotent', () => {
    fc.assert(
      fc.property(description, ({ x, description: d }) => {
        const result = spliceBlock(d, x);
        const own = findBlocks(d).find((b) => b.complete && b.eventId === x.eventId);
        if (result.kind === 'refused') {
          expect(own && own.version > BLOCK_FORMAT_VERSION).toBe(true);
          return;
        }
        const out = result.description;
        if (own) {
          expect(out.slice(0, result.range.start)).toBe(d.slice(0, own.range.start));
          expect(out.slice(result.range.end)).toBe(d.slice(own.range.end));
        } else {
          expect(out.startsWith(d)).toBe(true);
          expect(result.range.end).toBe(out.length);
          expect(removeBlock(out, x.eventId)).toBe(d);
        }
        const reread = found(parseBlock(out, x.eventId));
        expect(reread.content).toEqual(result.written);
        expect(reread.range).toEqual(result.range);
        const again = spliceBlock(out, x);
        expect(again.kind === 'spliced' && again.description).toBe(out);
        expect(again.kind === 'spliced' && again.change).toBe('unchanged');
      }),
      runs,
    );
  });

  it('never throws on arbitrary input', () => {
    const input = fc.oneof(trickyText.map((s) => s.replaceAll('{ID}', 'evt1')), fc.string({ unit: 'binary', maxLength: 300 }));
    fc.assert(
      fc.property(input, content, (d, x) => {
        expect(['plain', 'html']).toContain(detectForm(d));
        expect(['none', 'found', 'foreign', 'malformed']).toContain(parseBlock(d, 'evt1').kind);
        findBlocks(d);
        removeBlock(d, 'evt1');
        const result = spliceBlock(d, { ...x, eventId: 'evt1' });
        expect(['spliced', 'refused']).toContain(result.kind);
      }),
      { numRuns: 1000 },
    );
  });
});
