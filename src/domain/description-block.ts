// The block 1:1 Companion owns inside a calendar event's description: render, find, parse,
// splice and remove it. Pure: no browser, DOM, IndexedDB or network.
//
// Format (version 1), one item per line; HTML form joins the same lines with <br>:
//
//   ── 1:1 Companion · shared notes · 2026-11-20 ── [v1 event:abc123_20261120T150000Z]
//   Shared notes:
//   Talked about the Q4 plan.
//   \Action items:            <- a notes line that would read as structure gets a leading "\"
//
//   Action items:
//   [ ] Send the Q4 deck — Dana Reyes · due 2026-11-27 {#a1b2c3d4 them}
//   [x] Book the offsite — me {#x9y8z7w6}
//   ── end of 1:1 Companion notes ── [v1 event:abc123_20261120T150000Z]
//
// Why this shape:
// - Markers are whole lines starting with "──" and carry a machine tag `[v<version> event:<id>]`.
//   Parsing works on the description's *text* (HTML is reduced to text with a map back to source
//   offsets), so Calendar's editor rewriting the markup (<br>, <div>/<p> per line, <b>, <span>,
//   &nbsp;, auto-linked URLs) does not hide the markers.
// - Notes are kept line for line. Lines of notes that the parser would read as structure (a
//   marker, a section header, the cut notice, a tagged action item line, or a line starting with
//   "\") get a leading "\" that the parser removes. Nothing else is escaped, so notes stay readable.
// - An action item line is `[ ]`/`[x]`, the text, " — " and the owner ("me"/"them", or a display
//   name), " · due YYYY-MM-DD" when due, and a tag: `{#<id>}`, or `{#<id> me|them}` when a display
//   name is shown. The tag keeps the id, so items merge by id after a round trip. In the text,
//   "\" and line breaks are escaped as `\\`, `\n`, `\r`; the owner's name also escapes "—" and
//   "·" (the separators). Lines a person adds without a tag still parse (`[ ] x`, `- x`, `x`,
//   `[x] x — Sam · due 2026-12-01`): the id is derived from the text, so it is stable across
//   parses; the owner is "them" unless the line says "— me". Ticks read: [x] [X] [✓] [✔] ☑ ☒ ✅.
// - One blank line follows the notes (readability); the parser drops exactly one trailing blank
//   notes line, so notes round-trip exactly. Empty sections read "(none)".
// - Size: the rendered block (in its form) is capped (DEFAULT_MAX_BLOCK_CHARS; Calendar keeps
//   about 8,192 characters per description, and the block shares it with the organiser's text).
//   Action items win over notes: notes are cut first (at a line end; by characters only when
//   not even the first line fits) and a visible notice line (CUT_NOTICE) says so; only if the
//   items alone do not fit are items left out (done ones before open ones, from the end). A
//   parsed block with the notice has `truncated: true`. The merge base must be the content as
//   written (SpliceResult.written), so a later merge reads the cut as "not an edit".
// - What splicing never touches: text outside this event's block, other events' blocks (copied
//   events), a block of a newer format version (SpliceResult 'refused'), and the remains of a
//   damaged block of this event (a marker deleted): those stay for people to read and a fresh
//   block is appended.
// - BlockContent has no field for private notes: they cannot reach a description through here.
import * as z from 'zod/mini';
import { ActionItemId, CalendarDay } from './schemas';

export const BLOCK_FORMAT_VERSION = 1;
/** Default cap for the rendered block, in UTF-16 code units of the form written. */
export const DEFAULT_MAX_BLOCK_CHARS = 6000;

export const BlockActionItem = z.object({
  id: ActionItemId,
  text: z.string(),
  owner: z.enum(['me', 'them']),
  /** Display name shown to readers instead of "me"/"them". */
  ownerName: z.optional(z.string()),
  due: z.optional(CalendarDay),
  status: z.enum(['open', 'done']),
});
export type BlockActionItem = z.infer<typeof BlockActionItem>;

/** What one event's block holds: that meeting's shared notes and action items. */
export const BlockContent = z.object({
  eventId: z.string().check(z.minLength(1)),
  meetingDate: CalendarDay,
  sharedNotes: z.string(),
  actionItems: z.array(BlockActionItem),
  /** The block does not hold everything (notes cut, or items left out, to fit). */
  truncated: z.optional(z.boolean()),
});
export type BlockContent = z.infer<typeof BlockContent>;

export type DescriptionForm = 'plain' | 'html';
export type SourceRange = { start: number; end: number };

// ---------------------------------------------------------------------------------------------
// Line syntax

const START_RE = /^\s*──\s*1:1 Companion\b.*\[v(\d{1,6})\s+event:([^\s\]]+)\]\s*$/;
const END_RE = /^\s*──\s*end of 1:1 Companion\b.*$/;
const END_TAG_RE = /\[v(\d{1,6})\s+event:([^\s\]]+)\]\s*$/;
const NOTES_HEADER_RE = /^\s*shared notes\s*:(\s*\(none\))?\s*$/i;
const ACTIONS_HEADER_RE = /^\s*action items\s*:(\s*\(none\))?\s*$/i;
const CUT_NOTICE_RE = /^\s*(?:…|\.\.\.)\s*\(cut to fit the calendar\b.*\)\s*$/;
const NONE_RE = /^\s*\(none\)\s*$/;
const BLANK_RE = /^\s*$/;
const DAY_IN_TEXT_RE = /(\d{4}-\d{2}-\d{2})/;

export const CUT_NOTICE = '… (cut to fit the calendar: the full notes and action items are in 1:1 Companion)';

function startMarkerLine(content: BlockContent): string {
  return `── 1:1 Companion · shared notes · ${content.meetingDate} ── ${machineTag(content.eventId)}`;
}

function endMarkerLine(eventId: string): string {
  return `── end of 1:1 Companion notes ── ${machineTag(eventId)}`;
}

function machineTag(eventId: string): string {
  return `[v${BLOCK_FORMAT_VERSION} event:${encodeEventId(eventId)}]`;
}

// Calendar event ids are base32hex (plus `_<UTC start>` for instances) and are written as they
// are; anything else is escaped per UTF-16 unit as %XXXX so the tag always parses back.
const SAFE_ID_CHAR = /[A-Za-z0-9_.@~-]/;

function encodeEventId(id: string): string {
  let out = '';
  for (const unit of splitUnits(id)) {
    out += SAFE_ID_CHAR.test(unit) ? unit : '%' + unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

function decodeEventId(encoded: string): string {
  return encoded.replace(/%([0-9A-Fa-f]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function splitUnits(s: string): string[] {
  const units: string[] = [];
  for (let i = 0; i < s.length; i++) units.push(s.charAt(i));
  return units;
}

function escapeItemText(s: string): string {
  return s.replace(/[\\\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : '\\r'));
}

function escapeOwner(s: string): string {
  return s.replace(/[\\\n\r—·]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\' + c,
  );
}

function unescapeField(s: string): string {
  return s.replace(/\\([\s\S])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

function renderItemLine(item: BlockActionItem): string {
  const box = item.status === 'done' ? '[x]' : '[ ]';
  const owner = item.ownerName ?? item.owner;
  const due = item.due === undefined ? '' : ` · due ${item.due}`;
  const role = item.ownerName === undefined ? '' : ` ${item.owner}`;
  return `${box} ${escapeItemText(item.text)} — ${escapeOwner(owner)}${due} {#${item.id}${role}}`;
}

/** True when a notes line would be read as block structure, so it is written with a leading "\". */
function notesLineNeedsEscape(line: string): boolean {
  return (
    line.startsWith('\\') ||
    START_RE.test(line) ||
    END_RE.test(line) ||
    NOTES_HEADER_RE.test(line) ||
    ACTIONS_HEADER_RE.test(line) ||
    CUT_NOTICE_RE.test(line) ||
    isTaggedItemLine(line)
  );
}

function blockLines(content: BlockContent): string[] {
  const lines = [startMarkerLine(content)];
  const noNotes = content.sharedNotes === '' && content.truncated !== true;
  lines.push(noNotes ? 'Shared notes: (none)' : 'Shared notes:');
  if (content.sharedNotes !== '') {
    for (const line of content.sharedNotes.split('\n')) lines.push(notesLineNeedsEscape(line) ? '\\' + line : line);
  }
  if (content.truncated === true) lines.push(CUT_NOTICE);
  lines.push('');
  lines.push(content.actionItems.length === 0 ? 'Action items: (none)' : 'Action items:');
  for (const item of content.actionItems) lines.push(renderItemLine(item));
  lines.push(endMarkerLine(content.eventId));
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Forms

function escapeHtmlLine(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    switch (c) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case '\r': out += '&#13;'; break;
      case ' ': {
        // HTML collapses runs of spaces and drops them at line ends; &nbsp; keeps them visible
        // (and the parser reads &nbsp; back as a space).
        const keep = i === 0 || line.charAt(i - 1) === ' ' || i === line.length - 1;
        out += keep ? '&nbsp;' : ' ';
        break;
      }
      default: out += c;
    }
  }
  return out;
}

function joinLines(lines: readonly string[], form: DescriptionForm): string {
  return form === 'plain' ? lines.join('\n') : lines.map(escapeHtmlLine).join('<br>');
}

function renderExact(content: BlockContent, form: DescriptionForm): string {
  return joinLines(blockLines(content), form);
}

const HTML_SIGNS_RE =
  /<\/?(?:br|b|i|u|s|a|p|div|span|ul|ol|li|strong|em|font|strike|blockquote|pre|code|table|tr|td|th|img|hr|h[1-6]|html|body)(?=[\s/>])[^<>]*>|&(?:nbsp|amp|lt|gt|quot|apos|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});/i;

/** 'html' when the description holds tags or entities that Calendar's HTML would; else 'plain'. */
export function detectForm(description: string): DescriptionForm {
  return HTML_SIGNS_RE.test(description) ? 'html' : 'plain';
}

// ---------------------------------------------------------------------------------------------
// Size cap

export interface RenderOptions {
  /** Cap for the rendered block (default DEFAULT_MAX_BLOCK_CHARS). */
  maxChars?: number;
}

/**
 * The content as it will be written under the cap: unchanged when it fits; otherwise notes cut
 * (with `truncated: true`), and only if the items alone do not fit, items left out (done before
 * open, from the end). What `parseBlock` reads back from `renderBlock(content)` equals this.
 * If even the empty block exceeds `maxChars`, the empty (truncated) block is returned anyway.
 */
export function fitBlockContent(content: BlockContent, form: DescriptionForm, options: RenderOptions = {}): BlockContent {
  const max = options.maxChars ?? DEFAULT_MAX_BLOCK_CHARS;
  const fits = (c: BlockContent) => renderExact(c, form).length <= max;
  if (fits(content)) return content;

  const cut = (notes: string): BlockContent => ({ ...content, sharedNotes: notes, truncated: true });
  if (fits(cut(''))) {
    const lines = content.sharedNotes.split('\n');
    // Most whole lines that fit (monotonic in the count, so binary search).
    const wholeLines = largestFitting(lines.length, (k) => fits(cut(lines.slice(0, k).join('\n'))));
    const first = lines[0];
    if (wholeLines === 0 && first !== undefined) {
      // Not even the first line fits whole (one long paragraph): cut it by characters.
      const withPart = (n: number) => cut(cutUnits(first, n));
      return withPart(largestFitting(first.length, (n) => fits(withPart(n))));
    }
    // Whole lines only, so the notes written are a line-for-line prefix of the full notes and a
    // later three-way merge sees the cut as one change at the end.
    return cut(lines.slice(0, wholeLines).join('\n'));
  }

  // Items alone do not fit: keep open items before done ones, in their order.
  const ranked = [
    ...content.actionItems.filter((i) => i.status === 'open'),
    ...content.actionItems.filter((i) => i.status === 'done'),
  ];
  const withItems = (m: number): BlockContent => {
    const keep = new Set(ranked.slice(0, m));
    return { ...content, sharedNotes: '', truncated: true, actionItems: content.actionItems.filter((i) => keep.has(i)) };
  };
  return withItems(largestFitting(ranked.length, (m) => fits(withItems(m))));
}

/** Largest n in [0, upper] with ok(n), for ok monotonic (true then false); 0 when none. */
function largestFitting(upper: number, ok: (n: number) => boolean): number {
  let lo = 0;
  let hi = upper;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The first n UTF-16 units, not splitting a surrogate pair. */
function cutUnits(s: string, n: number): string {
  const code = s.charCodeAt(n - 1);
  if (n > 0 && n < s.length && code >= 0xd800 && code <= 0xdbff) return s.slice(0, n - 1);
  return s.slice(0, n);
}

/** The text of the block for `content` in the given form, capped (see fitBlockContent). */
export function renderBlock(content: BlockContent, form: DescriptionForm, options: RenderOptions = {}): string {
  return renderExact(fitBlockContent(content, form, options), form);
}

// ---------------------------------------------------------------------------------------------
// Text view of a description: its visible text, with a map back to source offsets

interface TextView {
  text: string;
  /** Source offset where the text unit i comes from, and where its source ends. */
  sourceStart(i: number): number;
  sourceEnd(i: number): number;
}

function plainView(source: string): TextView {
  return { text: source, sourceStart: (i) => i, sourceEnd: (i) => i + 1 };
}

const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^<>]*>/y;
const ENTITY_RE = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,7});/y;
const NAMED_ENTITIES = new Map<string, string>([
  ['nbsp', ' '], ['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"],
]);
const VOID_TAGS = new Set(['br', 'img', 'hr', 'wbr']);
const INLINE_TAGS = new Set([
  'a', 'b', 'i', 'u', 's', 'em', 'strong', 'span', 'font', 'strike', 'sub', 'sup', 'code', 'small', 'big', 'mark',
]);

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED_ENTITIES.get(body);
}

/**
 * Calendar's description HTML as text: <br> and raw line breaks end lines, block elements start
 * and end lines, other tags vanish, known entities decode (&nbsp; as a plain space).
 */
function htmlView(source: string): TextView {
  const units: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (text: string, start: number, end: number) => {
    for (let k = 0; k < text.length; k++) {
      units.push(text.charAt(k));
      starts.push(start);
      ends.push(end);
    }
  };
  const atLineStart = () => units.length === 0 || units[units.length - 1] === '\n';
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === '<') {
      // Comments are not special: Calendar's sanitiser drops them, and treating `<!--` as text
      // keeps a stray one from hiding a block that follows.
      TAG_RE.lastIndex = i;
      const tag = TAG_RE.exec(source);
      if (tag) {
        const name = (tag[2] ?? '').toLowerCase();
        const end = i + tag[0].length;
        if (name === 'br') push('\n', i, end);
        else if (!INLINE_TAGS.has(name) && !VOID_TAGS.has(name) && !atLineStart()) push('\n', i, end);
        i = end;
        continue;
      }
    } else if (c === '&') {
      ENTITY_RE.lastIndex = i;
      const entity = ENTITY_RE.exec(source);
      const decoded = entity ? decodeEntity(entity[1] ?? '') : undefined;
      if (entity && decoded !== undefined) {
        push(decoded, i, i + entity[0].length);
        i += entity[0].length;
        continue;
      }
    } else if (c === '\r') {
      const width = source.charAt(i + 1) === '\n' ? 2 : 1;
      push('\n', i, i + width);
      i += width;
      continue;
    }
    push(c, i, i + 1);
    i++;
  }
  return { text: units.join(''), sourceStart: (k) => starts[k] ?? source.length, sourceEnd: (k) => ends[k] ?? source.length };
}

function viewOf(description: string, form: DescriptionForm): TextView {
  return form === 'plain' ? plainView(description) : htmlView(description);
}

interface ViewLine {
  text: string;
  /** Offsets into the view's text; end excludes the line break. */
  start: number;
  end: number;
}

function linesOf(view: TextView): ViewLine[] {
  const lines: ViewLine[] = [];
  let start = 0;
  for (;;) {
    const nl = view.text.indexOf('\n', start);
    const end = nl < 0 ? view.text.length : nl;
    lines.push({ text: view.text.slice(start, end), start, end });
    if (nl < 0) return lines;
    start = nl + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Finding blocks

/** Where a block (or what is left of one) sits in a description. */
export interface BlockLocation {
  eventId: string;
  version: number;
  /** Source offsets into the description, end exclusive. */
  range: SourceRange;
  /** Both markers present. */
  complete: boolean;
  /** Why an incomplete one is incomplete. */
  problem?: string;
  /** The start marker's date, when it has a valid one. */
  meetingDate?: string;
}

interface LocatedBlock extends BlockLocation {
  /** The lines between the markers (complete blocks only). */
  innerLines: string[];
}

function lineSourceRange(description: string, form: DescriptionForm, view: TextView, first: ViewLine, last: ViewLine): SourceRange {
  const start = view.sourceStart(first.start);
  const end = last.end > last.start ? view.sourceEnd(last.end - 1) : view.sourceStart(last.start);
  return form === 'html' ? widenOverInlineTags(description, start, end) : { start, end };
}

/**
 * When a marker line was wrapped in inline markup by Calendar's editor (`<b>── 1:1 …</b>`), the
 * range takes in the opening or closing tags whose partner lies inside it, so replacing the range
 * leaves no half of a pair behind. Block-level tags (div, p, li) stay: they carry the line breaks.
 */
function widenOverInlineTags(source: string, start: number, end: number): SourceRange {
  const open: string[] = [];
  const unmatchedClose: string[] = [];
  const tagRe = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^<>]*>/g;
  const segment = source.slice(start, end);
  for (let m = tagRe.exec(segment); m; m = tagRe.exec(segment)) {
    const name = (m[2] ?? '').toLowerCase();
    if (!INLINE_TAGS.has(name)) continue;
    if (m[1] === '') open.push(name);
    else {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.splice(at);
      else unmatchedClose.push(name);
    }
  }
  let s = start;
  for (const name of unmatchedClose) {
    const lt = source.lastIndexOf('<', s - 1);
    if (lt < 0) break;
    const before = source.slice(lt, s);
    const m = /^<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^<>]*>$/.exec(before);
    if (!m || (m[1] ?? '').toLowerCase() !== name) break;
    s = lt;
  }
  let e = end;
  while (open.length > 0) {
    const name = open[open.length - 1] ?? '';
    const m = new RegExp(`^</${name}\\s*>`, 'i').exec(source.slice(e, e + name.length + 16));
    if (!m) break;
    e += m[0].length;
    open.pop();
  }
  return { start: s, end: e };
}

function parseStartMarker(line: string): { version: number; eventId: string; meetingDate?: string } | undefined {
  const m = START_RE.exec(line);
  if (!m) return undefined;
  const day = DAY_IN_TEXT_RE.exec(line.slice(0, line.lastIndexOf('[v')));
  const meetingDate = day && CalendarDay.safeParse(day[1]).success ? day[1] : undefined;
  return {
    version: Number(m[1]),
    eventId: decodeEventId(m[2] ?? ''),
    ...(meetingDate === undefined ? {} : { meetingDate }),
  };
}

function parseEndMarker(line: string): { version?: number; eventId?: string } | undefined {
  if (!END_RE.test(line)) return undefined;
  const tag = END_TAG_RE.exec(line);
  return tag ? { version: Number(tag[1]), eventId: decodeEventId(tag[2] ?? '') } : {};
}

function locate(description: string, form: DescriptionForm): LocatedBlock[] {
  const view = viewOf(description, form);
  const lines = linesOf(view);
  const found: LocatedBlock[] = [];
  let open: { marker: { version: number; eventId: string; meetingDate?: string }; line: number } | undefined;

  const closeUnterminated = (untilLine: number) => {
    if (!open) return;
    // The damaged block runs to the last non-blank line before `untilLine`.
    let last = untilLine - 1;
    while (last > open.line && BLANK_RE.test(lines[last]?.text ?? '')) last--;
    const first = lines[open.line];
    const lastLine = lines[last];
    if (first && lastLine) {
      found.push({
        eventId: open.marker.eventId,
        version: open.marker.version,
        range: lineSourceRange(description, form, view, first, lastLine),
        complete: false,
        problem: 'the end marker is missing',
        innerLines: [],
        ...(open.marker.meetingDate === undefined ? {} : { meetingDate: open.marker.meetingDate }),
      });
    }
    open = undefined;
  };

  lines.forEach((line, index) => {
    const start = parseStartMarker(line.text);
    if (start) {
      closeUnterminated(index);
      open = { marker: start, line: index };
      return;
    }
    const end = parseEndMarker(line.text);
    if (!end) return;
    if (open && (end.eventId === undefined || end.eventId === open.marker.eventId)) {
      const first = lines[open.line];
      if (first) {
        found.push({
          eventId: open.marker.eventId,
          version: open.marker.version,
          range: lineSourceRange(description, form, view, first, line),
          complete: true,
          innerLines: lines.slice(open.line + 1, index).map((l) => l.text),
          ...(open.marker.meetingDate === undefined ? {} : { meetingDate: open.marker.meetingDate }),
        });
      }
      open = undefined;
      return;
    }
    closeUnterminated(index);
    if (end.eventId !== undefined) {
      found.push({
        eventId: end.eventId,
        version: end.version ?? BLOCK_FORMAT_VERSION,
        range: lineSourceRange(description, form, view, line, line),
        complete: false,
        problem: 'the start marker is missing',
        innerLines: [],
      });
    }
  });
  closeUnterminated(lines.length);
  return found;
}

/** Every block (complete or damaged) in a description, in order. Never throws. */
export function findBlocks(description: string, options: { form?: DescriptionForm } = {}): BlockLocation[] {
  return locate(description, options.form ?? detectForm(description)).map(({ innerLines: _inner, ...location }) => location);
}

// ---------------------------------------------------------------------------------------------
// Parsing a block's lines

interface ParsedItemLine {
  item: BlockActionItem;
  hasCheckbox: boolean;
  tagged: boolean;
}

const CHECKBOX_RE = /^\s*(?:[-*•]\s*)?(?:\[\s*([xX✓✔])?\s*\]|([☐☑☒✅]))[ \u00a0]?/;
const BULLET_RE = /^\s*[-*•][ \u00a0]+/;
const ITEM_TAG_RE = /[ \u00a0]?\{#([0-9a-z]{4,12})(?: (me|them))?\}\s*$/;
const DUE_RE = /^\s*due\s+(\d{4}-\d{2}-\d{2})\s*$/;

function isTaggedItemLine(line: string): boolean {
  return CHECKBOX_RE.test(line) && ITEM_TAG_RE.test(line);
}

const isSpaceChar = (c: string | undefined) => c === ' ' || c === '\u00a0';

/** Positions of unescaped `sep` characters standing between two spaces. */
function separatorPositions(s: string, sep: string): number[] {
  const at: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === sep && isSpaceChar(s[i - 1]) && isSpaceChar(s[i + 1])) at.push(i);
  }
  return at;
}

/** A stable id for an item line a person typed without a tag (FNV-1a, twice, base 36). */
function derivedItemId(text: string, occurrence: number): string {
  const fnv = (input: string, seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < input.length; i++) {
      h ^= input.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  };
  const key = `${text.trim().toLowerCase()}\u0000${occurrence}`;
  const a = fnv(key, 0x811c9dc5).toString(36).padStart(7, '0');
  const b = fnv(key, 0x01234567).toString(36).padStart(7, '0');
  return (a + b).slice(0, 8);
}

function parseItemLine(line: string, seen: Map<string, number>): ParsedItemLine | undefined {
  if (BLANK_RE.test(line)) return undefined;
  let rest = line;
  let status: 'open' | 'done' = 'open';
  const box = CHECKBOX_RE.exec(rest);
  if (box) {
    status = box[1] !== undefined || (box[2] !== undefined && box[2] !== '☐') ? 'done' : 'open';
    rest = rest.slice(box[0].length);
  } else {
    const bullet = BULLET_RE.exec(rest);
    rest = bullet ? rest.slice(bullet[0].length) : rest.trim();
  }
  const tag = ITEM_TAG_RE.exec(rest);
  if (tag) rest = rest.slice(0, tag.index);

  const dashes = separatorPositions(rest, '—');
  const dash = dashes[dashes.length - 1];
  let text = dash === undefined ? rest : rest.slice(0, dash - 1);
  const ownerPart = dash === undefined ? undefined : rest.slice(dash + 2);
  let owner: string | undefined;
  let due: string | undefined;
  if (ownerPart !== undefined) {
    const dots = separatorPositions(ownerPart, '·');
    const segments: string[] = [];
    let from = 0;
    for (const dot of dots) {
      segments.push(ownerPart.slice(from, dot - 1));
      from = dot + 2;
    }
    segments.push(ownerPart.slice(from));
    owner = segments[0] ?? '';
    for (const segment of segments.slice(1)) {
      const d = DUE_RE.exec(segment);
      if (d && CalendarDay.safeParse(d[1]).success && due === undefined) due = d[1];
      // Something else after the owner ("· due Friday"): kept with the text, never dropped.
      else text += ` · ${segment}`;
    }
  }

  let id: string;
  let role: 'me' | 'them';
  let ownerName: string | undefined;
  const unescapedOwner = owner === undefined ? undefined : unescapeField(owner);
  if (tag) {
    id = tag[1] ?? '';
    if (tag[2] === 'me' || tag[2] === 'them') {
      role = tag[2];
      ownerName = unescapedOwner;
    } else if (unescapedOwner === 'me' || unescapedOwner === 'them') {
      role = unescapedOwner;
    } else {
      role = 'them';
      ownerName = unescapedOwner?.trim() || undefined;
    }
  } else {
    const textKey = unescapeField(text);
    const n = seen.get(textKey) ?? 0;
    seen.set(textKey, n + 1);
    id = derivedItemId(textKey, n);
    const said = unescapedOwner?.trim();
    if (said === undefined || said === '' || said.toLowerCase() === 'them') role = 'them';
    else if (said.toLowerCase() === 'me') role = 'me';
    else {
      role = 'them';
      ownerName = said;
    }
  }
  const item: BlockActionItem = {
    id,
    text: unescapeField(text),
    owner: role,
    ...(ownerName === undefined ? {} : { ownerName }),
    ...(due === undefined ? {} : { due }),
    status,
  };
  return { item, hasCheckbox: box !== null, tagged: tag !== null };
}

function parseInnerLines(lines: readonly string[]): Pick<BlockContent, 'sharedNotes' | 'actionItems' | 'truncated'> {
  let from = 0;
  if (lines.length > 0 && NOTES_HEADER_RE.test(lines[0] ?? '')) from = 1;
  let actionsAt = lines.findIndex((line, i) => i >= from && ACTIONS_HEADER_RE.test(line));
  if (actionsAt < 0) actionsAt = lines.length;

  let truncated = false;
  const items: BlockActionItem[] = [];
  const seenIds = new Set<string>();
  const untaggedTexts = new Map<string, number>();
  const addItem = (item: BlockActionItem) => {
    // A pasted duplicate of a line: the first one counts.
    if (seenIds.has(item.id)) return;
    seenIds.add(item.id);
    items.push(item);
  };

  const notes: string[] = [];
  for (const line of lines.slice(from, actionsAt)) {
    if (CUT_NOTICE_RE.test(line)) {
      truncated = true;
      continue;
    }
    // A tagged item line among the notes (someone deleted the "Action items:" header) is still
    // an item: losing the header must not read as deleting every item.
    if (isTaggedItemLine(line)) {
      const parsed = parseItemLine(line, untaggedTexts);
      if (parsed) addItem(parsed.item);
      continue;
    }
    notes.push(line.startsWith('\\') ? line.slice(1) : line);
  }
  // The renderer writes one blank line after the notes.
  if (notes.length > 0 && BLANK_RE.test(notes[notes.length - 1] ?? '')) notes.pop();

  for (const line of lines.slice(actionsAt + 1)) {
    if (BLANK_RE.test(line) || NONE_RE.test(line)) continue;
    if (CUT_NOTICE_RE.test(line)) {
      truncated = true;
      continue;
    }
    const parsed = parseItemLine(line, untaggedTexts);
    if (parsed) addItem(parsed.item);
  }
  return { sharedNotes: notes.join('\n'), actionItems: items, ...(truncated ? { truncated: true } : {}) };
}

export type ParsedBlock =
  | { kind: 'none' }
  | { kind: 'found'; content: BlockContent; range: SourceRange }
  /** Only a block naming another event (e.g. the event was copied with its description). */
  | { kind: 'foreign'; eventId: string }
  | { kind: 'malformed'; reason: string; range: SourceRange };

/**
 * This event's block in a description. The first complete block naming `expectedEventId` wins;
 * failing that, a damaged one of this event, or a block of another event ('foreign'). Tolerant
 * of edits inside the block and of Calendar's HTML; never throws.
 * `form` overrides detection (by default the description's own form is detected).
 */
export function parseBlock(description: string, expectedEventId: string, options: { form?: DescriptionForm } = {}): ParsedBlock {
  const blocks = locate(description, options.form ?? detectForm(description));
  const own = blocks.find((b) => b.complete && b.eventId === expectedEventId);
  if (own) {
    if (own.version > BLOCK_FORMAT_VERSION) {
      return {
        kind: 'malformed',
        reason: `the block was written by a newer version of 1:1 Companion (format v${own.version}; this one reads v${BLOCK_FORMAT_VERSION})`,
        range: own.range,
      };
    }
    if (own.version < 1) return { kind: 'malformed', reason: `unknown block format v${own.version}`, range: own.range };
    if (own.meetingDate === undefined) {
      return { kind: 'malformed', reason: 'the start marker has no valid meeting date (YYYY-MM-DD)', range: own.range };
    }
    return {
      kind: 'found',
      content: { eventId: own.eventId, meetingDate: own.meetingDate, ...parseInnerLines(own.innerLines) },
      range: own.range,
    };
  }
  const damaged = blocks.find((b) => b.eventId === expectedEventId);
  if (damaged) return { kind: 'malformed', reason: damaged.problem ?? 'damaged block', range: damaged.range };
  const foreign = blocks.find((b) => b.eventId !== expectedEventId);
  if (foreign) return { kind: 'foreign', eventId: foreign.eventId };
  return { kind: 'none' };
}

// ---------------------------------------------------------------------------------------------
// Writing into a description

const SEPARATORS: Record<DescriptionForm, string> = { plain: '\n\n', html: '<br><br>' };

export type SpliceResult =
  | {
      kind: 'spliced';
      description: string;
      /** Where the block now sits in `description`. */
      range: SourceRange;
      /** The content as written (capped): what parseBlock will read back; keep it as the merge base. */
      written: BlockContent;
      form: DescriptionForm;
      change: 'replaced' | 'appended' | 'unchanged';
    }
  /** The event holds a block of a newer format: it is not overwritten. */
  | { kind: 'refused'; reason: string };

/**
 * The description with this event's block (content.eventId) replaced in place, or appended after
 * a blank line when there is none. Every character outside the block's range stays as it was,
 * including other events' blocks (an event carrying only a copied foreign block gets its own
 * appended) and damaged remains of this event's block (a fresh block is appended; the remains
 * are left for a person to read). Written in the description's own form; a plain description
 * whose block text would read as HTML (notes mentioning `<b>`, `&amp;`) gets the HTML form, as
 * Calendar would treat the whole description as HTML then.
 */
export function spliceBlock(description: string, content: BlockContent, options: RenderOptions = {}): SpliceResult {
  const detected = detectForm(description);
  const own = locate(description, detected).find((b) => b.complete && b.eventId === content.eventId);
  if (own && own.version > BLOCK_FORMAT_VERSION) {
    return {
      kind: 'refused',
      reason: `the event holds a block written by a newer version of 1:1 Companion (format v${own.version}); it is left as it is`,
    };
  }
  const prefix = own ? description.slice(0, own.range.start) : description;
  const suffix = own ? description.slice(own.range.end) : '';
  const build = (form: DescriptionForm) => {
    const written = fitBlockContent(content, form, options);
    const block = renderExact(written, form);
    const separator = own || description === '' ? '' : SEPARATORS[form];
    const start = prefix.length + separator.length;
    return { written, form, text: prefix + separator + block + suffix, range: { start, end: start + block.length } };
  };
  let result = build(detected);
  if (result.form === 'plain' && detectForm(result.text) === 'html') result = build('html');
  return {
    kind: 'spliced',
    description: result.text,
    range: result.range,
    written: result.written,
    form: result.form,
    change: result.text === description ? 'unchanged' : own ? 'replaced' : 'appended',
  };
}

/**
 * The description without this event's block (the first complete one of a known version), and
 * without the blank-line separator spliceBlock put before it when it was appended at the end.
 * Unchanged when there is no such block.
 */
export function removeBlock(description: string, eventId: string): string {
  const own = locate(description, detectForm(description)).find(
    (b) => b.complete && b.eventId === eventId && b.version <= BLOCK_FORMAT_VERSION,
  );
  if (!own) return description;
  let prefix = description.slice(0, own.range.start);
  const suffix = description.slice(own.range.end);
  if (suffix === '') {
    const separator = [SEPARATORS.plain, SEPARATORS.html].find((s) => prefix.endsWith(s));
    if (separator) prefix = prefix.slice(0, -separator.length);
  }
  return prefix + suffix;
}

// ---------------------------------------------------------------------------------------------
// Comparing

/** A stable text form of the content (fields in a fixed order, absent = null). */
export function canonicalBlock(content: BlockContent): string {
  return JSON.stringify([
    BLOCK_FORMAT_VERSION,
    content.eventId,
    content.meetingDate,
    content.sharedNotes,
    content.actionItems.map((i) => [i.id, i.text, i.owner, i.ownerName ?? null, i.due ?? null, i.status]),
    content.truncated === true,
  ]);
}

/** Same block content: the sync engine skips a write when the parsed block equals what it would write. */
export function blockEquals(a: BlockContent, b: BlockContent): boolean {
  return canonicalBlock(a) === canonicalBlock(b);
}
