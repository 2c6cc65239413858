// The sync tests' set-up: a fresh World per test, checked and closed after it. Apart from
// harness.ts, which the benchmarks (run outside vitest) use too.
import { afterEach, beforeEach, expect } from 'vitest';
import { startWorld, type World } from './harness';

/**
 * A fresh World for each test of the file, handed to `use` before the test runs; after each test,
 * checks that every write was polite (no guest notifications, never without If-Match) and closes it.
 */
export function worldPerTest(use: (world: World) => void): void {
  let world: World | undefined;
  beforeEach(async () => {
    world = await startWorld();
    use(world);
  });
  afterEach(async () => {
    const current = world;
    world = undefined;
    if (!current) return;
    try {
      expect(current.patches().every((r) => r.query.sendUpdates === 'none' && typeof r.headers.ifMatch === 'string')).toBe(true);
    } finally {
      await current.close();
    }
  });
}
