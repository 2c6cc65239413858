// The web auth flow (`identity.launchWebAuthFlow`): Google's OAuth 2.0 implicit token flow with
// the redirect URI the browser gives the extension (`identity.getRedirectURL()`), for browsers
// without Chrome's getAuthToken (Firefox, Edge, Chromium). No client secret is involved: the
// implicit flow hands the token to the redirect URI directly.
//
// The token and its expiry are kept in `storage.session` (in memory, for this browser session,
// readable by the extension's own pages and worker only): a service worker that stops and starts
// again keeps using it until it expires; then a non-interactive flow (`prompt=none`) gets a new
// one while the user's Google session and grant last. Signing out forgets the token and
// remembers the choice, so nothing is fetched silently until the user signs in again.
import * as z from 'zod/mini';
import {
  CALENDAR_EVENTS_SCOPE,
  errorText,
  type FlagStore,
  NotSignedInError,
  type SignInResult,
  type TokenProvider,
  type TokenRequest,
} from './token-provider';

export const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
/** A token this close to its expiry is not used any more. */
const EXPIRY_MARGIN_MS = 60_000;

export interface WebAuthApi {
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
  getRedirectURL(): string;
}

export const StoredToken = z.object({
  accessToken: z.string().check(z.minLength(1)),
  expiresAt: z.number(),
});
export type StoredToken = z.infer<typeof StoredToken>;

/** Where the token lives between service-worker restarts (storage.session in the extension). */
export interface TokenStore {
  load(): Promise<unknown>;
  save(token: StoredToken | undefined): Promise<void>;
}

export function memoryTokenStore(): TokenStore & { value: StoredToken | undefined } {
  const store = {
    value: undefined as StoredToken | undefined,
    load: async () => store.value,
    save: async (token: StoredToken | undefined) => {
      store.value = token;
    },
  };
  return store;
}

export type AuthResponse = { ok: true; token: StoredToken } | { ok: false; reason: string; cancelled?: boolean };

/** The URL that starts Google's implicit flow. */
export function authUrl(options: { clientId: string; redirectUri: string; state: string; interactive: boolean }): string {
  const params = new URLSearchParams({
    client_id: options.clientId,
    response_type: 'token',
    redirect_uri: options.redirectUri,
    scope: CALENDAR_EVENTS_SCOPE,
    state: options.state,
    // Interactive: let a user with several Google accounts choose; otherwise show nothing.
    prompt: options.interactive ? 'select_account' : 'none',
  });
  return `${GOOGLE_AUTH_URL}?${params.toString()}`;
}

/** Reads the redirect Google sent back (`…#access_token=…&expires_in=…&state=…`); never throws. */
export function readAuthResponse(responseUrl: string | undefined, expectedState: string, now: number): AuthResponse {
  if (!responseUrl) return { ok: false, reason: 'The sign-in window was closed', cancelled: true };
  let url: URL;
  try {
    url = new URL(responseUrl);
  } catch {
    return { ok: false, reason: 'Google answered the sign-in with something that is not a URL' };
  }
  const params = new URLSearchParams(url.hash.startsWith('#') ? url.hash.slice(1) : url.search.slice(1));
  const error = params.get('error');
  if (error) {
    return {
      ok: false,
      reason: `Google did not sign you in (${error})`,
      ...((error === 'access_denied' || error === 'user_cancelled') && { cancelled: true }),
    };
  }
  if (params.get('state') !== expectedState) return { ok: false, reason: 'The sign-in answer did not belong to this sign-in' };
  const accessToken = params.get('access_token');
  if (!accessToken) return { ok: false, reason: 'Google sent no access token' };
  const scope = params.get('scope');
  if (scope !== null && !scope.split(/\s+/).includes(CALENDAR_EVENTS_SCOPE)) {
    return { ok: false, reason: 'Access to Google Calendar events was not granted' };
  }
  const seconds = Number(params.get('expires_in') ?? '3600');
  const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 3_600_000;
  return { ok: true, token: { accessToken, expiresAt: now + lifetime } };
}

function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function createWebAuthFlowProvider(options: {
  api: WebAuthApi;
  clientId: string;
  tokens: TokenStore;
  signedOut: FlagStore;
  now?: () => number;
  state?: () => string;
}): TokenProvider {
  const now = options.now ?? Date.now;
  const newState = options.state ?? randomState;

  async function stored(): Promise<StoredToken | undefined> {
    const parsed = StoredToken.safeParse(await options.tokens.load().catch(() => undefined));
    return parsed.success ? parsed.data : undefined;
  }

  async function launch(interactive: boolean): Promise<AuthResponse> {
    const state = newState();
    const url = authUrl({ clientId: options.clientId, redirectUri: options.api.getRedirectURL(), state, interactive });
    let responseUrl: string | undefined;
    try {
      responseUrl = await options.api.launchWebAuthFlow({ url, interactive });
    } catch (error) {
      const reason = errorText(error);
      return { ok: false, reason, ...(/did not approve|closed|cancel/i.test(reason) && { cancelled: true }) };
    }
    const answer = readAuthResponse(responseUrl, state, now());
    if (answer.ok) await options.tokens.save(answer.token);
    return answer;
  }

  return {
    kind: 'web-auth-flow',
    async getAccessToken(request: TokenRequest) {
      const current = await stored();
      if (current && request.invalidate === current.accessToken) await options.tokens.save(undefined);
      else if (current && current.expiresAt - EXPIRY_MARGIN_MS > now()) return current.accessToken;
      if (!request.interactive && (await options.signedOut.get())) throw new NotSignedInError('Signed out of 1:1 Companion');
      const answer = await launch(request.interactive);
      if (!answer.ok) throw new NotSignedInError(`Not signed in to Google: ${answer.reason}`);
      return answer.token.accessToken;
    },
    async signIn(): Promise<SignInResult> {
      const answer = await launch(true);
      if (!answer.ok) return answer;
      await options.signedOut.set(false);
      return { ok: true };
    },
    async signOut() {
      await options.signedOut.set(true);
      await options.tokens.save(undefined);
    },
    async isSignedIn() {
      if (await options.signedOut.get()) return false;
      const current = await stored();
      return current !== undefined && current.expiresAt - EXPIRY_MARGIN_MS > now();
    },
  };
}
