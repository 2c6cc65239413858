import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../support/build-extension';
import { extensionPageUrl, launchWithExtension, type ExtensionBrowser } from '../support/chromium';

describe('the built extension in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    const extensionPath = buildExtension({ mode: 'e2e-smoke' });
    browser = await launchWithExtension(extensionPath);
  }, 60_000);
  afterAll(async () => browser?.close());

  it('loads as an MV3 extension with a service worker and its own pages', async () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    const page = await browser.context.newPage();
    await page.goto(extensionPageUrl(browser.extensionId, 'popup.html'));
    expect(await page.title()).toBe('1:1 Companion');
  });
});
