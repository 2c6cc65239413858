// Real Chromium with the built extension loaded, driven by playwright-core. Uses Debian's
// chromium (never a downloaded browser).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH; try the next name
    }
  }
  throw new Error('Chromium was not found: install Debian\'s chromium (apt-get install -y chromium) or set CHROMIUM_PATH');
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  userDataDir: string;
  /** Closes the browser; removes the profile unless it was passed in. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * A profile folder to reuse (browser restart tests); a fresh temporary one when absent. Either
   * way Chromium's default settings apply (third-party cookies blocked, in this Chromium): the
   * product must work under them, so no test or demo writes preferences into a profile.
   */
  userDataDir?: string;
  headless?: boolean;
  viewport?: { width: number; height: number } | null;
}

export async function launchWithExtension(extensionPath: string, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const ownsProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'one-on-one-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    viewport: options.viewport === undefined ? { width: 1400, height: 900 } : options.viewport,
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // The stand-in Calendar page (https://calendar.google.com) may talk to the local fake API.
  await context.grantPermissions(['local-network-access'], { origin: 'https://calendar.google.com' }).catch(() => {});
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    userDataDir,
    async close() {
      await context.close();
      if (ownsProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export function extensionPageUrl(extensionId: string, page: string): string {
  return `chrome-extension://${extensionId}/${page}`;
}
