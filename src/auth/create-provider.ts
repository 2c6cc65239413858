// Picks the token provider for this build and browser. Runs in the service worker.
//
// `testAccessToken` is a build-time constant (src/config/build-settings.ts): in a build without
// WXT_TEST_ACCESS_TOKEN the first branch is `if (undefined)`, which the bundler removes together
// with test-token.ts. Nothing else in the extension accepts a token from anywhere but the
// browser's identity API: no message carries one (src/sync/messages.ts) and the only stored token
// is the web auth flow's own, in storage.session, which content scripts cannot reach.
import { browser } from 'wxt/browser';
import { googleClientId, testAccessToken } from '../config/build-settings';
import { createChromeIdentityProvider, type ChromeIdentityApi } from './chrome-identity';
import { createTestTokenProvider } from './test-token';
import { type FlagStore, type TokenProvider, unavailableTokenProvider } from './token-provider';
import { createWebAuthFlowProvider, memoryTokenStore, type StoredToken, type TokenStore, type WebAuthApi } from './web-auth-flow';

const SIGNED_OUT_KEY = 'auth.signedOut';
const WEB_TOKEN_KEY = 'auth.webToken';

interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

function storageFlag(area: StorageAreaLike, key: string): FlagStore {
  return {
    get: async () => (await area.get(key))[key] === true,
    set: async (value) => (value ? area.set({ [key]: true }) : area.remove(key)),
  };
}

function sessionTokenStore(): TokenStore {
  const session = browser.storage?.session as unknown as (StorageAreaLike & { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> }) | undefined;
  if (!session) return memoryTokenStore();
  // The default, said explicitly: only the extension's own pages and worker see this area.
  void session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
  return {
    load: async () => (await session.get(WEB_TOKEN_KEY))[WEB_TOKEN_KEY],
    save: async (token: StoredToken | undefined) => (token ? session.set({ [WEB_TOKEN_KEY]: token }) : session.remove(WEB_TOKEN_KEY)),
  };
}

export function createTokenProvider(): TokenProvider {
  if (testAccessToken) {
    return createTestTokenProvider(testAccessToken);
  }
  const identity = browser.identity as unknown as (ChromeIdentityApi & Partial<WebAuthApi>) | undefined;
  const signedOut = storageFlag(browser.storage.local as unknown as StorageAreaLike, SIGNED_OUT_KEY);
  const web =
    googleClientId && identity?.launchWebAuthFlow && identity.getRedirectURL
      ? createWebAuthFlowProvider({
          api: {
            launchWebAuthFlow: (details) => identity.launchWebAuthFlow!(details),
            getRedirectURL: () => identity.getRedirectURL!(),
          },
          clientId: googleClientId,
          tokens: sessionTokenStore(),
          signedOut,
        })
      : undefined;
  const manifest = browser.runtime.getManifest() as { oauth2?: { client_id?: string } };
  if (identity?.getAuthToken && manifest.oauth2?.client_id) {
    return createChromeIdentityProvider({
      identity: {
        getAuthToken: (details) => identity.getAuthToken(details),
        removeCachedAuthToken: (details) => identity.removeCachedAuthToken(details),
        ...(identity.clearAllCachedAuthTokens && { clearAllCachedAuthTokens: () => identity.clearAllCachedAuthTokens!() }),
      },
      signedOut,
      ...(web && { fallback: web }),
    });
  }
  return web ?? unavailableTokenProvider('This build of 1:1 Companion has no Google OAuth client id (WXT_GOOGLE_CLIENT_ID), so it cannot sign in');
}
