// The sync engine's own small state, kept apart from the per-account databases: which account the
// token belongs to, when each account's calendar was last listed (in full, and at all, for
// `updatedMin`), whether Google asked to slow down, and whether the user is signed out. The
// service worker keeps it in `storage.local` (it must survive the worker stopping and the browser
// restarting: the daily full listing and `updatedMin` depend on it); tests keep it in memory.
import * as z from 'zod/mini';
import { Account, Instant } from '../domain/schemas';

export const AccountListing = z.object({
  lastListAt: z.optional(Instant),
  lastFullListAt: z.optional(Instant),
});

export const PersistedSyncState = z.object({
  /** The account the token belongs to, as the API last said (lower case). */
  account: z.optional(Account),
  lists: z.record(z.string(), AccountListing),
  /** Google asked to slow down (429/403 rate limit): no requests before this. */
  pausedUntil: z.optional(Instant),
  pauseReason: z.optional(z.string()),
  /** The last listing failed (cleared by the next one that works). */
  lastListError: z.optional(z.string()),
  /** Set when no token could be had or Google refused it twice; cleared by signing in. */
  signedOut: z.optional(z.object({ reason: z.string(), at: Instant })),
});
export type PersistedSyncState = z.infer<typeof PersistedSyncState>;

export interface SyncStateStore {
  load(): Promise<unknown>;
  save(state: PersistedSyncState): Promise<void>;
}

export function emptySyncState(): PersistedSyncState {
  return { lists: {} };
}

/** Reads a stored state; anything unreadable starts afresh (the next listing is a full one). */
export function readSyncState(raw: unknown): PersistedSyncState {
  const parsed = PersistedSyncState.safeParse(raw);
  return parsed.success ? parsed.data : emptySyncState();
}

export function memorySyncStateStore(initial?: PersistedSyncState): SyncStateStore & { current: PersistedSyncState | undefined } {
  const store = {
    current: initial === undefined ? undefined : structuredClone(initial),
    async load() {
      return store.current === undefined ? undefined : structuredClone(store.current);
    },
    async save(state: PersistedSyncState) {
      store.current = structuredClone(state);
    },
  };
  return store;
}
