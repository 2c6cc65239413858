import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caretAfterReplace } from '../../../src/ui/shared/NotesTextarea';

describe('caretAfterReplace', () => {
  it.each([
    ['caret before an edit stays', 'hello world', 'hello brave world', 3, 3],
    ['caret after an edit shifts', 'hello world', 'hello brave world', 8, 14],
    ['text added at the caret goes after it', 'abc', 'abcdef', 3, 3],
    ['text added at the end moves nothing before it', 'abc', 'abcdef', 1, 1],
    ['caret after a deletion shifts back', 'one two three', 'one three', 10, 6],
    ['caret inside a replaced stretch goes to its end', 'one two three', 'one 2 three', 5, 5],
    ['caret at the start of an insertion at the start moves after it', 'world', 'hello world', 0, 0],
    ['same text changes nothing', 'same', 'same', 2, 2],
    ['out of range is clamped', 'abc', 'abc', 99, 3],
    ['to empty', 'abc', '', 2, 0],
  ])('%s', (_name, oldText, newText, caret, expected) => {
    expect(caretAfterReplace(oldText, newText, caret)).toBe(expected);
  });

  it('an insertion that could have gone on either side of the caret (the same characters repeat) may put the caret at either', () => {
    // '"' added before '" ' or after its '"': the same new text '"" '. Both carets are right.
    expect([1, 2]).toContain(caretAfterReplace('" ', '"" ', 1));
  });

  it('keeps the same text on both sides of the caret when text is added away from it', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string({ minLength: 1 }),
        fc.boolean(),
        (before, after, inserted, insertBeforeCaret) => {
          // Text added right at the caret is ambiguous; keep at least one character between.
          fc.pre(insertBeforeCaret ? before !== '' : after !== '');
          const oldText = before + after;
          const newText = insertBeforeCaret ? inserted + before + after : before + after + inserted;
          const caret = caretAfterReplace(oldText, newText, before.length);
          // Where else the same insertion could have gone: the characters around it may repeat it
          // ('"' added before '"' or after it reads the same). Each place has its right caret.
          const right = rightCaretsForInsertion(oldText, newText, inserted.length, before.length);
          expect(right).toContain(caret);
          if (right.size === 1) {
            expect(newText.slice(0, caret).endsWith(before)).toBe(true);
            expect(newText.slice(caret).startsWith(after)).toBe(true);
          }
        },
      ),
    );
  });

  it('always lands inside the new text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer({ min: -5, max: 50 }), (oldText, newText, caret) => {
        const at = caretAfterReplace(oldText, newText, caret);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(at).toBeLessThanOrEqual(newText.length);
      }),
    );
  });
});

/**
 * The right carets after `newText` came from inserting `length` characters into `oldText` with the
 * caret at `caret`, for every place the insertion could have gone: after the caret (or at it) it
 * stays; before it, it moves on by the insertion.
 */
function rightCaretsForInsertion(oldText: string, newText: string, length: number, caret: number): Set<number> {
  const carets = new Set<number>();
  const inserted = (at: number) => newText.slice(at, at + length);
  for (let at = 0; at <= oldText.length; at++) {
    if (oldText.slice(0, at) + inserted(at) + oldText.slice(at) === newText) carets.add(at < caret ? caret + length : caret);
  }
  return carets;
}
