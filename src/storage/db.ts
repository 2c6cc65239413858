// The IndexedDB layout of 1:1 Companion and how a connection is opened.
//
// One database per user account, `one-on-one-companion:<account>`, plus a tiny meta database that
// lists the known accounts and the current one. Why per account rather than account-prefixed keys
// in one database:
// - accounts stay strictly apart by construction: no index, cursor or bug in a key range can ever
//   return another account's records, and removing an account is one deleteDatabase;
// - every per-person index stays a plain `[personId, …]` key, so the sidebar's reads are short
//   index walks whose cost depends on that person's history only;
// - a backup file is one account's database, so import/export need no filtering.
// Records still carry their `account` (schemas.ts); reads check it against the database's account
// and quarantine a record that does not belong there.
//
// Upgrades are cumulative steps: `UPGRADE_STEPS[v]` turns a version v-1 database into version v.
// A database made by any earlier version runs every step after its own, in order. Adding version 2
// means: append a step, bump DB_VERSION, and add a frozen fixture of version 1 in
// test/storage/upgrade-fixtures.ts (the upgrade test then opens a v1 database full of data).
import { deleteDB, openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type {
  ActionItem,
  ClassificationOverride,
  Meeting,
  Note,
  Person,
  ProgressEntry,
  Settings,
  TalkingPoint,
  Target,
} from '../domain/schemas';
import type { OutboxEntry, QuarantinedRecord } from './records';

export const DB_VERSION = 1;
export const DB_NAME_PREFIX = 'one-on-one-companion:';
export const META_DB_NAME = 'one-on-one-companion-meta';

export function accountDbName(account: string): string {
  return `${DB_NAME_PREFIX}${normaliseAccount(account)}`;
}

export function normaliseAccount(account: string): string {
  return account.trim().toLowerCase();
}

/**
 * A talking point as stored: the domain record plus `openSince`, present only while the point is
 * not discussed yet. IndexedDB leaves a record out of an index when a key path is missing, so the
 * sparse index [personId, openSince] holds exactly the open points: the sidebar reads them without
 * walking years of discussed ones. Reads validate with the domain schema, which drops the field.
 */
export type StoredTalkingPoint = TalkingPoint & { openSince?: number };

export interface CompanionSchema extends DBSchema {
  people: { key: string; value: Person; indexes: { 'by-relationship': string } };
  meetings: {
    key: string;
    value: Meeting;
    indexes: {
      /** A person's meetings in time order: the sidebar, the popup and history walk it. */
      'by-person-start': [string, number];
      'by-event': string;
      'by-series-start': [string, number];
      /** Today's / this week's meetings for the popup. */
      'by-start': number;
    };
  };
  notes: {
    key: string;
    value: Note;
    indexes: { 'by-meeting': string; 'by-person-updated': [string, number] };
  };
  talkingPoints: {
    key: string;
    value: StoredTalkingPoint;
    indexes: { 'by-person-open': [string, number]; 'by-discussed-meeting': string; 'by-person-created': [string, number] };
  };
  actionItems: {
    key: string;
    value: ActionItem;
    indexes: {
      /** Open items of one person, oldest first; also every item of a person by prefix. */
      'by-person-status-created': [string, string, number];
      /** "What I owe": ['me', 'open', createdAt]. */
      'by-owner-status-created': [string, string, number];
      'by-meeting': string;
    };
  };
  targets: {
    key: string;
    value: Target;
    indexes: {
      /** Person targets by the end of their period: current ones are [personId, today…]. */
      'by-person-end': [string, string];
      /** All targets by owner kind: team targets are ['team', today…]. */
      'by-kind-end': [string, string];
      'by-parent': string;
    };
  };
  progress: { key: string; value: ProgressEntry; indexes: { 'by-target-date': [string, string] } };
  settings: { key: string; value: Settings };
  overrides: { key: string; value: ClassificationOverride; indexes: { 'by-target': string } };
  outbox: { key: string; value: OutboxEntry; indexes: { 'by-due': number } };
  quarantine: { key: number; value: QuarantinedRecord; indexes: { 'by-store': string } };
}

export type CompanionStoreName = StoreNames<CompanionSchema>;

/** The stores that hold validated domain records (quarantine holds anything by design). */
export const RECORD_STORES = [
  'people',
  'meetings',
  'notes',
  'talkingPoints',
  'actionItems',
  'targets',
  'progress',
  'settings',
  'overrides',
  'outbox',
] as const satisfies readonly CompanionStoreName[];
export type RecordStoreName = (typeof RECORD_STORES)[number];

type UpgradeStep = (db: IDBPDatabase<CompanionSchema>, tx: IDBPTransaction<CompanionSchema, CompanionStoreName[], 'versionchange'>) => void;

/** UPGRADE_STEPS[v - 1] turns a version v-1 database into version v. */
export const UPGRADE_STEPS: readonly UpgradeStep[] = [
  // v1: the first layout.
  (db) => {
    const people = db.createObjectStore('people', { keyPath: 'id' });
    people.createIndex('by-relationship', 'relationship');

    const meetings = db.createObjectStore('meetings', { keyPath: 'id' });
    meetings.createIndex('by-person-start', ['personId', 'start']);
    meetings.createIndex('by-event', 'eventId');
    meetings.createIndex('by-series-start', ['seriesId', 'start']);
    meetings.createIndex('by-start', 'start');

    const notes = db.createObjectStore('notes', { keyPath: 'id' });
    notes.createIndex('by-meeting', 'meetingId');
    notes.createIndex('by-person-updated', ['personId', 'updatedAt']);

    const talkingPoints = db.createObjectStore('talkingPoints', { keyPath: 'id' });
    talkingPoints.createIndex('by-person-open', ['personId', 'openSince']);
    talkingPoints.createIndex('by-discussed-meeting', 'discussedInMeetingId');
    talkingPoints.createIndex('by-person-created', ['personId', 'createdAt']);

    const actionItems = db.createObjectStore('actionItems', { keyPath: 'id' });
    actionItems.createIndex('by-person-status-created', ['personId', 'status', 'createdAt']);
    actionItems.createIndex('by-owner-status-created', ['owner', 'status', 'createdAt']);
    actionItems.createIndex('by-meeting', 'meetingId');

    const targets = db.createObjectStore('targets', { keyPath: 'id' });
    targets.createIndex('by-person-end', ['owner.personId', 'period.end']);
    targets.createIndex('by-kind-end', ['owner.kind', 'period.end']);
    targets.createIndex('by-parent', 'parentId');

    const progress = db.createObjectStore('progress', { keyPath: 'id' });
    progress.createIndex('by-target-date', ['targetId', 'date']);

    db.createObjectStore('settings', { keyPath: 'account' });

    const overrides = db.createObjectStore('overrides', { keyPath: 'id' });
    overrides.createIndex('by-target', 'targetId');

    const outbox = db.createObjectStore('outbox', { keyPath: 'eventId' });
    outbox.createIndex('by-due', 'dueAt');

    const quarantine = db.createObjectStore('quarantine', { keyPath: 'id', autoIncrement: true });
    quarantine.createIndex('by-store', 'store');
  },
];

if (UPGRADE_STEPS.length !== DB_VERSION) {
  throw new Error(`storage: ${UPGRADE_STEPS.length} upgrade steps for DB_VERSION ${DB_VERSION}`);
}

/** Runs the steps from oldVersion (exclusive) to newVersion (inclusive). */
export function runUpgradeSteps(
  db: IDBPDatabase<CompanionSchema>,
  oldVersion: number,
  newVersion: number,
  tx: IDBPTransaction<CompanionSchema, CompanionStoreName[], 'versionchange'>,
): void {
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const step = UPGRADE_STEPS[version - 1];
    if (!step) throw new Error(`storage: no upgrade step to version ${version}`);
    step(db, tx);
  }
}

// ---------------------------------------------------------------------------------------------
// Interruptions: what the UI must tell the user when the connection cannot be used.

export type StorageInterruption =
  | { kind: 'newer-version-open'; message: string }
  | { kind: 'upgrade-blocked'; message: string }
  | { kind: 'connection-lost'; message: string };

export const INTERRUPTION_MESSAGES = {
  'newer-version-open': 'A newer version of 1:1 Companion is open in another tab: reload this page to keep working.',
  'upgrade-blocked':
    'An older version of 1:1 Companion is still open in another tab and keeps the data from being upgraded: reload or close that tab.',
  'connection-lost': 'The browser closed 1:1 Companion’s storage unexpectedly: reload this page. Unsaved text is kept.',
} as const;

export interface CompanionDb {
  readonly account: string;
  readonly idb: IDBPDatabase<CompanionSchema>;
  /** True once the connection was closed (by us, by a newer version, or by the browser). */
  readonly closed: boolean;
  close(): void;
}

export interface OpenOptions {
  /** Told when this connection stops being usable, or cannot open yet; show it as a "reload" prompt. */
  onInterruption?: (interruption: StorageInterruption) => void;
  /** Only for upgrade tests: open at an earlier version. Production code never passes it. */
  version?: number;
  /** Only for tests: a database name other than the account's. */
  name?: string;
}

/** Opens (creating or upgrading as needed) the database of one account. */
export async function openCompanionDb(account: string, options: OpenOptions = {}): Promise<CompanionDb> {
  const normalised = normaliseAccount(account);
  const version = options.version ?? DB_VERSION;
  let closed = false;
  const notify = (kind: StorageInterruption['kind']) => {
    options.onInterruption?.({ kind, message: INTERRUPTION_MESSAGES[kind] });
  };
  let upgradeError: unknown;
  const opening = openDB<CompanionSchema>(options.name ?? accountDbName(normalised), version, {
    upgrade(db, oldVersion, newVersion, tx) {
      // A failing step aborts the upgrade (the database stays at its old version, nothing lost);
      // keep its message, which the browser replaces by a bare AbortError.
      tx.done.catch(() => {});
      try {
        runUpgradeSteps(db, oldVersion, newVersion ?? version, tx);
      } catch (error) {
        upgradeError = error;
        throw error;
      }
    },
    // Another tab holds an older version open and did not close it when asked.
    blocked() {
      notify('upgrade-blocked');
    },
    // A newer version wants to upgrade: give way at once (holding on would block it) and ask the
    // user to reload this page, which then runs the newer code.
    blocking() {
      closed = true;
      idb.close();
      notify('newer-version-open');
    },
    terminated() {
      closed = true;
      notify('connection-lost');
    },
  });
  let idb: IDBPDatabase<CompanionSchema>;
  try {
    idb = await opening;
  } catch (error) {
    if (upgradeError !== undefined) {
      throw new Error(`storage: upgrading to version ${version} failed: ${upgradeError instanceof Error ? upgradeError.message : String(upgradeError)}`);
    }
    throw error;
  }
  return {
    account: normalised,
    idb,
    get closed() {
      return closed;
    },
    close() {
      closed = true;
      idb.close();
    },
  };
}

export async function deleteCompanionDb(account: string): Promise<void> {
  await deleteDB(accountDbName(account));
}

// ---------------------------------------------------------------------------------------------
// Meta database: which accounts have data here, and which one is current.

interface MetaSchema extends DBSchema {
  accounts: { key: string; value: { account: string; addedAt: number; lastUsedAt: number } };
  state: { key: string; value: { key: 'current'; account: string } };
}

const META_DB_VERSION = 1;

async function openMetaDb(): Promise<IDBPDatabase<MetaSchema>> {
  const db = await openDB<MetaSchema>(META_DB_NAME, META_DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('accounts', { keyPath: 'account' });
        database.createObjectStore('state', { keyPath: 'key' });
      }
    },
    blocking() {
      db.close();
    },
  });
  return db;
}

export interface KnownAccount {
  account: string;
  addedAt: number;
  lastUsedAt: number;
}

/** Records that `account` is in use now (adding it to the known accounts) and makes it current. */
export async function setCurrentAccount(account: string, now: number): Promise<void> {
  const normalised = normaliseAccount(account);
  const db = await openMetaDb();
  try {
    const tx = db.transaction(['accounts', 'state'], 'readwrite');
    const accounts = tx.objectStore('accounts');
    const existing = await accounts.get(normalised);
    await accounts.put({ account: normalised, addedAt: existing?.addedAt ?? now, lastUsedAt: now });
    await tx.objectStore('state').put({ key: 'current', account: normalised });
    await tx.done;
  } finally {
    db.close();
  }
}

export async function getCurrentAccount(): Promise<string | undefined> {
  const db = await openMetaDb();
  try {
    const state = await db.get('state', 'current');
    return typeof state?.account === 'string' ? state.account : undefined;
  } finally {
    db.close();
  }
}

export async function listKnownAccounts(): Promise<KnownAccount[]> {
  const db = await openMetaDb();
  try {
    const all = await db.getAll('accounts');
    return all
      .filter((row) => typeof row.account === 'string')
      .sort((a, b) => b.lastUsedAt - a.lastUsedAt);
  } finally {
    db.close();
  }
}
