// A release build cannot be talked into a fake token (CONTRACT.md "Build"): built without
// WXT_TEST_ACCESS_TOKEN it holds neither a token nor the test-token code path, and nothing in it
// takes a token from a message or from storage. A build with a marker token shows the check can
// see both. Also: the manifest asks for the least it needs, and the `key` fixes the extension id.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN_PROVIDER_LABEL } from '../../src/auth/test-token';
import { buildExtension } from '../support/build-extension';
import { extensionPageUrl, launchWithExtension, type ExtensionBrowser } from '../support/chromium';

const MARKER = `token-marker-${createHash('sha256').update(String(process.pid)).digest('hex').slice(0, 16)}`;
const CLIENT_ID = '123456789012-releasecheck.apps.googleusercontent.com';
const SCOPE = 'https://www.googleapis.com/auth/calendar.events';

// A fresh key pair, as a publisher makes once (README): the manifest `key` is the public key
// (SubjectPublicKeyInfo, DER, base64); the extension id is the first 128 bits of its SHA-256,
// written with the letters a–p.
const publicKeyDer = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
const EXTENSION_KEY = publicKeyDer.toString('base64');
const EXPECTED_ID = [...createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32)]
  .map((digit) => String.fromCharCode(97 + parseInt(digit, 16)))
  .join('');

function allText(folder: string): string {
  let text = '';
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) text += allText(file);
    else if (/\.(js|mjs|html|json|css|txt)$/.test(name)) text += `\n${readFileSync(file, 'utf8')}`;
  }
  return text;
}

let release: string;
let tokenBuild: string;
let browser: ExtensionBrowser | undefined;

describe('the release build', () => {
  beforeAll(() => {
    release = buildExtension({ mode: 'release-check', env: { WXT_GOOGLE_CLIENT_ID: CLIENT_ID, WXT_EXTENSION_KEY: EXTENSION_KEY } });
    tokenBuild = buildExtension({ mode: 'token-check', env: { WXT_TEST_ACCESS_TOKEN: MARKER } });
  }, 120_000);
  afterAll(async () => browser?.close());

  it('holds neither a test token nor the test-token code path (a test build holds both)', () => {
    const tokenText = allText(tokenBuild);
    expect(tokenText).toContain(MARKER);
    expect(tokenText).toContain(TEST_TOKEN_PROVIDER_LABEL);
    const releaseText = allText(release);
    expect(releaseText).not.toContain(MARKER);
    expect(releaseText).not.toContain(TEST_TOKEN_PROVIDER_LABEL);
    expect(releaseText).not.toContain('WXT_TEST_ACCESS_TOKEN');
    expect(releaseText).not.toContain('test-token');
    // It is the product: the sync engine and the identity API are in it.
    expect(releaseText).toContain('sendUpdates');
    expect(releaseText).toContain('getAuthToken');
  });

  it('asks for the least it needs: two hosts, the calendar.events scope, no tabs, no <all_urls>', () => {
    const manifest = JSON.parse(readFileSync(path.join(release, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.host_permissions).toEqual(['https://calendar.google.com/*', 'https://www.googleapis.com/*']);
    const permissions = manifest.permissions as string[];
    expect(permissions).not.toContain('tabs');
    expect(permissions).not.toContain('<all_urls>');
    expect(JSON.stringify(manifest)).not.toMatch(/<all_urls>|\*:\/\/\*\.google\.com|https:\/\/\*\./);
    expect(manifest.oauth2).toEqual({ client_id: CLIENT_ID, scopes: [SCOPE] });
    expect(manifest.key).toBe(EXTENSION_KEY);
    expect(JSON.stringify(manifest.content_security_policy ?? '')).not.toMatch(/https?:/);
  });

  it('in Chromium: the key fixes the extension id, and no message or stored value signs it in', async () => {
    browser = await launchWithExtension(release);
    expect(browser.extensionId).toBe(EXPECTED_ID);
    const page = await browser.context.newPage();
    await page.goto(extensionPageUrl(browser.extensionId, 'popup.html'));
    const answers = await page.evaluate(async (token) => {
      const chrome = (globalThis as unknown as {
        chrome: {
          runtime: { sendMessage(message: unknown): Promise<unknown> };
          storage: { local: { set(items: object): Promise<void> } };
        };
      }).chrome;
      await chrome.storage.local.set({ accessToken: token, token, 'auth.token': token, 'auth.signedOut': false });
      const send = (message: unknown) => chrome.runtime.sendMessage(message).catch((error: unknown) => ({ thrown: String(error) }));
      return {
        smuggledSignIn: await send({ type: 'auth:sign-in', token }),
        smuggledChange: await send({ type: 'sync:changed', account: 'me@example.com', meetingId: 'me@example.com|abcdefgh', accessToken: token }),
        setToken: await send({ type: 'auth:set-token', token }),
        status: await send({ type: 'auth:status' }),
        summary: await send({ type: 'sync:summary' }),
      };
    }, MARKER);
    expect(answers.smuggledSignIn).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid message/) });
    expect(answers.smuggledChange).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid message/) });
    expect(answers.setToken).toMatchObject({ ok: false });
    expect(answers.status).toMatchObject({ ok: true, account: { state: 'signed-out' } });
    expect(answers.summary).toMatchObject({ ok: true, summary: { kind: 'signed-out' } });
  });
});
