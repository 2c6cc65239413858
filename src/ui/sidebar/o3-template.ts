// The three parts of an O3 (a weekly 30-minute one-on-one): 10 minutes theirs, 10 the
// manager's, 10 about the future. Inserted into the shared notes only when the user asks.

export const O3_HEADINGS = ['Their 10 minutes', 'My 10 minutes', 'The next 10 minutes: the future'] as const;

/** Each heading, a line to write on, and a blank line between parts. */
export const O3_TEMPLATE = O3_HEADINGS.map((heading) => `${heading}\n`).join('\n\n');

/** True when the text already has all three headings as lines of their own. */
export function hasO3Template(text: string): boolean {
  const lines = new Set(text.split(/\r?\n/).map((line) => line.trim()));
  return O3_HEADINGS.every((heading) => lines.has(heading));
}

/**
 * The text with the template appended after what is there (kept exactly as it was, separated
 * by a blank line), and where the caret goes: on the writing line under the first heading.
 */
export function withO3Template(text: string): { text: string; caret: number } {
  const separator = text.trim() === '' ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  const before = text.trim() === '' ? '' : text + separator;
  return { text: before + O3_TEMPLATE, caret: before.length + O3_HEADINGS[0].length + 1 };
}
