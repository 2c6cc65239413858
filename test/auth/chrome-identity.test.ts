import { describe, expect, it } from 'vitest';
import { createChromeIdentityProvider, type ChromeIdentityApi } from '../../src/auth/chrome-identity';
import { memoryFlag, NotSignedInError, type TokenProvider } from '../../src/auth/token-provider';

/** Chrome's identity API as it behaves: a cached token per grant, refusals as rejected promises. */
function fakeIdentity(options: { granted?: boolean; unsupported?: boolean; userDeclines?: boolean } = {}) {
  let granted = options.granted ?? false;
  let counter = 0;
  let cached: string | undefined;
  const calls: string[] = [];
  const api: ChromeIdentityApi = {
    async getAuthToken({ interactive }) {
      calls.push(`getAuthToken(${interactive})`);
      if (options.unsupported) throw new Error('This API is not supported on Microsoft Edge.');
      if (!granted) {
        if (!interactive) throw new Error('OAuth2 not granted or revoked.');
        if (options.userDeclines) throw new Error('The user did not approve access.');
        granted = true;
      }
      cached ??= `token-${++counter}`;
      return { token: cached, grantedScopes: ['https://www.googleapis.com/auth/calendar.events'] };
    },
    async removeCachedAuthToken({ token }) {
      calls.push(`remove(${token})`);
      if (cached === token) cached = undefined;
    },
    async clearAllCachedAuthTokens() {
      calls.push('clearAll');
      cached = undefined;
    },
  };
  return { api, calls };
}

describe('Chrome identity provider', () => {
  it('is signed out until the user signs in; never shows UI unless asked to', async () => {
    const { api, calls } = fakeIdentity();
    const provider = createChromeIdentityProvider({ identity: api, signedOut: memoryFlag() });
    expect(await provider.isSignedIn()).toBe(false);
    await expect(provider.getAccessToken({ interactive: false })).rejects.toBeInstanceOf(NotSignedInError);
    expect(calls.every((call) => call === 'getAuthToken(false)')).toBe(true);
    expect(await provider.signIn()).toEqual({ ok: true });
    expect(await provider.getAccessToken({ interactive: false })).toBe('token-1');
    expect(await provider.isSignedIn()).toBe(true);
  });

  it('drops a refused token from Chrome\'s cache and answers with a fresh one', async () => {
    const { api, calls } = fakeIdentity({ granted: true });
    const provider = createChromeIdentityProvider({ identity: api, signedOut: memoryFlag() });
    const first = await provider.getAccessToken({ interactive: false });
    const fresh = await provider.getAccessToken({ interactive: false, invalidate: first });
    expect(fresh).not.toBe(first);
    expect(calls).toContain(`remove(${first})`);
  });

  it('signing out forgets the token and stays signed out (no silent token) until signing in again', async () => {
    const { api, calls } = fakeIdentity({ granted: true });
    const flag = memoryFlag();
    const provider = createChromeIdentityProvider({ identity: api, signedOut: flag });
    await provider.getAccessToken({ interactive: false });
    await provider.signOut();
    expect(calls).toEqual(expect.arrayContaining(['remove(token-1)', 'clearAll']));
    expect(flag.value).toBe(true);
    calls.length = 0;
    await expect(provider.getAccessToken({ interactive: false })).rejects.toThrow(/Signed out/);
    expect(await provider.isSignedIn()).toBe(false);
    expect(calls).toEqual([]);
    expect(await provider.signIn()).toEqual({ ok: true });
    expect(flag.value).toBe(false);
    expect(await provider.getAccessToken({ interactive: false })).toBe('token-2');
  });

  it('reports a declined consent as cancelled', async () => {
    const { api } = fakeIdentity({ userDeclines: true });
    const provider = createChromeIdentityProvider({ identity: api, signedOut: memoryFlag() });
    expect(await provider.signIn()).toEqual({ ok: false, reason: 'The user did not approve access.', cancelled: true });
  });

  it('hands over to the fallback for good where getAuthToken is not supported', async () => {
    const { api } = fakeIdentity({ unsupported: true });
    const used: string[] = [];
    const fallback: TokenProvider = {
      kind: 'web-auth-flow',
      getAccessToken: async () => (used.push('token'), 'web-token'),
      signIn: async () => (used.push('signIn'), { ok: true }),
      signOut: async () => void used.push('signOut'),
      isSignedIn: async () => true,
    };
    const provider = createChromeIdentityProvider({ identity: api, signedOut: memoryFlag(), fallback });
    expect(await provider.signIn()).toEqual({ ok: true });
    expect(await provider.getAccessToken({ interactive: false })).toBe('web-token');
    await provider.signOut();
    expect(used).toEqual(['signIn', 'token', 'signOut']);
  });

  it('without a fallback, an unsupported browser is simply signed out', async () => {
    const { api } = fakeIdentity({ unsupported: true });
    const provider = createChromeIdentityProvider({ identity: api, signedOut: memoryFlag() });
    expect(await provider.isSignedIn()).toBe(false);
    expect(await provider.signIn()).toMatchObject({ ok: false, reason: expect.stringMatching(/not supported/) });
  });
});
