import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    setupFiles: ['fake-indexeddb/auto'],
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    // End-to-end suites start Chromium; two cores, so keep concurrency modest.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
