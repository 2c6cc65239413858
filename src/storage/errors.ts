// What a failed IndexedDB operation means for the user, in one sentence the UI can show. Pages
// that store through the service worker (the sidebar) also meet a lost answer: the worker
// stopped before it answered, which says nothing about storage.

export type StorageFailureKind = 'quota' | 'closed' | 'no-answer' | 'aborted' | 'invalid-record' | 'unknown';

/** The name of the error a page gets when the service worker it asked gave no answer. */
export const NO_ANSWER_ERROR = 'NoAnswerError';

/** How Chrome words a message whose answer was lost (the worker stopped, crashed or restarted). */
export function isLostAnswer(error: unknown): boolean {
  return /message (channel|port) closed|receiving end does not exist/i.test(String(error));
}

/** The error for a request to the service worker that got no answer; `cause` is what the browser said. */
export function noAnswerError(cause?: unknown): Error {
  const detail = cause === undefined ? '' : ` (${cause instanceof Error ? cause.message : String(cause)})`;
  return Object.assign(new Error(`The extension's background did not answer${detail}`), { name: NO_ANSWER_ERROR });
}

export interface StorageFailure {
  kind: StorageFailureKind;
  message: string;
}

export function describeStorageError(error: unknown): StorageFailure {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError' || /quota/i.test(detail)) {
    return { kind: 'quota', message: 'The browser’s storage is full: the text is kept here and saved once space is freed.' };
  }
  // Before 'closed': Chrome's words for a lost answer ("the message channel closed", "Could not
  // establish connection") would read as a closed database, which asks for a reload it does not need.
  if (name === NO_ANSWER_ERROR || isLostAnswer(error)) {
    return { kind: 'no-answer', message: '1:1 Companion’s background did not answer; the text is kept and will be saved.' };
  }
  if (name === 'InvalidStateError' || /closing|closed|connection/i.test(detail)) {
    return {
      kind: 'closed',
      message: 'Storage is closed (1:1 Companion was updated or a newer version is open): reload the page; the text is kept.',
    };
  }
  if (name === 'InvalidRecordError') return { kind: 'invalid-record', message: detail };
  if (name === 'AbortError' || name === 'TransactionInactiveError' || name === 'UnknownError') {
    return { kind: 'aborted', message: `The browser did not complete the save (${name}): retrying; the text is kept.` };
  }
  return { kind: 'unknown', message: `Saving failed (${name || 'error'}: ${detail}): retrying; the text is kept.` };
}
