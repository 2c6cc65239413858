// What every action handler needs: the account's database, the clock, and a way to tell other
// pages and the service worker what changed. Passed in, so handlers run in Node tests against
// fake-indexeddb with a fixed clock and a recording notifier.
import type { CompanionDb, StorageMessage } from '../storage';
import { describeStorageError } from '../storage/errors';
import type { Outcome } from '../ui/options/view-model';

export interface ActionContext {
  db: CompanionDb;
  now: () => number;
  /** Posts a StorageChannel notice (other pages and the worker re-read) and refreshes this page. */
  notify: (message: StorageMessage) => void;
  /** Tells the sync engine a meeting's shared part changed (it writes the event soon). */
  meetingChanged?: (meetingId: string) => void;
  /** Randomness for new ids (tests pass a seeded one). */
  random?: () => number;
}

export function refused(message: string): Outcome {
  return { ok: false, message };
}

export function done(message?: string): Outcome {
  return message === undefined ? { ok: true } : { ok: true, message };
}

/** A failed write as one sentence for the form that asked for it. Nothing was changed. */
export function writeFailure(error: unknown): Outcome {
  const failure = describeStorageError(error);
  const detail = error instanceof Error ? error.message : String(error);
  switch (failure.kind) {
    case 'quota':
      return refused('Not saved: the browser’s storage is full. Free some space and try again.');
    case 'closed':
      return refused('Not saved: storage is closed (1:1 Companion was updated or a newer version is open). Reload this page.');
    case 'no-answer':
      return refused('Not saved: 1:1 Companion’s background did not answer. Try again.');
    case 'aborted':
      return refused('Not saved: the browser did not complete the write. Try again.');
    case 'invalid-record':
      return refused(detail.startsWith('not saved') ? `Not saved${detail.slice('not saved'.length)}.` : `Not saved: ${detail}.`);
    case 'unknown':
      return refused(`Not saved: ${detail || 'the browser refused the write'}.`);
  }
}

/** Runs a write; a thrown storage error becomes a refusal with its reason (nothing was changed). */
export async function guarded(write: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await write();
  } catch (error) {
    return writeFailure(error);
  }
}

/** A random id part: 16 hex characters from `random` (default crypto-strength when available). */
export function randomIdPart(random?: () => number): string {
  if (!random && typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }
  const source = random ?? Math.random;
  let out = '';
  for (let i = 0; i < 16; i++) out += Math.floor(source() * 16).toString(16);
  return out;
}
