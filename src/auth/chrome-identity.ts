// Google Chrome's identity API: the token belongs to the Google account the Chrome profile is
// signed in to, and Chrome caches and refreshes it. The scopes come from the manifest's `oauth2`
// block (`calendar.events`), so none are passed here.
//
// Signing out removes the cached token(s) and remembers that the user signed out, so no token is
// fetched silently until they sign in again. The grant itself is not revoked: revoking needs a
// request to accounts.google.com / oauth2.googleapis.com, hosts this extension has no permission
// for, and the grant belongs to the user's Google account, where they can remove it
// (myaccount.google.com → Security → Third-party access). A removed token expires within the hour.
//
// Browsers built from Chromium without Google's sign-in (Edge, Brave, Chromium) refuse
// getAuthToken; then the fallback provider (the web auth flow) takes over for good.
import { errorText, type FlagStore, NotSignedInError, type SignInResult, type TokenProvider, type TokenRequest } from './token-provider';

export interface ChromeIdentityApi {
  getAuthToken(details: { interactive: boolean }): Promise<{ token?: string } | string | undefined>;
  removeCachedAuthToken(details: { token: string }): Promise<void>;
  clearAllCachedAuthTokens?: () => Promise<void>;
}

const UNSUPPORTED = /not supported|unsupported|not available|function unavailable|signin is disabled|sign-in is disabled|browser signin/i;
const CANCELLED = /did not approve|canceled|cancelled|closed by the user|user rejected/i;

export function createChromeIdentityProvider(options: {
  identity: ChromeIdentityApi;
  /** Set while the user is signed out on purpose. */
  signedOut: FlagStore;
  /** Used once Chrome says getAuthToken is not supported in this browser. */
  fallback?: TokenProvider;
}): TokenProvider {
  const { identity, signedOut } = options;
  let useFallback = false;

  async function token(interactive: boolean): Promise<string> {
    const result = await identity.getAuthToken({ interactive });
    const value = typeof result === 'string' ? result : result?.token;
    if (!value) throw new NotSignedInError();
    return value;
  }

  async function withFallback<T>(run: () => Promise<T>, fallback: (provider: TokenProvider) => Promise<T>): Promise<T> {
    if (useFallback && options.fallback) return fallback(options.fallback);
    try {
      return await run();
    } catch (error) {
      if (options.fallback && UNSUPPORTED.test(errorText(error))) {
        useFallback = true;
        return fallback(options.fallback);
      }
      throw error;
    }
  }

  const provider: TokenProvider = {
    kind: 'chrome-identity',
    async getAccessToken(request: TokenRequest) {
      return withFallback(
        async () => {
          if (request.invalidate) await identity.removeCachedAuthToken({ token: request.invalidate }).catch(() => undefined);
          if (!request.interactive && (await signedOut.get())) throw new NotSignedInError('Signed out of 1:1 Companion');
          try {
            return await token(request.interactive);
          } catch (error) {
            if (error instanceof NotSignedInError || UNSUPPORTED.test(errorText(error))) throw error;
            throw new NotSignedInError(`Not signed in to Google: ${errorText(error)}`);
          }
        },
        (fallback) => fallback.getAccessToken(request),
      );
    },
    async signIn(): Promise<SignInResult> {
      try {
        return await withFallback(
          async () => {
            await token(true);
            await signedOut.set(false);
            return { ok: true } as const;
          },
          (fallback) => fallback.signIn(),
        );
      } catch (error) {
        const reason = errorText(error);
        return { ok: false, reason, ...(CANCELLED.test(reason) && { cancelled: true }) };
      }
    },
    async signOut() {
      await signedOut.set(true);
      if (useFallback && options.fallback) return options.fallback.signOut();
      const cached = await token(false).catch(() => undefined);
      if (cached) await identity.removeCachedAuthToken({ token: cached }).catch(() => undefined);
      await identity.clearAllCachedAuthTokens?.().catch(() => undefined);
    },
    async isSignedIn() {
      if (await signedOut.get()) return false;
      if (useFallback && options.fallback) return options.fallback.isSignedIn();
      return token(false).then(
        () => true,
        () => false,
      );
    },
  };
  return provider;
}
