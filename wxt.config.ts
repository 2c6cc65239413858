import path from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readBuildSettings } from './src/config/build-settings-node';

// Build-time settings are read once here (for the manifest) and exposed to the bundles through
// import.meta.env (see src/config/build-settings.ts). Nothing here is read at run time.
const settings = readBuildSettings(process.env);

// Pages that exist only in benchmark and storage-test builds (never in `npm run build`): an
// extension page bundling the storage code, so IndexedDB is measured and tested in the extension's
// own origin. test/e2e/storage.test.ts checks that the release build does not contain it.
const STORAGE_HARNESS_MODES = new Set(['bench', 'e2e-storage']);

export default defineConfig({
  imports: false,
  hooks: {
    'entrypoints:resolved': (wxt, entrypoints) => {
      if (!STORAGE_HARNESS_MODES.has(wxt.config.mode)) return;
      entrypoints.push({
        type: 'unlisted-page',
        name: 'storage-harness',
        inputPath: path.resolve(import.meta.dirname, 'test/bench/storage-harness/index.html'),
        outputDir: wxt.config.outDir,
        options: {},
        skipped: false,
      });
    },
  },
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  manifest: ({ browser }) => {
    const hostPermissions = ['https://calendar.google.com/*', 'https://www.googleapis.com/*'];
    if (settings.calendarApiOrigin && !hostPermissions.includes(`${settings.calendarApiOrigin}/*`)) {
      hostPermissions.push(`${settings.calendarApiOrigin}/*`);
    }
    const permissions = ['storage', 'unlimitedStorage', 'alarms', 'identity'];
    return {
      name: '1:1 Companion',
      description:
        'Prepared, recorded, followed-up 1:1s inside Google Calendar. Local-first; private notes never leave this browser.',
      permissions,
      host_permissions: hostPermissions,
      ...(settings.extensionKey && browser !== 'firefox' ? { key: settings.extensionKey } : {}),
      ...(settings.googleClientId && browser !== 'firefox'
        ? {
            oauth2: {
              client_id: settings.googleClientId,
              scopes: ['https://www.googleapis.com/auth/calendar.events'],
            },
          }
        : {}),
      web_accessible_resources: [
        { resources: ['sidebar.html'], matches: ['https://calendar.google.com/*'] },
      ],
      ...(browser === 'firefox'
        ? { browser_specific_settings: { gecko: { id: 'one-on-one-companion@extension' } } }
        : {}),
    };
  },
});
