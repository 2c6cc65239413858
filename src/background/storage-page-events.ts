// The PageEventProvider the service worker classifies Calendar's open event with, read from the
// account's IndexedDB: the people the user has 1:1s with (for titles like "Dana <> Me"), the
// user's "1:1 / not a 1:1" marks, the user's other addresses, and the guests stored for the open
// event (so that a known 1:1 shows before the dialog's guests arrive).
//
// Read on every decision, not cached: a mark made in the sidebar a moment ago must count the next
// time the dialog opens, and the reads are getAlls of a few dozen records or one index lookup
// (a few milliseconds) on a connection kept open while the worker lives.
//
// An account that has no database here yet (nothing stored, never opened a 1:1) is answered with
// empty lists without creating one: the page can name addresses (a colleague's calendar shown
// beside the user's) that are not accounts at all.
import type { KnownPerson } from '../domain/classify';
import type { ClassificationOverride } from '../domain/schemas';
import {
  accountDbName,
  getSettings,
  listAllPeople,
  listOverrides,
  meetingsByEvent,
  normaliseAccount,
  openCompanionDb,
  type CompanionDb,
} from '../storage';
import type { PageEventProvider, StoredGuests } from './page-events';

export interface StoragePageEventProviderOptions {
  /** Opens an account's database (the default keeps one connection per account open). */
  openDb?: (account: string) => Promise<CompanionDb>;
  /** Whether the account has a database here (the default asks indexedDB.databases()). */
  hasDb?: (account: string) => Promise<boolean>;
  log?: (message: string) => void;
}

/** Connections kept open while the worker lives; one closed meanwhile (an upgrade elsewhere) is reopened. */
export function cachedDbOpener(log: (message: string) => void = () => {}): (account: string) => Promise<CompanionDb> {
  const open = new Map<string, Promise<CompanionDb>>();
  return async (account) => {
    const key = normaliseAccount(account);
    const cached = open.get(key);
    if (cached) {
      const db = await cached.catch(() => undefined);
      if (db && !db.closed) return db;
    }
    const opening = openCompanionDb(key, {
      onInterruption: (interruption) => {
        log(`storage of ${key}: ${interruption.message}`);
        if (interruption.kind !== 'upgrade-blocked') open.delete(key);
      },
    });
    open.set(key, opening);
    opening.catch(() => open.delete(key));
    return opening;
  };
}

async function databaseExists(account: string): Promise<boolean> {
  const factory = globalThis.indexedDB as IDBFactory | undefined;
  if (!factory) return false;
  // Browsers without databases() (none we ship to): open it, as the sidebar would anyway.
  if (typeof factory.databases !== 'function') return true;
  const name = accountDbName(account);
  return (await factory.databases()).some((info) => info.name === name);
}

export function createStoragePageEventProvider(options: StoragePageEventProviderOptions = {}): PageEventProvider {
  const log = options.log ?? ((message: string) => console.warn(`1:1 Companion: ${message}`));
  const openDb = options.openDb ?? cachedDbOpener(log);
  const hasDb = options.hasDb ?? databaseExists;
  const opened = new Set<string>();

  /** The account's database, or undefined when it has none (nothing is created). */
  async function dbOf(account: string): Promise<CompanionDb | undefined> {
    const key = normaliseAccount(account);
    if (!opened.has(key) && !(await hasDb(key))) return undefined;
    const db = await openDb(key);
    opened.add(key);
    return db;
  }

  /** A failed read must not stop the sidebar: the page is classified as if nothing were stored. */
  async function read<T>(account: string, what: string, fallback: T, reader: (db: CompanionDb) => Promise<T>): Promise<T> {
    try {
      const db = await dbOf(account);
      return db ? await reader(db) : fallback;
    } catch (error) {
      log(`could not read ${what} of ${account} (${error instanceof Error ? error.message : String(error)}); classifying without them`);
      return fallback;
    }
  }

  return {
    knownPeople: (account) =>
      read(account, 'the people', [] as readonly KnownPerson[], async (db) =>
        (await listAllPeople(db))
          .filter((person) => person.mergedInto === undefined)
          .map((person): KnownPerson => ({ id: person.id, displayName: person.displayName, ...(person.email !== undefined && { email: person.email }) })),
      ),
    overrides: (account) =>
      read(account, 'the 1:1 marks', [] as readonly ClassificationOverride[], async (db) =>
        (await listOverrides(db)).filter((override) => override.account === db.account),
      ),
    selfAliases: (account) => read(account, 'the settings', [] as readonly string[], async (db) => (await getSettings(db))?.selfAliases ?? []),
    storedGuests: (account, eventId) =>
      read(account, 'the stored event', undefined as StoredGuests | undefined, async (db) => {
        const meeting = (await meetingsByEvent(db, eventId)).find((stored) => stored.source === 'calendar');
        if (meeting === undefined || meeting.attendees.length === 0) return undefined;
        return { attendees: meeting.attendees, ...(meeting.organizerEmail !== undefined && { organizerEmail: meeting.organizerEmail }) };
      }),
  };
}
