import { describe, expect, it } from 'vitest';
import { memoryFlag, NotSignedInError } from '../../src/auth/token-provider';
import { authUrl, createWebAuthFlowProvider, GOOGLE_AUTH_URL, memoryTokenStore, readAuthResponse } from '../../src/auth/web-auth-flow';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const SCOPE = 'https://www.googleapis.com/auth/calendar.events';
const NOW = 1_800_000_000_000;

describe('reading Google\'s answer', () => {
  it.each([
    ['a token', `${REDIRECT}#access_token=ya29.x&token_type=Bearer&expires_in=3599&scope=${encodeURIComponent(SCOPE)}&state=s1`, { ok: true, token: { accessToken: 'ya29.x', expiresAt: NOW + 3_599_000 } }],
    ['a token without expiry (an hour is assumed)', `${REDIRECT}#access_token=ya29.y&state=s1`, { ok: true, token: { accessToken: 'ya29.y', expiresAt: NOW + 3_600_000 } }],
    ['another sign-in\'s answer', `${REDIRECT}#access_token=ya29.x&state=other`, { ok: false, reason: 'The sign-in answer did not belong to this sign-in' }],
    ['a refusal', `${REDIRECT}#error=access_denied&state=s1`, { ok: false, reason: 'Google did not sign you in (access_denied)', cancelled: true }],
    ['a silent sign-in that needs the user', `${REDIRECT}#error=interaction_required&state=s1`, { ok: false, reason: 'Google did not sign you in (interaction_required)' }],
    ['calendar access unticked', `${REDIRECT}#access_token=ya29.x&state=s1&scope=email`, { ok: false, reason: 'Access to Google Calendar events was not granted' }],
    ['no token', `${REDIRECT}#state=s1`, { ok: false, reason: 'Google sent no access token' }],
    ['a closed window', undefined, { ok: false, reason: 'The sign-in window was closed', cancelled: true }],
    ['not a URL', 'nonsense', { ok: false, reason: 'Google answered the sign-in with something that is not a URL' }],
  ])('%s', (_name, url, expected) => {
    expect(readAuthResponse(url, 's1', NOW)).toEqual(expected);
  });

  it('asks for calendar.events only, a token (no code, no secret), on the browser\'s redirect URL', () => {
    const url = new URL(authUrl({ clientId: 'client-1.apps.googleusercontent.com', redirectUri: REDIRECT, state: 's1', interactive: false }));
    expect(`${url.origin}${url.pathname}`).toBe(GOOGLE_AUTH_URL);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-1.apps.googleusercontent.com',
      response_type: 'token',
      redirect_uri: REDIRECT,
      scope: SCOPE,
      state: 's1',
      prompt: 'none',
    });
  });
});

describe('web auth flow provider', () => {
  function setup(options: { grant?: boolean } = {}) {
    let now = NOW;
    let counter = 0;
    const launches: { url: string; interactive: boolean }[] = [];
    let grant = options.grant ?? false;
    const tokens = memoryTokenStore();
    const signedOut = memoryFlag();
    const provider = createWebAuthFlowProvider({
      api: {
        getRedirectURL: () => REDIRECT,
        async launchWebAuthFlow(details) {
          launches.push(details);
          const state = new URL(details.url).searchParams.get('state');
          if (!grant && !details.interactive) return `${REDIRECT}#error=interaction_required&state=${state}`;
          grant = true;
          return `${REDIRECT}#access_token=token-${++counter}&expires_in=3600&scope=${encodeURIComponent(SCOPE)}&state=${state}`;
        },
      },
      clientId: 'client-1',
      tokens,
      signedOut,
      now: () => now,
    });
    return { provider, launches, tokens, signedOut, advance: (ms: number) => (now += ms) };
  }

  it('signs in interactively, then uses the stored token until it nearly expires, then renews it silently', async () => {
    const { provider, launches, tokens, advance } = setup();
    await expect(provider.getAccessToken({ interactive: false })).rejects.toBeInstanceOf(NotSignedInError);
    expect(await provider.signIn()).toEqual({ ok: true });
    expect(launches.map((l) => l.interactive)).toEqual([false, true]);
    expect(await provider.getAccessToken({ interactive: false })).toBe('token-1');
    expect(tokens.value).toEqual({ accessToken: 'token-1', expiresAt: NOW + 3_600_000 });
    advance(3_600_000 - 30_000);
    expect(await provider.getAccessToken({ interactive: false })).toBe('token-2');
    expect(launches.at(-1)).toMatchObject({ interactive: false });
    expect(new URL(launches.at(-1)!.url).searchParams.get('prompt')).toBe('none');
  });

  it('forgets a refused token and fetches another', async () => {
    const { provider } = setup({ grant: true });
    const first = await provider.getAccessToken({ interactive: false });
    expect(await provider.getAccessToken({ interactive: false, invalidate: first })).toBe('token-2');
  });

  it('signing out forgets the token; nothing is fetched silently until signing in', async () => {
    const { provider, launches, tokens } = setup({ grant: true });
    await provider.getAccessToken({ interactive: false });
    await provider.signOut();
    expect(tokens.value).toBeUndefined();
    const before = launches.length;
    await expect(provider.getAccessToken({ interactive: false })).rejects.toThrow(/Signed out/);
    expect(await provider.isSignedIn()).toBe(false);
    expect(launches).toHaveLength(before);
    expect(await provider.signIn()).toEqual({ ok: true });
    expect(await provider.isSignedIn()).toBe(true);
  });

  it('a closed sign-in window is a cancelled sign-in', async () => {
    const closing = createWebAuthFlowProvider({
      api: { getRedirectURL: () => REDIRECT, launchWebAuthFlow: async () => Promise.reject(new Error('The user did not approve access.')) },
      clientId: 'c',
      tokens: memoryTokenStore(),
      signedOut: memoryFlag(),
    });
    expect(await closing.signIn()).toEqual({ ok: false, reason: 'The user did not approve access.', cancelled: true });
  });
});
