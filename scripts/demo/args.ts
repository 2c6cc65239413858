// The demo's command line (kept apart from main.ts so tests can use it without starting anything).
//
//   npm run demo                          Chromium opens with the extension; Ctrl+C closes it
//   npm run demo -- --screenshot DIR      headless: PNGs of the sidebar, popup and options page

export const USAGE = `usage: npm run demo [-- --screenshot DIR]

  (no options)       opens Chromium with the extension on a stand-in Google Calendar;
                     Ctrl+C closes it
  --screenshot DIR   runs headless and saves PNGs of the sidebar, the popup and the
                     options page into DIR instead
  --help             this text`;

/** Where screenshots go when there is no display to open a browser on. */
export const FALLBACK_SCREENSHOT_DIR = 'demo-screenshots';

export type DemoArgs = { kind: 'run'; screenshotDir?: string } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseDemoArgs(args: readonly string[]): DemoArgs {
  let screenshotDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') continue;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--screenshot' || arg.startsWith('--screenshot=')) {
      const value = arg === '--screenshot' ? args[++i] : arg.slice('--screenshot='.length);
      if (value === undefined || value === '' || value.startsWith('--')) return { kind: 'error', message: '--screenshot needs a folder, e.g. --screenshot /tmp/demo-shots' };
      screenshotDir = value;
      continue;
    }
    return { kind: 'error', message: `unknown argument: ${arg}` };
  }
  return screenshotDir === undefined ? { kind: 'run' } : { kind: 'run', screenshotDir };
}

/**
 * Whether a browser window can be shown. Linux needs an X or Wayland display; macOS and Windows
 * always have one.
 */
export function canShowWindow(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
