// Three-way merge of one meeting's shared state: this browser's copy (local), the block read
// from the calendar (remote) and the block this browser last wrote or read there (base).
// Pure: no browser, DOM, IndexedDB or network; time comes in through the context.
//
// The rules, in words (each has a row in test/domain/merge.test.ts):
// Notes
// - Only one side changed since the base: take it. Both changed the same way: take it.
// - Both changed differently: merge line by line (three-way, like diff3 but finer): edits to
//   different lines both survive, even adjacent ones; lines added at the same place on both
//   sides are all kept (this browser's first).
//   Where both changed the same lines differently, this browser's lines are kept and the
//   calendar's follow in a marked section, so neither is lost:
//       <this browser's lines>
//       ── edited in the calendar by someone else ──
//       <the calendar's lines>
//       ── end of the calendar's version ──
// - Trailing spaces (Calendar's editor adds &nbsp;) do not count as a change.
// - No base (first sync on another browser, or notes typed in the calendar before any block):
//   an empty side takes the other; equal sides are equal; one extending the other (e.g. a cut
//   block whose text starts this browser's notes) takes the longer; else both are kept as above.
// - No remote block: local as it is (the block is written afresh).
// - A cut remote block (`truncated`) against a base that was not cut is not trusted as an edit
//   (the base must be what was written, i.e. SpliceResult.written): local is kept.
// Action items, by id
// - Added on either side: kept (remote additions go after local items, in calendar order).
// - Deleted on one side, unchanged on the other: deleted. A person removing a line in the
//   calendar means "no longer wanted". Exceptions: a done item removed in the calendar stays
//   (done items are the record that keeps a rebuild from reopening them), and nothing counts as
//   deleted remotely when the remote block was cut to fit.
// - Deleted on one side, changed on the other: kept, with the change, and a conflict note.
// - text, owner, name, due: per field, one side changed → take it; both changed differently →
//   keep local and note the conflict.
// - status: one side changed → take it. Remote items carry no time; a change seen in the calendar
//   ([x] ticked, or [x] → [ ] reopened against the base) counts as made at the sync (`now`), which
//   is later than any local change, so a remote reopen wins over a done item here, and a local
//   tick wins over a calendar that still shows the base's [ ]. Without a base, done wins: a done
//   item stays done unless it is reopened later, and with no base there is no evidence of that.
// - Merged items taking a change from the calendar are stamped with `now`: updatedAt = now,
//   doneAt = now when ticked there, doneAt removed when reopened there.
import type { BlockActionItem, BlockContent } from './description-block';

/** A local action item: as in the block, plus when it changed here. */
export type LocalActionItem = BlockActionItem & { updatedAt?: number; doneAt?: number };

/** This browser's copy of a meeting's shared state (local items may carry timestamps). */
export type LocalMeetingContent = Omit<BlockContent, 'actionItems'> & { actionItems: LocalActionItem[] };

export interface MergeContext {
  /** The sync time (epoch ms): remote changes are dated at it. Without it, nothing is stamped. */
  now?: number;
}

export interface MergeResult {
  merged: LocalMeetingContent;
  /** Readable notes on what was kept where both sides disagreed (empty when none). */
  conflicts: string[];
}

export const REMOTE_SECTION_START = '── edited in the calendar by someone else ──';
export const REMOTE_SECTION_END = "── end of the calendar's version ──";

export function mergeMeetingContent(
  base: BlockContent | undefined,
  local: LocalMeetingContent,
  remote: BlockContent | undefined,
  context: MergeContext = {},
): MergeResult {
  if (!remote) return { merged: local, conflicts: [] };
  const conflicts: string[] = [];
  const remoteCut = remote.truncated === true;

  let notes: NotesMerge;
  if (remoteCut && base !== undefined && base.truncated !== true) {
    notes = { text: local.sharedNotes, source: 'local', conflicts: 0 };
    conflicts.push("Shared notes: the calendar holds a cut copy of the notes; this browser's notes were kept.");
  } else {
    notes = mergeNotes(base?.sharedNotes, local.sharedNotes, remote.sharedNotes, { remoteCut });
    if (notes.conflicts > 0) {
      conflicts.push(
        notes.conflicts === 1
          ? 'Shared notes: the same lines were changed here and in the calendar; both versions are kept, the calendar\'s in a marked section.'
          : `Shared notes: ${notes.conflicts} places were changed both here and in the calendar; both versions are kept, the calendar's in marked sections.`,
      );
    }
  }

  const items = mergeActionItems(base?.actionItems, local.actionItems, remote.actionItems, {
    remoteCut,
    now: context.now,
    conflicts,
  });

  const truncated = notes.source === 'remote' ? remote.truncated === true : local.truncated === true;
  const { truncated: _dropped, ...rest } = local;
  return {
    merged: { ...rest, sharedNotes: notes.text, actionItems: items, ...(truncated ? { truncated: true } : {}) },
    conflicts,
  };
}

// ---------------------------------------------------------------------------------------------
// Notes

export interface NotesMerge {
  text: string;
  /** Where the text came from as a whole ('merged' when lines of both were combined). */
  source: 'local' | 'remote' | 'merged';
  /** Places where both sides changed the same lines (kept both). */
  conflicts: number;
}

const lineKey = (line: string) => line.trimEnd();
const sameText = (a: string, b: string) => a === b || splitLines(a).map(lineKey).join('\n') === splitLines(b).map(lineKey).join('\n');

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r\n/g, '\n').split('\n');
}

/** Three-way merge of notes text; see the rules at the top of this file. */
export function mergeNotes(
  base: string | undefined,
  local: string,
  remote: string,
  options: { remoteCut?: boolean } = {},
): NotesMerge {
  if (sameText(local, remote)) return { text: local, source: 'local', conflicts: 0 };
  if (base !== undefined) {
    if (sameText(local, base)) return { text: remote, source: 'remote', conflicts: 0 };
    if (sameText(remote, base)) return { text: local, source: 'local', conflicts: 0 };
    const merged = mergeLines(splitLines(base), splitLines(local), splitLines(remote));
    return { text: merged.lines.join('\n'), source: 'merged', conflicts: merged.conflicts };
  }
  if (local.trim() === '') return { text: remote, source: 'remote', conflicts: 0 };
  if (remote.trim() === '') return { text: local, source: 'local', conflicts: 0 };
  const localLines = splitLines(local).map(lineKey);
  const remoteLines = splitLines(remote).map(lineKey);
  if (extendsLines(localLines, remoteLines, options.remoteCut === true)) return { text: local, source: 'local', conflicts: 0 };
  if (extendsLines(remoteLines, localLines, false)) return { text: remote, source: 'remote', conflicts: 0 };
  const lines = [...splitLines(local), REMOTE_SECTION_START, ...splitLines(remote), REMOTE_SECTION_END];
  return { text: lines.join('\n'), source: 'merged', conflicts: 1 };
}

/** `longer` starts with `shorter` (line by line; a cut copy's last line may be cut mid-line). */
function extendsLines(longer: readonly string[], shorter: readonly string[], shorterIsCut: boolean): boolean {
  if (shorter.length > longer.length) return false;
  return shorter.every((line, i) => {
    const other = longer[i] ?? '';
    return line === other || (shorterIsCut && i === shorter.length - 1 && other.startsWith(line));
  });
}

/** One side's change against the base: base lines [start, end) became `lines` (start = end: an insertion). */
interface Hunk {
  start: number;
  end: number;
  lines: string[];
  side: 'local' | 'remote';
}

function hunksOf(baseLength: number, side: readonly string[], match: Int32Array, name: Hunk['side']): Hunk[] {
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  while (i < baseLength || j < side.length) {
    if (i < baseLength && match[i] === j) {
      i++;
      j++;
      continue;
    }
    const start = i;
    while (i < baseLength && match[i] === -1) i++;
    const nextJ = i < baseLength ? (match[i] ?? side.length) : side.length;
    hunks.push({ start, end: i, lines: side.slice(j, nextJ), side: name });
    j = nextJ;
  }
  return hunks;
}

/** Two changes touch the same base lines (an insertion only clashes strictly inside a range, or with another insertion at the same place). */
function overlaps(aStart: number, aEnd: number, b: Hunk): boolean {
  if (aStart === aEnd && b.start === b.end) return aStart === b.start;
  if (aStart === aEnd) return b.start < aStart && aStart < b.end;
  if (b.start === b.end) return aStart < b.start && b.start < aEnd;
  return b.start < aEnd && aStart < b.end;
}

/**
 * Three-way merge of lines. Each side's changes against the base are found (longest common
 * subsequence); changes that touch different base lines are all applied, even when adjacent. Where
 * both sides changed the same base lines: the same change is taken once; lines inserted at the
 * same place on both sides are all kept (this browser's first; one side repeating the other's
 * start keeps the longer); otherwise this browser's version is kept, then the calendar's in a
 * marked section. Lines compare without trailing whitespace.
 */
export function mergeLines(
  base: readonly string[],
  local: readonly string[],
  remote: readonly string[],
): { lines: string[]; conflicts: number } {
  const baseKeys = base.map(lineKey);
  const localKeys = local.map(lineKey);
  const remoteKeys = remote.map(lineKey);
  const toLocal = matchLines(baseKeys, localKeys);
  const toRemote = matchLines(baseKeys, remoteKeys);
  const hunks = [
    ...hunksOf(base.length, local, toLocal, 'local'),
    ...hunksOf(base.length, remote, toRemote, 'remote'),
  ].sort((x, y) => x.start - y.start || x.end - x.start - (y.end - y.start) || (x.side === 'local' ? -1 : 1));

  // Group changes touching the same base lines.
  const clusters: { start: number; end: number; hunks: Hunk[] }[] = [];
  for (const hunk of hunks) {
    const last = clusters[clusters.length - 1];
    if (last && overlaps(last.start, last.end, hunk)) {
      last.end = Math.max(last.end, hunk.end);
      last.hunks.push(hunk);
    } else clusters.push({ start: hunk.start, end: hunk.end, hunks: [hunk] });
  }

  // An unchanged base line, as this browser has it.
  const localLine = (i: number) => local[toLocal[i] ?? -1] ?? base[i] ?? '';
  /** The cluster's base lines with one side's changes applied. */
  const version = (cluster: { start: number; end: number; hunks: Hunk[] }, side: Hunk['side']) => {
    const out: string[] = [];
    let at = cluster.start;
    for (const hunk of cluster.hunks) {
      if (hunk.side !== side) continue;
      for (; at < hunk.start; at++) out.push(side === 'local' ? localLine(at) : (remote[toRemote[at] ?? -1] ?? base[at] ?? ''));
      out.push(...hunk.lines);
      at = hunk.end;
    }
    for (; at < cluster.end; at++) out.push(side === 'local' ? localLine(at) : (remote[toRemote[at] ?? -1] ?? base[at] ?? ''));
    return out;
  };
  const keysOf = (lines: readonly string[]) => lines.map(lineKey);
  const sameKeys = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  const startsWithKeys = (x: readonly string[], prefix: readonly string[]) =>
    prefix.length <= x.length && prefix.every((v, i) => v === x[i]);

  const out: string[] = [];
  let conflicts = 0;
  let at = 0;
  for (const cluster of clusters) {
    for (; at < cluster.start; at++) out.push(localLine(at));
    at = cluster.end;
    const sides = new Set(cluster.hunks.map((h) => h.side));
    if (sides.size === 1) {
      out.push(...version(cluster, cluster.hunks[0]?.side ?? 'local'));
      continue;
    }
    const mine = version(cluster, 'local');
    const theirs = version(cluster, 'remote');
    const mineKeys = keysOf(mine);
    const theirKeys = keysOf(theirs);
    if (sameKeys(mineKeys, theirKeys)) out.push(...mine);
    else if (cluster.start === cluster.end) {
      // Typing at the same place on both sides (the end of the notes, often): keep all of it.
      if (startsWithKeys(mineKeys, theirKeys)) out.push(...mine);
      else if (startsWithKeys(theirKeys, mineKeys)) out.push(...theirs);
      else out.push(...mine, ...theirs);
    } else {
      conflicts++;
      out.push(...mine, REMOTE_SECTION_START, ...theirs, REMOTE_SECTION_END);
    }
  }
  for (; at < base.length; at++) out.push(localLine(at));
  return { lines: out, conflicts };
}

/** Above this many cells the middle part is treated as wholly changed rather than diffed. */
const MAX_DIFF_CELLS = 4_000_000;

/** For each line of `a`, the index of its partner in a longest common subsequence with `b`, or -1. */
function matchLines(a: readonly string[], b: readonly string[]): Int32Array {
  const match = new Int32Array(a.length).fill(-1);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) {
    match[head] = head;
    head++;
  }
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) {
    match[a.length - 1 - tail] = b.length - 1 - tail;
    tail++;
  }
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_DIFF_CELLS) return match;
  // lengths[i][j]: LCS length of a[head+i..] and b[head+j..], row-major (n+1) x (m+1).
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[head + i] === b[head + j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[head + i] === b[head + j]) {
      match[head + i] = head + j;
      i++;
      j++;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) i++;
    else j++;
  }
  return match;
}

// ---------------------------------------------------------------------------------------------
// Action items

interface ItemMergeOptions {
  remoteCut: boolean;
  now: number | undefined;
  conflicts: string[];
}

type ItemField = 'text' | 'owner' | 'ownerName' | 'due';
const FIELD_NAMES: Record<ItemField, string> = { text: 'the text', owner: 'the owner', ownerName: "the owner's name", due: 'the due date' };

function sameItem(a: BlockActionItem, b: BlockActionItem): boolean {
  return a.text === b.text && a.owner === b.owner && a.ownerName === b.ownerName && a.due === b.due && a.status === b.status;
}

function quote(text: string): string {
  const short = text.length > 60 ? text.slice(0, 57) + '…' : text;
  return `“${short}”`;
}

function mergeActionItems(
  base: readonly BlockActionItem[] | undefined,
  local: readonly LocalActionItem[],
  remote: readonly BlockActionItem[],
  options: ItemMergeOptions,
): LocalActionItem[] {
  const baseById = new Map((base ?? []).map((i) => [i.id, i]));
  const remoteById = new Map(remote.map((i) => [i.id, i]));
  const localIds = new Set(local.map((i) => i.id));
  const merged: LocalActionItem[] = [];

  for (const mine of local) {
    const theirs = remoteById.get(mine.id);
    const was = baseById.get(mine.id);
    if (theirs) {
      merged.push(mergeItem(was, mine, theirs, options));
      continue;
    }
    if (!was || options.remoteCut) {
      merged.push(mine); // added here (or the calendar's copy was cut and may just not show it)
      continue;
    }
    // Deleted in the calendar.
    if (!sameItem(mine, was)) {
      options.conflicts.push(`Action item ${quote(mine.text)} was removed in the calendar but changed here; it is kept.`);
      merged.push(mine);
    } else if (mine.status === 'done') {
      merged.push(mine); // done items stay: they keep a rebuild from reopening them
    }
  }

  for (const theirs of remote) {
    if (localIds.has(theirs.id)) continue;
    const was = baseById.get(theirs.id);
    if (!was) {
      merged.push(stampFromRemote(theirs, options.now)); // added in the calendar
    } else if (!sameItem(theirs, was)) {
      options.conflicts.push(`Action item ${quote(theirs.text)} was removed here but changed in the calendar; it is kept.`);
      merged.push(stampFromRemote(theirs, options.now));
    }
    // else: deleted here, unchanged there → deleted.
  }
  return merged;
}

function mergeItem(
  was: BlockActionItem | undefined,
  mine: LocalActionItem,
  theirs: BlockActionItem,
  options: ItemMergeOptions,
): LocalActionItem {
  const result: LocalActionItem = { ...mine };
  let tookRemote = false;
  for (const field of ['text', 'owner', 'ownerName', 'due'] as const) {
    const l = mine[field];
    const r = theirs[field];
    if (l === r) continue;
    if (was !== undefined && l === was[field]) {
      setField(result, field, r);
      tookRemote = true;
      continue;
    }
    if (was !== undefined && r === was[field]) continue;
    if (was === undefined) {
      // No base: fill what only the calendar has; otherwise this browser's value stands.
      if (l === undefined) {
        setField(result, field, r);
        tookRemote = true;
        continue;
      }
      if (field === 'ownerName') continue; // display names: this browser knows its people
    }
    options.conflicts.push(
      `Action item ${quote(mine.text)}: ${FIELD_NAMES[field]} was changed here and in the calendar; kept this browser's (${show(l)}), the calendar had ${show(r)}.`,
    );
  }

  let status = mine.status;
  if (mine.status !== theirs.status) {
    if (was === undefined) status = 'done';
    else if (mine.status === was.status) status = theirs.status;
    // else: changed here, unchanged there → local.
  }
  if (status !== mine.status) {
    result.status = status;
    tookRemote = true;
    if (options.now !== undefined) {
      if (status === 'done') result.doneAt = options.now;
      else delete result.doneAt;
    }
  }
  if (tookRemote && options.now !== undefined) result.updatedAt = options.now;
  return result;
}

function setField(item: LocalActionItem, field: ItemField, value: string | undefined): void {
  if (field === 'owner') {
    if (value === 'me' || value === 'them') item.owner = value;
    return;
  }
  if (value === undefined) delete item[field];
  else if (field === 'text') item.text = value;
  else item[field] = value;
}

function show(value: string | undefined): string {
  return value === undefined ? 'none' : quote(value);
}

function stampFromRemote(item: BlockActionItem, now: number | undefined): LocalActionItem {
  if (now === undefined) return { ...item };
  return { ...item, updatedAt: now, ...(item.status === 'done' ? { doneAt: now } : {}) };
}
