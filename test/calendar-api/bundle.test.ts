// The client runs in a service worker: its bundle must hold no Node built-ins and nothing of the
// googleapis family (whose types it uses through `import type`, which must leave zero bytes).
import path from 'node:path';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

async function bundle(entry: string): Promise<string> {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: path.join(root, entry), formats: ['es'], fileName: 'out' },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  return outputs
    .flatMap((each) => each.output)
    .map((chunk) => (chunk.type === 'chunk' ? chunk.code : ''))
    .join('\n');
}

describe('the calendar-api bundle', () => {
  it('contains no googleapis code and imports nothing from Node', async () => {
    const code = await bundle('src/calendar-api/index.ts');
    expect(code).toContain('sendUpdates'); // it is the client
    expect(code).not.toMatch(/googleapis-common|gaxios|google-auth-library|@googleapis\/calendar/);
    expect(code).not.toMatch(/from\s+["'](node:|fs|http|https|stream|crypto|url|os)["']/);
    expect(code).not.toMatch(/\brequire\(/);
    console.log(`calendar-api bundle (zod/mini included, not minified): ${(code.length / 1024).toFixed(1)} KiB`);
  }, 60_000);

  it('a module that only imports types from @googleapis/calendar bundles to nothing of it', async () => {
    const code = await bundle('test/calendar-api/fixtures/type-only-import.ts');
    expect(code).not.toMatch(/googleapis|gaxios/);
    expect(code.length).toBeLessThan(300);
  }, 60_000);
});
