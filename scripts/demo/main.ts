// `npm run demo [-- --screenshot DIR]`: 1:1 Companion working, with no Google account and no
// network. See demo.ts for the steps and seed.ts / team.ts for the data.
import path from 'node:path';
import { findChromium } from '../../test/support/chromium';
import { canShowWindow, FALLBACK_SCREENSHOT_DIR, parseDemoArgs, USAGE } from './args';
import { overdueRows, startDemo, type DemoSession } from './demo';
import { PRIYA } from './team';

function fail(message: string, code = 1): never {
  console.error(`demo: ${message}`);
  process.exit(code);
}

function describeTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toLocaleString('en-US', { weekday: 'short', hour: 'numeric', minute: '2-digit' });
}

function tryThis(session: DemoSession): string {
  const { featured, overdue, week } = session.seeded;
  const priya = week.find((event) => event.summary === PRIYA.title);
  return [
    `1:1 Companion is running in Chromium (ready in ${session.readySeconds.toFixed(1)} s), on a stand-in Google Calendar with a fake Calendar API. Try:`,
    `  • Click "${featured.event.summary}" (${describeTime(featured.event.start?.dateTime)}): the sidebar docks beside the event with the last`,
    `    1:1's notes, open action items and ${featured.member.name.split(' ')[0]}'s targets. Type shared notes: they are written into the`,
    `    event's description within seconds. Private notes stay in this browser.`,
    ...(priya ? [`  • Click "${PRIYA.title}" (${describeTime(priya.start?.dateTime)}): a 1:1 with no guests, known by its title.`] : []),
    `  • Open the extension (puzzle-piece icon in the toolbar → 1:1 Companion; pin it): ${overdue.name} is overdue,`,
    `    then today's and this week's 1:1s and what you owe people.`,
    `  • Its Settings (the gear): people with their levels, targets with pace, each person's history.`,
    `Ctrl+C here closes the browser and the fake Calendar API.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    console.log(USAGE);
    return;
  }
  if (args.kind === 'error') fail(`${args.message}\n${USAGE}`, 2);

  try {
    findChromium();
  } catch {
    fail(
      'Chromium was not found. The demo runs Debian\'s chromium (never a downloaded browser):\n' +
        '  sudo apt-get install -y chromium\n' +
        'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    );
  }

  let screenshotDir = args.screenshotDir;
  if (screenshotDir === undefined && !canShowWindow(process.platform, process.env)) {
    screenshotDir = FALLBACK_SCREENSHOT_DIR;
    console.log(`No display (DISPLAY and WAYLAND_DISPLAY are unset), so no browser window: saving screenshots to ./${FALLBACK_SCREENSHOT_DIR} instead.`);
  }

  let session: DemoSession | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await session?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    session = await startDemo({ ...(screenshotDir !== undefined && { screenshotDir: path.resolve(screenshotDir) }) });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  if (screenshotDir !== undefined) {
    // The popup was waited for before its screenshot; read its overdue rows once more to print them.
    const popup = await session.browser.context.newPage();
    await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html`);
    await popup.getByRole('list', { name: 'Overdue' }).waitFor({ timeout: 10_000 }).catch(() => {});
    const rows = await overdueRows(popup).catch(() => []);
    console.log(`Popup, overdue: ${rows.join('; ') || '(none)'}`);
    console.log(`Screenshots (${session.readySeconds.toFixed(1)} s to ready, ${((Date.now() - session.startedAt) / 1000).toFixed(1)} s in all):`);
    for (const file of session.screenshots) console.log(`  ${file.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), file) : file}`);
    await stop(0);
    return;
  }

  console.log(tryThis(session));
  // Closing the browser window ends the demo too.
  session.browser.context.on('close', () => void stop(0));
}

void main();
