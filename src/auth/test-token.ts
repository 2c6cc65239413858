// Test builds only: the bearer token fixed at build time (WXT_TEST_ACCESS_TOKEN), so end-to-end
// tests run signed in against the fake Calendar API from start-up. It is reached only through
// `if (testAccessToken)` in create-provider.ts, where `testAccessToken` is a build-time constant:
// a release build has no token, the branch is removed, and so is this module
// (test/e2e/release-build.test.ts checks the bundle for TEST_TOKEN_PROVIDER_LABEL).
// Signing out and in only flips an in-memory flag (a restarted worker is signed in again).
import { NotSignedInError, type TokenProvider } from './token-provider';

export const TEST_TOKEN_PROVIDER_LABEL = 'test build: fixed bearer token from WXT_TEST_ACCESS_TOKEN';

export function createTestTokenProvider(token: string): TokenProvider & { label: string } {
  let signedOut = false;
  return {
    kind: 'test-token',
    label: TEST_TOKEN_PROVIDER_LABEL,
    async getAccessToken(request) {
      if (signedOut && !request.interactive) throw new NotSignedInError('Signed out of 1:1 Companion');
      signedOut = false;
      return token;
    },
    async signIn() {
      signedOut = false;
      return { ok: true };
    },
    async signOut() {
      signedOut = true;
    },
    async isSignedIn() {
      return !signedOut;
    },
  };
}
