import type { ComponentChild } from 'preact';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A case-insensitive matcher for what the user typed in a search box, or undefined for a blank
 * query. The query is matched literally (no regular-expression syntax), whitespace runs in it
 * match any whitespace run, and matching runs on the original text, so the positions used for
 * highlighting are right even where lower-casing would change a string's length.
 */
export function searchPattern(query: string): RegExp | undefined {
  const words = query.trim().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return undefined;
  return new RegExp(words.map(escapeRegExp).join('\\s+'), 'giu');
}

export function matches(text: string, pattern: RegExp | undefined): boolean {
  if (!pattern) return true;
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

/**
 * `text` with every match of `pattern` wrapped in <mark>. Built from text nodes and elements, so
 * whatever the text holds is shown as text, never parsed as markup.
 */
export function Highlighted({ text, pattern }: { text: string; pattern: RegExp | undefined }) {
  if (!pattern) return <>{text}</>;
  const parts: ComponentChild[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    if (match[0] === '') continue;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(<mark class="occ-mark">{match[0]}</mark>);
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
