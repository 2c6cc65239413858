// What a failed storage call means for the user: one kind and one sentence per cause.
import { describe, expect, it } from 'vitest';
import { describeStorageError, isLostAnswer, NO_ANSWER_ERROR, noAnswerError, type StorageFailureKind } from '../../src/storage/errors';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });
const CHANNEL_CLOSED = 'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received';
const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';
const PORT_CLOSED = 'The message port closed before a response was received.';

describe('describeStorageError', () => {
  it.each<[string, unknown, StorageFailureKind, RegExp]>([
    ['a full disk', named('QuotaExceededError', 'The quota has been exceeded.'), 'quota', /storage is full/],
    ['a database closed by a newer version', named('InvalidStateError', 'The database connection is closing.'), 'closed', /Storage is closed .*reload the page/],
    ['a closed connection, by its words only', new Error('Database connection closed'), 'closed', /Storage is closed/],
    ['no answer from the worker (the sidebar store\'s error)', noAnswerError(), 'no-answer', /^1:1 Companion’s background did not answer; the text is kept and will be saved\.$/],
    ['no answer, with the browser\'s words', noAnswerError(new Error(CHANNEL_CLOSED)), 'no-answer', /background did not answer; the text is kept and will be saved/],
    ['the channel closed before the answer', new Error(CHANNEL_CLOSED), 'no-answer', /background did not answer/],
    ['no receiver (the worker was starting)', new Error(NO_RECEIVER), 'no-answer', /background did not answer/],
    ['the message port closed', new Error(PORT_CLOSED), 'no-answer', /background did not answer/],
    ['a record storage refused', named('InvalidRecordError', 'not saved: the note belongs to another account'), 'invalid-record', /^not saved: the note belongs to another account$/],
    ['an aborted transaction', named('AbortError', 'The transaction was aborted.'), 'aborted', /did not complete the save \(AbortError\)/],
    ['an unknown failure', named('TypeError', 'x is not a function'), 'unknown', /Saving failed \(TypeError: x is not a function\)/],
  ])('%s', (_what, error, kind, message) => {
    const failure = describeStorageError(error);
    expect(failure.kind).toBe(kind);
    expect(failure.message).toMatch(message);
  });

  it('a lost answer never reads as closed storage, which asks for a reload', () => {
    for (const words of [CHANNEL_CLOSED, NO_RECEIVER, PORT_CLOSED]) {
      expect(describeStorageError(new Error(words)).message).not.toMatch(/reload|updated/i);
    }
  });
});

describe('lost answers', () => {
  it.each([
    [CHANNEL_CLOSED, true],
    [NO_RECEIVER, true],
    [PORT_CLOSED, true],
    ['The database connection is closing.', false],
    ['Extension context invalidated.', false],
  ])('%s: %s', (words, lost) => {
    expect(isLostAnswer(new Error(words))).toBe(lost);
  });

  it('noAnswerError is named for its kind and keeps what the browser said', () => {
    const error = noAnswerError(new Error(CHANNEL_CLOSED));
    expect(error.name).toBe(NO_ANSWER_ERROR);
    expect(error.message).toContain('channel closed');
    expect(noAnswerError().message).toBe('The extension\'s background did not answer');
  });
});
