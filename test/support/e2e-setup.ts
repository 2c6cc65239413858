// What the end-to-end tests of the sidebar and of sync set up alike: a signed-in test build against
// the fake Calendar API, the stand-in Calendar's week, the extension's IndexedDB as one of its own
// pages sees it, and waiting for the extension's background work.
import type { BrowserContext, Page } from 'playwright-core';
import { startFakeCalendarApi, type FakeCalendarApi } from '../fake-calendar-api/server';
import { buildExtension } from './build-extension';
import { extensionPageUrl, launchWithExtension, type ExtensionBrowser } from './chromium';

/** The extension's database of an account. */
export const accountDbName = (account: string) => `one-on-one-companion:${account}`;

export interface SignedInSetup {
  api: FakeCalendarApi;
  browser: ExtensionBrowser;
  close(): Promise<void>;
}

/**
 * Starts the fake Calendar API with the user `email` (token `token`, calendar in UTC), lets `seed`
 * add their events, then builds the test build signed in with that token against it (the API's
 * port is known by then) and launches it.
 */
export async function launchSignedIn(options: { mode: string; email: string; token: string; seed?: (api: FakeCalendarApi) => void }): Promise<SignedInSetup> {
  const api = await startFakeCalendarApi();
  try {
    api.state.addUser({ email: options.email, token: options.token, timeZone: 'UTC' });
    options.seed?.(api);
    const extensionPath = buildExtension({ mode: options.mode, env: { WXT_CALENDAR_API_URL: api.url, WXT_TEST_ACCESS_TOKEN: options.token } });
    const browser = await launchWithExtension(extensionPath);
    return {
      api,
      browser,
      async close() {
        await browser.close();
        await api.close();
      },
    };
  } catch (error) {
    await api.close();
    throw error;
  }
}

/**
 * The week the stand-in Calendar shows (the one containing `today`, from Monday, in the browser's
 * zone, which is this process's): `at(day, hour, minute)` a time on its `day`-th day (0: Monday),
 * `weekOf` its Monday as 'YYYY-MM-DD'.
 */
export function thisWeek(today = new Date()): { monday: Date; at(day: number, hour: number, minute?: number): Date; weekOf: string } {
  const monday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7));
  return {
    monday,
    at: (day, hour, minute = 0) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + day, hour, minute),
    weekOf: `${monday.getFullYear()}-${String(monday.getMonth() + 1).padStart(2, '0')}-${String(monday.getDate()).padStart(2, '0')}`,
  };
}

/**
 * `until(what, probe, timeoutMs?)`: polls `probe` until it gives something other than undefined
 * or false, and answers that; throws naming `what` after `timeoutMs` (`defaultTimeoutMs` when not
 * given).
 */
export function poller(defaultTimeoutMs: number, intervalMs = 100) {
  return async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = defaultTimeoutMs): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  };
}

export type StoreOperation =
  | { kind: 'get'; store: string; key: string }
  | { kind: 'get-all'; store: string }
  | { kind: 'by-index'; store: string; index: string; key: string }
  /** Writes the records in one transaction; answers once it committed. */
  | { kind: 'put'; store: string; values: unknown[] };

/**
 * One operation on the IndexedDB database `name` from `page`, a page of the extension (its
 * origin, as the sidebar's data has it). A read answers undefined when the database or the store
 * does not exist yet, a write throws: neither creates them (a database made here would be at
 * version 1, without the stores).
 */
export async function idbOn(page: Page, name: string, operation: StoreOperation): Promise<unknown> {
  return page.evaluate(
    async ({ name, operation }) => {
      const missing = (what: string) => {
        if (operation.kind === 'put') throw new Error(`cannot write to ${what}: it does not exist yet`);
        return undefined;
      };
      if (!(await indexedDB.databases()).some((db) => db.name === name)) return missing(`the database ${name}`);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        if (!db.objectStoreNames.contains(operation.store)) return missing(`the store ${operation.store}`);
        const tx = db.transaction(operation.store, operation.kind === 'put' ? 'readwrite' : 'readonly');
        const store = tx.objectStore(operation.store);
        if (operation.kind === 'put') {
          for (const value of operation.values) store.put(value);
          return await new Promise<undefined>((resolve, reject) => {
            tx.oncomplete = () => resolve(undefined);
            tx.onerror = () => reject(tx.error);
            tx.onabort = () => reject(tx.error);
          });
        }
        const request =
          operation.kind === 'get'
            ? store.get(operation.key)
            : operation.kind === 'get-all'
              ? store.getAll()
              : store.index(operation.index).getAll(operation.key);
        return await new Promise((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      } finally {
        db.close();
      }
    },
    { name, operation },
  );
}

/** The same from a new page of the extension (its popup), closed afterwards. */
export async function extensionIdb(context: BrowserContext, extensionId: string, name: string, operation: StoreOperation): Promise<unknown> {
  const page = await context.newPage();
  try {
    await page.goto(extensionPageUrl(extensionId, 'popup.html'));
    return await idbOn(page, name, operation);
  } finally {
    await page.close();
  }
}
