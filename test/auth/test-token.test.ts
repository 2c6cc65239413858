import { describe, expect, it } from 'vitest';
import { createTestTokenProvider } from '../../src/auth/test-token';

describe('test-token provider (test builds only)', () => {
  it('is signed in from start-up with the build\'s token; signing out and in flips it', async () => {
    const provider = createTestTokenProvider('fixed-token');
    expect(await provider.isSignedIn()).toBe(true);
    expect(await provider.getAccessToken({ interactive: false })).toBe('fixed-token');
    await provider.signOut();
    expect(await provider.isSignedIn()).toBe(false);
    await expect(provider.getAccessToken({ interactive: false })).rejects.toThrow(/Signed out/);
    expect(await provider.signIn()).toEqual({ ok: true });
    expect(await provider.getAccessToken({ interactive: false })).toBe('fixed-token');
  });
});
