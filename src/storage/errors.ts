// What a failed IndexedDB operation means for the user, in one sentence the UI can show.

export type StorageFailureKind = 'quota' | 'closed' | 'aborted' | 'invalid-record' | 'unknown';

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
