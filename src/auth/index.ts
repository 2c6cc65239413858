// Signing in to Google for Calendar API access; see token-provider.ts.
export { createTokenProvider } from './create-provider';
export { createChromeIdentityProvider, type ChromeIdentityApi } from './chrome-identity';
export {
  authUrl,
  createWebAuthFlowProvider,
  GOOGLE_AUTH_URL,
  memoryTokenStore,
  readAuthResponse,
  StoredToken,
  type AuthResponse,
  type TokenStore,
  type WebAuthApi,
} from './web-auth-flow';
export {
  CALENDAR_EVENTS_SCOPE,
  memoryFlag,
  NotSignedInError,
  unavailableTokenProvider,
  type FlagStore,
  type SignInResult,
  type TokenProvider,
  type TokenRequest,
} from './token-provider';
