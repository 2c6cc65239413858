// Runs the fake Calendar API on its own, for the demo and for poking at it by hand:
//
//   npx vite-node test/fake-calendar-api/main.ts -- --port 8787 --seed seed.json
//
// --port (default 8787), --host (default 127.0.0.1), --seed: a JSON file in the SeedData shape
// (see state.ts), or a .ts/.js module whose default export (or `seed` export) is
// `(state, { now }) => void | Promise<void>` — use that for events placed relative to today.
// With no seed, one user `me@example.com` with token `test-token` and an empty calendar.
// Prints the base URL; stops on Ctrl-C / SIGTERM.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFakeCalendarApi } from './server';
import { parseCommandLine, type SeedModule } from './cli';
import type { SeedData } from './state';

async function main(): Promise<void> {
  const parsed = parseCommandLine(process.argv.slice(2));
  if ('error' in parsed) {
    console.error(`fake-calendar-api: ${parsed.error}\nusage: main.ts [--port 8787] [--host 127.0.0.1] [--seed file.json|file.ts]`);
    process.exit(2);
  }
  const api = await startFakeCalendarApi({ port: parsed.port, host: parsed.host });
  if (parsed.seed) {
    const file = path.resolve(parsed.seed);
    if (file.endsWith('.json')) {
      api.state.seed(JSON.parse(readFileSync(file, 'utf8')) as SeedData);
    } else {
      const module = (await import(pathToFileURL(file).href)) as { default?: SeedModule; seed?: SeedModule };
      const seed = module.default ?? module.seed;
      if (typeof seed !== 'function') throw new Error(`${parsed.seed} exports no seed function (default or \`seed\`)`);
      await seed(api.state, { now: api.state.now() });
    }
  } else {
    api.state.addUser({ email: 'me@example.com', token: 'test-token' });
  }
  const users = [...api.state.tokens].map(([token, email]) => `  ${email}  token: ${token}`).join('\n');
  const eventCount = [...api.state.events.values()].reduce((sum, events) => sum + events.size, 0);
  console.log(`Fake Calendar API v3 at ${api.url}\n${users}\n  ${eventCount} events; controls under ${api.origin}/__fake/`);
  const stop = () => {
    void api.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
