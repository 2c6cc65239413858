import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { accountDbName, DB_VERSION, openCompanionDb, UPGRADE_STEPS, type CompanionDb } from '../../src/storage/db';
import { findLostData } from './upgrade-check';
import { createFrozenDatabase, describeLayout, FROZEN_VERSIONS, normaliseLayout } from './upgrade-fixtures';
import { ACCOUNT } from './fixtures';

const NOW = Date.UTC(2026, 0, 5);
let db: CompanionDb | undefined;
afterEach(() => db?.close());

describe('schema versions', () => {
  it('has a frozen fixture for every version, the last one being the current layout', () => {
    expect(FROZEN_VERSIONS.map((f) => f.version)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
    expect(UPGRADE_STEPS).toHaveLength(DB_VERSION);
  });

  it('creates exactly the current frozen layout from nothing (0 → current)', async () => {
    indexedDB.deleteDatabase(accountDbName(ACCOUNT));
    db = await openCompanionDb(ACCOUNT);
    expect(db.idb.version).toBe(DB_VERSION);
    expect(normaliseLayout(describeLayout(db.idb as unknown as IDBDatabase))).toEqual(normaliseLayout(FROZEN_VERSIONS.at(-1)!.layout));
  });

  it('reaches the same layout through every chain of steps (v → v+1 → … → current)', async () => {
    for (let start = 1; start <= DB_VERSION; start++) {
      indexedDB.deleteDatabase(accountDbName(ACCOUNT));
      (await openCompanionDb(ACCOUNT, { version: start })).close();
      db = await openCompanionDb(ACCOUNT);
      expect(normaliseLayout(describeLayout(db.idb as unknown as IDBDatabase))).toEqual(normaliseLayout(FROZEN_VERSIONS.at(-1)!.layout));
      db.close();
    }
  });

  for (const frozen of FROZEN_VERSIONS) {
    it(`opens a version ${frozen.version} database full of data with the current code and loses nothing`, async () => {
      const name = accountDbName(ACCOUNT);
      await createFrozenDatabase(indexedDB, name, frozen, ACCOUNT);
      // The frozen layout is what that version's code created (guards the fixture itself).
      const before = await openDB(name);
      expect(before.version).toBe(frozen.version);
      before.close();

      db = await openCompanionDb(ACCOUNT);
      expect(db.idb.version).toBe(DB_VERSION);
      expect(normaliseLayout(describeLayout(db.idb as unknown as IDBDatabase))).toEqual(normaliseLayout(FROZEN_VERSIONS.at(-1)!.layout));
      expect(await findLostData(db, frozen, NOW)).toEqual([]);
    });
  }

  it('notices lost data (the check can fail)', async () => {
    const frozen = FROZEN_VERSIONS[0]!;
    await createFrozenDatabase(indexedDB, accountDbName(ACCOUNT), frozen, ACCOUNT);
    db = await openCompanionDb(ACCOUNT);
    await db.idb.delete('notes', `${ACCOUNT}|ev1_20250602T090000Z|private`);
    await db.idb.put('actionItems', { ...(frozen.records(ACCOUNT).actionItems![0] as Record<string, unknown>), status: 'done', doneAt: 1 } as never);
    const problems = await findLostData(db, frozen, NOW);
    expect(problems.some((p) => p.startsWith('notes: lost or changed'))).toBe(true);
    expect(problems.some((p) => p.startsWith('actionItems: lost or changed'))).toBe(true);
    expect(problems.some((p) => p.startsWith('index by-person-status-created'))).toBe(true);
  });
});
