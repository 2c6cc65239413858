// Frozen copies of every released database version: its layout and records as that version's code
// wrote them. Written against the raw IndexedDB API on purpose (not src/storage), so later edits
// to the upgrade code cannot change what an "old" database looks like.
//
// Adding database version N+1: copy nothing here that exists; add FROZEN_V<N+1> with the new
// layout (what UPGRADE_STEPS now produce) and records as the new code writes them, and append it to
// FROZEN_VERSIONS. The upgrade test then opens a database of every earlier version, full of data,
// with the current code and checks that nothing is lost.
//
// Used by test/storage/upgrade.test.ts (fake-indexeddb) and by the storage harness page in real
// Chromium (test/e2e/storage.test.ts), so it must not import vitest.

export interface IndexLayout {
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}
export interface StoreLayout {
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: Record<string, IndexLayout>;
}
export type Layout = Record<string, StoreLayout>;

export interface FrozenVersion {
  version: number;
  layout: Layout;
  /** Records per store, as that version wrote them for `account`. */
  records(account: string): Record<string, unknown[]>;
}

const index = (keyPath: string | string[]): IndexLayout => ({ keyPath, unique: false, multiEntry: false });

const T = Date.UTC(2025, 5, 2, 9, 0, 0);

export const FROZEN_V1: FrozenVersion = {
  version: 1,
  layout: {
    people: { keyPath: 'id', autoIncrement: false, indexes: { 'by-relationship': index('relationship') } },
    meetings: {
      keyPath: 'id',
      autoIncrement: false,
      indexes: {
        'by-person-start': index(['personId', 'start']),
        'by-event': index('eventId'),
        'by-series-start': index(['seriesId', 'start']),
        'by-start': index('start'),
      },
    },
    notes: { keyPath: 'id', autoIncrement: false, indexes: { 'by-meeting': index('meetingId'), 'by-person-updated': index(['personId', 'updatedAt']) } },
    talkingPoints: {
      keyPath: 'id',
      autoIncrement: false,
      indexes: {
        'by-person-open': index(['personId', 'openSince']),
        'by-discussed-meeting': index('discussedInMeetingId'),
        'by-person-created': index(['personId', 'createdAt']),
      },
    },
    actionItems: {
      keyPath: 'id',
      autoIncrement: false,
      indexes: {
        'by-person-status-created': index(['personId', 'status', 'createdAt']),
        'by-owner-status-created': index(['owner', 'status', 'createdAt']),
        'by-meeting': index('meetingId'),
      },
    },
    targets: {
      keyPath: 'id',
      autoIncrement: false,
      indexes: {
        'by-person-end': index(['owner.personId', 'period.end']),
        'by-kind-end': index(['owner.kind', 'period.end']),
        'by-parent': index('parentId'),
      },
    },
    progress: { keyPath: 'id', autoIncrement: false, indexes: { 'by-target-date': index(['targetId', 'date']) } },
    settings: { keyPath: 'account', autoIncrement: false, indexes: {} },
    overrides: { keyPath: 'id', autoIncrement: false, indexes: { 'by-target': index('targetId') } },
    outbox: { keyPath: 'eventId', autoIncrement: false, indexes: { 'by-due': index('dueAt') } },
    quarantine: { keyPath: 'id', autoIncrement: true, indexes: { 'by-store': index('store') } },
  },
  records(account) {
    const personId = 'email:dana@example.com';
    const meetingId = `${account}|ev1_20250602T090000Z`;
    return {
      people: [
        { account, id: personId, email: 'dana@example.com', displayName: 'Dana Reyes', relationship: 'direct', relationshipSource: 'confirmed', level: 'frontline', cadenceDays: 7, archived: false, updatedAt: T },
        { account, id: 'name:sam', displayName: 'Sam', relationship: 'other', relationshipSource: 'suggested', level: 'manager', cadenceDays: 14, archived: false, mergedInto: 'email:sam@example.com', updatedAt: T },
      ],
      meetings: [
        {
          account, id: meetingId, source: 'calendar', eventId: 'ev1_20250602T090000Z', calendarId: 'primary', seriesId: 'ev1', title: 'Dana / Me', start: T, end: T + 1_800_000, allDay: false,
          attendees: [{ email: account, self: true, responseStatus: 'accepted' }, { email: 'dana@example.com', displayName: 'Dana Reyes', responseStatus: 'accepted' }],
          organizerEmail: account, status: 'confirmed', personId, isOneOnOne: true, classificationReason: 'two-human-guests', canModify: true, markedHeld: false, updatedAt: T,
        },
        { account, id: `${account}|logged:x1`, source: 'logged', title: 'Walk', start: T - 86_400_000, end: T - 84_600_000, allDay: false, attendees: [], status: 'confirmed', personId, isOneOnOne: true, classificationReason: 'marked-event', canModify: true, markedHeld: true, updatedAt: T },
      ],
      notes: [
        { account, id: `${meetingId}|shared`, meetingId, personId, kind: 'shared', text: 'Pipeline review; Café ☕ plans', updatedAt: T, revision: 3 },
        { account, id: `${meetingId}|private`, meetingId, personId, kind: 'private', text: 'Seems tired', updatedAt: T, revision: 1 },
      ],
      talkingPoints: [
        { account, id: 'tp1', personId, text: 'Promotion case', createdAt: T, openSince: T },
        { account, id: 'tp2', personId, text: 'Offsite', createdAt: T - 1, fromMeetingId: meetingId, discussedInMeetingId: meetingId, discussedAt: T },
      ],
      actionItems: [
        { account, id: 'k3j9x0aa', personId, meetingId, text: 'Send the deck', owner: 'me', due: '2025-06-06', status: 'open', createdAt: T, updatedAt: T },
        { account, id: 'k3j9x0ab', personId, meetingId, text: 'Book the room', owner: 'them', status: 'done', createdAt: T, doneAt: T + 5, updatedAt: T + 5 },
      ],
      targets: [
        { account, id: 'team-q2', owner: { kind: 'team' }, metric: 'Bookings', unit: 'USD', decimals: 2, period: { kind: 'quarter', start: '2025-04-01', end: '2025-06-30' }, amount: 30_000_000, createdAt: T, updatedAt: T },
        { account, id: 'dana-june', owner: { kind: 'person', personId }, metric: 'Bookings', unit: 'USD', decimals: 2, period: { kind: 'month', start: '2025-06-01', end: '2025-06-30' }, amount: 10_000_000, parentId: 'team-q2', createdAt: T, updatedAt: T },
      ],
      progress: [{ account, id: 'p1', targetId: 'dana-june', personId, date: '2025-06-02', value: 123_456, source: 'csv', note: 'import', updatedAt: T }],
      settings: [{ account, timeZone: 'Europe/Berlin', daysOff: ['2025-06-09'], weekendDays: [0, 6], selfAliases: ['me.alias@example.com'], useO3Template: true, lastBackupAt: T, updatedAt: T }],
      overrides: [{ account, id: 'series:ev1', scope: 'series', targetId: 'ev1', isOneOnOne: true, personEmail: 'dana@example.com', updatedAt: T }],
      outbox: [
        { account, eventId: 'ev1_20250602T090000Z', calendarId: 'primary', meetingId, pending: true, changeSeq: 2, enqueuedAt: T, changedAt: T + 1, dueAt: T + 1, attempts: 1, lastError: '429', lastAttemptAt: T, lastSyncedBlock: '[1:1 Companion block]', lastSyncedAt: T - 100 },
      ],
      quarantine: [{ store: 'notes', key: 'x|shared', raw: { text: 42 }, reason: 'text: expected string', quarantinedAt: T }],
    };
  },
};

/** Oldest first; the last one is the current DB_VERSION's layout. */
export const FROZEN_VERSIONS: readonly FrozenVersion[] = [FROZEN_V1];

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Creates database `name` exactly as `frozen.version` did and fills it with its records. */
export async function createFrozenDatabase(factory: IDBFactory, name: string, frozen: FrozenVersion, account: string): Promise<void> {
  await request(factory.deleteDatabase(name));
  const open = factory.open(name, frozen.version);
  open.onupgradeneeded = () => {
    const db = open.result;
    for (const [storeName, store] of Object.entries(frozen.layout)) {
      const objectStore = db.createObjectStore(storeName, { keyPath: store.keyPath, autoIncrement: store.autoIncrement });
      for (const [indexName, idx] of Object.entries(store.indexes)) {
        objectStore.createIndex(indexName, idx.keyPath, { unique: idx.unique, multiEntry: idx.multiEntry });
      }
    }
  };
  const db = await request(open);
  const records = frozen.records(account);
  const tx = db.transaction(Object.keys(records), 'readwrite');
  for (const [storeName, list] of Object.entries(records)) {
    for (const record of list) tx.objectStore(storeName).put(record);
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  db.close();
}

/** The layout of an open database, in the same shape as FrozenVersion.layout. */
export function describeLayout(db: IDBDatabase): Layout {
  const names = Array.from(db.objectStoreNames);
  const layout: Layout = {};
  if (names.length === 0) return layout;
  const tx = db.transaction(names, 'readonly');
  for (const name of names.sort()) {
    const store = tx.objectStore(name);
    const indexes: Record<string, IndexLayout> = {};
    for (const indexName of Array.from(store.indexNames).sort()) {
      const idx = store.index(indexName);
      indexes[indexName] = { keyPath: copyKeyPath(idx.keyPath) as string | string[], unique: idx.unique, multiEntry: idx.multiEntry };
    }
    layout[name] = { keyPath: copyKeyPath(store.keyPath), autoIncrement: store.autoIncrement, indexes };
  }
  return layout;
}

function copyKeyPath(keyPath: string | string[] | null): string | string[] | null {
  return Array.isArray(keyPath) ? [...keyPath] : keyPath;
}

/** Sorts a layout's keys so two layouts compare equal regardless of creation order. */
export function normaliseLayout(layout: Layout): Layout {
  const out: Layout = {};
  for (const name of Object.keys(layout).sort()) {
    const store = layout[name]!;
    const indexes: Record<string, IndexLayout> = {};
    for (const indexName of Object.keys(store.indexes).sort()) indexes[indexName] = store.indexes[indexName]!;
    out[name] = { ...store, indexes };
  }
  return out;
}
