// How 1:1 Companion gets an OAuth access token for Calendar API v3 (scope `calendar.events`
// only; the extension holds no client secret). Three implementations:
// - chrome-identity.ts: Google Chrome's `identity.getAuthToken`, with the manifest's `oauth2` block;
// - web-auth-flow.ts: `identity.launchWebAuthFlow` (Firefox, Edge, Chromium without a Google
//   account in the profile), the implicit token flow on `identity.getRedirectURL()`;
// - test-token.ts: test builds only (WXT_TEST_ACCESS_TOKEN), removed from release builds.
// Who the user is comes from the API (the primary calendar's id), never from the provider.

export const CALENDAR_EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';

export interface TokenRequest {
  /** May show sign-in UI (only on a user's click: the popup's or the options page's button). */
  interactive: boolean;
  /** A token Google refused (401): forget it before answering. */
  invalidate?: string;
}

export type SignInResult =
  | { ok: true }
  /** `cancelled`: the user closed the sign-in window or did not approve. */
  | { ok: false; reason: string; cancelled?: boolean };

export interface TokenProvider {
  readonly kind: 'chrome-identity' | 'web-auth-flow' | 'test-token' | 'unavailable';
  /** A token, or a rejection (NotSignedInError) when none can be had without the user. */
  getAccessToken(request: TokenRequest): Promise<string>;
  /** Interactive: shows Google's sign-in and consent as needed. */
  signIn(): Promise<SignInResult>;
  /** Forgets the token and stays signed out until signIn (no silent sign-in afterwards). */
  signOut(): Promise<void>;
  /** Whether a token can be had without showing anything. */
  isSignedIn(): Promise<boolean>;
}

export class NotSignedInError extends Error {
  constructor(message = 'Not signed in to Google') {
    super(message);
    this.name = 'NotSignedInError';
  }
}

/** A persisted yes/no (the user signed out on purpose), e.g. in storage.local. */
export interface FlagStore {
  get(): Promise<boolean>;
  set(value: boolean): Promise<void>;
}

export function memoryFlag(initial = false): FlagStore & { value: boolean } {
  const flag = {
    value: initial,
    get: async () => flag.value,
    set: async (value: boolean) => {
      flag.value = value;
    },
  };
  return flag;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}

/** A provider for builds without an OAuth client id: always signed out, says why. */
export function unavailableTokenProvider(reason: string): TokenProvider {
  return {
    kind: 'unavailable',
    getAccessToken: async () => {
      throw new NotSignedInError(reason);
    },
    signIn: async () => ({ ok: false, reason }),
    signOut: async () => {},
    isSignedIn: async () => false,
  };
}
